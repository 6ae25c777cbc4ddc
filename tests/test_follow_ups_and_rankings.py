"""Questions that used to get another question's answer: follow-ups on a list, rankings by a per-city count,
places bigger than a country, comparatives of the cities just talked about, words outside the vocabulary.

Each class is a table, in English and in Spanish (Mexico, Argentina, Spain). Expected values were read by hand
off the bundled records (knowledge/data/cities/*.json) and the Saltillo page (knowledge/data/saltillo-mex.txt):
e.g. São Paulo states 8 innovation roles, Godoy Cruz lists 8 critical success factors, Cape Town 5 policy
areas; 14 cities focus on Transport/Mobility, 5 of them outside the United States; Chelsea's population is
printed "39,6990".
"""

from __future__ import annotations

import pytest

from bot.conversation import MemoryContexts, converse

from .conftest import ascii_id
from .test_conversation import Turn, talk

TRANSPORT = ("Alexandria, Chattanooga, Denver, CO, Durham, Lisbon, London, Montreal, Oklahoma City, Portland, ME, "
             "Quillota, Rochester, Saltillo, San Jose, Seattle")
NOT_US_TRANSPORT = "Lisbon, London, Montreal, Quillota, Saltillo"

# Class 1: a follow-up on an across-city list, or on the last two cities, is about exactly those.
FOLLOW_UPS: dict[str, list[Turn]] = {
    "count_then_filter_the_list": [
        ("which cities focus on transport?", ["14 of the 50 cities I know focus on Transport/Mobility:", TRANSPORT], []),
        ("how many are there?", ["There are 14 of them:", TRANSPORT], ["50 cities", "13 countries"]),
        ("which of those are not in the US?", ["5 cities I know outside United States:", NOT_US_TRANSPORT],
         ["Seoul", "Buenos Aires", "Durham"]),
    ],
    "cuantas_son_mx": [
        ("¿qué ciudades se enfocan en transporte?", ["14 de las 50 ciudades que conozco se enfocan en Transporte"], []),
        ("¿cuántas son?", ["Son 14:", TRANSPORT], ["50 ciudades"]),
        ("¿cuáles de esas no están en Estados Unidos?", ["5 ciudades que conozco fuera de Estados Unidos:",
                                                        NOT_US_TRANSPORT], ["Seoul", "Durham"]),
    ],
    "list_them_after_a_count_of_roles": [
        ("How many innovation roles does Seattle have?", ["Seattle uses 5 innovation roles:"], []),
        ("list them", ["Project manager", "Data scientist", "Designer", "Sociologist", "Computer scientist"],
         ["Seattle's mayor", "Jenny Durkan"]),
        ("and Tulsa?", ["Tulsa uses 3 innovation roles:", "Public manager", "City planner/engineer"], ["Sociologist"]),
    ],
    "decime_cuales_son_ar": [
        ("¿cuántos roles de innovación tiene Rosario?", ["Rosario cuenta con 4 perfiles de innovación:"], []),
        ("decime cuáles son", ["Gestión de proyectos", "Ciencia de datos", "Participación ciudadana"],
         ["Pablo Javkin"]),
    ],
    "any_other_city": [
        ("Philadelphia policy areas", ["Homeless Services", "Waste and Litter"], []),
        ("does any other city focus on homelessness?",
         ["Other than Philadelphia:", "Cities I know that focus on Homelessness (city-written): 1 of the 49:", "Chattanooga"],
         ["No — Homelessness is not among Philadelphia's policy areas"]),
    ],
    "alguna_otra_ciudad_es": [
        ("¿En qué áreas se enfoca Chattanooga?", ["Vivienda", "Transporte y movilidad"], []),
        ("¿alguna otra ciudad se enfoca en vivienda?",
         ["Sin contar Chattanooga:", "2 de las 49 ciudades que conozco se enfocan en Vivienda:", "Fort Collins, Seattle"],
         []),
    ],
    "which_is_larger_after_two_single_turns": [
        ("population of Fort Collins", ["165,080 (2017)"], []),
        ("what about Fort Lauderdale?", ["182,827 (2018)"], ["165,080"]),
        ("which is larger?", ["Fort Collins: 165,080 (2017)", "Fort Lauderdale: 182,827 (2018)",
                              "Largest: Fort Lauderdale."], []),
        ("who is its mayor?", ["Dean J. Trantalis"], ["Wade Troxell"]),
    ],
    "cual_es_mas_chica_ar": [
        ("¿cuántos habitantes tiene Rosario?", ["995.000 habitantes (datos de 2018)"], []),
        ("¿y Godoy Cruz?", ["205.537 habitantes (datos de 2019)"], []),
        ("¿cuál es más chica?", ["La menos poblada: Godoy Cruz."], []),
        ("¿quién es su intendente?", ["Tadeo Garcia Zalazar"], ["Pablo Javkin"]),
    ],
    "the_mayor_of_the_smaller_one": [
        ("Compare Miami and Atlanta", ["Miami", "Atlanta"], []),
        ("which one is bigger?", ["Largest: Atlanta."], []),
        ("who is the mayor of the smaller one?", ["Miami, 463,347 (2017)", "Miami's mayor is Francis X. Suarez."],
         ["Keisha"]),
    ],
    "a_label_stays_in_the_section_in_context": [
        ("how many cities have a dedicated innovation team as a success factor?",
         ["39 of the 50 cities I know cite the success factor Dedicated innovation team:"], []),
        ("and dedicated funding?", ["Read as one of its critical success factors: Dedicated funding.",
                                    "31 of the 50 cities I know cite the success factor Dedicated funding:"],
         ["have dedicated innovation funding"]),
        ("which of those are in Argentina?", ["2 cities I know in Argentina:", "Godoy Cruz, Rosario"], ["Buenos Aires"]),
    ],
    "la_etiqueta_sigue_en_su_seccion_es": [
        ("¿cuántas ciudades citan el liderazgo de la alcaldía como factor de éxito?",
         ["41 de las 50 ciudades que conozco citan el factor de éxito Liderazgo de la alcaldía:"], []),
        ("¿y la financiación dedicada?", ["31 de las 50 ciudades que conozco citan el factor de éxito "
                                          "Financiación dedicada:"], []),
        ("¿cuáles de ellas están en Argentina?", ["Godoy Cruz, Rosario"], ["Buenos Aires"]),
    ],
    "the_mayor_of_the_largest_of_them": [
        ("cities in Argentina", ["3 cities I know in Argentina:", "Buenos Aires, Godoy Cruz, Rosario"], []),
        ("who is the mayor of the largest of them?", ["Buenos Aires, 2,890,000 (2016)",
                                                      "Buenos Aires's mayor is Horacio Rodriguez Larreta."], []),
    ],
    "el_alcalde_de_la_mas_poblada_mx": [
        ("ciudades de México", ["Mexico City, Saltillo, San Pedro Garza García"], []),
        ("¿quién es el alcalde de la más poblada de ellas?", ["Claudia Sheinbaum Pardo"], ["Manolo Jiménez"]),
    ],
    "a_bare_city_carries_the_topic": [
        ("Tulsa population", ["403,090 (2016)"], []),
        ("Durham?", ["Durham has a population of 267,743 (2017)."], ["Steve Schewel"]),
    ],
    "una_ciudad_sola_lleva_el_tema_ar": [
        ("¿quién es el intendente de Rosario?", ["Pablo Javkin"], []),
        ("¿Godoy Cruz?", ["La alcaldía de Godoy Cruz está a cargo de Tadeo Garcia Zalazar."], ["205.537"]),
    ],
    "the_most_then_its_mayor": [
        ("Which city has the most critical success factors?", ["Godoy Cruz, with 8"], ["Leadership from Mayor (41)"]),
        ("who is its mayor?", ["Tadeo Garcia Zalazar"], []),
        ("how many inhabitants?", ["205,537 (2019)"], []),
    ],
    "la_que_mas_y_su_alcalde_es": [
        ("¿Qué ciudad tiene más roles de innovación?", ["São Paulo, con 8"], []),
        ("¿y quién es su alcalde?", ["Bruno Covas"], []),
    ],
    "the_largest_city_is_of_all_cities_not_the_list": [
        ("cities in Argentina", ["Buenos Aires, Godoy Cruz, Rosario"], []),
        ("what is the smallest city?", ["The smallest city I know by population: Portland, ME, 66,882 (2017)."],
         ["among those listed"]),
    ],
    "and_the_smallest_of_the_same_country": [
        ("largest city in Mexico", ["The largest city I know by population in Mexico: Mexico City, 9,209,944 (2020)."],
         []),
        ("and the smallest?", ["San Pedro Garza García, 123,156 (2015)."], ["Portland"]),
    ],
    "y_la_mas_chica_ar": [
        ("¿Cuál es la ciudad más poblada de Argentina?", ["Buenos Aires, 2.890.000 hab. en 2016."], []),
        ("¿y su intendente?", ["Horacio Rodriguez Larreta"], []),
        ("¿y la más chica?", ["Godoy Cruz, 205.537 hab. en 2019."], ["Portland"]),
    ],
    "which_has_more_then_its_mayor": [
        ("Which has more policy areas, Cape Town or Durham?", ["The most policy areas: Cape Town (5)."], []),
        ("who is its mayor?", ["Cape Town's mayor is Dan Plato."], ["Steve Schewel"]),
    ],
    "cual_tiene_mas_es": [
        ("¿cuál tiene más factores de éxito, Rosario o Godoy Cruz?", ["Más factores de éxito: Godoy Cruz (8)."], []),
        ("what city has more roles, Seattle or Durham?", ["The same number of innovation roles: 5 each."], []),
    ],
    "out_of_scope_after_a_topic_is_not_that_topic": [
        ("Seoul policy areas", ["Environment and climate change"], []),
        ("who founded Rosario?", ["I don't have that", "founded", "Rosario"], ["prioritise"]),
        ("What is the GDP of Seoul?", ["I don't have that", "gdp"], ["Social welfare"]),
        ("which mayors are women?", ["I don't have that", "women"], ["Wonsoon Park"]),
    ],
    "fuera_de_alcance_tras_un_tema_es": [
        ("¿cuántos habitantes tiene Lisboa?", ["547.733"], []),
        ("¿y el desempleo?", ["No tengo", "desempleo"], ["547.733"]),
    ],
    "a_list_filtered_by_a_yes_no_fact_then_ranked": [
        ("which cities focus on social inclusion?", ["Cape Town, Durham, Quillota, Tulsa, Wellington"], []),
        ("which of those have an explicit strategy?",
         ["4 of the 5 cities I know have an explicit innovation strategy:", "Cape Town, Durham, Quillota, Tulsa"],
         ["Wellington", "Which city"]),
        ("the biggest of them?", ["Cape Town, 3,740,026 (2011)"], ["Wellington"]),
    ],
    "una_lista_filtrada_por_estrategia_mx": [
        ("ciudades de Brasil", ["Pelotas, São Paulo"], []),
        ("¿cuáles de ellas tienen una estrategia de innovación?", ["Pelotas"], ["São Paulo", "¿De qué ciudad?"]),
    ],
    "which_of_them_is_led_by_a_city_manager": [
        ("who runs Akron?", ["Daniel Horrigan"], []),
        ("and Alexandria?", ["Mark B. Jinks"], []),
        ("which of them is led by a city manager?", ["led by a City Manager:", "Alexandria"],
         ["Akron is led by a city manager"]),
    ],
    "who_leads_it_after_the_team_is_the_officer": [
        ("What roles does Tulsa's innovation team have?", ["Tulsa uses 3 innovation roles:"], []),
        ("who leads it?", ["James Wagner"], ["G. T. Bynum"]),
    ],
    "who_heads_it_after_the_team_is_the_officer": [
        ("what roles does Quillota's innovation team have?", ["Quillota"], []),
        ("and who heads it?", ["Ximena Valdivieso Arza"], ["Luis Mella Gajardo"]),
    ],
    "how_common_is_that_keeps_the_topic": [
        ("What is Tulsa's approach to innovation capacity?", ["from a holistic/macro level"], []),
        ("how common is that among cities surveyed?",
         ["20% of cities surveyed approach innovation capacity from a holistic/macro level."], ["explicit innovation"]),
    ],
    "the_criterion_carries_to_a_place_and_to_a_city": [
        ("which cities focus on transport?", ["14 of the 50"], []),
        ("and in Mexico?", ["Cities I know that focus on Transport/Mobility (Mexico): 1 of the 3:", "Saltillo"],
         ["San Pedro"]),
        ("and in Europe?", ["2 of the 3 cities I know focus on Transport/Mobility (Europe):", "Lisbon, London"],
         ["Vienna"]),
    ],
    "does_durham_after_which_cities_have_a_designer": [
        ("Which cities have a designer?", ["21 of the 50 cities I know use the role Designer:"], []),
        ("does Durham?", ["Yes — Durham: Designer (innovation roles)."], ["Steve Schewel"]),
        ("and Tulsa?", ["No — Designer is not among Tulsa's innovation roles."], ["G. T. Bynum"]),
    ],
    "y_seattle_tras_vivienda_es": [
        ("¿Qué ciudades se enfocan en vivienda?", ["Chattanooga, Fort Collins, Seattle"], []),
        ("¿y Seattle?", ["Sí — Seattle: Vivienda (áreas de política)."], ["Jenny Durkan"]),
    ],
    "which_of_the_two_has_more_roles_when_one_is_not_covered": [
        ("¿Quién es el jefe de gobierno de la Ciudad de México?", ["Claudia Sheinbaum Pardo"], []),
        ("¿Y San Pedro?", ["Miguel B. Treviño De Hoyos"], []),
        ("¿Y cuál tiene más roles de innovación?", ["San Pedro Garza García, con 5 (la única ciudad cuya ficha lo cubre)",
                                                    "Sin ordenar: Mexico City"], []),
    ],
    "a_plural_topic_word_is_the_topic": [
        ("Compare Lisbon and Vienna", ["Lisbon", "Vienna"], []),
        ("what about their strategies?", ["Innovation strategy, side by side:", "Lisbon: Yes", "Vienna: Yes"],
         ["I answer questions"]),
    ],
    "and_which_dont_stays_in_the_country_es": [
        ("¿qué ciudades de Estados Unidos tienen financiación dedicada como factor de éxito?",
         ["23 de las 33 ciudades que conozco citan el factor de éxito Financiación dedicada (Estados Unidos):"], []),
        ("¿cuántas son?", ["Son 23:"], []),
        ("¿y cuáles no?", ["10 de las 33 ciudades que conozco no citan el factor de éxito Financiación dedicada "
                           "(Estados Unidos):", "Atlanta, Chicago, Durham, Fort Collins, Georgetown, Portland, ME, "
                           "Providence, San Jose, Tulsa, Virginia Beach"], ["Buenos Aires"]),
    ],
    "and_which_dont": [
        ("which cities have an explicit strategy?", ["23 of the 50 cities I know have an explicit innovation strategy:"],
         []),
        ("and which don't?", ["27 of the 50 cities I know do not have an explicit innovation strategy:"], []),
    ],
    "and_with_another_city_compares": [
        ("Rosario population", ["995,000 (2018)"], []),
        ("¿y con Buenos Aires?", ["Rosario y Buenos Aires, lado a lado:", "La más poblada: Buenos Aires."], []),
    ],
    "back_then_is_the_older_page": [  # Denver's 2016 page names David Edinger; the current (2018) one Melissa Wiley
        ("Denver's mayor in 2016", ["From the 2016 version of Denver's page", "Michael Hancock"], []),
        ("and now?", ["Denver, CO's mayor is Michael Hancock."], ["2016 version"]),
        ("who was the innovation officer back then?", ["From the 2016 version", "David Edinger"], ["Melissa Wiley"]),
        ("¿y quién era el responsable de innovación en ese entonces?", ["versión de 2016", "David Edinger"],
         ["Melissa Wiley", "única"]),
        ("and now?", ["Melissa Wiley"], ["David Edinger"]),
    ],
    "which_is_the_smallest_is_of_the_list": [
        ("which cities focus on social inclusion?", ["Cape Town, Durham, Quillota, Tulsa, Wellington"], []),
        ("which is the smallest?", ["among those listed: Quillota, 85,262 (2012)."], ["Portland"]),
    ],
}


@pytest.mark.parametrize("name", sorted(FOLLOW_UPS))
def test_follow_up(engine, name):
    talk(engine, FOLLOW_UPS[name])


# Class 2: "which city has the most …" ranks cities by how many items a section names.
RANKINGS: dict[str, list[str]] = {
    "Which city has the most innovation roles?": [
        "The most innovation roles: São Paulo, with 8 (of the 40 cities whose snapshots cover them).",
        "Next: Montreal and South Bend (7)."],
    "Which city has the largest innovation team?": [
        "The most innovation roles: São Paulo, with 8 (of the 40 cities whose snapshots cover them).",
        "Next: Montreal and South Bend (7)."],
    "which city has the most policy areas?": [
        "The most policy areas: Cape Town, with 5 (of the 49 cities whose snapshots cover them).",
        "Next: Chattanooga and Denver, CO (3)."],
    "which city names the fewest innovation roles?": [
        "The fewest innovation roles: Alexandria, Chelsea and Vienna, with 1 (of the 40 cities whose snapshots cover "
        "them).", "Next: Akron, Denver, CO and Miami (2)."],
    "which city has the most terms associated with innovation?": [
        "The most terms associated with innovation: Durham, with 3 (of the 22 cities whose snapshots cover them).",
        "Next: 21 cities with 2."],
    "¿Qué ciudad tiene más factores de éxito?": [
        "Más factores de éxito: Godoy Cruz, con 8 (de las 50 ciudades cuyas fichas lo cubren).",
        "Siguen: 5 ciudades con 7."],
    "¿Qué ciudad tiene más responsables de innovación?": [
        "Más responsables de innovación: Lisbon, London, Pelotas, Philadelphia, Saltillo, San Pedro Garza García, "
        "South Bend y Tallahassee, FL, con 2 (de las 50 ciudades cuyas fichas lo cubren).",
        "Siguen: 42 ciudades con 1."],
    "¿cuál es la ciudad con más objetivos de innovación?": [
        "Más objetivos de la innovación: Cape Town, con 7 (de las 50 ciudades cuyas fichas lo cubren).",
        "Siguen: Rochester (6)."],
}


@pytest.mark.parametrize("question", sorted(RANKINGS), ids=ascii_id)
def test_the_most_is_a_city_and_its_count(ask, question):
    assert ask(question).splitlines() == RANKINGS[question]


@pytest.mark.parametrize(("question", "first"), [
    ("What is the most common critical success factor?", "• Leadership from Mayor (41)"),
    ("most common success factor", "• Leadership from Mayor (41)"),
    ("¿cuál es el factor crítico de éxito más común?", "• Liderazgo de la alcaldía (41)"),
], ids=ascii_id)
def test_critical_is_part_of_the_section_name(ask, question, first):
    assert ask(question).splitlines()[1] == first


@pytest.mark.parametrize(("question", "answer"), [
    ("which city has the most funding?", "I can't rank cities by funding"),
    ("which city is the most innovative?", "I don't have that"),
    ("¿qué ciudad tiene más financiación?", "No puedo ordenar ciudades por financiación"),
], ids=ascii_id)
def test_a_ranking_the_snapshots_do_not_hold_is_said(ask, question, answer):
    assert ask(question).startswith(answer)


# Class 3: words outside the vocabulary, or a place bigger than a country.
PLACES_AND_PHRASINGS: dict[str, list[str]] = {
    "What is the largest city in South America?": [
        "The largest city I know by population in South America: São Paulo, 12,110,000 (2018).",
        "Next: Buenos Aires, 2,890,000 (2016); Rosario, 995,000 (2018); Pelotas, 342,405 (2019)."],
    "largest city in North America": [
        "The largest city I know by population in North America: Mexico City, 9,209,944 (2020).",
        "Next: New York City, 8,620,000 (2017); Chicago, 2,700,000 (2016); Montreal, 1,820,000 (2017)."],
    "¿cuál es la ciudad más pequeña de Sudamérica?": [
        "La ciudad menos poblada que conozco en Sudamérica: Quillota, 85.262 hab. en 2012.",
        "Siguen: Godoy Cruz (205.537 hab. en 2019); Pelotas (342.405 hab. en 2019); Rosario (995.000 hab. en 2018)."],
    "cities in Europe": ["3 cities I know in Europe:", "Lisbon, London, Vienna"],
    "ciudades de Asia": ["2 ciudades que conozco en Asia:", "Be'er Sheva, Seoul"],
    "which cities in Latin America focus on transport?": [
        "2 of the 9 cities I know focus on Transport/Mobility (Latin America):", "Quillota, Saltillo"],
    "Which cities have an engineer on their innovation team?": [
        "12 of the 50 cities I know use the role Engineer:",
        "Atlanta, Buenos Aires, Cape Town, Georgetown, Godoy Cruz, Lisbon, Montreal, Riverside, San Jose, Seoul, "
        "South Bend, Tulsa", "13 snapshots do not cover innovation roles, so they are not counted."],
    "¿Qué ciudades tienen un ingeniero en su equipo de innovación?": [
        "12 de las 50 ciudades que conozco usan el rol Ingeniería:",
        "Atlanta, Buenos Aires, Cape Town, Georgetown, Godoy Cruz, Lisbon, Montreal, Riverside, San Jose, Seoul, "
        "South Bend, Tulsa", "13 fichas no cubren roles de innovación, así que no se cuentan."],
    "who does Saltillo partner with?": [
        "Saltillo has innovation partnerships with:", "• other public agencies", "• private firms",
        "• not-for-profit organizations", "• city residents/resident associations"],
    "¿con quién se asocia Saltillo?": [
        "Saltillo tiene alianzas de innovación con:", "• otros organismos públicos", "• empresas privadas",
        "• organizaciones sin fines de lucro", "• residentes y asociaciones vecinales"],
    "What does Saltillo fund?": [
        "Activities being funded in Saltillo (5):", "• Launching or sustaining a project",
        "• Idea generation & brainstorming", "• Investing in digital systems", "• Investing in physical infrastructure",
        "• Paying for services",
        "Saltillo also invests in digital systems and physical infrastructure as well as paying for services to a "
        "third party."],
    "Mayor and innovation officer of Mobile?": [
        "Mobile's lead innovation officer: Terrance Smith.", "Mobile's mayor is Sandy Stimpson.",
        "Data from the snapshot produced in 2019."],
    "¿alcalde y responsable de innovación de Tulsa?": [
        "La innovación de Tulsa está a cargo de James Wagner.", "La alcaldía de Tulsa está a cargo de G. T. Bynum.",
        "Datos de la ficha de 2019."],
    "Buenos Aries population": [
        "Buenos Aires has a population of 2,890,000 (2016).", "Taken as: “buenos aries” → Buenos Aires."],
    "San Pedro Garza Garcia population": ["San Pedro Garza García has a population of 123,156 (2015)."],
    "which cities outside the US focus on transport?": [
        "5 of the 17 cities I know focus on Transport/Mobility (outside United States):", NOT_US_TRANSPORT],
    "cities outside the US focus on housing": ["None of the 17 cities I know focus on Housing (outside United States)."],
    "which cities have enough data on housing": [
        "Cities I know that report sufficient data on Housing and built environment: 1 of the 50:", "Saltillo",
        "49 snapshots do not cover data availability, so they are not counted."],
    "¿qué ciudades no tienen datos suficientes sobre vivienda?": [
        "0 de las 50 ciudades que conozco reportan datos insuficientes / sin respuesta en Vivienda y entorno "
        "construido.",
        "49 fichas no cubren disponibilidad de datos, así que no se cuentan."],
    "which cities do not have enough data on health?": [  # Saltillo did not answer on health
        "Cities I know that report insufficient data / no response on Health: 1 of the 50:", "Saltillo",
        "49 snapshots do not cover data availability, so they are not counted."],
    "which cities have two innovation officers?": [
        "8 of the 50 cities I know have exactly 2 lead innovation officers:",
        "Lisbon, London, Pelotas, Philadelphia, Saltillo, San Pedro Garza García, South Bend, Tallahassee, FL"],
    "which cities have exactly 3 policy areas?": [
        "2 of the 50 cities I know have exactly 3 policy areas:", "Chattanooga, Denver, CO",
        "1 snapshot does not cover policy areas, so it is not counted."],
    "¿qué ciudades tienen exactamente 2 responsables de innovación?": [
        "8 de las 50 ciudades que conozco tienen exactamente 2 (responsables de innovación):",
        "Lisbon, London, Pelotas, Philadelphia, Saltillo, San Pedro Garza García, South Bend, Tallahassee, FL"],
    "cities between 200,000 and 300,000 inhabitants": [
        "9 of the 50 cities I know have between 200,000 and 300,000 inhabitants:",
        "Anchorage, Aurora, Be'er Sheva, Durham, Godoy Cruz, Rochester, Scottsdale, AZ, Wellington, Winston-Salem, NC",
        "Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”)."],
    "¿qué ciudades tienen entre 1 y 2 millones de habitantes?": [
        "4 de las 50 ciudades que conozco tienen entre 1.000.000 y 2.000.000 habitantes:",
        "Montreal, Philadelphia, San Jose, Vienna",
        "Sin contar, porque la ficha no da la población como un número limpio: Chelsea (“39,6990”)."],
    "cities with 6 roles or more": [
        "10 of the 50 cities I know have at least 6 innovation roles:",
        "Atlanta, Mobile, Montreal, Philadelphia, Quillota, Riverside, São Paulo, South Bend, Tallahassee, FL, Wellington",
        "10 snapshots do not cover innovation roles, so they are not counted."],
    "ciudades con 7 factores de éxito o más": [
        "6 de las 50 ciudades que conozco tienen al menos 7 (factores de éxito):",
        "Godoy Cruz, Mobile, Saint Paul, Saltillo, San Jose, Vienna"],
    "which cities name 2 or fewer critical success factors?": [
        "2 of the 50 cities I know have at most 2 critical success factors:", "Atlanta, Chicago"],
    "cities in Spain": ["I know no cities in Spain."],
    "¿Qué ciudades de Francia conoces?": ["No conozco ciudades en Francia."],
    "Which cities approach innovation capacity holistically?": [
        "13 of the 50 cities I know approach innovation capacity from a holistic/macro level:",
        "Akron, Atlanta, Buenos Aires, Chelsea, Georgetown, Miami, Providence, Riverside, Saint Paul, Tulsa, Vienna, "
        "Virginia Beach, Winston-Salem, NC",
        "2 snapshots do not cover its approach to innovation capacity, so they are not counted."],
    "What is the title of Akron's top official?": [
        "Akron's mayor is Daniel Horrigan.", "Data from the snapshot produced in 2019."],
    "Which terms does Tulsa link to innovation?": [
        "Terms Tulsa most associates with innovation (2):", "• Data analytics", "• Experimentation"],
    "How many people live in Durham and what terms does it associate with innovation?": [
        "Durham has a population of 267,743 (2017).", "Terms Durham most associates with innovation (3):",
        "• Human-centered design", "• Experimentation", "• Collaboration (city-written)"],
    "sufficent data saltillo": [
        "Policy areas with Sufficient data in Saltillo (7):", "• Economic Development", "• Housing and built environment",
        "• Water", "• Waste and sewage", "• Culture", "• Social inclusion and equity", "• Tourism",
        "Taken as: “sufficent” → sufficient."],
    "who leads innovashun in Durham": ["Durham's lead innovation officer: Ryan Smith."],
    "Mexican cities' mayors": [
        "Leader, side by side:", "Mexico City: Claudia Sheinbaum Pardo", "Saltillo: Manolo Jiménez Salinas",
        "San Pedro Garza García: Miguel B. Treviño De Hoyos"],
    "¿quiénes son los alcaldes de las ciudades argentinas?": [
        "Alcaldía, lado a lado:", "Buenos Aires: Horacio Rodriguez Larreta", "Godoy Cruz: Tadeo Garcia Zalazar",
        "Rosario: Pablo Javkin"],
    "¿Me podéis decir quién es el alcalde de Lisboa?": ["La alcaldía de Lisbon está a cargo de Fernando Medina."],
    "wich citys focus on enviroment?": [
        "4 of the 50 cities I know focus on Environment and climate change:", "Godoy Cruz, Oakland, Portland, ME, Seoul",
        "1 snapshot does not cover policy areas, so it is not counted.",
        "Taken as: “enviroment” → Environment and climate change."],
    "¿tulsa se enfoca en educasion?": [
        "No — Tulsa no incluye Educación en sus áreas de política.",
        "Áreas de política en las que se enfoca Tulsa (1):", "• Inclusión social y equidad",
        "Entendido como: “educasion” → Educación."],
    "which cities have a spotlight story?": ["Cities I know that name a spotlight story on their page: 1 of the 50:", "Saltillo"],
    "compair Denver and Seattle on strategy": [
        "Innovation strategy, side by side:", "Denver, CO: Yes", "Seattle: No", "They differ."],
    "which cities have more policy areas than Durham?": [
        "Other than Durham:", "3 of the 49 cities I know have more than 2 policy areas:",
        "Cape Town, Chattanooga, Denver, CO", "1 snapshot does not cover policy areas, so it is not counted."],
    "¿qué ciudades son más grandes que Rosario?": [
        "Sin contar Rosario:", "12 de las 49 ciudades que conozco tienen más de 995.000 habitantes:",
        "Buenos Aires, Cape Town, Chicago, London, Mexico City, Montreal, New York City, Philadelphia, San Jose, "
        "São Paulo, Seoul, Vienna",
        "Sin contar, porque la ficha no da la población como un número limpio: Chelsea (“39,6990”)."],
    "cities smaller than Saltillo in Mexico": [
        "Other than Saltillo:", "Cities I know that have fewer than 709,671 inhabitants: 1 of the 2:",
        "San Pedro Garza García"],
    "What policy areas does the smallest Argentine city focus on?": [
        "The smallest city I know by population in Argentina: Godoy Cruz, 205,537 (2019).",
        "Next: Rosario, 995,000 (2018); Buenos Aires, 2,890,000 (2016).",
        "Policy areas Godoy Cruz is focused on (2):", "• Digital governance", "• Environment and climate change"],
    "¿Quién se encarga de la innovación en Saltillo?": [
        "La innovación de Saltillo está a cargo de Javier Cesar Cardenas y Ariel Dominguez."],
    "how many cities have 5 roles?": [
        "7 of the 50 cities I know have exactly 5 innovation roles:",
        "Durham, London, New York City, San Jose, San Pedro Garza García, Seattle, Seoul",
        "10 snapshots do not cover innovation roles, so they are not counted."],
}


@pytest.mark.parametrize("question", sorted(PLACES_AND_PHRASINGS), ids=ascii_id)
def test_phrasing_outside_the_vocabulary(ask, question):
    assert ask(question).splitlines() == PLACES_AND_PHRASINGS[question]


@pytest.mark.parametrize(("question", "answer"), [
    ("what is the average population of the cities?", "I don't add up or average across cities"),
    ("total population of Argentine cities", "I don't add up or average across cities"),
    ("¿cuál es la población promedio de las ciudades de México?", "No sumo ni promedio entre ciudades"),
], ids=ascii_id)
def test_an_average_or_a_total_is_said_not_computed_silently(ask, question, answer):
    assert ask(question).startswith(answer)


@pytest.mark.parametrize(("question", "answer"), [
    ("Which cities have a mascot?", "I don't have that: “mascot”"),
    ("What is the distance between Tulsa and Durham?", "I don't have that"),
    ("¿Cuál es la diferencia horaria entre Rosario y Viena?", "No tengo eso"),
], ids=ascii_id)
def test_a_question_about_what_no_snapshot_holds_lists_no_cities(ask, question, answer):
    reply = ask(question)
    assert reply.startswith(answer) and "Akron, Alexandria" not in reply and "side by side" not in reply


UNDER_300K = ("Akron, Alexandria, Anchorage, Aurora, Be'er Sheva, Chattanooga, Durham, Fort Collins, Fort Lauderdale, "
              "Georgetown, Godoy Cruz, Mobile, Portland, ME, Providence, Quillota, Rochester, San Pedro Garza García, "
              "Scottsdale, AZ, South Bend, Tallahassee, FL, Wellington, Winston-Salem, NC")


def test_a_long_list_is_whole_in_a_terminal_and_shortened_behind_a_button(engine):
    answer = engine.ask("Which cities have under 300,000 inhabitants?")
    assert answer.plain.splitlines() == [
        "22 of the 50 cities I know have fewer than 300,000 inhabitants:",
        f"22 cities: {UNDER_300K}.",
        "Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”).",
    ]
    shown = answer.lines[1].text  # what Telegram shows, with a "Show all" button for the rest
    assert shown == ("22 cities; the first 10: Akron, Alexandria, Anchorage, Aurora, Be'er Sheva, Chattanooga, Durham, "
                     "Fort Collins, Fort Lauderdale, Georgetown.")
    assert len(answer.items) == 22


def test_an_unclean_population_is_said_not_dropped(ask):
    assert ask("¿cuál es la ciudad más pequeña?").splitlines()[-1] == (
        "Sin contar, porque la ficha no da la población como un número limpio: Chelsea (“39,6990”).")
    assert ask("cities with fewer than 50,000 inhabitants").splitlines() == [
        "None of the 50 cities I know have fewer than 50,000 inhabitants.",
        "Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”)."]


def test_an_english_question_in_a_spanish_chat_keeps_the_chat_language_only_without_a_signal(engine):
    store = MemoryContexts()
    converse(engine, store, "c", "¿quién es el intendente de Rosario?")
    assert converse(engine, store, "c", "Buenos Aries?")[1].lang == "es"  # a name alone shows no language
    assert converse(engine, store, "c", "what is the population of Buenos Aires?")[1].lang == "en"
    converse(engine, store, "c", "¿y Rosario?")
    assert converse(engine, store, "c", "Tulsa mayor")[1].plain == (  # "mayor" is English ("alcalde" in Spanish)
        "Tulsa's mayor is G. T. Bynum.\nData from the snapshot produced in 2019.")


@pytest.mark.parametrize(("question", "answer"), [
    ("bye", "Goodbye! Ask me about the 50 cities any time."),
    ("chau, gracias", "¡Hasta luego! Pregúntame por las 50 ciudades cuando quieras."),
], ids=ascii_id)
def test_a_farewell_is_answered_as_one(ask, question, answer):
    assert ask(question) == answer
