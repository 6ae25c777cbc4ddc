"""The stores side by side, embedded (TinyDB + SQLite) and PostgreSQL, and replicas sharing a broadcast (run by hand).

    python benchmarks/bench_replicas.py [subscribers-for-the-broadcast]

Starts its own throw-away PostgreSQL server (as the tests do: tests/postgres.py), then prints:

1. The state benchmark's store part (bench_state.py store: 1,000 cities, 100,000 subscribers;
   /subscribe, the first answer after an operational write, publishing to every subscriber, a
   delivery record), run once on each engine.
2. End to end through the Bot API stand-in (30 messages a second, 429 beyond): `python -m bot run`
   processes in webhook mode, a CLI import queues one update for 1,000 subscribers (default), and
   while it is delivered 20 chats ask questions (about four a second). Embedded with one replica;
   PostgreSQL with one and with two: messages a second of the broadcast, and of everything sent
   meanwhile (all replicas together, against the 30 allowed), lost, sent twice, 429s, and the
   question-to-reply time (p50/p99) during the broadcast.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.operations import Legacy  # noqa: E402
from knowledge.store import open_stores  # noqa: E402
from tests.conftest import ROOT, SEED  # noqa: E402
from tests.postgres import LocalServer, server_binaries  # noqa: E402
from tests.replicas import BalancedStandIn, start_replica, stop_replica  # noqa: E402

KEY = "saltillo|mexico"


def state_benchmark(label: str, database_url: str | None) -> None:
    """The state benchmark's store part (benchmarks/bench_state.py store), on one engine, printed as it runs."""
    env = {k: v for k, v in os.environ.items() if k != "CITYBOT_DATABASE_URL"}
    if database_url:
        env["CITYBOT_DATABASE_URL"] = database_url
    print(f"\n#### {label}", flush=True)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_state.py"), "store"], env=env, check=True)


async def broadcast_part(label: str, replicas: int, database_url: str | None, subscribers: int) -> dict[str, str]:
    tg = BalancedStandIn(rate_per_second=30)
    await tg.start()
    tmp = Path(tempfile.mkdtemp(prefix="citybot-bench-"))
    started_replicas = []
    try:
        stores = open_stores(tmp / "unused-0.json", database_url=database_url)  # replica 0's store when embedded
        chats = list(range(10_000, 10_000 + subscribers))
        stores.operations.import_legacy(Legacy("bench", subscriptions=[(c, KEY) for c in chats], outbox=[]))
        stores.close()
        for n in range(replicas):
            started_replicas.append(await start_replica(tg, tmp, n, database_url))
        for n in range(replicas):
            tg.target = n
            await tg.ask(900 + n, "saltillo mayor")
        page = tmp / "saltillo.txt"
        page.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Broadcast Mayor"),
                        encoding="utf-8")
        env = {**os.environ, "CITYBOT_DB": str(tmp / "unused-0.json")}
        if database_url:
            env["CITYBOT_DATABASE_URL"] = database_url
        imported = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "import", str(page), cwd=ROOT, env=env,
                                                        stdout=asyncio.subprocess.DEVNULL)
        await imported.wait()

        def got() -> list:
            return [s for s in tg.sent if s.chat_id >= 10_000 and "Synthetic Broadcast Mayor" in s.plain]

        await tg.until(lambda: got(), timeout=60)
        waits: list[float] = []
        asker = 0
        while len({s.chat_id for s in got()}) < subscribers:
            tg.target = asker % replicas
            chat = 500 + asker % 20
            before = len(tg.to(chat))
            started = time.perf_counter()
            await tg.says(chat, "saltillo population")
            await tg.reply(chat, before, timeout=30)
            waits.append((time.perf_counter() - started) * 1000)
            asker += 1
            await asyncio.sleep(0.25)
        sent = got()
        await asyncio.sleep(3)  # anything sent twice arrives by now
        per_chat = Counter(s.chat_id for s in got())
        span = sent[-1].at - sent[0].at
        waits.sort()
        p50, p99 = statistics.median(waits), waits[int(len(waits) * 0.99) - 1]
        everything = [s for s in tg.sent if sent[0].at <= s.at <= sent[-1].at and s.method != "editMessageText"]
        return {"setup": label, "notices / all messages sent": f"{(len(sent) - 1) / span:.1f} / "
                                                                  f"{(len(everything) - 1) / span:.1f} messages/s",
                "lost / twice / 429s": f"{subscribers - len(per_chat)} / {sum(1 for n in per_chat.values() if n > 1)} / "
                                       f"{sum(1 for _, code, _ in tg.refused if code == 429)}",
                "question→reply p50 / p99 during it": f"{p50:.0f} / {p99:.0f} ms ({len(waits)} questions)"}
    finally:
        for replica in started_replicas:
            await stop_replica(replica)
        await tg.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def table(rows: list[dict[str, str]]) -> None:
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(row[k] for k in keys) + " |")


async def main(broadcast_subscribers: int) -> None:
    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL server binaries not found (Debian/Ubuntu: apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="citybot-bench-pg-"))
    server = LocalServer(binaries, root)
    server.start()
    try:
        import psycopg

        with psycopg.connect(server.url("postgres"), autocommit=True) as admin:
            for db in ("store_bench", "one_replica", "two_replicas"):
                admin.execute(f"CREATE DATABASE {db}")
        state_benchmark("embedded (TinyDB + SQLite)", None)
        state_benchmark("PostgreSQL", server.url("store_bench"))
        print(f"\nBroadcast to {broadcast_subscribers:,} subscribers through the stand-in (30 messages/s):\n")
        rows = [await broadcast_part("embedded, 1 replica", 1, None, broadcast_subscribers),
                await broadcast_part("PostgreSQL, 1 replica", 1, server.url("one_replica"), broadcast_subscribers),
                await broadcast_part("PostgreSQL, 2 replicas", 2, server.url("two_replicas"), broadcast_subscribers)]
        table(rows)
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000))
