"""A store file edited by hand: a broken city document is skipped and named, the other cities still answer.

The file is TinyDB JSON, one document per line (knowledge/storage.py); these tests edit those lines the
way an operator with a text editor might, and read the store again.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from knowledge.facts.tinydb_store import TinyDBFacts
from knowledge.store import open_stores

from .conftest import synthetic_city


@pytest.fixture
def path(tmp_path: Path) -> Path:
    stores = open_stores(tmp_path / "db.json", bundled=False)
    stores.facts.publish(stores.facts.plan_all([synthetic_city(), synthetic_city("Synthtown")]))
    stores.close()
    return tmp_path / "db.json"


def edit(path: Path, city: str, replace: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(replace if f'"city": "{city}"' in line else line for line in lines), encoding="utf-8")


def messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_document_that_is_not_json_is_skipped_and_named(path: Path, caplog):
    edit(path, "Synthtown", '"2": {"key": "synthtown|testland", broken},')
    caplog.set_level(logging.ERROR)
    facts = TinyDBFacts(path)
    assert sorted(facts.cities()) == ["synthville|testland"]
    assert messages(caplog) == [f'{path}: a city document is not JSON and is skipped: {{"key": "synthtown|testland", broken}}']


def test_a_document_without_versions_is_skipped_and_named(path: Path, caplog):
    edit(path, "Synthtown", '"2": {"key": "synthtown|testland"},')
    caplog.set_level(logging.ERROR)
    assert sorted(TinyDBFacts(path).cities()) == ["synthville|testland"]
    assert messages(caplog) == [
        f"{path}: a city document without a key or versions is skipped: {{'key': 'synthtown|testland'}}"]


def test_a_version_that_does_not_validate_leaves_the_city_out(path: Path, caplog):
    text = path.read_text(encoding="utf-8").replace('"leader": "Synthetic Mayor of Synthtown"', '"leader": 42')
    path.write_text(text, encoding="utf-8")
    caplog.set_level(logging.ERROR)
    facts = TinyDBFacts(path)
    assert sorted(facts.cities()) == ["synthville|testland"]
    logged = messages(caplog)
    assert logged[0].startswith(f"{path}: synthtown|testland version 1 does not validate and is skipped (")
    assert logged[-1] == f"{path}: synthtown|testland has no valid published version and is left out"


def test_the_operator_sees_where_the_store_is(path: Path):
    assert TinyDBFacts(path).location == str(path)


def test_rolling_back_past_the_first_version_is_refused(path: Path):
    facts = TinyDBFacts(path)
    with pytest.raises(ValueError, match="^there is no earlier published version to roll back to$"):
        facts.rollback("synthville|testland")
    facts.publish([facts.plan(synthetic_city(leader="Other"))])
    undone, now = facts.rollback("synthville|testland")
    assert (undone.leader, now.leader) == ("Other", "Synthetic Mayor of Synthville")
