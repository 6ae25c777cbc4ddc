"""Delivery bookkeeping, without a network: what is sent leaves the queue, what fails stays or goes."""

from pathlib import Path

import pytest

from bot.notify import Notifier, Outcome
from knowledge.audience import ALL, Audience
from knowledge.store import Store

from .conftest import synthetic_city


async def test_each_outcome_is_recorded(tmp_path: Path):
    store = Store(tmp_path / "db.json")
    audience = Audience(store)
    plan = store.plan(synthetic_city())
    for chat in (1, 2, 3, 4):
        audience.subscribe(chat, plan.key)
    audience.subscribe(4, ALL)  # follows the city twice over: still one message
    audience.publish([plan], {plan.key: "Synthville is new"})
    assert sorted(p.chat_id for p in audience.pending()) == [1, 2, 3, 4]
    answers = {1: Outcome.SENT, 2: Outcome.GONE, 3: Outcome.REFUSED, 4: Outcome.LATER}
    sent: list[int] = []

    async def send(chat_id: int, text: str) -> Outcome:
        sent.append(chat_id)
        return answers[chat_id]

    delivered = await Notifier(audience, send).drain()
    assert delivered == 1
    assert [p.chat_id for p in audience.pending()] == [4]  # LATER stays queued
    assert audience.subscribers(plan.key) == [1, 3, 4]  # GONE is forgotten
    answers[4] = Outcome.SENT
    assert await Notifier(audience, send).drain() == 1
    assert audience.pending() == [] and sent.count(4) == 2


async def test_publish_and_queue_are_one_transaction(tmp_path: Path, monkeypatch):
    store = Store(tmp_path / "db.json")
    audience = Audience(store)
    audience.subscribe(1, ALL)
    plan = store.plan(synthetic_city())

    def broken(message: dict[str, str]) -> int:
        raise OSError("crash between publishing and queueing")

    monkeypatch.setattr(audience, "enqueue", broken)
    with pytest.raises(OSError):
        audience.publish([plan], {plan.key: "x"})
    assert Store(store.path).cities() == {}  # neither half happened
