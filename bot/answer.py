"""Query + store -> Answer: which kind of answer a question gets, and the data it is drawn from."""

from __future__ import annotations

from bot.across import CityIndex, across, extreme, survey
from bot.facts import FIELD_TOPIC, compare, fact, membership, overview
from bot.reply import Answer
from bot.texts import heading, t
from bot.understand import Catalog, Query, understand
from knowledge.facts import FactsReader
from knowledge.models import Snapshot


class Engine:
    """Answers questions from a store; rebuilds its name catalog and city index only when the store changes."""

    def __init__(self, store: FactsReader) -> None:
        self.store = store
        self._built_for: object = None
        self._catalog: Catalog | None = None
        self._index: CityIndex | None = None

    def _refresh(self) -> tuple[Catalog, CityIndex]:
        cities = self.store.cities()
        if self._catalog is None or self._index is None or self._built_for is not cities:
            self._index = CityIndex(cities)
            self._catalog = Catalog.build(self._index.snapshots)
            self._built_for = cities
        return self._catalog, self._index

    @property
    def catalog(self) -> Catalog:
        return self._refresh()[0]

    @property
    def index(self) -> CityIndex:
        return self._refresh()[1]

    @property
    def current(self) -> dict[str, Snapshot]:
        """Each city's current version, by store key."""
        return self.index.snapshots

    def ask(self, text: str) -> Answer:
        q = understand(text, self.catalog)
        return self.answer(q)

    def answer(self, q: Query) -> Answer:
        a = Answer(q.lang, topic=q.topic)
        current = self.current
        snaps = [current[k] for k in q.cities if k in current]
        a.cities = list(q.cities)
        kind = q.kind
        if kind == "compare" and q.country and len(snaps) < 2:  # "compare Saltillo with other Mexican cities"
            extra = [k for k in self.index.keys if k in self.index.countries.get(q.country, ()) and k not in q.cities]
            a.cities = q.cities + extra[: 5 - len(snaps)]
            snaps = [current[k] for k in a.cities]
        if kind == "unknown_city":
            a.understood = False
            a.add(t("unknown_city", a.lang, name=q.unknown))
            a.suggestions = q.suggestions
            if q.suggestions:
                a.add(t("did_you_mean", a.lang, names=", ".join(current[k].city for k in q.suggestions)))
        elif kind == "compare" and len(snaps) < 2:
            names = self.index.names(self.index.keys[:2]) or ["Saltillo"]
            a.add(t("compare_need_two", a.lang, a=names[0], b=names[-1]))
            if snaps:
                overview(a, snaps[0], q)
        elif kind == "compare":
            compare(a, snaps, q)
        elif kind in ("overview", "fact"):
            snap = self._version_of_year(a, q) or snaps[0]
            overview(a, snap, q) if kind == "overview" else self._fact(a, snap, q)
        elif kind == "survey":
            survey(a, self.index, q)
        elif kind == "extreme":
            extreme(a, self.index, q)
        elif kind == "across":
            across(a, self.index, q)
        elif kind == "which_city":
            a.understood = False
            example = self.index.names(self.index.keys[:1]) or ["Saltillo"]
            a.add(t("which_city", a.lang, count=len(self.index.keys),
                    example=f"{example[0]} {heading(q.topic or 'population', a.lang).lower()}"))
        else:
            self.help(a)
        return a

    def _version_of_year(self, a: Answer, q: Query) -> Snapshot | None:
        """'Denver's mayor in 2016': the version of the page from that year, said so; else the current one."""
        if q.year is None:
            return None
        city = self.store.get(q.cities[0])
        if city is None:
            return None
        for v in reversed(city.versions):
            s = v.snapshot
            if q.year in (s.pdf_produced_in, s.population.year if s.population else None):
                if v is not city.current_version:
                    a.add(t("older_version", a.lang, city=s.city, year=q.year), "note")
                return s
        a.add(t("no_version", a.lang, city=city.current.city, year=q.year,
                current=city.current.page_year or "?"), "note")
        return None

    def _fact(self, a: Answer, s: Snapshot, q: Query) -> None:
        """A named value ("… focus on transport?") asks whether the city has it; otherwise the topic."""
        named = [(f, label) for f, label in q.values if f in FIELD_TOPIC and q.topic in (None, FIELD_TOPIC[f])]
        if named:
            membership(a, s, q, *named[0])
        else:
            fact(a, s, q, q.topic or "data")

    def help(self, a: Answer) -> None:
        a.understood = False
        a.add(t("help", a.lang, count=len(self.index.keys)))
        names = self.index.names(self.index.keys[:2]) or ["Saltillo"]
        first, second = names[0], names[min(1, len(names) - 1)]
        examples = {
            "en": [f"Who is the mayor of {first}?", f"Compare {first} and {second} on policy areas",
                   "Which cities focus on transport?"],
            "es": [f"¿Quién es el alcalde de {first}?", f"Compara {first} y {second} en áreas de política",
                   "¿Qué ciudades se enfocan en transporte?"],
        }
        a.bullets(examples[a.lang])
