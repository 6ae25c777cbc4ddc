"""The shared PostgreSQL database behind both store interfaces when CITYBOT_DATABASE_URL is set.

Synchronous psycopg 3 with a `ConnectionPool`: the store interfaces are synchronous (one for the CLI
and the bot), and the running bot calls them from worker threads, off the event loop. A pool of
blocking connections used from those threads gives the bot concurrency without a second, async
copy of every query; an async driver would only pay off if the interfaces themselves were async.

The schema is created and upgraded on open by numbered migrations, each applied once, all under a
transaction-level advisory lock: two replicas starting at once take turns, the second finding
everything done. PostgreSQL's DDL is transactional, so a migration that fails leaves nothing half-made.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from knowledge.storage import NotStored, StoreUnavailable

MIGRATION_LOCK = 0x43697479  # "City": the advisory lock key every replica agrees on
FILL_LOCK = MIGRATION_LOCK + 1  # held while an empty database is filled with the bundled data

# Applied in order, each once, recorded in schema_migrations. Never edit one that has shipped: add the next.
MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE facts_token (id int PRIMARY KEY CHECK (id = 1), token bigint NOT NULL);
    INSERT INTO facts_token VALUES (1, 0);
    -- A city's versions, oldest first, as one document (the same layout as the embedded store, so moving
    -- a store between engines is a copy); `changed` is the facts token of its last write, for
    -- reloading only what changed.
    CREATE TABLE cities (key text PRIMARY KEY, versions jsonb NOT NULL, changed bigint NOT NULL);
    CREATE INDEX cities_changed ON cities (changed);
    -- Survey-wide benchmarks, stored once and referenced by id from versions.
    CREATE TABLE benchmarks (id bigint PRIMARY KEY, body jsonb NOT NULL, body_key text NOT NULL UNIQUE);
    """),
    (2, """
    CREATE TABLE subscriptions (chat bigint NOT NULL, key text NOT NULL, lang text NOT NULL,
        seq bigserial, PRIMARY KEY (chat, key));
    CREATE INDEX subscriptions_by_key ON subscriptions (key);
    CREATE TABLE events (id bigserial PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    -- A notice owed to a chat. A replica claims a few at a time (claimed_by, lease_until); a claim whose
    -- lease ran out (its replica died) is taken over by another. Delivered notices are deleted.
    CREATE TABLE outbox (id bigserial PRIMARY KEY, chat bigint NOT NULL, lang text NOT NULL,
        event bigint NOT NULL REFERENCES events (id), claimed_by text, lease_until timestamptz);
    CREATE INDEX outbox_by_chat ON outbox (chat);
    CREATE INDEX outbox_by_event ON outbox (event);
    CREATE TABLE counters (name text PRIMARY KEY, n bigint NOT NULL);
    CREATE TABLE unanswered (question text PRIMARY KEY, n bigint NOT NULL, at timestamptz NOT NULL);
    CREATE TABLE payloads (token text PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE previews (token text PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE contexts (chat text PRIMARY KEY, data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE handled (marker text PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
    -- The bot's sending budget, shared by every replica: Telegram's limit is per bot, not per process.
    CREATE TABLE send_budget (id int PRIMARY KEY CHECK (id = 1), next_slot timestamptz NOT NULL);
    INSERT INTO send_budget VALUES (1, now());
    """),
]


def location(url: str) -> str:
    """Where the database is, for messages to operators: host, port and name, never the password."""
    parts = conninfo_to_dict(url)
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{host}{port}/{parts.get('dbname', '')}"


class Database:
    """One pool of connections for every store of this process, and the schema brought up to date."""

    def __init__(self, url: str, max_size: int = 8) -> None:
        self.location = location(url)
        try:  # one plain connection first: its error says why (refused, password, no such database)
            psycopg.connect(url, connect_timeout=10).close()
        except psycopg.Error as e:
            reason = str(e).strip().splitlines()[-1] if str(e).strip() else type(e).__name__
            raise StoreUnavailable(f"cannot reach the database {self.location} ({reason}): check CITYBOT_DATABASE_URL") \
                from None
        self.pool = ConnectionPool(url, min_size=1, max_size=max_size, open=False, name="citybot",
                                   kwargs={"application_name": "citybot"})
        self.pool.open(wait=True, timeout=30)
        try:
            migrate(self)
        except BaseException:
            self.pool.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Connection]:
        """A pooled connection inside one transaction: committed on leaving, rolled back on an error."""
        with self.pool.connection() as conn:
            yield conn

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """One process at a time, across every replica, for as long as the block runs (on its own connection)."""
        with self.transaction() as conn:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (FILL_LOCK,))
            yield

    def close(self) -> None:
        """Close the pool (both stores share it; closing twice is harmless)."""
        self.pool.close()


def migrate(db: Database) -> list[int]:
    """Apply the migrations this database lacks; returns their numbers. Safe to run from many processes.

    An up-to-date database is only read (a read-only replica or role can start); otherwise the
    advisory lock makes concurrent starters take turns and the later ones find the work done.
    """
    if not _missing(db):
        return []
    with db.transaction() as conn:
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                     "(version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, sql in MIGRATIONS:
            if version not in done:
                conn.execute(sql)  # type: ignore[arg-type]  # our own literal SQL, not user input
                conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
                applied.append(version)
        return applied


def _missing(db: Database) -> bool:
    with db.transaction() as conn:
        (table,) = conn.execute("SELECT to_regclass('schema_migrations')").fetchone() or (None,)
        if table is None:
            return True
        done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    return any(version not in done for version, _ in MIGRATIONS)


def not_stored(error: psycopg.Error, where: str) -> NotStored:
    """A failed write as the stores report it: nothing changed, and why in a word the bot can translate."""
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, psycopg.errors.ReadOnlySqlTransaction | psycopg.errors.InsufficientPrivilege):
        return NotStored("read-only", f"not stored: {where} cannot be written ({detail})")
    if isinstance(error, psycopg.errors.DiskFull):
        return NotStored("disk-full", f"not stored: the database server's disk is full ({where})")
    return NotStored("failed", f"not stored: writing to {where} failed ({detail})")
