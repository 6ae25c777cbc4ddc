"""Counts agree with what they count: "how many officers" is answered with the number, and a list of one city
is not introduced with a plural verb ("1 de las 2 ciudades … tienen"). Expected sentences written by hand from
the bundled records: London names Theo Blackwell and Michael Hurwitz, Tulsa James Wagner; Mexico City is the
only one of the two Mexican cities with an explicit strategy (Mexico City, San Pedro Garza García) above a
million inhabitants.
"""

from __future__ import annotations

import pytest

from .conftest import ascii_id
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
