"""Operations in PostgreSQL: what several replicas of the bot write, shared through one database.

The same tables as the embedded SQLite store, plus what only several processes need:

- Outbox claims. `pending` hands a replica the notices it may send now and claims them for it for a
  lease (`SELECT … FOR UPDATE SKIP LOCKED`), so two replicas never hold the same notice; a replica that
  dies leaves claims that expire and another replica takes them over. Just before sending one,
  `take` checks the claim is still this replica's and renews its lease, so a replica that stalled
  past its lease never sends what another has taken over. `delivered` deletes it.
- A send budget shared by every replica (`send_slot`): Telegram's ~30 messages a second is per bot,
  so each message reserves the next free slot in one row and waits for it.

Timestamps are the database's clock (`now()`), so replicas with skewed clocks agree on leases and
expiry. Every method is one short transaction on a pooled connection, from whichever thread calls it.
"""

from __future__ import annotations

import os
import secrets
import socket
from typing import Any

from psycopg.types.json import Jsonb

from knowledge.operations import (
    ALL,
    JSON,
    MARKER_DAYS,
    MAX_UNANSWERED,
    PAYLOAD_DAYS,
    PREVIEW_DAYS,
    Event,
    Legacy,
    Notice,
    Operations,
    QuestionStats,
)
from knowledge.postgres import Database
from knowledge.vocabulary import fold

LEASE_SECONDS = 60.0  # a claim outlives its replica by this much at most; covers one send and its 429 waits
CLAIM_BATCH = 100  # notices claimed at once: a few seconds of sending
# Messages a second for the whole bot, every replica together. Below Telegram's ~30 with room for the
# jitter between processes: slots kept apart at the database arrive at Telegram a few ms closer or farther.
SEND_RATE = 28.0


class PostgresOperations(Operations):
    def __init__(self, db: Database, replica: str | None = None, lease: float = LEASE_SECONDS) -> None:
        self.db = db
        self.lease = lease
        self.location = db.location
        # Who holds a claim: unique per process, readable in the table for an operator.
        self.replica = replica or f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.prune()

    # ---- subscriptions ---------------------------------------------------------------------------

    def subscribe(self, chat: int, key: str, lang: str) -> bool:
        with self.db.transaction() as conn:
            new = conn.execute("INSERT INTO subscriptions (chat, key, lang) VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
                               (chat, key, lang)).rowcount == 1
            conn.execute("UPDATE subscriptions SET lang = %s WHERE chat = %s AND lang <> %s", (lang, chat, lang))
        return new

    def unsubscribe(self, chat: int, key: str) -> bool:
        with self.db.transaction() as conn:
            return conn.execute("DELETE FROM subscriptions WHERE chat = %s AND key = %s", (chat, key)).rowcount == 1

    def subscriptions(self, chat: int) -> list[str]:
        with self.db.transaction() as conn:
            return [k for (k,) in conn.execute("SELECT key FROM subscriptions WHERE chat = %s ORDER BY seq", (chat,))]

    def subscribers(self, key: str) -> list[int]:
        with self.db.transaction() as conn:
            rows = conn.execute("SELECT DISTINCT chat FROM subscriptions WHERE key IN (%s, %s) ORDER BY chat", (key, ALL))
            return [c for (c,) in rows]

    def chats(self) -> int:
        with self.db.transaction() as conn:
            return int(_one(conn.execute("SELECT count(DISTINCT chat) FROM subscriptions").fetchone()))

    def drop_chat(self, chat: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM subscriptions WHERE chat = %s", (chat,))
            conn.execute("DELETE FROM outbox WHERE chat = %s", (chat,))

    def move_chat(self, old: int, new: int) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO subscriptions (chat, key, lang) SELECT %s, key, lang FROM subscriptions "
                         "WHERE chat = %s ORDER BY seq ON CONFLICT DO NOTHING", (new, old))
            conn.execute("DELETE FROM subscriptions WHERE chat = %s", (old,))
            conn.execute("UPDATE outbox SET chat = %s WHERE chat = %s", (new, old))
            conn.execute("INSERT INTO contexts (chat, data, at) SELECT %s, data, at FROM contexts WHERE chat = %s "
                         "ON CONFLICT DO NOTHING", (str(new), str(old)))
            conn.execute("DELETE FROM contexts WHERE chat = %s", (str(old),))

    # ---- outbox ----------------------------------------------------------------------------------

    def enqueue(self, events: list[Event]) -> int:
        queued = 0
        with self.db.transaction() as conn:
            for data in events:
                event_id = _one(conn.execute("INSERT INTO events (data) VALUES (%s) RETURNING id", (Jsonb(data),)).fetchone())
                queued += conn.execute(
                    "INSERT INTO outbox (chat, lang, event) SELECT chat, max(lang), %s FROM subscriptions "
                    "WHERE key IN (%s, %s) GROUP BY chat ORDER BY chat", (event_id, data["key"], ALL)).rowcount
        return queued

    def enqueue_to(self, chat: int, lang: str, data: Event) -> None:
        with self.db.transaction() as conn:
            event_id = _one(conn.execute("INSERT INTO events (data) VALUES (%s) RETURNING id", (Jsonb(data),)).fetchone())
            conn.execute("INSERT INTO outbox (chat, lang, event) VALUES (%s, %s, %s)", (chat, lang, event_id))

    def pending(self, limit: int = 1000, after: int = 0) -> list[Notice]:
        """Notices this replica may send now, claimed for it: its own live claims and anyone's unclaimed or expired ones.

        At most CLAIM_BATCH at a time, so a claim is sent well within its lease; the caller asks again
        for more. Returning a claim again renews its lease.
        """
        with self.db.transaction() as conn:
            rows = conn.execute(
                "WITH c AS (SELECT id FROM outbox WHERE id > %(after)s AND (lease_until IS NULL OR lease_until < now() "
                "OR claimed_by = %(me)s) ORDER BY id LIMIT %(limit)s FOR UPDATE SKIP LOCKED) "
                "UPDATE outbox o SET claimed_by = %(me)s, lease_until = now() + make_interval(secs => %(lease)s) "
                "FROM c WHERE o.id = c.id RETURNING o.id, o.chat, o.lang, o.event",
                {"after": after, "me": self.replica, "limit": min(limit, CLAIM_BATCH), "lease": self.lease}).fetchall()
            events: dict[int, Event] = {}
            wanted = sorted({r[3] for r in rows})
            if wanted:
                events = dict(conn.execute("SELECT id, data FROM events WHERE id = ANY(%s)", (wanted,)).fetchall())
        return [Notice(i, chat, lang, events[e]) for i, chat, lang, e in sorted(rows)]

    def take(self, notice: int) -> bool:
        """True while this replica holds the claim (renewing its lease); False once another replica took it over."""
        with self.db.transaction() as conn:
            return conn.execute("UPDATE outbox SET lease_until = now() + make_interval(secs => %s) "
                                "WHERE id = %s AND claimed_by = %s", (self.lease, notice, self.replica)).rowcount == 1

    def release(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE outbox SET claimed_by = NULL, lease_until = NULL WHERE claimed_by = %s", (self.replica,))

    def delivered(self, ids: list[int]) -> None:
        if ids:
            with self.db.transaction() as conn:
                conn.execute("DELETE FROM outbox WHERE id = ANY(%s)", (ids,))

    def owed(self) -> int:
        with self.db.transaction() as conn:
            return int(_one(conn.execute("SELECT count(*) FROM outbox").fetchone()))

    def send_slot(self) -> float:
        """Reserve the bot's next sending slot among every replica; returns the seconds to wait for it.

        One row holds the time of the next free slot; each reservation moves it on by 1/SEND_RATE under
        that row's lock, so replicas asking at once are given consecutive slots, never the same one.
        """
        with self.db.transaction() as conn:
            wait = _one(conn.execute(
                "UPDATE send_budget SET next_slot = greatest(next_slot, clock_timestamp()) + make_interval(secs => %s) "
                "RETURNING extract(epoch FROM next_slot - clock_timestamp())", (1 / SEND_RATE,)).fetchone())
        return max(0.0, float(wait) - 1 / SEND_RATE)

    # ---- question counts ---------------------------------------------------------------------------

    def record_question(self, text: str, understood: bool) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO counters (name, n) VALUES ('asked', 1) ON CONFLICT (name) DO UPDATE SET n = counters.n + 1")
            if understood:
                return
            new = conn.execute("INSERT INTO unanswered (question, n, at) VALUES (%s, 1, now()) ON CONFLICT (question) "
                               "DO UPDATE SET n = unanswered.n + 1, at = now() RETURNING (xmax = 0)",
                               (fold(text)[:200],)).fetchone()
            if new and new[0]:  # a new question beyond the bound pushes out the least frequent, least recent one
                conn.execute("DELETE FROM unanswered WHERE question IN (SELECT question FROM unanswered ORDER BY n, at "
                             "LIMIT greatest(0, (SELECT count(*) FROM unanswered) - %s))", (MAX_UNANSWERED,))

    def question_stats(self, top: int = 10) -> QuestionStats:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT n FROM counters WHERE name = 'asked'").fetchone()
            rows = conn.execute("SELECT question, n FROM unanswered ORDER BY n DESC, at DESC LIMIT %s", (top,)).fetchall()
        return QuestionStats(int(row[0]) if row else 0, [(q, int(n)) for q, n in rows])

    # ---- buttons, previews, conversation, markers -------------------------------------------------

    def remember(self, payload: JSON) -> str:
        with self.db.transaction() as conn:
            while True:  # 64 random bits: a collision is astronomically rare, and then simply drawn again
                token = secrets.token_urlsafe(8)
                if conn.execute("INSERT INTO payloads (token, data) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                                (token, Jsonb(payload))).rowcount:
                    return token

    def recall(self, token: str) -> JSON | None:
        return self._get("SELECT data FROM payloads WHERE token = %s", token)

    def put_preview(self, token: str, data: JSON) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO previews (token, data) VALUES (%s, %s) "
                         "ON CONFLICT (token) DO UPDATE SET data = excluded.data, at = now()", (token, Jsonb(data)))

    def get_preview(self, token: str) -> JSON | None:
        return self._get("SELECT data FROM previews WHERE token = %s", token)

    def take_preview(self, token: str) -> JSON | None:
        return self._get("DELETE FROM previews WHERE token = %s RETURNING data", token)

    def get_context(self, chat: str) -> dict[str, JSON] | None:
        found = self._get("SELECT data FROM contexts WHERE chat = %s", chat)
        return found if isinstance(found, dict) else None

    def put_context(self, chat: str, data: dict[str, JSON]) -> None:
        with self.db.transaction() as conn:
            conn.execute("INSERT INTO contexts (chat, data) VALUES (%s, %s) "
                         "ON CONFLICT (chat) DO UPDATE SET data = excluded.data, at = now()", (chat, Jsonb(data)))

    def first_time(self, marker: str) -> bool:
        with self.db.transaction() as conn:
            return conn.execute("INSERT INTO handled (marker) VALUES (%s) ON CONFLICT DO NOTHING", (marker,)).rowcount == 1

    def import_legacy(self, legacy: Legacy) -> bool:
        with self.db.transaction() as conn:
            if conn.execute("INSERT INTO handled (marker, at) VALUES (%s, 'infinity') ON CONFLICT DO NOTHING",
                            (legacy.marker,)).rowcount == 0:  # kept forever: never imported twice
                return False
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO subscriptions (chat, key, lang) VALUES (%s, %s, 'en') ON CONFLICT DO NOTHING",
                                legacy.subscriptions)
            for chat, html in legacy.outbox:
                event_id = _one(conn.execute("INSERT INTO events (data) VALUES (%s) RETURNING id",
                                             (Jsonb({"kind": "legacy", "html": html}),)).fetchone())
                conn.execute("INSERT INTO outbox (chat, lang, event) VALUES (%s, 'en', %s)", (chat, event_id))
            conn.execute("INSERT INTO counters (name, n) VALUES ('asked', %s) "
                         "ON CONFLICT (name) DO UPDATE SET n = counters.n + excluded.n", (legacy.asked,))
            with conn.cursor() as cur:
                cur.executemany("INSERT INTO unanswered (question, n, at) VALUES (%s, %s, '-infinity') "
                                "ON CONFLICT (question) DO UPDATE SET n = unanswered.n + excluded.n",
                                list(legacy.unanswered.items()))
        return True

    def _get(self, sql: str, key: str) -> Any:
        with self.db.transaction() as conn:
            row = conn.execute(sql, (key,)).fetchone()  # type: ignore[arg-type]  # literal SQL from this module
        return row[0] if row else None

    # ---- upkeep ------------------------------------------------------------------------------------

    def prune(self) -> None:
        with self.db.transaction() as conn:
            conn.execute("DELETE FROM payloads WHERE at < now() - make_interval(days => %s)", (PAYLOAD_DAYS,))
            conn.execute("DELETE FROM previews WHERE at < now() - make_interval(days => %s)", (PREVIEW_DAYS,))
            conn.execute("DELETE FROM handled WHERE at < now() - make_interval(days => %s)", (MARKER_DAYS,))
            conn.execute("DELETE FROM contexts WHERE at < now() - interval '1 day'")
            conn.execute("DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.event = e.id)")

    def close(self) -> None:
        self.db.close()


def _one(row: tuple[Any, ...] | None) -> Any:
    assert row is not None  # aggregates and RETURNING of an insert always give a row
    return row[0]
