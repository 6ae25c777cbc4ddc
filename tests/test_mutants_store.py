"""The facts interface's plans, for the bugs mutation testing planted and the other store tests let
through: what each kind of plan carries, the resemblance threshold and order, an ambiguous plan
refused with its reason, a plan with nothing new left out of a publish, and a rolled-back page
imported again.

Invented cities only (synthetic_city); every expected value written by hand. Run with
`tests/mutate.sh knowledge.facts "test_store or test_versions or test_records or test_admin or test_storage
or test_state or test_hostile_input or test_mutants_store"`.
"""

from __future__ import annotations

import pytest

from .conftest import synthetic_city

V2016 = synthetic_city(leader="Mayor One", population="100,000 (2016)")
V2017 = synthetic_city(leader="Mayor Two", population="110,000 (2017)")


def test_each_kind_of_plan_carries_the_stored_version_it_was_compared_with(stores):
    facts = stores.facts
    facts.publish([facts.plan(V2017)])
    same = facts.plan(V2017)
    assert (same.kind, same.key, same.existing, same.changes) == ("same", "synthville|testland", V2017, [])
    older = facts.plan(V2016)
    assert (older.kind, older.key, older.existing) == ("older", "synthville|testland", V2017)
    assert [str(c) for c in older.changes] == ["Mayor: Mayor Two → Mayor One",
                                               "Population: 110,000 (2017) → 100,000 (2016)"]
    near = facts.plan(synthetic_city("Synthvile"))
    assert (near.kind, near.key, near.existing, near.resembles) == ("resembles", "synthvile|testland", None,
                                                                    ["Synthville"])


def test_a_name_exactly_at_the_resemblance_threshold_resembles(stores):
    facts = stores.facts
    facts.publish([facts.plan(synthetic_city("Synthville Northgate"))])
    # 17 of 20 letters in common: similarity 85, the threshold
    assert facts.plan(synthetic_city("Synthville Northpark")).resembles == ["Synthville Northgate"]


def test_the_closest_stored_name_comes_first(stores):
    facts = stores.facts
    facts.publish(facts.plan_all([synthetic_city("Synthvilla"), synthetic_city("Synthvilles")], similar="new"))
    # "synthvile" against "synthvilles": similarity 90; against "synthvilla": 84.2, under the threshold
    assert facts.plan(synthetic_city("Synthvile")).resembles == ["Synthvilles"]
    facts.publish([facts.plan(synthetic_city("Synthvill"), similar="new")])
    # against "synthvill": 88.9, so after "Synthvilles"
    assert facts.plan(synthetic_city("Synthvile")).resembles == ["Synthvilles", "Synthvill"]


def test_an_ambiguous_plan_is_refused_with_its_reason_and_nothing_is_stored(stores):
    facts = stores.facts
    facts.publish(facts.plan_all([synthetic_city("Synthville"), synthetic_city("Synthtown")]))
    ambiguous = facts.plan_all([synthetic_city("Synthvile"), synthetic_city("Synthtownn"), synthetic_city("Newville")])
    assert [p.kind for p in ambiguous] == ["resembles", "resembles", "new"]
    with pytest.raises(ValueError) as e:
        facts.publish(ambiguous)
    assert str(e.value) == "still ambiguous, choose update or new first: Synthvile, Synthtownn"
    assert [p.resembles for p in ambiguous[:2]] == [["Synthville"], ["Synthtown"]]  # the reason, on each plan
    assert sorted(facts.cities()) == ["synthtown|testland", "synthville|testland"]
    facts.publish([facts.plan(synthetic_city("Synthvilles"), similar="new")])
    with pytest.raises(ValueError) as e:
        facts.publish([facts.plan(synthetic_city("Synthvile"))])
    assert str(e.value) == "still ambiguous, choose update or new first: Synthvile"
    assert facts.plan(synthetic_city("Synthvile")).resembles == ["Synthville", "Synthvilles"]


def test_a_plan_with_nothing_new_is_left_out_of_a_publish(stores):
    facts = stores.facts
    facts.publish([facts.plan(V2016)])
    stored = facts.publish(facts.plan_all([V2016, V2017]))
    assert [(p.kind, p.snapshot.leader) for p in stored] == [("update", "Mayor Two")]
    city = facts.get("synthville|testland")
    assert city is not None and [v.snapshot.leader for v in city.versions] == ["Mayor One", "Mayor Two"]


def test_a_rolled_back_page_imported_again_is_already_stored(stores):
    facts = stores.facts
    facts.publish(facts.plan_all([V2016, V2017]))
    facts.rollback("synthville|testland")  # Mayor One is current again; Mayor Two is kept, rolled back
    again = facts.plan(V2017)  # newer than the current page, but the very page stored as version 2
    assert (again.kind, again.key, again.existing, again.snapshot) == ("same", "synthville|testland", V2016, V2017)
    assert facts.publish([again]) == []
    city = facts.get("synthville|testland")
    assert city is not None and [(v.number, v.status) for v in city.versions] == [(1, "published"), (2, "rolled back")]
