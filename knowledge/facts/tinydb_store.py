"""Facts in one TinyDB JSON file: the embedded default, small and human-readable.

A city is one document holding its versions oldest first; the current version is the newest one not
rolled back, so nothing published is ever lost and a bad publish can be undone. Survey-wide
benchmarks are kept once in their own table and referenced from versions. Every change runs inside
one storage transaction: a many-file import is stored whole or not at all.

The in-memory view is rebuilt from the file only when the file changed (another process may write
it), and then only the cities whose document changed are validated again: the file holds one
document per line, and an unchanged line is an unchanged city. The view is always built from what
the file holds, never from a transaction in flight, so a failed write leaves it answering exactly
what is stored.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Document, Table

from knowledge.facts import PUBLISHED, ROLLED_BACK, City, Facts, Plan, Version, stored_plans
from knowledge.models import Snapshot
from knowledge.storage import AtomicJSONStorage, malformed

log = logging.getLogger(__name__)
LEGACY_TABLES = ("subscriptions", "outbox")  # operational state the single-file layout kept here


class TinyDBFacts(Facts):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self.storage = AtomicJSONStorage(self.path)
        self._lock = threading.Lock()
        self._token: object = object()
        self._view: dict[str, City] = {}
        self._parsed: dict[str, City] = {}  # a city document's JSON text -> the City it validates to

    @contextmanager
    def transaction(self) -> Iterator[TinyDB]:
        """A TinyDB bound to one locked transaction (fresh, so no ID cache outlives the lock)."""
        with self.storage.transaction():
            yield TinyDB(self.storage, storage=lambda s: s)

    def change_token(self) -> object:
        return self.storage.version()

    # ---- reading -------------------------------------------------------------------------------

    def cities(self) -> dict[str, City]:
        token = self.storage.version()
        if token != self._token:
            with self._lock:
                if token != self._token:
                    self._reload(token)
        return self._view

    def _reload(self, token: object) -> None:
        lines = self.storage.read_lines()
        benchmarks = {int(i): json.loads(raw) for i, raw in lines.get("benchmarks", {}).items()}
        parsed: dict[str, City] = {}
        for raw in lines.get("cities", {}).values():
            city = self._parsed.get(raw)
            if city is None:
                try:
                    city = _city(json.loads(raw), benchmarks, self.location)
                except ValueError:
                    log.error("%s: a city document is not JSON and is skipped: %.80s", self.location, raw)
            if city is not None:
                parsed[raw] = city
        self._parsed = parsed
        self._view = {c.key: c for c in parsed.values()}
        self._token = token

    def legacy(self) -> dict[str, list[dict[str, Any]]]:
        """What the single-file layout kept here besides facts (subscriptions, outbox), for migration."""
        lines = self.storage.read_lines()
        return {t: [json.loads(raw) for raw in lines[t].values()] for t in LEGACY_TABLES if lines.get(t)}

    def drop_legacy(self) -> None:
        with self.transaction() as db:
            for table in LEGACY_TABLES:
                db.drop_table(table)

    # ---- publishing ----------------------------------------------------------------------------

    def publish(self, plans: list[Plan]) -> list[Plan]:
        stored = stored_plans(plans)
        if not stored:
            return []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.transaction() as db:
            cities, benchmarks = db.table("cities"), db.table("benchmarks")
            known = {_bench_key(b): b.doc_id for b in benchmarks.all()}
            docs = _documents(cities, self.path)
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
        return stored

    def rollback(self, key: str) -> tuple[Snapshot, Snapshot]:
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
        city = self.cities()[key]  # read back from the file just written
        undone = next((v.snapshot for v in city.versions if v.number == live[-1] + 1), city.current)
        return undone, city.current  # an undone version that no longer validates was skipped: no changes to tell


def _documents(cities: Table, path: Path) -> dict[str, Document]:
    """The stored city documents by key. One without a key or a list of versions was changed by hand:
    reading skips it; a write stops here rather than fail half-way with a raw KeyError."""
    docs = {}
    for doc in cities.all():
        if not isinstance(doc.get("key"), str) or not isinstance(doc.get("versions"), list):
            raise malformed(path, "cities", str(doc.doc_id))
        docs[doc["key"]] = doc
    return docs


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


def _city(doc: dict[str, Any], benchmarks: dict[int, dict[str, Any]], location: str) -> City | None:
    """A city document -> City; a version that no longer validates is skipped, loudly, never fatal.

    One bad value (written by an older release, or by hand) must not stop every command: the other
    versions still answer, and `rollback` can retire the bad one. A city with no valid version is left out.
    """
    try:
        key, stored = doc["key"], list(doc["versions"])
    except (KeyError, TypeError):
        log.error("%s: a city document without a key or versions is skipped: %.80s", location, doc)
        return None
    versions = []
    for number, v in enumerate(stored, start=1):
        try:
            snap = dict(v["snapshot"])
            snap["benchmarks"] = [benchmarks[i] for i in snap.pop("benchmark_ids", [])]
            versions.append(Version(number, Snapshot.model_validate(snap), v["stored_at"], v["status"]))
        except (ValueError, KeyError, TypeError) as e:  # pydantic's ValidationError is a ValueError
            first = str(e).splitlines()[:3]
            log.error("%s: %s version %d does not validate and is skipped (%s); roll it back or import a fixed "
                      "version", location, key, number, " ".join(first))
    if not any(v.status == PUBLISHED for v in versions):
        log.error("%s: %s has no valid published version and is left out", location, key)
        return None
    return City(key, tuple(versions))
