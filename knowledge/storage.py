"""A TinyDB storage that never leaves a half-written file, never loses a concurrent write, and keeps
the file as the operator set it up.

TinyDB's JSONStorage rewrites its file in place, so a crash mid-write leaves broken JSON. This one
writes a temporary file beside the store (beside a symlink's target: the link stays a link), gives
it the old file's owner and mode, fsyncs it and renames it over the old one: a reader sees the old
state or the new, never a mix. A file lock (shared by every process) plus a thread lock serialise
writers; `transaction()` holds them across a read-modify-write so that two writers (the bot, a CLI
import while the bot runs) cannot overwrite each other's changes, and buffers every write inside
it so that a many-file import lands as one rename or not at all. Readers take no lock, so a store
in a directory the bot cannot write still answers questions.

The file is ordinary TinyDB JSON laid out one document per line. That keeps it readable and lets a
reader tell which documents changed by comparing lines, without parsing the rest (`read_lines`),
and parsing or writing document by document never holds the interpreter for long in one piece.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from filelock import FileLock
from tinydb.storages import Storage

Data = dict[str, dict[str, Any]]
Lines = dict[str, dict[str, str]]  # table -> document id -> that document's JSON text


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


NEW_FILE_MODE = 0o666 & ~_umask()  # what open() would give a new file: tempfile's 0600 would lock others out


class StoreCorrupted(RuntimeError):
    """The store cannot be used (not JSON, not UTF-8, a folder, no folder to put it in); nothing is written over it."""


class StoreUnavailable(RuntimeError):
    """A store on a server (PostgreSQL) cannot be reached or refuses us; the message says which setting to check."""


class NotStored(OSError):
    """A write was refused or failed; nothing changed. `reason` says why in a word the bot can translate."""

    def __init__(self, reason: Literal["read-only", "disk-full", "failed"], detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        try:
            if self.path.is_dir():
                raise StoreCorrupted(f"{self.path} is a folder, not a store file: set CITYBOT_DB to a file in it, "
                                     f"e.g. {self.path / 'citybot.json'}")
            file_above = next((p for p in self.path.parents if p.exists() and not p.is_dir()), None)
            if file_above is not None:  # else a raw NotADirectoryError from the first stat
                raise StoreCorrupted(f"cannot use the folder {self.path.parent} for the store: {file_above} is a file, "
                                     "not a folder; set CITYBOT_DB to a file in a folder")
            if not self.path.parent.exists():
                self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreCorrupted(f"cannot use the folder {self.path.parent} for the store ({e.strerror or e}): create "
                                 "it where this user may write, or set CITYBOT_DB to a file in such a folder") from None
        self._file_lock = FileLock(str(self.target) + ".lock", thread_local=False)
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._pending: Data | None = None
        self._dirty = False
        # The data as last read or written, with the file version it belongs to: a write transaction
        # in this process does not parse the whole file again. Dropped whenever a transaction fails.
        self._cache: tuple[object, Data] | None = None
        self._remove_stale_temp_files()

    def _remove_stale_temp_files(self) -> None:
        """A writer killed mid-write (kill -9, power loss) leaves its full-size temporary file behind.

        A writer holds the file lock while its temporary file exists, so under the lock every one
        found is stale. Opening never waits for the lock: with a writer at work, the next start cleans
        up. A folder this process cannot write keeps them: nothing can be done there.
        """
        target = self.target
        try:
            self._file_lock.acquire(blocking=False)  # held by a writer right now: its file is not stale; next start
        except (OSError, RuntimeError):  # Timeout is an OSError; RuntimeError: held by this very thread
            return
        try:
            for stale in target.parent.glob(f"{target.name}.*.tmp"):
                stale.unlink(missing_ok=True)
        except OSError:
            pass
        finally:
            self._file_lock.release()

    @property
    def target(self) -> Path:
        """The real file: writing through a symlink replaces its target, not the link."""
        return Path(os.path.realpath(self.path))

    # The file's identity changes with every rename, so readers can cheaply tell whether to reload.
    def version(self) -> tuple[int, int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the locks; reads see this transaction's writes; one atomic write at the end."""
        with self._thread_lock:
            if self._depth == 0:
                self._check_writable()
            with self._lock():
                self._depth += 1
                outer = self._depth == 1
                if outer:
                    self._owner = threading.get_ident()
                    self._pending, self._dirty = self._read_file(), False
                try:
                    yield
                    if outer and self._dirty and self._pending is not None:
                        self._write_file(self._pending)
                except BaseException:
                    self._cache = None  # TinyDB may have changed the cached data in place
                    raise
                finally:
                    self._depth -= 1
                    if outer:
                        self._pending, self._dirty, self._owner = None, False, None

    @contextmanager
    def _lock(self) -> Iterator[None]:
        try:
            self._file_lock.acquire()
        except OSError as e:
            raise _not_stored(e, self.path) from None
        try:
            yield
        finally:
            self._file_lock.release()

    def read(self) -> Data | None:
        if self._depth and self._owner == threading.get_ident():
            return self._pending
        return self._read_file()

    def write(self, data: Data) -> None:
        with self.transaction():
            self._pending, self._dirty = data, True

    def read_lines(self) -> Lines:
        """Each document's JSON text, without parsing it (a file edited by hand is parsed and re-dumped)."""
        found = self._lines()
        if found is None:
            return {}
        lines, text = found
        if text is not None:
            data = self._parse(text)
            lines = {t: {i: json.dumps(d, ensure_ascii=False) for i, d in docs.items()} for t, docs in data.items()}
        return lines

    def _lines(self) -> tuple[Lines, str | None] | None:
        """The file's documents line by line (never one long parse that would hold up other threads);
        for a file in another JSON shape, its whole text instead. None when there is no store yet."""
        try:
            with self.path.open(encoding="utf-8", newline="\n") as f:
                first = f.readline()
                if first != "{\n":
                    text = first + f.read()
                    return ({}, text) if text.strip() else None
                lines = _split(f)
                if lines is None:
                    f.seek(0)
                    return {}, f.read()
                return lines, None
        except FileNotFoundError:
            return None
        except UnicodeDecodeError:
            raise StoreCorrupted(f"the store {self.path} is not UTF-8 text: it was changed by something other than "
                                 "CityBot. Restore it from a backup, or move it away to start from the bundled data.")\
                from None

    def _read_file(self) -> Data | None:
        version = self.version()
        if self._cache is not None and self._cache[0] == version:
            return self._cache[1]
        found = self._lines()
        if found is None:
            return None
        lines, text = found
        if text is not None:
            data = self._parse(text)
        else:
            try:
                data = {t: {i: json.loads(raw) for i, raw in docs.items()} for t, docs in lines.items()}
            except json.JSONDecodeError:
                bad = next((t, i) for t, docs in lines.items() for i, raw in docs.items() if not _is_json(raw))
                raise malformed(self.path, *bad) from None
        self._check_documents(data)
        self._cache = (version, data)
        return data

    def _parse(self, text: str) -> Data:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise StoreCorrupted(
                f"the store {self.path} is not valid JSON (line {e.lineno}, column {e.colno}): it was changed by "
                "something other than CityBot. Restore it from a backup, or move it away to start from the "
                "bundled data."
            ) from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StoreCorrupted(f"the store {self.path} is JSON but not a CityBot store (tables of documents).")
        return data

    def _check_documents(self, data: Data) -> None:
        """Before a write: every document a JSON object, or TinyDB fails with a raw TypeError.

        Readers skip such a document with a log line (the rest still answers); a writer refuses."""
        for table, docs in data.items():
            for doc_id, doc in docs.items():
                if not isinstance(doc, dict):
                    raise malformed(self.path, table, doc_id)

    def _check_writable(self) -> None:
        target = self.target
        try:
            st = target.stat()
        except FileNotFoundError:
            return
        if not (st.st_mode & 0o222) or not os.access(target, os.W_OK):
            raise NotStored("read-only", f"not stored: the store {self.path} is read-only")

    def _write_file(self, data: Data) -> None:
        target = self.target
        try:
            old = target.stat()
        except FileNotFoundError:
            old = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
        except OSError as e:
            raise _not_stored(e, self.path) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                for chunk in _layout(data):
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, stat.S_IMODE(old.st_mode) if old else NEW_FILE_MODE)
            if old and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(PermissionError):  # root importing into the bot user's store
                    os.chown(tmp, old.st_uid, old.st_gid)
            os.replace(tmp, target)
        except BaseException as e:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(e, OSError) and not isinstance(e, NotStored):
                raise _not_stored(e, self.path) from None
            raise
        self._cache = (self.version(), data)
        dir_fd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def close(self) -> None:
        pass


def malformed(path: Path, table: str, doc_id: str) -> NotStored:
    """A write refused because a document was changed by hand into something else: readers skip it, a
    writer must not write the store over it (nor fail with a raw TypeError or KeyError)."""
    return NotStored("failed", f"not stored: the store {path} was changed by something other than CityBot "
                               f"(document {doc_id} of table {table!r} is not one CityBot wrote); restore it from a "
                               "backup, or remove that document")


def _is_json(raw: str) -> bool:
    try:
        json.loads(raw)
    except json.JSONDecodeError:
        return False
    return True


def _not_stored(e: OSError, path: Path) -> NotStored:
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return NotStored("disk-full", f"not stored: the disk is full ({path})")
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return NotStored("read-only", f"not stored: {path} cannot be written ({e.strerror or e})")
    return NotStored("failed", f"not stored: writing {path} failed ({e.strerror or e})")


def _layout(data: Data) -> Iterator[str]:
    """TinyDB's JSON, one document per line (json.dumps escapes newlines inside strings)."""
    yield "{"
    for n, (table, docs) in enumerate(data.items()):
        yield ("," if n else "") + "\n" + json.dumps(table) + ": {"
        for m, (doc_id, doc) in enumerate(docs.items()):
            yield ("," if m else "") + "\n" + json.dumps(str(doc_id)) + ": " + json.dumps(doc, ensure_ascii=False)
        yield "\n}" if docs else "}"
    yield "\n}\n"


def _split(rows: Iterable[str]) -> Lines | None:
    """The documents of a file in `_layout`'s shape, after its first line; None for any other shape.

    Rows are split on "\\n" only (U+2028 may appear unescaped inside a document)."""
    out: Lines = {}
    table: dict[str, str] | None = None
    for line in rows:
        row = line[:-1] if line.endswith("\n") else line
        if table is None:
            if row in ("}", ""):
                continue
            name, sep, rest = row.partition(": ")
            if not sep or rest not in ("{", "{}", "{},"):
                return None
            table = out.setdefault(json.loads(name), {})
            if rest != "{":
                table = None
            continue
        if row in ("}", "},"):
            table = None
            continue
        doc_id, sep, raw = row.partition(": ")
        if not sep or not doc_id.startswith('"'):
            return None
        table[json.loads(doc_id)] = raw[:-1] if raw.endswith(",") else raw
    return out
