"""Query + store -> Answer: which kind of answer a question gets, and the data it is drawn from.

An answer never answers a question nobody asked: what the bot took a word for, which city a
follow-up was taken to be about, and what it did not understand are said before the facts, and a
question about something the snapshots do not hold gets "I don't have that" and what it can tell.
"""

from __future__ import annotations

from bot.across import RANKED, CityIndex, across, extreme, survey
from bot.facts import compare, count_of, covers, fact, membership, overview, populous
from bot.query import Query
from bot.render import change_line
from bot.reply import Answer, Line
from bot.texts import YES_NO, join_and, t, topic_name
from bot.topics import FIELD_TOPIC, NEXT_TOPICS, OVERVIEW, counted_name, heading
from bot.understand import Catalog, understand
from knowledge import labels
from knowledge.diff import changes
from knowledge.facts import City, FactsReader
from knowledge.models import Snapshot

OFFER = (*OVERVIEW, *(tp for tp in NEXT_TOPICS if tp not in OVERVIEW), "success_factors", "roles")


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

    def ask(self, text: str, lang: str | None = None) -> Answer:
        """A question on its own, without a conversation."""
        return self.answer(understand(text, self.catalog, None, lang))

    def answer(self, q: Query) -> Answer:
        a = Answer(q.lang, topic=q.topic)
        current = self.current
        a.cities = [k for k in q.cities if k in current]
        kind = q.kind
        self._preamble(a, q, kind)
        before = len(a.lines)
        if kind == "out_of_scope":
            self._out_of_scope(a, q)
        elif kind == "unknown_city":
            a.understood = False
            a.add(t("unknown_city", a.lang, name=q.unknown))
            a.suggestions = q.suggestions
            if q.suggestions:
                a.add(t("did_you_mean", a.lang, names=", ".join(current[k].city for k in q.suggestions)))
        elif kind == "versions":
            self._versions(a, q)
        elif kind == "compare":
            self._compare(a, q)
        elif kind in ("overview", "fact"):
            snap = self._version_asked(a, q) or current[a.cities[0]]
            if kind == "overview":
                overview(a, snap, q)
            else:
                self._fact(a, snap, q)
        elif kind == "survey":
            survey(a, self.index, q)
        elif kind == "extreme":
            extreme(a, self.index, q)
            if a.cities and q.topic not in (None, "population") and a.topic == "population":  # "the mayor of the
                a.topic = q.topic  # largest of them", "the policy areas of the smallest Argentine city"
                self._fact(a, current[a.cities[0]], q)
        elif kind == "across":
            across(a, self.index, q)
        elif kind == "farewell":
            a.add(t("farewell", a.lang, count=len(self.index.keys)))
        elif kind == "aggregate":
            a.understood = False
            a.add(t("aggregate", a.lang))
        elif kind == "which_city":
            a.understood = False
            example = self.index.names(self.index.keys[:1]) or ["Saltillo"]
            a.add(t("which_city", a.lang, count=len(self.index.keys),
                    example=f"{example[0]} {heading(q.topic or 'population', a.lang).lower()}"))
        else:
            self.help(a)
        if q.corrections and kind != "out_of_scope":  # said after the answer, which stays first
            taken = ", ".join(f"“{w}” → {self._display(c, a.lang)}" for w, c in q.corrections)
            a.lines.insert(before if kind == "unknown_city" else len(a.lines), Line(t("taken_as", a.lang, taken=taken), "note"))
        return a

    # ---- what the answer says before the facts -------------------------------------------------

    def _preamble(self, a: Answer, q: Query, kind: str) -> None:
        """Typos taken for something, a follow-up's city, words not understood: said, not hidden."""
        if "cities" in q.from_context and q.context and len(q.context.recent) > 1 and kind != "compare" and a.cities:
            a.add(t("about_cities", a.lang, names=" / ".join(self.index.names(a.cities))), "note")
        if "section" in q.from_context:  # "and dedicated funding?" after success factors: read in that section
            fld, label = q.values[-1]
            a.add(t("read_in", a.lang, label=labels.label(label, a.lang), topic=topic_name(FIELD_TOPIC[fld], a.lang)),
                  "note")
        unexplained = q.unexplained if not (kind == "compare" and q.unknowns) else []  # said per unknown city
        if kind in ("fact", "overview", "compare", "across", "extreme") and (unexplained or q.out_of_scope):
            a.understood = False
            words = ", ".join(f"“{w}”" for w in [*q.out_of_scope, *unexplained])
            a.add(t("partial", a.lang, words=words, what=self._reading(a, q)), "note")

    def _display(self, folded: str, lang: str) -> str:
        """A folded name, label or topic word as people read it ("educasion" was taken for "Educación")."""
        key = self.catalog.names.get(folded)
        if key in self.current:
            return self.current[key].city
        value = self.catalog.value_words.get(folded)
        return labels.label(value[1], lang) if value else folded

    def _reading(self, a: Answer, q: Query) -> str:
        names = " / ".join(self.index.names(a.cities))
        asked = q.topics or [FIELD_TOPIC[f] for f, _ in q.values[:1] if f in FIELD_TOPIC]
        topics = ", ".join(topic_name(tp, a.lang) for tp in asked) or t("overview_word", a.lang)
        return f"{topics} — {names}" if names else topics

    def _out_of_scope(self, a: Answer, q: Query) -> None:
        """'Is it raining in Tulsa?': an honest "I don't have that", and what it can tell instead."""
        a.understood = False
        a.topic = None
        words = ", ".join(f"“{w}”" for w in (q.out_of_scope or q.unexplained))
        if not a.cities:
            a.add(t("out_of_scope", a.lang, words=words))
            a.add(t("out_of_scope_scope", a.lang, count=len(self.index.keys)))
            return
        snap = self.current[a.cities[0]]
        if len(a.cities) > 1:  # "the distance between Miami and Atlanta": both stay what "compare the two" is about
            names = join_and(self.index.names(a.cities), a.lang)
            a.add(t("out_of_scope_cities", a.lang, words=words, cities=names))
        else:
            a.add(t("out_of_scope_city", a.lang, words=words, city=snap.city))
        a.offers = [tp for tp in OFFER if covers(snap, tp)][:6]
        a.add(t("can_tell", a.lang, city=snap.city, topics=", ".join(topic_name(tp, a.lang) for tp in a.offers)))

    # ---- named cities ----------------------------------------------------------------------------

    def _compare(self, a: Answer, q: Query) -> None:
        current = self.current
        for words in q.unknowns:  # "compare Denver and Gotham": say so, compare the rest
            close = ", ".join(current[k].city for k in self.catalog.suggest(words))
            a.add(t("unknown_in_compare", a.lang, name=words) + (" " + t("closest", a.lang, names=close) if close else ""),
                  "note")
        if q.country and len(a.cities) < 2:  # "compare Saltillo with other Mexican cities"
            extra = [k for k in self.index.keys if k in self.index.countries.get(q.country, ()) and k not in a.cities]
            a.cities = a.cities + extra[: 5 - len(a.cities)]
        snaps = [current[k] for k in a.cities]
        if len(snaps) < 2:
            names = self.index.names(self.index.keys[:2]) or ["Saltillo"]
            a.add(t("compare_need_two", a.lang, a=names[0], b=names[-1]))
            if snaps:
                overview(a, snaps[0], q)
            return
        start = len(a.lines)
        compare(a, snaps, q)
        counted = RANKED.get(q.topic or "")
        counts = [(n, k) for k, s in zip(a.cities, snaps, strict=True) if counted and (n := count_of(s, counted)) is not None]
        if (q.ranking or "count" in q.markers) and counts:  # "which has more policy areas, Cape Town or Durham?"
            best = (min if q.ranking == "min" else max)(n for n, _ in counts)
            topic = counted_name(q.topic or "", a.lang)
            if len(counts) == len(snaps) and {n for n, _ in counts} == {best}:
                verdict = t("same_count", a.lang, count=best, topic=topic) if q.ranking else ""  # not "the most: both"
            else:
                top = [k for n, k in counts if n == best]  # a tie names them all
                verdict = t("fewest_of" if q.ranking == "min" else "most_of", a.lang, count=best,
                            city=join_and(self.index.names(top), a.lang), topic=topic)
                a.cities = top if q.ranking else a.cities
            if verdict and q.ranking:  # "which one has more?": the answer first, the comparison under it
                a.lines.insert(start, Line(verdict))
            elif verdict:
                a.add(verdict)
        elif q.ranking and q.topic == "population" and \
                (key := populous(list(zip(a.cities, snaps, strict=True)), q.ranking == "min")) is not None:
            if {"yesno", "than"} <= q.markers and len(a.cities) == 2:  # "is Rochester bigger than Mobile?": yes or no
                first, other = self.index.names(a.cities)
                yes = key == a.cities[0]
                verdict = t(f"{'smaller' if q.ranking == 'min' else 'larger'}_than", a.lang,
                            answer=YES_NO[a.lang][0 if yes else 1].capitalize(),
                            city=first if yes else other, other=other if yes else first)
                a.lines.insert(start, Line(verdict))
            a.cities = [key]  # "which one is larger?": that one is what comes next is about

    def _fact(self, a: Answer, s: Snapshot, q: Query) -> None:
        """A named value ("… focus on transport?") asks whether the city has it; otherwise each topic asked."""
        named = [(f, label) for f, label in q.values if f in FIELD_TOPIC and q.topic in (None, FIELD_TOPIC[f])]
        if named:
            if q.topic is None:  # no section named: say which one the label was read in
                a.add(t("read_in", a.lang, label=labels.label(named[0][1], a.lang),
                        topic=topic_name(FIELD_TOPIC[named[0][0]], a.lang)),
                      "note")
            membership(a, s, q, named)
            for topic in dict.fromkeys(FIELD_TOPIC[f] for f, _ in named):  # "does Chattanooga have a designer?"
                self._older_page_covers(a, s, q, topic)
            return
        for topic in q.topics or [q.topic or "data"]:
            fact(a, s, q, topic)
            self._older_page_covers(a, s, q, topic)
        if q.ambiguous and q.topic != FIELD_TOPIC.get(q.ambiguous[0]):
            self._also_a_label(a, s, q)

    def _older_page_covers(self, a: Answer, s: Snapshot, q: Query, topic: str) -> None:
        """The current page does not cover the topic and an older one does (Chattanooga's 2017 page states 5
        innovation roles): that page's answer too, said as such, rather than leaving the question there."""
        city = self.store.get(a.cities[0]) if a.cities else None
        if city is None or s is not city.current or covers(s, topic):
            return
        now = city.current_version.number  # a page rolled back (numbered after it) was withdrawn, not older
        for v in reversed([v for v in city.versions if v.number < now]):
            if covers(v.snapshot, topic):
                year = v.snapshot.page_year
                a.add(t("older_page_covers", a.lang, year=year) if year else t("older_page_covers_undated", a.lang),
                      "note")
                fact(a, v.snapshot, q, topic)
                return

    def _also_a_label(self, a: Answer, s: Snapshot, q: Query) -> None:
        """'Dedicated funding' named without a section: answered as the section, and the label said too."""
        assert q.ambiguous is not None
        fld, item = q.ambiguous
        items = getattr(s, fld)
        topic = topic_name(FIELD_TOPIC[fld], a.lang)
        label = labels.label(item, a.lang)
        if items is None:
            a.add(t("also_label_uncovered", a.lang, label=label, topic=topic, city=s.city), "note")
        else:
            key = "also_label_yes" if item in items else "also_label_no"
            a.add(t(key, a.lang, label=label, topic=topic, city=s.city), "note")

    def _version_asked(self, a: Answer, q: Query) -> Snapshot | None:
        """'Denver's mayor in 2016', 'and on the older page?': that version of the page, said so."""
        city = self.store.get(a.cities[0])
        if city is None:
            return None
        if q.year is not None:
            return self._version_of_year(a, city, q.year)
        if not {"older", "newer", "back_then"} & q.markers and q.version is None:
            return None
        numbers = [v.number for v in city.versions]
        now = q.version if q.version in numbers else city.current_version.number
        # "back then": the older page still talked about, or (after "and now?") the one before the current one
        back = "back_then" in q.markers and now == city.current_version.number
        if "newer" in q.markers:
            chosen = city.current_version
        elif "older" in q.markers or back:
            older = [v for v in city.versions if v.number < now]
            if not older:
                a.add(t("no_older", a.lang, city=city.current.city), "note")
                return None
            chosen = older[-1]
        else:
            chosen = next(v for v in city.versions if v.number == now)
        if chosen is not city.current_version:
            a.version = chosen.number
            year = chosen.snapshot.page_year or "?"
            a.add(t("older_version", a.lang, city=chosen.snapshot.city, year=year), "note")
        return chosen.snapshot

    def _version_of_year(self, a: Answer, city: City, year: int) -> Snapshot | None:
        for v in reversed(city.versions):
            s = v.snapshot
            if year in (s.pdf_produced_in, s.population.year if s.population else None):
                if v is not city.current_version:
                    a.version = v.number
                    a.add(t("older_version", a.lang, city=s.city, year=year), "note")
                return s
        a.add(t("no_version", a.lang, city=city.current.city, year=year,
                current=city.current.page_year or "?"), "note")
        return None

    def _versions(self, a: Answer, q: Query) -> None:
        """'What's different between the versions?': the field-by-field changes the store computes."""
        city = self.store.get(a.cities[0])
        if city is None or len(city.versions) < 2:
            name = city.current.city if city else a.cities[0]
            a.add(t("one_version", a.lang, city=name))
            return
        numbers = [v.number for v in city.versions]
        new = city.current_version
        old_number = q.version if q.version in numbers and q.version != new.number else None
        old = next((v for v in city.versions if v.number == old_number), None) or \
            [v for v in city.versions if v.number != new.number][-1]
        a.add(t("versions_diff", a.lang, city=new.snapshot.city, old=self._dated(old.snapshot, a.lang),
                new=self._dated(new.snapshot, a.lang)), "title")
        diff = changes(old.snapshot, new.snapshot)
        a.bullets([change_line(c, a.lang) for c in diff] or [t("no_changes", a.lang)])

    @staticmethod
    def _dated(s: Snapshot, lang: str) -> str:
        return str(s.page_year) if s.page_year else t("undated", lang)

    def help(self, a: Answer) -> None:
        a.understood = False
        a.add(t("help", a.lang, count=len(self.index.keys)))
        a.bullets(self.examples(a.lang))

    def examples(self, lang: str) -> list[str]:
        """Three example questions about the city with the most complete data, so each gets a full answer."""
        index = self.index
        key = index.most_complete
        if key is None:
            return []
        same = sorted(k for k in index.countries.get(index.snapshots[key].country, ()) if k != key)
        partner = (same or [k for k in index.keys if k != key] or [key])[0]
        first, second = index.snapshots[key].city, index.snapshots[partner].city
        return [t("example_mayor", lang, city=first), t("example_compare", lang, a=first, b=second),
                t("example_across", lang)]
