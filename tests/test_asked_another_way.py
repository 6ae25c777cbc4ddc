"""Questions a new tester asked on 26 November that got another question's answer, or "I don't have that" for
something the page holds. Expected answers read by hand off the bundled records and the Saltillo page:
Saltillo reports insufficient data on Transport/Mobility, Policing and law enforcement, Environment and climate
change and Education, and gave no response on Health, Labour market and skills, Public works and Digital
governance; Vienna approaches innovation capacity from a holistic/macro level (20% of cities surveyed); innovation
helps Buenos Aires simplify procedures, engage residents and generate revenue; Rosario lists 4 roles and names
German Giro as its innovation officer.
"""

from __future__ import annotations

import pytest

from bot import publishing
from bot.answer import Engine
from bot.conversation import MemoryContexts, converse

from .conftest import ascii_id, synthetic_city
from .test_conversation import Turn, talk
from .test_honesty import check


@pytest.mark.parametrize(("question", "must", "must_not"), [
    ("Which policy areas lack sufficient data in Saltillo?",
     ["Policy areas with Insufficient data in Saltillo (4):\n• Transport/Mobility\n• Policing and law enforcement\n"
      "• Environment and climate change\n• Education\n",
      "Policy areas with No Response in Saltillo (4):\n• Health\n• Labour market and skills\n• Public works\n"
      "• Digital governance"], ["Sufficient data in", "Water"]),
    ("¿Cómo enfoca Viena la innovación?",
     ["Vienna aborda la capacidad de innovación así: desde una mirada integral (nivel macro).", "20%"],
     ["prioriza", "sectores"]),
    ("¿Para qué le está sirviendo la innovación a Buenos Aires?",
     ["La innovación ayuda a Buenos Aires a:", "• Simplificar los trámites de empresas y residentes",
      "• Involucrar a los residentes y a otros actores", "• Generar nuevas fuentes de ingresos"], ["No tengo eso"]),
    ("¿quién trabaja en innovación en Rosario?", ["La innovación de Rosario está a cargo de German Giro."],
     ["Pablo Javkin", "habitantes"]),
    ("¿quiénes trabajan en innovación en Rosario?",
     ["Rosario cuenta con 4 perfiles de innovación:", "• Gestión de proyectos", "• Participación ciudadana"],
     ["Pablo Javkin", "habitantes"]),
    ("¿qué perfiles de innovación tiene atlanta y cuántos son?",
     ["Atlanta cuenta con 6 perfiles de innovación:", "• Economics and policy expert (redactado por la ciudad)"],
     ["habitantes"]),
    ("¿va a llover en Rosario?", ["No tengo eso: “llover” sobre Rosario no está en su ficha de innovación."],
     ["“va”", "Pablo Javkin"]),
], ids=ascii_id)
def test_asked_another_way(ask, question: str, must: list[str], must_not: list[str]) -> None:
    check(ask, question, must, must_not)


CONVERSATIONS: dict[str, list[Turn]] = {
    "compare_the_two_keeps_the_topic": [
        ("How many innovation roles does Seattle have?", ["Seattle uses 5 innovation roles:"], []),
        ("and Seoul?", ["Seoul uses 5 innovation roles:"], []),
        ("compare the two", ["Innovation roles, side by side:",
                             "Seattle: Project manager; Data scientist; Designer; Sociologist; Computer scientist",
                             "Seoul: Project manager; Data scientist; Engineer; Communication officer; "
                             "Community engagement staff"], ["Jenny Durkan", "strategy:"]),
    ],
    "compare_the_two_says_what_a_page_does_not_cover": [
        ("How is innovation funded in Saltillo?", ["Saltillo has dedicated funding"], []),
        ("and Rosario?", ["Rosario's snapshot does not cover funding."], []),
        ("compare the two", ["Funding, side by side:", "Saltillo: Yes", "Rosario: not covered by its snapshot"], []),
    ],
    "compare_the_two_populations_then_the_larger": [
        ("who runs Durham?", ["Durham's mayor is Steve Schewel."], []),
        ("how many inhabitants?", ["Durham has a population of 267,743 (2017)."], []),
        ("and Tulsa?", ["Tulsa has a population of 403,090 (2016)."], []),
        ("compare the two", ["Durham: 267,743 (2017)", "Tulsa: 403,090 (2016)", "Largest: Tulsa."], []),
        ("which one is larger?", ["Largest: Tulsa."], ["Durham is larger"]),
    ],
    "which_one_names_more_counts_the_topic_talked_about": [
        ("compare providence, rochester and akron on what innovation is helping them do",
         ["What innovation is helping to do, side by side:"], []),
        ("which of them names the most", ["The most goals innovation is helping with: Rochester (6)."], ["Population"]),
    ],
    "which_one_has_more_a_tie_then_the_smaller": [
        ("compare Wellington and Seoul on success factors", ["Critical success factors, side by side:"], []),
        ("which one has more", ["The same number of critical success factors: 4 each."], ["Population", "The most"]),
        ("and which one is smaller?", ["Smallest: Wellington."], []),
    ],
    "a_list_of_one_then_its_population": [
        ("which cities have 7 success factors",
         ["5 of the 50 cities I know have exactly 7 critical success factors:",
          "Mobile, Saint Paul, Saltillo, San Jose, Vienna"], []),
        ("which of those are in Europe", ["Vienna"], ["Mobile"]),
        ("y cuantos habitantes tiene", ["Vienna tiene 1.900.000 habitantes (datos de 2016)."], ["São Paulo"]),
    ],
    "cities_that_approach_it_both_ways": [
        ("Godoy Cruz approach", ["Godoy Cruz approaches innovation capacity both from a holistic/macro level"], []),
        ("cuantas ciudades la abordan de las dos maneras?", ["22 de las 50 ciudades que conozco abordan"], ["maneras"]),
        ("which cities approach innovation both holistically and in specific areas",
         ["22 of the 50 cities I know approach innovation capacity both from a holistic/macro level"], []),
    ],
    "an_unknown_word_is_not_an_elliptical_follow_up": [
        ("compara la poblacion de lisboa y viena", ["La más poblada: Vienna."], []),
        ("¿qué tal se come en viena?", ["No tengo eso: “come” sobre Vienna no está en su ficha de innovación."],
         ["habitantes"]),
        ("¿y qué roles tiene su equipo de innovación?",
         ["Vienna cuenta con 1 perfil de innovación:\n• Gestión de proyectos"], []),
    ],
    "another_city_on_homelessness": [
        ("Philadelphia policy areas", ["Homeless Services (city-written)"], []),
        ("¿hay otra ciudad que se centre en las personas sin hogar?",
         ["Sin contar Philadelphia:",
          "Ciudades que conozco que se enfocan en Homelessness (redactado por la ciudad): 1 de las 49:", "Chattanooga"],
         ["Human-centered", "equipo"]),
    ],
    "how_many_officers_it_has_is_still_a_count": [
        ("San Pedro Garza Garcia", ["San Pedro Garza García (Mexico)"], []),
        ("cuantos responsables de innovacion tiene",
         ["San Pedro Garza García tiene 2 responsables de innovación: Dinorah Cantú-Pedraza y David Ramos."], []),
        ("how many inhabitants?", ["San Pedro Garza García has a population of 123,156 (2015)."], ["cities I know"]),
    ],
    "which_one_names_more_in_either_language": [
        ("compare Wellington and Seoul on success factors", ["Critical success factors, side by side:"], []),
        ("which one names more success factors?",
         ["The most critical success factors among those listed: Seoul and Wellington, with 4"], ["Population"]),
        ("compara los roles de Seattle y Tulsa", ["Roles de innovación, lado a lado:"], []),
        ("¿cuál nombra más?", ["Más roles de innovación: Seattle (5).", "Tulsa: 3 — "], ["/help"]),
    ],
    "the_most_among_two_that_cover_nothing": [
        ("compare Chicago and Oakland", ["Chicago and Oakland, side by side:"], []),
        ("which of them has the most innovation roles?", ["None of the 2 cities I know cover innovation roles."],
         ["50 cities"]),
    ],
    "a_population_that_is_not_a_clean_number_is_said": [
        ("compare Chelsea and Akron", ["Largest: Akron."], []),
        ("which one is smaller?", ["Smallest: Akron.\nNot counted, as the page does not state the population as a "
                                   "clean number: Chelsea (“39,6990”)."], []),
    ],
    "typed_as_in_a_chat": [
        ("who's the mayor of miami", ["Miami's mayor is Francis X. Suarez."], []),
        ("and how many ppl", ["Miami has a population of 463,347 (2017)."], ["cities I know"]),
        ("what about oakland", ["Oakland has a population of 425,195 (2017)."], []),
    ],
    "the_pdf_year_and_a_version_by_its_year": [
        ("rochester success factors", ["Rochester's critical success factors (6):"], []),
        ("and the pdf year?", ["Rochester's snapshot (PDF version) was produced in 2018."], ["Try"]),
        ("denver innovation officer now", ["Denver, CO's lead innovation officer: Melissa Wiley."], []),
        ("and in the 2016 version?", ["From the 2016 version of Denver's page (not the current one):",
                                      "Denver's lead innovation officer: David Edinger."], ["what changed"]),
    ],
    "la_mayor_de_ellas_is_the_largest_not_the_mayor": [
        ("ciudades de europa", ["3 ciudades que conozco en Europa:", "Lisbon, London, Vienna"], []),
        ("¿la mayor de ellas?", ["London, 9.000.000 hab. en 2019."], ["Sadiq Khan"]),
        ("¿y su alcalde?", ["La alcaldía de London está a cargo de Sadiq Khan."], []),
    ],
    "a_country_after_a_list_narrows_it": [
        ("which cities focus on transport?", ["14 of the 50 cities I know focus on Transport/Mobility:"], []),
        ("¿cuáles están fuera de EE. UU.?", ["Entre las 14 ciudades de la lista anterior:",
                                            "Lisbon, London, Montreal, Quillota, Saltillo"], ["Buenos Aires", "Seoul"]),
    ],
    "an_unknown_city_as_a_follow_up": [
        ("saltillo", ["Saltillo (Mexico)"], []),
        ("y en monterrey?", ["No tengo datos sobre “monterrey”."], ["Prueba"]),
    ],
    "compare_the_two_named_in_a_refused_question": [
        ("Who is the mayor of Miami?", ["Francis X. Suarez"], []),
        ("what's the distance between Miami and Atlanta?",
         ["I don't have that: “distance between” about Miami and Atlanta is not in their innovation snapshots."], []),
        ("ok, compare the two on innovation roles", ["Innovation roles, side by side:",
                                                     "Miami: Project manager; Community engagement staff"], ["Name two"]),
    ],
}


@pytest.mark.parametrize("name", sorted(CONVERSATIONS))
def test_follow_ups(engine, name: str) -> None:
    talk(engine, CONVERSATIONS[name])


def test_a_leading_and_joins_no_two_topics(ask) -> None:
    """'¿y qué roles tiene su equipo?' asks for the roles once (the team, absent, would repeat them)."""
    assert ask("¿y qué roles tiene el equipo de innovación de Viena?") == (
        "Vienna cuenta con 1 perfil de innovación:\n• Gestión de proyectos")


@pytest.mark.parametrize(("question", "lines"), [
    ("compare Saltillo and Rosario", [
        "Saltillo and Rosario, side by side:",
        "Saltillo: 709,671 (2010) · Manolo Jiménez Salinas · strategy: no · dedicated funding: yes · 2 policy areas",
        "Rosario: 995,000 (2018) · Pablo Javkin · strategy: yes · dedicated funding: not covered",
        "Largest: Rosario."]),
    ("compare Durham and Tulsa", [
        "Durham and Tulsa, side by side:",
        "Durham: 267,743 (2017) · Steve Schewel · strategy: yes · 2 policy areas",
        "Tulsa: 403,090 (2016) · G. T. Bynum · strategy: yes · 1 policy area",
        "Largest: Tulsa."]),
], ids=ascii_id)
def test_key_facts_say_not_covered_only_where_another_city_is_covered(ask, question: str, lines: list[str]) -> None:
    assert ask(question).splitlines() == lines


@pytest.mark.parametrize(("question", "answer"), [
    ("how many innovation roles does Chattanooga have",
     "Chattanooga's snapshot does not cover innovation roles.\nIts 2017 page (an earlier version) does:\n"
     "Chattanooga uses 5 innovation roles; its snapshot does not name them."),
    ("¿qué roles tiene Chattanooga?",
     "La ficha de Chattanooga no cubre roles de innovación.\nSu ficha de 2017 (una versión anterior) sí:\n"
     "Chattanooga cuenta con 5 perfiles de innovación; su ficha no los nombra."),
    ("Tulsa funding", "Tulsa's snapshot does not cover funding."),
], ids=ascii_id)
def test_an_older_page_that_covers_what_the_current_one_does_not(ask, question: str, answer: str) -> None:
    """Chattanooga's current record stops before its roles; its 2017 record states 5 (none named). Tulsa has
    one version, so "not covered" is all there is."""
    assert ask(question) == answer


@pytest.mark.parametrize(("question", "answer"), [
    ("Does Saltillo pay for services to third parties?",
     "Read as one of its activities being funded: Paying for services.\n"
     "Yes — Saltillo: Paying for services (activities being funded)."),
    ("¿Saltillo paga servicios a terceros?",
     "Leído como parte de actividades financiadas: Pago de servicios.\n"
     "Sí — Saltillo: Pago de servicios (actividades financiadas)."),
    ("does Tulsa pay for services?",
     "Read as one of its activities being funded: Paying for services.\n"
     "Tulsa's snapshot does not cover activities being funded."),
    ("What's Montreal's innovation website?",
     "Yes — Montreal's page lists an innovation website (its address is not in my data)."),
], ids=ascii_id)
def test_funded_activities_and_the_website_asked_in_plain_words(ask, question: str, answer: str) -> None:
    """Saltillo's page: "… paying for services to a third party"; Montreal's record: innovation_website_listed."""
    assert ask(question) == answer


def test_which_cities_fund_an_activity(ask) -> None:
    assert ask("which cities fund idea generation?").splitlines() == [
        "Cities I know that fund Idea generation & brainstorming: 1 of the 50:", "Saltillo",
        "49 snapshots do not cover activities being funded, so they are not counted."]


@pytest.mark.parametrize(("question", "answer"), [
    ("who heds inovation in Durham", "Durham's lead innovation officer: Ryan Smith.\nTaken as: “heds” → heads."),
    ("who leeds innovasion in Oakland", "Oakland's lead innovation officer: Daniel Hamilton.\nTaken as: “leeds” → leads."),
    ("quien encabesa la innovacion en durham",
     "La innovación de Durham está a cargo de Ryan Smith.\nEntendido como: “encabesa” → encabeza."),
    ("who oversees innovation in Cincinnati", "Cincinnati's lead innovation officer: Nicollette Staton."),
    ("quien encabeza durham", "La alcaldía de Durham está a cargo de Steve Schewel.\nDatos de la ficha de 2019."),
], ids=ascii_id)
def test_a_misspelt_phrase_is_read_whole(ask, question: str, answer: str) -> None:
    """'heds' alone is one slip from 'heads' (the mayor); with 'inovation' after it, the phrase 'heads
    innovation' (the innovation officers) is what was misspelt."""
    assert ask(question) == answer


def test_the_verdict_on_which_has_more_comes_first(ask) -> None:
    assert ask("which has more policy areas, Cape Town or Durham?").splitlines()[:2] == [
        "The most policy areas: Cape Town (5).", "Policy areas, side by side:"]


def test_a_rolled_back_page_is_not_an_earlier_version(stores) -> None:
    """Published 2016 (no roles), then 2018 (roles), then rolled back to 2016: the 2018 page was withdrawn, not
    an earlier version, so "not covered" is all there is."""
    old = synthetic_city(population="100,000 (2016)", pdf_produced_in=2016)
    new = synthetic_city(population="120,000 (2018)", pdf_produced_in=2018, roles=["Designer"], roles_count=1)
    stores.facts.publish(stores.facts.plan_all([old]))
    stores.facts.publish(stores.facts.plan_all([new]))
    publishing.rollback(stores.facts, stores.operations, "synthville|testland")
    _, answer = converse(Engine(stores.facts), MemoryContexts(), "c", "what innovation roles does Synthville have?")
    assert answer.plain == "Synthville's snapshot does not cover innovation roles."


def test_a_city_whose_older_page_covers_it_without_a_year(stores) -> None:
    first = synthetic_city(population="100,000", roles=["Designer"], roles_count=1)
    stores.facts.publish(stores.facts.plan_all([first]))
    stores.facts.publish(stores.facts.plan_all([synthetic_city(population="120,000", leader="Someone Else")]))
    _, answer = converse(Engine(stores.facts), MemoryContexts(), "c", "what innovation roles does Synthville have?")
    assert answer.plain == ("Synthville's snapshot does not cover innovation roles.\nAn earlier version of its page "
                            "does:\nSynthville uses 1 innovation role:\n• Designer")


def test_only_what_no_other_city_names_is_only_that_citys(ask) -> None:
    """Tulsa and Durham both focus on Social inclusion and equity (Akron does not): it is nobody's "only"."""
    assert ask("compare Akron, Tulsa and Durham on policy areas").splitlines()[-3:] == [
        "Nothing in common.", "Only Akron: Economic Development; Ecosystem Development.",
        "Only Durham: Transport/Mobility."]


@pytest.mark.parametrize(("question", "answer"), [
    ("how many people live in Lisbon, what terms does it associate with innovation?",
     "Lisbon has a population of 547,733 (2011).\nTerms Lisbon most associates with innovation (2):\n"
     "• Experimentation\n• Technological innovation"),
    ("Gotham City", "I don't have data on “gotham”."),
], ids=ascii_id)
def test_a_comma_joins_two_parts_and_a_city_word_names_a_city(ask, question: str, answer: str) -> None:
    """Lisbon's record: 547,733 (2011); terms Experimentation and Technological innovation. Gotham is no city."""
    assert ask(question) == answer


@pytest.mark.parametrize(("question", "first"), [
    ("which us cities have two lead innovation officers",
     "3 of the 33 cities I know have exactly 2 lead innovation officers:"),
    ("¿que ciudades abordan la innovacion solo en areas de politica concretas?",
     "13 de las 50 ciudades que conozco abordan la capacidad de innovación en áreas de política específicas:"),
    ("¿saltillo colabora con organizaciones sin fines de lucro?",
     "Sí — Saltillo: organizaciones sin fines de lucro (alianzas)."),
    ("which cities partner with private firms?", "Cities I know that partner with private firms: 1 of the 50:"),
], ids=ascii_id)
def test_conditions_approaches_and_partners_in_other_words(ask, question: str, first: str) -> None:
    """Philadelphia, South Bend and Tallahassee are the US cities naming two officers; 13 records approach
    innovation in specific policy areas only; Saltillo's page partners with not-for-profit organizations."""
    assert ask(question).splitlines()[0] == first


@pytest.mark.parametrize(("question", "first"), [
    ("is rochester bigger than mobile", "Yes — Rochester is larger than Mobile."),
    ("is mobile bigger than rochester?", "No — Rochester is larger than Mobile."),
    ("is Tulsa smaller than Durham?", "No — Durham is smaller than Tulsa."),
    ("¿Rosario es más grande que Godoy Cruz?", "Sí — Rosario es más grande que Godoy Cruz."),
    ("¿es Rosario más chica que Godoy Cruz?", "No — Godoy Cruz es más pequeña que Rosario."),
], ids=ascii_id)
def test_is_one_city_bigger_than_another_is_answered_yes_or_no(ask, question: str, first: str) -> None:
    """Rochester 208,046 and Mobile 190,265 (2017); Tulsa 403,090, Durham 267,743; Rosario 995,000, Godoy Cruz
    205,537."""
    assert ask(question).splitlines()[0] == first
