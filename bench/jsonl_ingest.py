"""JSONL ingest throughput: `dateline ingest X.jsonl --workers 1 --no-analyse`, and its reading.

usage: .venv/bin/python bench/jsonl_ingest.py [--records N] [--keep DIR]
Writes a JSONL export of N generated text articles (default 1000) and one of 4N, then measures
in the same run:

- the second pass's reading alone, in process: every chunk of 64 records read as ingest reads
  it (`run.extract_chunk` with the page extraction stubbed out), against the reference of reading the
  file once with `json.loads` per line; the ratio says how many times the chunks together cost
  one plain read (about 1-3 when each chunk starts at its first line, N/128 and more when every
  chunk reads the file from its start);
- records/s on one core from JSONL to stored articles: the whole `dateline ingest` command in a
  subprocess (wall time including start-up), and its peak RSS, via `warc_ingest.measure`.

The articles are ours: the sample corpus' articles recombined as in `bench/warc_ingest.py`
(paragraphs drawn from two articles, rotated, with an added sentence naming the record).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warc_ingest import CORPUS, EXTRA, SECTIONS, SITES, Story, measure, stories

from dateline.config import IngestSettings
from dateline.ingest import run
from dateline.store import db as store


def record(n: int, corpus: list[Story], rnd: random.Random) -> dict[str, Any]:
    """Generated JSONL record n: a news API's article with its text and metadata."""
    site, host = SITES[n % len(SITES)]
    base, other = corpus[n % len(corpus)], corpus[(n * 7 + 3) % len(corpus)]
    paras = list(base.paragraphs)
    k = n // len(corpus) % len(paras)
    paras = paras[k:] + paras[:k]
    paras.insert(len(paras) // 2, rnd.choice(other.paragraphs))
    paras.append(f"{rnd.choice(EXTRA)} This is edition {n} of the report.")
    section = SECTIONS[n % len(SECTIONS)].lower().replace(" ", "-")
    return {"url": f"https://{host}/{section}/{n}", "title": base.headline, "text": "\n\n".join(paras),
            "date": f"2024-03-{1 + n % 28:02d}", "authors": base.byline or "Staff Writers", "source": site}


def write_jsonl(path: Path, records: int, corpus: list[Story]) -> None:
    rnd = random.Random(records)
    with path.open("w", encoding="utf-8") as fh:
        for n in range(records):
            fh.write(json.dumps(record(n, corpus, rnd)) + "\n")


def best(fn: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` timings of `fn`, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def json_read(path: Path) -> None:
    """The reference: every line parsed with `json.loads`."""
    with path.open("rb") as fh:
        for line in fh:
            json.loads(line)


def second_pass_read(path: Path, db: Path) -> tuple[float, int]:
    """(seconds, chunks): reading every chunk of the second pass, page extraction stubbed out."""
    settings = IngestSettings(workers=1, analyse=False)
    conn = store.connect(db)
    try:
        tasks = run._first_pass(conn, [str(path)], settings, run.IngestReport(), None)
    finally:
        conn.close()
    real = run._page_of
    run._page_of = lambda rec, source, chrome: None  # type: ignore[assignment,return-value]
    try:
        seconds = best(lambda: [run.extract_chunk(t, settings=settings) for t in tasks])
    finally:
        run._page_of = real
    return seconds, len(tasks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="records in the 1x JSONL")
    parser.add_argument("--keep", type=Path, default=None, help="write the JSONL files and stores here and keep them")
    args = parser.parse_args(argv)
    corpus = stories()
    if len(corpus) < 2:
        print(f"too few articles in {CORPUS}", file=sys.stderr)
        return 2
    sizes = {"1x": args.records, "4x": 4 * args.records}
    rows = {}
    with tempfile.TemporaryDirectory(prefix="jsonl_bench_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for name, count in sizes.items():
            path = work / f"bench_{name}.jsonl"
            write_jsonl(path, count, corpus)
            dbs = (work / f"read_{name}.db", work / f"bench_{name}.db")
            for db in dbs:
                for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                    stale.unlink(missing_ok=True)
            reference = best(lambda: json_read(path))
            read, chunks = second_pass_read(path, dbs[0])
            wall, rss, ingested = measure(path, dbs[1])
            rows[name] = (path.stat().st_size, chunks, reference, read, wall, rss, ingested)
    print(f"JSONL ingest, one worker, no language stage ({len(corpus)} corpus articles recombined)")
    print(f"{'':4} {'records':>7} {'KiB':>7} {'chunks':>6} {'json.loads s':>12} {'2nd-pass read s':>15} "
          f"{'ratio':>6} {'ingested':>8} {'wall s':>7} {'rec/s':>7} {'RSS MiB':>8}")
    for name, (size, chunks, reference, read, wall, rss, ingested) in rows.items():
        print(f"{name:4} {sizes[name]:>7} {size / 1024:>7.0f} {chunks:>6} {reference:>12.3f} {read:>15.3f} "
              f"{read / reference:>6.2f} {ingested:>8} {wall:>7.2f} {sizes[name] / wall:>7.1f} {rss:>8.1f}")
    print("ratio: second-pass reading / one json.loads read of the file (flat in the size when each "
          "chunk starts at its own first line)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
