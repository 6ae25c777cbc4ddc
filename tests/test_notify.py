"""Delivery bookkeeping, without a network: what is sent leaves the queue, what fails stays or goes."""

import asyncio
import time

from bot import publishing
from bot.notify import Moved, Notifier, Outcome
from knowledge.operations import ALL
from knowledge.storage import NotStored
from knowledge.store import Stores

from .conftest import synthetic_city


async def test_each_outcome_is_recorded(stores: Stores):
    facts, ops = stores.facts, stores.operations
    plan = facts.plan(synthetic_city())
    for chat in (1, 2, 3, 4):
        ops.subscribe(chat, plan.key, "en")
    ops.subscribe(4, ALL, "en")  # follows the city twice over: still one message
    publishing.publish(facts, ops, [plan])
    assert sorted(p.chat for p in ops.pending()) == [1, 2, 3, 4]
    answers = {1: Outcome.SENT, 2: Outcome.GONE, 3: Outcome.REFUSED, 4: Outcome.LATER}
    sent: list[tuple[int, str]] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append((chat_id, text))
        return answers[chat_id]

    delivered = await Notifier(ops, send).drain()
    assert delivered == 1
    assert sent[0] == (1, "<b>Synthville</b> is new in CityBot. Ask me about it!")
    assert [p.chat for p in ops.pending()] == [4]  # LATER stays queued
    assert ops.subscribers(plan.key) == [1, 3, 4]  # GONE is forgotten
    answers[4] = Outcome.SENT
    assert await Notifier(ops, send).drain() == 1
    assert ops.pending() == [] and [c for c, _ in sent].count(4) == 2


async def test_news_is_worded_in_each_chats_language(stores: Stores):
    facts, ops = stores.facts, stores.operations
    facts.publish([facts.plan(synthetic_city(leader="Synthetic Mayor One"))])
    ops.subscribe(1, "synthville|testland", "en")
    ops.subscribe(2, ALL, "es")
    publishing.publish(facts, ops, [facts.plan(synthetic_city(leader="Synthetic Mayor Two"))])
    sent: dict[int, str] = {}

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent[chat_id] = text
        return Outcome.SENT

    await Notifier(ops, send).drain()
    assert sent[1] == "<b>Synthville</b> was updated:\n• Mayor: Synthetic Mayor One → Synthetic Mayor Two"
    assert sent[2] == "<b>Synthville</b> se actualizó:\n• Alcaldía: Synthetic Mayor One → Synthetic Mayor Two"


async def test_a_group_that_became_a_supergroup_keeps_its_news_and_blocks_no_one(stores: Stores):
    facts, ops = stores.facts, stores.operations
    for chat in (-100, 5, 6):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome | Moved:
        if chat_id == -100:
            return Moved(-1009)  # Telegram: 400, migrate_to_chat_id
        sent.append(chat_id)
        return Outcome.SENT

    assert await Notifier(ops, send).drain() == 3
    assert sorted(sent) == [-1009, 5, 6]
    assert ops.subscribers("synthville|testland") == [-1009, 5, 6] and ops.pending() == []


async def test_one_chats_error_does_not_hold_up_the_others(stores: Stores):
    facts, ops = stores.facts, stores.operations
    for chat in (1, 2, 3):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        if chat_id == 1:
            raise RuntimeError("something no one expected")
        sent.append(chat_id)
        return Outcome.SENT

    notifier = Notifier(ops, send)
    for _ in range(5):  # it is retried a few times, then given up on
        await notifier.drain()
    assert sent == [2, 3] and ops.pending() == []


async def test_one_chat_gets_two_messages_at_least_a_second_apart_others_do_not_wait(stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthville"))])
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthtown"))])
    ops.subscribe(2, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthburg"))])
    at: list[tuple[int, float]] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        at.append((chat_id, time.monotonic()))
        return Outcome.SENT

    assert await Notifier(ops, send).drain() == 4
    assert [c for c, _ in at] == [1, 2, 1, 1]  # chat 2 is not held up behind chat 1
    ones = [t for c, t in at if c == 1]
    assert all(b - a >= 1.0 for a, b in zip(ones, ones[1:], strict=False))
    assert at[1][1] - at[0][1] < 0.5


async def test_an_unexpected_error_is_retried_exactly_five_times(stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    calls: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        calls.append(chat_id)
        raise RuntimeError("something no one expected")

    notifier = Notifier(ops, send)
    for _ in range(10):
        assert await notifier.drain() == 0
        if not ops.pending():
            break
        assert len(calls) < 5  # owed until the fifth failure
    assert len(calls) == 5 and ops.pending() == []  # the fifth failure gives it up
    await notifier.drain()
    assert len(calls) == 5


async def test_a_gone_chat_is_not_written_to_again_in_the_same_pass(stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    ops.subscribe(2, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthville"))])
    publishing.publish(facts, ops, [facts.plan(synthetic_city("Synthtown"))])
    calls: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        calls.append(chat_id)
        return Outcome.GONE if chat_id == 1 else Outcome.SENT

    assert await Notifier(ops, send).drain() == 2
    assert calls.count(1) == 1 and calls.count(2) == 2
    assert ops.pending() == [] and ops.subscribers("synthville|testland") == [2]


async def test_later_ends_the_pass_and_keeps_everything_owed(stores: Stores):
    facts, ops = stores.facts, stores.operations
    for chat in (1, 2):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    calls: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        calls.append(chat_id)
        return Outcome.LATER

    assert await Notifier(ops, send).drain() == 0
    assert calls == [1] and sorted(n.chat for n in ops.pending()) == [1, 2]


async def test_a_delivery_the_store_cannot_record_is_not_sent_again(monkeypatch, stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    recorded = ops.delivered

    def disk_full(ids: list[int]) -> None:
        raise NotStored("disk-full", "no space left on device")

    monkeypatch.setattr(ops, "delivered", disk_full)
    notifier = Notifier(ops, send)
    assert await notifier.drain() == 1
    assert await notifier.drain() == 0 and sent == [1]  # still owed in the store, but sent: not again
    monkeypatch.setattr(ops, "delivered", recorded)
    await notifier.drain()
    assert sent == [1] and ops.pending() == []  # recorded at last


async def test_the_loop_delivers_when_woken_and_stops_cleanly(stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    sent: list[int] = []

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        sent.append(chat_id)
        return Outcome.SENT

    notifier = Notifier(ops, send)
    task = asyncio.create_task(notifier.run())
    await asyncio.sleep(0.1)
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    notifier.wake.set()
    for _ in range(50):
        if sent:
            break
        await asyncio.sleep(0.05)
    assert sent == [1]  # well before the loop's own 5-second round
    await asyncio.wait_for(notifier.stop(task), 5)
    assert task.done() and ops.pending() == []


async def test_each_notice_carries_its_buttons_in_the_chats_language(stores: Stores):
    facts, ops = stores.facts, stores.operations
    ops.subscribe(1, ALL, "en")
    ops.subscribe(2, ALL, "es")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    got: dict[int, object] = {}

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome:
        got[chat_id] = buttons
        return Outcome.SENT

    await Notifier(ops, send).drain()
    assert got == {
        1: [[("Open Synthville", "city:synthville|testland"), ("🔕 Unsubscribe", "unsub:synthville|testland")]],
        2: [[("Ver Synthville", "city:synthville|testland"), ("🔕 Dejar de seguir", "unsub:synthville|testland")]],
    }


async def test_what_happened_is_logged_for_the_operator(caplog, monkeypatch, stores: Stores):
    facts, ops = stores.facts, stores.operations
    for chat in (-100, 7, 8):
        ops.subscribe(chat, ALL, "en")
    publishing.publish(facts, ops, [facts.plan(synthetic_city())])
    answers: dict[int, Outcome | Moved] = {-100: Moved(-1009), 7: Outcome.GONE, -1009: Outcome.SENT}

    async def send(chat_id: int, text: str, buttons: object = None) -> Outcome | Moved:
        if chat_id == 8:
            raise RuntimeError("unexpected")
        return answers[chat_id]

    def disk_full(ids: list[int]) -> None:
        raise NotStored("disk-full", "no space left on device")

    monkeypatch.setattr(ops, "delivered", disk_full)
    caplog.set_level("INFO", logger="bot.notify")
    notifier = Notifier(ops, send)
    await notifier.drain()
    messages = [r.getMessage() for r in caplog.records if r.name == "bot.notify"]
    assert "chat -100 became -1009; its subscriptions follow it" in messages
    assert "chat 7 is gone; dropping its subscriptions" in messages
    assert [m for m in messages if m.startswith("notification ")][0] == "notification 3 to 8 failed (1 time(s))"
    assert "1 deliveries not recorded yet (no space left on device); they will not be sent again" in messages
