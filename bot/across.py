"""Answers across all cities: which / how many, cities of a country, largest and smallest, survey figures.

A `CityIndex` is built once per store version (inverted lists from label to cities, population
ranking, survey benchmarks), so that a question over 10,000 cities reads a list instead of scanning
every snapshot. Counts always say "of the N cities I know" and how many snapshots do not cover the
topic, because most real pages stop before funding and data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from bot.facts import FIELD_TOPIC
from bot.reply import Answer
from bot.texts import LEVELS, heading, t, topic_name
from bot.understand import Query
from knowledge.models import Snapshot
from knowledge.store import City

SHOW = 8  # names shown before "…and N more"
LIST_FIELDS = ("policy_areas", "roles", "terms", "success_factors", "helping_to")
LIST_TOPICS = {FIELD_TOPIC[f]: f for f in LIST_FIELDS}  # topic -> the list field it names
# Yes/no facts "which cities…" can ask about: topic -> (field, how the answer words it).
FLAGS = {"strategy": ("explicit_strategy", "pred_strategy"), "funding": ("dedicated_funding", "pred_funding"),
         "website": ("innovation_website_listed", "pred_website"),
         "policy_areas": ("prioritises_policy_areas", "pred_policy_areas_flag")}
DATA_LEVELS = ("sufficient", "insufficient", "no_response")


class CityIndex:
    """Every current snapshot, indexed by what "which cities…" questions filter on."""

    def __init__(self, cities: dict[str, City]) -> None:
        current = {k: c.current for k, c in cities.items()}
        self.snapshots = current
        self.keys = sorted(current, key=lambda k: current[k].city.casefold())  # display order
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
        self.quoted: Counter[tuple[str, str]] = Counter(
            (b.topic, b.sentence) for c in cities.values() for v in c.versions for b in v.snapshot.benchmarks
        )

    def names(self, keys: list[str]) -> list[str]:
        return [self.snapshots[k].city for k in keys]


@dataclass(frozen=True)
class Selection:
    what: str  # "focus on Transport/Mobility", in the question's language
    hits: list[str]  # store keys, in display order
    covered: list[str]  # store keys whose snapshots cover the topic
    topic: str


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
            return Selection(t("pred_data", lang, levels=names, label=label), hits,
                             index.covered["data_availability"], "data")
        if q.topic in (None, FIELD_TOPIC.get(fld)) or fld == "policy_areas":
            hits, covered = index.members[(fld, label)], index.covered[fld]
            if neg:
                have = set(hits)
                hits = [k for k in covered if k not in have]
            return Selection(phrase(t(f"pred_{fld}", lang, label=label)), hits, covered, FIELD_TOPIC[fld])
    if q.topic in FLAGS:
        attr, words = FLAGS[q.topic]
        return Selection(phrase(t(words, lang)), index.flags[(attr, not neg)], index.covered[attr], q.topic)
    return None


def _names(a: Answer, names: list[str]) -> None:
    a.items = names
    a.add(", ".join(names[:SHOW]) + ("" if len(names) <= SHOW else " " + t("more", a.lang, count=len(names) - SHOW)))


def across(a: Answer, index: CityIndex, q: Query) -> None:
    scope = index.countries.get(q.country, set()) if q.country else None

    def within(keys: list[str]) -> list[str]:
        return keys if scope is None else [k for k in keys if k in scope]

    everyone = within(index.keys)
    if q.topic == "population" and not q.values:
        extreme(a, index, Query(text=q.text, lang=q.lang, country=q.country, markers={"largest"}))
        return
    if q.topic in LIST_TOPICS and not q.values and ("popular" in q.markers or q.topic not in FLAGS):
        _frequencies(a, index, everyone, LIST_TOPICS[q.topic])
        return
    sel = select(index, q)
    if sel is None and q.topic == "leader":
        titles = Counter(index.snapshots[k].leader_title or "Mayor" for k in everyone)
        for title, _ in reversed(titles.most_common()):
            keys = [k for k in everyone if (index.snapshots[k].leader_title or "Mayor") == title]
            a.add(t("across", a.lang, count=len(keys), total=len(everyone), what=t("led_by_title", a.lang, title=title)))
            _names(a, index.names(keys))
    elif sel is None:
        if q.country:
            a.add(t("cities_in", a.lang, count=len(everyone), country=q.country))
        else:
            a.add(t("all_cities", a.lang, count=len(everyone), countries=len(index.countries)))
        _names(a, index.names(everyone))
    else:
        hits = within(sel.hits)
        what = sel.what + (f" ({q.country})" if q.country else "")
        if hits:
            a.add(t("across", a.lang, count=len(hits), total=len(everyone), what=what))
            _names(a, index.names(hits))
        else:
            a.add(t("across_none", a.lang, total=len(everyone), what=what))
        uncovered = len(everyone) - len(within(sel.covered))
        if uncovered:
            a.add(t("across_uncovered", a.lang, count=uncovered, topic=topic_name(sel.topic, a.lang)))


def _frequencies(a: Answer, index: CityIndex, keys: list[str], fld: str) -> None:
    """'Most common policy areas': every label with how many of these cities name it."""
    scope = set(keys)
    counts = Counter(label for k in keys for label in getattr(index.snapshots[k], fld) or [])
    covered = [k for k in index.covered[fld] if k in scope]
    a.add(t("frequencies", a.lang, topic=heading(FIELD_TOPIC[fld], a.lang), count=len(covered)))
    a.items = [f"{label} ({n})" for label, n in counts.most_common()]
    a.bullets(a.items[:SHOW] + ([t("more", a.lang, count=len(a.items) - SHOW)] if len(a.items) > SHOW else []))
    if len(keys) > len(covered):
        a.add(t("across_uncovered", a.lang, count=len(keys) - len(covered), topic=topic_name(FIELD_TOPIC[fld], a.lang)))


def extreme(a: Answer, index: CityIndex, q: Query) -> None:
    largest = "largest" in q.markers
    order = index.by_population if largest else index.by_population[::-1]
    if q.country:
        order = [k for k in order if index.snapshots[k].country == q.country]
    if not order:
        a.add(t("across_none", a.lang, total=len(index.keys), what=t("pred_population", a.lang)))
        return
    snaps: list[Snapshot] = [index.snapshots[k] for k in order[:4]]

    def pop(s: Snapshot) -> str:
        return s.population.text if s.population else ""

    where = t("where_in", a.lang, country=q.country) if q.country else ""
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
    a.bullets([t("survey_quoted", a.lang, sentence=s, count=n) for s, n in quoted])
