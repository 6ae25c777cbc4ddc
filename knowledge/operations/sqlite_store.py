"""Operations in SQLite (standard library): one file beside the facts, made for many small writes.

WAL mode lets readers and one writer proceed together, and `synchronous=NORMAL` makes a commit an
append to the log, not an fsync: a process crash loses nothing committed; a power cut may lose the
last moment's writes (a few deliveries sent again, a counted question). The log is copied into the
database (a checkpoint, the one step that fsyncs) by a background thread every second rather than by
whichever write happens to fill it, so no answer ever waits for a disk flush. Each thread gets its
own connection; writers wait for one another (busy timeout) rather than fail.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
from knowledge.storage import NotStored
from knowledge.vocabulary import fold

log = logging.getLogger(__name__)
DAY = 86_400.0
CHECKPOINT_EVERY = 1.0  # seconds
SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (chat INTEGER NOT NULL, key TEXT NOT NULL, lang TEXT NOT NULL,
    PRIMARY KEY (chat, key));
CREATE INDEX IF NOT EXISTS subscriptions_by_key ON subscriptions (key);
CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, data TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY, chat INTEGER NOT NULL, lang TEXT NOT NULL,
    event INTEGER NOT NULL REFERENCES events (id));
CREATE INDEX IF NOT EXISTS outbox_by_chat ON outbox (chat);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS unanswered (question TEXT PRIMARY KEY, n INTEGER NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS payloads (token TEXT PRIMARY KEY, data TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS previews (token TEXT PRIMARY KEY, data TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS contexts (chat TEXT PRIMARY KEY, data TEXT NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS handled (marker TEXT PRIMARY KEY, at REAL NOT NULL);
"""


class SQLiteOperations(Operations):
    def __init__(self, path: str | Path) -> None:
        self.path = path if str(path).startswith("file:") else Path(path)
        self.location = str(self.path)
        self._uri = str(path).startswith("file:")  # a shared in-memory database when the disk cannot be used
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._all_lock = threading.Lock()
        self._db().executescript(SCHEMA)
        self.prune()
        self._closing = threading.Event()
        self._checkpointer: threading.Thread | None = None
        if not self._uri:
            self._checkpointer = threading.Thread(target=self._checkpoint, name="sqlite-checkpoint", daemon=True)
            self._checkpointer.start()

    def _checkpoint(self) -> None:
        while not self._closing.wait(CHECKPOINT_EVERY):
            try:
                self._db().execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as e:  # a full disk: the log keeps the data; try again in a second
                log.warning("checkpoint of %s failed: %s", self.location, e)

    # ---- connections ---------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(str(self.path) if self._uri else self.path, isolation_level=None, timeout=30,
                                 check_same_thread=False, uri=self._uri)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA wal_autocheckpoint=0")  # the checkpoint thread does it, off every answer's path
            self._local.db = db
            with self._all_lock:
                self._all.append(db)
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so it never fails half-way on a lock."""
        db = self._db()
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.OperationalError as e:
            raise _not_stored(e, self.location) from None

    def close(self) -> None:
        self._closing.set()
        if self._checkpointer is not None and self._checkpointer is not threading.current_thread():
            self._checkpointer.join()
        with self._all_lock:
            for db in self._all:
                db.close()
            self._all.clear()
        self._local = threading.local()

    # ---- subscriptions ---------------------------------------------------------------------------

    def subscribe(self, chat: int, key: str, lang: str) -> bool:
        with self._write() as db:
            new = db.execute("INSERT OR IGNORE INTO subscriptions (chat, key, lang) VALUES (?, ?, ?)",
                             (chat, key, lang)).rowcount == 1
            db.execute("UPDATE subscriptions SET lang = ? WHERE chat = ? AND lang != ?", (lang, chat, lang))
        return new

    def unsubscribe(self, chat: int, key: str) -> bool:
        with self._write() as db:
            return db.execute("DELETE FROM subscriptions WHERE chat = ? AND key = ?", (chat, key)).rowcount == 1

    def subscriptions(self, chat: int) -> list[str]:
        rows = self._db().execute("SELECT key FROM subscriptions WHERE chat = ? ORDER BY rowid", (chat,))
        return [k for (k,) in rows]

    def subscribers(self, key: str) -> list[int]:
        rows = self._db().execute("SELECT DISTINCT chat FROM subscriptions WHERE key IN (?, ?) ORDER BY chat",
                                  (key, ALL))
        return [c for (c,) in rows]

    def chats(self) -> int:
        return int(self._db().execute("SELECT count(DISTINCT chat) FROM subscriptions").fetchone()[0])

    def drop_chat(self, chat: int) -> None:
        with self._write() as db:
            db.execute("DELETE FROM subscriptions WHERE chat = ?", (chat,))
            db.execute("DELETE FROM outbox WHERE chat = ?", (chat,))

    def move_chat(self, old: int, new: int) -> None:
        with self._write() as db:
            db.execute("UPDATE OR IGNORE subscriptions SET chat = ? WHERE chat = ?", (new, old))
            db.execute("DELETE FROM subscriptions WHERE chat = ?", (old,))
            db.execute("UPDATE outbox SET chat = ? WHERE chat = ?", (new, old))
            db.execute("UPDATE OR IGNORE contexts SET chat = ? WHERE chat = ?", (str(new), str(old)))

    # ---- outbox ----------------------------------------------------------------------------------

    def enqueue(self, events: list[Event]) -> int:
        queued = 0
        with self._write() as db:
            for data in events:
                event_id = db.execute("INSERT INTO events (data, at) VALUES (?, ?)",
                                      (json.dumps(data, ensure_ascii=False), time.time())).lastrowid
                queued += db.execute(
                    "INSERT INTO outbox (chat, lang, event) SELECT chat, max(lang), ? FROM subscriptions "
                    "WHERE key IN (?, ?) GROUP BY chat ORDER BY chat", (event_id, data["key"], ALL)).rowcount
        return queued

    def enqueue_to(self, chat: int, lang: str, data: Event) -> None:
        with self._write() as db:
            event_id = db.execute("INSERT INTO events (data, at) VALUES (?, ?)",
                                  (json.dumps(data, ensure_ascii=False), time.time())).lastrowid
            db.execute("INSERT INTO outbox (chat, lang, event) VALUES (?, ?, ?)", (chat, lang, event_id))

    def pending(self, limit: int = 1000, after: int = 0) -> list[Notice]:
        rows = self._db().execute("SELECT o.id, o.chat, o.lang, o.event, e.data FROM outbox o JOIN events e "
                                  "ON e.id = o.event WHERE o.id > ? ORDER BY o.id LIMIT ?", (after, limit)).fetchall()
        parsed: dict[int, Event] = {}  # one broadcast is one event owed to many chats: parse it once
        out = []
        for notice_id, chat, lang, event_id, data in rows:
            if event_id not in parsed:
                parsed[event_id] = json.loads(data)
            out.append(Notice(notice_id, chat, lang, parsed[event_id]))
        return out

    def delivered(self, ids: list[int]) -> None:
        if not ids:
            return
        with self._write() as db:
            db.executemany("DELETE FROM outbox WHERE id = ?", [(i,) for i in ids])

    def owed(self) -> int:
        return int(self._db().execute("SELECT count(*) FROM outbox").fetchone()[0])

    # ---- question counts ---------------------------------------------------------------------------

    def record_question(self, text: str, understood: bool) -> None:
        with self._write() as db:
            db.execute("INSERT INTO counters (name, n) VALUES ('asked', 1) ON CONFLICT (name) DO UPDATE SET n = n + 1")
            if understood:
                return
            question = fold(text)[:200]
            new = db.execute("INSERT OR IGNORE INTO unanswered (question, n, at) VALUES (?, 1, ?)",
                             (question, time.time())).rowcount == 1
            if not new:
                db.execute("UPDATE unanswered SET n = n + 1, at = ? WHERE question = ?", (time.time(), question))
                return
            # A new question beyond the bound pushes out the least frequent, least recent one.
            db.execute("DELETE FROM unanswered WHERE question IN (SELECT question FROM unanswered "
                       "ORDER BY n, at LIMIT max(0, (SELECT count(*) FROM unanswered) - ?))", (MAX_UNANSWERED,))

    def question_stats(self, top: int = 10) -> QuestionStats:
        db = self._db()
        row = db.execute("SELECT n FROM counters WHERE name = 'asked'").fetchone()
        rows = db.execute("SELECT question, n FROM unanswered ORDER BY n DESC, at DESC LIMIT ?", (top,)).fetchall()
        return QuestionStats(row[0] if row else 0, [(q, n) for q, n in rows])

    # ---- buttons, previews, conversation, markers -------------------------------------------------

    def remember(self, payload: JSON) -> str:
        return self.remember_all([payload])[0]

    def remember_all(self, payloads: list[JSON]) -> list[str]:
        tokens = []
        with self._write() as db:
            for payload in payloads:
                data = json.dumps(payload, ensure_ascii=False)
                while True:  # 64 random bits: a collision is astronomically rare, and then simply drawn again
                    token = secrets.token_urlsafe(8)
                    if db.execute("INSERT OR IGNORE INTO payloads (token, data, at) VALUES (?, ?, ?)",
                                  (token, data, time.time())).rowcount:
                        tokens.append(token)
                        break
        return tokens

    def recall(self, token: str) -> JSON | None:
        row = self._db().execute("SELECT data FROM payloads WHERE token = ?", (token,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_preview(self, token: str, data: JSON) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO previews (token, data, at) VALUES (?, ?, ?)",
                       (token, json.dumps(data, ensure_ascii=False), time.time()))

    def get_preview(self, token: str) -> JSON | None:
        row = self._db().execute("SELECT data FROM previews WHERE token = ?", (token,)).fetchone()
        return json.loads(row[0]) if row else None

    def take_preview(self, token: str) -> JSON | None:
        with self._write() as db:
            row = db.execute("DELETE FROM previews WHERE token = ? RETURNING data", (token,)).fetchone()
        return json.loads(row[0]) if row else None

    def get_context(self, chat: str) -> dict[str, JSON] | None:
        row = self._db().execute("SELECT data FROM contexts WHERE chat = ?", (chat,)).fetchone()
        return json.loads(row[0]) if row else None

    def put_context(self, chat: str, data: dict[str, JSON]) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO contexts (chat, data, at) VALUES (?, ?, ?)",
                       (chat, json.dumps(data, ensure_ascii=False), time.time()))

    def first_time(self, marker: str) -> bool:
        with self._write() as db:
            return db.execute("INSERT OR IGNORE INTO handled (marker, at) VALUES (?, ?)",
                              (marker, time.time())).rowcount == 1

    def import_legacy(self, legacy: Legacy) -> bool:
        with self._write() as db:
            if db.execute("INSERT OR IGNORE INTO handled (marker, at) VALUES (?, ?)",
                          (legacy.marker, 1e18)).rowcount == 0:  # kept forever: never imported twice
                return False
            db.executemany("INSERT OR IGNORE INTO subscriptions (chat, key, lang) VALUES (?, ?, 'en')",
                           legacy.subscriptions)
            for chat, html in legacy.outbox:
                event_id = db.execute("INSERT INTO events (data, at) VALUES (?, ?)",
                                      (json.dumps({"kind": "legacy", "html": html}, ensure_ascii=False),
                                       time.time())).lastrowid
                db.execute("INSERT INTO outbox (chat, lang, event) VALUES (?, 'en', ?)", (chat, event_id))
            db.execute("INSERT INTO counters (name, n) VALUES ('asked', ?) ON CONFLICT (name) DO UPDATE SET n = n + ?",
                       (legacy.asked, legacy.asked))
            db.executemany("INSERT INTO unanswered (question, n, at) VALUES (?, ?, ?) ON CONFLICT (question) "
                           "DO UPDATE SET n = n + excluded.n", [(q, n, 0.0) for q, n in legacy.unanswered.items()])
        return True

    # ---- upkeep ------------------------------------------------------------------------------------

    def prune(self) -> None:
        now = time.time()
        with self._write() as db:
            db.execute("DELETE FROM payloads WHERE at < ?", (now - PAYLOAD_DAYS * DAY,))
            db.execute("DELETE FROM previews WHERE at < ?", (now - PREVIEW_DAYS * DAY,))
            db.execute("DELETE FROM handled WHERE at < ?", (now - MARKER_DAYS * DAY,))
            db.execute("DELETE FROM contexts WHERE at < ?", (now - DAY,))
            db.execute("DELETE FROM events WHERE id NOT IN (SELECT DISTINCT event FROM outbox)")


def _not_stored(e: sqlite3.OperationalError, where: str) -> NotStored:
    text = str(e).lower()
    if "full" in text:
        return NotStored("disk-full", f"not stored: the disk is full ({where})")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return NotStored("read-only", f"not stored: {where} cannot be written ({e})")
    return NotStored("failed", f"not stored: writing {where} failed ({e})")
