"""What a Spark task runs, as plain functions over plain values (no pyspark here).

Every step calls the embedded ingest's own functions (`dateline.ingest.run`, `dateline.stories`,
`dateline.reading`, `dateline.store`), so the two paths cannot disagree by construction:
a task writes its pages, records and analyses into a scratch store of its own with the very
functions the embedded ingest uses, and hands on that store's rows. Only what needs the whole
corpus is done between tasks, by the job (`dateline.spark.job`), as keyed steps:

- a document's bytes seen in an earlier file make it a duplicate of that file's record;
- a text dump's lines counted on enough pages of its site are that site's chrome;
- wire copies joined into stories, in the embedded ingest's order (see `story_parent`);
- a person's country, the one most of their articles give (`store.language.refresh_countries`).

The order of the embedded ingest is kept as an explicit key: a file's index in `discover` order,
then the order in which the file's articles were stored.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from dateline.config import IngestSettings
from dateline.ingest import run
from dateline.ingest.files import recorded_path
from dateline.ingest.run import Extracted, FileScan, IngestReport, note_name, record_source
from dateline.model import ArticleKind, Source, SourceStatus
from dateline.spark.remote import is_uri, local_copy
from dateline.store import db as store
from dateline.store.language import refresh_countries, write_analysis
from dateline.store.tables import ANALYSIS_TABLES, table_columns, table_rows
from dateline.stories import StorySettings, body_shingles, jaccard

__all__ = [
    "FileItem",
    "Row",
    "StoryArticle",
    "analyse_partition",
    "band_pairs",
    "best_near_copy",
    "exact_parents",
    "extract_file",
    "finish_actors",
    "record_keys",
    "scan_file",
]

Row = tuple[Any, ...]
Order = tuple[int, int]  # (file index in discover order, the article's place in that file's writes)


class FileItem(NamedTuple):
    """One input found by `discover`: its number (the embedded ingest's file order), path, and the
    problem that keeps it from being read, if any."""

    number: int
    path: str
    problem: str = ""
    status: str = "failed"


class StoryArticle(NamedTuple):
    """What story assignment needs of an article."""

    id: str
    order: Order
    kind: str
    fingerprint: str
    has_body: bool
    earliest: tuple[Any, ...]  # the store's order for a story's canonical copy (`_EARLIEST`)


def _scratch(directory: str | None) -> tuple[sqlite3.Connection, str]:
    """A store of the task's own on local disk (it holds a whole file's pages at most)."""
    fd, path = tempfile.mkstemp(suffix=".db", dir=directory)
    os.close(fd)
    return store.connect(path), path


def _drop(conn: sqlite3.Connection, path: str) -> None:
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


def scan_file(item: FileItem, settings: IngestSettings, scratch: str | None = None) -> tuple[int, FileScan | None]:
    """Pass one over one file (the embedded `scan_file`); None for a file `discover` refused.
    A file named by URI is read from a local copy and recorded under its URI (`remote`)."""
    if item.problem:
        return item.number, None
    if not is_uri(item.path):
        return item.number, run.scan_file(item.path, settings=settings)
    try:
        with local_copy(item.path, scratch) as local:
            return item.number, run.scan_file(local, settings=settings, name=item.path)
    except OSError as exc:
        return item.number, FileScan(item.path, "", 0, "", (), f"cannot read: {exc}", name=item.path)


def record_keys(index: int, scan: FileScan) -> Iterator[tuple[str, tuple[int, int, str, str, str, frozenset[str]]]]:
    """Every readable record of a scanned file by its bytes' hash: (file index, record index,
    key, source, site key, line keys), for finding duplicates and counting lines."""
    path = scan.recorded
    for j, rec in enumerate(scan.records):
        if rec.status == "ok":
            yield rec.sha256, (index, j, rec.key, record_source(path, rec.key), rec.site_key, rec.line_keys)


def extract_file(item: FileItem, scan: FileScan | None, duplicates: dict[str, str],
                 chrome: dict[str, frozenset[str]], settings: IngestSettings,
                 scratch: str | None = None) -> Iterator[tuple[str, Row]]:
    """Pass two over one file, as the embedded ingest does it: its records accounted for, its
    pages extracted and stored, its source row; yields (table, row) of what it stored, and
    ("article_order", (article id, file index, rank)) for the story step.

    `duplicates` maps a record key to the record it duplicates (decided by the job across
    files); `chrome` a site key to its frequent lines. A file that cannot be processed becomes
    a `failed` source row with the reason: a bad file never fails the job.
    """
    if scan is None:
        source = Source(recorded_path(item.path), "", 0, "", SourceStatus(item.status),
                        note_name(item.path, item.problem))
        yield "sources", (source.path, "", 0, "", str(source.status), source.reason, 0)
        return
    conn, where = _scratch(scratch)
    try:
        try:
            if is_uri(item.path) and not scan.problem:
                with local_copy(item.path, scratch) as local:
                    _store_file(conn, replace(scan, path=local), duplicates, chrome, settings)
            else:
                _store_file(conn, scan, duplicates, chrome, settings)
        except Exception as exc:  # noqa: BLE001 - one odd file must not stop the whole job
            for table in ("records", "pages", "sources"):
                conn.execute(f"DELETE FROM {table}")
            source = Source(scan.recorded, scan.sha256, scan.size, scan.format, SourceStatus.FAILED,
                            f"cannot process: {type(exc).__name__}: {exc}")
            store.write_source(conn, source)
        for table in ("sources", "records", "pages", "articles", "story_bands"):
            for row in table_rows(conn, table):
                yield table, row
        for rank, (article_id,) in enumerate(conn.execute("SELECT id FROM articles ORDER BY rowid")):
            yield "article_order", (article_id, item.number, rank)
    finally:
        _drop(conn, where)


def _store_file(conn: sqlite3.Connection, scan: FileScan, duplicates: dict[str, str],
                chrome: dict[str, frozenset[str]], settings: IngestSettings) -> None:
    """The embedded `_account` then `_second_pass` for one file, duplicates decided by the job."""
    report = IngestReport()
    todo: dict[str, tuple[str, str]] = {}
    settled: list[tuple[str, str, str]] = []
    for rec in scan.records:
        if rec.status != "ok":
            settled.append((rec.key, rec.status, rec.reason))
        elif rec.key in duplicates:
            settled.append((rec.key, "skipped", f"duplicate of {duplicates[rec.key]}"))
        else:
            todo[rec.key] = (rec.sha256, rec.site_key)
    with store.transaction(conn):
        if not todo:
            statuses, _ = run.store_chunk(conn, report, scan, settled, [])
            run.finish_file(conn, report, scan, statuses, 0)
            return
    statuses = []
    articles = 0
    stories = StorySettings()
    for task in run.plan_chunks(scan, todo, settled, chrome):
        done: list[Extracted] = run.extract_chunk(task, settings=settings)
        with store.transaction(conn):
            more, count = run.store_chunk(conn, report, scan, list(task.settled), done, stories=stories,
                                          site_keys=task.sites)
            statuses += more
            articles += count
            if task.last:
                run.finish_file(conn, report, scan, statuses, articles)


# -- stories ------------------------------------------------------------------------------------


def earliest_key(article_id: str, date: str | None, crawl_date: str | None) -> tuple[Any, ...]:
    """The store's order for a story's canonical copy: date, crawl date, id; unknown dates last."""
    return (date is None, date or "", crawl_date is None, crawl_date or "", article_id)


def band_pairs(members: Iterable[tuple[Order, str]]) -> Iterator[tuple[tuple[str, str], int]]:
    """For one LSH band key: ((article, earlier article), 1) for every pair sharing it. The
    embedded ingest indexes articles in order, so an article's candidates are earlier ones."""
    ordered = sorted(members)
    for n, (_, later) in enumerate(ordered):
        for _, earlier in ordered[:n]:
            yield (later, earlier), 1


def exact_parents(members: Iterable[StoryArticle]) -> Iterator[tuple[str, str]]:
    """For one body fingerprint: (article, the exact copy it joins), the earliest (store order)
    of the copies stored before it, as `store.stories` picks it. Teasers never join."""
    best: StoryArticle | None = None
    for a in sorted(members, key=lambda m: m.order):
        if a.kind == ArticleKind.TEASER:
            continue
        if best is not None and a.has_body:
            yield a.id, best.id
        if best is None or a.earliest < best.earliest:
            best = a


def best_near_copy(body: str, candidates: Sequence[tuple[str, int, str]],
                   settings: StorySettings) -> tuple[str, float] | None:
    """The embedded `_near_copy`: of the earlier articles sharing band keys (id, bands shared,
    body), the `max_candidates` sharing most (then by id), the most similar at or above the
    threshold (the first of equals), with its exact shingle Jaccard."""
    shingles = body_shingles(body, k=settings.k)
    best: tuple[float, str] | None = None
    for article_id, _, other in sorted(candidates, key=lambda c: (-c[1], c[0]))[:settings.max_candidates]:
        score = jaccard(shingles, body_shingles(other, k=settings.k))
        if score >= settings.threshold and (best is None or score > best[0]):
            best = (score, article_id)
    return None if best is None else (best[1], best[0])


# -- analysis -----------------------------------------------------------------------------------


def analyse_partition(rows: Iterable[Row], scratch: str | None = None, batch: int = 64) -> Iterator[tuple[str, Row]]:
    """The language stage over a partition of article rows (store columns), written with the
    store's own `write_analysis` into a scratch store; yields (table, row) of the analysis
    tables, actors as ("actors", (actor id, (source, start), row)): the embedded ingest writes an
    actor's row from the first article naming it in (source, start) order.

    The spaCy model and the knowledge tables are loaded once per executor process (they are
    module-level caches), not once per task or record.
    """
    from dateline.reading import analyse_articles  # spaCy loads only where it is used
    from dateline.language.version import ANALYSER

    names = [n for n, _ in table_columns("articles")]
    ordered = sorted(rows, key=lambda r: (r[names.index("source")], r[names.index("start")]))
    if not ordered:
        return
    conn, where = _scratch(scratch)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        with store.transaction(conn):
            conn.executemany(f"INSERT INTO articles({', '.join(chr(34) + n + chr(34) for n in names)})"
                             f" VALUES ({', '.join('?' * len(names))})", ordered)
        for at in range(0, len(ordered), batch):
            ids = [r[0] for r in ordered[at:at + batch]]
            loaded = {r["id"]: store.article_from_row(r) for r in conn.execute(
                f"SELECT * FROM articles WHERE id IN ({','.join('?' * len(ids))})", ids)}
            articles = [loaded[i] for i in ids]
            with store.transaction(conn):
                for article, analysis in zip(articles, analyse_articles(articles)):
                    day = article.date or article.crawl_date
                    write_analysis(conn, analysis, analyser=ANALYSER, article_date=day)
        for table in ANALYSIS_TABLES:
            if table != "actors":
                for row in table_rows(conn, table):
                    yield table, row
        first: dict[str, tuple[str, int]] = {}
        for actor_id, source, start in conn.execute(
                "SELECT aa.actor_id, a.source, a.start FROM actor_articles aa JOIN articles a ON a.id = aa.article_id"):
            first[actor_id] = min(first.get(actor_id, (source, start)), (source, start))
        for row in table_rows(conn, "actors"):
            yield "actors", (row[0], first[row[0]], row)
    finally:
        _drop(conn, where)


def finish_actors(groups: Iterable[tuple[str, tuple[Row, list[Row]]]], scratch: str | None = None) -> Iterator[Row]:
    """Actor rows as the whole corpus leaves them: each actor's row as its first article wrote
    it, then a person's country recomputed over all their articles with the store's own rule
    (`refresh_countries`). `groups` holds (actor id, (actor row, its actor_articles rows))."""
    actors = list(groups)
    if not actors:
        return
    conn, where = _scratch(scratch)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        a_cols = [n for n, _ in table_columns("actors")]
        r_cols = [n for n, _ in table_columns("actor_articles")]
        with store.transaction(conn):
            conn.executemany(f"INSERT INTO actors({', '.join(a_cols)}) VALUES ({', '.join('?' * len(a_cols))})",
                             (row for _, (row, _) in actors))
            conn.executemany(f"INSERT INTO actor_articles({', '.join(r_cols)}) VALUES ({', '.join('?' * len(r_cols))})",
                             (r for _, (_, rows) in actors for r in rows))
            refresh_countries(conn, [r[0] for r in conn.execute("SELECT id FROM actors WHERE kind = 'person'")])
        yield from table_rows(conn, "actors")
    finally:
        _drop(conn, where)

