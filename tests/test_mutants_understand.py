"""How questions are read, pinned for the mutants of `bot/understand.py` the other tests let through.

Expected values read by hand off the bundled records and the Saltillo page: Durham focuses on Social inclusion
and equity and Transport/Mobility; Be'er Sheva is the one city whose terms include "Bold leadership" (22 of the 50
snapshots give terms); 14 cities focus on Transport/Mobility and 3 on Housing (Chattanooga's current record, Fort
Collins, Seattle), Fort Lauderdale's record gives no policy areas; Saltillo's page lists 5 activities being funded.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.conversation import MemoryContexts, converse
from bot.query import Condition
from bot.service import Service
from bot.understand import Catalog, best_match, understand
from knowledge.store import open_stores

from .conftest import ascii_id

TULSA = "tulsa|united states"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    service = Service(open_stores(Path(tmp_path_factory.mktemp("understand")) / "db.json"), set())
    service.close()  # the catalog is all it needs: an in-memory index
    return service.engine.catalog


def test_a_label_of_the_approach_asks_about_the_approach(catalog):
    q = understand("is Saltillo's approach holistic?", catalog)
    assert (q.topic, q.topics) == ("approach", ["approach"])


def test_bigger_than_a_city_is_a_condition_on_population(catalog):
    q = understand("which cities are bigger than Tulsa?", catalog)
    assert (q.kind, q.topic, q.topics, q.cities, q.exclude) == ("across", "population", ["population"], [], [TULSA])
    assert q.condition == Condition("population", ">", 0, than=TULSA)


def test_a_word_of_one_label_names_it(catalog):
    """'bold' (four letters) is found only in "Bold leadership", a term cities associate with innovation."""
    q = understand("which cities associate innovation with being bold?", catalog)
    assert (q.kind, q.topic, q.values) == ("across", "terms", [("terms", "Bold leadership")])


def test_an_everyday_word_of_another_topic_adds_no_second_part(catalog):
    """'associate' is a loose word for terms: without an "and" it does not make a second question."""
    q = understand("Which policy areas does Durham associate with innovation?", catalog)
    assert (q.topic, q.topics) == ("policy_areas", ["policy_areas"])


def test_a_lone_unknown_name_is_a_name(catalog):
    q = understand("Gotham", catalog)
    assert (q.kind, q.unknown, q.named) == ("unknown_city", "gotham", True)


def test_a_misspelling_close_to_two_names_is_not_corrected():
    """One slip from each ("abcdef" -> "abcdeg" / "abcdeh": 5 of 6 letters, 83.3 either way): neither is clearly
    meant. With one such candidate it is taken."""
    assert best_match("abcdef", ["abcdeg", "abcdeh"]) is None
    found = best_match("abcdef", ["abcdeg", "xyz"])
    assert found is not None and found[0] == "abcdeg" and found[1] == pytest.approx(500 / 6)


ANSWERS: dict[str, list[str]] = {
    "Which policy areas does Durham associate with innovation?": [
        "Policy areas Durham is focused on (2):",
        "• Social inclusion and equity",
        "• Transport/Mobility",
    ],
    "which cities associate innovation with being bold?": [
        "Cities I know that associate innovation with Bold leadership: 1 of the 50:",
        "Be'er Sheva",
        "28 snapshots do not cover terms associated with innovation, so they are not counted.",
    ],
    # "activities" + "fund": the activities being funded, not the activities nor the funding.
    "which activities does Saltillo fund?": [
        "Activities being funded in Saltillo (5):",
        "• Launching or sustaining a project",
        "• Idea generation & brainstorming",
        "• Investing in digital systems",
        "• Investing in physical infrastructure",
        "• Paying for services",
        "Saltillo also invests in digital systems and physical infrastructure as well as paying for services to a "
        "third party.",
    ],
}


@pytest.mark.parametrize("question", list(ANSWERS), ids=ascii_id)
def test_answer(ask, question: str) -> None:
    assert ask(question).splitlines() == ANSWERS[question]


def test_an_unknown_city_in_a_comparison_is_quoted_as_written(ask):
    assert ask("compare Denver and New Gotham").splitlines()[0] == "I don't know New Gotham."


def test_and_on_another_area_after_a_list_of_cities_is_another_list(engine):
    contexts, now, answers = MemoryContexts(), 1_000_000.0, []
    for question in ("which cities focus on transport?", "and on housing?"):
        answers.append(converse(engine, contexts, "c1", question, now=now)[1].plain)
        now += 30
    assert answers[1].splitlines() == [
        "3 of the 50 cities I know focus on Housing:",
        "Chattanooga, Fort Collins, Seattle",
        "1 snapshot does not cover policy areas, so it is not counted.",
    ]
