"""Spark's overhead: articles/s of the embedded process pool and of Spark local[1] and local[2]
on the same inputs, as ratios.

usage: .venv/bin/python bench/spark_scaling.py [--composites N] [--warcs W] [--repeat R]
                                                [--inputs PATH ...]
(needs the spark extra and Java 17: `make spark-venv`)

Inputs: what Spark is for, WARC files (CC-NEWS comes as WARC files of some 30,000 records
each). By default the AEB benchmark's HTML pages from ../shared (91 real news pages) packed into
`--warcs` WARC files (default 4), the same files for every run; `--inputs` takes any paths
instead.

`--composites N` adds N x 91 pages, so that the fixed costs (a JVM, a Python daemon, the
stages) are weighed against more work, as they are on a real crawl. 91 real pages is all we
have, and packing them again would not be more work: a repeated page is a duplicate record, a
near copy joins the original's story and is not analysed, so the analysis (most of the cost on a
real crawl) would stay at 91 articles. Each composite page is new prose made of real prose
instead: the main article bodies of three different AEB pages (extracted once here with the
package's own HTML extractor), the first third of one, the middle third of another and the last
third of a third, as a plain HTML page under its own URL. Two composites share at most a third
of their text (shingle Jaccard about 0.2, below the 0.4 at which wire copies join), so every
one is its own story and is analysed, as most CC-NEWS articles are. What they do not reproduce:
real pages' markup, so their extraction is cheaper than a real page's (the analysis, the part
that dominates, is of real English sentences). Both sides read exactly the same files.

Each run ingests and analyses them from scratch:

- embedded: `dateline ingest --workers 2` (the process pool) into a fresh store;
- Spark: `dateline spark ingest --master local[N]` then `dateline import` into a fresh store,
  for N = 1 and 2.

Each is the whole command in a subprocess, wall time including interpreter and JVM start-up,
so the figures are what a user waits for. articles/s counts the stored articles. The ratios
count the Spark job and `dateline import` together; the ratio of the job alone (what a user who
reads the Parquet directly waits for) is printed after them. The ratio
that matters is Spark local[2] / embedded pool (both on two cores): the engine's overhead.
With `--repeat R` the three commands run in turn R times (so a busy spell of a shared machine
falls on all of them alike); each one's fastest run counts, and the ratio of each round is
printed too. Also printed: the per-core rate, the figure docs/scale-out.md extrapolates from.
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


def _pages(pages: Path) -> list[tuple[str, bytes]]:
    """(name, HTML bytes) of the pages under `pages`, in name order."""
    out = []
    for page in sorted(pages.glob("*.html*")):
        body = page.read_bytes()
        out.append((page.name.split(".")[0], gzip.decompress(body) if page.suffix == ".gz" else body))
    return out


def composites(pages: list[tuple[str, bytes]], rounds: int) -> list[tuple[str, bytes]]:
    """`rounds` x len(pages) new pages, each made of thirds of three different pages' article
    bodies (see the module docstring): round r, page i takes the first third of body i, the
    middle third of body i + r and the last third of body i + 2r (mod the number of bodies)."""
    from html import escape

    from dateline.extract.html import extract_html

    bodies = []
    for name, html in pages:
        page = extract_html(html.decode("utf-8", "replace"), source=name, page_id=name)
        main = next((a for a in page.articles if a.kind == "main"), None)
        if main is not None and main.body.strip():
            bodies.append((main.headline, [p for p in main.body.split("\n") if p.strip()]))
    n = len(bodies)
    out = []
    for r in range(1, rounds + 1):
        for i in range(n):
            parts = []
            for third, j in enumerate((i, (i + r) % n, (i + 2 * r) % n)):
                paras = bodies[j][1]
                size = -(-len(paras) // 3)
                parts += paras[third * size:(third + 1) * size]
            title = escape(bodies[i][0])
            html = (f"<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                    + "".join(f"<p>{escape(p)}</p>" for p in parts) + "</article></body></html>")
            out.append((f"composite-{r}-{i:03d}", html.encode("utf-8")))
    return out


def pack_warcs(pages: list[tuple[str, bytes]], out: Path, files: int) -> list[str]:
    """The pages as HTTP responses in `files` gzipped WARC files, dealt out in turn."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    written = []
    for n in range(files):
        target = out / f"pages-{n:02d}.warc.gz"
        with target.open("wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for name, body in pages[n::files]:
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    f"https://pages.example/{name}", "response", payload=io.BytesIO(body),
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


IMPORTS: dict[str, float] = {}  # each Spark side's `dateline import` seconds, in its fastest run


def spark(inputs: list[str], work: Path, cores: int) -> tuple[float, int, int]:
    out, db = work / f"spark{cores}", work / f"spark{cores}.db"
    seconds = _run([str(BIN / "dateline"), "spark", "ingest", *inputs, "--out", str(out),
                    "--master", f"local[{cores}]"])
    loading = _run([str(BIN / "dateline"), "import", str(out), "--db", str(db)])
    work.joinpath("import-seconds").write_text(f"{loading}")
    return (seconds + loading, *_articles(db))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", nargs="+", default=None, help="inputs instead of the packed AEB pages")
    parser.add_argument("--warcs", type=int, default=4, help="WARC files to pack the pages into")
    parser.add_argument("--composites", type=int, default=0, help="rounds of 91 composite pages to add")
    parser.add_argument("--repeat", type=int, default=1, help="rounds of the three commands; the fastest counts")
    args = parser.parse_args()
    sides = {"embedded pool (2 workers)": lambda w: embedded(args.inputs, w),
             "spark local[1]": lambda w: spark(args.inputs, w, 1),
             "spark local[2]": lambda w: spark(args.inputs, w, 2)}
    best: dict[str, tuple[float, int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.inputs:
            pages = _pages(AEB_HTML)
            args.inputs = pack_warcs(pages + composites(pages, args.composites), Path(tmp), args.warcs)
        for n in range(args.repeat):
            round_rates = {}
            for k, (name, fn) in enumerate(sides.items()):
                work = Path(tmp) / f"run{n}-{k}"
                work.mkdir()
                seconds, stored, analysed = fn(work)
                round_rates[name] = stored / seconds
                if name not in best or seconds < best[name][0]:
                    best[name] = (seconds, stored, analysed)
                    if (work / "import-seconds").exists():
                        IMPORTS[name] = float((work / "import-seconds").read_text())
            print(f"round {n + 1}: spark local[2] / embedded pool "
                  f"{round_rates['spark local[2]'] / round_rates['embedded pool (2 workers)']:.2f}, "
                  f"local[1] {round_rates['spark local[1]'] / round_rates['embedded pool (2 workers)']:.2f}", flush=True)
    rates: dict[str, float] = {}
    for name, (seconds, stored, analysed) in best.items():
        rates[name] = stored / seconds
        print(f"{name:28s} {stored:5d} articles ({analysed} analysed) in {seconds:6.1f} s: "
              f"{rates[name]:5.2f} articles/s")
    pool = rates["embedded pool (2 workers)"]
    print(f"ratio spark local[1] / embedded pool: {rates['spark local[1]'] / pool:.2f}")
    print(f"ratio spark local[2] / embedded pool: {rates['spark local[2]'] / pool:.2f} (target >= 0.8)")
    print(f"ratio spark local[2] / local[1]: {rates['spark local[2]'] / rates['spark local[1]']:.2f}")
    for name in ("spark local[1]", "spark local[2]"):
        seconds, stored, _ = best[name]
        print(f"{name} without `dateline import` ({IMPORTS.get(name, 0.0):.1f} s of it): "
              f"{stored / (seconds - IMPORTS.get(name, 0.0)) / pool:.2f} of the embedded pool")
    print(f"per core (spark local[1]): {rates['spark local[1]']:.2f} articles/s")


if __name__ == "__main__":
    main()
