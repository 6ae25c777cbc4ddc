"""Answers across all cities: which / how many, cities of a country, largest and smallest, survey figures.

A `CityIndex` is built once per store version (inverted lists from label to cities, population
ranking, survey benchmarks), so that a question over 10,000 cities reads a list instead of scanning
every snapshot. Counts always say "of the N cities I know" and how many snapshots do not cover the
topic, because most real pages stop before funding and data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.facts import areas_named, compare, count_of, unclean_populations
from bot.query import Condition, Query
from bot.reply import Answer, Line
from bot.texts import LEVELS, heading, join_and, join_or, number, population, t, topic_name
from bot.topics import COUNTABLE, FIELD_TOPIC, FLAG_TOPICS, LIST_TOPICS, TOPIC_FIELDS, counted_name
from knowledge import labels
from knowledge.identity import simple
from knowledge.models import VOCABULARY_FIELDS, Snapshot
from knowledge.store import City

WHOLE = 20  # a list this long is given whole; a longer one by its count, its first names and "Show all"
FIRST = 10  # names shown of a longer list
LIST_FIELDS = tuple(FIELD_TOPIC)
# Yes/no facts "which cities…" can ask about: topic -> (field, how the answer words it).
FLAGS = {tp: (fld, f"pred_{tp}" + ("_flag" if tp in LIST_TOPICS else "")) for tp, fld in FLAG_TOPICS.items()}
DATA_LEVELS = ("sufficient", "insufficient", "no_response")
# Sections a page may simply name or not: "which cities have a spotlight story / an innovation team / officers?"
NAMED_TOPICS = ("officers", "team", "spotlight", "activities", "funding_sources", "funded_activities", "partners", "data")


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
        self.data_areas: set[str] = set()  # every area named in a data-availability list
        for key in self.keys:
            s = current[key]
            self.countries[s.country].add(key)
            for fld in LIST_FIELDS:
                items = getattr(s, fld)
                if items is not None:
                    self.covered[fld].append(key)
                    for label in s.labels_in(fld):  # "Sociologist / Political Scientist" is a Sociologist too
                        self.members[(fld, label)].append(key)
            for attr, _ in FLAGS.values():
                value = getattr(s, attr)
                if value is not None:
                    self.covered[attr].append(key)
                    self.flags[(attr, value)].append(key)
            if s.approach is not None:  # one value, asked like a label: "which cities approach it holistically?"
                self.covered["approach"].append(key)
                self.members[("approach", s.approach)].append(key)
            if s.data_availability is not None:
                self.covered["data_availability"].append(key)
                for level in DATA_LEVELS:
                    for area in getattr(s.data_availability, level):
                        self.members[(level, area)].append(key)
                        self.data_areas.add(area)
        people = {k: s.population.number for k, s in current.items() if s.population and s.population.number}
        # A population stated but not as a clean number ("39,6990"): said wherever populations are ranked or counted.
        self.unclean = [k for k in self.keys if (p := current[k].population) and p.number is None]
        self.by_population = sorted(people, key=lambda k: people[k], reverse=True)
        # The city whose snapshot covers most sections: examples about it get full answers.
        self.most_complete = max(self.keys, key=lambda k: sum(getattr(current[k], f) is not None
                                                               for f in Snapshot.model_fields), default=None)
        self._counts: dict[str, dict[str, int | None]] = {"population": {k: people.get(k) for k in current}}
        self._ranked: dict[tuple[str, bool], list[str]] = {}
        self.quoted: Counter[tuple[str, str]] = Counter(
            (b.topic, b.sentence) for c in cities.values() for v in c.versions for b in v.snapshot.benchmarks
        )

    def names(self, keys: list[str]) -> list[str]:
        return [self.snapshots[k].city for k in keys]

    def ranked(self, fld: str, most: bool) -> list[str]:
        """Cities by how many items `fld` names, most (or fewest) first, ties in display order; cities whose
        snapshots do not cover it left out. Computed once per field, direction and store version."""
        if (fld, most) not in self._ranked:
            every = self.counts(fld)
            keys = [k for k in self.keys if every[k] is not None]
            self._ranked[(fld, most)] = sorted(keys, key=lambda k: -(every[k] or 0) if most else every[k] or 0)
        return self._ranked[(fld, most)]

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
            if neg and levels == ["sufficient"]:  # "no tienen datos suficientes": any other level they reported
                levels = ["insufficient", "no_response"]
            areas = areas_named(label, sorted(index.data_areas))
            reported = {k for lv in levels for area in areas for k in index.members[(lv, area)]}
            names = " / ".join(LEVELS[lv][lang] for lv in levels)
            return Selection(t("pred_data", lang, levels=names.lower(), label=" / ".join(labels.labels(areas, lang))),
                             [k for k in index.keys if k in reported], index.covered["data_availability"], "data")
        if fld == "approach":
            return Selection(phrase(t("pred_approach", lang, label=labels.label(label, lang))), index.members[(fld, label)],
                             index.covered[fld], "approach")
        if q.topic in (None, FIELD_TOPIC.get(fld)) or fld == "policy_areas":
            hits, covered = index.members[(fld, label)], index.covered[fld]
            named = [lb for f, lb in q.values if f == fld]
            vocabulary = VOCABULARY_FIELDS.get(fld, ())  # a city's own wording is said to be one, as in its list
            shown = [labels.label(lb, lang) if lb in vocabulary else t("city_written", lang, item=lb) for lb in named]
            either = "either" in q.markers
            if len(named) > 1:  # "transport and health": all of them; "transport or health": any of them
                having = [set(index.members[(fld, lb)]) for lb in named]
                hits = [k for k in covered if (any if either else all)(k in h for h in having)]
            if neg:
                have = set(hits)
                hits = [k for k in covered if k not in have]
            joined = (join_or if either else join_and)(shown, lang)
            return Selection(phrase(t(f"pred_{fld}", lang, label=joined)), hits, covered, FIELD_TOPIC[fld])
    if q.topic in FLAGS:
        attr, words = FLAGS[q.topic]
        also = None
        if q.ambiguous:  # no section named: the section is used, and the label's count said too
            fld, label = q.ambiguous
            also = t("also_label_across", lang, label=labels.label(label, lang), topic=topic_name(FIELD_TOPIC[fld], lang),
                     count=len(index.members[(fld, label)]))
        return Selection(phrase(t(words, lang)), index.flags[(attr, not neg)], index.covered[attr], q.topic, also)
    if q.topic in NAMED_TOPICS and not q.loose_topic:  # "how many cities have a chief innovation officer?"
        fields = TOPIC_FIELDS[q.topic] + (TOPIC_FIELDS["roles"] if q.topic == "team" else ())  # a team: its roles
        named = [k for k in index.keys if any(getattr(index.snapshots[k], f) for f in fields)]
        if neg:
            named = [k for k in index.keys if k not in set(named)]
        return Selection(t("not_named" if neg else "named", lang, topic=topic_name(q.topic, lang)), named, index.keys,
                         q.topic)
    return None


def _found(a: Answer, index: CityIndex, hits: list[str], total: int, what: str, uncovered: list[str], topic: str) -> None:
    """The cities that match out of all known, then which snapshots could not be counted and why."""
    if hits:
        a.add(t("across", a.lang, count=len(hits), total=total, what=what))
        _names(a, index, hits)
    else:
        a.add(t("across_none", a.lang, total=total, what=what))
        a.listed = []
    unclean = [k for k in uncovered if k in index.unclean] if topic == "population" else []
    if len(uncovered) > len(unclean):
        a.add(t("across_uncovered", a.lang, count=len(uncovered) - len(unclean), topic=topic_name(topic, a.lang)))
    unclean_populations(a, [index.snapshots[k] for k in unclean])


def _names(a: Answer, index: CityIndex, keys: list[str]) -> None:
    """Up to WHOLE names in full; a longer list by its first names, the whole behind a "Show all" button."""
    names = index.names(keys)
    a.items = names
    a.listed = list(keys)
    if len(names) <= WHOLE:
        a.add(", ".join(names))
    else:  # where there is no "Show all" button (a terminal), the whole list
        a.lines.append(Line(t("first_of", a.lang, shown=FIRST, count=len(names), names=", ".join(names[:FIRST])),
                            whole=t("all_of", a.lang, count=len(names), names=", ".join(names))))


COUNTED_TOPIC = {fld: tp for tp, fld in COUNTABLE.items()} | {"population": "population"}  # counted field -> topic
OPS = {"<": "lt", "<=": "le", ">": "gt", ">=": "ge", "=": "eq"}


def _condition(a: Answer, index: CityIndex, keys: list[str], c: Condition) -> None:
    """'Cities under 300,000 inhabitants', 'cities with at least three policy areas'."""
    every = index.counts(c.field)
    if c.than is not None:  # "bigger than Tulsa": Tulsa's own figure is the bound
        bound = every.get(c.than)
        if bound is None:
            a.add(t("not_covered", a.lang, city=index.snapshots[c.than].city,
                    topic=topic_name(COUNTED_TOPIC.get(c.field, c.field), a.lang)))
            return
        c = Condition(c.field, c.op, bound)
    counted = {k: every[k] for k in keys}
    hits = [k for k in keys if (n := counted[k]) is not None and c.holds(n)]
    topic = COUNTED_TOPIC.get(c.field, c.field)
    pop = "pop_" if c.field == "population" else ""
    name = topic_name(topic, a.lang)
    if c.also and {c.op, c.also[0]} in ({">=", "<="}, {">", "<"}):  # "between 100,000 and 200,000"
        low, high = sorted((c.number, c.also[1]))
        what = t(f"cond_{pop}between", a.lang, low=number(low, a.lang), high=number(high, a.lang), what=name)
    else:
        what = t(f"cond_{pop}{OPS[c.op]}", a.lang, number=number(c.number, a.lang), what=name)
        if c.also:
            second = t(f"cond_{pop}{OPS[c.also[0]]}", a.lang, number=number(c.also[1], a.lang), what=name)
            what = t("cond_both", a.lang, first=what, second=second)
    _found(a, index, hits, len(keys), what, [k for k in keys if counted[k] is None], topic)


def place(index: CityIndex, q: Query) -> set[str] | None:
    """The cities of the country or region a question names ("in Argentina", "in South America"), or None."""
    if q.country:
        return index.countries.get(q.country, set())
    if q.region:
        return {k for c in q.region_countries for k in index.countries.get(c, ())}
    return None


def where(q: Query, lang: str, key: str = "where") -> str:
    """' in Argentina', ' outside United States', ' in South America' (or ' (Argentina)' after a criterion):
    the place a question names, or ''."""
    if not (q.country or q.region):
        return ""
    name = labels.country(q.country, lang) if q.country else t(f"region_{q.region}", lang)
    return t(f"{key}_{'outside' if 'outside' in q.markers else 'in'}", lang, country=name)


def scoped(index: CityIndex, q: Query, keys: list[str]) -> list[str]:
    """`keys` narrowed to what the question allows: its place (or outside it), the last list ("which of
    those …"), and not the cities it sets apart ("any other city")."""
    places = place(index, q)
    outside = "outside" in q.markers
    among = set(q.scope) if q.scope is not None else None
    left_out = set(q.exclude)
    return [k for k in keys if (places is None or (k in places) != outside) and (among is None or k in among)
            and k not in left_out]


def nowhere(a: Answer, index: CityIndex, q: Query) -> bool:
    """'Cities in Spain' when no city I know is there: said, instead of an empty list or all cities."""
    if (q.country or q.region) and "outside" not in q.markers and not place(index, q):
        a.add(t("none_where", a.lang, where=where(q, a.lang)))
        a.listed = []
        return True
    return False


def across(a: Answer, index: CityIndex, q: Query) -> None:
    if nowhere(a, index, q):
        return
    everyone = scoped(index, q, index.keys)
    if q.exclude:
        a.add(t("other_than", a.lang, names=join_and(index.names(q.exclude), a.lang)), "note")
    if q.scope is not None and not (q.condition or q.values or q.topic or q.country or q.region):
        a.add(t("those", a.lang, count=len(everyone)) if everyone else t("none_of_them", a.lang))  # "how many are there?"
        if everyone:
            _names(a, index, everyone)
        a.listed = everyone
        return
    if q.scope is not None:
        a.add(t("of_those", a.lang, count=len(q.scope)), "note")
    if q.condition is not None:
        _condition(a, index, everyone, q.condition)
        return
    if q.topic == "population" and not q.values:
        extreme(a, index, Query(text=q.text, lang=q.lang, country=q.country, region=q.region,
                                region_countries=q.region_countries, markers={"largest"} | (q.markers & {"outside"}),
                                scope=q.scope, exclude=q.exclude))
        return
    if q.topic in LIST_TOPICS and not q.values and ("popular" in q.markers or q.topic not in FLAGS):
        _frequencies(a, index, everyone, LIST_TOPICS[q.topic])
        return
    sel = select(index, q)
    if sel is None and q.topic == "leader" and "city_manager" not in q.markers and 1 < len(everyone) <= WHOLE:
        compare(a, [index.snapshots[k] for k in everyone], q)  # "Mexican cities' mayors": each one's leader
        a.cities = everyone
    elif sel is None and q.topic == "leader":
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
        if q.country or q.region:
            a.add(t("cities_where", a.lang, count=len(everyone), where=where(q, a.lang)))
        else:
            a.add(t("all_cities", a.lang, count=len(everyone), countries=len(index.countries)))
        _names(a, index, everyone)
    else:
        hits = scoped(index, q, sel.hits)
        covered = set(sel.covered)
        _found(a, index, hits, len(everyone), sel.what + where(q, a.lang, "place"),
               [k for k in everyone if k not in covered], sel.topic)
        if sel.also:
            a.add(sel.also, "note")


def _frequencies(a: Answer, index: CityIndex, keys: list[str], fld: str) -> None:
    """'Most common policy areas': every label with how many of these cities name it."""
    scope = set(keys)
    counts = Counter(label for k in keys for label in index.snapshots[k].labels_in(fld))  # as "which cities…" counts
    covered = [k for k in index.covered[fld] if k in scope]
    a.add(t("frequencies", a.lang, topic=heading(FIELD_TOPIC[fld], a.lang), count=len(covered),
            city=", ".join(index.names(covered))))
    a.items = [f"{labels.label(label, a.lang)} ({n})" for label, n in counts.most_common()]
    if len(a.items) <= WHOLE:
        a.bullets(a.items)
    else:
        a.bullets(a.items[:FIRST])
        a.add(t("first_items", a.lang, shown=FIRST, count=len(a.items)))
    if len(keys) > len(covered):
        a.add(t("across_uncovered", a.lang, count=len(keys) - len(covered), topic=topic_name(FIELD_TOPIC[fld], a.lang)))


RANKED = COUNTABLE | {"team": "roles"}  # topic -> what "the most …" counts ("the largest innovation team": its roles)


def extreme(a: Answer, index: CityIndex, q: Query) -> None:
    """'The largest city in Argentina', 'the smallest of them', 'which city has the most innovation roles':
    the top of a ranking by population, or by how many items a section names; the city it finds is what
    a follow-up ("who is its mayor?") is about."""
    if nowhere(a, index, q):
        return
    most = q.ranking != "min"
    # "the most roles", "the largest team" rank by a count; "the smallest Argentine city" by population
    by_count = {"most", "fewest"} & q.markers or q.topic == "team"
    counted = RANKED.get(q.topic or "") if q.topic != "population" and by_count else None
    if counted is None and {"most", "fewest"} & q.markers and q.topic not in (None, "population"):
        a.understood = False  # "the most funding": not something the snapshots rank
        a.add(t("cannot_rank", a.lang, topic=topic_name(q.topic or "", a.lang)))
        return
    if counted is None and {"most", "fewest"} & q.markers and q.topic is None:
        a.understood = False  # "which city is the most innovative?"
        a.add(t("cannot_rank_any", a.lang))
        return
    if counted:
        _most(a, index, q, counted, most)
        return
    order = scoped(index, q, index.by_population if most else index.by_population[::-1])
    if not order:
        a.add(t("across_none", a.lang, total=len(index.keys), what=t("pred_population", a.lang)))
        return
    snaps: list[Snapshot] = [index.snapshots[k] for k in order[:4]]

    def pop(s: Snapshot) -> str:
        return population(s.population, a.lang) if s.population else ""

    at = where(q, a.lang) + (t("of_the_list", a.lang) if q.scope is not None else "")
    a.topic = "population"
    a.add(t("largest" if most else "smallest", a.lang, where=at, city=snaps[0].city, population=pop(snaps[0])))
    if len(snaps) > 1:
        a.add(t("next", a.lang, items="; ".join(t("city_population", a.lang, city=s.city, population=pop(s))
                                                for s in snaps[1:])))
    if not most:  # an unclean figure may be the smallest
        unclean_populations(a, [index.snapshots[k] for k in scoped(index, q, index.unclean)])
    a.cities = order[:1]
    a.listed = order  # "and the smallest?" after "the largest city in Argentina": of the same cities


def _most(a: Answer, index: CityIndex, q: Query, fld: str, most: bool) -> None:
    """'Which city has the most critical success factors?': the city (every one, on a tie) and its count."""
    every = index.counts(fld)
    ranked = scoped(index, q, index.ranked(fld, most))
    topic = COUNTED_TOPIC.get(fld, fld)
    if not ranked:  # among the cities asked about (Chicago and Oakland), not all of them
        asked = scoped(index, q, index.keys)
        a.add(t("across_none", a.lang, total=len(asked), what=t("covers", a.lang, topic=topic_name(topic, a.lang))))
        return
    top = every[ranked[0]]
    winners = [k for k in ranked if every[k] == top]
    at = where(q, a.lang) + (t("of_the_list", a.lang) if q.scope is not None else "")
    names = join_and(index.names(winners), a.lang) if len(winners) <= FIRST else \
        t("tied", a.lang, count=len(winners), names=", ".join(index.names(winners[:FIRST])))
    a.add(t("rank_most" if most else "rank_fewest", a.lang, topic=counted_name(topic, a.lang), where=at,
            cities=names, number=top, count=len(ranked)))
    following = ranked[len(winners):]
    runners = [k for k in following if every[k] == every[following[0]]] if following else []
    if 0 < len(runners) <= 3:  # the next count's cities; a longer tie would be picked at random, so it is counted
        a.add(t("next_count", a.lang, cities=join_and(index.names(runners), a.lang), count=every[runners[0]]))
    elif runners:
        a.add(t("next_many", a.lang, count=len(runners), number=every[runners[0]]))
    uncovered = [k for k in scoped(index, q, index.keys) if every[k] is None]
    if uncovered and q.scope is not None:  # among a few cities, the ones that could not be ranked are said
        a.add(t("uncovered_named", a.lang, cities=join_and(index.names(uncovered), a.lang), topic=topic_name(topic, a.lang)))
    a.topic = topic
    if len(winners) <= FIRST:  # "who is its mayor?" is about the city found
        a.cities = winners
    else:  # a tie of many is a list: "which of those are in Mexico?"
        a.items, a.listed = index.names(winners), winners


def survey(a: Answer, index: CityIndex, q: Query) -> None:
    topic = q.topic if q.topic in ("strategy", "approach", "funding") else None
    quoted = [(sentence, n) for (tp, sentence), n in index.quoted.most_common() if topic in (None, tp)]
    if not quoted:
        a.add(t("survey_none", a.lang, topic=topic_name(topic or "funding", a.lang)))
        return
    a.add(t("survey", a.lang))
    a.bullets([t("survey_quoted", a.lang, sentence=labels.benchmark(s, a.lang), count=n) for s, n in quoted])
