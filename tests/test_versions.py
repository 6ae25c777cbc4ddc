"""Versions of one city arriving together or out of order: each diffed against the right one.

Expected changes are written by hand from the invented versions (synthetic_city) below.
"""

from __future__ import annotations

from bot import publishing
from knowledge.operations import ALL

from .conftest import synthetic_city

V2016 = synthetic_city(leader="Mayor One", population="100,000 (2016)")
V2017 = synthetic_city(leader="Mayor Two", population="110,000 (2017)")
V2018 = synthetic_city(leader="Mayor Three", population="120,000 (2018)")


def test_three_versions_in_one_import_are_each_diffed_against_the_one_before(stores):
    plans = stores.facts.plan_all([V2016, V2017, V2018])
    assert [p.kind for p in plans] == ["new", "update", "update"]
    assert [str(c) for c in plans[1].changes] == ["Mayor: Mayor One → Mayor Two",
                                                  "Population: 100,000 (2016) → 110,000 (2017)"]
    assert [str(c) for c in plans[2].changes] == ["Mayor: Mayor Two → Mayor Three",
                                                  "Population: 110,000 (2017) → 120,000 (2018)"]
    stores.facts.publish(plans)
    city = stores.facts.get("synthville|testland")
    assert city is not None
    assert [(v.number, v.snapshot.leader) for v in city.versions] == [(1, "Mayor One"), (2, "Mayor Two"),
                                                                      (3, "Mayor Three")]
    assert city.current.leader == "Mayor Three"


def test_subscribers_are_told_each_change_once(stores):
    stores.facts.publish(stores.facts.plan_all([V2016]))
    stores.operations.subscribe(5, ALL, "en")
    publishing.publish(stores.facts, stores.operations, stores.facts.plan_all([V2017, V2018]))
    news = [(n.event["kind"], [(c["before"], c["after"]) for c in n.event["changes"]]) for n in stores.operations.pending()]
    assert news == [("update", [("Mayor One", "Mayor Two"), ("100,000 (2016)", "110,000 (2017)")]),
                    ("update", [("Mayor Two", "Mayor Three"), ("110,000 (2017)", "120,000 (2018)")])]


def test_a_version_already_stored_is_the_same_not_an_update(stores):
    stores.facts.publish(stores.facts.plan_all([V2016, V2017, V2018]))
    assert [p.kind for p in stores.facts.plan_all([V2017])] == ["same"]
    assert [p.kind for p in stores.facts.plan_all([V2016, V2016])] == ["same", "same"]


def test_an_older_page_is_kept_but_does_not_become_current(stores):
    stores.facts.publish(stores.facts.plan_all([V2017]))
    plans = stores.facts.plan_all([V2016])
    assert [p.kind for p in plans] == ["older"]
    assert [str(c) for c in plans[0].changes] == ["Mayor: Mayor Two → Mayor One",
                                                  "Population: 110,000 (2017) → 100,000 (2016)"]
    stores.facts.publish(plans)
    city = stores.facts.get("synthville|testland")
    assert city is not None and city.current.leader == "Mayor Two" and len(city.versions) == 2


def test_rollback_restores_the_previous_version_and_tells_subscribers(stores):
    stores.facts.publish(stores.facts.plan_all([V2016, V2017]))
    stores.operations.subscribe(5, ALL, "en")
    undone, now, news = publishing.rollback(stores.facts, stores.operations, "synthville|testland")
    assert (undone.leader, now.leader) == ("Mayor Two", "Mayor One")
    assert stores.facts.get("synthville|testland").current.leader == "Mayor One"  # type: ignore[union-attr]
    assert [n.event["kind"] for n in stores.operations.pending()] == ["rollback"]
