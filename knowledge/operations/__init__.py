"""The Operations interface: the bot's many small writes, kept apart from the facts.

Subscriptions (with each chat's language), the notification outbox and its delivery records, question
counts, button payloads, conversation context, admin previews waiting for Publish, and "already
handled" markers. None of it changes an answer, so writing it never invalidates the answer index;
all of it survives a restart. Notifications are stored as data (what happened, see `Event`) and
worded in the chat's language only when sent.

The methods are synchronous, for the command line and the bot alike; the running bot calls them
from worker threads, never on its event loop. Nothing outside `knowledge/operations/` and
`knowledge/store.py` names the engine behind this interface.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field
from typing import Any

from knowledge.diff import Change

ALL = "all"  # subscribe to every city
MAX_UNANSWERED = 1_000  # distinct unanswered questions kept: the most frequent (then the most recent)
PAYLOAD_DAYS = 30  # a button older than this says "expired"
MARKER_DAYS = 7  # how long "already handled" is remembered (Telegram retries for a day at most)
PREVIEW_DAYS = 7  # an admin's preview waits this long for Publish

JSON = Any  # what json.dumps accepts: the payloads are lists, dicts, strings and numbers

Event = dict[str, JSON]
"""What happened, as data: {"kind": "new"|"update"|"older"|"rollback", "key", "city", "changes": [...]},
each change a `knowledge.diff.Change` as a dict (see `event`). Kind "legacy" carries the HTML a store
of the single-file layout had already rendered ("html")."""


def event(kind: str, key: str, city: str, changes: list[Change]) -> Event:
    return {"kind": kind, "key": key, "city": city, "changes": [asdict(c) for c in changes]}


def event_changes(data: Event) -> list[Change]:
    """The changes of an event as `Change`s again (lists back to tuples)."""
    return [Change(c["field"], c["title"], c["before"], c["after"], tuple(c.get("added", ())), tuple(c.get("removed", ())),
                   bool(c.get("reordered", False)))  # events stored before the flag existed have none
            for c in data.get("changes", [])]


@dataclass(frozen=True)
class Notice:
    """One queued notification: this event, owed to this chat, in its language."""

    id: int
    chat: int
    lang: str
    event: Event


@dataclass(frozen=True)
class QuestionStats:
    asked: int
    unanswered: list[tuple[str, int]] = field(default_factory=list)  # most frequent first


@dataclass(frozen=True)
class Legacy:
    """Operational state found in a store of the single-file layout, to be moved in once."""

    marker: str  # identifies this content: moving the same content twice changes nothing
    subscriptions: list[tuple[int, str]]  # (chat, key)
    outbox: list[tuple[int, str]]  # (chat, HTML already rendered in English)
    asked: int = 0
    unanswered: dict[str, int] = field(default_factory=dict)


class Operations(ABC):
    location: str  # for messages to operators: a path or a database name, never a password

    # ---- subscriptions ---------------------------------------------------------------------------

    @abstractmethod
    def subscribe(self, chat: int, key: str, lang: str) -> bool:
        """True when new. The language applies to every subscription of the chat (the latest one said)."""

    @abstractmethod
    def unsubscribe(self, chat: int, key: str) -> bool:
        """True when the chat was following it."""

    @abstractmethod
    def subscriptions(self, chat: int) -> list[str]:
        """Keys the chat follows (ALL for every city), in the order subscribed."""

    @abstractmethod
    def subscribers(self, key: str) -> list[int]:
        """Chats following this city or every city, each once, ascending."""

    @abstractmethod
    def chats(self) -> int:
        """How many chats follow anything."""

    @abstractmethod
    def drop_chat(self, chat: int) -> None:
        """A chat that blocked the bot or was deleted: forget its subscriptions and what it was owed."""

    @abstractmethod
    def move_chat(self, old: int, new: int) -> None:
        """A group that became a supergroup: its subscriptions, owed notices and context follow it."""

    # ---- outbox ----------------------------------------------------------------------------------

    @abstractmethod
    def enqueue(self, events: list[Event]) -> int:
        """Owe each event to every chat following its city (or all) now, once per chat. Returns how many notices."""

    @abstractmethod
    def enqueue_to(self, chat: int, lang: str, data: Event) -> None:
        """Owe one event to one chat (migration; an admin's own copy)."""

    @abstractmethod
    def pending(self, limit: int = 1000, after: int = 0) -> list[Notice]:
        """Notices not yet delivered, oldest first, with id above `after`."""

    def take(self, notice: int) -> bool:
        """About to send this notice: may this process? Where processes share the outbox, only its claimant may."""
        return True

    def release(self) -> None:  # noqa: B027 - nothing to hand back where one process owns the outbox
        """This process sends no more notices (it is stopping): hand back any it had claimed."""

    def send_slot(self) -> float:
        """Seconds to wait before sending a message, for a sending budget shared with other processes (none alone)."""
        return 0.0

    @abstractmethod
    def delivered(self, ids: list[int]) -> None:
        """Record deliveries (or notices given up on): they are never sent again."""

    @abstractmethod
    def owed(self) -> int:
        """How many notices wait."""

    # ---- question counts ---------------------------------------------------------------------------

    @abstractmethod
    def record_question(self, text: str, understood: bool) -> None:
        """Count a question; keep an unanswered one among at most MAX_UNANSWERED distinct ones."""

    @abstractmethod
    def question_stats(self, top: int = 10) -> QuestionStats:
        """Questions asked, and the most frequent unanswered ones."""

    # ---- buttons, previews, conversation, markers -------------------------------------------------

    @abstractmethod
    def remember(self, payload: JSON) -> str:
        """A token (never reused, also across processes and restarts) that `recall` turns back into the payload."""

    def remember_all(self, payloads: list[JSON]) -> list[str]:
        """Tokens for several payloads (one reply's buttons); an engine may store them in one write."""
        return [self.remember(p) for p in payloads]

    @abstractmethod
    def recall(self, token: str) -> JSON | None:
        """The payload, or None when the token is unknown or expired."""

    @abstractmethod
    def put_preview(self, token: str, data: JSON) -> None:
        """Keep (or replace) an admin's preview under a token from `remember`."""

    @abstractmethod
    def get_preview(self, token: str) -> JSON | None: ...

    @abstractmethod
    def take_preview(self, token: str) -> JSON | None:
        """Remove and return it: of two presses of Publish, exactly one gets it."""

    @abstractmethod
    def get_context(self, chat: str) -> dict[str, JSON] | None:
        """The conversation context last put for this chat (its expiry is the conversation's business)."""

    @abstractmethod
    def put_context(self, chat: str, data: dict[str, JSON]) -> None: ...

    @abstractmethod
    def first_time(self, marker: str) -> bool:
        """True exactly once per marker (an update id, an admin command's message): it runs once."""

    @abstractmethod
    def import_legacy(self, legacy: Legacy) -> bool:
        """Move a single-file store's subscriptions, queue and counts in, in one transaction; False if done before."""

    # ---- upkeep ------------------------------------------------------------------------------------

    @abstractmethod
    def prune(self) -> None:
        """Forget expired buttons, previews, markers and contexts, and events no one is owed any more."""

    def close(self) -> None:  # noqa: B027 - an engine with nothing open needs nothing here
        """Release connections."""

