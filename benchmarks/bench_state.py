"""State benchmark (run by hand): the stores under load, and the running bot's event loop while they work.

    python benchmarks/bench_state.py store      # 1,000 cities, 100,000 subscribers, in process
    python benchmarks/bench_state.py big        # 10,000 cities: idle loop, a one-city publish, a CLI import
    python benchmarks/bench_state.py telegram   # the real Application through the stand-in, 1,000 cities
    python benchmarks/bench_state.py            # all three

Numbers are printed, never asserted. Stalls are measured, not guessed: a heartbeat task asks to wake
every 5 ms and records how late it woke; the largest lateness is the longest the loop was blocked.
Sizes can be scaled down for a quick look: CITIES=100 SUBSCRIBERS=1000 python benchmarks/bench_state.py store
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_core import synthetic_snapshot  # noqa: E402

from bot import publishing  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.service import Service  # noqa: E402
from bot.telegram.app import build_application, make_service, serve  # noqa: E402
from knowledge.store import Stores, open_stores  # noqa: E402
from tests.telegram_standin import TOKEN, TelegramStandIn  # noqa: E402

CITIES = int(os.environ.get("CITIES", 1_000))
BIG = int(os.environ.get("BIG", 10_000))
SUBSCRIBERS = int(os.environ.get("SUBSCRIBERS", 100_000))
ADMIN = 1
SALTILLO = "saltillo|mexico"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def ms(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.3f} ms, p99 {pct(values, 0.99):.3f} ms, max {max(values):.3f} ms"


def stores_with(path: Path, cities: int) -> Stores:
    """The real bundled data plus synthetic cities, up to `cities` in all."""
    stores = open_stores(path)
    rng = random.Random(7)
    extra = [synthetic_snapshot(rng, i) for i in range(max(0, cities - len(stores.facts.cities())))]
    stores.facts.publish(stores.facts.plan_all(extra, similar="new"))
    return stores


class Heartbeat:
    """Wakes every 5 ms and records how late: the longest lateness is the longest event-loop stall.
    Also records the longest garbage-collector pause, a usual suspect for stalls."""

    def __init__(self) -> None:
        self.late: list[float] = []
        self.gc_pause = 0.0
        self._gc_started = 0.0
        self._task: asyncio.Task[None] | None = None

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.gc_pause = max(self.gc_pause, (time.perf_counter() - self._gc_started) * 1000)

    async def _beat(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + 0.005
            await asyncio.sleep(0.005)
            self.late.append((loop.time() - due) * 1000)

    def start(self) -> Heartbeat:
        self.late.clear()
        gc.callbacks.append(self._gc)
        self._task = asyncio.create_task(self._beat())
        return self

    async def stop(self) -> float:
        assert self._task
        self._task.cancel()
        gc.callbacks.remove(self._gc)
        return max(self.late, default=0.0)


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


# ---- 1. the stores, in process -------------------------------------------------------------------


def bench_store() -> None:
    print(f"\n== stores in process: {CITIES:,} cities, {SUBSCRIBERS:,} subscribers ==")
    with tempfile.TemporaryDirectory() as tmp:
        stores = stores_with(Path(tmp) / "db.json", CITIES)
        service = Service(stores, admins={ADMIN})
        ops = stores.operations
        subscribe = []
        started = time.perf_counter()
        for chat in range(SUBSCRIBERS):
            if chat % 100 == 0:
                subscribe.append(timed(lambda c=chat: service.subscribe(c, "saltillo")))
            else:
                ops.subscribe(chat, SALTILLO, "en")
        print(f"filled {SUBSCRIBERS:,} subscriptions in {time.perf_counter() - started:.1f} s")
        print(f"/subscribe (Service.subscribe, name resolved + stored): {ms(subscribe)}")

        after_write, control, after_cpu, control_cpu = [], [], [], []
        writes: list[Callable[[], object]] = [
            lambda: ops.subscribe(7, SALTILLO, "es"), lambda: ops.put_context("7", {"last": [SALTILLO]}),
            lambda: ops.remember(["x", 1]), lambda: ops.record_question("what is x", False),
            lambda: ops.unsubscribe(7, SALTILLO)]
        for i in range(2000):  # interleaved, so both see the same machine load
            cpu = time.thread_time()
            control.append(timed(lambda: service.ask("who is the mayor of saltillo?")))
            control_cpu.append((time.thread_time() - cpu) * 1000)
            writes[i % len(writes)]()
            cpu = time.thread_time()
            after_write.append(timed(lambda: service.ask("who is the mayor of saltillo?")))
            after_cpu.append((time.thread_time() - cpu) * 1000)
        print(f"first answer after an operational write (its own count and buttons stored too): {ms(after_write)}; "
              f"CPU p99 {pct(after_cpu, 0.99):.3f} ms")
        print(f"  the same answer after another answer, for comparison: {ms(control)}; CPU p99 {pct(control_cpu, 0.99):.3f} ms")

        plan = stores.facts.plan(stores.facts.cities()[SALTILLO].current.model_copy(update={"leader": "Synthetic"}))
        started = time.perf_counter()
        publishing.publish(stores.facts, ops, [plan])
        publish = time.perf_counter() - started
        print(f"publish one city to all {ops.owed():,} subscribers (facts written + notices queued): {publish:.3f} s")

        notices = ops.pending(2000)
        records = [timed(lambda n=n: ops.delivered([n.id])) for n in notices]
        print(f"a delivery record: {ms(records)}")
        refresh = timed(service.refresh)
        print(f"answer index rebuilt beside the live one after that publish: {refresh:.1f} ms (answers never wait for it)")
        stores.close()


# ---- 2. ten thousand cities ------------------------------------------------------------------------


async def asking(service: Service, stop: asyncio.Event, waits: list[float]) -> None:
    """A user asking every 20 ms, answered the way the bot answers (in a worker thread)."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.to_thread(service.ask, "who is the mayor of saltillo?")
        waits.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.02)


async def while_asking(service: Service, work: Callable[[], Awaitable[object]]) -> tuple[float, list[float]]:
    beat = Heartbeat().start()
    stop, waits = asyncio.Event(), []  # type: ignore[var-annotated]
    user = asyncio.create_task(asking(service, stop, waits))
    await work()
    await asyncio.sleep(0.5)
    stop.set()
    await user
    return await beat.stop(), waits


async def bench_big_async(path: Path, stores: Stores) -> None:
    service = Service(stores, admins={ADMIN})

    async def idle() -> None:
        for _ in range(10):  # what the bot's watcher does every second
            await asyncio.to_thread(service.refresh)
            await asyncio.sleep(0.5)

    stall, waits = await while_asking(service, idle)
    print(f"idle 5 s with the facts watcher: largest loop stall {stall:.1f} ms; answers {ms(waits)}")

    snap = stores.facts.cities()[SALTILLO].current

    async def publish_one() -> None:
        plan = stores.facts.plan(snap.model_copy(update={"leader": "Synthetic Publisher"}))
        started = time.perf_counter()
        await asyncio.to_thread(publishing.publish, stores.facts, stores.operations, [plan])
        await asyncio.to_thread(service.refresh)
        print(f"  (admin's publish + swap-in of the new index took {time.perf_counter() - started:.2f} s, "
              "in a worker thread)")

    stall, waits = await while_asking(service, publish_one)
    print(f"one-city publish: largest loop stall {stall:.1f} ms; answers meanwhile {ms(waits)}")
    found = service.ask("who is the mayor of saltillo?").html
    print(f"  next answer after it names the new mayor: {'Synthetic Publisher' in found}")

    page = Path(tempfile.mkdtemp()) / "cli.json"
    page.write_text(snap.model_copy(update={"leader": "Synthetic Importer"}).model_dump_json(), encoding="utf-8")

    async def cli_import() -> None:
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "--db", str(path), "import", str(page),
                                                    stdout=subprocess.DEVNULL, cwd=ROOT)
        await proc.wait()
        for _ in range(6):
            await asyncio.to_thread(service.refresh)
            await asyncio.sleep(0.5)

    stall, waits = await while_asking(service, cli_import)
    print(f"CLI import in another process while answering: largest loop stall {stall:.1f} ms; answers {ms(waits)}")
    print(f"  answers the imported mayor afterwards: {'Synthetic Importer' in service.ask('saltillo mayor').html}")


def bench_big() -> None:
    print(f"\n== {BIG:,} cities ==")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "db.json"
        started = time.perf_counter()
        stores = stores_with(path, BIG)
        print(f"store built in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
        asyncio.run(bench_big_async(path, stores))
        stores.close()


# ---- 3. through the stand-in -------------------------------------------------------------------------


async def start_bot(tg: TelegramStandIn, db: Path) -> tuple[Service, asyncio.Event, asyncio.Task[None]]:
    settings = Settings(token=TOKEN, admins=[ADMIN], db=db, api_url=tg.api_url, file_url=tg.file_url)  # type: ignore[arg-type]
    service = make_service(settings)
    app = build_application(settings, service)
    stop = asyncio.Event()
    calls = len(tg.calls)
    task = asyncio.create_task(serve(app, settings, stop))
    await tg.until(lambda: "getUpdates" in tg.calls[calls:], timeout=60)
    return service, stop, task


async def subscribe_rate(db: Path) -> None:
    tg = TelegramStandIn()
    await tg.start()
    service, stop, task = await start_bot(tg, db)
    total, chats = 300, 100
    started = time.monotonic()
    for i in range(total):
        await tg.says(30_000 + i % chats, f"/subscribe {['saltillo', 'vienna', 'denver'][i // chats]}")
    await tg.until(lambda: sum(1 for s in tg.sent if s.chat_id >= 30_000) >= total, timeout=120)
    elapsed = time.monotonic() - started
    print(f"/subscribe through the stand-in: {total} from {chats} chats in {elapsed:.1f} s = {total / elapsed:.1f} a second "
          f"(the bot sends at most 30 in any 1.02 s)")
    stop.set()
    await task
    await tg.stop()


async def questions_for(tg: TelegramStandIn, seconds: float, base: int) -> list[float]:
    """Questions from 20 chats, four a second, each timed from sending to its reply arriving."""
    waits = []
    asks = ["saltillo mayor", "which cities focus on transport?", "compare denver and seattle", "vienna population"]
    started, n = time.monotonic(), 0
    while time.monotonic() - started < seconds:
        await asyncio.sleep(0.25)
        chat = base + n % 20
        before = len(tg.to(chat))
        t0 = time.monotonic()
        await tg.says(chat, asks[n % len(asks)])
        await tg.reply(chat, before, timeout=30)
        waits.append((time.monotonic() - t0) * 1000)
        n += 1
    return waits


async def broadcast(db: Path, seconds: float) -> None:
    tg = TelegramStandIn(rate_per_second=30)
    await tg.start()
    service, stop, task = await start_bot(tg, db)
    quiet = await questions_for(tg, 10, 50_000)
    print(f"question -> reply with no broadcast, for comparison: {ms(quiet)}")
    seed = ROOT / "knowledge" / "data" / "saltillo-mex.txt"
    page = seed.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Broadcaster")
    await tg.sends_file(ADMIN, "saltillo.txt", page.encode())
    (preview,) = await tg.reply(ADMIN)
    beat = Heartbeat().start()
    started = time.monotonic()
    await tg.presses(preview, "Publish")
    await tg.until(lambda: any(s.chat_id >= 100_000 for s in tg.sent), timeout=60)
    first = time.monotonic()
    print(f"broadcast: first notice {first - started:.2f} s after Publish was pressed")
    alone = float(os.environ.get("ALONE_SECONDS", 10))
    await asyncio.sleep(alone)
    notices = sum(1 for s in tg.sent if s.chat_id >= 100_000)
    print(f"broadcast alone, stand-in limited to 30 messages/s: {notices} notices in {alone:.0f} s = "
          f"{notices / alone:.1f} messages/s")
    first = time.monotonic()
    before_questions = notices
    waits = await questions_for(tg, seconds, 40_000)
    elapsed = time.monotonic() - first
    stall = await beat.stop()
    per_chat = Counter(s.chat_id for s in tg.sent if s.chat_id >= 100_000)
    notices = sum(per_chat.values()) - before_questions
    replies = sum(1 for s in tg.sent if 40_000 <= s.chat_id < 40_020)
    print(f"then {elapsed:.0f} s with 4 questions a second from 20 other chats: "
          f"{notices} notices + {replies} replies = {(notices + replies) / elapsed:.1f} messages/s; "
          f"sent twice {sum(c > 1 for c in per_chat.values())}; 429s {sum(1 for r in tg.refused if r[1] == 429)}")
    print(f"  other chats' question -> reply during the broadcast (end to end, over HTTP): {ms(waits)}")
    print(f"  largest event-loop stall during the broadcast (stand-in and bot share the loop): {stall:.1f} ms; "
          f"longest garbage-collector pause {beat.gc_pause:.1f} ms")
    stop.set()
    await task
    await tg.stop()


def bench_telegram() -> None:
    print(f"\n== through the stand-in: {CITIES:,} cities ==")
    with tempfile.TemporaryDirectory() as tmp:
        stores_with(Path(tmp) / "first.json", CITIES).close()
        asyncio.run(subscribe_rate(Path(tmp) / "first.json"))
        db = Path(tmp) / "db.json"  # a fresh store: the stand-in numbers its updates from 1 again
        stores = stores_with(db, CITIES)
        for chat in range(100_000, 100_000 + SUBSCRIBERS):
            stores.operations.subscribe(chat, SALTILLO, "en")
        stores.close()
        asyncio.run(broadcast(db, float(os.environ.get("BROADCAST_SECONDS", 30))))


def main() -> None:
    which = sys.argv[1:] or ["store", "big", "telegram"]
    for name in which:
        {"store": bench_store, "big": bench_big, "telegram": bench_telegram}[name]()


if __name__ == "__main__":
    main()
