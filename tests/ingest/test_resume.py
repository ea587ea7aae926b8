"""An ingest killed with SIGKILL half-way resumes to the store an uninterrupted run makes.

For real: `python -m dateline ingest DIR --workers 2` runs as a subprocess over a few hundred
pages, is SIGKILLed once the store shows progress, then re-run to completion. No timing is
asserted: if a run finishes before it could be killed, the next attempt is bigger and is killed
earlier (during the first pass).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PLACES = ("Beijing", "Paris", "Washington", "Kyiv", "Nairobi", "Lima", "Tokyo", "Cairo", "Berlin")
AGENCIES = ("AFP", "UPI", "AP")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WORDS = ("minister talks government officials said statement agreement ceasefire border trade "
         "election council security economy reporters spokesman week region troops summit "
         "parliament vote budget energy climate delegation meeting capital visit").split()
SITES = ("Daily Planet Wire", "Harbour Gazette", "Northern Ledger")
TABLES = ("sources", "pages", "articles", "line_stats", "line_counted")
RUN_TIMEOUT = 300  # seconds for one whole run: generous, a shared 2-core machine can be slow
# (pages in the corpus, the query whose first row triggers the kill)
ATTEMPTS = (
    (300, "SELECT 1 FROM sources WHERE status = 'ingested' LIMIT 1"),  # during the second pass
    (300, "SELECT 1 FROM line_counted LIMIT 1"),  # during the first pass
    (1200, "SELECT 1 FROM line_counted LIMIT 1"),
)


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 24))).capitalize() + "."


def _generated_page(rnd: random.Random, n: int) -> str:
    site = SITES[n % len(SITES)]
    headline = f"{rnd.choice(PLACES)} {rnd.choice(WORDS)} {rnd.choice(WORDS)} as story {n} unfolds"
    dateline = f"{rnd.choice(PLACES)} ({rnd.choice(AGENCIES)}) {rnd.choice(MONTHS)} {rnd.randint(1, 28)}, 2024"
    paragraphs = [" ".join(_sentence(rnd) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(4, 9))]
    return "\n".join([
        site, "Home | World | Business | Sport | Subscribe", "WORLD", headline, headline,
        f"By {rnd.choice(['Anna Berg', 'Li Wei', 'Omar Haddad', 'Staff Writers'])}", dateline, "",
        *(p + "\n" for p in paragraphs),
        "Related Links", "Subscribe Free To Our Daily Newsletters", f"Copyright {site}", "",
    ])


def _seed_variant(text: str, rnd: random.Random, n: int) -> str:
    """A seed page with one paragraph changed: new bytes, mostly the same lines."""
    lines = text.split("\n")
    i = rnd.choice([i for i, line in enumerate(lines) if len(line) > 150])
    lines[i] += f" Edition {n} adds {rnd.choice(WORDS)} and {rnd.choice(WORDS)}."
    return "\n".join(lines)


def _corpus(root: Path, seeds: list[str], pages: int) -> Path:
    """`pages` pages (a third seed variants, the rest generated) in 7 folders, and some bad input."""
    rnd = random.Random(pages)
    for n in range(pages):
        text = _seed_variant(seeds[n % len(seeds)], rnd, n) if n % 3 == 0 else _generated_page(rnd, n)
        folder = root / f"d{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")
    (root / "d3" / "copy.txt").write_bytes((root / "d1" / "0001.txt").read_bytes())
    (root / "d5" / "empty.txt").write_bytes(b"")
    (root / "d5" / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (root / "d6" / "legacy.txt").write_bytes(b"Harbour Gazette\n" + _sentence(rnd).encode() + b" caf\xe9\n")
    (root / "d6" / "menu.txt").write_text("Harbour Gazette\nHome | World\nSubscribe\n", encoding="utf-8")
    return root


def _start(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    with db.with_suffix(".log").open("ab") as log:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db), "--workers", "2",
             "--quiet"],
            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True,
        )


def _run(corpus: Path, db: Path) -> None:
    proc = _start(corpus, db)
    try:
        proc.wait(timeout=RUN_TIMEOUT)
    finally:
        _reap(proc)
    assert proc.returncode == 0, db.with_suffix(".log").read_text(errors="replace")


def _reap(proc: subprocess.Popen[bytes]) -> None:
    """Kill what is left of the process group we started (workers orphaned by a SIGKILL)."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _shows(db: Path, sql: str) -> bool:
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


def _kill_mid_run(corpus: Path, db: Path, trigger: str) -> bool:
    """Start an ingest and SIGKILL it once `trigger` finds a row; False if it finished first."""
    proc = _start(corpus, db)
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while proc.poll() is None and not _shows(db, trigger) and time.monotonic() < deadline:
            time.sleep(0.002)
        if proc.poll() is not None:
            return False
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        return proc.returncode == -signal.SIGKILL
    finally:
        _reap(proc)


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, and the full-text index term by term (keyed by article id)."""
    conn = sqlite3.connect(db)
    try:
        dump = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
        dump["articles_fts"] = conn.execute("SELECT rowid, * FROM articles_fts ORDER BY rowid").fetchall()
        conn.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, articles_fts, instance)")
        dump["fts_terms"] = conn.execute(
            "SELECT a.id, t.term, t.col, t.offset FROM temp.terms t JOIN articles a ON a.rowid = t.doc"
            " ORDER BY 1, 2, 3, 4"
        ).fetchall()
        return dump
    finally:
        conn.close()


def _assert_intact(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    finally:
        conn.close()


def _ingested(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM sources WHERE status = 'ingested'").fetchone()[0])
    finally:
        conn.close()


def test_resume_after_sigkill_equals_an_uninterrupted_run(seeds_dir: Path, tmp_path: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for attempt, (pages, trigger) in enumerate(ATTEMPTS):
        corpus = _corpus(tmp_path / f"corpus{attempt}", seeds, pages)
        whole, killed = tmp_path / f"whole{attempt}.db", tmp_path / f"killed{attempt}.db"
        _run(corpus, whole)
        expected = _ingested(whole)
        assert expected >= pages  # the seed variants and generated pages all have an article
        if _kill_mid_run(corpus, killed, trigger) and _ingested(killed) < expected:
            break
    else:
        pytest.fail("every ingest finished before it could be killed")

    _assert_intact(killed)  # a kill leaves a consistent store, with only whole batches in it
    _run(corpus, killed)
    _assert_intact(killed)
    _assert_intact(whole)
    resumed, uninterrupted = _dump(killed), _dump(whole)
    for table in uninterrupted:
        assert resumed[table] == uninterrupted[table], table
