"""Answers across all cities: which / how many, cities of a country, largest and smallest, survey figures.

A `CityIndex` is built once per store version (inverted lists from label to cities, population
ranking, survey benchmarks), so that a question over 10,000 cities reads a list instead of scanning
every snapshot. Counts always say "of the N cities I know" and how many snapshots do not cover the
topic, because most real pages stop before funding and data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.query import COMPARE, Condition, Query
from bot.reply import Answer
from bot.texts import LEVELS, heading, number, population, t, topic_name
from bot.topics import COUNTABLE, FIELD_TOPIC, FLAG_TOPICS, LIST_TOPICS
from knowledge import labels
from knowledge.identity import simple
from knowledge.models import Snapshot
from knowledge.store import City

WHOLE = 20  # a list this long is given whole; a longer one by its count, its first names and "Show all"
FIRST = 10  # names shown of a longer list
LIST_FIELDS = tuple(FIELD_TOPIC)
# Yes/no facts "which cities…" can ask about: topic -> (field, how the answer words it).
FLAGS = {tp: (fld, f"pred_{tp}" + ("_flag" if tp in LIST_TOPICS else "")) for tp, fld in FLAG_TOPICS.items()}
DATA_LEVELS = ("sufficient", "insufficient", "no_response")


class CityIndex:
    """Every current snapshot, indexed by what "which cities…" questions filter on."""

    def __init__(self, cities: dict[str, City]) -> None:
        current = {k: c.current for k, c in cities.items()}
        self.snapshots = current
        self.keys = sorted(current, key=lambda k: simple(current[k].city))  # display order, accents aside
        self.members: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.covered: dict[str, list[str]] = defaultdict(list)
        self.flags: dict[tuple[str, bool], list[str]] = defaultdict(list)
        self.countries: dict[str, set[str]] = defaultdict(set)
        for key in self.keys:
            s = current[key]
            self.countries[s.country].add(key)
            for fld in LIST_FIELDS:
                items = getattr(s, fld)
                if items is not None:
                    self.covered[fld].append(key)
                    for label in items:
                        self.members[(fld, label)].append(key)
            for attr, _ in FLAGS.values():
                value = getattr(s, attr)
                if value is not None:
                    self.covered[attr].append(key)
                    self.flags[(attr, value)].append(key)
            if s.data_availability is not None:
                self.covered["data_availability"].append(key)
                for level in DATA_LEVELS:
                    for area in getattr(s.data_availability, level):
                        self.members[(level, area)].append(key)
        people = {k: s.population.number for k, s in current.items() if s.population and s.population.number}
        self.by_population = sorted(people, key=lambda k: people[k], reverse=True)
        # The city whose snapshot covers most sections: examples about it get full answers.
        self.most_complete = max(self.keys, key=lambda k: sum(getattr(current[k], f) is not None
                                                               for f in Snapshot.model_fields), default=None)
        self._counts: dict[str, dict[str, int | None]] = {"population": {k: people.get(k) for k in current}}
        self.quoted: Counter[tuple[str, str]] = Counter(
            (b.topic, b.sentence) for c in cities.values() for v in c.versions for b in v.snapshot.benchmarks
        )

    def names(self, keys: list[str]) -> list[str]:
        return [self.snapshots[k].city for k in keys]

    def counts(self, fld: str) -> dict[str, int | None]:
        """What a condition compares, per city: computed once per field and store version."""
        if fld not in self._counts:
            self._counts[fld] = {k: count_of(s, fld) for k, s in self.snapshots.items()}
        return self._counts[fld]


@dataclass(frozen=True)
class Selection:
    what: str  # "focus on Transport/Mobility", in the question's language
    hits: list[str]  # store keys, in display order
    covered: list[str]  # store keys whose snapshots cover the topic
    topic: str
    also: str | None = None  # the label read another way ("dedicated funding" is also a success factor)


def select(index: CityIndex, q: Query) -> Selection | None:
    """The cities a "which cities…" question asks for, or None when it names no criterion."""
    neg, lang = "lack" in q.markers, q.lang

    def phrase(what: str) -> str:
        return t("not", lang, what=what) if neg else what

    for fld, label in q.values:
        if q.topic == "data" and fld == "policy_areas":
            levels = [q.level] if q.level else ["sufficient"]
            hits = [k for lv in levels for k in index.members[(lv, label)]]
            names = " / ".join(LEVELS[lv][lang] for lv in levels)
            return Selection(t("pred_data", lang, levels=names.lower(), label=labels.label(label, lang)), hits,
                             index.covered["data_availability"], "data")
        if q.topic in (None, FIELD_TOPIC.get(fld)) or fld == "policy_areas":
            hits, covered = index.members[(fld, label)], index.covered[fld]
            named = [lb for f, lb in q.values if f == fld]
            if len(named) > 1:  # "transport and health": all of them; "transport or health": any of them
                having = [set(index.members[(fld, lb)]) for lb in named]
                either = "either" in q.markers
                hits = [k for k in covered if (any if either else all)(k in h for h in having)]
                shown = [labels.label(lb, lang) for lb in named]
                label = ", ".join(shown[:-1]) + t("or" if either else "and", lang) + shown[-1]
                if neg:
                    have = set(hits)
                    hits = [k for k in covered if k not in have]
                return Selection(phrase(t(f"pred_{fld}", lang, label=label)), hits, covered, FIELD_TOPIC[fld])
            if neg:
                have = set(hits)
                hits = [k for k in covered if k not in have]
            return Selection(phrase(t(f"pred_{fld}", lang, label=labels.label(label, lang))), hits, covered, FIELD_TOPIC[fld])
    if q.topic in FLAGS:
        attr, words = FLAGS[q.topic]
        also = None
        if q.ambiguous:  # no section named: the section is used, and the label's count said too
            fld, label = q.ambiguous
            also = t("also_label_across", lang, label=labels.label(label, lang), topic=topic_name(FIELD_TOPIC[fld], lang),
                     count=len(index.members[(fld, label)]))
        return Selection(phrase(t(words, lang)), index.flags[(attr, not neg)], index.covered[attr], q.topic, also)
    return None



def _found(a: Answer, index: CityIndex, hits: list[str], total: int, what: str, uncovered: int, topic: str) -> None:
    """The cities that match out of all known, then how many snapshots could not be counted."""
    if hits:
        a.add(t("across", a.lang, count=len(hits), total=total, what=what))
        _names(a, index, hits)
    else:
        a.add(t("across_none", a.lang, total=total, what=what))
        a.listed = []
    if uncovered:
        a.add(t("across_uncovered", a.lang, count=uncovered, topic=topic_name(topic, a.lang)))

def _names(a: Answer, index: CityIndex, keys: list[str]) -> None:
    """Up to WHOLE names in full; a longer list by its first names, the whole behind a "Show all" button."""
    names = index.names(keys)
    a.items = names
    a.listed = list(keys)
    if len(names) <= WHOLE:
        a.add(", ".join(names))
    else:
        a.add(t("first_of", a.lang, shown=FIRST, count=len(names), names=", ".join(names[:FIRST])))


def count_of(s: Snapshot, fld: str) -> int | None:
    """What a condition counts: the population, or how many items a list section names."""
    if fld == "population":
        return s.population.number if s.population else None
    if fld == "roles":
        return s.roles_count if s.roles_count is not None else (len(s.roles) if s.roles is not None else None)
    value = getattr(s, fld, None)
    return len(value) if isinstance(value, list) else None


COUNTED_TOPIC = {fld: tp for tp, fld in COUNTABLE.items()} | {"population": "population"}  # counted field -> topic
OPS = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge"}


def _condition(a: Answer, index: CityIndex, keys: list[str], c: Condition) -> None:
    """'Cities under 300,000 inhabitants', 'cities with at least three policy areas'."""
    every = index.counts(c.field)
    counted = {k: every[k] for k in keys}
    holds = COMPARE[c.op]
    hits = [k for k in keys if (n := counted[k]) is not None and holds(n, c.number)]
    topic = COUNTED_TOPIC.get(c.field, c.field)
    key = f"cond_{'pop_' if c.field == 'population' else ''}{OPS[c.op]}"
    what = t(key, a.lang, number=number(c.number, a.lang), what=topic_name(topic, a.lang))
    _found(a, index, hits, len(keys), what, sum(v is None for v in counted.values()), topic)


def across(a: Answer, index: CityIndex, q: Query) -> None:
    scope = index.countries.get(q.country, set()) if q.country else None
    among = set(q.scope) if q.scope is not None else None  # "which of those …": the last list
    outside = "outside" in q.markers  # "which of them are outside the US?"

    def within(keys: list[str]) -> list[str]:
        return [k for k in keys if (scope is None or (k in scope) != outside) and (among is None or k in among)]

    everyone = within(index.keys)
    if among is not None:
        a.add(t("of_those", a.lang, count=len(among)), "note")
    if q.condition is not None:
        _condition(a, index, everyone, q.condition)
        return
    if q.topic == "population" and not q.values:
        extreme(a, index, Query(text=q.text, lang=q.lang, country=q.country, markers={"largest"}, scope=q.scope))
        return
    if q.topic in LIST_TOPICS and not q.values and ("popular" in q.markers or q.topic not in FLAGS):
        _frequencies(a, index, everyone, LIST_TOPICS[q.topic])
        return
    sel = select(index, q)
    if sel is None and q.topic == "leader":
        titles = Counter(index.snapshots[k].leader_title or "Mayor" for k in everyone)
        for title, _ in reversed(titles.most_common()):
            keys = [k for k in everyone if (index.snapshots[k].leader_title or "Mayor") == title]
            led_by = t("led_by_title", a.lang, title=labels.leader_title(title, a.lang))
            a.add(t("across", a.lang, count=len(keys), total=len(everyone), what=led_by))
            _names(a, index, keys)
    elif sel is None:
        if not everyone:
            a.add(t("none_of_them", a.lang))
            a.listed = []
            return
        if q.country:
            where = "cities_outside" if outside else "cities_in"
            a.add(t(where, a.lang, count=len(everyone), country=labels.country(q.country, a.lang)))
        else:
            a.add(t("all_cities", a.lang, count=len(everyone), countries=len(index.countries)))
        _names(a, index, everyone)
    else:
        hits = within(sel.hits)
        what = sel.what + (f" ({labels.country(q.country, a.lang)})" if q.country else "")
        _found(a, index, hits, len(everyone), what, len(everyone) - len(within(sel.covered)), sel.topic)
        if sel.also:
            a.add(sel.also, "note")


def _frequencies(a: Answer, index: CityIndex, keys: list[str], fld: str) -> None:
    """'Most common policy areas': every label with how many of these cities name it."""
    scope = set(keys)
    counts = Counter(label for k in keys for label in getattr(index.snapshots[k], fld) or [])
    covered = [k for k in index.covered[fld] if k in scope]
    a.add(t("frequencies", a.lang, topic=heading(FIELD_TOPIC[fld], a.lang), count=len(covered)))
    a.items = [f"{labels.label(label, a.lang)} ({n})" for label, n in counts.most_common()]
    if len(a.items) <= WHOLE:
        a.bullets(a.items)
    else:
        a.bullets(a.items[:FIRST])
        a.add(t("first_items", a.lang, shown=FIRST, count=len(a.items)))
    if len(keys) > len(covered):
        a.add(t("across_uncovered", a.lang, count=len(keys) - len(covered), topic=topic_name(FIELD_TOPIC[fld], a.lang)))


def extreme(a: Answer, index: CityIndex, q: Query) -> None:
    largest = "largest" in q.markers
    order = index.by_population if largest else index.by_population[::-1]
    if q.country:
        outside = "outside" in q.markers
        order = [k for k in order if (index.snapshots[k].country == q.country) != outside]
    if q.scope is not None:  # "the smallest of them": of the last list
        among = set(q.scope)
        order = [k for k in order if k in among]
    if not order:
        a.add(t("across_none", a.lang, total=len(index.keys), what=t("pred_population", a.lang)))
        return
    snaps: list[Snapshot] = [index.snapshots[k] for k in order[:4]]

    def pop(s: Snapshot) -> str:
        return population(s.population, a.lang) if s.population else ""

    where_key = "where_outside" if "outside" in q.markers else "where_in"
    where = t(where_key, a.lang, country=labels.country(q.country, a.lang)) if q.country else ""
    if q.scope is not None:
        where += t("of_the_list", a.lang)
    a.add(t("largest" if largest else "smallest", a.lang, where=where, city=snaps[0].city, population=pop(snaps[0])))
    if len(snaps) > 1:
        a.add(t("next", a.lang, items="; ".join(f"{s.city} ({pop(s)})" for s in snaps[1:])))
    a.cities = order[:1]


def survey(a: Answer, index: CityIndex, q: Query) -> None:
    topic = q.topic if q.topic in ("strategy", "approach", "funding") else None
    quoted = [(sentence, n) for (tp, sentence), n in index.quoted.most_common() if topic in (None, tp)]
    if not quoted:
        a.add(t("survey_none", a.lang, topic=topic_name(topic or "funding", a.lang)))
        return
    a.add(t("survey", a.lang))
    a.bullets([t("survey_quoted", a.lang, sentence=labels.benchmark(s, a.lang), count=n) for s, n in quoted])
