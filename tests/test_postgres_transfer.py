"""Moving a whole store into PostgreSQL and back: nothing lost, buttons and owed notices still there."""

from __future__ import annotations

import pytest

from knowledge.facts.postgres import PostgresFacts
from knowledge.operations import event
from knowledge.operations.postgres import PostgresOperations
from knowledge.postgres import Database
from knowledge.store import open_stores
from knowledge.transfer import TABLES, Dump, _same, move

from .conftest import synthetic_city


def test_an_embedded_store_moves_into_postgres_and_back_without_loss(tmp_path, pg_url):
    source = open_stores(tmp_path / "embedded" / "citybot.json")
    facts, ops = source.facts, source.operations
    facts.publish([facts.plan(synthetic_city(leader="First"))])
    facts.publish([facts.plan(synthetic_city(leader="Second"))])
    facts.rollback("synthville|testland")  # a rolled-back version must survive the move too
    ops.subscribe(7, "saltillo|mexico", "es")
    ops.subscribe(7, "all", "es")
    ops.subscribe(8, "synthville|testland", "en")
    ops.enqueue([event("update", "saltillo|mexico", "Saltillo", [])])  # owed to chat 7, not yet delivered
    token = ops.remember(["saltillo|mexico", "funding", "es"])
    ops.put_context("7", {"cities": ["saltillo|mexico"], "lang": "es"})
    ops.record_question("capital of mars", understood=False)
    ops.first_time("update:55")
    expected_cities = facts.cities()
    source.close()

    moved = move(str(tmp_path / "embedded" / "citybot.json"), pg_url)
    assert len(moved.cities) == 51 and moved.operations["outbox"] and moved.operations["payloads"]

    db = Database(pg_url)
    try:
        shared_facts, shared_ops = PostgresFacts(db), PostgresOperations(db)
        assert shared_facts.cities() == expected_cities
        assert [v.status for v in shared_facts.get("synthville|testland").versions] == ["published", "rolled back"]
        assert shared_ops.subscriptions(7) == ["saltillo|mexico", "all"]
        assert shared_ops.recall(token) == ["saltillo|mexico", "funding", "es"]  # a button shown before still works
        assert shared_ops.get_context("7") == {"cities": ["saltillo|mexico"], "lang": "es"}
        assert shared_ops.first_time("update:55") is False
        assert shared_ops.question_stats().asked == 1
        (owed,) = shared_ops.pending()
        assert (owed.chat, owed.lang, owed.event["city"]) == (7, "es", "Saltillo")
        # New notices get ids after the moved ones: chat 8 follows Synthville, chat 7 every city.
        assert shared_ops.enqueue([event("new", "synthville|testland", "Synthville", [])]) == 2
        assert shared_ops.owed() == 3
        shared_ops.delivered([n.id for n in shared_ops.pending() if n.event["kind"] == "new"])
    finally:
        db.close()

    back = tmp_path / "back" / "citybot.json"
    move(pg_url, str(back))
    returned = open_stores(back)
    try:
        assert returned.facts.cities() == expected_cities
        assert returned.operations.subscriptions(7) == ["saltillo|mexico", "all"]
        assert returned.operations.recall(token) == ["saltillo|mexico", "funding", "es"]
        assert [n.chat for n in returned.operations.pending()] == [7]
    finally:
        returned.close()


def test_a_move_into_a_store_that_holds_data_is_refused(tmp_path, pg_url):
    open_stores(tmp_path / "a.json").close()
    open_stores(tmp_path / "b.json").close()
    with pytest.raises(ValueError, match="already holds data"):
        move(str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    move(str(tmp_path / "a.json"), pg_url)
    with pytest.raises(ValueError, match="already holds data"):
        move(str(tmp_path / "b.json"), pg_url)


def _dump(handled_at: float, marker: str = "update:55") -> Dump:
    operations: dict = {table: [] for table, _, _, _ in TABLES}
    operations["handled"] = [(marker, handled_at)]
    return Dump([{"key": "synthville|testland", "versions": []}], {}, operations)


def test_a_copy_is_checked_to_the_millisecond_without_splitting_on_a_rounding_edge():
    """PostgreSQL keeps microseconds: 1764129000.1334996 comes back as 1764129000.1335, which rounding to
    milliseconds used to split (….133 against ….134) and so refused a complete copy now and then."""
    assert _same(_dump(1764129000.1334996), _dump(1764129000.1335))
    assert not _same(_dump(1000.0), _dump(1000.002))  # two milliseconds apart: another time
    assert not _same(_dump(1000.0), _dump(1000.0, marker="update:56"))
