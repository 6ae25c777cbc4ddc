"""Shared fixtures. Anything invented says so in its name (synthetic_…); the rest is the real data."""

from __future__ import annotations

import unicodedata
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answer import Engine
from knowledge.bundled import load_bundled
from knowledge.models import Snapshot
from knowledge.store import Store

from .postgres import pg_server, pg_url  # noqa: F401  (fixtures for the PostgreSQL tests)
from .telegram_standin import TelegramStandIn

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "knowledge" / "data" / "saltillo-mex.txt"
RECORDS = ROOT / "knowledge" / "data" / "cities"


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
    the escaped form of accented ones."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return text
