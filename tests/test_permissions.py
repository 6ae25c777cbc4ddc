"""The store as operators set up its permissions, used by a user those permissions apply to.

Root ignores file permissions, and CI runs the tests as root: there each command below runs as
`nobody` (through setpriv, as tests/postgres.py runs its server), so a read-only file or folder is
read-only for it. Run as anyone else, the commands run as that user, for whom they apply anyway.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT, SEED

ROOT_USER = os.geteuid() == 0
AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] if ROOT_USER else []


def cli(db: Path, *args: str, as_root: bool = False) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` on the store `db`, as the unprivileged user (or as root, when asked)."""
    env = {"CITYBOT_DB": str(db), "PATH": os.environ.get("PATH", ""), "PYTHONDONTWRITEBYTECODE": "1"}
    prefix = [] if as_root else AS_NOBODY
    return subprocess.run([*prefix, sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A data folder of the unprivileged user's own (pytest's temporary folders are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="citybot-perm-"))
    path.chmod(0o755)
    if ROOT_USER:
        nobody = pwd.getpwnam("nobody")
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    try:
        probe = cli(path / "citybot.json", "ask", "saltillo mayor")
        if "Manolo Jiménez Salinas" not in probe.stdout:
            pytest.skip(f"this interpreter cannot be run as an unprivileged user: {probe.stderr.strip()[-300:]}")
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def changed_page(folder: Path, leader: str) -> Path:
    page = folder / f"{leader}.txt"
    page.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", leader), encoding="utf-8")
    page.chmod(0o644)
    return page


def test_a_read_only_store_answers_and_refuses_to_write_in_one_line(folder: Path):
    db = folder / "citybot.json"
    db.chmod(0o444)
    before = db.read_bytes()
    assert "Manolo Jiménez Salinas" in cli(db, "ask", "saltillo mayor").stdout
    refused = cli(db, "import", str(changed_page(folder, "Synthetic Successor")))
    assert refused.returncode == 1 and refused.stderr.splitlines() == [f"not stored: the store {db} is read-only"]
    assert db.read_bytes() == before and "Manolo Jiménez Salinas" in cli(db, "ask", "saltillo mayor").stdout


def test_a_read_only_data_folder_answers_questions_and_refuses_imports_in_one_line(folder: Path):
    db = folder / "citybot.json"
    page = changed_page(folder, "Synthetic Successor")
    before = sorted(p.name for p in folder.iterdir())
    folder.chmod(0o555)
    try:
        asked = cli(db, "ask", "saltillo mayor")
        assert asked.returncode == 0 and "Manolo Jiménez Salinas" in asked.stdout, asked.stderr
        refused = cli(db, "import", str(page))
        assert refused.returncode == 1 and refused.stderr.splitlines() == [
            f"not stored: the operations store {folder / 'citybot.operations.sqlite3'} cannot be opened (attempt to "
            "write a readonly database), so subscribers would not be told of the change; make it writable and try "
            "again"], refused.stderr
        assert "Traceback" not in asked.stderr + refused.stderr
    finally:
        folder.chmod(0o755)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert "Manolo Jiménez Salinas" in cli(db, "ask", "saltillo mayor").stdout


@pytest.mark.skipif(not ROOT_USER, reason="only root can write a store another user owns")
def test_root_importing_into_the_bot_users_store_keeps_its_owner_and_mode(folder: Path):
    db = folder / "citybot.json"
    db.chmod(0o640)
    owner = (db.stat().st_uid, db.stat().st_gid)
    assert cli(db, "import", str(changed_page(folder, "Synthetic Root Import")), as_root=True).returncode == 0
    assert ((db.stat().st_uid, db.stat().st_gid), stat.S_IMODE(db.stat().st_mode)) == (owner, 0o640)
    assert all(p.stat().st_uid == owner[0] for p in folder.iterdir() if p.name.startswith("citybot."))
    after = cli(db, "import", str(changed_page(folder, "Synthetic User Import")))  # the bot's user is not locked out
    assert after.returncode == 0, after.stderr
    assert "Synthetic User Import" in cli(db, "ask", "saltillo mayor").stdout


def test_a_symlinked_store_is_written_through_to_its_target(folder: Path):
    real = folder / "volume" / "citybot.json"
    real.parent.mkdir()
    shutil.move(folder / "citybot.json", real)
    link = folder / "citybot.json"
    link.symlink_to(real)
    if ROOT_USER:
        nobody = pwd.getpwnam("nobody")
        os.chown(real.parent, nobody.pw_uid, nobody.pw_gid)
    stored = cli(link, "import", str(changed_page(folder, "Synthetic Through Link")))
    assert stored.returncode == 0, stored.stderr
    assert link.is_symlink() and link.readlink() == real
    leaders = [json.loads(line.split(": ", 1)[1].rstrip(","))["versions"][-1]["snapshot"]["leader"]
               for line in real.read_text(encoding="utf-8").splitlines() if '"saltillo|mexico"' in line]
    assert leaders == ["Synthetic Through Link"]
