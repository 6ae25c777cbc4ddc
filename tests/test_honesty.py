"""Answer the question asked, or say what cannot be answered: out-of-scope questions, partial
understanding, two-part questions, labels that belong to two sections, page furniture, typos,
every section in both languages, conditions across cities.

Tables: question -> what the answer must contain, and what it must not. Expected values are read
off the bundled data by hand (knowledge/data/saltillo-mex.txt, knowledge/data/cities/*.json).
"""

from __future__ import annotations

import pytest

from bot.topics import LOOSE, TOPICS

from .conftest import ascii_id

Case = tuple[str, list[str], list[str]]

OUT_OF_SCOPE: list[Case] = [
    ("is it raining in Tulsa?", ["I don't have that", "raining", "About Tulsa I can tell you"], ["G. T. Bynum", "403,090"]),
    ("best tacos in Saltillo", ["I don't have that", "tacos"], ["Manolo", "Economic Development"]),
    ("unemployment rate of Chicago", ["I don't have that", "unemployment"], ["Rahm Emanuel", "Labour market"]),
    ("how far is Akron from Cleveland?", ["I don't have that", "far"], ["Daniel Horrigan"]),
    ("who is the president of France?", ["I don't have that", "president"], ["Mayor", "Macron"]),
    ("homicide rate in Durham", ["I don't have that", "homicide"], ["Steve Schewel", "Policing"]),
    ("what's the traffic like in Oklahoma City?", ["I don't have that", "Oklahoma City"],
     ["David Holt", "Transport/Mobility"]),
    ("Chicago's basketball team", ["I don't have that", "basketball"], ["innovation team", "Rahm Emanuel"]),
    ("¿cuál es el equipo de fútbol de Rosario?", ["No tengo eso", "futbol", "Sobre Rosario te puedo decir"],
     ["Pablo Javkin", "Project manager"]),
    ("¿llueve en Viena?", ["No tengo eso", "Vienna"], ["Michael Ludwig"]),
    ("¿cuál es la tasa de desempleo de Rosario?", ["No tengo eso"], ["Pablo Javkin"]),
    ("what is the weather today", ["I don't have that", "50 city snapshots"], ["Manolo"]),
    ("How many police officers does Tulsa have?", ["I don't have that", "police officers"], ["James Wagner"]),
    ("Which city is the most innovative?", ["I don't have that"], ["Akron, Alexandria"]),
    ("¿Cuántos turistas visitan Pelotas?", ["No tengo eso", "turistas"], ["Paula Schid Mascarenhas"]),
    ("Does Durham have good schools?", ["I don't have that"], ["No — Education"]),
    ("Is Denver a nice place to live?", ["I don't have that"], ["Michael Hancock"]),
]

PARTIAL: list[Case] = [
    ("what outcomes is Vienna seeking for its citizens' wellbeing?",
     ["I took this as what innovation is helping to do — Vienna", "“wellbeing”", "Anticipate and manage future challenges"], []),
    ("Durham mayor and his favourite sandwich", ["Steve Schewel", "I don't know what", "sandwich"], []),
    ("¿cuántos habitantes y mascotas tiene Tulsa?", ["403.090 habitantes", "no sé a qué se refiere", "mascotas"], []),
]

COMPOUND: list[Case] = [
    ("Durham and Tulsa: who runs them and how many inhabitants does each have?",
     ["Steve Schewel", "G. T. Bynum", "267,743", "403,090"], []),
    ("who is the mayor of Seoul and how many people live there?", ["Wonsoon Park", "9,780,000"], []),
    ("¿quién es el alcalde de Rosario y cuántos habitantes tiene?", ["Pablo Javkin", "995.000 habitantes"], []),
]

TWO_SECTIONS: list[Case] = [
    # "Dedicated funding" is a critical success factor (Seoul names it) and the funding section (only Saltillo's page has it).
    ("does Seoul cite dedicated funding as a success factor?", ["Yes", "Dedicated funding", "critical success factors"],
     ["does not cover funding"]),
    ("does Seoul have dedicated funding?", ["Seoul's snapshot does not cover funding",
                                            "“Dedicated funding” is also among Seoul's critical success factors"], []),
    ("which cities cite dedicated funding as a success factor?", ["31 of the 50 cities", "Akron"], ["funding section"]),
    ("which cities have dedicated funding?", ["1 of the 50:", "Saltillo", "also one of the critical success factors",
                                             "31 cities name it"], []),
]

FURNITURE: list[Case] = [
    ("What is Saltillo's top-ranked innovation activity?",
     ["does not rank its own activities", "Promoting data-driven analytics / public data management",
      "survey's legend, not Saltillo's ranking"], ["top-ranked innovation activity: Taking risks"]),
    ("¿cuál es la actividad principal de Saltillo?", ["no ordena sus propias actividades", "leyenda de la encuesta"], []),
    ("Saltillo's innovation activities", ["Facilitating organizational change within the municipality", "e.g. silo-busting"],
     ["top-ranked"]),
    ("what is Tulsa's innovation team?", ["Tulsa uses 3 innovation roles", "Public manager"], ["does not cover"]),
]

TYPOS: list[Case] = [
    ("durahm mayor", ["Steve Schewel", "“durahm” → Durham"], []),
    ("polulation of tulssa", ["403,090", "“tulssa” → Tulsa"], []),
    ("viena inovation oficer", ["Christian Wurm"], []),
    ("okalhoma city polcy areas", ["Transport/Mobility", "Health", "“okalhoma city” → Oklahoma City"], []),
    ("new york city's mayor", ["Bill de Blasio"], []),
    ("mayr of tulsa", ["G. T. Bynum", "“mayr” → mayor"], []),
    ("whats the popultion of philly", ["Philadelphia", "1,580,000"], []),
    ("alcalde de cuidad de mexico", ["Claudia Sheinbaum Pardo"], []),
    ("teh mayor of oklahoma cty", ["David Holt"], ["teh"]),
    ("Who is the mayor of Atlantis?", ["don't have data", "Atlanta"], ["Keisha Lance Bottoms"]),
    ("compare Denver and Gotham on policy areas", ["I don't know Gotham", "Name two or more"], []),
    ("compare Denver, Gotham and Seattle on policy areas", ["I don't know Gotham", "Shared: Transport/Mobility"], []),
]

# Every section of a page, asked in plain words, in English and Spanish (Saltillo has the whole page).
SECTIONS: list[Case] = [
    ("who does Saltillo partner with?", ["other public agencies", "private firms"], ["Human-centered design"]),
    ("¿con quién se asocia Saltillo?", ["otros organismos públicos"], ["Diseño centrado en las personas"]),
    ("¿qué términos asocia Saltillo con la innovación?", ["Diseño centrado en las personas", "Repensar el panorama general"],
     ["empresas privadas"]),
    ("what words does Saltillo associate with innovation?", ["Human-centered design"], []),
    ("what expertise does Tulsa's team have?", ["Public manager", "City planner/engineer"], []),
    ("¿qué perfiles tiene el equipo de Durham?", ["Sociología", "Diseño"], []),
    ("what skills does Seoul's team have?", ["Engineer", "Data scientist"], []),
    ("what are the goals of innovation in Durham?", ["Improve resident outcomes"], []),
    ("what benefits does innovation bring to Seoul?", ["Anticipate and manage future challenges"], []),
    ("¿para qué le sirve la innovación a Wellington?", ["Mejorar la calidad de vida de los residentes"], []),
    ("examples of Saltillo's innovation activities", ["open data", "silo-busting"], []),
    ("¿qué actividades de innovación hace Saltillo?", ["Repensar la financiación y las alianzas"], []),
    ("where does Saltillo's innovation money come from?", ["Higher levels of government", "Municipal budget"], []),
    ("¿de dónde viene la financiación de Saltillo?", ["Otros niveles de gobierno"], []),
    ("which activities does Saltillo fund?", ["Launching or sustaining a project", "Idea generation"], []),
    ("¿qué actividades se financian en Saltillo?", ["Inversión en sistemas digitales"], []),
    ("which areas did Saltillo not respond about?", ["Health", "Labour market and skills", "Public works",
                                                     "Digital governance"], ["Water"]),
    ("¿en qué áreas no respondió Saltillo?", ["Obras públicas", "Gobierno digital"], ["Turismo"]),
    ("where does Saltillo have enough data?", ["Water", "Tourism"], ["Education"]),
    ("¿dónde le faltan datos a Saltillo?", ["Transporte y movilidad", "Educación"], ["Turismo"]),
    ("how does Saltillo monitor innovation?", ["other public agencies"], []),
    ("how is innovation measured in Saltillo?", ["city residents/resident associations"], []),
    ("Saltillo spotlight", ["social media"], []),
    ("¿De dónde saca el dinero Saltillo para innovar?", ["Otros niveles de gobierno"], ["No tengo eso"]),
    ("¿Qué áreas quedaron sin respuesta en Saltillo?", ["Salud"], ["No tengo eso"]),
    ("¿Con quiénes trabaja Saltillo?", ["empresas privadas"], []),
    ("¿Cómo mide Saltillo la innovación?", ["empresas privadas"], []),
    ("¿cuál es la historia destacada de Saltillo?", ["social media"], []),
    ("what is Saltillo's innovation strategy?", ["does not have an explicit innovation strategy", "50%"], []),
    ("how does Saltillo approach innovation capacity?", ["in specific policy areas/domains"], []),
    ("¿qué factores de éxito tiene Saltillo?", ["Foco en la medición", "Apoyo de recursos humanos"], []),
    ("who are the lead innovation officers of Saltillo?", ["Javier Cesar Cardenas", "Ariel Dominguez"], []),
]

CONDITIONS: list[Case] = [
    ("cities under 100,000 inhabitants", ["Quillota", "fewer than 100,000 inhabitants"], ["Seoul"]),
    ("which cities have more than 5 million inhabitants?", ["São Paulo", "Seoul", "Mexico City", "London"], ["Durham"]),
    ("cities with at least three policy areas", ["3 of the 50 cities", "Cape Town, Chattanooga, Denver, CO"], ["Durham"]),
    ("which cities name more than six success factors?", ["Vienna"], ["Durham", "Tulsa"]),
    ("ciudades con menos de 300.000 habitantes", ["menos de 300.000 habitantes", "Durham"], ["Seoul"]),
    ("¿qué ciudades tienen al menos 6 roles?", ["Wellington"], ["Tulsa"]),
    ("ciudades de más de un millón de habitantes", ["12 de las 50", "más de 1.000.000 habitantes", "Vienna"],
     ["Durham"]),
    ("which cities focus on both transport and health?", ["2 of the 50", "Transport/Mobility and Health",
                                                          "Denver, CO, Oklahoma City"], ["Seattle"]),
    ("¿qué ciudades se enfocan en transporte o salud?", ["14 de las 50", "Oklahoma City", "Seattle"], []),
    ("does Seattle focus on transport and housing?", ["Yes — Seattle: Transport/Mobility", "Yes — Seattle: Housing"], []),
    ("cities smaller than half a million", ["31 of the 50", "fewer than 500,000 inhabitants"], ["Seoul"]),
]


def check(ask, question: str, must: list[str], must_not: list[str]) -> None:
    answer = ask(question)
    for part in must:
        assert part in answer, (question, part, answer)
    for part in must_not:
        assert part not in answer, (question, part, answer)


@pytest.mark.parametrize("case", OUT_OF_SCOPE, ids=lambda c: ascii_id(c[0]))
def test_out_of_scope_is_said_not_answered_as_something_else(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", PARTIAL, ids=lambda c: ascii_id(c[0]))
def test_partial_understanding_is_said(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", COMPOUND, ids=lambda c: ascii_id(c[0]))
def test_two_part_questions_get_both_parts(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", TWO_SECTIONS, ids=lambda c: ascii_id(c[0]))
def test_a_label_of_two_sections_is_read_in_the_one_named(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", FURNITURE, ids=lambda c: ascii_id(c[0]))
def test_page_furniture_is_not_a_city_fact(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", TYPOS, ids=lambda c: ascii_id(c[0]))
def test_typos_with_one_clear_candidate_are_answered_and_said(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", SECTIONS, ids=lambda c: ascii_id(c[0]))
def test_every_section_in_plain_words(ask, case: Case):
    check(ask, *case)


@pytest.mark.parametrize("case", CONDITIONS, ids=lambda c: ascii_id(c[0]))
def test_across_cities_with_conditions(ask, case: Case):
    check(ask, *case)


def test_out_of_scope_counts_as_unanswered(engine):
    assert not engine.ask("is it raining in Tulsa?").understood
    assert engine.ask("who is the mayor of Tulsa?").understood


def test_out_of_scope_offers_what_the_city_covers(engine):
    answer = engine.ask("best tacos in Saltillo")
    assert answer.offers[:3] == ["leader", "population", "officers"] and answer.cities == ["saltillo|mexico"]


def test_every_loose_word_is_one_of_its_topics_phrases():
    phrases = {(tp.key, p) for tp in TOPICS for p in tp.phrases}
    assert phrases >= LOOSE, LOOSE - phrases


def test_every_topic_has_an_answer_and_both_names():
    from bot.facts import FACTS

    for tp in TOPICS:
        assert tp.key in FACTS and tp.name.keys() == {"en", "es"} == tp.heading.keys()


def test_how_much_of_the_question_was_explained(engine):
    from bot.understand import understand

    full = understand("who is the mayor of Durham?", engine.catalog)
    assert full.full and full.explained == 1.0
    partial = understand("Durham mayor and his favourite sandwich", engine.catalog)
    assert not partial.full and partial.unexplained == ["favourite", "sandwich"] and 0 < partial.explained < 1
    off = understand("is it raining in Tulsa?", engine.catalog)
    assert off.out_of_scope == ["raining"] and off.kind == "out_of_scope"
