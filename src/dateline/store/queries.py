"""Read-side queries over the store. Every filter is a bound parameter."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from dateline.errors import NotFoundError
from dateline.model import Article, ArticleKind, Source, SourceStatus
from dateline.store.db import article_from_row, check_fts, paging_sql, source_from_row

__all__ = ["get_article", "list_articles", "list_records", "list_sources", "summarise"]


def list_sources(conn: sqlite3.Connection, *, status: SourceStatus | None = None, limit: int | None = None,
                 offset: int | None = None) -> list[Source]:
    """Input files by path; `limit` and `offset` select a window (the HTTP API's pages)."""
    sql, args = "SELECT * FROM sources", []  # type: tuple[str, list[object]]
    if status is not None:
        sql += " WHERE status = ?"
        args.append(str(status))
    sql += paging_sql("path", "path", limit, offset, args)
    return [source_from_row(r) for r in conn.execute(sql, args)]


RECORD_FIELDS = ("source", "key", "status", "reason", "url", "articles")


def list_records(conn: sqlite3.Connection, *, status: SourceStatus | None = None, limit: int | None = None,
                 offset: int | None = None) -> list[dict[str, object]]:
    """Every document inside the inputs (one per WARC record or JSONL line; one for a whole file).

    `limit` and `offset` select a window (the HTTP API's pages)."""
    sql, args = "SELECT source, key, status, reason, url, articles FROM records", []  # type: tuple[str, list[object]]
    if status is not None:
        sql += " WHERE status = ?"
        args.append(str(status))
    sql += paging_sql("source, key", "source, key", limit, offset, args)
    return [dict(zip(RECORD_FIELDS, r)) for r in conn.execute(sql, args)]


def list_articles(
    conn: sqlite3.Connection,
    *,
    site: str | None = None,
    kind: ArticleKind | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    search: str | None = None,
    all_copies: bool = False,
    limit: int | None = None,
    offset: int | None = None,
) -> list[Article]:
    """Articles matching every filter given, in page order; `search` is an FTS5 query.

    A story that ran on several sites is listed once (its canonical, earliest copy) unless
    `all_copies`. `offset` skips that many (for paging).
    """
    where: list[str] = [] if all_copies else ["(s.canonical = 1 OR s.article_id IS NULL)"]
    args: list[object] = []
    if site is not None:
        where.append("a.site = ? COLLATE NOCASE")
        args.append(site)
    if kind is not None:
        where.append("a.kind = ?")
        args.append(str(kind))
    if since is not None:
        where.append("COALESCE(a.date, a.crawl_date) >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append("COALESCE(a.date, a.crawl_date) <= ?")
        args.append(until.isoformat())
    sql = ("SELECT a.*, COALESCE(s.story_id, a.id) AS story_id, (SELECT COUNT(*) FROM article_stories c"
           " WHERE c.story_id = s.story_id) AS copies FROM articles a"
           " LEFT JOIN article_stories s ON s.article_id = a.id")
    if search is not None:
        sql += " JOIN articles_fts f ON f.rowid = a.rowid"
        where.append("articles_fts MATCH ?")
        args.append(search)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += paging_sql("a.source, a.start", "a.id", limit, offset, args)
    if search is not None:
        check_fts(conn, "articles_fts", search)
    return [article_from_row(r) for r in conn.execute(sql, args)]


def get_article(conn: sqlite3.Connection, article_id: str) -> Article:
    """One article by id, or by a unique id prefix (as printed in tables)."""
    select = ("SELECT a.*, COALESCE(s.story_id, a.id) AS story_id, (SELECT COUNT(*) FROM article_stories c"
              " WHERE c.story_id = s.story_id) AS copies FROM articles a"
              " LEFT JOIN article_stories s ON s.article_id = a.id")
    rows: Sequence[sqlite3.Row] = conn.execute(select + " WHERE a.id = ?", (article_id,)).fetchall()
    if not rows and len(article_id) >= 4:
        rows = conn.execute(
            select + " WHERE a.id >= ? AND a.id < ? LIMIT 2", (article_id, article_id + "\uffff")
        ).fetchall()
    if len(rows) != 1:
        raise NotFoundError("article", article_id)
    return article_from_row(rows[0])


def summarise(conn: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Counts of sources by status and of articles by kind."""
    sources = {r[0]: r[1] for r in conn.execute("SELECT status, COUNT(*) FROM sources GROUP BY status")}
    articles = {r[0]: r[1] for r in conn.execute("SELECT kind, COUNT(*) FROM articles GROUP BY kind")}
    return {"sources": sources, "articles": articles}
