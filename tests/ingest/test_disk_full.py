"""A full disk mid-ingest: one line naming the store and the room to make, then a re-run completes.

The disk is filled for real as SQLite sees it: `PRAGMA max_page_count` caps the store a few pages
above its size, and SQLite answers SQLITE_FULL ("database or disk is full") exactly as on a full
file system.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from resume_helpers import TABLES, dump

from dateline.cli import main
from dateline.store import db as store_db


def _feed(root: Path) -> Path:
    lines = [json.dumps({"url": f"https://port.example/{n}", "title": f"Quay {n} opens to ships",
                         "text": f"The port authority said berth {n} opened on Monday after dredging "
                                 f"and that {n + 3} ships had booked the new quay for the first week. "
                                 + "Harbour pilots welcomed the deeper channel. " * (n % 7 + 1)})
             for n in range(120)]
    path = root / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ingest(feed: Path, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", str(feed), "--db", str(db), "--workers", "1",
                                       "--no-analyse", "--quiet"])
    return result.exit_code, result.output


def test_disk_full_is_one_line_and_a_rerun_completes(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    feed = _feed(tmp_path)
    db = tmp_path / "news.db"
    real = store_db.connect

    def capped(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
        conn = real(path, readonly=readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 30}")
        return conn

    with monkeypatch.context() as m:
        m.setattr(store_db, "connect", capped)
        code, output = _ingest(feed, db)
    assert code == 1
    assert "Traceback" not in output and "OperationalError" not in output
    (line,) = output.strip().splitlines()
    assert line.startswith(f"Error: disk full: cannot write the store {db} (")
    assert "free at least 64.0 MiB" in line and "run the same command again" in line

    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert _ingest(feed, db)[0] == 0
    clean = tmp_path / "clean.db"
    assert _ingest(feed, clean)[0] == 0
    assert dump(db, TABLES) == dump(clean, TABLES)


def test_disk_full_other_store_errors_are_left_alone(tmp_path: Path) -> None:
    assert store_db.out_of_space(sqlite3.OperationalError("no such table: x"), tmp_path / "a.db") is None
    assert store_db.out_of_space(OSError(13, "Permission denied"), tmp_path / "a.db") is None
    full = store_db.out_of_space(OSError(28, "No space left on device"), tmp_path / "a.db")
    assert full is not None and str(full).startswith(f"disk full: cannot write the store {tmp_path / 'a.db'}")
