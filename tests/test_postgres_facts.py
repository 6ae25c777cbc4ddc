"""Facts in PostgreSQL, against a real server: versions, rollback, replicas sharing one truth, migrations."""

from __future__ import annotations

import threading

import psycopg
import pytest

from knowledge.bundled import parse_bundled
from knowledge.facts.postgres import PostgresFacts
from knowledge.postgres import MIGRATIONS, Database, migrate
from knowledge.storage import NotStored

from .conftest import synthetic_city


@pytest.fixture
def db(pg_url):
    database = Database(pg_url)
    yield database
    database.close()


def test_publish_update_keeps_history_and_rollback_restores(db):
    facts = PostgresFacts(db)
    facts.publish([facts.plan(synthetic_city(leader="A"))])
    plan = facts.plan(synthetic_city(leader="B"))
    assert plan.kind == "update"
    assert [str(c) for c in plan.changes] == ["Mayor: A → B"]
    facts.publish([plan])
    assert facts.get(plan.key).current.leader == "B"
    undone, now = facts.rollback(plan.key)
    assert (undone.leader, now.leader) == ("B", "A")
    assert [v.status for v in facts.get(plan.key).versions] == ["published", "rolled back"]
    with pytest.raises(ValueError, match="no earlier published version"):
        facts.rollback(plan.key)
    with pytest.raises(KeyError):
        facts.rollback("nowhere|testland")


def test_older_page_goes_into_history_and_same_content_is_not_stored_twice(db):
    facts = PostgresFacts(db)
    facts.publish([facts.plan(synthetic_city(leader="New", pdf_produced_in=2020))])
    plan = facts.plan(synthetic_city(leader="Old", pdf_produced_in=2018))
    assert plan.kind == "older"
    facts.publish([plan])
    assert [v.snapshot.leader for v in facts.get(plan.key).versions] == ["Old", "New"]
    assert facts.get(plan.key).current.leader == "New"
    assert facts.plan(synthetic_city(leader="New", pdf_produced_in=2020)).kind == "same"


def test_an_import_with_an_ambiguous_name_stores_nothing(db):
    facts = PostgresFacts(db)
    facts.publish([facts.plan(synthetic_city("Curridabat", "Costa Rica"))])
    plans = facts.plan_all([synthetic_city("Nuevaville", "Costa Rica"), synthetic_city("Curridibat", "Costa Rica")])
    assert [p.kind for p in plans] == ["new", "resembles"]
    with pytest.raises(ValueError):
        facts.publish(plans)
    assert list(facts.cities()) == ["curridabat|costa rica"]


def test_the_real_data_round_trips_with_benchmarks_stored_once(db):
    facts = PostgresFacts(db)
    snapshots = [p.snapshot for p in parse_bundled()]
    stored = facts.publish(facts.plan_all(snapshots))
    assert len(stored) == len(snapshots)
    saltillo = PostgresFacts(db).get("saltillo|mexico")  # a fresh reader: everything comes from the database
    assert saltillo is not None and saltillo.current.leader == "Manolo Jiménez Salinas"
    assert saltillo.current == next(s for s in snapshots if s.city == "Saltillo" and s.complete)
    with db.transaction() as conn:
        sentences = [r[0] for r in conn.execute("SELECT body->>'sentence' FROM benchmarks")]
    assert len(sentences) == len(set(sentences))
    assert "81% of cities surveyed have dedicated funding to support innovation capacity." in sentences


def test_a_publish_on_one_replica_is_seen_by_the_other_at_its_next_read(pg_url):
    one, two = Database(pg_url), Database(pg_url)
    try:
        a, b = PostgresFacts(one), PostgresFacts(two)
        a.publish([a.plan(synthetic_city(leader="A"))])
        before = b.change_token()
        assert b.get("synthville|testland").current.leader == "A"
        b.publish([b.plan(synthetic_city(leader="B"))])
        assert a.change_token() != before
        assert a.get("synthville|testland").current.leader == "B"
        a.rollback("synthville|testland")
        assert b.get("synthville|testland").current.leader == "A"
        unchanged = b.cities()
        assert b.cities() is unchanged  # no write, no reload: the same view object
    finally:
        one.close()
        two.close()


def test_a_refused_write_changes_nothing_and_says_so(pg_url):
    writable = Database(pg_url)
    facts = PostgresFacts(writable)
    facts.publish([facts.plan(synthetic_city(leader="A"))])
    with writable.transaction() as conn:
        conn.execute("SELECT 1")
        name = conn.info.dbname
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    writable.close()
    read_only = Database(pg_url)  # new connections get the setting
    try:
        facts = PostgresFacts(read_only)
        with pytest.raises(NotStored) as refused:
            facts.publish([facts.plan(synthetic_city(leader="B"))])
        assert refused.value.reason == "read-only"
        assert facts.get("synthville|testland").current.leader == "A"
    finally:
        read_only.close()


def test_replicas_starting_at_once_migrate_once(pg_url):
    errors: list[BaseException] = []
    applied: list[list[int]] = []
    start = threading.Barrier(4)

    def replica() -> None:
        try:
            start.wait()
            database = Database(pg_url)
            applied.append(migrate(database))  # the constructor migrated; a second run finds nothing to do
            database.close()
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=replica) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert applied == [[], [], [], []]
    with psycopg.connect(pg_url) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _ in MIGRATIONS]
