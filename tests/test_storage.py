"""The atomic TinyDB storage, through TinyDB's own Storage interface (read/write/transaction)."""

from __future__ import annotations

import errno
import json
import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest

from knowledge.storage import AtomicJSONStorage, NotStored, StoreCorrupted

OLD = {"cities": {"1": {"city": "Synthville"}}}
NEW = {"cities": {"1": {"city": "Synthville"}, "2": {"city": "Synthtown"}}}


def test_another_thread_never_reads_uncommitted_data(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write(OLD)
    written, release = threading.Event(), threading.Event()
    seen_inside: list[object] = []

    def writer() -> None:
        with storage.transaction():
            storage.write(NEW)
            seen_inside.append(storage.read())  # the writer sees its own write
            written.set()
            release.wait(10)

    thread = threading.Thread(target=writer)
    thread.start()
    assert written.wait(10)
    try:
        assert storage.read() == OLD  # not the transaction's pending data
        assert json.loads((tmp_path / "db.json").read_text(encoding="utf-8")) == OLD
    finally:
        release.set()
        thread.join(10)
    assert seen_inside == [NEW]
    assert storage.read() == NEW


def test_a_failed_transaction_writes_nothing(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write(OLD)
    try:
        with storage.transaction():
            storage.write(NEW)
            raise RuntimeError("crash before the end of the transaction")
    except RuntimeError:
        pass
    assert storage.read() == OLD
    assert AtomicJSONStorage(tmp_path / "db.json").read() == OLD


def test_nested_transactions_write_once_at_the_end(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write(OLD)
    with storage.transaction():
        with storage.transaction():
            storage.write(NEW)
        assert AtomicJSONStorage(tmp_path / "db.json").read() == OLD  # the inner end is not the end
    assert AtomicJSONStorage(tmp_path / "db.json").read() == NEW


def test_a_missing_file_reads_as_nothing_and_leaves_no_temporary_files(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "sub" / "db.json")
    assert storage.read() is None
    storage.write(OLD)
    assert sorted(p.name for p in (tmp_path / "sub").iterdir() if not p.name.endswith(".lock")) == ["db.json"]


def test_a_folder_is_not_a_store_file_and_the_message_says_what_to_do(tmp_path: Path):
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage(tmp_path)
    assert str(e.value) == (f"{tmp_path} is a folder, not a store file: set CITYBOT_DB to a file in it, "
                            f"e.g. {tmp_path / 'citybot.json'}")


def test_missing_folders_are_made_and_the_file_gets_the_usual_mode(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "a" / "b" / "db.json")
    storage.write(OLD)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "a" / "b" / "db.json").stat().st_mode) == 0o666 & ~mask
    assert AtomicJSONStorage(tmp_path / "a" / "b" / "db.json").read() == OLD


def test_a_refused_write_says_why_in_one_word():
    assert (NotStored("disk-full", "no space left").reason, str(NotStored("disk-full", "no space left"))) == (
        "disk-full", "no space left")


def test_a_read_only_store_refuses_to_write_and_says_so(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write(OLD)
    (tmp_path / "db.json").chmod(0o444)
    with pytest.raises(NotStored) as e:
        storage.write(NEW)
    assert (e.value.reason, str(e.value)) == ("read-only", f"not stored: the store {tmp_path / 'db.json'} is read-only")
    assert storage.read() == OLD


@pytest.mark.parametrize(("code", "reason", "message"), [
    (errno.ENOSPC, "disk-full", "not stored: the disk is full ({path})"),
    (errno.EROFS, "read-only", "not stored: {path} cannot be written (Read-only file system)"),
    (errno.EIO, "failed", "not stored: writing {path} failed (Input/output error)"),
])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path, monkeypatch, code, reason, message):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)

    def fail(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(NotStored) as e:
        storage.write(NEW)
    assert (e.value.reason, str(e.value)) == (reason, message.format(path=path))
    assert AtomicJSONStorage(path).read() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["db.json"]


def test_temporary_files_of_a_killed_writer_are_removed_at_the_next_start(tmp_path: Path):
    AtomicJSONStorage(tmp_path / "db.json").write(OLD)
    (tmp_path / "db.json.abc123.tmp").write_text("half a store")
    (tmp_path / "other.json.abc123.tmp").write_text("not ours")
    AtomicJSONStorage(tmp_path / "db.json")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["db.json",
                                                                                        "other.json.abc123.tmp"]


def test_a_store_changed_by_something_else_is_named_and_not_written_over(tmp_path: Path):
    (tmp_path / "db.json").write_text('{"cities": {"1": {"key": ', encoding="utf-8")
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage(tmp_path / "db.json").read()
    assert str(e.value) == (f"the store {tmp_path / 'db.json'} is not valid JSON (line 1, column 26): it was changed "
                            "by something other than CityBot. Restore it from a backup, or move it away to start from "
                            "the bundled data.")
    (tmp_path / "db.json").write_text('{"cities": []}', encoding="utf-8")
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage(tmp_path / "db.json").read()
    assert str(e.value) == f"the store {tmp_path / 'db.json'} is JSON but not a CityBot store (tables of documents)."


def test_the_file_holds_one_document_a_line(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"cities": {}})
    assert (tmp_path / "db.json").read_text(encoding="utf-8") == '{\n"cities": {}\n}\n'
    storage.write({"cities": {"1": {"a": "é"}, "2": {"b": 2}}, "meta": {}})
    assert (tmp_path / "db.json").read_text(encoding="utf-8") == (
        '{\n"cities": {\n"1": {"a": "é"},\n"2": {"b": 2}\n},\n"meta": {}\n}\n')
    assert storage.read_lines() == {"cities": {"1": '{"a": "é"}', "2": '{"b": 2}'}, "meta": {}}


def test_a_file_laid_out_otherwise_is_read_line_by_line_all_the_same(tmp_path: Path):
    (tmp_path / "db.json").write_text('{"cities": {"1": {"a": 1}, "2": {"b": [1, 2]}}}', encoding="utf-8")
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.read_lines() == {"cities": {"1": '{"a": 1}', "2": '{"b": [1, 2]}'}}
    assert storage.read() == {"cities": {"1": {"a": 1}, "2": {"b": [1, 2]}}}


def test_an_empty_table_before_another_reads_back(tmp_path: Path):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write({"meta": {}, "cities": {"1": {"a": 1}}})
    assert (tmp_path / "db.json").read_text(encoding="utf-8") == '{\n"meta": {},\n"cities": {\n"1": {"a": 1}\n}\n}\n'
    assert storage.read_lines() == {"meta": {}, "cities": {"1": '{"a": 1}'}}


def test_no_room_even_for_the_temporary_file(tmp_path: Path, monkeypatch):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    storage.write(OLD)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(NotStored) as e:
        storage.write(NEW)
    assert (e.value.reason, str(e.value)) == ("disk-full", f"not stored: the disk is full ({tmp_path / 'db.json'})")
    assert AtomicJSONStorage(tmp_path / "db.json").read() == OLD
