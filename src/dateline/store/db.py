"""The embedded SQLite store: opening it, and the one mapping between records and rows."""

from __future__ import annotations

import datetime as dt
import errno
import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dateline.errors import QueryError, StoreError
from dateline.model import Article, ArticleKind, Page, Paragraph, Source, SourceStatus
from dateline.store.schema import migrate

__all__ = [
    "article_from_row",
    "connect",
    "count_page_lines",
    "frequent_lines",
    "known_source",
    "out_of_space",
    "page_source",
    "stored_record",
    "write_record",
    "page_source_with_sha",
    "paging_sql",
    "transaction",
    "write_page",
    "write_source",
]


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating if needed) the store at `path`, in WAL mode."""
    try:
        if readonly:
            conn = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, isolation_level=None)
        else:
            conn = sqlite3.connect(str(path), isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            migrate(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    return conn


_MIN_ROOM = 64 << 20


def out_of_space(exc: BaseException, path: str | Path) -> StoreError | None:
    """The one-line error for a store that ran out of disk space, or None for any other error.

    SQLite says SQLITE_FULL ("database or disk is full"); a write of the WAL can also fail as an
    I/O error with the disk full, and Python's own writes as ENOSPC. The transaction that hit
    it rolled back, so the store stays as it was after the last batch and a re-run resumes:
    the message says so, and how much room to make. SQLite needs room for the WAL and the pages
    a batch adds; as much again as the store holds is a safe figure (at least 64 MiB).
    """
    full = (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or (
        isinstance(exc, sqlite3.DatabaseError)
        and (getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
             or "database or disk is full" in str(exc)
             or ("disk I/O error" in str(exc) and _free(path) < _MIN_ROOM)))
    if not full:
        return None
    store = Path(path)
    size = sum(p.stat().st_size for p in (store, Path(f"{store}-wal")) if p.exists())
    return StoreError(
        f"disk full: cannot write the store {store} ({_size(_free(path))} free on its file "
        f"system; free at least {_size(max(size, _MIN_ROOM))} and run the same command again: "
        "the store is intact and the run resumes where it stopped)")


def _free(path: str | Path) -> int:
    try:
        return shutil.disk_usage(Path(path).resolve().parent).free
    except OSError:
        return 0


def _size(n: int) -> str:
    if n < 1024:
        return f"{n:,} bytes"
    size, unit = float(n), "bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        size /= 1024
        if size < 1024:
            break
    return f"{size:,.1f} {unit}"


def check_fts(conn: sqlite3.Connection, table: str, query: str) -> None:
    """FTS5 parses queries itself; its errors mean the user's query is malformed."""
    try:
        conn.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT 1", (query,)).fetchall()
    except sqlite3.OperationalError as exc:
        raise QueryError("search", query, f"{exc} (FTS5 query syntax; quote phrases)") from exc


def like_pattern(text: str) -> str:
    """A LIKE pattern (with `ESCAPE '\\'`) for text that contains `text` literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def paging_sql(order: str, tiebreak: str, limit: int | None, offset: int | None, args: list[object]) -> str:
    """`ORDER BY ... LIMIT ... OFFSET ...` for a listing, appending bound values to `args`.

    With an offset (the HTTP API's pages) the order gets a unique tiebreaker, so consecutive
    pages neither repeat nor skip rows that sort equal; without one the order is unchanged.
    """
    sql = f" ORDER BY {order}" + (f", {tiebreak}" if offset is not None else "")
    if limit is not None or offset is not None:
        sql += " LIMIT ?"
        args.append(-1 if limit is None else limit)
    if offset is not None:
        sql += " OFFSET ?"
        args.append(offset)
    return sql


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing: a crash inside leaves the store as it was before.

    Some errors (SQLITE_FULL, SQLITE_IOERR, ...) make SQLite roll the transaction back itself; a
    second ROLLBACK would then fail and hide the error that matters.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def known_source(conn: sqlite3.Connection, path: str) -> tuple[str | None, str] | None:
    """(sha256, status) of a source path already in the store."""
    row = conn.execute("SELECT sha256, status FROM sources WHERE path = ?", (path,)).fetchone()
    return (row["sha256"], row["status"]) if row else None


def page_source_with_sha(conn: sqlite3.Connection, sha256: str) -> str | None:
    """The path of an ingested source with these exact bytes, if any."""
    row = conn.execute(
        "SELECT path FROM sources WHERE sha256 = ? AND status = 'ingested' LIMIT 1", (sha256,)
    ).fetchone()
    return row["path"] if row else None


def count_page_lines(conn: sqlite3.Connection, page_id: str, site_key: str, keys: Iterable[str]) -> bool:
    """Add a page's distinct lines to its site's frequencies, once per page; False if counted before."""
    cur = conn.execute(
        "INSERT OR IGNORE INTO line_counted(page_id, site_key) VALUES (?, ?)", (page_id, site_key)
    )
    if cur.rowcount == 0:
        return False
    conn.executemany(
        "INSERT INTO line_stats(site_key, line_key, pages) VALUES (?, ?, 1)"
        " ON CONFLICT(site_key, line_key) DO UPDATE SET pages = pages + 1",
        ((site_key, k) for k in keys),
    )
    return True


def frequent_lines(conn: sqlite3.Connection, site_key: str, min_pages: int) -> frozenset[str]:
    rows = conn.execute(
        "SELECT line_key FROM line_stats WHERE site_key = ? AND pages >= ?", (site_key, min_pages)
    )
    return frozenset(r[0] for r in rows)


def write_source(conn: sqlite3.Connection, source: Source) -> None:
    conn.execute(
        "INSERT INTO sources(path, sha256, size, format, status, reason, articles)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,"
        " format = excluded.format, status = excluded.status, reason = excluded.reason,"
        " articles = excluded.articles",
        (source.path, source.sha256, source.size, source.format, str(source.status),
         source.reason, source.articles),
    )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def write_page(conn: sqlite3.Connection, page: Page, *, page_id: str, site_key: str) -> None:
    """Replace a page and its articles (a changed file at the same path replaces the old one)."""
    conn.execute("DELETE FROM pages WHERE source = ? AND id != ?", (page.source, page_id))
    conn.execute("DELETE FROM pages WHERE id = ?", (page_id,))
    conn.execute(
        "INSERT INTO pages(id, source, site, site_key, section, crawl_date, text, reason, url)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (page_id, page.source, page.site, site_key, page.section, _iso(page.crawl_date),
         page.text, page.reason, page.url),
    )
    conn.executemany(
        "INSERT INTO articles(id, page_id, source, kind, parent_id, site, section, headline,"
        " authors, byline, place, agency, date, crawl_date, body, paragraphs, start, \"end\","
        " fingerprint, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_article_row(a, page_id, page.url) for a in page.articles),
    )


def _article_row(a: Article, page_id: str, page_url: str | None) -> tuple[Any, ...]:
    paragraphs = [[p.text, p.start, p.end, p.is_subheading] for p in a.paragraphs]
    return (
        a.id, page_id, a.source, str(a.kind), a.parent_id, a.site, a.section, a.headline,
        json.dumps(list(a.authors), ensure_ascii=False), a.byline, a.place, a.agency,
        _iso(a.date), _iso(a.crawl_date), a.body, json.dumps(paragraphs, ensure_ascii=False),
        a.start, a.end, a.fingerprint, a.url or page_url,
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def article_from_row(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], source=row["source"], kind=ArticleKind(row["kind"]), headline=row["headline"],
        start=row["start"], end=row["end"], parent_id=row["parent_id"], site=row["site"],
        section=row["section"], authors=tuple(json.loads(row["authors"])), byline=row["byline"],
        place=row["place"], agency=row["agency"], date=_date(row["date"]),
        crawl_date=_date(row["crawl_date"]),
        paragraphs=tuple(Paragraph(t, s, e, bool(sub)) for t, s, e, sub in json.loads(row["paragraphs"])),
        url=row["url"],
        story_id=row["story_id"] if "story_id" in row.keys() else None,
        copies=row["copies"] if "copies" in row.keys() and row["copies"] else 1,
    )


def page_source(conn: sqlite3.Connection, page_id: str) -> str | None:
    """Where a page with this id (these exact bytes) was first stored from, if anywhere."""
    row = conn.execute("SELECT source FROM pages WHERE id = ?", (page_id,)).fetchone()
    return row["source"] if row else None


def stored_record(conn: sqlite3.Connection, source: str, key: str) -> tuple[str, str, int] | None:
    """(page id, the page's source, articles) of a document stored as ingested, with its page."""
    row = conn.execute(
        "SELECT r.page_id, p.source, r.articles FROM records r JOIN pages p ON p.id = r.page_id"
        " WHERE r.source = ? AND r.key = ? AND r.status = 'ingested'",
        (source, key),
    ).fetchone()
    return (row["page_id"], row["source"], int(row["articles"])) if row else None


def write_record(conn: sqlite3.Connection, source: str, key: str, status: str, reason: str, *,
                 page_id: str | None = None, url: str | None = None, articles: int = 0) -> None:
    """One document of an input file and what ingest made of it."""
    conn.execute(
        "INSERT INTO records(source, key, status, reason, page_id, url, articles) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(source, key) DO UPDATE SET status = excluded.status, reason = excluded.reason,"
        " page_id = excluded.page_id, url = excluded.url, articles = excluded.articles",
        (source, key, status, reason, page_id, url, articles),
    )


def source_from_row(row: sqlite3.Row) -> Source:
    return Source(
        path=row["path"], sha256=row["sha256"] or "", size=row["size"] or 0,
        format=row["format"] or "", status=SourceStatus(row["status"]), reason=row["reason"],
        articles=row["articles"],
    )
