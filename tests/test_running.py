"""The bot as deployed: `python -m bot run` in its own process, polling or webhook, stopped by SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp

from .conftest import ROOT
from .telegram_standin import TOKEN, TelegramStandIn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def launch(tg: TelegramStandIn, tmp_path: Path, **env: str) -> asyncio.subprocess.Process:
    environment = {**os.environ, "CITYBOT_TOKEN": TOKEN, "CITYBOT_ADMINS": "1", "CITYBOT_DB": str(tmp_path / "db.json"),
                   "CITYBOT_API_URL": tg.api_url, "CITYBOT_FILE_URL": tg.file_url, **env}
    return await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=ROOT, env=environment,
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)


async def stop(proc: asyncio.subprocess.Process) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == 0, err.decode()
    return err.decode()


async def test_polling_process_answers_and_stops_cleanly_on_sigterm(tg, tmp_path):
    proc = await launch(tg, tmp_path)
    try:
        await tg.until(lambda: "getUpdates" in tg.calls, timeout=30)
        msg = await tg.ask(42, "/subscribe saltillo")
        assert "Subscribed" in msg.plain
    finally:
        log = await stop(proc)
    assert "CityBot stopped cleanly" in log
    proc = await launch(tg, tmp_path)  # same store: the subscription is still there
    try:
        await tg.until(lambda: tg.calls.count("getUpdates") > 3, timeout=30)
        assert (await tg.ask(42, "/subscriptions")).plain == "You follow: Saltillo"
    finally:
        await stop(proc)


async def test_webhook_mode_receives_updates_over_http(tg, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/citybot-hook"
    proc = await launch(tg, tmp_path, CITYBOT_WEBHOOK_URL=url, CITYBOT_PORT=str(port), CITYBOT_LISTEN="127.0.0.1",
                        CITYBOT_WEBHOOK_SECRET="s3cret")
    try:
        await tg.until(lambda: tg.webhook is not None, timeout=30)
        assert tg.webhook["url"] == url and tg.webhook["secret_token"] == "s3cret"
        update = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 77, "type": "private"},
                                              "from": tg.user(77), "text": "saltillo mayor"}}
        async with aiohttp.ClientSession() as http:
            for _ in range(50):  # the webhook server may take a moment to bind
                try:
                    wrong = await http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                    break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.2)
            assert wrong.status == 403
            ok = await http.post(url, data=json.dumps(update), headers={"Content-Type": "application/json",
                                                                        "X-Telegram-Bot-Api-Secret-Token": "s3cret"})
            assert ok.status == 200
        (reply,) = await tg.reply(77)
        assert "Manolo Jiménez Salinas" in reply.plain
    finally:
        await stop(proc)


async def test_the_cli_and_a_stopped_bot_close_their_stores_leaving_no_sqlite_log(tg, tmp_path):
    """Closed connections fold SQLite's write-ahead log into the file: none is left for a folder to outlive."""
    cli = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "ask", "saltillo mayor", cwd=ROOT,
                                               env={**os.environ, "CITYBOT_DB": str(tmp_path / "db.json")},
                                               stdout=asyncio.subprocess.PIPE)
    assert "Manolo Jiménez Salinas" in (await cli.communicate())[0].decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock", "db.operations.sqlite3"]
    proc = await launch(tg, tmp_path)
    try:
        assert "Subscribed" in (await tg.ask(42, "/subscribe saltillo")).plain
        assert (tmp_path / "db.operations.sqlite3-wal").exists()  # while it runs
    finally:
        await stop(proc)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock", "db.operations.sqlite3"]
