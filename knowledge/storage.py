"""A TinyDB storage that never leaves a half-written file and never loses a concurrent write.

TinyDB's JSONStorage rewrites its file in place, so a crash mid-write leaves broken JSON. This one
writes a temporary file beside the store, fsyncs it and renames it over the old one: a reader sees
the old state or the new, never a mix. A file lock (shared by every process) plus a thread lock
serialise writers; `transaction()` holds them across a read-modify-write so that two writers
(bot tasks, a CLI import while the bot runs) cannot overwrite each other's changes, and buffers
every write inside it so that a many-file import lands as one rename or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock
from tinydb.storages import Storage

Data = dict[str, dict[str, Any]]


class StoreCorrupted(RuntimeError):
    """The store file exists but cannot be read; nothing is written over it."""


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file_lock = FileLock(str(self.path) + ".lock", thread_local=False)
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._pending: Data | None = None
        self._dirty = False

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
        with self._thread_lock, self._file_lock:
            self._depth += 1
            outer = self._depth == 1
            if outer:
                self._owner = threading.get_ident()
                self._pending, self._dirty = self._read_file(), False
            try:
                yield
                if outer and self._dirty and self._pending is not None:
                    self._write_file(self._pending)
            finally:
                self._depth -= 1
                if outer:
                    self._pending, self._dirty, self._owner = None, False, None

    def read(self) -> Data | None:
        if self._depth and self._owner == threading.get_ident():
            return self._pending
        return self._read_file()

    def write(self, data: Data) -> None:
        with self.transaction():
            self._pending, self._dirty = data, True

    def _read_file(self) -> Data | None:
        try:
            with self.path.open(encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as e:
            raise StoreCorrupted(
                f"the store {self.path} is not valid JSON (line {e.lineno}, column {e.colno}): it was changed by "
                "something other than CityBot. Restore it from a backup, or move it away to start from the "
                "bundled data."
            ) from None

    def _write_file(self, data: Data) -> None:
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def close(self) -> None:
        pass
