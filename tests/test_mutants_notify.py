"""Delivery, for the bugs mutation testing planted and the other notify tests let through: the queue
read in batches to its end, one read when nothing is left waiting, each notice claimed by its own id,
a failing pass logged and retried, and the loop's own five-second round without a wake-up.

Expected values are written out by hand. Run with
`tests/mutate.sh bot.notify "test_notify or test_delivery_outcomes or test_mutants_notify"`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import pytest

from bot import notify, publishing
from bot.notify import Moved, Notifier, Outcome
from knowledge.operations import ALL
from knowledge.store import open_stores

from .conftest import synthetic_city


def three_chats_owed_news(tmp_path: Path):
    stores = open_stores(tmp_path / "db.json", bundled=False)
    facts, ops = stores.facts, stores.operations
    for chat in (11, 12, 13):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    return ops


async def test_a_queue_longer_than_one_batch_is_read_to_its_end(tmp_path: Path, monkeypatch):
    ops = three_chats_owed_news(tmp_path)
    monkeypatch.setattr(notify, "BATCH", 2)  # 3 notices: a batch of two, then one
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    assert await Notifier(ops, send).drain() == 3
    assert sent == [11, 12, 13] and ops.pending() == []


async def test_a_pass_that_sent_everything_reads_the_queue_once(tmp_path: Path, monkeypatch):
    ops = three_chats_owed_news(tmp_path)
    reads: list[int] = []
    pending = ops.pending

    def counted(limit: int = 1000, after: int = 0):
        reads.append(after)
        return pending(limit, after)

    monkeypatch.setattr(ops, "pending", counted)

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        return Outcome.SENT

    assert await Notifier(ops, send).drain() == 3
    assert reads == [0, 3]  # the three notices (ids 1-3), then nothing after id 3; no second pass


async def test_each_notice_is_claimed_by_its_own_id_before_it_is_sent(tmp_path: Path, monkeypatch):
    ops = three_chats_owed_news(tmp_path)
    events: list[str] = []

    def take(notice: int) -> bool:  # where replicas share the outbox, the claim is per notice
        events.append(f"take {notice}")
        return notice != 2  # another replica holds notice 2

    monkeypatch.setattr(ops, "take", take)

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        events.append(f"send {chat_id}")
        return Outcome.SENT

    notifier = Notifier(ops, send)
    task = asyncio.create_task(notifier.run())
    for _ in range(40):  # notice 2 stays owed: the pass goes round again after 0.2 s
        if events.count("take 2") >= 2:
            break
        await asyncio.sleep(0.05)
    await asyncio.wait_for(notifier.stop(task), 5)
    assert events[:5] == ["take 1", "send 11", "take 2", "take 3", "send 13"]
    assert [p.chat for p in ops.pending()] == [12]


async def test_a_failing_pass_is_logged_and_the_loop_goes_on(tmp_path: Path, monkeypatch, caplog):
    ops = three_chats_owed_news(tmp_path)
    pending = ops.pending
    failures = [RuntimeError("the store hiccuped")]

    def flaky(limit: int = 1000, after: int = 0):
        if failures:
            raise failures.pop()
        return pending(limit, after)

    monkeypatch.setattr(ops, "pending", flaky)
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    caplog.set_level("INFO", logger="bot.notify")
    notifier = Notifier(ops, send)
    task = asyncio.create_task(notifier.run())
    await asyncio.sleep(0.1)
    logged = [r for r in caplog.records if r.name == "bot.notify"]
    assert [r.getMessage() for r in logged] == ["delivery pass failed; retrying"]
    assert logged[0].exc_info is not None and str(logged[0].exc_info[1]) == "the store hiccuped"  # with the traceback
    notifier.wake.set()
    for _ in range(40):
        if len(sent) == 3:
            break
        await asyncio.sleep(0.05)
    assert sent == [11, 12, 13]
    await asyncio.wait_for(notifier.stop(task), 5)


class _Rounds:
    """asyncio as bot.notify sees it, except that `wait_for` notes the timeout it is given and waits a
    hundredth of it: the test checks the round's length by its value, not by the clock, which a loaded
    machine stretches without a bug."""

    def __init__(self) -> None:
        self.timeouts: list[float | None] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(asyncio, name)

    async def wait_for(self, awaitable: Awaitable[Any], timeout: float | None) -> Any:
        self.timeouts.append(timeout)
        return await asyncio.wait_for(awaitable, None if timeout is None else timeout / 100)


async def test_the_loop_looks_again_within_five_seconds_without_being_woken(tmp_path: Path, monkeypatch):
    """Another process (`python -m bot import`) queues news and cannot wake this one."""
    rounds = _Rounds()
    monkeypatch.setattr(notify, "asyncio", rounds)
    stores = open_stores(tmp_path / "db.json", bundled=False)
    facts, ops = stores.facts, stores.operations
    ops.subscribe(11, ALL, "en")
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    notifier = Notifier(ops, send)
    task = asyncio.create_task(notifier.run())
    for _ in range(100):  # the first pass finds nothing; the loop waits to be woken, five seconds at most
        if rounds.timeouts:
            break
        await asyncio.sleep(0.01)
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    for _ in range(100):  # the round ends after 0.05 s here; this only bounds a failing run
        if sent:
            break
        await asyncio.sleep(0.05)
    assert sent == [11]  # nothing woke the loop: the round ending did
    assert set(rounds.timeouts) == {5}  # every round is five seconds: no longer, and never unbounded
    await asyncio.wait_for(notifier.stop(task), 5)
    assert task.done() and ops.pending() == []


@pytest.mark.parametrize("answer", [Outcome.GONE, Moved(-1009)], ids=["gone", "moved"])
async def test_a_gone_or_moved_chat_is_not_written_to_again_in_the_same_pass_even_after_a_second(
        tmp_path: Path, monkeypatch, answer):
    """In a long broadcast a chat's second notice comes more than a second after its first, so the
    per-chat interval no longer holds it back (here: no interval at all); the batch read before the
    first answer still lists it under the old chat id."""
    monkeypatch.setattr(notify, "PER_CHAT_INTERVAL", 0.0)
    stores = open_stores(tmp_path / "db.json", bundled=False)
    facts, ops = stores.facts, stores.operations
    ops.subscribe(-100, ALL, "en")
    ops.subscribe(2, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthville"))])
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthtown"))])
    calls: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome | Moved:
        calls.append(chat_id)
        return answer if chat_id == -100 else Outcome.SENT

    notifier = Notifier(ops, send)
    task = asyncio.create_task(notifier.run())
    for _ in range(40):
        if calls.count(2) == 2 and (answer is Outcome.GONE or calls.count(-1009) == 2):
            break
        await asyncio.sleep(0.05)
    await asyncio.wait_for(notifier.stop(task), 5)
    assert calls[:3] == [-100, 2, 2]  # -100 once, then the rest of the pass goes to chat 2 only
    assert calls.count(-100) == 1
    assert calls[3:] == ([] if answer is Outcome.GONE else [-1009, -1009])  # the moved notices, on the next pass
