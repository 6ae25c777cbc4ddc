"""The atomic store file, for the bugs mutation testing planted and the other storage tests let through:
the folder that cannot be made, the temporary file's name and place, owner and mode kept, a locale
that is not UTF-8, hand-edited files (empty, indented, Windows line endings), the read cache.

Every expected value below is written out by hand; run with `tests/mutate.sh knowledge.storage
"test_storage or test_store or test_mutants_storage"`.
"""

from __future__ import annotations

import contextlib
import fnmatch
import locale
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge import storage as storage_module
from knowledge.storage import AtomicJSONStorage, NotStored, StoreCorrupted

OLD = {"cities": {"1": {"city": "Synthville"}}}
ACCENTED = {"cities": {"1": {"city": "São Synthville", "country": "Perú"}}}


@contextlib.contextmanager
def ascii_locale() -> Iterator[None]:
    """The process's character set as a service started with LC_ALL=C on an older system has it."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        assert locale.getpreferredencoding(False) != "UTF-8"
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


def test_the_umask_is_read_without_changing_it():
    before = os.umask(0o027)
    try:
        assert storage_module._umask() == 0o027
        assert os.umask(0o027) == 0o027  # still the same afterwards
    finally:
        os.umask(before)


def test_a_folder_name_the_system_refuses_is_named_with_the_reason(tmp_path: Path):
    folder = tmp_path / ("x" * 300)  # a name may have 255 bytes
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage(folder / "db.json")
    assert str(e.value) == (f"cannot use the folder {folder} for the store (File name too long): "
                            "create it where this user may write, or set CITYBOT_DB to a file in such a folder")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where no folder can be made")
def test_a_folder_that_cannot_be_made_stops_the_store_at_once():
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage("/proc/citybot-test/db.json")
    assert str(e.value) == ("cannot use the folder /proc/citybot-test for the store (No such file or directory): "
                            "create it where this user may write, or set CITYBOT_DB to a file in such a folder")


def test_the_temporary_file_is_beside_the_store_and_named_after_it(tmp_path: Path, monkeypatch):
    storage = AtomicJSONStorage(tmp_path / "db.json")
    seen: list[list[str]] = []
    fsync = os.fsync

    def look(fd: int) -> None:  # the folder as it is while the new file is being made durable
        seen.append(sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", look)
    storage.write(OLD)
    first = seen[0]
    assert len(first) == 1, first  # no store yet: only the temporary file
    assert fnmatch.fnmatchcase(first[0], "db.json.*.tmp"), first
    assert len(first[0]) == len("db.json.") + 8 + len(".tmp"), first  # tempfile's eight random letters
    # what a killed writer would leave is what the next start removes
    (tmp_path / first[0]).write_text("half a store")
    monkeypatch.setattr(os, "fsync", fsync)
    AtomicJSONStorage(tmp_path / "db.json")
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["db.json"]


def test_a_write_keeps_the_mode_the_operator_gave_the_file(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)
    path.chmod(0o640)
    storage.write(ACCENTED)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert AtomicJSONStorage(path).read() == ACCENTED


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_root_writing_a_users_store_gives_it_back_to_that_user(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)
    os.chown(path, 4321, 4322)
    storage.write(ACCENTED)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)
    assert AtomicJSONStorage(path).read() == ACCENTED


def test_an_owner_that_cannot_be_given_back_still_lets_the_write_through(tmp_path: Path, monkeypatch):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)
    uid, gid = path.stat().st_uid, path.stat().st_gid
    if os.geteuid() == 0:  # as root, make the file another user's; otherwise it is already ours
        os.chown(path, uid + 1, gid + 1)
    refused: list[tuple[int, int]] = []

    def refuse(tmp: str, owner: int, group: int) -> None:  # what an ordinary user gets from chown
        refused.append((owner, group))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chown", refuse)
    storage.write(ACCENTED)
    assert AtomicJSONStorage(path).read() == ACCENTED
    if os.geteuid() == 0:
        assert refused == [(uid + 1, gid + 1)]


def test_no_write_bit_is_read_only_even_for_root_and_an_executable_file(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)
    path.chmod(0o445)  # r--r--r-x: root may write anything, but the operator said no
    with pytest.raises(NotStored) as e:
        storage.write(ACCENTED)
    assert (e.value.reason, str(e.value)) == ("read-only", f"not stored: the store {path} is read-only")
    assert AtomicJSONStorage(path).read() == OLD


def test_a_document_json_cannot_hold_fails_as_itself_and_changes_nothing(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(OLD)
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        storage.write({"cities": {"1": {"city": {"a set"}}}})
    assert AtomicJSONStorage(path).read() == OLD
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == ["db.json"]


def test_the_store_is_utf8_whatever_the_locale(tmp_path: Path):
    path = tmp_path / "db.json"
    with ascii_locale():
        AtomicJSONStorage(path).write(ACCENTED)
        assert AtomicJSONStorage(path).read() == ACCENTED
        assert AtomicJSONStorage(path).read_lines() == {
            "cities": {"1": '{"city": "São Synthville", "country": "Perú"}'}}
    assert path.read_bytes() == ('{\n"cities": {\n"1": {"city": "São Synthville", "country": "Perú"}\n}\n}\n'
                                 ).encode()


def test_a_store_that_is_not_utf8_is_named_with_what_to_do(tmp_path: Path):
    path = tmp_path / "db.json"
    path.write_bytes('{"cities": {"1": {"city": "Perú"}}}'.encode("latin-1"))
    with pytest.raises(StoreCorrupted) as e:
        AtomicJSONStorage(path).read()
    assert str(e.value) == (f"the store {path} is not UTF-8 text: it was changed by something other than CityBot. "
                            "Restore it from a backup, or move it away to start from the bundled data.")


@pytest.mark.parametrize("text", ["", "\n", "  \n\n"], ids=["empty", "one newline", "blank lines"])
def test_an_empty_store_file_is_no_store_yet(tmp_path: Path, text: str):
    (tmp_path / "db.json").write_text(text, encoding="utf-8")
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.read() is None
    assert storage.read_lines() == {}


def test_an_indented_file_is_read_whole(tmp_path: Path):
    (tmp_path / "db.json").write_text('{\n  "cities": {\n    "1": {"city": "Perú"},\n    "2": {"b": [1, 2]}\n  }\n}\n',
                                      encoding="utf-8")
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.read() == {"cities": {"1": {"city": "Perú"}, "2": {"b": [1, 2]}}}
    assert storage.read_lines() == {"cities": {"1": '{"city": "Perú"}', "2": '{"b": [1, 2]}'}}


def test_a_hand_edited_file_is_read_back_in_the_stores_own_spelling(tmp_path: Path):
    """Windows line endings and no spaces: each document as the store itself would write it, accents as they are."""
    (tmp_path / "db.json").write_bytes(b'{\r\n"cities": {\r\n"1": {"city":"S\xc3\xa3o"}\r\n}\r\n}\r\n')
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.read_lines() == {"cities": {"1": '{"city": "São"}'}}
    assert storage.read() == {"cities": {"1": {"city": "São"}}}


def test_the_stores_own_layout_is_read_line_by_line_without_one_long_parse(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"cities": {"1": {"a": 1}}, "meta": {}, "usage": {"7": {"n": 2}}, "last": {}})
    assert path.read_text(encoding="utf-8") == (
        '{\n"cities": {\n"1": {"a": 1}\n},\n"meta": {},\n"usage": {\n"7": {"n": 2}\n},\n"last": {}\n}\n')
    assert storage._lines() == ({"cities": {"1": '{"a": 1}'}, "meta": {}, "usage": {"7": '{"n": 2}'}, "last": {}},
                                None)


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path):
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    written = {"cities": {"1": {"city": "Synthville"}}}
    storage.write(written)
    assert storage.read() is written  # what this storage just wrote is not read back from the file
    mtime = path.stat().st_mtime_ns
    os.utime(path, ns=(mtime, mtime + 1_000_000_000))  # the same text, but touched: another file version
    first = storage.read()
    assert first == OLD and first is not written
    assert storage.read() is first  # the same object: no second parse
    assert AtomicJSONStorage(path).read() is not first


def test_a_change_by_another_writer_is_seen_at_the_next_read(tmp_path: Path):
    path = tmp_path / "db.json"
    reader, writer = AtomicJSONStorage(path), AtomicJSONStorage(path)
    writer.write(OLD)
    assert reader.read() == OLD
    writer.write(ACCENTED)
    assert reader.read() == ACCENTED
    writer.write(OLD)
    assert reader.read() == OLD
