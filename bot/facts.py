"""Answers about named cities: one fact, yes/no, an overview, a comparison.

Every answer names its city, uses the stored wording and numbers, and tells a section the city's
snapshot does not cover apart from a "no".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

from bot.query import Query
from bot.reply import Answer, Line
from bot.texts import LEVELS, YES_NO, heading, join_and, number, population, t, topic_name
from bot.topics import COUNTABLE, FIELD_TOPIC, KEY_FACTS, OVERVIEW, TOPIC_FIELDS
from knowledge import labels
from knowledge.identity import simple
from knowledge.models import Snapshot

T = TypeVar("T")


def covers(snap: Snapshot, topic: str) -> bool:
    if topic == "team" and snap.team is None:
        return covers(snap, "roles")  # "the team": its roles, when that is what the page has
    return any(getattr(snap, f) is not None for f in TOPIC_FIELDS.get(topic, ()))


def _benchmark_line(a: Answer, snap: Snapshot, topic: Literal["strategy", "approach", "funding"]) -> None:
    b = snap.benchmark(topic)
    if b:
        a.add(t("benchmark", a.lang, sentence=labels.benchmark(b.sentence, a.lang)), "note")


# ---- one fact of one city ------------------------------------------------------------------------


def _leader(a: Answer, s: Snapshot, q: Query) -> None:
    title = s.leader_title or "Mayor"
    prefix = ""
    if "yesno" in q.markers and "city_manager" in q.markers:  # "is Fort Lauderdale run by a city manager?"
        prefix = YES_NO[a.lang][0 if title == "City Manager" else 1].capitalize() + " — "
    if title != "Mayor" and "mayor" in q.markers:
        a.add(prefix + t("leader_not_mayor", a.lang, city=s.city, title=labels.leader_title(title, a.lang),
                         name=s.leader))
    else:
        a.add(prefix + t("leader", a.lang, city=s.city, title=labels.leader_title(title, a.lang).lower(), name=s.leader))
    if s.pdf_produced_in:
        a.add(t("snapshot_year", a.lang, year=s.pdf_produced_in), "note")


def _population(a: Answer, s: Snapshot, q: Query) -> None:
    p = s.population
    assert p is not None
    key = "population" if p.number and p.year else "population_no_year" if p.number else "population_unclean"
    a.add(t(key, a.lang, city=s.city, population=p.text, year=p.year,
            number=number(p.number, a.lang) if p.number is not None else p.text))


def _officers(a: Answer, s: Snapshot, q: Query) -> None:
    names = s.lead_innovation_officers or []
    key = "officers_counted" if "count" in q.markers else "officers"  # "how many officers does London have?"
    a.add(t(key, a.lang, city=s.city, names=names, count=len(names)) if names else t("no_officers", a.lang, city=s.city))


def _listing(key: str, attr: str) -> Callable[[Answer, Snapshot, Query], None]:
    def answer(a: Answer, s: Snapshot, q: Query) -> None:
        items = _marked(s, attr, a.lang)
        a.add(t(key, a.lang, city=s.city, count=len(items)))
        a.bullets(items)

    return answer


def _marked(s: Snapshot, attr: str, lang: str) -> list[str]:
    """Items of a list field in the reader's language, city-written ones as written and marked as such."""
    own = set(s.city_written().get(attr, []))
    return [t("city_written", lang, item=i) if i in own else labels.label(i, lang) for i in getattr(s, attr) or []]


def _spotlight(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("spotlight", a.lang, city=s.city))
    a.add(t("page_says", a.lang, text=s.spotlight) if s.spotlight else "")


def _strategy(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("strategy_yes" if s.explicit_strategy else "strategy_no", a.lang, city=s.city))
    _benchmark_line(a, s, "strategy")


def _approach(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("approach", a.lang, city=s.city, approach=labels.label(s.approach or "", a.lang)))
    _benchmark_line(a, s, "approach")


def _policy_areas(a: Answer, s: Snapshot, q: Query) -> None:
    if s.prioritises_policy_areas is False and not s.policy_areas:
        a.add(t("no_policy_areas", a.lang, city=s.city))
        return
    areas = _marked(s, "policy_areas", a.lang)
    a.add(t("policy_areas", a.lang, city=s.city, count=len(areas)))
    a.bullets(areas)
    a.bullets(s.policy_area_notes or [])


def _roles(a: Answer, s: Snapshot, q: Query) -> None:
    roles = _marked(s, "roles", a.lang)
    count = s.roles_count if s.roles_count is not None else len(roles)
    if s.roles is None:  # the stored page stops after the count, before the names
        a.add(t("roles_unnamed", a.lang, city=s.city, count=count))
        return
    a.add(t("roles", a.lang, city=s.city, count=count))
    a.bullets(roles)
    if count > len(roles):
        a.add(t("roles_unlisted", a.lang, count=count - len(roles)))


def _team(a: Answer, s: Snapshot, q: Query) -> None:
    """Who does the innovation work: the team as the page describes it, else its innovation roles."""
    team = s.team
    if team is None:  # the page stops before the team's description but names the roles
        _roles(a, s, q)
        return
    if team.led_by:
        staff = t("team_staff", a.lang, staff=team.staff) if team.staff is not None else ""
        a.add(t("team", a.lang, city=s.city, lead=team.led_by, staff=staff))
        for other in team.other_teams:
            a.add(t("other_team", a.lang, name=other.name, purpose=other.purpose or "?"))
    else:
        a.add(t("page_says", a.lang, text=team.description))


def _activities(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("activities", a.lang, city=s.city))
    a.bullets([labels.label(act.name, a.lang)
               + (t("examples", a.lang, items="; ".join(labels.labels(act.examples, a.lang))) if act.examples else "")
               for act in s.common_activities or []])
    if s.other_activities:
        a.add(t("page_says", a.lang, text=s.other_activities))


def _top_activity(a: Answer, s: Snapshot, q: Query) -> None:
    """The page does not rank a city's activities: the 1–7 list printed on every page is the survey's
    legend. Said so, with the city's own activities in the order its page lists them."""
    activities = s.common_activities or []
    a.add(t("no_city_ranking", a.lang, city=s.city, first=labels.label(activities[0].name, a.lang) if activities else "—"))
    a.bullets([labels.label(act.name, a.lang) for act in activities])
    if s.activity_ranking:
        legend = "; ".join(f"{n}. {labels.label(name, a.lang)}" for n, name in enumerate(s.activity_ranking, 1))
        a.add(t("legend", a.lang, city=s.city, items=legend), "note")


def _funding(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("funding_yes" if s.dedicated_funding else "funding_no", a.lang, city=s.city))
    _benchmark_line(a, s, "funding")
    if s.funding_sources and q.topic == "funding":
        a.add(t("funding_sources", a.lang, city=s.city, count=len(s.funding_sources)) + " "
              + "; ".join(labels.labels(s.funding_sources, a.lang)))


def _funded(a: Answer, s: Snapshot, q: Query) -> None:
    funded = _marked(s, "funded_activities", a.lang)
    a.add(t("funded_activities", a.lang, city=s.city, count=len(funded)))
    a.bullets(funded)
    if s.other_investments:
        a.add(t("page_says", a.lang, text=s.other_investments))


def areas_named(label: str, areas: Iterable[str]) -> list[str]:
    """The data-availability areas a policy area names: itself, or those holding all its words ("Housing" is
    reported as "Housing and built environment"); the label itself when none does."""
    words = set(simple(label).split())
    return [area for area in areas if area == label or words <= set(simple(area).split())] or [label]


def _data(a: Answer, s: Snapshot, q: Query) -> None:
    d = s.data_availability
    assert d is not None
    reported = [*d.sufficient, *d.insufficient, *d.no_response]
    areas = [area for fld, label in q.values if fld == "policy_areas" for area in areas_named(label, reported)]
    if areas:
        for area in areas:
            level = d.level_of(area)
            if level:
                yes = level == "Sufficient data"
                prefix = (YES_NO[a.lang][0 if yes else 1].capitalize() + " — ") if "yesno" in q.markers else ""
                a.add(prefix + t("data_area", a.lang, city=s.city, area=labels.label(area, a.lang),
                                 level=labels.label(level, a.lang)))
            else:
                a.add(t("data_area_missing", a.lang, city=s.city, area=labels.label(area, a.lang)))
        return
    levels = [q.level] if q.level else ["sufficient", "insufficient", "no_response"]
    if "lack" in q.markers and levels == ["sufficient"]:  # "which areas lack sufficient data?": the other levels
        levels = ["insufficient", "no_response"]
    for level in levels:
        items = getattr(d, level)
        if q.level:
            a.add(t("data_level", a.lang, city=s.city, level=LEVELS[level][a.lang], count=len(items)))
        else:
            a.add(f"{LEVELS[level][a.lang]} ({len(items)})", "title")
        a.bullets(labels.labels(items, a.lang))


def _country(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("country", a.lang, city=s.city, country=labels.country(s.country, a.lang)))


def _website(a: Answer, s: Snapshot, q: Query) -> None:
    a.add(t("website_yes" if s.innovation_website_listed else "website_no", a.lang, city=s.city))


def _year(a: Answer, s: Snapshot, q: Query) -> None:
    if s.pdf_produced_in:
        a.add(t("year", a.lang, city=s.city, year=s.pdf_produced_in))
    elif s.population and s.population.year:
        a.add(t("year_population", a.lang, city=s.city, year=s.population.year))
    else:
        a.add(t("not_covered", a.lang, city=s.city, topic=topic_name("year", a.lang)))


FACTS: dict[str, Callable[[Answer, Snapshot, Query], None]] = {
    "leader": _leader,
    "population": _population,
    "officers": _officers,
    "helping_to": _listing("helping_to", "helping_to"),
    "success_factors": _listing("success_factors", "success_factors"),
    "spotlight": _spotlight,
    "strategy": _strategy,
    "approach": _approach,
    "policy_areas": _policy_areas,
    "roles": _roles,
    "team": _team,
    "terms": _listing("terms", "terms"),
    "activities": _activities,
    "top_activity": _top_activity,
    "funding": _funding,
    "funding_sources": _listing("funding_sources", "funding_sources"),
    "funded_activities": _funded,
    "partners": _listing("partners", "partners"),
    "data": _data,
    "country": _country,
    "website": _website,
    "year": _year,
}


def fact(a: Answer, s: Snapshot, q: Query, topic: str) -> None:
    if not covers(s, topic):
        a.add(t("not_covered", a.lang, city=s.city, topic=topic_name(topic, a.lang)))
        return
    FACTS[topic](a, s, q)


def membership(a: Answer, s: Snapshot, q: Query, named: list[tuple[str, str]]) -> None:
    """'Does X focus on transport (and housing)?': yes or no for each, or not covered; after a "no",
    the section as the page has it."""
    shown: set[str] = set()
    for fld, label in named:
        topic = FIELD_TOPIC[fld]
        items = getattr(s, fld)
        if items is None:
            if topic not in shown:
                a.add(t("not_covered", a.lang, city=s.city, topic=topic_name(topic, a.lang)))
            shown.add(topic)
        elif label in s.labels_in(fld):
            a.add(t("member_yes", a.lang, city=s.city, label=labels.label(label, a.lang), topic=topic_name(topic, a.lang)))
        else:
            a.add(t("member_no", a.lang, city=s.city, label=labels.label(label, a.lang), topic=topic_name(topic, a.lang)))
    for fld, label in named:
        topic = FIELD_TOPIC[fld]
        if topic not in shown and getattr(s, fld) is not None and label not in s.labels_in(fld):
            FACTS[topic](a, s, q)
            shown.add(topic)


def overview(a: Answer, s: Snapshot, q: Query) -> None:
    """The key facts, without the benchmark and year notes each fact adds on its own."""
    a.add(t("overview", a.lang, city=s.city, country=labels.country(s.country, a.lang)), "title")
    for topic in OVERVIEW:
        if covers(s, topic):
            a.lines += _facts_only(s, q, topic, a.lang)
    if s.pdf_produced_in:
        a.add(t("snapshot_year", a.lang, year=s.pdf_produced_in), "note")


def _facts_only(s: Snapshot, q: Query, topic: str, lang: str) -> list[Line]:
    sub = Answer(lang)
    fact(sub, s, q, topic)
    return [ln for ln in sub.lines if ln.kind != "note"]


def compare(a: Answer, snaps: list[Snapshot], q: Query) -> None:
    """Side by side, short enough for a phone: one line per city (the city named on each), then what they
    share. Without a topic, one line of key facts per city; each topic's detail is one button away."""
    topics = q.topics or ([q.topic] if q.topic else [FIELD_TOPIC[f] for f, _ in q.values[:1]])
    if not topics:
        a.add(t("compare_key_facts", a.lang, names=join_and([s.city for s in snaps], a.lang)), "title")
        shown = [tp for tp in ("strategy", "funding") if any(covers(s, tp) for s in snaps)]  # the yes/no facts
        for s in snaps:
            a.add(t("compare_line", a.lang, city=s.city, value=_key_facts(s, q, a.lang, shown)))
        _shared(a, snaps, "population", q)
        return
    for topic in topics:
        a.add(t("compare", a.lang, topic=heading(topic, a.lang)), "title")
        for s in snaps:
            a.add(t("compare_line", a.lang, city=s.city, value=_value(s, q, topic, a.lang, bare=True)))
        _shared(a, snaps, topic, q)


MAX_ONLY = 5  # a heading, five city lines, "shared" and five "only" lines: about 12 lines, one phone screen


def _key_facts(s: Snapshot, q: Query, lang: str, shown: list[str]) -> str:
    """A city's key facts (KEY_FACTS) in one line: population, leader, yes/no of strategy and funding, how many
    policy areas; of the yes/no ones `shown` (another city's page covers them), "not covered" rather than nothing,
    so no city is silently left out."""
    parts = []
    for topic in KEY_FACTS:
        if topic == "population" and s.population:
            parts.append(population(s.population, lang))
        elif topic == "leader" and s.leader:
            parts.append(s.leader)
        elif topic == "policy_areas" and s.policy_areas:
            parts.append(t("n_policy_areas", lang, count=len(s.policy_areas)))
        elif topic in shown:
            parts.append(_value(s, q, topic, lang) if covers(s, topic) else
                         t(f"compare_{topic}", lang, answer=t("not_covered_short", lang)))
    return " · ".join(parts) or t("compare_not_covered", lang)


def _value(s: Snapshot, q: Query, topic: str, lang: str, bare: bool = False) -> str:
    """One city's value for a topic, as short as it can be said; the sentence when there is no short form."""
    if not covers(s, topic):
        return t("compare_not_covered", lang)
    yes, no = YES_NO[lang]
    flag = {"strategy": s.explicit_strategy, "funding": s.dedicated_funding, "website": s.innovation_website_listed}
    if topic in flag:  # under its own heading a bare "yes"; among key facts "strategy: yes"
        answer = yes if flag[topic] else no
        return answer.capitalize() if bare else t(f"compare_{topic}", lang, answer=answer)
    if topic == "population" and s.population:
        return population(s.population, lang)
    if topic == "leader":
        return s.leader or "—"
    if topic == "policy_areas" and not s.policy_areas:
        return t("compare_no_priorities", lang)
    if topic == "data" and s.data_availability is not None:
        d = s.data_availability
        return "; ".join(f"{LEVELS[level][lang]}: {', '.join(labels.labels(getattr(d, level), lang))}"
                         for level in ("sufficient", "insufficient", "no_response") if getattr(d, level))
    field = TOPIC_FIELDS[topic][-1] if topic == "roles" else TOPIC_FIELDS[topic][0]
    items = getattr(s, field)
    asked = "count" in q.markers or q.ranking  # "how many roles…?", "which has more roles…?": each city's number
    counted = count_of(s, COUNTABLE[topic]) if topic in COUNTABLE and asked else None
    if topic == "roles" and items is None and s.roles_count is not None:  # the page stops after the count
        return t("compare_unnamed", lang, count=s.roles_count)
    if isinstance(items, list) and all(isinstance(i, str) for i in items):
        listed = "; ".join(_marked(s, field, lang)) or "—"
        return listed if counted is None else t("compare_counted", lang, count=counted, items=listed)  # "how many…?"
    return " ".join(ln.text for ln in _facts_only(s, q, topic, lang))


def count_of(s: Snapshot, fld: str) -> int | None:
    """What a condition counts: the population, or how many items a list section names."""
    if fld == "population":
        return s.population.number if s.population else None
    if fld == "roles":
        return s.roles_count if s.roles_count is not None else (len(s.roles) if s.roles is not None else None)
    value = getattr(s, fld, None)
    return len(value) if isinstance(value, list) else None


def populous(items: list[tuple[T, Snapshot]], smallest: bool = False) -> T | None:
    """What goes with the largest (or smallest) population among these snapshots; None when none states a
    number. One place decides "which one is larger?", whether it is said or only followed up on."""
    people = [(s.population.number, n, item) for n, (item, s) in enumerate(items)
              if s.population and s.population.number]
    if not people:
        return None
    return (min if smallest else max)(people)[2]


def unclean_populations(a: Answer, snaps: list[Snapshot]) -> None:
    """Populations a page does not state as a clean number (Chelsea's "39,6990"): neither counted nor ranked,
    and that is said wherever populations are, never left out silently."""
    stated = [t("population_as_written", a.lang, city=s.city, text=s.population.text)
              for s in snaps if s.population and s.population.number is None]
    if stated:
        a.add(t("population_unclean_uncounted", a.lang, cities=", ".join(stated)), "note")


def _shared(a: Answer, snaps: list[Snapshot], topic: str, q: Query) -> None:
    """What the cities have in common and where they differ, for topics that can be compared; of populations,
    the largest, or the smallest when that was asked ("which one is smaller?")."""
    values = {s.city: getattr(s, TOPIC_FIELDS[topic][0]) for s in snaps}
    if any(v is None for v in values.values()):
        return  # a city that does not cover the topic shares nothing and differs in nothing
    if topic == "population":
        small = q.ranking == "min"
        if (city := populous([(s.city, s) for s in snaps], small)) is not None:
            a.add(t("smallest_of" if small else "largest_of", a.lang, city=city))
        unclean_populations(a, snaps)
        return
    if all(isinstance(v, bool) for v in values.values()):
        same = len(set(values.values())) == 1
        a.add(t("same_answer" if same else "differ", a.lang))
        return
    if topic == "officers" or not all(isinstance(v, list) for v in values.values()):
        return  # people's names are not something cities share
    common = set.intersection(*(set(v) for v in values.values()))
    ordered = [i for i in next(iter(values.values())) if i in common]
    a.add(t("shared", a.lang, items="; ".join(labels.labels(ordered, a.lang))) if ordered else t("nothing_shared", a.lang))
    if len(values) > MAX_ONLY:  # beyond ~12 lines in all: each city's own line already shows its items
        return
    for city, items in values.items():  # what no other of these cities names ("only Tulsa"), not merely not all
        others = {i for c, v in values.items() if c != city for i in v}
        own = [i for i in items if i not in others]
        if own:
            a.add(t("only", a.lang, city=city, items="; ".join(labels.labels(own, a.lang))))