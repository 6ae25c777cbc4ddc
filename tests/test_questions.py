"""Every kind of question, in English and Spanish, answered from the real data."""

import json
import subprocess
import sys

from . import scoring
from .conftest import ROOT


def test_one_fact_english(ask):
    assert "Manolo Jiménez Salinas" in ask("Who is the mayor of Saltillo?")
    assert "709,671 (2010)" in ask("population saltillo")


def test_one_fact_spanish(ask):
    assert ask("¿cuántos habitantes tiene Saltillo?") == "Saltillo tiene 709.671 habitantes (datos de 2010)."
    assert "Manolo Jiménez Salinas" in ask("quien es el alcalde de saltillo")


def test_typos_case_and_possessives(ask):
    assert "Manolo Jiménez Salinas" in ask("SALTILO MAYOR")
    assert "709,671" in ask("saltillo's populaton")
    assert "Wade Troxell" in ask("fort colins mayor")


def test_exonyms_and_missing_accents(ask):
    assert "Michael Ludwig" in ask("¿quién es el alcalde de Viena?")
    assert "12.110.000 habitantes" in ask("poblacion de sao paulo")
    assert "Be'er Sheva" in ask("beersheba population")


def test_overview(ask):
    answer = ask("Tell me about Saltillo")
    assert "Mexico" in answer and "Manolo Jiménez Salinas" in answer and "709,671" in answer
    assert ask("saltillo").startswith("Saltillo (Mexico)")
    assert ask("háblame de saltillo").startswith(
        "Saltillo (México)\nLa alcaldía de Saltillo está a cargo de Manolo Jiménez Salinas.")


def test_city_manager_answers_the_mayor_question(ask):
    answer = ask("who is the mayor of Alexandria?")
    assert "City Manager" in answer and "not a mayor" in answer and "Mark B. Jinks" in answer


def test_yes_no_with_benchmark(ask):
    answer = ask("Does Saltillo have dedicated funding?")
    assert answer.startswith("Yes") and "81% of cities surveyed" in answer
    answer = ask("Does Saltillo have an innovation strategy?")
    assert answer.startswith("No") and "does not have" in answer and "50%" in answer
    assert ask("¿Tiene Saltillo estrategia de innovación?").startswith("No")


def test_yes_no_on_data_and_lists(ask):
    assert ask("is there enough data on water in Saltillo?").startswith("Yes")
    assert ask("is there enough data on transport in Saltillo?").startswith("No")
    assert ask("does Saltillo focus on transport?").startswith("Yes")
    assert ask("¿Saltillo se enfoca en agua?").startswith("No")


def test_section_not_covered_is_not_a_no(ask):
    answer = ask("does chicago have dedicated funding?")
    assert answer.startswith("Chicago's snapshot does not cover funding.")
    assert "“Dedicated funding” is also a label of critical success factors; Chicago does not name it there." in answer
    assert "no cubre" in ask("¿de dónde viene la financiación de Chicago?")


def test_compare_side_by_side(ask):
    answer = ask("compare Denver and Seattle on policy areas")
    assert "Shared: Transport/Mobility." in answer
    assert "Only Seattle: Housing." in answer and "Only Denver, CO: Health" in answer
    assert "Seattle" in ask("Denver vs Seattle") and "716,492" in ask("Denver vs Seattle")
    assert "En común" in ask("compara Denver y Seattle en áreas de política")


def test_compare_needs_cities(ask):
    assert "Name two or more cities" in ask("compare two cities on funding")


def test_across_cities(ask):
    answer = ask("which cities focus on transport?")
    assert answer.startswith("14 of the 50 cities I know focus on Transport/Mobility")
    assert "Saltillo, San Jose, Seattle" in answer and "more" not in answer  # 14 names: given whole
    assert ask("which cities in Mexico do you know?").splitlines()[1] == "Mexico City, Saltillo, San Pedro Garza García"
    assert "Buenos Aires, Godoy Cruz, Rosario" in ask("ciudades de argentina")
    answer = ask("which cities lack transport data?")
    assert "Saltillo" in answer and "49 snapshots do not cover data availability" in answer


def test_counts_say_of_how_many(ask):
    answer = ask("how many cities have dedicated funding?")
    assert answer.startswith("Cities I know that have dedicated innovation funding: 1 of the 50:")
    assert "do not cover funding" in answer
    assert ask("how many cities have an explicit innovation strategy?").startswith("23 of the 50")
    assert ask("¿cuántas ciudades tienen estrategia de innovación?").startswith("23 de las 50")


def test_across_roles_terms_factors(ask):
    assert ask("which cities use data scientists?").startswith("22 of the 50")
    assert "Experimentation" in ask("which cities associate innovation with experimentation")
    assert "Leadership from Mayor" in ask("which cities cite leadership from mayor as a success factor")


def test_largest_and_smallest(ask):
    assert "São Paulo, 12,110,000 (2018)" in ask("largest city")
    assert "Portland, ME" in ask("what is the smallest city in the US")
    assert "São Paulo" in ask("¿cuál es la ciudad más poblada?")


def test_survey_wide_figures(ask):
    answer = ask("what share of cities have dedicated funding?")
    assert "81% of cities surveyed have dedicated funding" in answer
    assert "44% of cities surveyed have an explicit innovation strategy" in ask("what percentage of cities have a strategy?")


def test_unknown_city_offers_closest(ask):
    answer = ask("Who is the mayor of Atlantis?")
    assert "don't have data" in answer and "Atlanta" in answer and "Manolo" not in answer
    assert "No tengo datos" in ask("¿quién es el alcalde de Atlántida?")


def test_unmappable_question_explains_with_examples(ask):
    answer = ask("what can you do")
    assert answer.startswith("I answer questions about the 50 cities")
    assert answer.count("•") == 3
    assert ask("hola").startswith("Respondo preguntas")


def test_partial_and_city_written(ask):
    assert "39,6990" in ask("Chelsea population") and "not a clean number" in ask("Chelsea population")
    assert "(the page gives no year)" in ask("Chattanooga population")
    assert "uses 8 innovation roles; its snapshot does not name them" in ask("sao paulo roles")
    assert "Resilience (city-written)" in ask("anchorage policy areas")
    assert "does not prioritise" in ask("rosario policy areas")


def test_never_empty_never_a_traceback(engine):
    for q in ["", "?", "¿¿??", "1234", "<b>&</b>", "compare", "which", "x" * 5000, "saltillo " * 200]:
        assert engine.ask(q).plain.strip()


def test_the_question_set_holds_through_the_cli(tmp_path):
    """The project's own question set (tests/data/questions.jsonl), every expectation held, through the CLI."""
    cases = scoring.load()
    answers = scoring.ask_batch([c["q"] for c in cases], env={"CITYBOT_DB": str(tmp_path / "db.json"), "PATH": ""})
    assert len(cases) == 32
    assert scoring.score(cases, answers) == []


def test_the_scorer_folds_accents_case_and_separators():
    case = {"all": ["São Paulo", "12,110,000"], "any": [["yes", "sí"]], "none": ["Seoul"]}
    assert scoring.misses("SAO PAULO has 12110000 people. Sí.", case) == []
    assert scoring.misses("Seoul: 9,780,000", case) == ["missing 'São Paulo'", "missing '12,110,000'",
                                                        "none of ['yes', 'sí']", "has 'Seoul'"]


def test_batch_mode_prints_one_json_object_per_line(tmp_path):
    env = {"CITYBOT_DB": str(tmp_path / "db.json")}
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "--batch"], input="saltillo mayor\n\nhola\n",
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["question"] for r in rows] == ["saltillo mayor", "hola"]
    assert "Manolo Jiménez Salinas" in rows[0]["answer"]


def test_an_older_version_answers_for_its_year(ask):
    answer = ask("Who was Denver's mayor in 2016?")
    assert answer.startswith("From the 2016 version of Denver's page") and "Michael Hancock" in answer
    assert "693,060 (2016)" in ask("denver population in 2016")
    assert "No version of Saltillo's page is from 2015" in ask("saltillo mayor 2015")


def test_the_topic_named_most_wins(ask):
    assert ask("What skills or roles does Saltillo's innovation team have?").startswith("Saltillo uses 3")
    assert "Transport/Mobility" in ask("Which policy areas lack data in Saltillo?")
    assert ask("What activities are funded in Saltillo?").startswith("Activities being funded in Saltillo")
    assert "IMPLAN" in ask("What is IMPLAN in Saltillo?")
    assert "Saltillo" in ask("¿Qué es IMPLAN?")  # the team names its city


def test_more_across_questions(ask):
    answer = ask("Which cities don't prioritise policy sectors?")
    assert answer.startswith("8 of the 50 cities I know do not prioritise policy sectors") and "Rosario" in answer
    assert ask("Which cities want to improve service delivery?").startswith("37 of the 50")
    assert "Mexico City, Saltillo, San Pedro Garza García" in ask("Which Mexican cities do you know?")
    assert "Population" in ask("which is bigger, Chicago or Denver?").splitlines()[0]


def test_page_year_and_website(ask):
    assert ask("When was Saltillo's snapshot produced?") == "Saltillo's snapshot (PDF version) was produced in 2019."
    assert ask("Does Saltillo have an innovation website?").startswith("No — Saltillo's page lists no")
    assert ask("Does Rosario have an innovation website?").startswith("Yes")


def test_compare_with_the_cities_of_a_country(ask):
    answer = ask("compare Saltillo with other Mexican cities on policy areas")
    assert "Mexico City" in answer and "San Pedro Garza García" in answer and "Only Saltillo" in answer
    assert "Largest: Buenos Aires." in ask("compare cities in Argentina")


def test_a_topic_without_a_city_asks_which_city(ask):
    assert ask("Who is the mayor?").startswith("Which city do you mean? I know 50")
    assert ask("¿quién es el alcalde?").startswith("¿De qué ciudad?")


def test_most_common_labels_across_cities(ask):
    answer = ask("which policy areas are most popular")
    assert answer.splitlines()[1] == "• Transport/Mobility (14)" and "1 snapshot does not cover" in answer
    assert "• Leadership from Mayor (41)" in ask("What are the most common success factors?")
    assert "• Gestión de proyectos (34)" in ask("¿Cuáles son los roles más comunes?")
