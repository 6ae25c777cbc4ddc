"""Shared fixtures. Anything invented says so in its name (synthetic_…); the rest is the real data."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.answer import Engine
from bot.config import Settings
from bot.service import Service
from bot.telegram.app import build_application, make_service, serve
from knowledge.bundled import load_bundled
from knowledge.models import Snapshot
from knowledge.store import Store, Stores, open_stores

from .postgres import pg_server, pg_url  # noqa: F401  (fixtures for the PostgreSQL tests)
from .telegram_standin import TOKEN, TelegramStandIn

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "data" / "saltillo-mex.txt"
RECORDS = ROOT / "knowledge" / "data" / "cities"
ADMIN = 1  # the one admin of the bots and services the fixtures start
STRANGER = 7  # a user who is not an admin


def synthetic_city(name: str = "Synthville", country: str = "Testland", **fields: object) -> Snapshot:
    """An invented city, for tests only."""
    base: dict[str, object] = {"city": name, "country": country, "leader_title": "Mayor",
                               "leader": f"Synthetic Mayor of {name}", "population": "100,000 (2020)",
                               "policy_areas": ["Water"], "complete": False}
    return Snapshot.model_validate({**base, **fields})


@pytest.fixture
async def tg() -> AsyncIterator[TelegramStandIn]:
    """The Bot API stand-in on 127.0.0.1, for the tests that run the real Application."""
    standin = TelegramStandIn()
    await standin.start()
    yield standin
    await standin.stop()


@dataclass
class Running:
    """A bot started by `start_bot`: its service, to look into, and what ends it."""

    service: Service
    stop: asyncio.Event
    task: asyncio.Task[None]

    async def shutdown(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 30)
        self.service.close()


async def start_bot(tg: TelegramStandIn, db: Path, **extra: object) -> Running:
    """The real Application against the stand-in, polling once it returns."""
    settings = Settings(token=TOKEN, admins=[ADMIN], db=db, api_url=tg.api_url, file_url=tg.file_url,
                        **extra)  # type: ignore[arg-type]
    service = make_service(settings)
    app = build_application(settings, service)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(app, settings, stop))
    calls = len(tg.calls)
    await tg.until(lambda: "getUpdates" in tg.calls[calls:])
    return Running(service, stop, task)


@pytest.fixture
async def bot(tg: TelegramStandIn, tmp_path: Path) -> AsyncIterator[Running]:
    """A bot on a fresh store, shut down after the test; a request Telegram refused as malformed fails it."""
    running = await start_bot(tg, tmp_path / "db.json")
    yield running
    await running.shutdown()
    assert not [r for r in tg.refused if r[1] == 400], f"Telegram refused: {tg.refused}"


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[Stores]:
    """An empty embedded store, closed after the test (SQLite's checkpoint thread with it)."""
    opened = open_stores(tmp_path / "db.json", bundled=False)
    yield opened
    opened.close()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    """A Service on a fresh store of the bundled data, with ADMIN as its admin, closed after the test."""
    opened = Service(open_stores(tmp_path / "db.json"), {ADMIN})
    yield opened
    opened.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store holding the real bundled data."""
    s = Store(tmp_path / "db.json")
    load_bundled(s)
    return s


@pytest.fixture
def engine(store: Store) -> Engine:
    return Engine(store)


@pytest.fixture
def ask(engine: Engine):
    def _ask(question: str) -> str:
        return engine.ask(question).plain

    return _ask


def ascii_id(value: object) -> str:
    """A test id in plain ASCII ("Sao Paulo", "Quien es…"): mutmut hands ids back to pytest, which cannot find
    the escaped form of accented ones, nor of a newline or a backslash (expected answers of several lines)."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return text.replace("\n", " ").replace("\\", "")
