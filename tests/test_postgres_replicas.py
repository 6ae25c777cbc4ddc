"""Two `python -m bot run` replicas on one PostgreSQL, end to end through the Bot API stand-in.

Updates go to the replica the test picks, as from a load balancer (tests/replicas.py). Both replicas
send through the one stand-in, which answers 429 beyond 30 messages in any second, so a broadcast
not paced across replicas shows up as refusals.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from knowledge.operations.postgres import PostgresOperations
from knowledge.postgres import Database

from .conftest import ROOT, SEED
from .replicas import ADMIN, SECRET, BalancedStandIn, Replica, start_replica, stop_replica


@pytest.fixture
async def standin() -> AsyncIterator[BalancedStandIn]:
    tg = BalancedStandIn(rate_per_second=30)
    await tg.start()
    yield tg
    await tg.stop()


@pytest.fixture
async def replicas(standin, tmp_path, pg_url) -> AsyncIterator[list[Replica]]:
    started = [await start_replica(standin, tmp_path, n, pg_url) for n in range(2)]
    try:
        for n in range(2):  # both up and answering (the first one also created the schema and loaded the data)
            standin.target = n
            assert "Saltillo" in (await standin.ask(900 + n, "saltillo mayor")).plain
        yield started
    finally:
        for replica in started:
            await stop_replica(replica)


async def test_a_button_shown_by_one_replica_works_on_the_other(standin, replicas):
    standin.target = 0
    card = await standin.ask(42, "/city saltillo")
    standin.target = 1
    before = len(standin.to(42))
    await standin.presses(card, "Population")
    (answer,) = await standin.reply(42, before)
    assert "Saltillo" in answer.plain and "709,671 (2010)" in answer.plain


async def test_a_conversation_follows_the_chat_to_the_other_replica(standin, replicas):
    standin.target = 0
    assert "Steve Schewel" in (await standin.ask(44, "who is the mayor of Durham?")).plain
    standin.target = 1
    assert "267,743" in (await standin.ask(44, "how many inhabitants?")).plain  # Durham's, remembered on replica 0


async def test_an_update_retried_to_the_other_replica_is_answered_once(standin, replicas):
    update = {"update_id": 777_001, "message": {"message_id": 5, "date": 0, "chat": {"id": 45, "type": "private"},
                                               "from": standin.user(45), "text": "/subscribe saltillo"}}
    update["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 10}]
    async with aiohttp.ClientSession() as http:
        for replica in replicas:  # Telegram retries a webhook it thinks failed; the balancer picks the other replica
            async with http.post(replica.url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as r:
                assert r.status == 200
    await standin.reply(45)
    await asyncio.sleep(1.5)  # a second answer, if any, would be here by now
    assert [s.plain for s in standin.to(45)] == ["Subscribed: you will be told when Saltillo's data changes."]


async def test_a_publish_on_one_replica_is_answered_by_the_other(standin, replicas):
    page = (ROOT / "knowledge" / "data" / "saltillo-mex.txt").read_text(encoding="utf-8")
    changed = page.replace("Manolo Jiménez Salinas", "Synthetic Mayor Replica")
    assert changed != page
    standin.target = 0
    before = len(standin.to(ADMIN))
    await standin.sends_file(ADMIN, "saltillo.txt", changed.encode("utf-8"))
    (preview,) = await standin.reply(ADMIN, before)
    await standin.presses(preview, "Publish")
    await standin.until(lambda: any("Published" in s.plain or "published" in s.plain
                                    for s in standin.sent if s.chat_id == ADMIN), timeout=20)
    standin.target = 1
    for _ in range(50):  # the other replica notices the change within seconds
        answer = await standin.ask(43, "saltillo mayor")
        if "Synthetic Mayor Replica" in answer.plain:
            break
        await asyncio.sleep(0.2)
    assert "Synthetic Mayor Replica" in answer.plain


async def queue_broadcast(pg_url: str, tmp_path: Path, subscribers: range, mayor: str) -> None:
    """Subscribers follow Saltillo; a CLI import of a changed page queues the news for each of them."""
    db = Database(pg_url)
    try:
        ops = PostgresOperations(db)
        for chat in subscribers:
            ops.subscribe(chat, "saltillo|mexico", "en")
    finally:
        db.close()
    page = tmp_path / "saltillo.txt"
    page.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", mayor), encoding="utf-8")
    env = {**os.environ, "CITYBOT_DATABASE_URL": pg_url}
    imported = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "import", str(page), cwd=ROOT, env=env,
                                                    stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await imported.communicate()
    assert imported.returncode == 0, (out + err).decode()


def received(tg: BalancedStandIn, subscribers: range, mayor: str) -> Counter[int]:
    return Counter(s.chat_id for s in tg.sent if s.chat_id in subscribers and mayor in s.plain)


async def test_a_broadcast_shared_by_two_replicas_reaches_everyone_once_though_one_is_killed(standin, replicas, pg_url,
                                                                                             tmp_path):
    subscribers = range(10_000, 11_000)
    await queue_broadcast(pg_url, tmp_path, subscribers, "Synthetic Broadcast Mayor")
    await standin.until(lambda: len(received(standin, subscribers, "Synthetic Broadcast Mayor")) >= 300, timeout=60)
    replicas[1].process.send_signal(signal.SIGKILL)  # in the middle of its share of the broadcast
    await replicas[1].process.wait()
    await standin.until(lambda: len(received(standin, subscribers, "Synthetic Broadcast Mayor")) == len(subscribers),
                        timeout=120)
    await asyncio.sleep(2)  # anything sent twice would arrive by now
    counts = received(standin, subscribers, "Synthetic Broadcast Mayor")
    assert set(counts) == set(subscribers)
    # The one notice the killed replica may have had accepted by Telegram but not yet recorded is sent again
    # (README, known limitations); any other would be a claim broken, and two would be more than one in flight.
    assert len([chat for chat, n in counts.items() if n > 1]) <= 1 and max(counts.values()) <= 2, counts.most_common(3)
    assert [r for r in standin.refused if r[1] == 429] == []  # the two replicas together kept under 30 a second


async def test_a_replica_stopped_for_a_deploy_hands_its_share_of_a_broadcast_to_the_other_at_once(standin, pg_url,
                                                                                                tmp_path):
    started = [await start_replica(standin, tmp_path, n, pg_url, lease=600) for n in range(2)]
    try:
        for n in range(2):
            standin.target = n
            await standin.ask(900 + n, "saltillo mayor")
        subscribers = range(20_000, 20_300)
        await queue_broadcast(pg_url, tmp_path, subscribers, "Synthetic Deploy Mayor")
        await standin.until(lambda: len(received(standin, subscribers, "Synthetic Deploy Mayor")) >= 60, timeout=60)
        await stop_replica(started[1])  # SIGTERM: its unsent claims go back now, not when the 600 s lease ends
        await standin.until(lambda: len(received(standin, subscribers, "Synthetic Deploy Mayor")) == len(subscribers),
                            timeout=60)
        await asyncio.sleep(2)
        assert max(received(standin, subscribers, "Synthetic Deploy Mayor").values()) == 1
    finally:
        for replica in started:
            await stop_replica(replica)
