"""Exact answers to one question of each kind, checked line by line against the records and the Saltillo page.

Each expected answer was read against knowledge/data/ by a person (numbers, names, counts, order).
A change of wording shows up here on purpose: update the expectation after reading the new answer.
"""

from __future__ import annotations

import pytest

from .conftest import ascii_id

ANSWERS: dict[str, str] = {
    'Who is the mayor of Alexandria?': (
        'Alexandria is run by a City Manager, not a mayor: Mark B. Jinks.\n'
        'Data from the snapshot produced in 2019.'
    ),
    'Chelsea population': (
        "Chelsea's page states its population as 39,6990 (as written; not a clean number)."
    ),
    'Chattanooga population': (
        'Chattanooga has a population of 180,557 (the page gives no year).'
    ),
    'Saltillo innovation officers': (
        "Saltillo's lead innovation officers: Javier Cesar Cardenas, Ariel Dominguez."
    ),
    'What is innovation helping Akron to do?': (
        'Innovation is helping Akron to:\n'
        '• Improve resident outcomes\n'
        '• Generate new sources of revenue\n'
        '• Improve internal government operations'
    ),
    'Saltillo critical success factors': (
        "Saltillo's critical success factors (7):\n"
        '• Focus on measurement\n'
        '• Dedicated innovation team\n'
        '• Human resource support\n'
        '• Leadership from Mayor\n'
        '• Culture of innovation in city\n'
        '• Engagement with partners\n'
        '• Support from outside city administration'
    ),
    'Does Rosario have an explicit innovation strategy?': (
        'Yes — Rosario has an explicit innovation strategy.\n'
        'Survey: 50% of cities surveyed have an explicit innovation strategy.'
    ),
    'Does Chicago have dedicated funding?': (
        "Chicago's snapshot does not cover funding.\n"
        '“Dedicated funding” is also a label of critical success factors; Chicago does not name it there.'
    ),
    'How does Denver approach innovation capacity?': (
        'Denver, CO approaches innovation capacity both from a holistic/macro level, as well as in specific policy areas.\n'
        'Survey: more than half of cities surveyed approach innovation capacity both from a holistic/macro level, '
        'as well as in specific policy areas.'
    ),
    'Which policy areas does Rosario focus on?': (
        'Rosario does not prioritise policy sectors.'
    ),
    'Which policy areas does Fort Lauderdale focus on?': (
        "Fort Lauderdale's snapshot does not cover policy areas."
    ),
    'São Paulo innovation roles': (
        'São Paulo uses 8 innovation roles; its snapshot does not name them.'
    ),
    'Saltillo innovation team': (
        "Saltillo's innovation work is led by the Chief Innovation Officer with 4 staff members.\n"
        'Other team: IMPLAN — the planning of the city.'
    ),
    'Which terms does Rosario associate with innovation?': (
        'Terms Rosario most associates with innovation (2):\n'
        '• Human-centered design\n'
        '• Technological innovation'
    ),
    'Saltillo sources of funding': (
        "Saltillo's top sources of funding (2):\n"
        '• Higher levels of government\n'
        '• Municipal budget'
    ),
    'What activities are funded in Saltillo?': (
        'Activities being funded in Saltillo (5):\n'
        '• Launching or sustaining a project\n'
        '• Idea generation & brainstorming\n'
        '• Investing in digital systems\n'
        '• Investing in physical infrastructure\n'
        '• Paying for services\n'
        'Saltillo also invests in digital systems and physical infrastructure as well as paying for services to a third party.'
    ),
    'Who does Saltillo partner with?': (
        'Saltillo has innovation partnerships with:\n'
        '• other public agencies\n'
        '• private firms\n'
        '• not-for-profit organizations\n'
        '• city residents/resident associations'
    ),
    'Which policy areas have sufficient data in Saltillo?': (
        'Policy areas with Sufficient data in Saltillo (7):\n'
        '• Economic Development\n'
        '• Housing and built environment\n'
        '• Water\n'
        '• Waste and sewage\n'
        '• Culture\n'
        '• Social inclusion and equity\n'
        '• Tourism'
    ),
    'Does Akron have an innovation website?': (
        "Yes — Akron's page lists an innovation website (its address is not in my data)."
    ),
    'Which country is Seoul in?': (
        'Seoul is in Korea.'
    ),
    'Tell me about Akron': (
        'Akron (United States)\n'
        "Akron's mayor is Daniel Horrigan.\n"
        'Akron has a population of 197,846 (2017).\n'
        "Akron's lead innovation officer: Heather Roszczyk.\n"
        'Policy areas Akron is focused on (2):\n'
        '• Economic Development\n'
        '• Ecosystem Development (city-written)\n'
        'Yes — Akron has an explicit innovation strategy.\n'
        'Data from the snapshot produced in 2019.'
    ),
    'compare Akron and Tulsa': (  # key facts, one line per city; each topic's detail is behind a button
        'Akron and Tulsa, side by side:\n'
        'Akron: 197,846 (2017) · Daniel Horrigan · strategy: yes · 2 policy areas\n'
        'Tulsa: 403,090 (2016) · G. T. Bynum · strategy: yes · 1 policy area\n'
        'Largest: Tulsa.'
    ),
    'how many cities have dedicated funding?': (
        'Cities I know that have dedicated innovation funding: 1 of the 50:\n'
        'Saltillo\n'
        '49 snapshots do not cover funding, so they are not counted.\n'
        'Answered from the funding section; “Dedicated funding” is also one of the critical success factors: 31 cities name it.'
    ),
    'which cities in Brazil': (
        '2 cities I know in Brazil:\n'
        'Pelotas, São Paulo'
    ),
    'largest city in Mexico': (
        'The largest city I know by population in Mexico: Mexico City, 9,209,944 (2020).\n'
        'Next: Saltillo, 709,671 (2010); San Pedro Garza García, 123,156 (2015).'
    ),
    'cities under 100,000 inhabitants': (
        '3 of the 50 cities I know have fewer than 100,000 inhabitants:\n'
        'Georgetown, Portland, ME, Quillota\n'
        'Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”).'
    ),
    'does Saltillo have enough data on health?': (
        'No — Saltillo: Health — No Response.'
    ),
    "Saltillo spotlight": (
        "Spotlight on innovation in Saltillo:\n"
        "Saltillo recently has been implementing new ways to reach out to the population including social media. "
        "Through social media efforts, the municipality is able to identify the timely needs of citizens more feasibly. "
        "The identified demands from citizens are shared across the municipality and with the Mayor to solve any "
        "problematic issues."
    ),
    "Saltillo data availability": (
        "Sufficient data (7)\n• Economic Development\n• Housing and built environment\n• Water\n• Waste and sewage\n"
        "• Culture\n• Social inclusion and equity\n• Tourism\n"
        "Insufficient data (4)\n• Transport/Mobility\n• Policing and law enforcement\n• Environment and climate change\n"
        "• Education\n"
        "No Response (4)\n• Health\n• Labour market and skills\n• Public works\n• Digital governance"
    ),
    "Akron innovation team": "Akron uses 2 innovation roles:\n• Project manager\n• Communication (city-written)",
    "When was Montreal's snapshot produced?": (
        "Montreal's page gives no production year; its population figure is from 2017."
    ),
    "Does Alexandria have an innovation website?": "No — Alexandria's page lists no innovation website.",
    "San Jose innovation roles": (
        "San Jose uses 5 innovation roles:\n• Communication officer\n• Community engagement staff\n• Designer\n"
        "• Engineer\n• Project manager"
    ),
}


@pytest.mark.parametrize("question", list(ANSWERS), ids=ascii_id)
def test_exact_answer(ask, question: str):
    assert ask(question) == ANSWERS[question]


def test_most_popular_policy_areas_with_counts(ask):
    lines = ask("which policy areas are most popular").splitlines()
    assert lines[0] == "Policy areas across the 49 cities whose snapshots cover them (cities naming each):"
    assert lines[1:9] == ["• Transport/Mobility (14)", "• Economic Development (12)", "• Digital governance (11)",
                          "• Social welfare/social services (6)", "• Policing and law enforcement (5)",
                          "• Social inclusion and equity (5)", "• Environment and climate change (4)", "• Education (3)"]
    assert lines[-2:] == ["The first 10 of 26.", "1 snapshot does not cover policy areas, so it is not counted."]



ANSWERS_ES: dict[str, str] = {
    "¿Quién es el alcalde de Alexandria?": (
        "Alexandria no tiene alcalde: la ciudad está a cargo de Mark B. Jinks (gerencia municipal (City Manager)).\n"
        "Datos de la ficha de 2019."
    ),
    "¿Cuántos habitantes tiene Chattanooga?": "Chattanooga tiene 180.557 habitantes (la ficha no indica el año).",
    "¿Tiene Rosario una estrategia de innovación?": (
        "Sí — Rosario tiene una estrategia de innovación explícita.\n"
        "Encuesta: El 50% de las ciudades encuestadas tiene una estrategia de innovación explícita."
    ),
    "¿En qué áreas de política se enfoca Rosario?": "Rosario no prioriza sectores de política.",
    "¿Qué roles de innovación usa São Paulo?": "São Paulo cuenta con 8 perfiles de innovación; su ficha no los nombra.",
    "¿Qué ciudades se enfocan en vivienda?": (
        "3 de las 50 ciudades que conozco se enfocan en Vivienda:\n"
        "Chattanooga, Fort Collins, Seattle\n"
        "1 ficha no cubre áreas de política, así que no se cuenta."
    ),
    "¿Cuál es la ciudad más pequeña?": (
        "La ciudad menos poblada que conozco: Portland, ME, 66.882 hab. en 2017.\n"
        "Siguen: Georgetown (70.685 hab. en 2017); Quillota (85.262 hab. en 2012); South Bend (102.245 hab. en 2017).\n"
        "Sin contar, porque la ficha no da la población como un número limpio: Chelsea (“39,6990”)."
    ),
    "compara Akron y Tulsa en áreas de política": (
        "Áreas de política, lado a lado:\n"
        "Akron: Desarrollo económico; Ecosystem Development (redactado por la ciudad)\n"
        "Tulsa: Inclusión social y equidad\n"
        "Nada en común.\n"
        "Solo Akron: Desarrollo económico; Ecosystem Development.\n"
        "Solo Tulsa: Inclusión social y equidad."
    ),
    "¿Tiene Chicago financiación dedicada?": (
        "La ficha de Chicago no cubre financiación.\n"
        "“Financiación dedicada” también es una etiqueta de factores de éxito; Chicago no la nombra allí."
    ),
}


@pytest.mark.parametrize("question", list(ANSWERS_ES), ids=ascii_id)
def test_exact_answer_in_spanish(ask, question: str):
    assert ask(question) == ANSWERS_ES[question]
