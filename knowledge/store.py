"""Opening the stores: the one place that decides which engines hold facts and operational state.

Facts (cities, versions, benchmarks) live in a TinyDB JSON file, `$CITYBOT_DB` or the per-user data
directory; operational state (subscriptions, outbox, counts, buttons, previews, conversations) in a
SQLite file beside it (`citybot.json` -> `citybot.operations.sqlite3`). With `CITYBOT_DATABASE_URL` set, both
live in that PostgreSQL database instead (knowledge/postgres.py), shared by replicas. Everything else
talks to the `Facts` and `Operations` interfaces it gets from `open_stores`.

A store of the old single-file layout (subscriptions and the outbox inside the TinyDB file, counts in
`*.usage.json`) is upgraded on first start: a copy of the old file is kept beside it, the
operational state moves into the operations store in one transaction, then leaves the facts file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from knowledge.facts import PUBLISHED, ROLLED_BACK, City, Facts, FactsReader, Plan, Similar, Version, resembling
from knowledge.facts.tinydb_store import TinyDBFacts
from knowledge.operations import Legacy, Operations
from knowledge.operations.sqlite_store import SQLiteOperations
from knowledge.storage import NotStored, StoreCorrupted

__all__ = ["PUBLISHED", "ROLLED_BACK", "City", "Facts", "FactsReader", "Plan", "Similar", "Store", "Stores", "Version",
           "default_path", "open_stores", "resembling"]

log = logging.getLogger(__name__)

Store = TinyDBFacts  # the embedded facts store, for tools and tests that open a file directly


def default_path() -> Path:
    env = os.environ.get("CITYBOT_DB")
    return Path(env) if env else Path(user_data_dir("citybot")) / "citybot.json"


def operations_path(facts_path: Path) -> Path:
    return facts_path.with_name(facts_path.stem + ".operations.sqlite3")


@dataclass
class Stores:
    facts: Facts
    operations: Operations

    def close(self) -> None:
        self.operations.close()
        self.facts.close()


def open_stores(db: str | os.PathLike[str] | None = None, bundled: bool = True, database_url: str | None = None,
                claim_lease: float | None = None, operations_in_memory: bool = True) -> Stores:
    """The configured stores, upgraded from the single-file layout if needed, filled with the bundled data if empty.

    With a PostgreSQL URL (`database_url`, else $CITYBOT_DATABASE_URL) both live in that database
    instead, shared by every process given the same URL; `db` is then not used. `claim_lease`: how
    long a notification claimed by a replica that died waits before another sends it.
    `operations_in_memory`: an operations file that cannot be opened may be replaced by memory until
    the process ends (the bot goes on answering); a command that queues news says False, since news
    queued in memory would be lost when it exits, and is refused with NotStored instead.
    """
    from knowledge.bundled import load_bundled  # bundled imports the parser, which needs nothing from here

    url = database_url or os.environ.get("CITYBOT_DATABASE_URL")
    if url:
        return _open_postgres(url, bundled, claim_lease)
    path = Path(db) if db else default_path()
    facts = TinyDBFacts(path)
    if bundled and facts.is_empty():  # first (an empty store has nothing to migrate): a folder it cannot write stops here
        try:
            load_bundled(facts)
        except NotStored as e:  # a mounted data folder owned by someone else, typically
            if e.reason != "read-only":
                raise StoreCorrupted(str(e).removeprefix("not stored: ")) from None
            raise StoreCorrupted(f"the store {path} cannot be created ({e}): make {path.parent} writable for user id "
                                 f"{os.geteuid()}, or set CITYBOT_DB to a file in a folder it may write") from None
    try:
        operations: Operations = SQLiteOperations(operations_path(path))
    except (sqlite3.OperationalError, NotStored) as e:
        if not operations_in_memory:
            raise _unopened(operations_path(path), e) from None
        # A directory the bot may read but not write: answer from the facts, keep chatter in memory.
        log.warning("cannot open %s (%s): subscriptions and buttons are kept in memory until restart",
                    operations_path(path), e)
        operations = SQLiteOperations(f"file:citybot-{id(facts)}?mode=memory&cache=shared")
    stores = Stores(facts, operations)
    migrate(stores, path)
    return stores


def _unopened(path: Path, error: Exception) -> NotStored:
    """Why a command that would queue news stops before storing anything. SQLite says only "disk I/O
    error" when it cannot create its log on a full disk: the free space tells."""
    with contextlib.suppress(OSError):
        if shutil.disk_usage(path.parent).free < 65_536:  # less than SQLite's shared-memory file and log need
            return NotStored("disk-full", f"not stored: the disk is full ({path})")
    return NotStored("failed", f"not stored: the operations store {path} cannot be opened ({error}), so subscribers "
                               "would not be told of the change; make it writable and try again")


def _open_postgres(url: str, bundled: bool, claim_lease: float | None) -> Stores:
    from knowledge.bundled import load_bundled
    from knowledge.facts.postgres import PostgresFacts
    from knowledge.operations.postgres import LEASE_SECONDS, PostgresOperations
    from knowledge.postgres import Database

    database = Database(url)
    stores = Stores(PostgresFacts(database), PostgresOperations(database, lease=claim_lease or LEASE_SECONDS))
    if bundled:
        with database.exclusive():  # replicas starting together on an empty database fill it once
            if stores.facts.is_empty():
                load_bundled(stores.facts)
    return stores


def migrate(stores: Stores, path: Path) -> bool:
    """Move a single-file store's operational state into the operations store; True if there was any."""
    facts = stores.facts
    assert isinstance(facts, TinyDBFacts)
    legacy = facts.legacy()
    usage_file = path.with_suffix(".usage.json")
    usage = json.loads(usage_file.read_text(encoding="utf-8")) if usage_file.exists() else {}
    if not legacy and not usage:
        return False
    backup = path.with_name(path.name + ".single-file.bak")
    if legacy and not backup.exists():
        shutil.copy2(path, backup)
    marker = "migrated:" + hashlib.sha256(json.dumps([legacy, usage], sort_keys=True).encode()).hexdigest()
    moved = stores.operations.import_legacy(Legacy(
        marker,
        subscriptions=[(int(s["chat_id"]), str(s["key"])) for s in legacy.get("subscriptions", [])],
        outbox=[(int(o["chat_id"]), str(o["text"])) for o in legacy.get("outbox", [])],
        asked=int(usage.get("totals", {}).get("asked", 0)),
        unanswered={str(q): int(n) for q, n in usage.get("unanswered", {}).items()},
    ))
    log.info("upgraded %s to two stores%s; the old file is kept as %s", path, "" if moved else " (already moved)",
             backup)
    try:
        if legacy:
            facts.drop_legacy()
        if usage:
            usage_file.replace(usage_file.with_name(usage_file.name + ".bak"))
    except (NotStored, OSError) as e:
        log.warning("could not tidy %s after the upgrade (%s); it is read again and skipped at each start", path, e)
    return True
