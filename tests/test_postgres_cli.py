"""The command line against PostgreSQL: every admin command, and moving the store out and back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEED


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_import_history_rollback_export_and_ask_against_postgres(tmp_path: Path, pg_url: str):
    shared = {"CITYBOT_DATABASE_URL": pg_url, "CITYBOT_DB": str(tmp_path / "not-used.json")}
    page = tmp_path / "saltillo.txt"
    page.write_text(SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Mayor"), encoding="utf-8")
    imported = run(shared, "import", str(page))
    assert imported.returncode == 0, imported.stderr
    assert "Saltillo: update, 1 field changed\n" in imported.stdout
    assert "Synthetic Mayor" in run(shared, "ask", "saltillo mayor").stdout
    history = run(shared, "history", "Saltillo").stdout
    assert "Manolo Jiménez Salinas → Synthetic Mayor" in history
    rolled = run(shared, "rollback", "Saltillo")
    assert rolled.returncode == 0, rolled.stderr
    assert json.loads(run(shared, "export", "Saltillo").stdout)["leader"] == "Manolo Jiménez Salinas"
    assert not (tmp_path / "not-used.json").exists()  # the embedded store was never touched

    embedded = tmp_path / "moved" / "citybot.json"
    moved = run(shared, "migrate-store", pg_url, str(embedded))
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.startswith("moved 50 cities (")
    assert "citybot@" not in moved.stdout  # never prints credentials or user names of the URL
    local = {"CITYBOT_DB": str(embedded)}
    assert [line for line in run(local, "history", "Saltillo").stdout.splitlines() if "rolled back" in line]
    assert "Manolo Jiménez Salinas" in run(local, "ask", "saltillo mayor").stdout
    again = run(shared, "migrate-store", str(embedded), pg_url)
    assert again.returncode == 1 and "already holds data" in again.stderr


def test_an_unreachable_database_is_one_line_naming_the_setting_without_the_password(tmp_path: Path):
    from .test_running import free_port

    url = f"postgresql://citybot:s3cret-pass@127.0.0.1:{free_port()}/citybot"  # nothing listens there
    env = {"CITYBOT_DATABASE_URL": url, "CITYBOT_TOKEN": "123:abc", "PATH": ""}
    for args in (("ask", "saltillo mayor"), ("run",)):
        out = run(env, *args)
        assert out.returncode == 1
        assert "cannot reach the database postgresql://127.0.0.1:" in out.stderr and "check CITYBOT_DATABASE_URL" in out.stderr
        assert "s3cret-pass" not in out.stderr and "Traceback" not in out.stderr
