"""`dateline analyse`: run the language stage over articles already in the store.

Articles are read in batches, analysed in worker processes, and each batch's analyses are
written in one transaction, replacing what an older analyser wrote: re-running is idempotent,
and an interrupted run picks up where it stopped. Every run ends by relinking surnames over the
whole store (store.surnames), in one transaction: a run that analysed nothing still finishes
the linking of one killed before it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from dateline.config import IngestSettings
from dateline.language.version import ANALYSER
from dateline.model import Article, ArticleAnalysis
from dateline.store import db as store
from dateline.store.language import analysed_articles, write_analysis
from dateline.store.surnames import link_surnames

__all__ = ["AnalyseReport", "analyse"]

Progress = Callable[[str, int, int], None]
_BATCH = 64


@dataclass(slots=True)
class AnalyseReport:
    articles: int = 0
    analysed: int = 0
    up_to_date: int = 0
    quotes: int = 0
    surnames: int = 0  # surname-only persons linked to a full-name person (store.surnames)


def _analyse_batch(articles: Sequence[Article]) -> list[ArticleAnalysis]:
    from dateline.reading import analyse_articles  # spaCy loads only where it is used

    return analyse_articles(articles)


def _todo(conn: sqlite3.Connection, force: bool) -> tuple[list[str], int]:
    """Articles to analyse, one per story: a wire copy whose story already has an analysed
    article (or an earlier one in this run) is left alone, so its events count once."""
    rows = conn.execute(
        "SELECT a.id, COALESCE(s.story_id, a.id) FROM articles a LEFT JOIN article_stories s"
        " ON s.article_id = a.id ORDER BY s.canonical DESC, a.source, a.start").fetchall()
    done = set() if force else analysed_articles(conn, ANALYSER)
    covered = set() if force else {story for article, story in rows if article in done}
    todo: list[str] = []
    for article, story in rows:
        if article in done or story in covered:
            continue
        covered.add(story)
        todo.append(article)
    return todo, len(rows) - len(todo)


def _load(conn: sqlite3.Connection, ids: Sequence[str]) -> list[Article]:
    marks = ",".join("?" * len(ids))
    rows = {r["id"]: store.article_from_row(r)
            for r in conn.execute(f"SELECT * FROM articles WHERE id IN ({marks})", list(ids))}
    return [rows[i] for i in ids]


def _results(conn: sqlite3.Connection, ids: list[str], workers: int) -> Iterator[list[ArticleAnalysis]]:
    batches = [ids[i:i + _BATCH] for i in range(0, len(ids), _BATCH)]
    if workers <= 1 or len(batches) < 2:
        for batch in batches:
            yield _analyse_batch(_load(conn, batch))
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_analyse_batch, (_load(conn, b) for b in batches))


def analyse(
    *, db: str | Path, settings: IngestSettings = IngestSettings(), force: bool = False,
    progress: Progress | None = None,
) -> AnalyseReport:
    """Analyse every stored article the current analyser has not analysed (all with `force`)."""
    conn = store.connect(db)
    report = AnalyseReport()
    try:
        ids, report.up_to_date = _todo(conn, force)
        report.articles = len(ids) + report.up_to_date
        dates = {r[0]: r[1] for r in conn.execute("SELECT id, COALESCE(date, crawl_date) FROM articles")}
        for analyses in _results(conn, ids, settings.workers):
            with store.transaction(conn):
                for analysis in analyses:
                    day = dates.get(analysis.article_id)
                    write_analysis(conn, analysis, analyser=ANALYSER,
                                   article_date=_parse_day(day))
                    report.quotes += len(analysis.quotes)
            report.analysed += len(analyses)
            if progress:
                progress("analysing", report.analysed, len(ids))
        with store.transaction(conn):
            report.surnames = link_surnames(conn)
    finally:
        conn.close()
    return report


def _parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

