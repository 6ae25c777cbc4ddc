"""Counts agree with what they count: "how many officers" is answered with the number, and a list of one city
is not introduced with a plural verb ("1 de las 2 ciudades … tienen"). Expected sentences written by hand from
the bundled records: London names Theo Blackwell and Michael Hurwitz, Tulsa James Wagner; Seoul lists 5 roles,
London states 5 without names, Pelotas lists 3, São Paulo states 8; Mexico City is the
only one of the two Mexican cities with an explicit strategy (Mexico City, San Pedro Garza García) above a
million inhabitants.
"""

from __future__ import annotations

import pytest

from .conftest import ascii_id, synthetic_city
from .test_conversation import Turn, talk


@pytest.mark.parametrize(("question", "answer"), [
    ("How many officers does London have?", "London names 2 lead innovation officers: Theo Blackwell, Michael Hurwitz."),
    ("how many innovation officers in Tulsa", "Tulsa names 1 lead innovation officer: James Wagner."),
    ("¿cuántos responsables de innovación tiene Saltillo?",
     "Saltillo tiene 2 responsables de innovación: Javier Cesar Cardenas y Ariel Dominguez."),
    ("who are London's innovation officers", "London's lead innovation officers: Theo Blackwell, Michael Hurwitz."),
    ("who is Tulsa's innovation officer?", "Tulsa's lead innovation officer: James Wagner."),
], ids=ascii_id)
def test_officers_counted_when_a_count_is_asked(ask, question: str, answer: str) -> None:
    assert ask(question) == answer


CONVERSATIONS: dict[str, list[Turn]] = {
    "spanish_one_of_the_list": [
        ("¿qué ciudades de México tienen estrategia?",
         ["2 de las 3 ciudades que conozco tienen una estrategia de innovación explícita (México):",
          "Mexico City, San Pedro Garza García"], []),
        ("¿y cuáles de esas tienen más de un millón de habitantes?",
         ["Ciudades que conozco que tienen más de 1.000.000 habitantes: 1 de las 2:", "Mexico City"],
         ["1 de las 2 ciudades que conozco tienen", "San Pedro"]),
    ],
    "english_one_of_the_list": [
        ("which Mexican cities have an innovation strategy?",
         ["2 of the 3 cities I know have an explicit innovation strategy (Mexico):"], []),
        ("which of those have more than a million inhabitants?",
         ["Cities I know that have more than 1,000,000 inhabitants: 1 of the 2:", "Mexico City"],
         ["1 of the 2 cities I know have", "San Pedro"]),
    ],
}


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_one_city_is_not_introduced_with_a_plural_count(engine, name: str) -> None:
    talk(engine, CONVERSATIONS[name])


@pytest.mark.parametrize(("question", "answer"), [
    ("Seoul vs London: how many innovation roles?",
     "Innovation roles, side by side:\n"
     "Seoul: 5 — Project manager; Data scientist; Engineer; Communication officer; Community engagement staff\n"
     "London: 5 (its snapshot does not name them)"),
    ("compara Pelotas con São Paulo en número de roles de innovación",
     "Roles de innovación, lado a lado:\n"
     "Pelotas: 3 — Gestión de proyectos; Ciencia de datos; Diseño\n"
     "São Paulo: 8 (su ficha no los nombra)\n"
     "Más roles de innovación: São Paulo (8)."),
    ("Who has more critical success factors, Akron or Aurora?",
     "The most critical success factors: Aurora (5).\n"
     "Critical success factors, side by side:\n"
     "Akron: 4 — Dedicated funding; Leadership from Mayor; Support from outside city administration; "
     "Dedicated innovation staff position\n"
     "Aurora: 5 — Dedicated funding; Dedicated innovation team; Leadership from Mayor; Engagement with partners; "
     "Support from outside city administration\n"
     "Shared: Dedicated funding; Leadership from Mayor; Support from outside city administration.\n"
     "Only Akron: Dedicated innovation staff position.\n"
     "Only Aurora: Dedicated innovation team; Engagement with partners."),
    ("how many officers do London and Saltillo have",
     "Lead innovation officers, side by side:\n"
     "London: 2 — Theo Blackwell; Michael Hurwitz\n"
     "Saltillo: 2 — Javier Cesar Cardenas; Ariel Dominguez"),
], ids=ascii_id)
def test_a_comparison_asked_as_a_count_gives_the_counts(ask, question: str, answer: str) -> None:
    """Each city's number first; who has more when they differ; people's names are never 'shared'."""
    assert ask(question) == answer


def test_a_city_written_role_made_of_survey_roles_names_them() -> None:
    """Aurora lists "Sociologist / Political Scientist" and Tulsa "City planner/engineer" (city-written): the
    survey roles they are made of count as named; a vocabulary label with a slash is not split."""
    aurora = synthetic_city("Aurora", roles=["Project manager", "Sociologist / Political Scientist"])
    tulsa = synthetic_city("Tulsa", roles=["City planner/engineer"], policy_areas=["Transport/Mobility"])
    assert aurora.labels_in("roles") == ["Project manager", "Sociologist / Political Scientist", "Sociologist"]
    assert tulsa.labels_in("roles") == ["City planner/engineer", "Engineer"]
    assert tulsa.labels_in("policy_areas") == ["Transport/Mobility"]
    assert tulsa.labels_in("terms") == []


@pytest.mark.parametrize(("question", "answer"), [
    ("Does Aurora have a sociologist?",
     "Read as one of its innovation roles: Sociologist.\nYes — Aurora: Sociologist (innovation roles)."),
    ("does Tulsa have an engineer?", "Read as one of its innovation roles: Engineer.\nYes — Tulsa: Engineer (innovation roles)."),
], ids=ascii_id)
def test_yes_when_the_role_is_part_of_a_city_written_one(ask, question: str, answer: str) -> None:
    assert ask(question) == answer


def test_which_cities_have_a_sociologist_counts_aurora(ask) -> None:
    assert ask("Which cities have a sociologist on their innovation team?").splitlines()[:2] == [
        "12 of the 50 cities I know use the role Sociologist:",
        "Aurora, Buenos Aires, Durham, Lisbon, Mobile, New York City, Philadelphia, Quillota, Seattle, South Bend, "
        "Tallahassee, FL, Wellington"]


def test_the_roles_tally_counts_as_which_cities_does(ask) -> None:
    """12 cities have a sociologist (Aurora's "Sociologist / Political Scientist" among them), 12 an engineer
    (Tulsa's "City planner/engineer"): the tally of the most common roles says the same."""
    lines = ask("what are the most common innovation roles?").splitlines()
    assert lines[0] == "Innovation roles across the 37 cities whose snapshots cover them (cities naming each):"
    assert "• Engineer (12)" in lines and "• Sociologist (12)" in lines


def test_a_tally_over_one_city_names_it(ask) -> None:
    assert ask("which cities spend on innovation?").splitlines()[0] == (
        "Activities being funded in the one city whose snapshot covers them, Saltillo:")


@pytest.mark.parametrize(("question", "lines"), [
    ("which has fewer roles, Tulsa or Seoul?", ["The fewest innovation roles: Tulsa (3).", "Innovation roles, side by side:"]),
    ("¿qué distancia hay entre Miami y Atlanta?",
     ["No tengo eso: “distancia” sobre Miami y Atlanta no está en sus fichas de innovación."]),
    ("compara Durham con Gothm", ["No conozco Gothm.",
                                  "Nombra dos o más ciudades, p. ej. “compara Akron y Alexandria en financiación”.",
                                  "Durham (Estados Unidos)",
                                  "La alcaldía de Durham está a cargo de Steve Schewel."]),
], ids=ascii_id)
def test_verdicts_refusals_and_an_unknown_city_in_a_comparison(ask, question: str, lines: list[str]) -> None:
    """Tulsa names 3 roles, Seoul 5; a refusal naming two cities names both, in Spanish too; a comparison
    whose other city is unknown says so and gives the known one's overview, in the question's language."""
    assert ask(question).splitlines()[:len(lines)] == lines
