"""The survey's labels in the reader's language, from data kept beside the vocabularies.

Stored snapshots keep the survey's English wording (one source of truth, and what imports and
diffs compare); a label is put into Spanish only when it is shown. Anything that is not a survey
label (people's and cities' names, city-written items) is shown as written.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from knowledge import vocabulary as vocab

# Which vocabulary of vocabulary.py each section of labels_es.json names.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "helping_to": vocab.HELPING_TO,
    "success_factors": vocab.SUCCESS_FACTORS,
    "policy_areas": vocab.POLICY_AREAS,
    "roles": vocab.ROLES,
    "terms": vocab.TERMS,
    "activities": vocab.ACTIVITIES,
    "funding_sources": vocab.FUNDING_SOURCES,
    "funded_activities": vocab.FUNDED_ACTIVITIES,
    "partners": vocab.PARTNERS,
    "approaches": vocab.APPROACHES,
    "data_levels": vocab.DATA_LEVELS,
}
# Sections of labels_es.json that name list items: the vocabularies, and the examples the survey prints
# after each activity ("open data; big data").
LABEL_SECTIONS = {*VOCABULARIES, "activity_examples"}
BENCHMARK = re.compile(r"^(?P<share>.+?) of cities surveyed (?P<predicate>.+?)\.?$")


@cache
def _spanish() -> dict[str, dict[str, str]]:
    text = resources.files("knowledge").joinpath("data/labels_es.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@cache
def _all_spanish() -> dict[str, str]:
    """Every survey label -> its Spanish name (a label in two vocabularies has one name)."""
    return {en: es for section, names in _spanish().items() if section in LABEL_SECTIONS for en, es in names.items()}


def spanish_names(section: str) -> dict[str, str]:
    """One vocabulary's labels -> their Spanish names, so that a question may name a label in Spanish."""
    return dict(_spanish().get(section, {}))


def label(item: str, lang: str) -> str:
    """A list item as the reader sees it: a survey label in their language, anything else as written."""
    if lang != "es":
        return item
    return _all_spanish().get(item, item)


def labels(items: list[str], lang: str) -> list[str]:
    return [label(i, lang) for i in items]


def leader_title(title: str, lang: str) -> str:
    """'Mayor' -> 'alcaldía'; a title the survey does not use stays as written."""
    return _spanish()["leader_titles"].get(title, title) if lang == "es" else title


def benchmark(sentence: str, lang: str) -> str:
    """'50% of cities surveyed have …' in the reader's language; an unknown shape stays as written."""
    if lang != "es":
        return sentence
    m = BENCHMARK.match(sentence)
    predicate = _spanish()["benchmark_predicates"].get(m.group("predicate")) if m else None
    if m is None or predicate is None:
        return sentence
    share = m.group("share")
    if share.endswith("%"):
        return f"El {share} de las ciudades encuestadas {predicate}."
    share = _spanish()["shares"].get(share, share)
    return f"{share[0].upper()}{share[1:]} de las ciudades encuestadas {predicate}."


def missing_spanish() -> list[str]:
    """Survey labels with no Spanish name yet (a test keeps this empty)."""
    known = _all_spanish()
    return [lab for vocabulary in VOCABULARIES.values() for lab in vocabulary if lab not in known]


def country(name: str, lang: str) -> str:
    """A country as the pages name it, in the reader's language when we know its name there."""
    return _spanish()["countries"].get(name, name) if lang == "es" else name


def field_title(field: str, english: str, lang: str) -> str:
    """A snapshot field's title (FIELD_TITLES) in the reader's language."""
    return _spanish()["fields"].get(field, english) if lang == "es" else english


def value(text: str, lang: str, field: str = "") -> str:
    """A value as knowledge.diff words it ("not stated", "yes", a label, a benchmark sentence) of a
    snapshot field: in the reader's language."""
    if lang != "es":
        return text
    if text in _spanish()["values"]:
        return _spanish()["values"][text]
    return {"benchmarks": benchmark, "leader_title": leader_title, "country": country}.get(field, label)(text, lang)
