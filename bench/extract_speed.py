"""Extraction throughput on the seeds and the sample corpus, one process (one core).

usage: .venv/bin/python bench/extract_speed.py [--seconds S]
Prints pages/s of `extract_page` alone (no I/O, no store) and, as a machine-independent
figure, its time relative to a reference measured in the same run: tokenising the same pages
into words with one regular expression.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from dateline.extract import extract_page

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
_WORDS = re.compile(r"\w+")


def corpus() -> dict[str, str]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((REPO / "examples" / "corpus").glob("*.txt"))
    return {p.name: p.read_text(encoding="utf-8") for p in paths}


def _rate(work: Callable[[], None], pages: int, seconds: float) -> float:
    """Pages per second of `work` (which handles `pages` pages), run for at least `seconds`."""
    work()  # warm-up
    rounds, t0 = 0, time.perf_counter()
    while True:
        work()
        rounds += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return rounds * pages / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    texts = corpus()
    if not texts:
        print("no pages found", file=sys.stderr)
        return 2

    def extract_all() -> None:
        for name, text in texts.items():
            extract_page(text, source=name, page_id=name)

    def tokenise_all() -> None:
        for text in texts.values():
            _WORDS.findall(text)

    rate = _rate(extract_all, len(texts), args.seconds)
    reference = _rate(tokenise_all, len(texts), args.seconds)
    kb = sum(len(t) for t in texts.values()) / len(texts) / 1000
    print(f"extraction: {rate:,.0f} pages/s on one core ({len(texts)} pages, {kb:.1f} kB each on average)")
    print(f"reference (regex word split of the same pages): {reference:,.0f} pages/s")
    print(f"extraction costs {reference / rate:.1f}x the reference; target >= 500 pages/s: "
          f"{'met' if rate >= 500 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
