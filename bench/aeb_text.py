"""Article-body accuracy and speed on the AEB benchmark's plain-text dumps (text alone).

usage: .venv/bin/python bench/aeb_text.py [--worst N] [--min-pages K]
Reads `<repo>/../shared/datasets/aeb`: `text/<id>.txt` and `ground-truth.json`. Site chrome is
counted across the dumps the way ingest counts it (a line key frequent on >= K pages of a site).
Prints precision, recall and F1 as the benchmark computes them, and pages per second.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from dateline.extract import SiteChrome, extract_page, page_line_keys, site_key
from dateline.extract.lines import split_lines
from dateline.extract.scoring import benchmark_prf, page_counts

AEB = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "aeb"


def load(root: Path = AEB) -> tuple[dict[str, str], dict[str, str]]:
    """Page texts and ground-truth bodies by page id."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    texts = {pid: (root / "text" / f"{pid}.txt").read_text(encoding="utf-8") for pid in truth}
    return texts, {pid: t["articleBody"] for pid, t in truth.items()}


def site_chrome(texts: dict[str, str], min_pages: int = 2) -> dict[str, SiteChrome]:
    """Per-site frequent line keys, as ingest would accumulate them."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts.values():
        counts[site_key(text)].update(page_line_keys(split_lines(text)))
    return {site: SiteChrome(frozenset(k for k, n in c.items() if n >= min_pages)) for site, c in counts.items()}


def extract_bodies(texts: dict[str, str], chrome: dict[str, SiteChrome]) -> dict[str, str]:
    """The main article body of every page ('' when none was found)."""
    bodies: dict[str, str] = {}
    for pid, text in texts.items():
        page = extract_page(text, source=f"{pid}.txt", page_id=pid, chrome=chrome.get(site_key(text)))
        main = [a for a in page.articles if a.kind == "main"]
        bodies[pid] = main[0].body if main else ""
    return bodies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages")
    parser.add_argument("--min-pages", type=int, default=2)
    args = parser.parse_args(argv)
    if not AEB.is_dir():
        print(f"no AEB data at {AEB}", file=sys.stderr)
        return 2
    texts, truth = load()
    chrome = site_chrome(texts, args.min_pages)
    extract_bodies(texts, chrome)  # warm up
    rounds, t0 = 3, time.perf_counter()
    for _ in range(rounds):
        bodies = extract_bodies(texts, chrome)
    elapsed = (time.perf_counter() - t0) / rounds
    prf = benchmark_prf((bodies[pid], truth[pid]) for pid in truth)
    mb = sum(len(t) for t in texts.values()) / 1e6
    print(f"AEB text: P {prf.precision:.3f} R {prf.recall:.3f} F1 {prf.f1:.3f} over {len(truth)} pages")
    print(f"speed: {len(texts) / elapsed:.0f} pages/s, {mb / elapsed:.1f} MB/s ({mb:.1f} MB in {elapsed:.2f} s)")
    print(f"reference: {_reference_ratio(texts, elapsed):.2f}x the time of splitting the text into lines")
    if args.worst:
        _print_worst(bodies, truth, args.worst)
    return 0


def _reference_ratio(texts: dict[str, str], elapsed: float) -> float:
    """Extraction time relative to a trivial pass (splitting lines), to compare across machines."""
    t0 = time.perf_counter()
    for text in texts.values():
        split_lines(text)
    return elapsed / max(time.perf_counter() - t0, 1e-9)


def _print_worst(bodies: dict[str, str], truth: dict[str, str], n: int) -> None:
    rows = []
    for pid in truth:
        tp, fp, fn = page_counts(bodies[pid], truth[pid])
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, pid))
    for f, p, r, pid in sorted(rows)[:n]:
        print(f"  {f:.2f} P {p:.2f} R {r:.2f} {pid}")


if __name__ == "__main__":
    sys.exit(main())
