"""Replicas of `python -m bot run` behind a load balancer, for the end-to-end tests and the benchmark.

Telegram in webhook mode: each update goes to the replica the caller picks (`BalancedStandIn.target`),
as a load balancer would send it. Every replica sends through the one stand-in.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path
from typing import Any

import aiohttp

from .conftest import ROOT
from .telegram_standin import TOKEN, TelegramStandIn
from .test_running import free_port

ADMIN = 1
SECRET = "replica-secret"


class BalancedStandIn(TelegramStandIn):
    """The stand-in, with updates posted to a replica's webhook (the one `to` names) instead of queued."""

    def __init__(self, rate_per_second: float | None = None) -> None:
        super().__init__(rate_per_second)
        self.replicas: list[str] = []
        self.target = 0

    async def push(self, update: dict[str, Any]) -> int:
        update = {"update_id": next(self._update_ids), **update}
        async with aiohttp.ClientSession() as http:
            for _ in range(100):  # a replica just started may take a moment to bind its port
                try:
                    async with http.post(self.replicas[self.target], json=update,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                        assert response.status == 200, await response.text()
                        return int(update["update_id"])
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.2)
        raise AssertionError(f"replica {self.target} never accepted an update")


class Replica:
    def __init__(self, process: asyncio.subprocess.Process, url: str) -> None:
        self.process, self.url = process, url


async def start_replica(tg: BalancedStandIn, tmp_path: Path, n: int, database_url: str | None = None,
                        lease: float = 4) -> Replica:
    """Replica n, its log in tmp_path; on PostgreSQL when a database URL is given, else on an embedded store there.
    A short claim lease by default, so a killed replica's claims are taken over within the test's patience."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    env = {**os.environ, "CITYBOT_TOKEN": TOKEN, "CITYBOT_ADMINS": str(ADMIN), "CITYBOT_API_URL": tg.api_url,
           "CITYBOT_FILE_URL": tg.file_url, "CITYBOT_DB": str(tmp_path / f"unused-{n}.json"),
           "CITYBOT_CLAIM_LEASE": str(lease),
           "CITYBOT_WEBHOOK_URL": url, "CITYBOT_PORT": str(port), "CITYBOT_LISTEN": "127.0.0.1",
           "CITYBOT_WEBHOOK_SECRET": SECRET}
    if database_url:
        env["CITYBOT_DATABASE_URL"] = database_url
    log = (tmp_path / f"replica-{n}.log").open("wb")
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
                                                   stdout=log, stderr=log)
    tg.replicas.append(url)
    return Replica(process, url)


async def stop_replica(replica: Replica) -> None:
    if replica.process.returncode is None:
        replica.process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(replica.process.wait(), 30)
