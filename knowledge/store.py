"""The knowledge base in TinyDB: cities with every version ever published.

A city is one document holding its versions oldest first; the current version is the newest one not
rolled back, so nothing published is ever lost and a bad publish can be undone. Survey-wide
benchmarks are kept once in their own table and referenced from versions. Every change runs inside
one storage transaction: a many-file import is stored whole or not at all.

Reads for answering come from an in-memory view that is rebuilt only when the file changes (another
process may write it), so a question never parses JSON.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_dir
from rapidfuzz import fuzz
from tinydb import Query, TinyDB
from tinydb.table import Table

from knowledge.diff import Change, changes
from knowledge.identity import city_key, city_name_key, country_key
from knowledge.models import Snapshot
from knowledge.storage import AtomicJSONStorage

PUBLISHED = "published"
ROLLED_BACK = "rolled back"
RESEMBLES = 85.0  # name similarity (0-100) at which an upload may be a stored city spelt differently

PlanKind = Literal["new", "update", "older", "same", "resembles"]
Similar = Literal["ask", "update", "new"]


def default_path() -> Path:
    env = os.environ.get("CITYBOT_DB")
    return Path(env) if env else Path(user_data_dir("citybot")) / "citybot.json"


@dataclass(frozen=True)
class Version:
    number: int  # 1-based, oldest first
    snapshot: Snapshot
    stored_at: str
    status: str  # published, or rolled back


@dataclass(frozen=True)
class City:
    key: str
    versions: tuple[Version, ...]

    @property
    def current(self) -> Snapshot:
        return self.current_version.snapshot

    @property
    def current_version(self) -> Version:
        return next(v for v in reversed(self.versions) if v.status == PUBLISHED)


@dataclass(frozen=True)
class Plan:
    """What publishing a snapshot would do; the preview shows it before anything is stored."""

    snapshot: Snapshot
    kind: PlanKind
    key: str
    existing: Snapshot | None = None
    changes: list[Change] = field(default_factory=list)
    resembles: list[str] = field(default_factory=list)  # names of stored cities it may be

    def describe(self) -> str:
        name = self.snapshot.city
        return {
            "new": f"{name}: new city",
            "update": f"{name}: update, {len(self.changes)} field(s) changed",
            "older": f"{name}: older than the stored page; kept as history, the current version stays",
            "same": f"{name}: already stored, nothing to store",
            "resembles": f"{name}: resembles stored {', '.join(self.resembles)}; choose update or new",
        }[self.kind]


class Store:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path else default_path()
        self.storage = AtomicJSONStorage(self.path)
        self._view_version: object = object()
        self._view: dict[str, City] = {}

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A TinyDB bound to one locked transaction (fresh, so no ID cache outlives the lock)."""
        with self.storage.transaction():
            yield TinyDB(self.storage, storage=lambda s: s)

    # ---- reading -------------------------------------------------------------------------------

    def cities(self) -> dict[str, City]:
        version = self.storage.version()
        if version != self._view_version:
            with self.transaction() as db:
                benchmarks = {b.doc_id: dict(b) for b in db.table("benchmarks").all()}
                docs = db.table("cities").all()
            self._view = {d["key"]: _city(d, benchmarks) for d in docs}
            self._view_version = version
        return self._view

    def current(self) -> list[Snapshot]:
        return [c.current for c in self.cities().values()]

    def get(self, key: str) -> City | None:
        return self.cities().get(key)

    def is_empty(self) -> bool:
        return not self.cities()

    # ---- planning and publishing ---------------------------------------------------------------

    def plan(self, snapshot: Snapshot, similar: Similar = "ask", target: str | None = None) -> Plan:
        """Decide, without storing, whether a snapshot is a new city, an update, or ambiguous."""
        return self.plan_all([snapshot], similar, target)[0]

    def plan_all(self, snapshots: list[Snapshot], similar: Similar = "ask", target: str | None = None) -> list[Plan]:
        """Plan several snapshots in order, each seeing the ones before it (two versions in one import)."""
        cities = self.cities()
        current = {k: c.current for k, c in cities.items()}
        known = {k: [v.snapshot for v in c.versions] for k, c in cities.items()}
        plans = []
        for snapshot in snapshots:
            plan = _plan(snapshot, current, similar, target)
            if plan.kind in ("update", "older") and any(not changes(v, snapshot) for v in known[plan.key]):
                plan = Plan(snapshot, "same", plan.key, plan.existing)  # already stored as an earlier version
            if plan.kind in ("new", "update"):
                current[plan.key] = snapshot
            known.setdefault(plan.key, []).append(snapshot)
            plans.append(plan)
        return plans

    def publish(self, plans: list[Plan]) -> list[Plan]:
        """Store every plan in one transaction; refuse all if any is ambiguous. Returns what was stored."""
        ambiguous = [p for p in plans if p.kind == "resembles"]
        if ambiguous:
            raise ValueError("; ".join(p.describe() for p in ambiguous))
        stored = [p for p in plans if p.kind != "same"]
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            cities, benchmarks = db.table("cities"), db.table("benchmarks")
            known = {_bench_key(b): b.doc_id for b in benchmarks.all()}
            docs = {d["key"]: d for d in cities.all()}
            history: dict[str, list[dict[str, Any]]] = {}
            for plan in stored:
                versions = history.get(plan.key) or list(docs[plan.key]["versions"] if plan.key in docs else [])
                entry = {"snapshot": _dehydrate(plan.snapshot, benchmarks, known), "stored_at": now,
                         "status": PUBLISHED}
                versions.insert(_position(plan.snapshot, versions), entry)
                history[plan.key] = versions
            # One pass over the table for all updates and one for all inserts: imports stay linear.
            cities.update(lambda d: d.update(versions=history[d["key"]]),
                          doc_ids=[docs[k].doc_id for k in history if k in docs])
            cities.insert_multiple({"key": k, "versions": v} for k, v in history.items() if k not in docs)
        self._view_version = object()
        return stored

    def rollback(self, key: str) -> tuple[Snapshot, Snapshot]:
        """Mark the current version rolled back (kept in history); the one before becomes current."""
        with self.transaction() as db:
            cities = db.table("cities")
            doc = cities.get(Query().key == key)
            if doc is None:
                raise KeyError(key)
            versions = list(doc["versions"])
            live = [i for i, v in enumerate(versions) if v["status"] == PUBLISHED]
            if len(live) < 2:
                raise ValueError("there is no earlier published version to roll back to")
            versions[live[-1]] = {**versions[live[-1]], "status": ROLLED_BACK}
            cities.update({"versions": versions}, Query().key == key)
        self._view_version = object()
        city = self.cities()[key]
        return city.versions[live[-1]].snapshot, city.current


def _plan(snapshot: Snapshot, current: dict[str, Snapshot], similar: Similar, target: str | None) -> Plan:
    key = target or city_key(snapshot.city, snapshot.country)
    stored = current.get(key)
    if stored is None:
        near = resembling(snapshot, current)
        if near and similar == "update":
            return _plan(snapshot, current, similar, near[0])
        if near and similar == "ask":
            return Plan(snapshot, "resembles", key, resembles=[current[k].city for k in near])
        return Plan(snapshot, "new", key, changes=changes(None, snapshot))
    found = changes(stored, snapshot)
    if not found:
        return Plan(snapshot, "same", key, stored)
    if _older(snapshot, stored):
        return Plan(snapshot, "older", key, stored, found)
    return Plan(snapshot, "update", key, stored, found)


def resembling(snapshot: Snapshot, current: dict[str, Snapshot]) -> list[str]:
    """Keys of stored cities in the same country whose names are close to this one's."""
    name, country = city_name_key(snapshot.city), country_key(snapshot.country)
    scored = []
    for key in current:
        stored_name, stored_country = key.split("|", 1)
        if stored_country == country:
            score = fuzz.ratio(name, stored_name)
            if score >= RESEMBLES:
                scored.append((score, key))
    return [k for _, k in sorted(scored, reverse=True)]


def _older(new: Snapshot, current: Snapshot) -> bool:
    """Ordered by the page's own year where both have one, else by order of arrival."""
    return new.page_year is not None and current.page_year is not None and new.page_year < current.page_year


def _position(new: Snapshot, versions: list[dict[str, Any]]) -> int:
    """Where a version goes among a city's versions (oldest first): after every page not newer."""
    at = len(versions)
    while at > 0:
        year = _doc_year(versions[at - 1]["snapshot"])
        if year is None or new.page_year is None or year <= new.page_year:
            break
        at -= 1
    return at


def _doc_year(doc: dict[str, Any]) -> int | None:
    population = doc.get("population") or {}
    return doc.get("pdf_produced_in") or population.get("year")


def _bench_key(benchmark: dict[str, Any]) -> str:
    return json.dumps(dict(benchmark), sort_keys=True)


def _dehydrate(snapshot: Snapshot, benchmarks: Table, known: dict[str, int]) -> dict[str, Any]:
    """Replace each benchmark by the id of its one stored copy."""
    doc = snapshot.model_dump(mode="json")
    ids = []
    for b in doc.pop("benchmarks"):
        key = _bench_key(b)
        if key not in known:
            known[key] = benchmarks.insert(b)
        ids.append(known[key])
    doc["benchmark_ids"] = ids
    return doc


def _city(doc: dict[str, Any], benchmarks: dict[int, dict[str, Any]]) -> City:
    versions = []
    for number, v in enumerate(doc["versions"], start=1):
        snap = dict(v["snapshot"])
        snap["benchmarks"] = [benchmarks[i] for i in snap.pop("benchmark_ids", [])]
        versions.append(Version(number, Snapshot.model_validate(snap), v["stored_at"], v["status"]))
    return City(doc["key"], tuple(versions))
