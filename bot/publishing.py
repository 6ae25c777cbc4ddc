"""Publishing and rolling back, with subscribers told what changed: one path for the bot and the CLI.

The version and its queued notifications are stored in one transaction; the running bot's delivery
loop sends them, also when they were queued by `python -m bot import` in another process.
"""

from __future__ import annotations

from bot import render
from knowledge.audience import Audience
from knowledge.diff import Change, changes
from knowledge.models import Snapshot
from knowledge.store import Plan

LIMIT = 3900  # one Telegram message, with room to spare


def change_message(plan: Plan) -> str:
    city = render.escape(plan.snapshot.city)
    if plan.kind == "new":
        return f"<b>{city}</b> is new in CityBot. Ask me about it!"
    if plan.kind == "older":
        return f"<b>{city}</b>: an older page version was added to its history; current data unchanged."
    return _message(f"<b>{city}</b> was updated:", plan.changes)


def publish(audience: Audience, plans: list[Plan]) -> list[Plan]:
    """Store the plans and queue one message per subscriber of each stored city."""
    return audience.publish(plans, {p.key: change_message(p) for p in plans})


def rollback(audience: Audience, key: str) -> tuple[Snapshot, Snapshot, str]:
    """Restore a city's previous version and queue the news; returns (undone, now current, message)."""
    store = audience.store
    with store.storage.transaction():
        undone, now = store.rollback(key)
        text = _message(f"<b>{render.escape(now.city)}</b> was rolled back to its previous version:",
                        changes(undone, now))
        audience.enqueue({key: text})
    return undone, now, text


def _message(head: str, found: list[Change]) -> str:
    """The head and as many changes as fit in one message, then a count of the rest."""
    lines = [head]
    for i, change in enumerate(found):
        line = f"• {render.escape(str(change))}"
        if sum(len(x) + 1 for x in lines) + len(line) > LIMIT:
            lines.append(f"…and {len(found) - i} more changes")
            break
        lines.append(line)
    return "\n".join(lines)
