"""Publishing and rolling back, with subscribers told what changed: one path for the bot and the CLI.

The facts are stored first; only then is the news queued (as data: what happened, worded when
sent), so a subscriber is never told of a change that was not stored. A failed facts write raises
`NotStored` with nothing changed and nothing queued. The running bot's delivery loop sends the
news, also when it was queued by `python -m bot import` in another process.
"""

from __future__ import annotations

from knowledge.diff import changes
from knowledge.facts import Facts, Plan
from knowledge.models import Snapshot
from knowledge.operations import Event, Operations, event

NEWS = ("new", "update", "older")


def publish(facts: Facts, operations: Operations, plans: list[Plan]) -> list[Plan]:
    """Store the plans, then owe every subscriber of each stored city the news. Returns what was stored."""
    stored = facts.publish(plans)
    operations.enqueue([event(p.kind, p.key, p.snapshot.city, p.changes) for p in stored if p.kind in NEWS])
    return stored


def rollback(facts: Facts, operations: Operations, key: str) -> tuple[Snapshot, Snapshot, Event]:
    """Restore a city's previous version and queue the news; returns (undone, now current, the news)."""
    undone, now = facts.rollback(key)
    news = event("rollback", key, now.city, changes(undone, now))
    operations.enqueue([news])
    return undone, now, news
