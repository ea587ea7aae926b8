"""Spark's overhead: articles/s of the embedded process pool and of Spark local[1] and local[2]
on the same inputs, as ratios.

usage: .venv/bin/python bench/spark_scaling.py [--inputs PATH ...] [--repeat N]
(needs the spark extra and Java 17: `make spark-venv`)

Inputs: what Spark is for, WARC files (CC-NEWS comes as WARC files of some 30,000 records
each). By default the AEB benchmark's HTML pages from ../shared (91 real news pages) packed into
`--warcs` WARC files (default 4), the same files for every run; `--inputs` takes any paths
instead. Each run ingests and analyses them from scratch:

- embedded: `dateline ingest --workers 2` (the process pool) into a fresh store;
- Spark: `dateline spark ingest --master local[N]` then `dateline import` into a fresh store,
  for N = 1 and 2.

Each is the whole command in a subprocess, wall time including interpreter and JVM start-up,
so the figures are what a user waits for. articles/s counts the stored articles. The ratio
that matters is Spark local[2] / embedded pool (both on two cores): the engine's overhead.
Also printed: the per-core analysis rate, the figure docs/scale-out.md extrapolates from.
"""

from __future__ import annotations

import argparse
import gzip
import io
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BIN = Path(sys.executable).parent
AEB_HTML = SHARED / "datasets" / "aeb" / "html"


def pack_warcs(pages: Path, out: Path, files: int) -> list[str]:
    """The HTML pages under `pages` as HTTP responses in `files` gzipped WARC files."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    paths = sorted(pages.glob("*.html*"))
    written = []
    for n in range(files):
        target = out / f"pages-{n:02d}.warc.gz"
        with target.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for page in paths[n::files]:
                body = page.read_bytes()
                body = gzip.decompress(body) if page.suffix == ".gz" else body
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://pages.example/{page.name.split('.')[0]}", "response", payload=io.BytesIO(body),
                    length=len(body), http_headers=http, warc_headers_dict={"WARC-Date": "2024-05-14T08:00:00Z"}))
        written.append(str(target))
    return written


def _articles(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0],
                conn.execute("SELECT COUNT(*) FROM analysed").fetchone()[0])
    finally:
        conn.close()


def _run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    return time.perf_counter() - start


def embedded(inputs: list[str], work: Path) -> tuple[float, int, int]:
    db = work / "embedded.db"
    seconds = _run([str(BIN / "dateline"), "ingest", *inputs, "--db", str(db), "--workers", "2", "-q"])
    return (seconds, *_articles(db))


def spark(inputs: list[str], work: Path, cores: int) -> tuple[float, int, int]:
    out, db = work / f"spark{cores}", work / f"spark{cores}.db"
    seconds = _run([str(BIN / "dateline"), "spark", "ingest", *inputs, "--out", str(out),
                    "--master", f"local[{cores}]"])
    seconds += _run([str(BIN / "dateline"), "import", str(out), "--db", str(db)])
    return (seconds, *_articles(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", nargs="+", default=None, help="inputs instead of the packed AEB pages")
    parser.add_argument("--warcs", type=int, default=4, help="WARC files to pack the AEB pages into")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the fastest counts")
    args = parser.parse_args()
    rates: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        args.inputs = args.inputs or pack_warcs(AEB_HTML, Path(tmp), args.warcs)
        for name, fn in (("embedded pool (2 workers)", lambda w: embedded(args.inputs, w)),
                         ("spark local[1]", lambda w: spark(args.inputs, w, 1)),
                         ("spark local[2]", lambda w: spark(args.inputs, w, 2))):
            best = None
            for n in range(args.repeat):
                work = Path(tmp) / f"{name.split()[0]}{n}{len(rates)}"
                work.mkdir()
                seconds, stored, analysed = fn(work)
                if best is None or seconds < best[0]:
                    best = (seconds, stored, analysed)
            assert best is not None
            seconds, stored, analysed = best
            rates[name] = stored / seconds
            print(f"{name:28s} {stored:5d} articles ({analysed} analysed) in {seconds:6.1f} s: "
                  f"{rates[name]:5.2f} articles/s")
    pool = rates["embedded pool (2 workers)"]
    print(f"ratio spark local[1] / embedded pool: {rates['spark local[1]'] / pool:.2f}")
    print(f"ratio spark local[2] / embedded pool: {rates['spark local[2]'] / pool:.2f} (target >= 0.8)")
    print(f"ratio spark local[2] / local[1]: {rates['spark local[2]'] / rates['spark local[1]']:.2f}")
    print(f"per core (spark local[1]): {rates['spark local[1]']:.2f} articles/s")


if __name__ == "__main__":
    main()
