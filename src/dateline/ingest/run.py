"""`dateline ingest`: files in, articles stored, every input accounted for.

Two passes make the result independent of order, worker count and interruptions. The first
reads every new file and adds its lines to its site's line frequencies; the second extracts
articles with those frequencies. Writes are batched transactions keyed by content hashes, so a
killed run resumed later ends in the same store as an uninterrupted one.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from dateline.config import IngestSettings
from dateline.extract import SiteChrome, extract_page, page_line_keys, site_key
from dateline.extract.lines import split_lines
from dateline.language.version import ANALYSER
from dateline.ingest.files import Loaded, discover, load, recorded_path
from dateline.model import ArticleAnalysis, Page, Source, SourceStatus
from dateline.store import db as store
from dateline.store.language import write_analysis

__all__ = ["IngestReport", "ingest"]

Progress = Callable[[str, int, int], None]
_T = TypeVar("_T")
_R = TypeVar("_R")


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did with its inputs."""

    seen: int = 0
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    articles: Counter[str] = field(default_factory=Counter)
    problems: list[Source] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclass(frozen=True, slots=True)
class _Counted:
    loaded: Loaded
    site_key: str
    line_keys: frozenset[str]


def _count(path: str, *, max_bytes: int) -> _Counted:
    """First pass over one file, in a worker: its site and distinct line keys."""
    loaded = load(path, max_bytes=max_bytes)
    if loaded.text is None:
        return _Counted(loaded, "", frozenset())
    try:
        lines = split_lines(loaded.text)
        return _Counted(_without_text(loaded), site_key(loaded.text), page_line_keys(lines))
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop the whole run
        return _Counted(_crashed(loaded, exc), "", frozenset())


def _crashed(loaded: Loaded, exc: Exception) -> Loaded:
    """`loaded` as failed because processing it raised: recorded, and the run goes on."""
    return Loaded(loaded.path, loaded.sha256, loaded.size, loaded.format, None, "failed",
                  f"cannot process: {type(exc).__name__}: {exc}")


def _without_text(loaded: Loaded) -> Loaded:
    return Loaded(loaded.path, loaded.sha256, loaded.size, loaded.format, None, loaded.status, loaded.reason)


@dataclass(frozen=True, slots=True)
class _Extracted:
    loaded: Loaded
    page: Page | None
    analyses: tuple[ArticleAnalysis, ...] = ()


def _extract(task: tuple[str, frozenset[str]], *, max_bytes: int, analyse: bool) -> _Extracted:
    """Second pass over one file, in a worker: its page and its analysis, or None and why not."""
    path, frequent = task
    loaded = load(path, max_bytes=max_bytes)
    if loaded.text is None:
        return _Extracted(loaded, None)
    try:
        page = extract_page(loaded.text, source=recorded_path(path), page_id=loaded.sha256,
                            chrome=SiteChrome(frequent))
        analyses: tuple[ArticleAnalysis, ...] = ()
        if analyse and any(a.kind == "main" for a in page.articles):
            # Imported here: spaCy loads in seconds, and only workers that analyse need it.
            from dateline.language.stage import analyse_articles

            analyses = tuple(analyse_articles(page.articles))
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop the whole run
        return _Extracted(_crashed(loaded, exc), None)
    return _Extracted(_without_text(loaded), page, analyses)


def _mapper(workers: int, items: int) -> Callable[[Callable[[_T], _R], Sequence[_T]], Iterator[_R]]:
    """map in-process for small jobs, over a process pool otherwise."""
    if workers <= 1 or items < 4:
        return lambda fn, xs: map(fn, xs)

    def pooled(fn: Callable[[_T], _R], xs: Sequence[_T]) -> Iterator[_R]:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(fn, xs, chunksize=max(1, min(32, len(xs) // (workers * 4))))

    return pooled


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _source(loaded: Loaded, status: SourceStatus, reason: str, articles: int = 0) -> Source:
    """The store's record of `loaded`, under its recorded path.

    A file name that is not UTF-8 is recorded with escapes (see `recorded_path`), and the
    reason says so: the record must not pass for the exact name.
    """
    path = recorded_path(loaded.path)
    if path != loaded.path:
        note = "file name is not valid UTF-8 (recorded with \\x escapes)"
        reason = f"{reason}; {note}" if reason else note
    return Source(path, loaded.sha256, loaded.size, loaded.format, status, reason, articles)


def _refuse(conn: sqlite3.Connection, report: IngestReport, loaded: Loaded, status: SourceStatus,
            reason: str) -> None:
    source = _source(loaded, status, reason)
    store.write_source(conn, source)
    report.problems.append(source)
    if status is SourceStatus.FAILED:
        report.failed += 1
    else:
        report.skipped += 1


def ingest(
    paths: Sequence[str],
    *,
    db: str | Path,
    settings: IngestSettings = IngestSettings(),
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and directories into the store at `db`."""
    report = IngestReport()
    conn = store.connect(db)
    try:
        todo = _first_pass(conn, paths, settings, report, progress)
        _second_pass(conn, todo, settings, report, progress)
    finally:
        conn.close()
    return report


def _first_pass(conn: sqlite3.Connection, paths: Sequence[str], settings: IngestSettings,
                report: IngestReport, progress: Progress | None) -> list[tuple[str, str, str]]:
    """Account for every file; count new pages' lines. Returns (path, site_key, sha256) to extract."""
    found = list(discover(paths))
    report.seen = len(found)
    readable = [f.path for f in found if not f.problem]
    with store.transaction(conn):
        for f in found:
            if f.problem:
                _refuse(conn, report, Loaded(f.path, "", 0, "", None, f.status), SourceStatus(f.status),
                        f.problem)
    todo: list[tuple[str, str, str]] = []
    first_path_of: dict[str, str] = {}
    counted = _mapper(settings.workers, len(readable))(partial(_count, max_bytes=settings.max_bytes), readable)
    for n, batch in enumerate(_batches(counted, settings.batch_size)):
        with store.transaction(conn):
            for c in batch:
                _account(conn, c, report, first_path_of, todo)
        if progress:
            progress("reading", min((n + 1) * settings.batch_size, len(readable)), len(readable))
    return todo


def _account(conn: sqlite3.Connection, c: _Counted, report: IngestReport,
             first_path_of: dict[str, str], todo: list[tuple[str, str, str]]) -> None:
    loaded = c.loaded
    if loaded.status != "ok":
        status = SourceStatus.FAILED if loaded.status == "failed" else SourceStatus.SKIPPED
        _refuse(conn, report, loaded, status, loaded.reason)
        return
    path = recorded_path(loaded.path)
    if store.known_source(conn, path) == (loaded.sha256, "ingested"):
        report.unchanged += 1
        return
    original = first_path_of.get(loaded.sha256) or store.page_source_with_sha(conn, loaded.sha256)
    if original and original != path:
        report.duplicates += 1
        store.write_source(conn, _source(loaded, SourceStatus.SKIPPED, f"duplicate of {original}"))
        return
    first_path_of[loaded.sha256] = path
    store.count_page_lines(conn, loaded.sha256, c.site_key, c.line_keys)
    todo.append((loaded.path, c.site_key, loaded.sha256))


def _second_pass(conn: sqlite3.Connection, todo: list[tuple[str, str, str]], settings: IngestSettings,
                 report: IngestReport, progress: Progress | None) -> None:
    chrome: dict[str, frozenset[str]] = {}
    for _, key, _ in todo:
        if key not in chrome:
            chrome[key] = store.frequent_lines(conn, key, settings.min_chrome_pages)
    tasks = [(path, chrome[key]) for path, key, _ in todo]
    counted = {path: (key, sha) for path, key, sha in todo}
    work = partial(_extract, max_bytes=settings.max_bytes, analyse=settings.analyse)
    results = _mapper(settings.workers, len(tasks))(work, tasks)
    for n, batch in enumerate(_batches(results, settings.batch_size)):
        with store.transaction(conn):
            for done in batch:
                key, sha = counted[done.loaded.path]
                _store_page(conn, done, key, sha, report)
        if progress:
            progress("extracting", min((n + 1) * settings.batch_size, len(tasks)), len(tasks))


def _store_page(conn: sqlite3.Connection, done: _Extracted, key: str, counted_sha: str,
                report: IngestReport) -> None:
    """Write one extracted page and its source row, or record why not.

    A file whose bytes differ from those counted in the first pass changed in between: its
    lines were never counted, so it is failed (a re-run ingests it) rather than stored.
    """
    loaded, page = done.loaded, done.page
    if page is None:
        status = SourceStatus.FAILED if loaded.status == "failed" else SourceStatus.SKIPPED
        _refuse(conn, report, loaded, status, loaded.reason or "changed while ingesting")
        return
    if loaded.sha256 != counted_sha:
        _refuse(conn, report, loaded, SourceStatus.FAILED,
                "changed while ingesting (contents differ between the two passes); run again")
        return
    if not any(a.kind == "main" for a in page.articles):
        _refuse(conn, report, loaded, SourceStatus.SKIPPED, f"no recognisable article: {page.reason}")
        return
    store.write_page(conn, page, page_id=loaded.sha256, site_key=key)
    dates = {a.id: a.date or a.crawl_date for a in page.articles}
    for analysis in done.analyses:
        write_analysis(conn, analysis, analyser=ANALYSER, article_date=dates[analysis.article_id])
    store.write_source(conn, _source(loaded, SourceStatus.INGESTED, loaded.reason, len(page.articles)))
    report.ingested += 1
    report.articles.update(str(a.kind) for a in page.articles)
