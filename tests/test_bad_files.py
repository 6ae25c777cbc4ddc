"""Files that are not snapshots are refused with where, what and how to fix it."""

import json

import pytest

from bot.texts import problem
from knowledge.errors import SnapshotError
from knowledge.parse import parse_bytes


def problems(raw: bytes, name: str = "upload.txt") -> list[str]:
    with pytest.raises(SnapshotError) as e:
        parse_bytes(name, raw)
    return [problem(p, "en") for p in e.value.problems]


def test_empty_file():
    assert problems(b"  \n") == ["file: the file is empty — send the snapshot page text or JSON"]


def test_binary_file():
    assert "binary" in problems(b"\x89PNG\r\n\x1a\n\x00\x00")[0]


def test_text_with_control_characters_is_binary():
    assert problems(b"Saltillo\nMexico\n\x01\x02\x03\x1b[0m")[0].startswith("file: this is a binary file")


def test_random_prose():
    msg = problems(b"Dear team,\nthe meeting moved to Thursday.\nBest, Ana\n")[0]
    assert msg == ("file: this is not a City Innovation Snapshot page: none of its section headings were found — "
                   "paste the page text from the city's name down, with its section headings")


def test_no_city_name_above_the_first_section():
    msg = problems(b"Population\n\n709,671 (2010)\n\nLead Innovation Officer\n\nAna\n")[0]
    assert msg.startswith("line 1: the city and country lines are missing") and "start the page with" in msg


def test_json_syntax_error_names_line_and_column():
    msg = problems(b'{\n  "city": "X",\n  "country": \n}', "x.json")[0]
    assert msg == "line 4, column 1: the JSON is broken here (a missing comma, quote or bracket?) — fix it there"


def test_json_of_the_wrong_shape_names_the_field_path():
    raw = json.dumps({"city": "X", "country": "Y", "population": {"text": "1", "number": "many"},
                      "mayor": "Z"}).encode()
    found = problems(raw, "x.json")
    assert any(p.startswith("field population.number:") for p in found)
    assert "field mayor: unknown field 'mayor' — did you mean 'leader'? — rename or remove it" in found
    assert "field population.number: expected a whole number, found 'many' — write digits only, e.g. 2018" in found


def test_json_without_a_city():
    assert problems(b'{"country": "Mexico"}', "x.json") == ["(top level): 'city' is missing — add it"]


def test_json_list_is_refused():
    assert "expected one JSON object" in problems(b"[1, 2]", "x.json")[0]


def test_record_with_unknown_key():
    raw = json.dumps({"source_url": "u", "city": "X", "country": "Y", "colour": "red"}).encode()
    assert problems(raw, "x.json")[0].startswith("field colour: not a key of a city record")


def test_near_miss_label_is_kept_and_flagged():
    raw = json.dumps({"city": "X", "country": "Y", "policy_areas": ["Transprot/Mobilty", "Economic Develpment"]})
    parsed = parse_bytes("x.json", raw.encode())
    assert parsed.snapshot.policy_areas == ["Transport/Mobility", "Economic Development"]
    raw = json.dumps({"city": "X", "country": "Y", "policy_areas": ["Ecosystem Development"]})
    parsed = parse_bytes("x.json", raw.encode())
    assert parsed.snapshot.policy_areas == ["Ecosystem Development"]
    assert parsed.snapshot.city_written() == {"policy_areas": ["Ecosystem Development"]}
    assert problem(parsed.warnings[0], "en") == ("field policy_areas: 'Ecosystem Development' is not a survey label; "
                                                 "kept as the city's own — did you mean 'Economic Development'?")


def test_page_that_lost_its_first_lines_names_the_city_it_is_about():
    from .conftest import SEED

    text = SEED.read_text(encoding="utf-8").split("Mayor", 1)[1]  # the stored copy lost its first lines
    msg = problems(text.encode())[0]
    assert msg.startswith("line ") and "city and country lines are missing" in msg and "“Saltillo”" in msg
