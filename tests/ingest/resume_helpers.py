"""Running `python -m dateline ingest` as a subprocess, killing it mid-run, and comparing stores.

Shared by the resume tests (`test_resume.py`, `test_resume_warc.py`) and the tests of readers that
start mid-file (`test_warc_offsets.py`, `test_jsonl_offsets.py`); not a test module.
"""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RUN_TIMEOUT = 300  # seconds for one whole run: generous, a shared 2-core machine can be slow
# The store's tables that ingest writes (besides the full-text index, which `dump` adds).
TABLES = ("sources", "records", "pages", "articles", "line_stats", "line_counted", "story_bands",
          "article_stories")


def start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[bytes]:
    """`dateline ingest corpus --db db --workers 2 --quiet [extra]` in a session of its own."""
    with db.with_suffix(".log").open("ab") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db), "--workers", "2",
             "--quiet", *extra],
            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )


def run(corpus: Path, db: Path, *extra: str, status: int = 0) -> None:
    """An ingest run to completion, which must exit with `status` (1: an input failed)."""
    proc = start(corpus, db, *extra)
    try:
        proc.wait(timeout=RUN_TIMEOUT)
    finally:
        reap(proc)
    assert proc.returncode == status, db.with_suffix(".log").read_text(errors="replace")


def reap(proc: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the process group we started (workers orphaned by a SIGKILL)."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def shows(db: Path, sql: str) -> bool:
    """Whether a read-only look at the store finds a row for `sql` (False while it is being created)."""
    if not db.exists():
        return False
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute(sql).fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def kill_mid_run(corpus: Path, db: Path, trigger: str, *extra: str) -> bool:
    """Start an ingest and SIGKILL it once `trigger` finds a row; False if it finished first."""
    proc = start(corpus, db, *extra)
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while proc.poll() is None and not shows(db, trigger) and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is not None:
            return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return proc.returncode == -signal.SIGKILL
    finally:
        reap(proc)


def dump(db: Path, tables: Sequence[str]) -> dict[str, list[tuple[object, ...]]]:
    """Every row of `tables`, and the full-text index term by term (keyed by article id)."""
    conn = sqlite3.connect(db)
    try:
        rows = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
        rows["articles_fts"] = conn.execute("SELECT rowid, * FROM articles_fts ORDER BY rowid").fetchall()
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, instance)")
        rows["fts_terms"] = conn.execute(
            "SELECT a.id, t.term, t.col, t.offset FROM temp.terms t JOIN articles a ON a.rowid = t.doc"
            " ORDER BY 1, 2, 3, 4"
        ).fetchall()
        return rows
    finally:
        conn.close()


def assert_intact(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    finally:
        conn.close()


def count(db: Path, sql: str) -> int:
    """The one number `sql` selects."""
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


class Watched(io.FileIO):
    """A file that notes where each read began and how much it got, to show what a reader touched."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.reads: list[tuple[int, int]] = []

    def read(self, size: int | None = -1) -> bytes:
        at = self.tell()
        data = super().read(size)
        self.reads.append((at, len(data)))
        return data

    def readinto(self, buffer: Any) -> int | None:
        at = self.tell()
        n = super().readinto(buffer)
        self.reads.append((at, n or 0))
        return n
