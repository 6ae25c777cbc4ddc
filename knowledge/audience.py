"""Who follows which city, and the notifications still owed to them.

Both live in the main store so that publishing a version and queueing its notifications happen in
one transaction: a crash can lose neither half. A queued notification is removed only once it has
been delivered (or its chat has gone), so a restart finishes an interrupted broadcast.
"""

from __future__ import annotations

from dataclasses import dataclass

from tinydb import Query

from knowledge.store import Plan, Store

ALL = "all"  # subscribe to every city


@dataclass(frozen=True)
class Pending:
    id: int
    chat_id: int
    text: str


class Audience:
    def __init__(self, store: Store) -> None:
        self.store = store

    def subscribe(self, chat_id: int, key: str) -> bool:
        """True when this is a new subscription."""
        with self.store.transaction() as db:
            subs = db.table("subscriptions")
            if subs.contains((Query().chat_id == chat_id) & (Query().key == key)):
                return False
            subs.insert({"chat_id": chat_id, "key": key})
            return True

    def unsubscribe(self, chat_id: int, key: str) -> bool:
        with self.store.transaction() as db:
            return bool(db.table("subscriptions").remove((Query().chat_id == chat_id) & (Query().key == key)))

    def of_chat(self, chat_id: int) -> list[str]:
        with self.store.transaction() as db:
            return [d["key"] for d in db.table("subscriptions").search(Query().chat_id == chat_id)]

    def subscribers(self, key: str) -> list[int]:
        """Chats following this city or every city, each once."""
        with self.store.transaction() as db:
            docs = db.table("subscriptions").search(Query().key.one_of([key, ALL]))
        return sorted({d["chat_id"] for d in docs})

    def chats(self) -> int:
        with self.store.transaction() as db:
            return len({d["chat_id"] for d in db.table("subscriptions").all()})

    def drop_chat(self, chat_id: int) -> None:
        """A chat that blocked the bot: forget its subscriptions and what it was still owed."""
        with self.store.transaction() as db:
            db.table("subscriptions").remove(Query().chat_id == chat_id)
            db.table("outbox").remove(Query().chat_id == chat_id)

    def publish(self, plans: list[Plan], message: dict[str, str]) -> list[Plan]:
        """Store the plans and queue message[key] for every subscriber of each city, atomically."""
        with self.store.storage.transaction():
            stored = self.store.publish(plans)
            self.enqueue({p.key: message[p.key] for p in stored if p.key in message})
        return stored

    def enqueue(self, message: dict[str, str]) -> int:
        rows = [{"chat_id": chat, "text": text} for key, text in message.items() for chat in self.subscribers(key)]
        with self.store.transaction() as db:
            db.table("outbox").insert_multiple(rows)
        return len(rows)

    def pending(self) -> list[Pending]:
        with self.store.transaction() as db:
            return [Pending(d.doc_id, d["chat_id"], d["text"]) for d in db.table("outbox").all()]

    def delivered(self, ids: list[int]) -> None:
        with self.store.transaction() as db:
            outbox = db.table("outbox")
            outbox.remove(doc_ids=[i for i in ids if outbox.contains(doc_id=i)])
