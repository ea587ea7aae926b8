from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dateline.errors import StoreError
from dateline.store import SCHEMA_VERSION, connect, migrate


def test_schema_migrates_a_new_store_to_current_version(db_path: Path) -> None:
    conn = connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sources", "pages", "articles", "articles_fts", "line_stats"} <= tables


def test_schema_migrate_is_idempotent(db_path: Path) -> None:
    conn = connect(db_path)
    assert migrate(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_schema_refuses_a_newer_store(db_path: Path) -> None:
    raw = sqlite3.connect(db_path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    with pytest.raises(StoreError, match="newer"):
        connect(db_path)


def test_schema_rejects_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        connect(bad)
