"""A throw-away PostgreSQL server for the tests, started from the real server binaries on 127.0.0.1.

No mock stands in for the database: `initdb` makes a cluster in a temporary directory and `postgres`
serves it on a free loopback port for the test session, then both are removed. The binaries are found
on PATH or under Debian's /usr/lib/postgresql/<version>/bin (the `postgresql` package does not put them
on PATH). initdb and postgres refuse to run as root, which is how CI and the development machines run:
as root the server runs as the unprivileged `postgres` system user (which the Debian package creates;
else `nobody`), owning its own directory. Where the binaries are missing every test that needs the
server is skipped with a reason saying so and how to install them; `CITYBOT_TEST_DATABASE_URL` points
the tests at an existing server instead (each test still gets a database of its own).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from pathlib import Path

import pytest

EXTERNAL = "CITYBOT_TEST_DATABASE_URL"
MISSING = ("PostgreSQL server binaries (initdb, postgres) not found on PATH or under /usr/lib/postgresql/*/bin; "
           "install them (Debian/Ubuntu: apt-get install postgresql) or set CITYBOT_TEST_DATABASE_URL")


def server_binaries() -> Path | None:
    """The directory holding initdb and postgres: PATH first, else the newest Debian version."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("postgres"):
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]), reverse=True)
    return Path(versions[0]).parent if versions else None


def _unprivileged_user() -> pwd.struct_passwd | None:
    """Who runs the server: nobody else when we are not root; the postgres user (else nobody) when we are."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists to run PostgreSQL")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LocalServer:
    """One postgres process serving a fresh cluster; `url(db)` is how clients reach it."""

    binaries: Path
    root: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        user = _unprivileged_user()
        data, sockets = self.root / "data", self.root / "sockets"
        sockets.mkdir()
        if user is not None:
            for path in (self.root, sockets):
                os.chown(path, user.pw_uid, user.pw_gid)
        as_user = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
        # Trust authentication on loopback: the server lives for one test session and listens on 127.0.0.1 only.
        subprocess.run([str(self.binaries / "initdb"), "-D", str(data), "-U", "citybot", "-A", "trust", "-E", "UTF8",
                        "--locale=C", "--no-sync"], check=True, capture_output=True, cwd=self.root, **as_user)
        self.port = _free_port()
        log = (self.root / "server.log").open("wb")
        # fsync off: a crash of the test machine may lose the throw-away cluster, which is fine.
        self.process = subprocess.Popen(
            [str(self.binaries / "postgres"), "-D", str(data), "-h", "127.0.0.1", "-p", str(self.port),
             "-k", str(sockets), "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200"],
            stdout=log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True, **as_user)
        self._wait_ready()

    def _wait_ready(self) -> None:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                psycopg.connect(self.url("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if self.process is not None and self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("PostgreSQL did not start:\n" + (self.root / "server.log").read_text()) from None
                time.sleep(0.1)

    def url(self, database: str) -> str:
        return f"postgresql://citybot@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM: "smart" shutdown; fast enough once the tests' clients are gone
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A URL template ('...{db}') of a PostgreSQL server for this test session, or a skip saying why not."""
    external = os.environ.get(EXTERNAL)
    if external:
        base = external.rsplit("/", 1)[0]
        yield base + "/{db}"
        return
    binaries = server_binaries()
    if binaries is None:
        pytest.skip(MISSING)
    root = Path(tempfile.mkdtemp(prefix="citybot-pg-"))
    server = LocalServer(binaries, root)
    try:
        server.start()
        yield server.url("{db}")
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


_databases = count(1)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database of its own for one test, dropped afterwards."""
    import psycopg

    name = f"citybot_test_{os.getpid()}_{next(_databases)}"
    with psycopg.connect(pg_server.format(db="postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield pg_server.format(db=name)
    with psycopg.connect(pg_server.format(db="postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
