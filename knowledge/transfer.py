"""Moving a whole store between engines: the embedded pair (TinyDB + SQLite) and PostgreSQL, either way.

Everything moves, as stored: every city with every version (rolled back ones too) and the benchmarks
under their ids, and every row of operational state (subscriptions in order with their languages,
notices still owed, question counts, button payloads under their tokens so buttons already shown
keep working, previews, conversations, "already handled" markers). The copy is checked by reading
both sides back and comparing them; the source is never changed. The target must be empty, so a
move never mixes two stores.

This is the one module that knows both engines' tables; it runs while the bots are stopped.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psycopg.types.json import Jsonb

from knowledge.facts.postgres import PostgresFacts
from knowledge.facts.tinydb_store import TinyDBFacts
from knowledge.operations.postgres import PostgresOperations
from knowledge.operations.sqlite_store import SQLiteOperations
from knowledge.postgres import Database, location

FOREVER = 1e18  # the embedded store's "kept forever" time; PostgreSQL says 'infinity'

# Operational tables in dependency order: name, columns, which columns hold JSON, which a time.
TABLES: list[tuple[str, tuple[str, ...], frozenset[str], frozenset[str]]] = [
    ("subscriptions", ("chat", "key", "lang"), frozenset(), frozenset()),
    ("events", ("id", "data", "at"), frozenset({"data"}), frozenset({"at"})),
    ("outbox", ("id", "chat", "lang", "event"), frozenset(), frozenset()),
    ("counters", ("name", "n"), frozenset(), frozenset()),
    ("unanswered", ("question", "n", "at"), frozenset(), frozenset({"at"})),
    ("payloads", ("token", "data", "at"), frozenset({"data"}), frozenset({"at"})),
    ("previews", ("token", "data", "at"), frozenset({"data"}), frozenset({"at"})),
    ("contexts", ("chat", "data", "at"), frozenset({"data"}), frozenset({"at"})),
    ("handled", ("marker", "at"), frozenset(), frozenset({"at"})),
]
ORDER = {"subscriptions": "", "events": "id", "outbox": "id", "counters": "name", "unanswered": "question",
         "payloads": "token", "previews": "token", "contexts": "chat", "handled": "marker"}

Rows = dict[str, list[tuple[Any, ...]]]  # table -> rows, JSON parsed, times as seconds since the epoch


@dataclass
class Dump:
    """A whole store as plain data: what `read` returns and `write` stores."""

    cities: list[dict[str, Any]]  # {"key", "versions"} documents, as both engines store them
    benchmarks: dict[int, dict[str, Any]]
    operations: Rows

    def summary(self) -> str:
        versions = sum(len(c["versions"]) for c in self.cities)
        ops = ", ".join(f"{len(rows)} {table}" for table, rows in self.operations.items() if rows)
        facts = f"{len(self.cities)} cities ({versions} versions), {len(self.benchmarks)} benchmarks"
        return f"{facts}; {ops or 'no operational state'}"


class Embedded:
    """The embedded pair at a path: TinyDB facts and the SQLite operations file beside it."""

    def __init__(self, path: Path) -> None:
        from knowledge.store import Stores, migrate, operations_path

        self.facts = TinyDBFacts(path)
        self.operations = SQLiteOperations(operations_path(path))
        self.name = str(path)
        migrate(Stores(self.facts, self.operations), path)  # a store of the single-file layout is upgraded first

    def read(self) -> Dump:
        lines = self.facts.storage.read_lines()
        cities = [json.loads(raw) for raw in lines.get("cities", {}).values()]
        benchmarks = {int(i): json.loads(raw) for i, raw in lines.get("benchmarks", {}).items()}
        with _sqlite(self.operations) as db:
            rows = {table: [_from_sqlite(row, cols, js) for row in db.execute(
                        f"SELECT {', '.join(cols)} FROM {table} ORDER BY {ORDER[table] or 'rowid'}")]
                    for table, cols, js, _ in TABLES}
        return Dump(sorted(cities, key=lambda c: c["key"]), benchmarks, rows)

    def write(self, dump: Dump) -> None:
        from tinydb.table import Document

        with self.facts.transaction() as tdb:
            benchmarks = tdb.table("benchmarks")
            for bench_id, body in sorted(dump.benchmarks.items()):
                benchmarks.insert(Document(body, doc_id=bench_id))
            tdb.table("cities").insert_multiple({"key": c["key"], "versions": c["versions"]} for c in dump.cities)
        with _sqlite(self.operations) as db:
            db.execute("BEGIN IMMEDIATE")
            for table, cols, js, times in TABLES:
                db.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                               [_to_sqlite(row, cols, js, times) for row in dump.operations[table]])
            db.execute("COMMIT")

    def close(self) -> None:
        self.operations.close()


class Shared:
    """A PostgreSQL database (schema brought up to date on open)."""

    def __init__(self, url: str) -> None:
        self.db = Database(url)
        self.facts = PostgresFacts(self.db)
        self.operations = PostgresOperations(self.db)
        self.name = self.db.location

    def read(self) -> Dump:
        cities, benchmarks = self.facts.documents()
        with self.db.transaction() as conn:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            rows: Rows = {}
            for table, cols, _, times in TABLES:
                select = ", ".join(f"extract(epoch FROM {c})::float8" if c in times else c for c in cols)
                order = ORDER[table] or "seq"
                rows[table] = [tuple(_from_epoch(v) if c in times else v for c, v in zip(cols, row, strict=True))
                               for row in conn.execute(f"SELECT {select} FROM {table} ORDER BY {order}")]  # type: ignore[arg-type]
        return Dump(cities, benchmarks, rows)

    def write(self, dump: Dump) -> None:
        self.facts.load_documents(dump.cities, dump.benchmarks)
        with self.db.transaction() as conn, conn.cursor() as cur:
            for table, cols, js, times in TABLES:
                values = ", ".join("to_timestamp(%s)" if c in times else "%s" for c in cols)
                cur.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({values})",  # type: ignore[arg-type]
                                [tuple(Jsonb(v) if c in js else _to_epoch(v) if c in times else v
                                       for c, v in zip(cols, row, strict=True)) for row in dump.operations[table]])
            for table in ("events", "outbox"):  # new rows continue after the ids moved in
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # type: ignore[arg-type]
                            f"greatest((SELECT max(id) FROM {table}), 1))")

    def close(self) -> None:
        self.db.close()


def is_url(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def describe(where: str) -> str:
    """A store's name for people: the path, or the database without its password."""
    return location(where) if is_url(where) else where


def open_end(where: str) -> Embedded | Shared:
    """A store named by a postgresql:// URL or an embedded store's path."""
    return Shared(where) if is_url(where) else Embedded(Path(where))


def move(source: str, target: str) -> Dump:
    """Copy everything from source to an empty target, check the copy, and return what was moved."""
    src, dst = open_end(source), open_end(target)
    try:
        dump = src.read()
        if not dump.cities:
            raise ValueError(f"{src.name} holds no cities: nothing to move")
        existing = dst.read()
        if existing.cities or any(existing.operations.values()):
            raise ValueError(f"{dst.name} already holds data ({existing.summary()}); move into an empty store")
        dst.write(dump)
        if not _same(dst.read(), dump):
            raise RuntimeError(f"the copy in {dst.name} differs from {src.name}: not complete, do not switch to it")
        return dump
    finally:
        src.close()
        dst.close()


def _sqlite(ops: SQLiteOperations) -> sqlite3.Connection:
    return sqlite3.connect(ops.path, isolation_level=None, timeout=30)


def _from_sqlite(row: tuple[Any, ...], cols: tuple[str, ...], js: frozenset[str]) -> tuple[Any, ...]:
    return tuple(json.loads(v) if c in js else v for c, v in zip(cols, row, strict=True))


def _to_sqlite(row: tuple[Any, ...], cols: tuple[str, ...], js: frozenset[str], times: frozenset[str]) -> tuple[Any, ...]:
    return tuple(json.dumps(v, ensure_ascii=False) if c in js else (FOREVER if c in times and v == math.inf else v)
                 for c, v in zip(cols, row, strict=True))


def _from_epoch(value: float) -> float:
    """PostgreSQL's 'infinity' and the embedded store's FOREVER are the same moment."""
    return FOREVER if value in (math.inf, FOREVER) else (0.0 if value == -math.inf else value)


def _to_epoch(value: float) -> float | str:
    if value >= FOREVER:
        return math.inf
    return value


def _same(a: Dump, b: Dump) -> bool:
    """Nothing may differ but times, and those by less than a millisecond: SQLite keeps a float, PostgreSQL
    microseconds (rounding both to milliseconds would split a time lying near a half-millisecond)."""
    if a.cities != b.cities or a.benchmarks != b.benchmarks:
        return False
    for table, cols, _, times in TABLES:
        mine, theirs = a.operations[table], b.operations[table]
        if len(mine) != len(theirs):
            return False
        for row, other in zip(mine, theirs, strict=True):
            for col, u, v in zip(cols, row, other, strict=True):
                if (abs(u - v) >= 1e-3) if col in times else u != v:
                    return False
    return True