"""Across-city answers pinned line by line, for the mutants of `bot/across.py` the other tests let through.

Every expected name and count was read by hand off the JSON records in knowledge/data/cities (and the
Saltillo page): e.g. Cape Town's record names 5 policy areas, Chattanooga's and Denver's current ones 3,
Fort Lauderdale's has no policy areas at all; Alexandria is the one US city run by a City Manager.
"""

from __future__ import annotations

import pytest

from bot.conversation import MemoryContexts, converse

from .conftest import ascii_id

ANSWERS: dict[str, list[str]] = {
    # _most: the city with the highest count, its count, and the next count's cities.
    "Which city has the most policy areas?": [
        "The most policy areas: Cape Town, with 5 (of the 49 cities whose snapshots cover them).",
        "Next: Chattanooga and Denver, CO (3).",
    ],
    # A tie at the bottom: every city naming none (eight records with an empty list), then the next count counted.
    "Which city has the fewest policy areas?": [
        "The fewest policy areas: Atlanta, Buenos Aires, Miami, Providence, Rosario, Vienna, Virginia Beach and "
        "Winston-Salem, NC, with 0 (of the 49 cities whose snapshots cover them).",
        "Next: 4 cities with 1.",
    ],
    # Within a country: Godoy Cruz 2, Buenos Aires and Rosario 0.
    "Which city in Argentina has the most policy areas?": [
        "The most policy areas in Argentina: Godoy Cruz, with 2 (of the 3 cities whose snapshots cover them).",
        "Next: Buenos Aires and Rosario (0).",
    ],
    "Which city has the most funding?": [
        "I can't rank cities by funding: I rank them by population, or by how many items a section names "
        "(policy areas, success factors, innovation roles, officers…).",
    ],
    # Sections a page merely names or not: only the Saltillo page tells a spotlight story.
    "How many cities have a spotlight story?": [
        "Cities I know that name a spotlight story on their page: 1 of the 50:",
        "Saltillo",
    ],
    # Alexandria and Rosario give no approach.
    "Which cities approach innovation holistically?": [
        "13 of the 50 cities I know approach innovation capacity from a holistic/macro level:",
        "Akron, Atlanta, Buenos Aires, Chelsea, Georgetown, Miami, Providence, Riverside, Saint Paul, Tulsa, Vienna, "
        "Virginia Beach, Winston-Salem, NC",
        "2 snapshots do not cover its approach to innovation capacity, so they are not counted.",
    ],
    # The survey's other label for the name: "dedicated funding" is also a success factor (31 records name it).
    "How many cities have dedicated funding?": [
        "Cities I know that have dedicated innovation funding: 1 of the 50:",
        "Saltillo",
        "49 snapshots do not cover funding, so they are not counted.",
        "Answered from the funding section; “Dedicated funding” is also one of the critical success factors: "
        "31 cities name it.",
    ],
    "¿Cuántas ciudades tienen financiación dedicada?": [
        "Ciudades que conozco que tienen financiación dedicada a la innovación: 1 de las 50:",
        "Saltillo",
        "49 fichas no cubren financiación, así que no se cuentan.",
        "Respondido con la sección de financiación; “Financiación dedicada” también es uno de los factores de éxito: "
        "lo nombran 31 ciudades.",
    ],
    # A few cities' leaders side by side (the three Mexican cities).
    "Who are the mayors of Mexican cities?": [
        "Leader, side by side:",
        "Mexico City: Claudia Sheinbaum Pardo",
        "Saltillo: Manolo Jiménez Salinas",
        "San Pedro Garza García: Miguel B. Treviño De Hoyos",
    ],
    # Many cities' leaders: grouped by title (33 US records; all but Alexandria give "Mayor").
    "Who are the leaders of cities in the United States?": [
        "Cities I know that are led by a City Manager: 1 of the 33:",
        "Alexandria",
        "32 of the 33 cities I know are led by a Mayor:",
        "32 cities: Akron, Anchorage, Atlanta, Aurora, Chattanooga, Chelsea, Chicago, Cincinnati, Denver, CO, Durham, "
        "Fort Collins, Fort Lauderdale, Georgetown, Miami, Mobile, New York City, Oakland, Oklahoma City, Philadelphia, "
        "Portland, ME, Providence, Riverside, Rochester, Saint Paul, San Jose, Scottsdale, AZ, Seattle, South Bend, "
        "Tallahassee, FL, Tulsa, Virginia Beach, Winston-Salem, NC.",
    ],
}


@pytest.mark.parametrize("question", list(ANSWERS), ids=ascii_id)
def test_across_answer(ask, question: str):
    assert ask(question).splitlines() == ANSWERS[question]


def test_which_cities_are_not(ask):
    """'Which cities are not …': every covered city but those named; the snapshot that does not cover it is said."""
    assert ask("Which cities do not have a spotlight story?").splitlines()[0] == (
        "49 of the 50 cities I know do not name a spotlight story on their page:")
    assert ask("Which cities do not focus on transport?").splitlines() == [
        "35 of the 50 cities I know do not focus on Transport/Mobility:",
        "35 cities: Akron, Anchorage, Atlanta, Aurora, Be'er Sheva, Buenos Aires, Cape Town, Chelsea, Chicago, Cincinnati, "
        "Fort Collins, Georgetown, Godoy Cruz, Mexico City, Miami, Mobile, New York City, Oakland, Pelotas, Philadelphia, "
        "Providence, Riverside, Rosario, Saint Paul, San Pedro Garza García, São Paulo, Scottsdale, AZ, Seoul, "
        "South Bend, Tallahassee, FL, Tulsa, Vienna, Virginia Beach, Wellington, Winston-Salem, NC.",
        "1 snapshot does not cover policy areas, so it is not counted.",
    ]


def test_the_other_label_is_a_note(engine):
    """The survey's other reading of "dedicated funding" is said as a note, after the answer."""
    kinds = [line.kind for line in engine.ask("How many cities have dedicated funding?").lines]
    assert kinds == ["text", "text", "text", "note"]


def _talk(engine, questions: list[str]) -> list[str]:
    contexts, now, answers = MemoryContexts(), 1_000_000.0, []
    for question in questions:
        answers.append(converse(engine, contexts, "c1", question, now=now)[1].plain)
        now += 30
    return answers


def test_a_ranking_among_a_few_names_those_it_could_not_rank(engine):
    """Akron names 2 policy areas, Tulsa 1, Fort Lauderdale's record none at all."""
    answers = _talk(engine, ["compare Akron, Fort Lauderdale and Tulsa", "which of them has the most policy areas?"])
    assert answers[1].splitlines() == [
        "The most policy areas among those listed: Akron, with 2 (of the 2 cities whose snapshots cover them).",
        "Next: Tulsa (1).",
        "Not ranked: Fort Lauderdale (the snapshot does not cover policy areas).",
    ]


def test_a_ranking_of_the_last_list(engine):
    """Housing: Chattanooga (3 policy areas in its current record), Fort Collins and Seattle (2 each)."""
    answers = _talk(engine, ["which cities focus on housing?", "which of those has the most policy areas?"])
    assert answers[1].splitlines() == [
        "The most policy areas among those listed: Chattanooga, with 3 (of the 3 cities whose snapshots cover them).",
        "Next: Fort Collins and Seattle (2).",
    ]


def test_none_of_an_empty_list(engine):
    """No city of the social-inclusion list is in Spain: "how many are there?" is then none."""
    answers = _talk(engine, ["which cities focus on social inclusion?", "which of those are in Spain?",
                             "how many are there?"])
    assert answers[1:] == ["I know no cities in Spain.", "None of them."]


def test_a_ranking_among_cities_none_of_which_covers_it_names_the_topic(engine):
    """Neither Chicago's record nor Oakland's gives innovation roles (count or list): nothing to rank, said by topic.
    (Only the topic is pinned: the count the sentence gives is of all cities, not of the two asked about.)"""
    answers = _talk(engine, ["compare Chicago and Oakland", "which of them has the most innovation roles?"])
    assert answers[1].endswith(" cover innovation roles.")
    assert "Chicago" not in answers[1] and "Oakland" not in answers[1]


def test_a_ranking_in_a_country_in_spanish(ask):
    """Argentina: Godoy Cruz names 2 policy areas, Buenos Aires and Rosario none; the place said in Spanish."""
    assert ask("¿Qué ciudad argentina tiene más áreas de política?").splitlines() == [
        "Más áreas de política en Argentina: Godoy Cruz, con 2 (de las 3 ciudades cuyas fichas lo cubren).",
        "Siguen: Buenos Aires y Rosario (0).",
    ]


def test_a_tie_of_many_names_the_first_ten(ask):
    """Every one of the 50 cities names its officers: 8 name two (Lisbon, London, Pelotas, Philadelphia, Saltillo,
    San Pedro Garza García, South Bend, Tallahassee), the other 42 one; of those, the first ten by name."""
    assert ask("Which city has the fewest lead innovation officers?").splitlines() == [
        "The fewest lead innovation officers: 42 cities tied, the first Akron, Alexandria, Anchorage, Atlanta, Aurora, "
        "Be'er Sheva, Buenos Aires, Cape Town, Chattanooga, Chelsea, with 1 (of the 50 cities whose snapshots cover "
        "them).",
        "Next: 8 cities with 2.",
    ]


def test_a_ranking_among_a_few_in_spanish_names_those_it_could_not_rank(engine):
    """Akron counts 2 innovation roles; neither Chicago's record nor Oakland's gives any."""
    answers = _talk(engine, ["compara Chicago, Oakland y Akron", "¿cuál de ellas tiene más roles de innovación?"])
    assert answers[1].splitlines() == [
        "Más roles de innovación entre las de la lista: Akron, con 2 (la única ciudad cuya ficha lo cubre).",
        "Sin ordenar: Chicago y Oakland (la ficha no cubre roles de innovación).",
    ]


def test_a_ranking_among_cities_none_of_which_covers_it_names_the_topic_in_spanish(engine):
    """As the English test above: only the topic is pinned (the count said is of all cities)."""
    answers = _talk(engine, ["compara Chicago y Oakland", "¿cuál de ellas tiene más roles de innovación?"])
    assert answers[1].endswith(" cubren roles de innovación.")
    assert "Chicago" not in answers[1] and "Oakland" not in answers[1]


def test_the_largest_of_one_city_has_no_next_line(ask):
    """Seoul is the only Korean city the records hold: 9,780,000 (2017)."""
    assert ask("the largest city in Korea").splitlines() == [
        "The largest city I know by population in Korea: Seoul, 9,780,000 (2017)."]


def test_an_empty_answer_is_an_empty_list_to_follow_up_on(engine):
    """No Argentine page tells a spotlight story (only Saltillo's does): "how many are there?" is then none."""
    answers = _talk(engine, ["which cities in Argentina have a spotlight story?", "how many are there?"])
    assert answers == ["None of the 3 cities I know name a spotlight story on their page (Argentina).", "None of them."]
