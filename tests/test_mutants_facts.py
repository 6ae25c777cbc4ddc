"""One city's answers pinned line by line, for the mutants of `bot/facts.py` the other tests let through.

Expected values read by hand off the bundled records (knowledge/data/cities) and the Saltillo page
(knowledge/data/saltillo-mex.txt): Saltillo reports sufficient data on Water and gave no response on Health;
its top sources of funding are "Higher levels of government" and "Municipal budget"; its page adds that its
activities "also include developing new solutions based on digital technologies; and promoting human-centered
design". Chelsea's record states its population as "39,6990" (not a number), Akron's as 197,846 (2017). Akron,
Chicago, Oakland, Tulsa and Philadelphia name policy areas no two of them share. The wording is that of
bot/texts.py; the Spanish labels those of bot/data.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answer import Engine
from knowledge.store import open_stores

from .conftest import ascii_id, synthetic_city
from .test_chart_and_activities import SALTILLO_ACTIVITIES

ANSWERS: dict[str, list[str]] = {
    # A level of data asked about one area, in Spanish: the area's and the level's Spanish labels.
    "¿tiene Saltillo datos suficientes sobre salud?": ["No — Saltillo: Salud — Sin respuesta."],
    "¿Tiene Saltillo datos suficientes sobre agua?": ["Sí — Saltillo: Agua — Datos suficientes."],
    # The sentence the page adds after the activities, and the number of funding sources.
    "What activities does Saltillo do?": SALTILLO_ACTIVITIES,
    "How does Saltillo fund innovation?": [
        "Yes — Saltillo has dedicated funding to support innovation capacity.",
        "Survey: 81% of cities surveyed have dedicated funding to support innovation capacity.",
        "Saltillo's top sources of funding (2): Higher levels of government; Municipal budget",
    ],
    "¿Cómo financia Saltillo la innovación?": [
        "Sí — Saltillo tiene financiación dedicada a la innovación.",
        "Encuesta: El 81% de las ciudades encuestadas tiene financiación dedicada a la capacidad de innovación.",
        "Principales fuentes de financiación de Saltillo (2): Otros niveles de gobierno; Presupuesto municipal",
    ],
    # A population that is not a number is shown as stated and not ranked (and that is said): the larger is the
    # one with a number.
    "compare Chelsea and Akron": [
        "Chelsea and Akron, side by side:",
        "Chelsea: 39,6990 · Thomas G. Ambrosino · strategy: no · 1 policy area",
        "Akron: 197,846 (2017) · Daniel Horrigan · strategy: yes · 2 policy areas",
        "Largest: Akron.",
        "Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”).",
    ],
    # Five cities (MAX_ONLY) still get one "only" line each; nothing is shared by all of them.
    "compare Akron, Chicago, Oakland, Tulsa and Philadelphia on policy areas": [
        "Policy areas, side by side:",
        "Akron: Economic Development; Ecosystem Development (city-written)",
        "Chicago: Digital governance; Policing and law enforcement",
        "Oakland: Environment and climate change; Resilience (city-written)",
        "Tulsa: Social inclusion and equity",
        "Philadelphia: Homeless Services (city-written); Waste and Litter (city-written)",
        "Nothing in common.",
        "Only Akron: Economic Development; Ecosystem Development.",
        "Only Chicago: Digital governance; Policing and law enforcement.",
        "Only Oakland: Environment and climate change; Resilience.",
        "Only Tulsa: Social inclusion and equity.",
        "Only Philadelphia: Homeless Services; Waste and Litter.",
    ],
    # Six cities: the city lines already show each one's items, so no "only" lines.
    "compare Akron, Chicago, Oakland, Tulsa, Philadelphia and Cincinnati on policy areas": [
        "Policy areas, side by side:",
        "Akron: Economic Development; Ecosystem Development (city-written)",
        "Chicago: Digital governance; Policing and law enforcement",
        "Oakland: Environment and climate change; Resilience (city-written)",
        "Tulsa: Social inclusion and equity",
        "Philadelphia: Homeless Services (city-written); Waste and Litter (city-written)",
        "Cincinnati: Policing and law enforcement; Blight (city-written)",
        "Nothing in common.",
    ],
}


@pytest.mark.parametrize("question", list(ANSWERS), ids=ascii_id)
def test_one_city_answer(ask, question: str) -> None:
    assert ask(question).splitlines() == ANSWERS[question]


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """Pages no bundled city has: one that names no officer at all, one that counts 4 roles but names 2."""
    stores = open_stores(Path(tmp_path_factory.mktemp("invented")) / "db.json", bundled=False)
    stores.facts.publish(stores.facts.plan_all([
        synthetic_city(lead_innovation_officers=[]),
        synthetic_city("Synthtown", roles_count=4, roles=["Project manager", "Data scientist"]),
    ]))
    yield Engine(stores.facts)
    stores.close()


INVENTED: dict[str, list[str]] = {
    "¿Quiénes lideran la innovación en Synthville?": ["La ficha de Synthville no nombra responsable de innovación."],
    "Who leads innovation in Synthville?": ["Synthville's page names no lead innovation officer."],
    "¿Qué roles de innovación usa Synthtown?": [
        "Synthtown cuenta con 4 perfiles de innovación:",
        "• Gestión de proyectos",
        "• Ciencia de datos",
        "2 de ellos no se nombran en la ficha.",
    ],
    "What innovation roles does Synthtown use?": [
        "Synthtown uses 4 innovation roles:",
        "• Project manager",
        "• Data scientist",
        "2 of them are not named on the page.",
    ],
}


@pytest.mark.parametrize("question", list(INVENTED), ids=ascii_id)
def test_invented_city(invented: Engine, question: str) -> None:
    assert invented.ask(question).plain.splitlines() == INVENTED[question]
