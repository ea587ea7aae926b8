"""Store and read the language stage's records: actors, mentions, quotations, dates."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from dateline.errors import NotFoundError
from dateline.model import (
    Actor,
    ActorKind,
    ArticleAnalysis,
    DateMention,
    DatePrecision,
    Mention,
    Quote,
    QuoteKind,
    Role,
)
from dateline.store.db import check_fts, like_pattern, paging_sql
from dateline.store.ranges import combine, country_arms, either, one_of, window

__all__ = [
    "analysed_articles",
    "article_annotations",
    "get_actor",
    "actors_by_alias",
    "list_actors",
    "list_quotes",
    "quotes_by_id",
    "refresh_countries",
    "write_analysis",
]


def write_analysis(conn: sqlite3.Connection, analysis: ArticleAnalysis, *, analyser: str,
                   article_date: dt.date | None) -> None:
    """Replace an article's analysis; actors are merged into the corpus-wide table. Rows are
    written with the ids the analysis gave: surnames are linked after a run (store.surnames)."""
    aid = analysis.article_id
    for table in ("mentions", "quotes", "date_mentions", "actor_articles", "events", "analysed", "actor_links"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
    day = article_date.isoformat() if article_date else None
    # Copied onto quotes and events for the timeline's covering indexes (schema migration 7).
    in_teaser, quote_day = conn.execute(
        "SELECT kind = 'teaser', COALESCE(date, crawl_date) FROM articles WHERE id = ?", (aid,)
    ).fetchone() or (0, None)
    for actor in analysis.actors:
        conn.execute(
            "INSERT INTO actors(id, name, kind, country, sector, code) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO NOTHING",
            (actor.id, actor.name, str(actor.kind), actor.country, actor.sector, actor.code),
        )
        conn.executemany("INSERT OR IGNORE INTO actor_aliases(actor_id, alias) VALUES (?, ?)",
                         ((actor.id, a) for a in {actor.name, *actor.aliases}))
        roles = actor.roles or (Role("", actor.country),)
        conn.executemany(
            "INSERT OR IGNORE INTO actor_articles(actor_id, article_id, role, country, date)"
            " VALUES (?, ?, ?, ?, ?)",
            ((actor.id, aid, r.role, r.country or actor.country, day) for r in roles),
        )
    conn.executemany(
        'INSERT OR IGNORE INTO mentions(article_id, actor_id, text, start, "end") VALUES (?, ?, ?, ?, ?)',
        ((m.article_id, m.actor_id, m.text, m.start, m.end) for m in analysis.mentions),
    )
    conn.executemany(
        "INSERT INTO quotes(id, article_id, text, kind, speaker_id, speaker_country, speaker_role, cue,"
        ' start, "end", in_teaser, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ((q.id, q.article_id, q.text, str(q.kind), q.speaker_id, q.speaker_country, q.speaker_role,
          q.cue, q.start, q.end, in_teaser, quote_day) for q in analysis.quotes),
    )
    conn.executemany(
        'INSERT OR IGNORE INTO date_mentions(article_id, text, start, "end", date, date_end, precision)'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((d.article_id, d.text, d.start, d.end, d.date.isoformat(),
          d.date_end.isoformat() if d.date_end else None, str(d.precision)) for d in analysis.dates),
    )
    conn.executemany(
        "INSERT INTO events(id, article_id, source_id, source_country, target_id, target_country, cameo,"
        " root, quad, goldstein, date, date_end, date_precision, modality, location, sentence, start,"
        ' "end", rule, confidence, mentions, in_teaser)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((e.id, e.article_id, e.source_id, e.source_country, e.target_id, e.target_country, e.cameo, e.root,
          e.quad, e.goldstein, _iso(e.date), _iso(e.date_end),
          str(e.date_precision) if e.date_precision else None, str(e.modality), e.location, e.sentence,
          e.start, e.end, e.rule, e.confidence, e.mentions, in_teaser) for e in analysis.events),
    )
    conn.execute("INSERT INTO analysed(article_id, analyser) VALUES (?, ?)", (aid, analyser))
    refresh_countries(conn, [a.id for a in analysis.actors if a.kind == ActorKind.PERSON])


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def refresh_countries(conn: sqlite3.Connection, actor_ids: Iterable[str]) -> None:
    """A person's country is the one most articles give them (ties: the latest seen)."""
    conn.executemany(
        "UPDATE actors SET country = (SELECT country FROM actor_articles WHERE actor_id = ?1"
        " AND country IS NOT NULL GROUP BY country ORDER BY COUNT(*) DESC, MAX(date) DESC,"
        " country LIMIT 1) WHERE id = ?1",
        ((i,) for i in actor_ids),
    )


def analysed_articles(conn: sqlite3.Connection, analyser: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT article_id FROM analysed WHERE analyser = ?", (analyser,))}


_QUOTE_SQL = (
    "SELECT q.*, a.name AS speaker, a.kind AS speaker_kind, COALESCE(q.speaker_country, a.country)"
    " AS country FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id"
)


def _quote(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["id"], article_id=row["article_id"], text=row["text"], kind=QuoteKind(row["kind"]),
        speaker_id=row["speaker_id"], speaker=row["speaker"],
        speaker_kind=ActorKind(row["speaker_kind"]) if row["speaker_kind"] else None,
        speaker_country=row["country"], speaker_role=row["speaker_role"], cue=row["cue"],
        start=row["start"], end=row["end"],
    )


def list_quotes(
    conn: sqlite3.Connection, *, speaker: str | None = None, country: str | None = None,
    search: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
    teasers: bool = False, limit: int | None = None, offset: int | None = None,
) -> list[Quote]:
    """Quotations matching every filter, by date (their article's; undated last), then position
    and id; `speaker` matches part of a name or alias, `country` the speaker's (the quotation's,
    else the speaker's corpus-wide one), `search` is FTS5.

    A page (`limit`, `offset`) is selected from merged index ranges (`dateline.store.ranges`)
    before its records are read; the whole listing is one query in the same order.
    """
    common: list[str] = [] if teasers else ["q.in_teaser = 0"]
    args: list[Any] = []
    if since is not None:
        common.append("q.day >= ?")
        args.append(since.isoformat())
    if until is not None:
        common.append("q.day <= ?")
        args.append(until.isoformat())
    if search is not None:
        check_fts(conn, "quotes_fts", search)
        common.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(search)
    speakers = None
    if speaker is not None:
        ids = actors_by_alias(conn, "LIKE ? ESCAPE '\\'", like_pattern(speaker))
        speakers = partial(one_of, "q.speaker_id", ids)
    countries = None if country is None else partial(
        country_arms, conn, "q.speaker_country", "q.speaker_id", country.upper(), [])
    arms = combine([speakers, countries])
    if not arms:  # no speaker by that name
        return []
    if limit is None and offset is None:
        union, union_args = either(arms)
        where, where_args = [*common, union], [*args, *union_args]
        sql = (_QUOTE_SQL + " WHERE " + " AND ".join(where)
               + " ORDER BY q.day IS NULL, q.day, q.start, q.id")
        return [_quote(r) for r in conn.execute(sql, where_args)]
    keys: list[str] = []
    key_args: list[Any] = []
    for conds, arm_args in arms:
        keys.append("SELECT q.id AS id, q.day AS day, q.start AS pos, q.day IS NULL AS undated FROM quotes q"
                    " WHERE " + (" AND ".join([*conds, *common]) or "1"))
        key_args += [*arm_args, *args]
    sql = " UNION ALL ".join(keys) + " ORDER BY undated, day, pos, id" + window(limit, offset, key_args)
    ids = [r[0] for r in conn.execute(sql, key_args)]
    quotes = quotes_by_id(conn, ids)
    return [quotes[i] for i in ids]


def actors_by_alias(conn: sqlite3.Connection, match: str, value: str) -> list[str]:
    """Ids of the actors with an alias that matches (`match`, SQL after the alias, binding
    `value`); a surname linked to a full-name person gives that person (store.surnames)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT COALESCE(a.same_as, a.id) FROM actor_aliases al JOIN actors a ON a.id = al.actor_id"
        f" WHERE al.alias {match} ORDER BY 1", (value,))]


def quotes_by_id(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Quote]:
    """The quotations with these ids (as `list_quotes` gives them), by id."""
    if not ids:
        return {}
    rows = conn.execute(_QUOTE_SQL + " WHERE q.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))
    return {r["id"]: _quote(r) for r in rows}


def list_actors(conn: sqlite3.Connection, *, country: str | None = None, kind: ActorKind | None = None,
                limit: int | None = None, offset: int | None = None) -> list[Actor]:
    """Actors with their aliases and the roles articles give them (first and last seen); a
    surname linked to a full-name person (store.surnames) is that person's alias, not a row."""
    where, args = ["same_as IS NULL"], []  # type: tuple[list[str], list[Any]]
    if country is not None:
        where.append("country = ?")
        args.append(country.upper())
    if kind is not None:
        where.append("kind = ?")
        args.append(str(kind))
    sql = "SELECT * FROM actors" + (" WHERE " + " AND ".join(where) if where else "")
    sql += paging_sql("kind, name", "id", limit, offset, args)
    return [_actor(conn, r) for r in conn.execute(sql, args).fetchall()]


def get_actor(conn: sqlite3.Connection, actor_id: str) -> Actor:
    """One actor by its exact id, with aliases and roles (as `list_actors` gives it); a linked
    surname's id gives the full-name person it was linked to (store.surnames)."""
    row = conn.execute("SELECT * FROM actors WHERE id = (SELECT COALESCE(same_as, id) FROM actors WHERE id = ?)",
                       (actor_id,)).fetchone()
    if row is None:
        raise NotFoundError("actor", actor_id)
    return _actor(conn, row)


def _actor(conn: sqlite3.Connection, row: sqlite3.Row) -> Actor:
    aliases = tuple(r[0] for r in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? AND alias != ? ORDER BY alias", (row["id"], row["name"])))
    roles = tuple(
        Role(r["role"], r["country"], _day(r["first"]), _day(r["last"]), r["article_id"])
        for r in conn.execute(
            "SELECT role, country, MIN(date) AS first, MAX(date) AS last, MIN(article_id) AS article_id"
            " FROM actor_articles WHERE actor_id = ? AND role != '' GROUP BY role, country ORDER BY first, role",
            (row["id"],))
    )
    return Actor(row["id"], row["name"], ActorKind(row["kind"]), row["country"], row["sector"], row["code"],
                 roles, aliases)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def article_annotations(conn: sqlite3.Connection, article_id: str) -> tuple[
        Sequence[Mention], Sequence[Quote], Sequence[DateMention]]:
    """Everything the language stage marked in one article, in text order."""
    mentions = [Mention(r["article_id"], r["actor_id"], r["text"], r["start"], r["end"]) for r in conn.execute(
        "SELECT * FROM mentions WHERE article_id = ? ORDER BY start", (article_id,))]
    quotes = [_quote(r) for r in conn.execute(_QUOTE_SQL + " WHERE q.article_id = ? ORDER BY q.start",
                                              (article_id,))]
    dates = [DateMention(r["article_id"], r["text"], r["start"], r["end"], dt.date.fromisoformat(r["date"]),
                         _day(r["date_end"]), DatePrecision(r["precision"])) for r in conn.execute(
        "SELECT * FROM date_mentions WHERE article_id = ? ORDER BY start", (article_id,))]
    return mentions, quotes, dates
