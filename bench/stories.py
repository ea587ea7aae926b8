"""Near-duplicate stories: grouping precision/recall per threshold, and assign_story speed.

usage: .venv/bin/python bench/stories.py [--orders N] [--background N]
The test set is ours (tests/stories/neardup_set.py: syndication copies of the sample corpus and
follow-up stories that must stay apart). Grouping depends a little on ingest order (a copy joins
the closest copy already stored), so each threshold runs over the given order, the reverse and
N-2 shuffles, and prints the worst and mean pairwise precision and recall. Speed: articles/s of
`assign_story` alone (pages already written) over the set plus N background articles mixed from
the corpus' sentences, so the index holds many related but distinct bodies.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "stories"))

from neardup_set import Item, build_set, make_article, pair_scores, store_article  # noqa: E402

from dateline.model import content_id  # noqa: E402
from dateline.store import connect  # noqa: E402
from dateline.store.stories import assign_story  # noqa: E402
from dateline.stories import StorySettings  # noqa: E402

THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _orders(items: list[Item], n: int) -> list[list[Item]]:
    shuffles = []
    for seed in range(max(n - 2, 0)):
        order = list(items)
        random.Random(seed).shuffle(order)
        shuffles.append(order)
    return [list(items), list(reversed(items)), *shuffles][:max(n, 1)]


def group(conn: sqlite3.Connection, order: list[Item], settings: StorySettings) -> dict[str, str]:
    """Assign every item in `order`; the story id of each article."""
    return {it.article.id: assign_story(conn, it.article, settings=settings).story_id for it in order}


def scores(items: list[Item], settings: StorySettings, orders: int, workdir: Path) -> list[tuple[float, float]]:
    """(precision, recall) for each ingest order."""
    out = []
    for n, order in enumerate(_orders(items, orders)):
        conn = connect(workdir / f"t{settings.threshold}-{n}.db")
        for it in items:
            store_article(conn, it.article)
        stories = group(conn, order, settings)
        out.append(pair_scores(items, lambda it: stories[it.article.id]))
        conn.close()
    return out


def background(items: list[Item], n: int) -> list[Item]:
    """Distinct articles of 12 sentences drawn from the set's bases: related, never copies."""
    sentences = sorted({s.strip() + "." for it in items if it.variant == "base"
                        for p in it.article.paragraphs for s in p.text.split(". ") if len(s) > 40})
    rng = random.Random(7)
    out = []
    for i in range(n):
        paras = [" ".join(rng.sample(sentences, 2)) for _ in range(6)]
        art = make_article(content_id("background", str(i)), paras, headline=f"Background {i}", site="Bench")
        out.append(Item(f"background:{i}", "background", art))
    return out


def speed(items: list[Item], settings: StorySettings, workdir: Path) -> tuple[int, float]:
    """(articles, articles/s) of assign_story over `items`, pages written beforehand."""
    conn = connect(workdir / "speed.db")
    conn.execute("BEGIN")
    for it in items:
        store_article(conn, it.article)
    conn.execute("COMMIT")
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    for it in items:
        assign_story(conn, it.article, settings=settings)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return len(items), len(items) / elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--orders", type=int, default=6, help="ingest orders per threshold")
    parser.add_argument("--background", type=int, default=3000, help="extra articles for the speed run")
    args = parser.parse_args(argv)
    items = build_set()
    settings = StorySettings()
    stories = len({it.story for it in items})
    print(f"test set: {len(items)} articles, {stories} stories; settings {settings}")
    print("threshold  P(min)  P(mean)  R(min)  R(mean)")
    with tempfile.TemporaryDirectory() as tmp:
        for t in THRESHOLDS:
            runs = scores(items, dataclasses.replace(settings, threshold=t), args.orders, Path(tmp))
            ps, rs = [p for p, _ in runs], [r for _, r in runs]
            mark = "  <- default" if t == settings.threshold else ""
            print(f"{t:9.2f}  {min(ps):6.3f}  {statistics.mean(ps):7.3f}  {min(rs):6.3f}"
                  f"  {statistics.mean(rs):7.3f}{mark}")
        n, rate = speed(items + background(items, args.background), settings, Path(tmp))
    print(f"assign_story: {rate:,.0f} articles/s over {n} articles (one process, one transaction)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
