"""Event coding speed: events per second, and coding's share of the whole pipeline.

usage: .venv/bin/python bench/events_speed.py [--repeat N]
Runs extraction, the spaCy parse and the analysis (quotes, actors, dates and events in one
reading pass) over the seeds and the sample corpus, repeated N times, and times the event
coder's own calls (`code_sentence`, `assemble_events`) inside that pass by wrapping them. The
share is measured against the whole pipeline in the same run, so it holds on any machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dateline.reading as analyse_module
from dateline.extract import extract_page
from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp, parse
from dateline.model import Article
from dateline.reading import analyse_article, analysis_texts

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


class _Clock:
    """Accumulates the time spent inside the wrapped functions."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            result = fn(*args, **kwargs)
            if hasattr(result, "__next__"):  # a generator: time its consumption
                result = list(result)
            self.seconds += time.perf_counter() - t0
            return result
        return timed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=4)
    args = parser.parse_args(argv)
    paths = sorted(SEEDS.glob("*.txt")) + sorted((REPO / "examples" / "corpus").glob("*.txt"))
    pages = [(p.name, p.read_text(encoding="utf-8")) for p in paths] * args.repeat
    if not pages:
        print("no pages found", file=sys.stderr)
        return 2
    nlp, gazetteer = load_nlp(), load_gazetteer()
    clock = _Clock()
    analyse_module.code_sentence = clock.wrap(analyse_module.code_sentence)  # type: ignore[assignment]
    analyse_module.assemble_events = clock.wrap(analyse_module.assemble_events)  # type: ignore[assignment]

    t0 = time.perf_counter()
    articles: list[Article] = []
    for n, (name, text) in enumerate(pages):
        articles += [a for a in extract_page(text, source=name, page_id=str(n)).articles if a.paragraphs]
    t_extract = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(parse((t for a in articles for t in analysis_texts(a)), nlp=nlp))
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    events = at = 0
    for article in articles:
        n = len(article.paragraphs)
        events += len(analyse_article(article, docs[at:at + n], gazetteer=gazetteer).events)
        at += n
    t_analyse = time.perf_counter() - t0
    total = t_extract + t_parse + t_analyse
    words = sum(len(t.split()) for a in articles for t in analysis_texts(a))
    print(f"{len(articles)} articles, {words:,} words, {events} events")
    print(f"pipeline: extract {t_extract:.2f} s, spaCy parse {t_parse:.2f} s, analysis {t_analyse:.2f} s")
    print(f"event coding: {clock.seconds:.2f} s = {events / max(clock.seconds, 1e-9):,.0f} events/s, "
          f"{100 * clock.seconds / total:.1f}% of the pipeline ({100 * clock.seconds / t_parse:.1f}% of the parse)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
