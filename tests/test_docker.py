"""The container as an operator builds it: the files read as Docker reads them (always), and the image
built and run where a Docker engine answers (skipped, saying why, where none does)."""

from __future__ import annotations

import asyncio
import fnmatch
import os
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT
from .telegram_standin import TOKEN


def ignored() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def is_ignored(path: str) -> bool:
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p.removeprefix("**/"))
               or path.startswith(p.rstrip("/") + "/") for p in ignored())


def test_build_context_leaves_out_the_virtualenv_git_and_local_stores():
    for path in (".venv", ".git", ".venv/bin/python", "bot/__pycache__/cli.cpython-311.pyc", "citybot.operations.sqlite3",
                 "data/citybot.json.lock"):
        assert is_ignored(path), path


def test_everything_the_image_copies_is_in_the_build_context():
    copied = re.findall(r"^COPY (.+) \S+$", (ROOT / "Dockerfile").read_text(encoding="utf-8"), flags=re.M)
    sources = [s for line in copied for s in line.split()]
    assert sources == ["pyproject.toml", "README.md", "bot", "knowledge"]
    assert not [s for s in sources if is_ignored(s)]
    assert not is_ignored("knowledge/data/cities/vienna-aut--2016.json")


def test_health_check_asks_the_running_bot_for_its_heartbeat():
    docker = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert 'CMD ["python", "-m", "bot", "health"]' in docker
    assert "CITYBOT_HEARTBEAT=/tmp/citybot.heartbeat" in docker  # outside /data: a read-only volume still beats
    assert re.search(r"^HEALTHCHECK --interval=60s --timeout=20s --start-period=30s --retries=3 \\$", docker, re.M)


def test_the_bot_runs_as_a_user_of_its_own_that_owns_the_data_volume():
    docker = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.findall(r"^USER (\S+)$", docker, flags=re.M) == ["citybot"]
    assert "useradd --create-home --uid 10001 citybot" in docker and "chown citybot /data" in docker
    assert docker.index("USER citybot") < docker.index('CMD ["python", "-m", "bot", "run"]')


# ---- the image itself, where a Docker engine runs (CI has none: these are skipped there, saying why) ----


def docker_engine_missing() -> str | None:
    """Why no image can be built here, or None when a Docker engine answers."""
    try:
        info = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True,
                              timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    return None if info.returncode == 0 else (info.stderr.strip().splitlines() or ["docker info failed"])[-1]


@pytest.fixture(scope="module")
def image() -> str:
    missing = docker_engine_missing()
    if missing:
        pytest.skip(f"no Docker engine: {missing}")
    built = subprocess.run(["docker", "build", "-q", "-t", "citybot-test", str(ROOT)], capture_output=True, text=True,
                           timeout=1200)
    if built.returncode and "python:3.11-slim" in built.stderr and ("pull" in built.stderr or "lookup" in built.stderr):
        pytest.skip(f"the base image cannot be fetched: {built.stderr.strip().splitlines()[-1]}")
    assert built.returncode == 0, built.stderr
    return "citybot-test"


async def docker(*args: str) -> tuple[int, str]:
    """A docker command, without blocking the event loop the Bot API stand-in answers on."""
    proc = await asyncio.create_subprocess_exec("docker", *args, stdout=asyncio.subprocess.PIPE,
                                                stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), 120)
    return proc.returncode or 0, out.decode().strip()


async def test_the_image_answers_as_its_own_user_reports_healthy_and_stops_cleanly(image: str, tg, tmp_path: Path):
    volume = f"citybot-test-{tmp_path.name}"
    code, container = await docker("run", "-d", "--network", "host", "-v", f"{volume}:/data",
                                   "-e", f"CITYBOT_TOKEN={TOKEN}", "-e", f"CITYBOT_API_URL={tg.api_url}",
                                   "-e", f"CITYBOT_FILE_URL={tg.file_url}", image)
    assert code == 0, container
    try:
        await tg.until(lambda: "getUpdates" in tg.calls, timeout=90)
        assert "Manolo Jiménez Salinas" in (await tg.ask(42, "saltillo mayor")).plain
        assert await docker("exec", container, "id", "-u") == (0, "10001")
        code, health = await docker("exec", container, "python", "-m", "bot", "health")
        assert code == 0 and health.startswith("alive: last heartbeat")
        assert (await docker("exec", container, "stat", "-c", "%u", "/data/citybot.json")) == (0, "10001")
        assert (await docker("stop", container))[0] == 0
        assert await docker("inspect", "--format", "{{.State.ExitCode}}", container) == (0, "0")
        assert "CityBot stopped cleanly" in (await docker("logs", container))[1]
    finally:
        await docker("rm", "-f", container)
        await docker("volume", "rm", "-f", volume)


async def test_a_bind_mounted_data_folder_the_image_user_cannot_write_is_one_line(image: str, tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)  # owned by whoever runs the tests, not by the image's uid 10001
    os.chmod(data, 0o755)
    code, out = await docker("run", "--rm", "--network", "none", "-v", f"{data}:/data", "-e", "CITYBOT_TOKEN=123:abc",
                             image)
    assert code == 1 and out.splitlines() == [
        "cannot start CityBot: the store /data/citybot.json cannot be created (not stored: /data/citybot.json cannot "
        "be written (Permission denied)): make /data writable for user id 10001, or set CITYBOT_DB to a file in a "
        "folder it may write"]
    assert list(data.iterdir()) == []
