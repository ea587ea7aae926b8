"""Read-side queries over the store. Every filter is a bound parameter."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence

from dateline.errors import NotFoundError, QueryError
from dateline.model import Article, ArticleKind, Paragraph, Source, SourceStatus
from dateline.store.db import article_from_row, check_fts, paging_sql, source_from_row
from dateline.store.ranges import SORTS, FacetCount, count_rows, facet_counts, time_limit

__all__ = ["ARTICLE_FACETS", "article_facets", "article_paragraphs", "article_family", "count_articles", "get_article", "list_articles",
           "list_records", "list_sources", "summarise"]


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


_ARTICLE_SELECT = ("SELECT a.*, COALESCE(s.story_id, a.id) AS story_id, (SELECT COUNT(*) FROM article_stories c"
                   " WHERE c.story_id = s.story_id) AS copies FROM articles a"
                   " LEFT JOIN article_stories s ON s.article_id = a.id")
_ARTICLE_FROM = "articles a LEFT JOIN article_stories s ON s.article_id = a.id"
_DAY = "COALESCE(a.date, a.crawl_date)"  # an article's day: its date, else when it was crawled
# What an article listing can be counted by: the SQL of each value (a value the listing's
# filter of the same meaning takes: `site`, `kind`, since/until).
ARTICLE_FACETS = {"year": f"substr({_DAY}, 1, 4)", "month": f"substr({_DAY}, 1, 7)", "site": "a.site",
                  "kind": "a.kind"}


def _article_where(
    conn: sqlite3.Connection, *, site: str | None, kind: ArticleKind | None, since: dt.date | None,
    until: dt.date | None, search: str | None, all_copies: bool,
) -> tuple[list[str], list[object]]:
    where: list[str] = [] if all_copies else ["(s.canonical = 1 OR s.article_id IS NULL)"]
    args: list[object] = []
    if site is not None:
        where.append("a.site = ? COLLATE NOCASE")
        args.append(site)
    if kind is not None:
        where.append("a.kind = ?")
        args.append(str(kind))
    if since is not None:
        where.append(f"{_DAY} >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append(f"{_DAY} <= ?")
        args.append(until.isoformat())
    if search is not None:
        check_fts(conn, "articles_fts", search)
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        args.append(search)
    return where, args


def list_articles(
    conn: sqlite3.Connection,
    *,
    site: str | None = None,
    kind: ArticleKind | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    search: str | None = None,
    all_copies: bool = False,
    sort: str = "date",
    limit: int | None = None,
    offset: int | None = None,
) -> list[Article]:
    """Articles matching every filter given, by date (the article's, else its crawl date;
    undated last; `sort="-date"` newest first), then source and position; `search` is FTS5.

    A story that ran on several sites is listed once (its canonical, earliest copy) unless
    `all_copies`. `offset` skips that many (for paging). The order is an index's (migration 11).
    """
    if sort not in SORTS:
        raise QueryError("sort", sort, "expected one of " + ", ".join(SORTS))
    where, args = _article_where(conn, site=site, kind=kind, since=since, until=until, search=search,
                                 all_copies=all_copies)
    d = " DESC" if sort.startswith("-") else ""
    sql = _ARTICLE_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {_DAY} IS NULL, {_DAY}{d}, a.source{d}, a.start{d}, a.id{d}"
    if limit is not None or offset is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else limit, offset or 0]
    return [article_from_row(r) for r in conn.execute(sql, args)]


def count_articles(
    conn: sqlite3.Connection, *, site: str | None = None, kind: ArticleKind | None = None,
    since: dt.date | None = None, until: dt.date | None = None, search: str | None = None,
    all_copies: bool = False,
) -> int:
    """How many articles `list_articles` lists with these filters (from `article_tally` when it
    is keyed by every filter given: `_tally_where`)."""
    tally = _tally_where(site=site, kind=kind, since=since, until=until, search=search, all_copies=all_copies)
    if tally is not None:
        return sum(n for _, n in _tally_counts(conn, "''", tally))
    where, args = _article_where(conn, site=site, kind=kind, since=since, until=until, search=search,
                                 all_copies=all_copies)
    return int(count_rows(conn, _ARTICLE_FROM, [(where, list(args))]))


# The facets `article_tally` counts (migration 12): the value of each over a tally row.
_TALLIED = {"year": "substr(NULLIF(month, ''), 1, 4)", "month": "NULLIF(month, '')", "site": "NULLIF(site, '')",
            "kind": "kind"}


def _tally_where(*, site: str | None, kind: ArticleKind | None, since: dt.date | None, until: dt.date | None,
                 search: str | None, all_copies: bool) -> tuple[str, list[object]] | None:
    """The conditions on `article_tally` that select the articles these filters list, or None
    when the tally is not keyed by them (a search; a date range not made of whole months).
    A listing of stories counts every article less the copies (`copy` 1) of a story."""
    if search is not None or site == "":
        return None
    if since is not None and since.day != 1:
        return None
    if until is not None and until.day != calendar.monthrange(until.year, until.month)[1]:
        return None
    where, args = ["copy = 0" if all_copies else "1"], []  # type: tuple[list[str], list[object]]
    if site is not None:
        where.append("site = ? COLLATE NOCASE")
        args.append(site)
    if kind is not None:
        where.append("kind = ?")
        args.append(str(kind))
    if since is not None or until is not None:
        where.append("month != ''")
    if since is not None:
        where.append("month >= ?")
        args.append(since.isoformat()[:7])
    if until is not None:
        where.append("month <= ?")
        args.append(until.isoformat()[:7])
    return " AND ".join(where), args


def _tally_counts(conn: sqlite3.Connection, expression: str, tally: tuple[str, list[object]]) -> list[tuple[str, int]]:
    """The listed articles counted by `expression` over `article_tally`, most frequent first."""
    rows = conn.execute(f"SELECT {expression} AS v, SUM(CASE copy WHEN 0 THEN n ELSE -n END) FROM article_tally"
                        f" WHERE {tally[0]} GROUP BY v", tally[1])
    return sorted(((str(v), int(n)) for v, n in rows if v is not None and n), key=lambda kv: (-kv[1], kv[0]))


def article_facets(
    conn: sqlite3.Connection, facet: str, *, site: str | None = None, kind: ArticleKind | None = None,
    since: dt.date | None = None, until: dt.date | None = None, search: str | None = None,
    all_copies: bool = False, top: int = 20, deadline: float | None = None,
) -> list[FacetCount]:
    """The most frequent values of `facet` (one of `ARTICLE_FACETS`) among the articles
    `list_articles` lists with these filters, with their counts."""
    if facet not in ARTICLE_FACETS:
        raise QueryError("facet", facet, "expected one of " + ", ".join(ARTICLE_FACETS))
    tally = _tally_where(site=site, kind=kind, since=since, until=until, search=search, all_copies=all_copies)
    if tally is not None:
        with time_limit(conn, deadline, facet):
            counts = _tally_counts(conn, _TALLIED[facet], tally)[:top]
        return [FacetCount(v, v, n) for v, n in counts]
    where, args = _article_where(conn, site=site, kind=kind, since=since, until=until, search=search,
                                 all_copies=all_copies)
    counts = facet_counts(conn, _ARTICLE_FROM, ARTICLE_FACETS[facet], [(where, list(args))], top=top,
                          deadline=deadline)
    return [FacetCount(v, v, n) for v, n in counts]


def article_family(conn: sqlite3.Connection, article: Article) -> tuple[Article | None, list[Article]]:
    """The main article a sidebar or teaser belongs to (None for a main article), and the
    sidebars and teasers found on the same page as this main article, in page order."""
    parent = None
    if article.parent_id is not None:
        rows = conn.execute(_ARTICLE_SELECT + " WHERE a.id = ?", (article.parent_id,)).fetchall()
        parent = article_from_row(rows[0]) if rows else None
    children = [article_from_row(r) for r in conn.execute(
        _ARTICLE_SELECT + " WHERE a.parent_id = ? ORDER BY a.start, a.id", (article.id,))]
    return parent, children


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


def article_paragraphs(conn: sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, tuple[Paragraph, ...]]:
    """The paragraphs of these articles, by id: what turns the page-text offsets the store keeps
    into offsets of the `body` a record hands out (`dateline.records.body_span`)."""
    return {r[0]: tuple(Paragraph(t, s, e, bool(sub)) for t, s, e, sub in json.loads(r[1])) for r in conn.execute(
        "SELECT id, paragraphs FROM articles WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(set(article_ids))),))}
