"""Every bundled city's key facts, asked through the bot, against the hand-written table in key_facts.py.

The expected values come from that table, never from the code under test; a question template is
only wording. Lists are compared item for item and in the page's order, counts exactly.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from bot.answer import Engine
from knowledge.bundled import load_bundled
from knowledge.store import Store

from .conftest import ascii_id
from .key_facts import KEY_FACTS, POLICY_AREAS, SPANISH_POLICY_AREAS, SUCCESS_FACTORS, Key, spanish_population

CITY_WRITTEN = " (city-written)"


@pytest.fixture(scope="module")
def ask(tmp_path_factory: pytest.TempPathFactory):
    store = Store(Path(tmp_path_factory.mktemp("keyfacts")) / "db.json")
    load_bundled(store)
    engine = Engine(store)
    return lambda q: engine.ask(q).plain


def bullets(answer: str) -> list[str]:
    """The listed items of an answer, without the city-written mark."""
    return [ln[2:].removesuffix(CITY_WRITTEN).removesuffix(" (redactado por la ciudad)")
            for ln in answer.splitlines() if ln.startswith("• ")]


def alphabetical(names) -> list[str]:
    """Sorted as a person reads a list: accents aside (São Paulo among the S's, before Seoul)."""
    return sorted(names, key=lambda n: unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode().lower())


def typo(name: str) -> str:
    """Drop one inner letter of a long name: 'Philadelphia' -> 'Philadephia'."""
    return name if len(name) < 8 else name[:5] + name[6:]


def test_the_table_covers_every_bundled_city():
    assert len(KEY_FACTS) == 50
    assert len({k.city for k in KEY_FACTS}) == 50
    assert sum(k.strategy is True for k in KEY_FACTS) == 23  # the survey count the bot reports, checked by hand
    assert sum(len(v) for v in POLICY_AREAS.values()) == sum(len(k.policy_areas or []) for k in KEY_FACTS)


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_leader(ask, k: Key):
    others = {o.leader for o in KEY_FACTS if o.city != k.city and o.leader != k.leader}
    for question in (f"Who is the mayor of {k.city}?", f"{k.city} mayor", f"¿Quién es el alcalde de {k.city}?",
                     f"who runs {k.city}", f"Who is the mayor of {typo(k.city)}?"):
        answer = ask(question)
        assert k.leader in answer, (question, answer)
        assert not [o for o in others if o in answer], (question, answer)
    if k.title != "Mayor":
        assert k.title.lower() in ask(f"Who is the mayor of {k.city}?").lower()


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_population(ask, k: Key):
    for question in (f"What is the population of {k.city}?", f"how many people live in {k.city}"):
        answer = ask(question)
        assert k.population in answer, (question, answer)
    answer = ask(f"¿Cuántos habitantes tiene {k.city}?")
    clean = re.fullmatch(r"\d{1,3}(,\d{3})*( \(\d{4}\))?", k.population)  # "39,6990" is quoted as written
    assert (spanish_population(k.population) if clean else k.population) in answer, answer


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_officers_in_page_order(ask, k: Key):
    assert k.officers
    answer = ask(f"Who is the lead innovation officer in {k.city}?")
    positions = [answer.find(o) for o in k.officers]
    assert -1 not in positions and positions == sorted(positions), answer


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_policy_areas_item_for_item(ask, k: Key):
    for question, lang in ((f"Which policy areas does {k.city} focus on?", "en"),
                           (f"¿En qué áreas de política se enfoca {k.city}?", "es")):
        answer = ask(question)
        if k.policy_areas is None:
            assert "does not cover" in answer or "no cubre" in answer, answer
            assert bullets(answer) == []
        elif not k.policy_areas:
            assert "prioritise" in answer or "prioriza" in answer, answer
            assert bullets(answer) == []
        else:
            shown = [SPANISH_POLICY_AREAS.get(p, p) for p in k.policy_areas] if lang == "es" else k.policy_areas
            assert bullets(answer) == shown, answer
            assert f"({len(k.policy_areas)})" in answer.splitlines()[0]


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_strategy_yes_or_no(ask, k: Key):
    yes, no = ask(f"Does {k.city} have an explicit innovation strategy?"), ask(
        f"¿Tiene {k.city} una estrategia de innovación?")
    assert yes.startswith("Yes" if k.strategy else "No"), yes
    assert no.startswith("Sí" if k.strategy else "No"), no


@pytest.mark.parametrize("k", KEY_FACTS, ids=lambda k: ascii_id(k.city))
def test_country(ask, k: Key):
    expected = alphabetical(o.city for o in KEY_FACTS if o.country == k.country)
    answer = ask(f"cities in {k.country}")
    assert answer.splitlines()[0].startswith(f"{len(expected)} ")
    if len(expected) <= 8:
        assert answer.splitlines()[1] == ", ".join(expected), answer


def head(n: int, total: int, what: str) -> str:
    """How an English across-city answer introduces n of its total cities: for one city the count comes after
    the plural verb ("Cities I know that focus on …: 1 of the 3:")."""
    return f"Cities I know that {what}: 1 of the {total}:" if n == 1 else f"{n} of the {total} cities I know {what}:"


def listed(names: list[str], lang: str = "en") -> str:
    """How an across-city answer lists names in a terminal: up to 20 as they are, a longer list after its count
    (on Telegram: the count, the first ten and a "Show all" button)."""
    if len(names) <= 20:
        return ", ".join(names)
    whole = {"en": "{n} cities: ", "es": "{n} ciudades: "}[lang]
    return whole.format(n=len(names)) + ", ".join(names) + "."


@pytest.mark.parametrize("label", sorted(POLICY_AREAS), ids=ascii_id)
def test_which_cities_focus_on_each_policy_area(ask, label: str):
    expected = alphabetical(POLICY_AREAS[label])
    n = len(expected)
    for question, (start, end), lang in (
            (f"Which cities focus on {label}?", ("Cities I know that focus on ", ": 1 of the 50:") if n == 1 else
             (f"{n} of the 50 cities I know focus on ", ":"), "en"),
            (f"¿Qué ciudades se enfocan en {label}?", ("Ciudades que conozco que se enfocan en ", ": 1 de las 50:") if n == 1
             else (f"{n} de las 50 ciudades que conozco se enfocan en ", ":"), "es")):
        lines = ask(question).splitlines()
        assert lines[0].startswith(start) and lines[0].endswith(end), (question, lines)
        assert lines[1] == listed(expected, lang), (question, lines)


def test_which_cities_do_not_have_a_strategy_are_the_ones_without(ask):
    without = alphabetical(k.city for k in KEY_FACTS if k.strategy is False)
    for question in ("Which cities do not have an explicit innovation strategy?",
                     "Which cities don't have an explicit innovation strategy?",
                     "which cities lack an innovation strategy"):
        lines = ask(question).splitlines()
        assert lines[0].startswith(f"{len(without)} of the 50 cities I know do not have"), (question, lines)
        assert lines[1] == listed(without), question
    lines = ask("¿Qué ciudades no tienen una estrategia de innovación?").splitlines()
    assert lines[0].startswith(f"{len(without)} de las 50 ciudades que conozco no tienen"), lines
    assert lines[1] == listed(without, "es")
    lines = ask("Which cities have an explicit innovation strategy?").splitlines()
    assert lines[1] == listed(alphabetical(k.city for k in KEY_FACTS if k.strategy))


def test_which_cities_do_not_prioritise_policy_sectors(ask):
    without = alphabetical(k.city for k in KEY_FACTS if k.policy_areas == [])
    lines = ask("Which cities don't prioritise policy sectors?").splitlines()
    assert lines[0].startswith(f"{len(without)} of the 50 cities I know do not prioritise"), lines
    assert lines[1] == listed(without)


def test_most_common_success_factors_with_exact_counts(ask):
    lines = ask("What are the most common success factors?").splitlines()
    top = [f"• {label} ({n})" for label, n in SUCCESS_FACTORS.items()]
    assert lines[1:] == top
    answer = ask("Which cities cite Leadership from City Manager as a success factor?")
    assert answer.splitlines()[0].startswith("3 of the 50 cities")


def population(k: Key) -> int | None:
    """The table's population as a number, when the page states a clean one."""
    digits = k.population.split(" (")[0]
    return int(digits.replace(",", "")) if len(digits.split(",")[-1]) == 3 or "," not in digits else None


@pytest.mark.parametrize(("question", "op", "number"), [
    ("cities over 5,000,000 inhabitants", ">", 5_000_000),
    ("cities under 100,000 inhabitants", "<", 100_000),
    ("cities with more than 1,000,000 inhabitants", ">", 1_000_000),
])
def test_population_conditions(ask, question: str, op: str, number: int):
    counted = {k.city: n for k in KEY_FACTS if (n := population(k)) is not None}
    assert len(counted) == 49  # Chelsea's "39,6990" is not a clean number
    hits = alphabetical(c for c, n in counted.items() if (n > number if op == ">" else n < number))
    lines = ask(question).splitlines()
    assert lines[0].startswith(f"{len(hits)} of the 50 cities I know have"), lines
    assert lines[1] == listed(hits)
    assert lines[2] == "Not counted, as the page does not state the population as a clean number: Chelsea (“39,6990”)."


def test_no_city_matches_a_condition(ask):
    assert ask("cities under 10 inhabitants").splitlines()[0] == (
        "None of the 50 cities I know have fewer than 10 inhabitants.")


def test_a_country_narrows_an_across_question(ask):
    us = [k for k in KEY_FACTS if k.country == "United States"]
    with_strategy = alphabetical(k.city for k in us if k.strategy)
    lines = ask("which cities in the United States have an explicit innovation strategy").splitlines()
    assert lines[0] == head(len(with_strategy), len(us), "have an explicit innovation strategy (United States)")
    assert lines[1] == listed(with_strategy)
    mexico = [k for k in KEY_FACTS if k.country == "Mexico"]
    transport = alphabetical(k.city for k in mexico if "Transport/Mobility" in (k.policy_areas or []))
    assert ask("which cities in Mexico focus on transport").splitlines() == [
        head(len(transport), len(mexico), "focus on Transport/Mobility (Mexico)"), listed(transport)]


def test_every_city_known(ask):
    names = alphabetical(k.city for k in KEY_FACTS)
    countries = {k.country for k in KEY_FACTS}
    assert ask("which cities do you know").splitlines() == [
        f"I know {len(names)} cities in {len(countries)} countries:", listed(names)]


def test_cities_led_by_a_city_manager(ask):
    managers = alphabetical(k.city for k in KEY_FACTS if k.title == "City Manager")
    lines = ask("which cities are run by a city manager").splitlines()
    assert lines[:2] == [head(len(managers), 50, "are led by a City Manager"), listed(managers)]


def test_policy_area_count_condition(ask):
    five = alphabetical(k.city for k in KEY_FACTS if len(k.policy_areas or []) >= 5)
    lines = ask("cities with at least 5 policy areas").splitlines()
    assert lines[:2] == [head(len(five), 50, "have at least 5 policy areas"), listed(five)]


def test_no_city_of_a_country_matches(ask):
    mexico = [k for k in KEY_FACTS if k.country == "Mexico"]
    assert not [k for k in mexico if "Housing" in (k.policy_areas or [])]
    assert ask("which cities in Mexico focus on housing") == f"None of the {len(mexico)} cities I know focus on Housing (Mexico)."
    assert ask("¿qué ciudades de México se enfocan en vivienda?") == (
        f"0 de las {len(mexico)} ciudades que conozco se enfocan en Vivienda (México).")


def test_the_most_inhabitants_is_the_largest_city(ask):
    largest = max(KEY_FACTS, key=lambda k: population(k) or 0)
    assert ask("which cities have the most inhabitants").splitlines()[0] == (
        f"The largest city I know by population: {largest.city}, {largest.population}.")
    assert ask("cities with more than 20,000,000 inhabitants").splitlines()[0] == (
        "None of the 50 cities I know have more than 20,000,000 inhabitants.")


def test_two_policy_areas_at_once_and_either_of_them(ask):
    transport, housing = set(POLICY_AREAS["Transport/Mobility"]), set(POLICY_AREAS["Housing"])
    both, either = alphabetical(transport & housing), alphabetical(transport | housing)
    assert ask("which cities focus on transport and housing?").splitlines()[:2] == [
        f"{len(both)} of the 50 cities I know focus on Transport/Mobility and Housing:", listed(both)]
    assert ask("which cities focus on transport or housing?").splitlines()[:2] == [
        f"{len(either)} of the 50 cities I know focus on Transport/Mobility or Housing:", listed(either)]
    assert ask("¿qué ciudades se enfocan en transporte y vivienda?").splitlines()[:2] == [
        f"{len(both)} de las 50 ciudades que conozco se enfocan en Transporte y movilidad y Vivienda:", listed(both, "es")]


def test_data_levels_across_cities_in_spanish(ask):
    assert ask("¿qué ciudades carecen de datos de transporte?").splitlines() == [
        "Ciudades que conozco que reportan datos insuficientes en Transporte y movilidad: 1 de las 50:", "Saltillo",
        "49 fichas no cubren disponibilidad de datos, así que no se cuentan."]
    assert ask("which cities have sufficient data on water?").splitlines()[:2] == [
        "Cities I know that report sufficient data on Water: 1 of the 50:", "Saltillo"]
