"""Read events, and an actor's timeline of events and quotations, from the store.

Actor names, codes and countries come from the corpus-wide actor table at read time, so an
event whose article named a person without a country shows the country the corpus has learned.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from dateline.errors import QueryError
from dateline.model import DatePrecision, Event, Modality, Quote
from dateline.store.db import paging_sql
from dateline.store.language import quotes_by_id

__all__ = ["TimelineEntry", "find_actor_ids", "list_events", "timeline"]

_EVENT_SQL = (
    "SELECT e.*, s.name AS source, s.code AS source_code, COALESCE(e.source_country, s.country) AS s_country,"
    " t.name AS target, t.code AS target_code, COALESCE(e.target_country, t.country) AS t_country"
    " FROM events e JOIN articles ar ON ar.id = e.article_id"
    " LEFT JOIN actors s ON s.id = e.source_id LEFT JOIN actors t ON t.id = e.target_id"
)
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"], article_id=row["article_id"], source_id=row["source_id"], source=row["source"] or "",
        source_code=row["source_code"], source_country=row["s_country"], target_id=row["target_id"],
        target=row["target"], target_code=row["target_code"], target_country=row["t_country"],
        cameo=row["cameo"], root=row["root"], quad=row["quad"], goldstein=row["goldstein"],
        date=_day(row["date"]), date_end=_day(row["date_end"]),
        date_precision=DatePrecision(row["date_precision"]) if row["date_precision"] else None,
        modality=Modality(row["modality"]), location=row["location"], sentence=row["sentence"],
        start=row["start"], end=row["end"], rule=row["rule"], confidence=row["confidence"],
        mentions=row["mentions"],
    )


def find_actor_ids(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Actors a user means by `ref`: an id, or a name or alias (case-insensitive)."""
    if conn.execute("SELECT 1 FROM actors WHERE id = ?", (ref,)).fetchone():
        return [ref]
    rows = conn.execute("SELECT DISTINCT actor_id FROM actor_aliases WHERE alias = ? COLLATE NOCASE", (ref,))
    return [r[0] for r in rows]


def _actor_filter(conn: sqlite3.Connection, side: str, ref: str, args: list[Any]) -> str:
    """SQL for `--source`/`--target`: a country code matches the actor's country, anything else
    an actor by id, name or alias."""
    country = f"COALESCE(e.{side}_country, {side[0]}.country)"
    ids = find_actor_ids(conn, ref)
    clauses = []
    if _COUNTRY.match(ref):
        clauses.append(f"{country} = ?")
        args.append(ref.upper())
    if ids:
        clauses.append(f"e.{side}_id IN ({','.join('?' * len(ids))})")
        args.extend(ids)
    if not clauses:
        raise QueryError(side, ref, "no such actor or country code (see `dateline actors`)")
    return "(" + " OR ".join(clauses) + ")"


def list_events(
    conn: sqlite3.Connection, *, source: str | None = None, target: str | None = None,
    code: str | None = None, quad: int | None = None, modality: Modality | None = None,
    since: dt.date | None = None, until: dt.date | None = None, teasers: bool = False,
    limit: int | None = None, offset: int | None = None, article_id: str | None = None,
) -> list[Event]:
    """Events matching every filter; `code` is a CAMEO prefix (`04` means all consultations).

    `article_id` keeps one article's events (the API's article view); `offset` is for paging.
    """
    where: list[str] = [] if teasers else ["ar.kind != 'teaser'"]
    args: list[Any] = []
    if article_id is not None:
        where.append("e.article_id = ?")
        args.append(article_id)
    if source is not None:
        where.append(_actor_filter(conn, "source", source, args))
    if target is not None:
        where.append(_actor_filter(conn, "target", target, args))
    if code is not None:
        if not code.isdigit():
            raise QueryError("code", code, "a CAMEO code is digits, e.g. 04 or 042")
        where.append("e.cameo LIKE ?")
        args.append(code + "%")
    if quad is not None:
        where.append("e.quad = ?")
        args.append(quad)
    if modality is not None:
        where.append("e.modality = ?")
        args.append(str(modality))
    if since is not None:
        where.append("COALESCE(e.date_end, e.date) >= ?")
        args.append(since.isoformat())
    if until is not None:
        where.append("e.date <= ?")
        args.append(until.isoformat())
    sql = _EVENT_SQL + (" WHERE " + " AND ".join(where) if where else "")
    sql += paging_sql("e.date IS NULL, e.date, ar.source, e.start", "e.id", limit, offset, args)
    return [_event(r) for r in conn.execute(sql, args)]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event or a quotation on an actor's timeline, dated by its event or its article."""

    date: dt.date | None
    event: Event | None = None
    quote: Quote | None = None


def timeline(conn: sqlite3.Connection, actor: str, *, with_actor: str | None = None,
             code: str | None = None, teasers: bool = False, limit: int | None = None,
             offset: int | None = None) -> list[TimelineEntry]:
    """An actor's events (as source or target, with `with_actor` on the other side) and
    quotations, in date order (then position in the article; the record id breaks ties).

    `limit` and `offset` select a window of that order in SQL (the HTTP API's pages), so a
    page costs the matching rows' sort keys and the page's records, not the whole timeline.
    """
    ids = find_actor_ids(conn, actor)
    if not ids:
        raise QueryError("actor", actor, "no such actor (see `dateline actors`)")
    kept = [] if teasers else ["ar.kind != 'teaser'"]
    # Forward: the actor as source (and `with_actor` as target); backward: the other way round.
    # Each side is its own SELECT (or several: `_pair_seeks`) so that each can seek an index.
    forward: list[Any] = []
    where_forward = [_actor_filter(conn, "source", actor, forward)]
    backward: list[Any] = []
    where_backward: list[str] = []
    if with_actor is not None:
        where_forward.append(_actor_filter(conn, "target", with_actor, forward))
        where_backward.append(_actor_filter(conn, "source", with_actor, backward))
    where_backward.append(_actor_filter(conn, "target", actor, backward))
    common: list[Any] = []
    where_common = list(kept)
    if code is not None:
        if not code.isdigit():
            raise QueryError("code", code, "a CAMEO code is digits, e.g. 04 or 042")
        where_common.append("e.cameo LIKE ?")
        common.append(code + "%")
    keys = ("SELECT 0 AS part, e.id AS id, e.date AS day, e.start AS pos, ar.source AS src"
            " FROM events e JOIN articles ar ON ar.id = e.article_id"
            " LEFT JOIN actors s ON s.id = e.source_id LEFT JOIN actors t ON t.id = e.target_id WHERE ")
    selects: list[str] = []
    args: list[Any] = []
    for other, where, bound in (("target", where_forward, forward), ("source", where_backward, backward)):
        for seek, seek_args in _pair_seeks(conn, other, actor, with_actor):
            selects.append(keys + " AND ".join([*where, *where_common, *seek]))
            args += [*bound, *common, *seek_args]
    sql = " UNION ".join(selects)
    if code is None:
        where_quotes = [f"q.speaker_id IN ({','.join('?' * len(ids))})", *kept]
        args.extend(ids)
        if with_actor is not None:  # quotations from articles that name `with_actor` (or its country)
            named = set(find_actor_ids(conn, with_actor))
            if _COUNTRY.match(with_actor):
                named.update(r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?",
                                                        (with_actor.upper(),)))
            where_quotes.append("EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id"
                                " AND m.actor_id IN (SELECT value FROM json_each(?)))")
            args.append(json.dumps(sorted(named)))
        sql += (" UNION ALL SELECT 1, q.id, COALESCE(ar.date, ar.crawl_date), q.start, ar.source"
                " FROM quotes q JOIN articles ar ON ar.id = q.article_id WHERE " + " AND ".join(where_quotes))
    sql = f"SELECT part, id, day FROM ({sql}) ORDER BY day IS NULL, day, pos, part, src, id"
    if limit is not None or offset is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [-1 if limit is None else limit, offset or 0]
    window = [(r[0], r[1], r[2]) for r in conn.execute(sql, args)]
    events = _events_by_id(conn, [i for part, i, _ in window if part == 0])
    quotes = quotes_by_id(conn, [i for part, i, _ in window if part == 1])
    entries = []
    for part, ident, day in window:
        if part == 0:
            event = events[ident]
            entries.append(TimelineEntry(event.date, event=event))
        else:
            entries.append(TimelineEntry(_day(day), quote=quotes[ident]))
    return entries


def _events_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Event]:
    if not ids:
        return {}
    rows = conn.execute(_EVENT_SQL + " WHERE e.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
    return {r["id"]: _event(r) for r in rows}


def _pair_seeks(conn: sqlite3.Connection, other: str, actor: str,
                with_actor: str | None) -> list[tuple[list[str], list[Any]]]:
    """Index-friendly restrictions whose union is the `with_actor` condition on the `other` side.

    `COALESCE(e.target_country, t.country) = W` cannot use an index; it holds exactly when
    `e.target_country = W`, or when `e.target_country` is null and the target is an actor of
    country W. So an actor's events with `with_actor` are the union of an (actor, target id)
    seek and an (actor, target country) seek (indexes `events_pair_*`, migration 6). Each is
    added to the full condition, which stays the filter: the result is unchanged.
    """
    if with_actor is None or _COUNTRY.match(actor):  # nothing to seek by: the full condition alone
        return [([], [])]
    targets = set(find_actor_ids(conn, with_actor))
    seeks: list[tuple[list[str], list[Any]]] = []
    if _COUNTRY.match(with_actor):
        country = with_actor.upper()
        targets.update(r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?", (country,)))
        seeks.append(([f"e.{other}_country = ?"], [country]))
    ids = sorted(targets)
    seeks.append(([f"e.{other}_id IN (SELECT value FROM json_each(?))"], [json.dumps(ids)]))
    return seeks
