"""A disk that is really full: a small tmpfs mounted for each test and filled to the last byte.

Mounting needs root, which CI has; where it cannot be done the tests are skipped, saying why (the
same behaviour is also tested by injection in test_storage.py and test_state.py).
"""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SEED
from .telegram_standin import TelegramStandIn
from .test_running import launch, stop


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 2 MiB file system of its own: the store fits, and filling it fills nothing else."""
    folder = Path(tempfile.mkdtemp(prefix="citybot-full-"))
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode:
        folder.rmdir()
        pytest.skip(f"cannot mount a small tmpfs to fill: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path) -> Path:
    """Write until the file system says ENOSPC: nothing more fits, as on a real full disk."""
    filler = folder / "filler"
    with filler.open("wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 4096)
        except OSError as e:
            assert e.errno == errno.ENOSPC
    return filler


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env={**os.environ, "CITYBOT_DB": str(db)},
                          capture_output=True, text=True, timeout=120)


NOTICE = "Saltillo was updated:\n• Mayor: Manolo Jiménez Salinas → Synthetic Successor"


def page(folder: Path, leader: str) -> Path:
    path = folder / f"{leader}.txt"
    path.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", leader), encoding="utf-8")
    return path


def test_a_full_disk_still_answers_and_an_import_says_so_leaving_nothing_behind(small_disk: Path, tmp_path: Path):
    db = small_disk / "citybot.json"
    assert "Manolo Jiménez Salinas" in cli(db, "ask", "saltillo mayor").stdout
    before = db.read_bytes()
    filler = fill(small_disk)
    asked = cli(db, "ask", "saltillo mayor")
    assert asked.returncode == 0 and "Manolo Jiménez Salinas" in asked.stdout, asked.stderr
    refused = cli(db, "import", str(page(tmp_path, "Synthetic Successor")))
    assert refused.returncode == 1 and refused.stderr.splitlines() == [
        f"not stored: the disk is full ({small_disk / 'citybot.operations.sqlite3'})"]
    assert "Traceback" not in asked.stderr
    assert db.read_bytes() == before
    assert not [p.name for p in small_disk.iterdir() if p.suffix == ".tmp"]  # no half-written copy left
    filler.unlink()  # room again: the same import goes through
    assert cli(db, "import", str(page(tmp_path, "Synthetic Successor"))).returncode == 0
    assert "Synthetic Successor" in cli(db, "ask", "saltillo mayor").stdout


async def test_a_delivery_the_full_disk_cannot_record_is_sent_once_and_questions_are_answered(
        small_disk: Path, tmp_path: Path, tg: TelegramStandIn):
    db = small_disk / "citybot.json"
    proc = await launch(tg, tmp_path, CITYBOT_DB=str(db))
    try:
        assert "Subscribed" in (await tg.ask(42, "/subscribe saltillo")).plain
    finally:
        await stop(proc)
    assert cli(db, "import", str(page(tmp_path, "Synthetic Successor"))).returncode == 0  # news queued for chat 42
    tg.flood[42] = 2  # Telegram holds the notice back a moment: time to fill the disk under the running bot
    calls = len(tg.calls)
    proc = await launch(tg, tmp_path, CITYBOT_DB=str(db))
    try:
        await tg.until(lambda: "getUpdates" in tg.calls[calls:], timeout=30)
        fill(small_disk)
        await tg.until(lambda: any("Synthetic Successor" in s.plain for s in tg.to(42)), timeout=30)
        answer = await tg.ask(43, "saltillo mayor")  # a question needs no disk
        assert "Synthetic Successor" in answer.plain
        await asyncio.sleep(11)  # two more passes of the delivery loop (every 5 s)
        assert [s.plain for s in tg.to(42) if "Synthetic Successor" in s.plain] == [NOTICE]  # once, though never recorded
    finally:
        log = await stop(proc)
    assert "1 deliveries not recorded yet (not stored: the disk is full" in log, log
