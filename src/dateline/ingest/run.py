"""`dateline ingest`: files in, articles stored, every input and every record accounted for.

An input file holds one document (a text dump, an HTML page) or many (a WARC file, a JSONL
export); each document is a record. Three passes make the result independent of order,
worker count and interruptions:

1. read every new file and add its text dumps' lines to their site's line frequencies;
2. extract articles (text dumps with those frequencies, HTML with trafilatura), store them,
   and group wire copies into stories;
3. analyse (actors, quotations, dates, events) one article per story.

Writes are batched transactions keyed by content hashes, so a killed run resumed later ends in
the same store as an uninterrupted one.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import stat
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from dateline.config import IngestSettings
from dateline.extract import SiteChrome, extract_page, page_line_keys, site_key
from dateline.extract.fields import page_from_fields
from dateline.extract.html import extract_html
from dateline.extract.lines import split_lines
from dateline.ingest.analyse import analyse
from dateline.ingest.files import discover, recorded_path
from dateline.ingest.inputs import InputRecord, detect_format, read_inputs
from dateline.model import Page, Source, SourceStatus
from dateline.store import db as store
from dateline.store.stories import assign_story
from dateline.stories import StorySettings

__all__ = [
    "ExtractTask",
    "Extracted",
    "FileScan",
    "IngestReport",
    "RecordScan",
    "extract_chunk",
    "finish_file",
    "ingest",
    "note_name",
    "plan_chunks",
    "record_source",
    "scan_file",
    "store_chunk",
]

# The public names besides `ingest` are what one worker's share of the ingest runs: pass one over
# a file (`scan_file`), pass two over a chunk of its records (`plan_chunks`, `extract_chunk`), and
# the store writes of that chunk and file (`store_chunk`, `finish_file`). The embedded ingest
# runs them over a process pool; `dateline.spark` runs the same functions as Spark tasks.

Progress = Callable[[str, int, int], None]
_T = TypeVar("_T")
_R = TypeVar("_R")
_CONTAINERS = frozenset({"warc", "jsonl"})
_HASH_CHUNK = 1 << 20
_CHUNK = 64
# A file read in pass one and missing in pass two (or listed, then missing) was deleted or moved.
_GONE = "gone while ingesting: the file was deleted or moved after it was listed; run again"
# A "body" shorter than this is a fragment (a caption, an error page), not an article.
_MIN_BODY_WORDS = 8


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did with its inputs (files) and the records inside them."""

    seen: int = 0
    ingested: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed: int = 0
    articles: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)
    problems: list[Source] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0


@dataclass(frozen=True, slots=True)
class RecordScan:
    key: str
    sha256: str
    status: str
    reason: str
    site_key: str = ""
    line_keys: frozenset[str] = frozenset()
    start: int = 0  # where a reader can begin to reach it (`InputRecord.start`)


@dataclass(frozen=True, slots=True)
class FileScan:
    """The first pass over one file: its bytes' hash and its records without their text."""

    path: str
    sha256: str
    size: int
    format: str
    records: tuple[RecordScan, ...]
    problem: str = ""
    name: str = ""  # what the file is recorded as, when not its path (a URI read from a local copy)

    @property
    def recorded(self) -> str:
        """The file's name in the store: `name`, else its path (`recorded_path`)."""
        return self.name or recorded_path(self.path)


@dataclass(frozen=True, slots=True)
class ExtractTask:
    """A chunk of one file's records to extract in the second pass, and what pass one decided.

    Big containers are cut into chunks so that a worker never holds more than `_CHUNK` pages:
    memory stays flat however large a WARC file is.
    """

    path: str
    scan: FileScan
    todo: Mapping[str, tuple[str, frozenset[str]]]  # key -> (sha256, the site's frequent lines)
    sites: Mapping[str, str]  # key -> site key, for the page rows
    settled: tuple[tuple[str, str, str], ...]  # (key, status, reason) of records not extracted
    last: bool = True  # the file's last chunk: its source row is written after it
    start: int = 0  # the first record's `start` in pass one, where the chunk's reader begins


@dataclass(frozen=True, slots=True)
class Extracted:
    key: str
    sha256: str
    status: str
    reason: str
    url: str | None
    page: Page | None


def _file_digest(path: str, settings: IngestSettings) -> tuple[str, int]:
    """sha256 and size of a regular file's bytes, streamed. Not hashed: anything but a regular
    file (a FIFO would block an open()) and a single-document file over the size limit, which
    the reader refuses unread; their hash is ""."""
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        return "", 0
    if info.st_size > settings.max_bytes:
        with open(path, "rb") as fh:
            head = fh.read(8192)
        if (settings.format or detect_format(head, os.path.basename(path))) not in _CONTAINERS:
            return "", info.st_size
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _inputs(path: str, settings: IngestSettings, from_key: str = "",
            from_byte: int = 0) -> Generator[InputRecord, None, None]:
    return read_inputs(path, format=settings.format, fields=dict(settings.fields) or None,
                       max_bytes=settings.max_bytes, from_key=from_key, from_byte=from_byte)


def scan_file(path: str, *, settings: IngestSettings, name: str = "") -> FileScan:
    """First pass over one file, in a worker: its records, and its text dumps' line keys.

    `name` is what the file is recorded as when that is not its path (`FileScan.name`)."""
    scan = _scan_path(path, settings)
    return replace(scan, name=name) if name else scan


def _scan_path(path: str, settings: IngestSettings) -> FileScan:
    try:
        sha, size = _file_digest(path, settings)
    except FileNotFoundError:
        return FileScan(path, "", 0, "", (), _GONE)
    except OSError as exc:
        return FileScan(path, "", 0, "", (), f"cannot read: {exc.strerror or exc}")
    records: list[RecordScan] = []
    fmt = ""
    try:
        for rec in _inputs(path, settings):
            fmt = rec.format or fmt
            if rec.status == "ok" and rec.body is not None and rec.format == "text":
                records.append(RecordScan(rec.key, rec.sha256, rec.status, rec.reason, site_key(rec.body),
                                           page_line_keys(split_lines(rec.body)), rec.start))
            else:
                records.append(RecordScan(rec.key, rec.sha256, rec.status, rec.reason, start=rec.start))
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop the whole run
        return FileScan(path, sha, size, fmt, tuple(records), f"cannot process: {type(exc).__name__}: {exc}")
    return FileScan(path, sha, size, fmt, tuple(records))


def record_source(path: str, key: str) -> str:
    return path if not key else f"{path}#{key}"


def _page_of(rec: InputRecord, source: str, chrome: frozenset[str]) -> Page:
    """Extract one record: a text dump by its lines, HTML with trafilatura, JSONL text as given."""
    assert rec.body is not None
    if rec.content_type == "html":
        return extract_html(rec.body, source=source, page_id=rec.sha256, url=rec.url, crawl_date=rec.crawl_date)
    if rec.format == "jsonl":
        f = rec.fields
        return page_from_fields(source=source, page_id=rec.sha256, title=f.get("title"), text=rec.body,
                                url=rec.url, date=f.get("date"), authors=f.get("authors") or (),
                                site=f.get("source"), crawl_date=rec.crawl_date)
    return extract_page(rec.body, source=source, page_id=rec.sha256, chrome=SiteChrome(chrome))


def extract_chunk(task: ExtractTask, *, settings: IngestSettings) -> list[Extracted]:
    """Second pass over one file, in a worker: a page for every record still to extract.

    The file is read from the chunk's first record up to its last one, so that a big container's
    chunks together read it about once, not once per chunk: a WARC seeks to that record, a JSONL
    export to that line's offset found in pass one (a file compressed as a single gzip stream
    cannot be entered mid-way, and is read from its start, see `read_inputs`). Should the file
    have changed since, what is read there differs from pass one and is accounted for as below.
    """
    path = task.scan.recorded
    done: list[Extracted] = []
    left = set(task.todo)
    with closing(_inputs(task.path, settings, next(iter(task.todo), ""), task.start)) as records:
        for rec in records:
            if rec.key in left:
                left.discard(rec.key)
                done.append(_extract_one(rec, task, path))
            if not left:
                break
    gone = left and not os.path.exists(task.path)
    done += [Extracted(k, task.todo[k][0], "failed", _GONE if gone else "changed while ingesting (record gone); run again",
                   None, None) for k in sorted(left)]
    return done


def _extract_one(rec: InputRecord, task: ExtractTask, path: str) -> Extracted:
    """One record of the chunk to extract: its page, or why it has none."""
    sha, chrome = task.todo[rec.key]
    if rec.sha256 != sha or rec.body is None:
        if not os.path.exists(task.path):
            return Extracted(rec.key, sha, "failed", _GONE, rec.url, None)
        return Extracted(rec.key, rec.sha256, "failed",
                     "changed while ingesting (contents differ between the passes); run again", rec.url, None)
    try:
        page = _page_of(rec, record_source(path, rec.key), chrome)
    except Exception as exc:  # noqa: BLE001 - one odd page must not stop the whole run
        return Extracted(rec.key, sha, "failed", f"cannot process: {type(exc).__name__}: {exc}", rec.url, None)
    if rec.content_type == "html" and not page.articles:
        beyond = _beyond_parser_limits(rec.body)
        if beyond:
            page = replace(page, reason=f"{page.reason} ({beyond})")
    return Extracted(rec.key, sha, "ok", rec.reason, rec.url, page)


# libxml2, under lxml and so under trafilatura, stops reading a document nested deeper than 256
# elements or holding a text node or attribute value over 10,000,000 bytes (its limits without
# XML_PARSE_HUGE, which we keep: they bound a hostile page's cost). Such a page then has "no
# body", and the reason should say why. Tags HTML closes implicitly (a new <p> closes the last)
# do not count towards the depth, so sloppy but ordinary markup is not blamed.
_PARSER_DEPTH = 256
_PARSER_TEXT = 10_000_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*?(/?)>")
_FLAT_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                        "param", "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th",
                        "option"})
_MARKUP = re.compile(r"[<>]")


def _beyond_parser_limits(html: str) -> str:
    """Why the HTML parser cannot read a page whole ("" when it can, as far as we tell)."""
    run = max(_MARKUP.split(html), key=len)  # the longest stretch inside or between tags
    longest = len(run.encode()) if len(run) * 4 > _PARSER_TEXT else 0
    if longest > _PARSER_TEXT:
        return (f"{longest:,} bytes in one tag or text; the HTML parser reads at most "
                f"{_PARSER_TEXT:,} in one attribute or text")
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _FLAT_TAGS or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest > _PARSER_DEPTH:
        return f"the markup nests {deepest:,} elements deep; the HTML parser reads {_PARSER_DEPTH}"
    return ""


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


def note_name(path: str, reason: str) -> str:
    """A file name that is not UTF-8 is recorded with escapes, and the reason says so."""
    if recorded_path(path) != path:
        note = "file name is not valid UTF-8 (recorded with \\x escapes)"
        return f"{reason}; {note}" if reason else note
    return reason


def finish_file(conn: sqlite3.Connection, report: IngestReport, scan: FileScan,
                 statuses: Sequence[tuple[str, str]], articles: int) -> None:
    """The file's row in `sources`: its one record's outcome, or a summary of its records."""
    counts = Counter(status for status, _ in statuses)
    if counts["failed"] or scan.problem:
        status = SourceStatus.FAILED
    elif counts["ingested"]:
        status = SourceStatus.INGESTED
    else:
        status = SourceStatus.SKIPPED
    if scan.problem:
        reason = scan.problem
    elif scan.format in _CONTAINERS:
        reason = f"{len(statuses)} records: " + ", ".join(f"{counts[s]} {s}" for s in ("ingested", "skipped", "failed"))
    else:
        reason = statuses[0][1] if statuses else "no document"
    source = Source(scan.recorded, scan.sha256, scan.size, scan.format, status,
                    note_name(scan.path, reason), articles)
    store.write_source(conn, source)
    if status is SourceStatus.INGESTED:
        report.ingested += 1
    elif scan.format not in _CONTAINERS and reason.startswith("duplicate of "):
        pass  # counted as a duplicate when it was found, and not a problem to report
    else:
        report.problems.append(source)
        report.failed += status is SourceStatus.FAILED
        report.skipped += status is SourceStatus.SKIPPED


def ingest(
    paths: Sequence[str],
    *,
    db: str | Path,
    settings: IngestSettings = IngestSettings(),
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files and directories into the store at `db`.

    A full disk raises `StoreError` with a one-line message (see `store.db.out_of_space`): each
    batch is one transaction, so the store keeps what was written and a re-run resumes.
    """
    report = IngestReport()
    try:
        conn = store.connect(db)
        try:
            tasks = _first_pass(conn, paths, settings, report, progress)
            _second_pass(conn, tasks, settings, report, progress)
        finally:
            conn.close()
        if settings.analyse:
            analyse(db=db, settings=settings, progress=progress)
    except (sqlite3.DatabaseError, OSError) as exc:
        full = store.out_of_space(exc, db)
        if full is None:
            raise
        raise full from exc
    return report


def _first_pass(conn: sqlite3.Connection, paths: Sequence[str], settings: IngestSettings,
                report: IngestReport, progress: Progress | None) -> list[ExtractTask]:
    """Account for every file and record; count new text dumps' lines. Returns what to extract."""
    found = list(discover(paths))
    report.seen = len(found)
    readable = [f.path for f in found if not f.problem]
    with store.transaction(conn):
        for f in found:
            if f.problem:
                source = Source(recorded_path(f.path), "", 0, "", SourceStatus(f.status), note_name(f.path, f.problem))
                store.write_source(conn, source)
                report.problems.append(source)
                report.failed += f.status == "failed"
                report.skipped += f.status != "failed"
    planned: list[tuple[FileScan, dict[str, tuple[str, str]], list[tuple[str, str, str]]]] = []
    first_seen: dict[str, str] = {}
    scans = _mapper(settings.workers, len(readable))(partial(scan_file, settings=settings), readable)
    for n, batch in enumerate(_batches(scans, settings.batch_size)):
        with store.transaction(conn):
            for scan in batch:
                plan = _account(conn, scan, report, first_seen)
                if plan is not None:
                    planned.append(plan)
        if progress:
            progress("reading", min((n + 1) * settings.batch_size, len(readable)), len(readable))
    chrome: dict[str, frozenset[str]] = {}
    tasks: list[ExtractTask] = []
    for scan, todo, settled in planned:
        for _, site in todo.values():
            if site and site not in chrome:
                chrome[site] = store.frequent_lines(conn, site, settings.min_chrome_pages)
        tasks += plan_chunks(scan, todo, settled, chrome)
    return tasks


def plan_chunks(scan: FileScan, todo: Mapping[str, tuple[str, str]], settled: Sequence[tuple[str, str, str]],
                chrome: Mapping[str, frozenset[str]]) -> list[ExtractTask]:
    """A file's records to extract (key -> (sha256, site key)) cut into chunks of `_CHUNK`, in
    order; the records not extracted (`settled`) go with the first, the source row with the last."""
    keys = list(todo)
    starts = {r.key: r.start for r in scan.records}
    tasks: list[ExtractTask] = []
    for at in range(0, len(keys), _CHUNK):
        part = {k: todo[k] for k in keys[at:at + _CHUNK]}
        tasks.append(ExtractTask(scan.path, scan, {k: (sha, chrome.get(site, frozenset())) for k, (sha, site) in part.items()},
                                 {k: site for k, (_, site) in part.items()}, tuple(settled) if at == 0 else (),
                                 last=at + _CHUNK >= len(keys), start=starts.get(keys[at], 0)))
    return tasks


def _account(conn: sqlite3.Connection, scan: FileScan, report: IngestReport, first_seen: dict[str, str],
             ) -> tuple[FileScan, dict[str, tuple[str, str]], list[tuple[str, str, str]]] | None:
    """Decide what to do with each record of a file: extract it, or why not (the plan)."""
    path = scan.recorded
    if not scan.problem and store.known_source(conn, path) == (scan.sha256, "ingested"):
        report.unchanged += 1
        return None
    todo: dict[str, tuple[str, str]] = {}
    settled: list[tuple[str, str, str]] = []
    for rec in scan.records:
        report.records[rec.status] += 1
        if rec.status != "ok":
            settled.append((rec.key, rec.status, rec.reason))
            continue
        source = record_source(path, rec.key)
        original = first_seen.get(rec.sha256) or store.page_source(conn, rec.sha256)
        if original and original != source:
            report.duplicates += scan.format not in _CONTAINERS
            settled.append((rec.key, "skipped", f"duplicate of {original}"))
            continue
        first_seen[rec.sha256] = source
        if rec.line_keys:
            store.count_page_lines(conn, rec.sha256, rec.site_key, rec.line_keys)
        todo[rec.key] = (rec.sha256, rec.site_key)
    if not todo:
        statuses, _ = store_chunk(conn, report, scan, settled, [])
        finish_file(conn, report, scan, statuses, 0)
        return None
    return scan, todo, settled


def _second_pass(conn: sqlite3.Connection, tasks: list[ExtractTask], settings: IngestSettings,
                 report: IngestReport, progress: Progress | None) -> None:
    results = _mapper(settings.workers, len(tasks))(partial(extract_chunk, settings=settings), tasks)
    stories = StorySettings()
    pending: dict[str, tuple[list[tuple[str, str]], int]] = {}  # a file's chunks stored so far
    for n, batch in enumerate(_batches(zip(tasks, results), max(1, settings.batch_size // 8))):
        with store.transaction(conn):
            for task, done in batch:
                statuses, articles = pending.pop(task.path, ([], 0))
                more, count = store_chunk(conn, report, task.scan, list(task.settled), done, stories=stories,
                                           site_keys=task.sites)
                if task.last:
                    finish_file(conn, report, task.scan, statuses + more, articles + count)
                else:
                    pending[task.path] = (statuses + more, articles + count)
        if progress:
            progress("extracting", min((n + 1) * max(1, settings.batch_size // 8), len(tasks)), len(tasks))


def store_chunk(conn: sqlite3.Connection, report: IngestReport, scan: FileScan,
                 settled: list[tuple[str, str, str]], done: Sequence[Extracted], *,
                 stories: StorySettings | None = None,
                 site_keys: Mapping[str, str] | None = None) -> tuple[list[tuple[str, str]], int]:
    """Write a chunk's pages and its records' rows, in the caller's transaction; returns the
    records' outcomes and the articles stored, for the file's source row."""
    path = scan.recorded
    statuses: list[tuple[str, str]] = []
    articles = 0
    for key, status, reason in settled:
        store.write_record(conn, path, key, status, reason)
        statuses.append((status, reason))
    for d in done:
        stored = store.stored_record(conn, path, d.key) if d.page is not None else None
        if stored is not None and d.page is not None and stored[:2] == (d.sha256, d.page.source):
            # Stored by an earlier run, killed before the file's last chunk: writing the page again
            # would re-insert its articles (new rowids) and re-assign their stories, where a story's
            # first copy would now join its own later copies. Kept as it is.
            status, reason, count = "ingested", d.reason, stored[2]
        else:
            status, reason, count = _store_page(conn, report, d, (site_keys or {}).get(d.key, ""), stories)
            store.write_record(conn, path, d.key, status, reason,
                               page_id=d.sha256 if status == "ingested" else None, url=d.url, articles=count)
        statuses.append((status, reason))
        articles += count
    return statuses, articles


def _store_page(conn: sqlite3.Connection, report: IngestReport, d: Extracted, site: str,
                stories: StorySettings | None) -> tuple[str, str, int]:
    """Store one extracted page; its status, reason and article count."""
    if d.page is None:
        return d.status, d.reason, 0
    main = next((a for a in d.page.articles if a.kind == "main"), None)
    if main is None:
        return "skipped", f"no recognisable article: {d.page.reason}", 0
    if len(main.body.split()) < _MIN_BODY_WORDS:
        return "skipped", f"no recognisable article: body too short ({len(main.body.split())} words)", 0
    store.write_page(conn, d.page, page_id=d.sha256, site_key=site)
    for article in d.page.articles:
        assign_story(conn, article, settings=stories or StorySettings())
    report.articles.update(str(a.kind) for a in d.page.articles)
    return "ingested", d.reason, len(d.page.articles)

