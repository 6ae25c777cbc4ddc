"""The TinyDB facts store's rollback, for the mutants of `knowledge/facts/tinydb_store.py` the other store tests
let through: a city with three published versions (only the newest is undone, the two before it are left as they
were) and a second city in the same file (a rollback never touches it).

Invented cities only (synthetic_city); every expected value written by hand.
"""

from __future__ import annotations

import pytest

from .conftest import synthetic_city

V2016 = synthetic_city(leader="Mayor One", population="100,000 (2016)")
V2017 = synthetic_city(leader="Mayor Two", population="110,000 (2017)")
V2018 = synthetic_city(leader="Mayor Three", population="120,000 (2018)")
OTHER = synthetic_city("Synthtown", leader="Mayor of Synthtown")


def test_a_rollback_undoes_the_newest_of_three_versions_of_that_city_only(stores):
    facts = stores.facts
    for page in (V2016, V2017, V2018):
        facts.publish([facts.plan(page)])
    facts.publish([facts.plan(OTHER)])
    undone, current = facts.rollback("synthville|testland")
    assert (undone.leader, current.leader) == ("Mayor Three", "Mayor Two")
    city = facts.get("synthville|testland")
    assert city is not None
    assert [(v.number, v.status, v.snapshot.leader) for v in city.versions] == [
        (1, "published", "Mayor One"), (2, "published", "Mayor Two"), (3, "rolled back", "Mayor Three")]
    other = facts.get("synthtown|testland")
    assert other is not None
    assert [(v.number, v.status, v.snapshot.leader) for v in other.versions] == [(1, "published", "Mayor of Synthtown")]
    undone, current = facts.rollback("synthville|testland")  # and once more: back to the first
    assert (undone.leader, current.leader) == ("Mayor Two", "Mayor One")


def test_rolling_back_an_unknown_city_names_it(stores):
    with pytest.raises(KeyError) as raised:
        stores.facts.rollback("nowhere|testland")
    assert raised.value.args == ("nowhere|testland",)
