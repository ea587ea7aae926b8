"""Language-stage throughput as a share of the bare spaCy pipeline's, one process (one core).

usage: .venv/bin/python bench/language_speed.py [--seconds S] [--rounds N] [--words N]

The parse is the cost we cannot avoid, so the figure that matters is the ratio: how fast
`analyse_articles` runs against `nlp.pipe` alone over the same paragraph texts, with the same
pipeline (`load_nlp()`) and batch size, measured in the same run (target: >= 0.8). Absolute
words/s are printed too, but they depend on the machine. The corpus is every article body of
the seeds and the sample corpus (main, sidebar and teaser ledes), repeated to at least
`--words` words. Rounds are interleaved so that drift in the machine hits both; the
median round counts. The share of our own code is measured by running the analysis alone on
docs parsed beforehand; `unaccounted` (stage minus parse minus analysis) shows the noise.
"""

from __future__ import annotations

import argparse
import inspect
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from dateline.extract import extract_page
from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp, parse
from dateline.model import Article
from dateline.reading import analyse_article, analyse_articles, analysis_texts

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TARGET = 0.8
# The stage's own batch size, so that the bare run batches exactly as the stage does.
BATCH: int = inspect.signature(parse).parameters["batch_size"].default


def corpus_articles() -> list[Article]:
    """Every article of the seed pages and the sample corpus (teasers too: their ledes are parsed)."""
    paths = sorted((SHARED / "seeds").glob("*.txt")) + sorted((REPO / "examples" / "corpus").glob("*.txt"))
    articles: list[Article] = []
    for path in paths:
        page = extract_page(path.read_text(encoding="utf-8"), source=path.name, page_id=path.name)
        articles.extend(a for a in page.articles if analysis_texts(a))
    return articles


def _words(articles: Sequence[Article]) -> int:
    return sum(len(t.split()) for a in articles for t in analysis_texts(a))


def _repeat(articles: list[Article], min_words: int) -> list[Article]:
    """The articles, repeated whole until there are at least `min_words` words."""
    once = _words(articles)
    times = max(1, -(-min_words // once)) if once else 1
    return articles * times


def _timed(work: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    work()
    return time.perf_counter() - t0


@dataclass(frozen=True, slots=True)
class Timing:
    """Seconds per round of one piece of work: the median that counts, and the spread."""

    median: float
    fastest: float
    slowest: float
    rounds: int


def _rounds(works: dict[str, Callable[[], object]], seconds: float, min_rounds: int) -> dict[str, Timing]:
    """Times per round of each piece of work, rounds interleaved, after one warm-up each."""
    for work in works.values():
        work()
    times: dict[str, list[float]] = {name: [] for name in works}
    t0 = time.perf_counter()
    while min(len(ts) for ts in times.values()) < min_rounds or time.perf_counter() - t0 < seconds:
        for name, work in works.items():
            times[name].append(_timed(work))
    return {name: Timing(statistics.median(ts), min(ts), max(ts), len(ts)) for name, ts in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=45.0,
                        help="Keep measuring rounds for at least this long (all three kinds of work).")
    parser.add_argument("--rounds", type=int, default=5, help="At least this many rounds of each.")
    parser.add_argument("--words", type=int, default=20_000, help="Repeat the corpus to at least this many words.")
    args = parser.parse_args(argv)
    base = corpus_articles()
    if not base:
        print(f"no articles found (looked in {SHARED / 'seeds'} and examples/corpus)", file=sys.stderr)
        return 2
    articles = _repeat(base, args.words)
    texts = [t for a in articles for t in analysis_texts(a)]
    words = _words(articles)
    nlp = load_nlp()
    gazetteer = load_gazetteer()
    # Docs for the analysis-only rounds: the analysis reads docs and never changes them.
    docs = list(nlp.pipe(texts, batch_size=BATCH))
    parsed: list[tuple[Article, list[Doc]]] = []
    at = 0
    for article in articles:
        n = len(analysis_texts(article))
        parsed.append((article, docs[at:at + n]))
        at += n

    def bare() -> None:
        for _ in nlp.pipe(texts, batch_size=BATCH):
            pass

    def stage() -> None:
        analyse_articles(articles, nlp=nlp, gazetteer=gazetteer)

    def ours() -> None:
        for article, its_docs in parsed:
            analyse_article(article, its_docs, gazetteer=gazetteer)

    timing = _rounds({"bare": bare, "stage": stage, "ours": ours}, args.seconds, args.rounds)
    bare_s, stage_s, ours_s = timing["bare"].median, timing["stage"].median, timing["ours"].median
    ratio = bare_s / stage_s
    print(f"corpus: {len(base)} articles ({_words(base):,} words) x{len(articles) // len(base)} = "
          f"{len(texts):,} paragraphs, {words:,} words; batch size {BATCH}; pipeline {', '.join(nlp.pipe_names)}")
    print(f"median of {timing['stage'].rounds} rounds, after a warm-up:")
    for label, name in (("bare spaCy (nlp.pipe)", "bare"), ("language stage (analyse_articles)", "stage"),
                        ("our analysis alone (parsed docs)", "ours")):
        t = timing[name]
        print(f"  {label:<34} {words / t.median:>8,.0f} words/s  "
              f"({t.median:.2f} s/round, {t.fastest:.2f}-{t.slowest:.2f})")
    # Measured directly rather than as stage minus bare, a difference of two noisy medians.
    share = ours_s / (ours_s + bare_s)
    print(f"time share: spaCy {1 - share:.0%}, our code {share:.0%} (our analysis on parsed docs against "
          f"the bare parse); unaccounted: {stage_s - bare_s - ours_s:+.2f} s/round")
    print(f"ratio stage/bare: {ratio:.2f}; target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
