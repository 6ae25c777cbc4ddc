"""The command line as an admin uses it: import, export, history, rollback, schema."""

import json
import subprocess
import sys
from pathlib import Path

from .conftest import RECORDS, ROOT, SEED


def run(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"CITYBOT_DB": str(tmp_path / "db.json")}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_export_imports_back_unchanged(tmp_path: Path):
    out = run(tmp_path, "export", "saltillo")
    assert out.returncode == 0
    exported = json.loads(out.stdout)
    assert exported["leader"] == "Manolo Jiménez Salinas"
    (tmp_path / "saltillo.json").write_text(out.stdout, encoding="utf-8")
    again = run(tmp_path, "import", str(tmp_path / "saltillo.json"))
    assert again.returncode == 0 and "Saltillo: already stored, nothing to store" in again.stdout
    assert json.loads(run(tmp_path, "export", "Saltillo").stdout) == exported


def test_import_all_or_nothing_with_located_errors(tmp_path: Path):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"city": "Synthetic Town", "country": "Testland", "leader": "A"}))
    bad = tmp_path / "bad.json"
    bad.write_text('{"city": "Other", "country": "Testland", "population": {"text": "1", "number": "x"}}')
    out = run(tmp_path, "import", str(good), str(bad))
    assert out.returncode == 1
    assert "bad.json: not stored" in out.stderr and "field population.number" in out.stderr
    assert "nothing stored" in out.stderr
    assert "unknown city" in run(tmp_path, "export", "Synthetic Town").stderr


def test_import_update_then_history_and_rollback(tmp_path: Path):
    page = SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Successor")
    (tmp_path / "saltillo-new.txt").write_text(page, encoding="utf-8")
    out = run(tmp_path, "import", str(tmp_path / "saltillo-new.txt"))
    assert out.returncode == 0, out.stderr
    assert "Saltillo: update, 1 field changed\n" in out.stdout
    assert "Mayor: Manolo Jiménez Salinas → Synthetic Successor" in out.stdout
    history = run(tmp_path, "history", "saltillo").stdout
    assert history.count("published") == 2 and "Mayor: Manolo Jiménez Salinas → Synthetic Successor" in history
    assert "Synthetic Successor" in run(tmp_path, "ask", "saltillo mayor").stdout
    back = run(tmp_path, "rollback", "saltillo")
    assert back.returncode == 0 and "rolled back" in back.stdout
    assert "Manolo Jiménez Salinas" in run(tmp_path, "ask", "saltillo mayor").stdout
    assert "rolled back" in run(tmp_path, "history", "saltillo").stdout


def test_import_folder_of_records_reports_versions(tmp_path: Path):
    out = run(tmp_path, "import", str(RECORDS))
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("already stored, nothing to store") == 51


def test_resembling_name_needs_a_choice(tmp_path: Path):
    record = json.loads((RECORDS / "vienna-aut--2016.json").read_text())
    record["city"], record["leader"] = "Viena", "Synthetic Leader"
    path = tmp_path / "viena.json"
    path.write_text(json.dumps(record))
    out = run(tmp_path, "import", str(path))
    assert out.returncode == 1 and "resembles stored Vienna" in out.stderr and "--similar" in out.stderr
    out = run(tmp_path, "import", "--similar", "update", str(path))
    assert out.returncode == 0 and "Viena: update" in out.stdout
    assert "Synthetic Leader" in run(tmp_path, "ask", "vienna mayor").stdout


def test_history_shows_real_versions(tmp_path: Path):
    out = run(tmp_path, "history", "denver").stdout
    assert "v1" in out and "v2" in out and "City: Denver → Denver, CO" in out
    assert "Population: 693,060 (2016) → 716,492 (2018)" in out


def test_schema_is_json_schema(tmp_path: Path):
    schema = json.loads(run(tmp_path, "schema").stdout)
    assert schema["title"] == "Snapshot" and "city" in schema["required"]


def test_unknown_city_on_the_command_line(tmp_path: Path):
    out = run(tmp_path, "export", "Saltilo")
    assert out.returncode == 0  # a near miss is the city
    out = run(tmp_path, "history", "Atlantis")
    assert out.returncode == 1 and "did you mean" in out.stderr


def test_published_schema_file_is_current(tmp_path: Path):
    """docs/snapshot.schema.json, linked from the README, is what `python -m bot schema` prints."""
    published = json.loads((ROOT / "docs" / "snapshot.schema.json").read_text())
    assert published == json.loads(run(tmp_path, "schema").stdout)


def test_a_corrupted_store_is_reported_not_overwritten(tmp_path: Path):
    (tmp_path / "db.json").write_text('{"cities": {"1": ')
    out = run(tmp_path, "ask", "saltillo mayor")
    assert out.returncode == 1 and "is not valid JSON (line 1" in out.stderr and "Traceback" not in out.stderr
    assert (tmp_path / "db.json").read_text() == '{"cities": {"1": '


def test_cli_import_and_rollback_queue_news_for_the_running_bot(tmp_path: Path):
    from bot.render import notification
    from knowledge.store import open_stores

    operations = open_stores(tmp_path / "db.json").operations
    operations.subscribe(555, "saltillo|mexico", "es")
    page = SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Successor")
    (tmp_path / "s.txt").write_text(page, encoding="utf-8")
    assert run(tmp_path, "import", str(tmp_path / "s.txt")).returncode == 0
    assert run(tmp_path, "rollback", "saltillo").returncode == 0
    texts = [notification(p.event, p.lang) for p in operations.pending() if p.chat == 555]
    assert texts[0].startswith("<b>Saltillo</b> se actualizó:") and "Synthetic Successor" in texts[0]
    assert texts[1].startswith("<b>Saltillo</b> volvió a su versión anterior")
    operations.close()


def test_a_reader_that_stops_early_ends_the_batch_quietly(tmp_path: Path):
    """`python -m bot ask --batch … | head -1`: no BrokenPipeError traceback, exit 0."""
    env_db = tmp_path / "db.json"
    script = (f"yes 'who is the mayor of saltillo?' | head -2000 | CITYBOT_DB={env_db} "
              f"{sys.executable} -m bot ask --batch | head -1; exit ${{PIPESTATUS[2]}}")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert json.loads(done.stdout)["answer"].startswith("Saltillo's mayor is Manolo Jiménez Salinas.")
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr
    assert done.returncode == 0
