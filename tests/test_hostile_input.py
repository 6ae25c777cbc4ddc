"""What operators and attackers feed the CLI: every one refused (or understood) in one clear message,
nothing stored from a bad file, no traceback, and the store still usable afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import texts
from knowledge.errors import SnapshotError
from knowledge.parse import parse_bytes, parse_path

from .conftest import ROOT, SEED


def run(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {"CITYBOT_DB": str(tmp_path / "db.json"), **env}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


def refused(raw: bytes, name: str = "upload.json") -> list[str]:
    with pytest.raises(SnapshotError) as e:
        parse_bytes(name, raw)
    return [texts.problem(p, "en") for p in e.value.problems]


def no_traceback(out: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in out.stderr and "Traceback" not in out.stdout, out.stderr


# ---- identity (2, 16) ----------------------------------------------------------------------------


def test_cities_written_in_other_scripts_are_different_cities(tmp_path: Path):
    for name in ("北京", "上海"):
        (tmp_path / f"{name}.json").write_text(json.dumps({"city": name, "country": "China"}), encoding="utf-8")
    first = run(tmp_path, "import", str(tmp_path / "北京.json"))
    second = run(tmp_path, "import", str(tmp_path / "上海.json"))
    assert "北京: new city" in first.stdout and "上海: new city" in second.stdout, second.stdout + second.stderr
    assert json.loads(run(tmp_path, "export", "上海").stdout)["city"] == "上海"
    assert json.loads(run(tmp_path, "export", "北京").stdout)["city"] == "北京"


@pytest.mark.parametrize(("written", "typed", "country"), [
    ("Łódź", "Lodz", "Poland"), ("Ærøskøbing", "Aeroskobing", "Denmark"), ("Đà Nẵng", "Da Nang", "Vietnam"),
    ("Tromsø", "Tromso", "Norway"), ("Gießen", "Giessen", "Germany"), ("Þórshöfn", "Thorshofn", "Iceland"),
])
def test_letters_with_a_stroke_or_ligature_are_the_city_typed_without_them(tmp_path: Path, written: str, typed: str,
                                                                           country: str):
    for name, leader in ((written, "Synthetic First"), (typed, "Synthetic Second")):
        (tmp_path / f"{leader}.json").write_text(json.dumps({"city": name, "country": country, "leader": leader}),
                                                 encoding="utf-8")
    assert run(tmp_path, "import", str(tmp_path / "Synthetic First.json")).stdout == f"{written}: new city\n"
    second = run(tmp_path, "import", str(tmp_path / "Synthetic Second.json"))
    assert second.stdout == (f"{typed}: update, 2 fields changed\n  City: {written} → {typed}\n"
                             "  Leader: Synthetic First → Synthetic Second\n"), second.stderr
    assert "Synthetic Second" in run(tmp_path, "ask", f"{written} mayor").stdout


def test_a_store_keyed_by_the_older_folding_rule_still_matches_its_cities(tmp_path: Path):
    """Releases before stroke letters were folded stored Łódź under 'łodz|poland': it is the same city still."""
    (tmp_path / "first.json").write_text(json.dumps({"city": "Łódź", "country": "Poland", "leader": "Synthetic First"}),
                                         encoding="utf-8")
    assert run(tmp_path, "import", str(tmp_path / "first.json")).returncode == 0
    db = tmp_path / "db.json"
    db.write_text(db.read_text(encoding="utf-8").replace('"key": "lodz|poland"', '"key": "łodz|poland"'),
                  encoding="utf-8")
    (tmp_path / "again.json").write_text(json.dumps({"city": "Lodz", "country": "Poland", "leader": "Synthetic Next"}),
                                         encoding="utf-8")
    again = run(tmp_path, "import", str(tmp_path / "again.json"))
    assert again.stdout.splitlines()[0] == "Lodz: update, 2 fields changed", again.stdout + again.stderr
    keys = [doc["key"] for doc in json.loads(db.read_text(encoding="utf-8"))["cities"].values()]
    assert [k for k in keys if "poland" in k] == ["łodz|poland"]
    assert "Synthetic Next" in run(tmp_path, "ask", "lodz mayor").stdout


def test_a_name_of_punctuation_only_is_refused():
    assert refused(json.dumps({"city": "!!!", "country": "Testland"}).encode()) == [
        "field city: has no letters or digits — write the name as the page does"]


def test_zero_width_space_in_a_name_is_the_same_city(store):
    raw = json.dumps({"city": "Salt\u200billo", "country": "Mexico"}).encode()
    snapshot = parse_bytes("x.json", raw).snapshot
    assert snapshot.city == "Saltillo"
    assert store.plan(snapshot).key == "saltillo|mexico"


def test_right_to_left_override_that_fakes_a_name_is_refused():
    found = refused(json.dumps({"city": "\u202eollitlaS\u200b", "country": "Mexico"}).encode())
    assert found[0].startswith("field city: contains an invisible right-to-left/left-to-right override")


# ---- encodings (16) ------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252", "latin-1", "utf-8-sig"])
def test_page_saved_in_another_encoding_reads_the_same(encoding: str):
    text = SEED.read_text(encoding="utf-8")
    if encoding == "latin-1":  # Latin-1 has no bullets or curly quotes
        text = text.replace("•", "-").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    snapshot = parse_bytes("saltillo.txt", text.encode(encoding)).snapshot
    assert snapshot.leader == "Manolo Jiménez Salinas" and snapshot.country == "Mexico"


def test_windows_1252_json_upload_keeps_its_accents():
    raw = json.dumps({"city": "Bogotá", "country": "Colombia", "leader": "Claudia López"},
                     ensure_ascii=False).encode("cp1252")
    snapshot = parse_bytes("bogota.json", raw).snapshot
    assert (snapshot.city, snapshot.leader) == ("Bogotá", "Claudia López")


# ---- plain words, summaries, sizes (7, 9, 13, 15) ------------------------------------------------


def test_unknown_field_is_named_with_the_field_it_probably_meant():
    found = refused(json.dumps({"city": "X", "country": "Y", "mayor": "Z", "poplation": "1"}).encode())
    assert found == ["field mayor: unknown field 'mayor' — did you mean 'leader'? — rename or remove it",
                     "field poplation: unknown field 'poplation' — did you mean 'population'? — rename or remove it"]


def test_hundred_thousand_items_are_refused_in_well_under_a_second():
    raw = json.dumps({"city": "Synthetic Flood", "country": "Testland",
                      "policy_areas": [f"Synthetic area {i}" for i in range(100_000)]}).encode()
    assert 1_000_000 < len(raw) < 3_000_000
    started = time.perf_counter()
    found = refused(raw)
    assert time.perf_counter() - started < 0.5
    assert found == ["field policy_areas: 100,000 items; at most 100 are allowed — a snapshot page lists a few "
                     "dozen at most: check the file"]


def test_thousands_of_problems_are_summarised(tmp_path: Path):
    record = {"source_url": "u", "city": "X", "country": "Y", **{f"synthetic_key_{i}": 1 for i in range(5000)}}
    (tmp_path / "many.json").write_text(json.dumps(record))
    out = run(tmp_path, "import", str(tmp_path / "many.json"), CITYBOT_MAX_UPLOAD_BYTES="10000000")
    assert out.returncode == 1 and len(out.stderr.splitlines()) <= 14, out.stderr
    assert "…and 4,990 more problems like these" in out.stderr


def test_deeply_nested_json_is_one_line(tmp_path: Path):
    (tmp_path / "deep.json").write_text('{"city": ' + "[" * 100_000 + "]" * 100_000 + "}")
    out = run(tmp_path, "import", str(tmp_path / "deep.json"))
    no_traceback(out)
    assert out.returncode == 1 and "the JSON is nested too deeply to be a snapshot" in out.stderr


def test_devices_and_pipes_are_refused_without_reading(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        started = time.perf_counter()
        out = run(tmp_path, "import", path)
        no_traceback(out)
        assert out.returncode == 1 and "this is a device, pipe or socket, not a file" in out.stderr
        assert time.perf_counter() - started < 30


def test_the_configured_upload_limit_is_the_one_limit(tmp_path: Path):
    city = json.dumps({"city": "Synthetic Padded", "country": "Testland"})
    (tmp_path / "padded.json").write_text(city + " " * 1_500_000)  # valid JSON, 1.5 MB
    small = run(tmp_path, "import", str(tmp_path / "padded.json"), CITYBOT_MAX_UPLOAD_BYTES="1000")
    assert small.returncode == 1 and "over the 1,000-byte limit" in small.stderr
    default = run(tmp_path, "import", str(tmp_path / "padded.json"))
    assert default.returncode == 1 and "over the 1,000,000-byte limit" in default.stderr
    raised = run(tmp_path, "import", str(tmp_path / "padded.json"), CITYBOT_MAX_UPLOAD_BYTES="2000000")
    assert raised.returncode == 0 and "Synthetic Padded: new city" in raised.stdout, raised.stderr


# ---- metadata that would poison the store (6) ------------------------------------------------------


@pytest.mark.parametrize(("user", "problem"), [
    ("", "must not be empty"),
    ("   ", "must not be empty"),
    ("u" * 2000, "text of 2,000 characters; at most 1,000 are allowed"),
])
def test_import_with_a_bad_uploader_name_stores_nothing(tmp_path: Path, user: str, problem: str):
    (tmp_path / "c.json").write_text(json.dumps({"city": "Synthetic Meta", "country": "Testland"}))
    out = run(tmp_path, "import", "--user", user, str(tmp_path / "c.json"))
    assert out.returncode == 1 and f"the uploader's name: {problem}" in out.stderr, out.stderr
    assert "nothing stored" in out.stderr
    assert run(tmp_path, "rollback", "saltillo").returncode == 1  # the store still opens; nothing to undo
    assert "Manolo Jiménez Salinas" in run(tmp_path, "ask", "saltillo mayor").stdout


def test_a_file_name_over_a_thousand_characters_is_refused():
    with pytest.raises(SnapshotError) as e:
        parse_bytes("n" * 1500 + ".json", json.dumps({"city": "X", "country": "Y"}).encode())
    assert [texts.problem(p, "en") for p in e.value.problems] == [
        "the file's name: text of 1,505 characters; at most 1,000 are allowed — shorten it"]


def test_empty_token_is_named_not_shown(tmp_path: Path):
    out = run(tmp_path, "run", CITYBOT_TOKEN="")
    no_traceback(out)
    assert out.returncode == 1 and "CITYBOT_TOKEN is malformed: is not a bot token" in out.stderr
    secret = run(tmp_path, "run", CITYBOT_TOKEN="not-a-token-S3CRET")
    assert "S3CRET" not in secret.stderr and "CITYBOT_TOKEN is malformed" in secret.stderr


def test_a_store_holding_an_invalid_version_opens_skips_it_loudly_and_rolls_it_back(tmp_path: Path):
    page = SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Successor")
    (tmp_path / "saltillo-new.txt").write_text(page, encoding="utf-8")
    assert run(tmp_path, "import", str(tmp_path / "saltillo-new.txt")).returncode == 0
    db = tmp_path / "db.json"
    data = json.loads(db.read_text(encoding="utf-8"))
    for doc in data["cities"].values():  # what an older release let through: an empty uploader name
        if doc["key"] == "saltillo|mexico":
            doc["versions"][-1]["snapshot"]["source"]["uploaded_by"] = ""
    db.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    asked = run(tmp_path, "ask", "saltillo mayor")
    no_traceback(asked)
    assert "Manolo Jiménez Salinas" in asked.stdout  # the version before the bad one answers
    assert "saltillo|mexico version 2 does not validate and is skipped" in asked.stderr
    assert "Chicago" in run(tmp_path, "ask", "chicago mayor").stdout  # every other city as before
    back = run(tmp_path, "rollback", "saltillo")
    no_traceback(back)
    assert back.returncode == 0 and "rolled back" in back.stdout
    history = run(tmp_path, "history", "saltillo")
    assert history.returncode == 0 and "Manolo Jiménez Salinas" in run(tmp_path, "ask", "saltillo mayor").stdout


@pytest.mark.parametrize(("content", "problem"), [
    (b"[1, 2]", "is JSON but not a CityBot store"),
    (b'{"cities": {"1": "\xff\xfe"}}', "is not UTF-8 text"),
    (b'{"cities": {"1": ', "is not valid JSON"),
])
def test_a_store_the_bot_cannot_use_is_one_line_and_never_overwritten(tmp_path: Path, content: bytes, problem: str):
    db = tmp_path / "db.json"
    db.write_bytes(content)
    for args in (("ask", "saltillo mayor"), ("import", str(SEED)), ("run",)):
        out = run(tmp_path, *args, CITYBOT_TOKEN="123:abc")
        no_traceback(out)
        assert out.returncode == 1 and problem in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert db.read_bytes() == content


def test_a_folder_as_the_store_or_no_folder_for_it_is_one_line(tmp_path: Path):
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "a-file").write_text("")
    for db, problem in ((tmp_path / "folder.json", "is a folder, not a store file: set CITYBOT_DB to a file in it"),
                        (tmp_path / "a-file" / "sub" / "db.json", "cannot use the folder")):
        for args in (("ask", "saltillo mayor"), ("run",)):
            out = run(tmp_path, *args, CITYBOT_DB=str(db), CITYBOT_TOKEN="123:abc")
            no_traceback(out)
            assert out.returncode == 1 and problem in out.stderr and len(out.stderr.strip().splitlines()) == 1


def test_a_file_where_the_store_folder_should_be_is_one_line(tmp_path: Path):
    (tmp_path / "a-file").write_text("")
    for db in (tmp_path / "a-file" / "db.json", tmp_path / "a-file" / "deeper" / "db.json"):
        for args in (("ask", "saltillo mayor"), ("import", str(SEED)), ("run",)):
            out = run(tmp_path, *args, CITYBOT_DB=str(db), CITYBOT_TOKEN="123:abc")
            no_traceback(out)
            head = "cannot start CityBot" if args == ("run",) else "cannot open the store"
            assert out.returncode == 1 and out.stderr.strip().splitlines() == [
                f"{head}: cannot use the folder {db.parent} for the store: {tmp_path / 'a-file'} is a file, not a "
                "folder; set CITYBOT_DB to a file in a folder"]
    assert (tmp_path / "a-file").read_text() == ""


@pytest.mark.parametrize(("content", "skipped"), [
    ('{"cities": {"1": 5}}', "5"),
    ('{"cities": {"1": {"name": "Saltillo"}}}', "{'name': 'Saltillo'}"),
])
def test_a_store_of_documents_citybot_did_not_write_is_never_written_over(tmp_path: Path, content: str, skipped: str):
    db = tmp_path / "db.json"
    db.write_text(content, encoding="utf-8")
    problem = (f"the store {db} was changed by something other than CityBot (document 1 of table 'cities' is not one "
               "CityBot wrote); restore it from a backup, or remove that document")
    for args in (("ask", "saltillo mayor"), ("import", str(SEED)), ("run",)):
        out = run(tmp_path, *args, CITYBOT_TOKEN="123:abc")
        no_traceback(out)
        head = "cannot start CityBot" if args == ("run",) else "cannot open the store"
        lines = out.stderr.strip().splitlines()
        assert out.returncode == 1 and len(lines) == 2 and lines[1] == f"{head}: {problem}", out.stderr
        assert lines[0].endswith(f"{db}: a city document without a key or versions is skipped: {skipped}")
    assert db.read_text(encoding="utf-8") == content


def test_an_import_whose_news_could_not_be_queued_stores_nothing(tmp_path: Path):
    """Questions may go on with the operations store in memory; an import may not: its news would be lost."""
    assert run(tmp_path, "ask", "saltillo mayor").returncode == 0
    ops = tmp_path / "db.operations.sqlite3"
    for companion in tmp_path.glob("db.operations.sqlite3*"):
        companion.unlink()
    ops.mkdir()  # something in the way: SQLite cannot open it
    before = (tmp_path / "db.json").read_bytes()
    asked = run(tmp_path, "ask", "saltillo mayor")
    assert asked.returncode == 0 and "Manolo Jiménez Salinas" in asked.stdout
    page = SEED.read_text(encoding="utf-8").replace("Manolo Jiménez Salinas", "Synthetic Successor")
    (tmp_path / "s.txt").write_text(page, encoding="utf-8")
    for args in (("import", str(tmp_path / "s.txt")), ("rollback", "saltillo")):
        out = run(tmp_path, *args)
        no_traceback(out)
        assert out.returncode == 1 and out.stderr.splitlines() == [
            f"not stored: the operations store {ops} cannot be opened (unable to open database file), so subscribers "
            "would not be told of the change; make it writable and try again"]
    assert (tmp_path / "db.json").read_bytes() == before


def test_importing_a_folder_without_snapshots_says_so_and_stores_nothing(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    out = run(tmp_path, "import", str(tmp_path / "empty"), str(SEED))
    no_traceback(out)
    assert out.returncode == 1 and out.stderr.splitlines() == [
        f"{tmp_path / 'empty'}: not stored",
        "  file: the folder holds no .txt or .json file — name the snapshot files, or their folder",
        "nothing stored: fix the files above and import again"]
    assert out.stdout == ""


def test_a_folder_read_as_a_file_is_one_problem(tmp_path: Path):
    with pytest.raises(SnapshotError) as e:
        parse_path(tmp_path, max_bytes=1000)
    assert [texts.problem(p, "en") for p in e.value.problems] == [
        "file: this is a folder, not a file — name a .txt or .json file"]


def test_a_data_folder_the_bot_cannot_write_is_one_line(tmp_path: Path):
    """As a bind-mounted folder owned by another user is for the container's user; /sys refuses even root."""
    try:
        Path("/sys/citybot-probe").touch()
        Path("/sys/citybot-probe").unlink()
        pytest.skip("/sys is writable here")
    except OSError:
        pass
    out = run(tmp_path, "run", CITYBOT_DB="/sys/citybot.json", CITYBOT_TOKEN="123:abc")
    no_traceback(out)
    assert out.returncode == 1 and out.stderr.strip().splitlines() == [
        "cannot start CityBot: the store /sys/citybot.json cannot be created (not stored: /sys/citybot.json cannot be "
        f"written (Permission denied)): make /sys writable for user id {os.geteuid()}, or set CITYBOT_DB to a file in a "
        "folder it may write"]


def test_temporary_files_left_by_a_killed_writer_are_removed_at_start(tmp_path: Path):
    assert run(tmp_path, "ask", "saltillo mayor").returncode == 0
    stale = [tmp_path / "db.json.k1ll3d.tmp", tmp_path / "db.json.x9y8z7.tmp"]
    for f in stale:
        f.write_bytes(b"{" * 1_000_000)  # a full-size, half-written copy
    keep = tmp_path / "notes.tmp"
    keep.write_text("not ours")
    assert "Manolo Jiménez Salinas" in run(tmp_path, "ask", "saltillo mayor").stdout
    assert [f.exists() for f in stale] == [False, False] and keep.exists()


def test_a_page_with_a_hundred_thousand_items_is_refused_in_well_under_a_second():
    page = SEED.read_text(encoding="utf-8")
    at = page.index("Economic Development")
    raw = (page[:at] + "".join(f"• Synthetic area {n}\n" for n in range(100_000)) + page[at:]).encode()
    started = time.perf_counter()
    with pytest.raises(SnapshotError) as e:
        parse_bytes("flood.txt", raw, max_bytes=5_000_000)
    assert time.perf_counter() - started < 0.5
    assert [texts.problem(p, "en") for p in e.value.problems] == [
        "file: the page has 100,178 lines; a snapshot page has a few hundred at most (the limit is 2,000) — send one "
        "city's page per file"]
