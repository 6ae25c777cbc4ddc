"""Question text -> Query: what kind of question, about which cities and topic, in which language.

One row per question, every expected value written by a person. Read through the public
`understand` with the real catalog; the answers to these questions are tested elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.query import Condition
from bot.service import Service
from bot.understand import Catalog, resolve_city, understand
from knowledge.store import open_stores

from .conftest import ascii_id

SALTILLO, VIENNA, DENVER = "saltillo|mexico", "vienna|austria", "denver|united states"
SEATTLE, CHICAGO = "seattle|united states", "chicago|united states"
TRANSPORT = ("policy_areas", "Transport/Mobility")

# question: (kind, cities, topic, language, markers, values)
TABLE: dict[str, tuple[str, list[str], str | None, str, set[str], list[tuple[str, str]]]] = {
    "Who is the mayor of Saltillo?": ("fact", [SALTILLO], "leader", "en", {"mayor"}, []),
    "saltilo mayor": ("fact", [SALTILLO], "leader", "en", {"mayor"}, []),
    "¿Quién es el alcalde de Viena?": ("fact", [VIENNA], "leader", "es", {"mayor"}, []),
    "population of sao paulo": ("fact", ["sao paulo|brazil"], "population", "en", set(), []),
    "compare Denver and Seattle on policy areas": ("compare", [DENVER, SEATTLE], "policy_areas", "en", {"compare"}, []),
    "Chicago vs Denver vs Seattle": ("compare", [CHICAGO, DENVER, SEATTLE], None, "en", {"compare"}, []),
    "which cities focus on transport?": ("across", [], "policy_areas", "en", {"across"}, [TRANSPORT]),
    "how many cities have an explicit strategy?": ("across", [], "strategy", "en", {"across", "count"}, []),
    "which cities lack transport data?": ("across", [], "data", "en", {"across", "lack"}, [TRANSPORT]),
    "which cities do not have an innovation strategy": ("across", [], "strategy", "en", {"across", "lack"}, []),
    "Saltillo doesn't have an innovation strategy?": ("fact", [SALTILLO], "strategy", "en", {"lack"}, []),
    "what share of cities have dedicated funding?": ("survey", [], "funding", "en", {"survey"}, []),
    "Who is the mayor?": ("which_city", [], "leader", "en", {"mayor"}, []),
    "hola": ("help", [], None, "es", {"greeting"}, []),
    "what is the weather today": ("out_of_scope", [], None, "en", set(), []),
    "tell me about Vienna": ("overview", [VIENNA], None, "en", {"overview"}, []),
    "Who is the mayor of Atlantis?": ("unknown_city", [], "leader", "en", {"mayor"}, []),
    "does Saltillo focus on water?": ("fact", [SALTILLO], "policy_areas", "en", {"yesno"}, [("policy_areas", "Water")]),
    "¿Tiene Saltillo estrategia de innovación?": ("fact", [SALTILLO], "strategy", "es", {"yesno"}, []),
    "smallest city": ("extreme", [], None, "en", {"smallest"}, []),
}


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    service = Service(open_stores(Path(tmp_path_factory.mktemp("understand")) / "db.json"), set())
    service.close()  # the catalog is all it needs: an in-memory index
    return service.engine.catalog


@pytest.mark.parametrize("question", sorted(TABLE), ids=ascii_id)
def test_question_is_read_as_a_person_would(catalog, question):
    kind, cities, topic, lang, markers, values = TABLE[question]
    q = understand(question, catalog)
    assert (q.kind, q.cities, q.topic, q.lang, q.markers, q.values) == (kind, cities, topic, lang, markers, values)


def test_a_country_a_year_and_a_condition(catalog):
    assert understand("cities in Argentina", catalog).country == "Argentina"
    largest = understand("largest city in the US", catalog)
    assert (largest.kind, largest.country, largest.markers) == ("extreme", "United States", {"largest"})
    assert understand("Who was Denver's mayor in 2016?", catalog).year == 2016
    under = understand("cities under 300,000 inhabitants", catalog)
    assert (under.kind, under.condition) == ("across", Condition("population", "<", 300000))


def test_an_unknown_city_is_quoted_with_the_closest_known(catalog):
    q = understand("Who is the mayor of Atlantis?", catalog)
    assert q.unknown == "atlantis" and q.suggestions[0] == "atlanta|united states"


@pytest.mark.parametrize(("name", "found"), ids=ascii_id, argvalues=[
    ("saltilo", ("saltillo|mexico", [])),
    ("Saltillo", ("saltillo|mexico", [])),
    ("viena", ("vienna|austria", [])),
    ("Denver, CO", (DENVER, [])),
    ("portland", ("portland|united states", [])),
    ("Atlantis", (None, ["atlanta|united states"])),
    ("zzzzzz", (None, [])),
    ("", (None, [])),
])
def test_a_city_named_on_its_own(catalog, name, found):
    assert resolve_city(name, catalog) == found


@pytest.mark.parametrize(("question", "lang"), ids=ascii_id, argvalues=[
    ("saltillo", None), ("¿saltillo?", "es"), ("alcalde de saltillo", "es"), ("who is the mayor of saltillo", "en"),
])
def test_the_language_a_question_shows(catalog, question, lang):
    q = understand(question, catalog)
    assert (q.lang_shown, q.lang if q.lang_shown else None) == (lang is not None, lang)


def test_the_users_language_when_the_question_shows_none(catalog):
    assert understand("saltillo", catalog, lang="es").lang == "es"
    assert understand("who is the mayor of saltillo", catalog, lang="es").lang == "en"


@pytest.mark.parametrize(("question", "number"), ids=ascii_id, argvalues=[
    ("cities with more than half a million inhabitants", 500_000),
    ("ciudades con más de medio millón de habitantes", 500_000),
    ("cities with more than 1.5 million inhabitants", 1_500_000),
    ("ciudades con más de 1,5 millones de habitantes", 1_500_000),
])
def test_numbers_in_words(catalog, question, number):
    q = understand(question, catalog)
    assert (q.kind, q.condition) == ("across", Condition("population", ">", number))


def test_a_year_is_a_page_version_from_1990_on(catalog):
    assert understand("Saltillo mayor in 1990", catalog).year == 1990
    assert understand("Saltillo mayor in 1989", catalog).year is None


def test_a_data_level_asks_about_data_availability(catalog):
    q = understand("which policy areas have insufficient data in Saltillo", catalog)
    assert (q.kind, q.topic, q.topics, q.markers, q.level) == ("fact", "data", ["data"], {"insufficient"}, "insufficient")
