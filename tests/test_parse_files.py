"""The one door for files (knowledge/parse.py), called in-process: reading, decoding, JSON, records, sources.

Every problem text and value below was written down by a person; the CLI versions of some of these
run as subprocesses in test_hostile_input.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.texts import problem
from knowledge.errors import SnapshotError
from knowledge.parse import parse_bytes, parse_path, read_source

PAGE = "Bogotá\nColombia\nMayor\nAna Example\nPopulation\n5 (2020)\nLead Innovation Officer\nBo Example"


def problems(call) -> list[str]:
    with pytest.raises(SnapshotError) as e:
        call()
    return [problem(p, "en") for p in e.value.problems]


def test_a_file_over_the_limit_is_refused_before_parsing(tmp_path: Path):
    (tmp_path / "big.txt").write_bytes(b"x" * 101)
    assert problems(lambda: read_source(tmp_path / "big.txt", 100)) == [
        "file: the file is 101 bytes, over the 100-byte limit — send one city's snapshot per file"]
    assert read_source(tmp_path / "big.txt", 101) == b"x" * 101  # exactly the limit is fine
    assert problems(lambda: parse_bytes("x.txt", b"x" * 11, max_bytes=10)) == [
        "file: the file is 11 bytes, over the 10-byte limit — send one city's snapshot per file"]


def test_a_missing_file_or_a_pipe_is_named(tmp_path: Path):
    assert problems(lambda: read_source(tmp_path / "missing.txt", 100)) == [
        "file: cannot be read (No such file or directory) — check the path and that you may read it"]
    os.mkfifo(tmp_path / "pipe.txt")
    assert problems(lambda: read_source(tmp_path / "pipe.txt", 100)) == [
        "file: this is a device, pipe or socket, not a file — name a .txt or .json file"]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem")
def test_a_file_that_fails_while_read_is_named_like_one_that_cannot_be_opened():
    # /proc/self/mem is a regular file of size 0 whose first page is unmapped: it opens, then reading fails.
    assert problems(lambda: read_source(Path("/proc/self/mem"), 100)) == [
        "file: cannot be read (Input/output error) — check the path and that you may read it"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-be", "utf-32"])
def test_every_common_encoding_reads_the_same(encoding: str):
    s = parse_bytes("p.txt", PAGE.encode(encoding)).snapshot
    assert (s.city, s.country, s.leader) == ("Bogotá", "Colombia", "Ana Example")


def test_binary_is_refused():
    assert problems(lambda: parse_bytes("x.txt", b"Saltillo\x00\x01\x02 binary")) == [
        "file: this is a binary file, not text — send the page as plain text (.txt) or JSON"]


def test_json_that_is_not_one_object():
    assert problems(lambda: parse_bytes("x.json", b"[1, 2]")) == [
        'file: expected one JSON object, found a list — send one city as {"city": …, "country": …}']
    assert problems(lambda: parse_bytes("x.json", b'{"city": "A",}')) == [
        "line 1, column 14: the JSON is broken here (a missing comma, quote or bracket?) — fix it there"]
    assert problems(lambda: parse_bytes("x.json", b"[" * 100_000 + b"]" * 100_000)) == [
        "file: the JSON is nested too deeply to be a snapshot — send one city as one object of fields"]


def test_a_record_with_a_key_records_do_not_have():
    raw = json.dumps({"city": "A", "country": "B", "source_url": "u", "mayor_name": "x"}).encode()
    assert problems(lambda: parse_bytes("x.json", raw)) == [
        "field mayor_name: not a key of a city record — remove or rename it"]


def test_a_record_becomes_a_snapshot_with_its_benchmark_sentences():
    record = {"source_url": "https://example.org/synthville", "city": "Synthville", "country": "Testland",
              "leader_title": "Mayor", "leader": "Ana", "population": "1,000 (2020)",
              "explicit_innovation_strategy": False, "strategy_benchmark": "50% of cities surveyed",
              "approach": "from a holistic/macro level", "approach_benchmark": "20% of cities surveyed",
              "innovation_helping_to": ["Improve service delivery"], "critical_success_factors": ["Dedicated funding"],
              "page_text_complete": False}
    s = parse_bytes("synthville.json", json.dumps(record).encode()).snapshot
    assert [(b.topic, b.share, b.sentence) for b in s.benchmarks] == [
        ("strategy", "50%", "50% of cities surveyed do not have an explicit innovation strategy."),
        ("approach", "20%", "20% of cities surveyed approach innovation capacity from a holistic/macro level."),
    ]
    assert (s.helping_to, s.success_factors, s.explicit_strategy, s.complete) == (
        ["Improve service delivery"], ["Dedicated funding"], False, False)
    assert (s.source.url, s.source.file) == ("https://example.org/synthville", "synthville.json")
    record["explicit_innovation_strategy"] = True
    s = parse_bytes("synthville.json", json.dumps(record).encode()).snapshot
    assert s.benchmarks[0].sentence == "50% of cities surveyed have an explicit innovation strategy."


def test_a_near_miss_is_mapped_and_a_resemblance_warned():
    raw = json.dumps({"city": "A", "country": "B", "policy_areas": ["Transprot/Mobility", "Ecosystem Development"]})
    parsed = parse_bytes("x.json", raw.encode())
    assert parsed.snapshot.policy_areas == ["Transport/Mobility", "Ecosystem Development"]
    assert [problem(w, "en") for w in parsed.warnings] == [
        "field policy_areas: 'Ecosystem Development' is not a survey label; kept as the city's own — did you mean "
        "'Economic Development'?"]


def test_the_source_records_the_file_name_and_the_uploader():
    s = parse_bytes("some/folder/x.json", json.dumps({"city": "A", "country": "B"}).encode(), uploaded_by="42").snapshot
    assert (s.source.file, s.source.url, s.source.uploaded_by) == ("x.json", None, "42")
    seed = parse_path(Path(__file__).parent.parent / "knowledge" / "data" / "saltillo-mex.txt").snapshot
    assert (seed.source.file, seed.source.uploaded_by) == ("saltillo-mex.txt", None)
