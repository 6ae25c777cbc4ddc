"""The container as an operator builds it (no Docker engine here: the files are read as Docker reads them)."""

from __future__ import annotations

import fnmatch
import re

from .conftest import ROOT


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
