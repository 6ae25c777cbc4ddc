"""Answers about named cities as the bot sends them (HTML), read against the data by a person.

The bundled cities for what the real pages hold; invented cities (synthetic_city) for what no
bundled page has, such as funding without its sources or a page with no officers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.service import Service
from knowledge.store import open_stores

from .conftest import ascii_id, synthetic_city

REAL: dict[str, str] = {
    "Is Alexandria run by a city manager?": (
        "Yes — Alexandria's city manager is Mark B. Jinks.\n<i>Data from the snapshot produced in 2019.</i>"),
    "Is Akron run by a city manager?": "No — Akron's mayor is Daniel Horrigan.\n<i>Data from the snapshot produced in 2019.</i>",
    "¿Qué roles de innovación usa Akron?": (
        "Akron cuenta con 2 perfiles de innovación:\n• Gestión de proyectos\n• Communication (redactado por la ciudad)"),
    "¿Qué áreas tienen datos suficientes en Saltillo?": (
        "Áreas de política de Saltillo — Datos suficientes (7):\n• Desarrollo económico\n• Vivienda y entorno construido\n"
        "• Agua\n• Residuos y saneamiento\n• Cultura\n• Inclusión social y equidad\n• Turismo"),
    "Tell me about Akron": (
        "<b>Akron (United States)</b>\nAkron's mayor is Daniel Horrigan.\nAkron has a population of 197,846 (2017).\n"
        "Akron's lead innovation officer: Heather Roszczyk.\nPolicy areas Akron is focused on (2):\n"
        "• Economic Development\n• Ecosystem Development (city-written)\nYes — Akron has an explicit innovation strategy.\n"
        "<i>Data from the snapshot produced in 2019.</i>"),
    "Saltillo top innovation activities": (
        "Saltillo's page does not rank its own activities. Its most common innovation activities, in the order the "
        "page lists them (first: Promoting data-driven analytics / public data management):\n"
        "• Promoting data-driven analytics / public data management\n"
        "• Facilitating organizational change within the municipality\n"
        "• Rethinking approaches to financing and partnerships\n"
        "<i>The ranked list 1–7 printed on every page is the survey's legend, not Saltillo's ranking: "
        "1. Taking risks or testing new ideas; 2. Data-driven analytics/public data management; 3. Engaging residents "
        "in new ways; 4. Developing new solutions based on digital technologies; 5. Organizational change within the "
        "municipality; 6. Human-centered design; 7. Rethinking your city's approach to financing partnerships.</i>"),
    "compare Saltillo and Akron on data availability": (
        "<b>Data availability, side by side:</b>\n"
        "Saltillo: Sufficient data: Economic Development, Housing and built environment, Water, Waste and sewage, "
        "Culture, Social inclusion and equity, Tourism; Insufficient data: Transport/Mobility, Policing and law "
        "enforcement, Environment and climate change, Education; No Response: Health, Labour market and skills, "
        "Public works, Digital governance\n"
        "Akron: not covered by its snapshot"),
}

INVENTED: dict[str, str] = {
    "Does Synthville have dedicated funding?": (
        "Yes — Synthville has dedicated funding to support innovation capacity.\n<i>“Dedicated funding” is also a "
        "label of critical success factors, which Synthville's snapshot does not cover.</i>"),
    "Synthville innovation officers": "Synthville's snapshot does not cover lead innovation officers.",
    "¿Quiénes lideran la innovación en Synthville?": "La ficha de Synthville no cubre responsables de innovación.",
    "compare Synthville and Synthtown on funding": (
        "<b>Funding, side by side:</b>\nSynthville: Yes\nSynthtown: not covered by its snapshot"),
}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    service = Service(open_stores(Path(tmp_path_factory.mktemp("real")) / "db.json"), set())
    yield service
    service.close()


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    stores = open_stores(Path(tmp_path_factory.mktemp("invented")) / "db.json", bundled=False)
    stores.facts.publish(stores.facts.plan_all([synthetic_city(dedicated_funding=True), synthetic_city("Synthtown")]))
    service = Service(stores, set())
    yield service
    service.close()


@pytest.mark.parametrize("question", list(REAL), ids=ascii_id)
def test_real_city(real: Service, question: str):
    assert real.ask(question).html == REAL[question]


@pytest.mark.parametrize("question", list(INVENTED), ids=ascii_id)
def test_invented_city(invented: Service, question: str):
    assert invented.ask(question).html == INVENTED[question]
