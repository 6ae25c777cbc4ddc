"""Facts in PostgreSQL: the same documents as the embedded store, shared by every replica.

A city is one row holding its versions (oldest first) as JSON, exactly the embedded store's document,
so a store moves between engines as a copy and the two backends cannot disagree about what a version
is. Writers serialise on the one-row `facts_token` table: each publish or rollback takes its row lock,
bumps the token and stamps the cities it wrote with it, all in one transaction. A reader's change
token is that number (one primary-key read, ~0.1 ms on loopback), and a reload validates only the
cities stamped after the token it last saw: another replica's publish reaches this one at its next
check (the running bot checks every second).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from knowledge.facts import PUBLISHED, ROLLED_BACK, City, Facts, Plan, stored_plans
from knowledge.facts.tinydb_store import _bench_key, _city, _position
from knowledge.models import Snapshot
from knowledge.postgres import Database, not_stored


class PostgresFacts(Facts):
    def __init__(self, db: Database) -> None:
        self.db = db
        self.location = db.location
        self._lock = threading.Lock()
        self._token = -1
        self._view: dict[str, City] = {}
        self._benchmarks: dict[int, dict[str, Any]] = {}

    def change_token(self) -> int:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT token FROM facts_token").fetchone()
        return int(row[0]) if row else 0

    # ---- reading -------------------------------------------------------------------------------

    def cities(self) -> dict[str, City]:
        token = self.change_token()
        if token != self._token:
            with self._lock:
                if token != self._token:
                    self._reload()
        return self._view

    def _reload(self) -> None:
        """Validate again only the cities written since the token last seen; a new dict for a new view."""
        with self.db.transaction() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")  # one snapshot for all three reads
            # The token first: a write committing meanwhile is read now or, at the latest, at the next check.
            (token,) = conn.execute("SELECT token FROM facts_token").fetchone() or (0,)
            newest = max(self._benchmarks, default=0)
            for bench_id, body in conn.execute("SELECT id, body FROM benchmarks WHERE id > %s", (newest,)):
                self._benchmarks[bench_id] = body
            rows = conn.execute("SELECT key, versions FROM cities WHERE changed > %s", (self._token,)).fetchall()
        view = dict(self._view)
        for key, versions in rows:
            city = _city({"key": key, "versions": versions}, self._benchmarks, self.location)
            if city is None:  # no valid version left (logged): out of the view, as in the embedded store
                view.pop(key, None)
            else:
                view[key] = city
        self._view, self._token = view, int(token)

    def documents(self) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
        """Every city document and benchmark as stored, for moving the store to another engine."""
        with self.db.transaction() as conn:
            cities = [{"key": k, "versions": v} for k, v in conn.execute("SELECT key, versions FROM cities ORDER BY key")]
            benchmarks = {i: b for i, b in conn.execute("SELECT id, body FROM benchmarks ORDER BY id")}
        return cities, benchmarks

    def load_documents(self, cities: list[dict[str, Any]], benchmarks: dict[int, dict[str, Any]]) -> None:
        """Replace everything stored by these documents, in one transaction (the other half of `documents`)."""
        try:
            with self.db.transaction() as conn:
                (token,) = conn.execute("UPDATE facts_token SET token = token + 1 RETURNING token").fetchone() or (0,)
                conn.execute("DELETE FROM cities")
                conn.execute("DELETE FROM benchmarks")
                with conn.cursor() as cur:
                    cur.executemany("INSERT INTO benchmarks (id, body, body_key) VALUES (%s, %s, %s)",
                                    [(int(i), Jsonb(b), _bench_key(b)) for i, b in benchmarks.items()])
                    cur.executemany("INSERT INTO cities (key, versions, changed) VALUES (%s, %s, %s)",
                                    [(d["key"], Jsonb(d["versions"]), token) for d in cities])
        except psycopg.Error as e:
            raise not_stored(e, self.location) from None
        with self._lock:
            self._token, self._view, self._benchmarks = -1, {}, {}

    # ---- publishing ----------------------------------------------------------------------------

    def publish(self, plans: list[Plan]) -> list[Plan]:
        stored = stored_plans(plans)
        if not stored:
            return []
        now = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.db.transaction() as conn:
                token = _next_token(conn)
                known = {key: i for i, key in conn.execute("SELECT id, body_key FROM benchmarks")}
                new_benchmarks: list[tuple[int, dict[str, Any], str]] = []
                keys = sorted({p.key for p in stored})
                history: dict[str, list[dict[str, Any]]] = {
                    k: list(v) for k, v in conn.execute("SELECT key, versions FROM cities WHERE key = ANY(%s)", (keys,))}
                for plan in stored:
                    versions = history.setdefault(plan.key, [])
                    entry = {"snapshot": _dehydrate(plan.snapshot, known, new_benchmarks), "stored_at": now,
                             "status": PUBLISHED}
                    versions.insert(_position(plan.snapshot, versions), entry)
                with conn.cursor() as cur:
                    cur.executemany("INSERT INTO benchmarks (id, body, body_key) VALUES (%s, %s, %s)",
                                    [(i, Jsonb(b), k) for i, b, k in new_benchmarks])
                    cur.executemany("INSERT INTO cities (key, versions, changed) VALUES (%s, %s, %s) "
                                    "ON CONFLICT (key) DO UPDATE SET versions = excluded.versions, changed = excluded.changed",
                                    [(k, Jsonb(v), token) for k, v in history.items()])
        except psycopg.Error as e:
            raise not_stored(e, self.location) from None
        return stored

    def rollback(self, key: str) -> tuple[Snapshot, Snapshot]:
        try:
            with self.db.transaction() as conn:
                token = _next_token(conn)
                row = conn.execute("SELECT versions FROM cities WHERE key = %s", (key,)).fetchone()
                if row is None:
                    raise KeyError(key)
                versions = list(row[0])
                live = [i for i, v in enumerate(versions) if v["status"] == PUBLISHED]
                if len(live) < 2:
                    raise ValueError("there is no earlier published version to roll back to")
                versions[live[-1]] = {**versions[live[-1]], "status": ROLLED_BACK}
                conn.execute("UPDATE cities SET versions = %s, changed = %s WHERE key = %s", (Jsonb(versions), token, key))
        except psycopg.Error as e:
            raise not_stored(e, self.location) from None
        city = self.cities()[key]  # read back what was committed
        undone = next((v.snapshot for v in city.versions if v.number == live[-1] + 1), city.current)
        return undone, city.current  # an undone version that no longer validates was skipped: no changes to tell

    def close(self) -> None:
        self.db.close()


def _next_token(conn: psycopg.Connection) -> int:
    """Bump the change token, holding its row lock to the end of the transaction: writers take turns."""
    row = conn.execute("UPDATE facts_token SET token = token + 1 RETURNING token").fetchone()
    assert row is not None  # created by the first migration
    return int(row[0])


def _dehydrate(snapshot: Snapshot, known: dict[str, int], new: list[tuple[int, dict[str, Any], str]]) -> dict[str, Any]:
    """Replace each benchmark by the id of its one stored copy, collecting the copies to insert."""
    doc = snapshot.model_dump(mode="json")
    ids = []
    for b in doc.pop("benchmarks"):
        key = _bench_key(b)
        if key not in known:
            known[key] = max(known.values(), default=0) + 1
            new.append((known[key], b, key))
        ids.append(known[key])
    doc["benchmark_ids"] = ids
    return doc
