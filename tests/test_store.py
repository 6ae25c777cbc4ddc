"""The store: versions, rollback, atomic writes, concurrent writers, benchmarks kept once."""

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from knowledge.store import Store

from .conftest import synthetic_city


def test_publish_update_keeps_history_and_rollback_restores(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city(leader="A"))])
    plan = store.plan(synthetic_city(leader="B"))
    assert plan.kind == "update"
    assert [str(c) for c in plan.changes] == ["Mayor: A → B"]
    store.publish([plan])
    key = plan.key
    assert store.get(key).current.leader == "B"
    undone, now = store.rollback(key)
    assert (undone.leader, now.leader) == ("B", "A")
    assert [v.status for v in store.get(key).versions] == ["published", "rolled back"]
    with pytest.raises(ValueError, match="no earlier published version"):
        store.rollback(key)


def test_same_content_is_not_stored_twice(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city())])
    assert store.plan(synthetic_city()).kind == "same"


def test_older_page_goes_into_history(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city(leader="New", pdf_produced_in=2020))])
    plan = store.plan(synthetic_city(leader="Old", pdf_produced_in=2018))
    assert plan.kind == "older"
    store.publish([plan])
    city = store.get(plan.key)
    assert [v.snapshot.leader for v in city.versions] == ["Old", "New"]
    assert city.current.leader == "New"


def test_names_that_only_resemble_ask_before_updating(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city("Curridabat", "Costa Rica"))])
    plan = store.plan(synthetic_city("Curridibat", "Costa Rica", leader="X"))
    assert plan.kind == "resembles" and plan.resembles == ["Curridabat"]
    with pytest.raises(ValueError):
        store.publish([plan])
    assert store.plan(synthetic_city("Curridibat", "Costa Rica"), similar="update").key == "curridabat|costa rica"
    assert store.plan(synthetic_city("Curridibat", "Costa Rica"), similar="new").kind == "new"


def test_city_identity_ignores_accents_and_state_codes(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city("Medellín", "Colombia"))])
    assert store.plan(synthetic_city("Medellin", "Colombia", leader="Y")).kind == "update"
    store.publish([store.plan(synthetic_city("Denverish", "United States"))])
    assert store.plan(synthetic_city("Denverish, CO", "USA", leader="Z")).kind == "update"


def test_benchmarks_are_stored_once(store: Store):
    raw = json.loads(store.path.read_text())
    sentences = [b["sentence"] for b in raw["benchmarks"].values()]
    assert len(sentences) == len(set(sentences))
    assert "81% of cities surveyed have dedicated funding to support innovation capacity." in sentences
    versions = [v for c in raw["cities"].values() for v in c["versions"]]
    assert all("benchmarks" not in v["snapshot"] for v in versions)


def test_crash_mid_write_leaves_previous_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city(leader="Before"))])

    def crash(*_args: object) -> None:
        raise OSError("disk died mid-write")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        store.publish([store.plan(synthetic_city(leader="After"))])
    monkeypatch.undo()
    fresh = Store(tmp_path / "db.json")
    assert fresh.current()[0].leader == "Before"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


def test_killed_writer_leaves_previous_state(tmp_path: Path):
    """A process killed while writing (not an exception: SIGKILL) leaves a readable store."""
    path = tmp_path / "db.json"
    store = Store(path)
    store.publish([store.plan(synthetic_city(leader="Before"))])
    proc = multiprocessing.get_context("spawn").Process(target=_write_forever, args=(str(path),))
    proc.start()
    proc.join(1.5)
    proc.kill()
    proc.join()
    json.loads(path.read_text())  # still whole JSON, never half of two states
    (leader,) = [s.leader for s in Store(path).current()]
    assert leader == "Before" or leader.startswith("W")


def _write_forever(path: str) -> None:
    store = Store(path)
    for i in range(100_000):
        store.publish([store.plan(synthetic_city(leader=f"W{i}"))])


def _writer(path: str, prefix: str, n: int) -> None:
    store = Store(path)
    for i in range(n):
        store.publish([store.plan(synthetic_city(f"{prefix} City {i}"), similar="new")])


def test_two_concurrent_writers_lose_nothing(tmp_path: Path):
    path = str(tmp_path / "db.json")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, p, 15)) for p in ("North", "South")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    names = {s.city for s in Store(path).current()}
    assert len(names) == 30


def test_import_that_fails_half_way_stores_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    store = Store(tmp_path / "db.json")
    store.publish([store.plan(synthetic_city("Keep"))])
    before = store.path.read_bytes()
    plans = store.plan_all([synthetic_city(f"New {i}") for i in range(5)])
    calls = {"n": 0}
    real = __import__("knowledge.facts.tinydb_store", fromlist=["_dehydrate"])._dehydrate

    def fail_on_third(*args: object):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("power cut")
        return real(*args)

    monkeypatch.setattr("knowledge.facts.tinydb_store._dehydrate", fail_on_third)
    with pytest.raises(RuntimeError):
        store.publish(plans)
    assert store.path.read_bytes() == before
    assert [s.city for s in Store(store.path).current()] == ["Keep"]
