"""The throw-away PostgreSQL server the store tests run against: real, on loopback, never as root."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from .postgres import EXTERNAL


def test_each_test_gets_its_own_empty_database_on_loopback(pg_url):
    with psycopg.connect(pg_url) as conn:
        host = conn.info.host
        tables = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        conn.execute("CREATE TABLE marker (n int)")
    assert host == "127.0.0.1"
    assert tables == (0,)


def test_the_server_process_is_not_root(pg_url):
    if os.environ.get(EXTERNAL):
        pytest.skip("an external server was given; its process is not ours to inspect")
    with psycopg.connect(pg_url) as conn:
        (pid,) = conn.execute("SELECT pg_backend_pid()").fetchone()
    status = Path(f"/proc/{pid}/status").read_text()
    uid = next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
    assert uid != "0"
