"""Every bundled city, asked about in several phrasings: the answer carries that city's stored facts.

Questions are generated from templates, never from the answers; a city whose snapshot lacks a
section must say so instead.
"""

from __future__ import annotations

import tempfile

import pytest

from bot.answer import Engine
from knowledge.bundled import load_bundled
from knowledge.models import Snapshot
from knowledge.store import Store


def _current() -> dict[str, Snapshot]:
    store = Store(f"{tempfile.mkdtemp()}/db.json")
    load_bundled(store)
    return {c.current.city: c.current for c in store.cities().values()}


CITIES = _current()  # each city's current version, as the bot answers from it
NAMES = sorted(CITIES)

LEADER = ["Who is the mayor of {c}?", "{c} mayor", "¿Quién es el alcalde de {c}?", "who runs {c}"]
POPULATION = ["What is the population of {c}?", "how many people live in {c}", "¿Cuántos habitantes tiene {c}?"]
OFFICERS = ["Who is the lead innovation officer in {c}?", "{c} innovation officers"]
AREAS = ["Which policy areas does {c} focus on?", "¿En qué áreas de política se enfoca {c}?"]
STRATEGY = ["Does {c} have an explicit innovation strategy?", "¿Tiene {c} una estrategia de innovación?"]


def typo(name: str) -> str:
    """Drop one inner letter of a long name: 'Philadelphia' -> 'Philadephia'."""
    return name if len(name) < 8 else name[:5] + name[6:]


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("every") / "db.json")
    load_bundled(store)
    engine = Engine(store)
    return lambda q: engine.ask(q).plain


@pytest.mark.parametrize("name", NAMES)
def test_leader_population_and_officers(ask, name):
    s = CITIES[name]
    for template in LEADER:
        answer = ask(template.format(c=name))
        assert s.leader and s.leader in answer, (template, answer)
    assert s.leader in ask(LEADER[0].format(c=typo(name)))
    for template in POPULATION:
        answer = ask(template.format(c=name))
        assert s.population.text.split(" (")[0] in answer, (template, answer)
    for template in OFFICERS:
        answer = ask(template.format(c=name))
        assert all(o in answer for o in s.lead_innovation_officers or []), (template, answer)


@pytest.mark.parametrize("name", NAMES)
def test_policy_areas_and_strategy(ask, name):
    s = CITIES[name]
    for template in AREAS:
        answer = ask(template.format(c=name))
        if s.policy_areas is None:
            assert "does not cover" in answer or "no cubre" in answer
        elif not s.policy_areas:
            assert "prioritise" in answer or "prioriza" in answer
        else:
            assert all(area in answer for area in s.policy_areas), (template, answer)
    for template in STRATEGY:
        answer = ask(template.format(c=name))
        yes = answer.startswith(("Yes", "Sí"))
        assert yes == bool(s.explicit_strategy), (template, answer)


LISTS = {
    "roles": ["What innovation roles does {c} use?", "¿Qué roles de innovación usa {c}?"],
    "terms": ["Which terms does {c} associate with innovation?", "¿Qué términos asocia {c} con la innovación?"],
    "success_factors": ["What are the critical success factors in {c}?", "factores de éxito de {c}"],
    "helping_to": ["What is innovation helping {c} to do?", "¿Para qué sirve la innovación en {c}?"],
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("field", sorted(LISTS))
def test_list_sections(ask, name, field):
    s = CITIES[name]
    items = getattr(s, field)
    for template in LISTS[field]:
        answer = ask(template.format(c=name))
        if items is None and field == "roles" and s.roles_count:
            assert f" {s.roles_count} " in answer and ("not name" in answer or "no los nombra" in answer)
        elif items is None:
            assert "does not cover" in answer or "no cubre" in answer, (template, answer)
        else:
            assert all(item in answer for item in items), (template, answer)


@pytest.mark.parametrize("name", NAMES)
def test_approach(ask, name):
    s = CITIES[name]
    answer = ask(f"How does {name} approach innovation capacity?")
    assert (s.approach or "does not cover") in answer, answer


def _labels(field: str) -> list[str]:
    return sorted({label for s in CITIES.values() for label in getattr(s, field) or []})


ACROSS = {
    "policy_areas": ["Which cities focus on {v}?", "¿Qué ciudades se enfocan en {v}?"],
    "roles": ["Which cities use the role {v}?"],
    "terms": ["Which cities associate innovation with {v}?"],
    "success_factors": ["Which cities cite {v} as a success factor?"],
}


@pytest.mark.parametrize(("field", "label"), [(f, v) for f in sorted(ACROSS) for v in _labels(f)])
def test_which_cities_for_every_label(ask, field, label):
    expected = sorted(name for name, s in CITIES.items() if label in (getattr(s, field) or []))
    for template in ACROSS[field]:
        answer = ask(template.format(v=label))
        first = answer.splitlines()[0]
        assert first.startswith((f"{len(expected)} of the 50", f"{len(expected)} de las 50")), (template, answer)
        assert all(name in answer for name in expected[:8]), (template, answer)
