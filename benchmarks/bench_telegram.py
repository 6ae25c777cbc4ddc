"""Telegram-side benchmark (run by hand): broadcast delivery rate and end-to-end questions a second.

    python benchmarks/bench_telegram.py [subscribers]

Runs the real Application against the Bot API stand-in on 127.0.0.1 (tests/telegram_standin.py).
1. A broadcast to N subscribers (default 1,000) with the stand-in enforcing 30 messages a second:
   delivery rate, and how many were lost or sent twice.
2. 200 questions from 50 chats through the stand-in (no rate limit there): questions answered a second.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.config import Settings  # noqa: E402
from bot.telegram.app import build_application, make_service, serve  # noqa: E402
from tests.telegram_standin import TOKEN, TelegramStandIn  # noqa: E402

ADMIN = 1


async def start(tg: TelegramStandIn, db: Path):
    settings = Settings(token=TOKEN, admins=[ADMIN], db=db, api_url=tg.api_url, file_url=tg.file_url)  # type: ignore[arg-type]
    service = make_service(settings)
    app = build_application(settings, service)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, settings, stop))
    await tg.until(lambda: "getUpdates" in tg.calls)
    return service, stop, task


async def broadcast(n: int) -> None:
    tg = TelegramStandIn(rate_per_second=30)
    await tg.start()
    with tempfile.TemporaryDirectory() as tmp:
        service, stop, task = await start(tg, Path(tmp) / "db.json")
        chats = list(range(10_000, 10_000 + n))
        for chat in chats:
            service.operations.subscribe(chat, "saltillo|mexico", "en")
        seed = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "saltillo-mex.txt"
        page = seed.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Successor")
        await tg.sends_file(ADMIN, "saltillo.txt", page.encode())
        (preview,) = await tg.reply(ADMIN)
        await tg.presses(preview, "Publish")
        await tg.until(lambda: any(s.chat_id == chats[0] for s in tg.sent), timeout=60)
        started = time.monotonic()
        await tg.until(lambda: len({s.chat_id for s in tg.sent if s.chat_id >= 10_000}) == n, timeout=n)
        elapsed = time.monotonic() - started
        await asyncio.sleep(2)
        per_chat = Counter(s.chat_id for s in tg.sent if s.chat_id >= 10_000)
        refused = sum(1 for _, code, _ in tg.refused if code == 429)
        print(f"broadcast: {n} subscribers in {elapsed:.1f} s = {(n - 1) / elapsed:.1f} messages/s "
              f"(stand-in limit 30/s); lost {n - len(per_chat)}, twice {sum(c > 1 for c in per_chat.values())}, "
              f"429s answered {refused}")
        stop.set()
        await task
    await tg.stop()


async def questions(total: int = 200, chats: int = 50) -> None:
    tg = TelegramStandIn()
    await tg.start()
    with tempfile.TemporaryDirectory() as tmp:
        _, stop, task = await start(tg, Path(tmp) / "db.json")
        asks = ["saltillo mayor", "which cities focus on transport?", "compare denver and seattle",
                "¿cuántos habitantes tiene Saltillo?"]
        started = time.monotonic()
        for i in range(total):
            await tg.says(20_000 + i % chats, asks[i % len(asks)])
        await tg.until(lambda: sum(1 for s in tg.sent if s.chat_id >= 20_000) >= total, timeout=120)
        elapsed = time.monotonic() - started
        print(f"questions: {total} from {chats} chats answered in {elapsed:.2f} s = {total / elapsed:.0f} a second")
        stop.set()
        await task
    await tg.stop()


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    asyncio.run(questions())
    asyncio.run(broadcast(n))


if __name__ == "__main__":
    main()
