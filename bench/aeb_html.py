"""Article-body accuracy and speed of the HTML path on the AEB benchmark's development pages.

usage: .venv/bin/python bench/aeb_html.py [--worst N]
Reads `<repo>/../shared/datasets/aeb`: `html/<id>.html.gz` and `ground-truth.json`. Prints
precision, recall and F1 as the benchmark computes them for `extract_html` and for trafilatura's
default `extract` on the same pages in the same run, and pages per second for both (their ratio
is comparable across machines; absolute rates are not).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

from dateline.extract.html import extract_html
from dateline.extract.scoring import PRF, benchmark_prf, page_counts

AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "aeb"


def load(root: Path = AEB) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """HTML, ground-truth body and URL by page id (HTML decoded as UTF-8, as the pages declare)."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    html = {pid: gzip.decompress((root / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
            for pid in truth}
    return html, {pid: t["articleBody"] for pid, t in truth.items()}, {pid: t["url"] for pid, t in truth.items()}


def ours(html: str, pid: str, url: str) -> str:
    """The main article body from `extract_html` ('' when none)."""
    page = extract_html(html, source=f"{pid}.html", page_id=pid, url=url)
    return page.articles[0].body if page.articles else ""


def theirs(html: str, pid: str, url: str) -> str:
    """trafilatura's own default extraction, the reference our HTML path must not fall below."""
    return trafilatura.extract(html) or ""


def run(
    fn: Callable[[str, str, str], str], html: dict[str, str], urls: dict[str, str]
) -> tuple[dict[str, str], float]:
    """Bodies by page id and the wall time of extracting them all."""
    t0 = time.perf_counter()
    bodies = {pid: fn(h, pid, urls[pid]) for pid, h in html.items()}
    return bodies, time.perf_counter() - t0


def score(bodies: dict[str, str], truth: dict[str, str]) -> PRF:
    return benchmark_prf((bodies[pid], truth[pid]) for pid in truth)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N pages where we lose most to trafilatura")
    args = parser.parse_args(argv)
    if not AEB.is_dir():
        print(f"no AEB data at {AEB}", file=sys.stderr)
        return 2
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # "discarding data" notes per page
    html, truth, urls = load()
    run(theirs, dict(list(html.items())[:5]), urls)  # warm up imports and caches
    mine, t_mine = run(ours, html, urls)
    ref, t_ref = run(theirs, html, urls)
    for name, bodies, elapsed in (("dateline extract_html", mine, t_mine), ("trafilatura extract", ref, t_ref)):
        prf = score(bodies, truth)
        print(f"{name:22s} P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.4f}  "
              f"{len(html) / elapsed:5.1f} pages/s")
    print(f"speed ratio (ours / trafilatura extract): {t_ref / t_mine:.2f} over {len(html)} pages")
    if args.worst:
        _print_worst(mine, ref, truth, args.worst)
    return 0


def _f1(pred: str, truth: str) -> float:
    tp, fp, fn = page_counts(pred, truth)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _print_worst(mine: dict[str, str], ref: dict[str, str], truth: dict[str, str], n: int) -> None:
    rows = sorted((_f1(mine[p], truth[p]) - _f1(ref[p], truth[p]), p) for p in truth)
    for delta, pid in rows[:n]:
        ours_f1, ref_f1 = _f1(mine[pid], truth[pid]), _f1(ref[pid], truth[pid])
        print(f"  {delta:+.3f} ours {ours_f1:.2f} trafilatura {ref_f1:.2f} {pid}")


if __name__ == "__main__":
    sys.exit(main())
