"""WARC ingest throughput and memory: `dateline ingest X.warc.gz --workers 1 --no-analyse`.

usage: .venv/bin/python bench/warc_ingest.py [--records N] [--keep DIR]
Writes a WARC of N generated HTML news pages (default 200; gzip per record, with a request
record before each response) and one of 4N pages, then measures in the same run:

- pages/s on one core from WARC to stored articles: the whole `dateline ingest` command in a
  subprocess (reading, extraction, store, stories; the language stage is benchmarked in
  `bench/language_speed.py`), wall time including interpreter start-up and imports;
- pages/s of plain `trafilatura.extract(html)` over the same payloads (read with fastwarc, in
  process, no I/O timed), the reference; and the ratio ours / trafilatura;
- peak RSS of the ingest process for 1x and 4x. ru_maxrss of RUSAGE_CHILDREN is a maximum over
  all children a process ever waited for, so each size runs in its own helper process that
  spawns exactly one ingest and reports its RUSAGE_CHILDREN. Extraction goes in chunks of 64
  records, so the two should be about the same.

The pages are ours: the sample corpus' articles (examples/corpus, read with `extract_page`)
recombined (paragraphs drawn from two articles, rotated, with an added sentence naming the
page) into an invented site's page template with navigation, scripts, a related-stories list,
comments and a footer, so that every page differs and none is a real news page.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "examples" / "corpus"
SITES = (("Harbour Post", "harbourpost.example"), ("Northern Ledger", "ledger.example"),
         ("Daily Planet Wire", "dailyplanet.example"), ("Meridian Times", "meridian.example"))
SECTIONS = ("World", "Politics", "Business", "Europe", "Asia", "Africa", "Americas", "Middle East")
EXTRA = ("Officials declined to give further details on the timetable.",
         "The statement did not say when the next round of talks would take place.",
         "Analysts said the outcome would be watched closely across the region.",
         "Neither side commented on the reports before publication.")


@dataclass(frozen=True, slots=True)
class Story:
    headline: str
    byline: str | None
    paragraphs: tuple[str, ...]


def stories() -> list[Story]:
    """The main article of every sample corpus page."""
    from dateline.extract import extract_page

    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        page = extract_page(path.read_text(encoding="utf-8"), source=path.name, page_id=path.stem)
        main = next((a for a in page.articles if a.kind == "main"), None)
        if main is not None and len(main.paragraphs) >= 3:
            found.append(Story(main.headline, main.byline,
                               tuple(p.text for p in main.paragraphs if not p.is_subheading)))
    return found


_SCRIPT = "window.__cfg = " + json.dumps({f"slot{i}": {"size": [300, 250], "targeting": ["news", "world", i]}
                                          for i in range(60)}) + ";"
_STYLE = "".join(f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 4099 % 0xFFFFFF:06x}}}" for i in range(300))


def page_html(n: int, corpus: list[Story], rnd: random.Random) -> tuple[str, str]:
    """(url, html) of generated page n."""
    site, host = SITES[n % len(SITES)]
    section = SECTIONS[n % len(SECTIONS)]
    base, other = corpus[n % len(corpus)], corpus[(n * 7 + 3) % len(corpus)]
    paras = list(base.paragraphs)
    k = n // len(corpus) % len(paras)
    paras = paras[k:] + paras[:k]  # rotated: the same story edited differently on each site
    paras.insert(len(paras) // 2, rnd.choice(other.paragraphs))
    paras.append(f"{rnd.choice(EXTRA)} This is edition {n} of the {section.lower()} report.")
    day = 1 + n % 28
    date = f"2024-03-{day:02d}"
    slug = "-".join(base.headline.lower().split()[:6]).replace("'", "")
    url = f"https://{host}/{section.lower().replace(' ', '-')}/{date.replace('-', '/')}/{slug}-{n}"
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    related = "".join(
        f'<li><a href="/world/{i}">{escape(corpus[(n + i) % len(corpus)].headline)}</a></li>' for i in range(1, 6))
    comments = "".join(
        f'<div class="comment"><b>reader{(n * 13 + i) % 97}</b><p>{escape(rnd.choice(EXTRA))}</p></div>'
        for i in range(rnd.randint(0, 4)))
    body = "".join(f"<p>{escape(p)}</p>" for p in paras)
    byline = f'<p class="byline">By <a rel="author">{escape(base.byline or "Staff Writers")}</a></p>'
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(base.headline)} | {site}</title>
<meta property="og:site_name" content="{site}"><meta property="og:title" content="{escape(base.headline)}">
<meta property="article:published_time" content="{date}T08:{n % 60:02d}:00Z">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{url}"><style>{_STYLE}</style><script>{_SCRIPT}</script></head>
<body><header><a class="logo" href="/">{site}</a><nav><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="Search"></form><a href="/subscribe">Subscribe</a></header>
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/{section.lower()}">{section}</a></div>
<main><article><h1>{escape(base.headline)}</h1>{byline}<time datetime="{date}">{date}</time>
<figure><img src="/img/{n}.jpg" alt=""><figcaption>File photo. ({site})</figcaption></figure>
<div class="article-body">{body}</div>
<div class="share"><a href="#">Share on social media</a> <a href="#">Email</a> <a href="#">Print</a></div>
</article><aside><h2>Related stories</h2><ul>{related}</ul></aside>
<section class="comments"><h2>Comments</h2>{comments}</section></main>
<footer><p>Copyright 2024 {site}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a>
</footer><script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"page":{n}}});</script></body></html>"""
    return url, html


def write_warc(path: Path, pages: int, corpus: list[Story]) -> None:
    """A WARC of `pages` responses (each after its request record), gzip per record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rnd = random.Random(pages)
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "bench/warc_ingest.py"}))
        for n in range(pages):
            url, html = page_html(n, corpus, rnd)
            data = html.encode()
            date = {"WARC-Date": f"2024-03-{1 + n % 28:02d}T09:00:00Z"}
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=request, warc_headers_dict=date))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(data)))], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(data), length=len(data),
                                                http_headers=headers, warc_headers_dict=date))


def payloads(path: Path) -> list[str]:
    """The HTML of every response record, read with fastwarc."""
    from fastwarc import ArchiveIterator, WarcRecordType

    with path.open("rb") as fh:
        return [rec.reader.read().decode("utf-8")
                for rec in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True)]


def trafilatura_rate(htmls: list[str]) -> float:
    """Pages/s of `trafilatura.extract(html)` with its defaults, after a warm-up."""
    import trafilatura

    for html in htmls[:5]:
        trafilatura.extract(html)
    t0 = time.perf_counter()
    for html in htmls:
        trafilatura.extract(html)
    return len(htmls) / (time.perf_counter() - t0)


def child_ingest(warc: Path, db: Path) -> int:
    """Helper process: run one ingest and print its wall time and peak RSS (KiB) as JSON."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "dateline", "ingest", str(warc), "--db", str(db),
                           "--workers", "1", "--no-analyse", "--quiet"], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return proc.returncode
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(json.dumps({"wall": wall, "rss_kib": rss}))
    return 0


def measure(warc: Path, db: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS in MiB, records ingested) of one ingest, via a fresh helper process."""
    out = subprocess.run([sys.executable, __file__, "--child-ingest", str(warc), str(db)],
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        ingested = int(conn.execute("SELECT count(*) FROM records WHERE status = 'ingested'").fetchone()[0])
    finally:
        conn.close()
    return float(result["wall"]), result["rss_kib"] / 1024, ingested


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200, help="pages in the 1x WARC")
    parser.add_argument("--keep", type=Path, default=None, help="write the WARCs and stores here and keep them")
    parser.add_argument("--child-ingest", nargs=2, type=Path, metavar=("WARC", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_ingest:
        return child_ingest(*args.child_ingest)
    corpus = stories()
    if len(corpus) < 2:
        print(f"too few articles in {CORPUS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="warc_bench_") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sizes = {"1x": args.records, "4x": 4 * args.records}
        results = {}
        for name, pages in sizes.items():
            warc = work / f"bench_{name}.warc.gz"
            write_warc(warc, pages, corpus)
            db = work / f"bench_{name}.db"
            for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                stale.unlink(missing_ok=True)
            results[name] = (warc.stat().st_size, *measure(warc, db))
        htmls = payloads(work / "bench_1x.warc.gz")
        reference = trafilatura_rate(htmls)
    print(f"WARC ingest, one worker, no language stage ({len(corpus)} corpus articles recombined)")
    print(f"{'':4} {'pages':>6} {'WARC KiB':>9} {'ingested':>9} {'wall s':>7} {'pages/s':>8} {'peak RSS MiB':>13}")
    for name, (size, wall, rss, ingested) in results.items():
        print(f"{name:4} {sizes[name]:>6} {size / 1024:>9.0f} {ingested:>9} {wall:>7.2f} "
              f"{sizes[name] / wall:>8.1f} {rss:>13.1f}")
    ours = sizes["4x"] / results["4x"][1]
    marginal = (sizes["4x"] - sizes["1x"]) / max(1e-9, results["4x"][1] - results["1x"][1])
    print(f"ours (4x run, start-up included)   {ours:8.1f} pages/s per core")
    print(f"ours (4x minus 1x, start-up out)   {marginal:8.1f} pages/s per core")
    print(f"trafilatura.extract alone          {reference:8.1f} pages/s")
    print(f"ratio ours / trafilatura           {ours / reference:8.2f}  (start-up out: {marginal / reference:.2f})")
    print(f"peak RSS 4x / 1x                   {results['4x'][2] / results['1x'][2]:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
