"""Concurrent use: `dateline serve` answers 8 readers while an ingest writes to the same store.

The server opens the store read-only for every request (WAL), so no request may fail while
an ingest (2 workers, analysis on) adds pages, and the ingest must end with exactly the rows
a run without readers leaves.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from serving import free_port, stop

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"
READERS = 8
VARIANTS = 100
INGEST_TIMEOUT = 120.0  # seconds; the ingest takes ~15 s on a 2-core machine
MAX_REQUESTS = 2000  # per reader, whichever of this and the ingest's end comes first
LIMIT = 5
PAUSE = 0.05  # seconds between one reader's requests: steady load that leaves the ingest some CPU


def _tables(db: Path) -> list[str]:
    """Every table of the store, the full-text indexes included; not FTS5's shadow tables, whose
    row counts describe how its index is segmented (which depends on commit timing), not content."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if not r[0].startswith("sqlite_") and not re.search(r"_fts_(data|idx|config|docsize|content)$", r[0])]


def _counts(db: Path) -> dict[str, int]:
    tables = _tables(db)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return {t: c.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def _copy(src: Path, dst: Path) -> None:
    """A consistent copy of a store (the SQLite backup API, so a WAL file is never left behind)."""
    with sqlite3.connect(f"file:{src}?mode=ro", uri=True) as source, sqlite3.connect(dst) as target:
        source.backup(target)
    target.close()
    source.close()


def _ingest(db: Path, *paths: Path | str, workers: int = 2, timeout: float = INGEST_TIMEOUT) -> None:
    result = subprocess.run([sys.executable, "-m", "dateline", "ingest", *map(str, paths), "--db", str(db),
                             "--workers", str(workers), "--quiet"], capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, result.stderr


def _variants(seeds_dir: Path, out: Path) -> Path:
    """~100 distinct pages made from the seeds: each keeps its site and dateline, with its own
    headline and a closing paragraph of its own (so each has its own content hash)."""
    out.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert seeds
    for i in range(VARIANTS):
        lines = seeds[i % len(seeds)].read_text(encoding="utf-8").split("\n")
        lines[2] = f"{lines[2]} (update {i})"
        lines.append(f"\nThis report was updated {i + 1} times, officials said on Tuesday, in round {i} of talks.\n")
        (out / f"variant_{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def inputs(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the store after the seeds' ingest, the folder of generated variants)."""
    base = tmp_path_factory.mktemp("concurrency")
    db = base / "seeds.db"
    _ingest(db, seeds_dir, workers=1)
    return db, _variants(seeds_dir, base / "variants")


@dataclass
class Reader:
    """One client thread's tally: requests made, and every failure with what went wrong."""

    requests: int = 0
    failures: list[str] = field(default_factory=list)


def _check(response: httpx.Response) -> str | None:
    """What is wrong with a listing response, or None when it is a well-formed page."""
    if response.status_code != 200:
        return f"{response.status_code}: {response.text[:200]}"
    try:
        body = response.json()
    except ValueError as exc:
        return f"invalid JSON ({exc}): {response.text[:200]}"
    if not isinstance(body, dict) or set(body) != {"items", "next"}:
        return f"not a page: {str(body)[:200]}"
    if not isinstance(body["items"], list) or len(body["items"]) > LIMIT:
        return f"bad items: {str(body['items'])[:200]}"
    if not all(isinstance(item, dict) for item in body["items"]):
        return "an item is not an object"
    if body["next"] is not None and not isinstance(body["next"], str):
        return f"bad next: {body['next']!r}"
    return None


def _read(base: str, routes: list[tuple[str, dict[str, str]]], start: int, stop: threading.Event,
          tally: Reader) -> None:
    """Cycle through the routes (from `start`) until `stop` is set or MAX_REQUESTS are made."""
    with httpx.Client(base_url=base, timeout=httpx.Timeout(20.0, connect=5.0)) as client:
        i = start
        while not stop.is_set() and tally.requests < MAX_REQUESTS:
            path, params = routes[i % len(routes)]
            i += 1
            tally.requests += 1
            try:
                problem = _check(client.get(path, params={**params, "limit": str(LIMIT)}))
            except httpx.HTTPError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            if problem is not None:
                tally.failures.append(f"GET {path} {params}: {problem}")
            stop.wait(PAUSE)


@pytest.fixture()
def server(inputs: tuple[Path, Path], tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`dateline serve` on a free loopback port over a copy of the seeded store: (base URL, store)."""
    db = tmp_path / "served.db"
    _copy(inputs[0], db)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "serve exited"
            assert time.monotonic() < deadline, "serve did not answer within 30 s"
            try:
                if httpx.get(base + "/openapi.json", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield base, db
    finally:
        stop(proc)


def test_readers_never_fail_during_an_ingest_and_change_nothing(
        server: tuple[str, Path], inputs: tuple[Path, Path], seeds_dir: Path, tmp_path: Path) -> None:
    base, db = server
    seeded, variants = inputs
    first = httpx.get(base + "/api/actors", params={"kind": "country", "limit": "1"}, timeout=10).json()["items"]
    assert first, "the seeds should give a country actor"
    actor = first[0]["name"]
    routes = [("/api/articles", {}), ("/api/quotes", {}), ("/api/events", {}), ("/api/actors", {}),
              ("/api/sources", {}), ("/api/timeline", {"actor": actor})]

    stop = threading.Event()
    tallies = [Reader() for _ in range(READERS)]
    threads = [threading.Thread(target=_read, args=(base, routes, i, stop, tallies[i]), daemon=True)
               for i in range(READERS)]
    for t in threads:
        t.start()
    ingest = subprocess.Popen([sys.executable, "-m", "dateline", "ingest", str(CORPUS), str(variants),
                               "--db", str(db), "--workers", "2", "--quiet"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _, stderr = ingest.communicate(timeout=INGEST_TIMEOUT)
    except subprocess.TimeoutExpired:
        ingest.kill()
        ingest.communicate()
        raise
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert ingest.returncode == 0, stderr
    assert not any(t.is_alive() for t in threads), "a reader is stuck"

    failures = [f for tally in tallies for f in tally.failures]
    assert not failures, f"{len(failures)} failed requests, e.g. {failures[:5]}"
    assert all(tally.requests > 0 for tally in tallies)

    # The same two ingests with nobody reading leave the same rows.
    reference = tmp_path / "reference.db"
    _copy(seeded, reference)
    _ingest(reference, CORPUS, variants)
    counts = _counts(db)
    assert counts == _counts(reference)
    assert counts["articles"] > _counts(seeded)["articles"] and counts["events"] > 0
    assert {"sources", "records", "pages", "articles", "actors", "actor_aliases", "actor_articles", "mentions",
            "quotes", "date_mentions", "events", "analysed", "article_stories", "story_bands"} <= set(counts)
