"""Read events, and an actor's timeline of events and quotations, from the store.

Actor names, codes and countries come from the corpus-wide actor table at read time, so an
event whose article named a person without a country shows the country the corpus has learned.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from dateline.errors import QueryError
from dateline.model import DatePrecision, Event, Modality, Quote
from dateline.store.db import paging_sql
from dateline.store.language import list_quotes

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
             code: str | None = None, teasers: bool = False) -> list[TimelineEntry]:
    """An actor's events (as source or target, with `with_actor` on the other side) and
    quotations, in date order."""
    ids = find_actor_ids(conn, actor)
    if not ids:
        raise QueryError("actor", actor, "no such actor (see `dateline actors`)")
    events = list_events(conn, source=actor, target=with_actor, code=code, teasers=teasers)
    events += list_events(conn, source=with_actor, target=actor, code=code, teasers=teasers)
    entries = {e.id: TimelineEntry(e.date, event=e) for e in events}
    if code is None:
        dates = {r[0]: _day(r[1]) for r in conn.execute("SELECT id, COALESCE(date, crawl_date) FROM articles")}
        for q in list_quotes(conn, teasers=teasers):
            if q.speaker_id in ids and (with_actor is None or _mentions(conn, q, with_actor)):
                entries[q.id] = TimelineEntry(dates.get(q.article_id), quote=q)
    return sorted(entries.values(), key=_order)


def _order(entry: TimelineEntry) -> tuple[bool, dt.date, int]:
    record = entry.event or entry.quote
    return (entry.date is None, entry.date or dt.date.min, record.start if record is not None else 0)


def _mentions(conn: sqlite3.Connection, quote: Quote, actor: str) -> bool:
    """Does the quotation's article name `actor` (for a timeline `--with` that actor)?"""
    ids = find_actor_ids(conn, actor)
    country = actor.upper() if _COUNTRY.match(actor) else None
    rows = conn.execute(
        "SELECT m.actor_id, a.country FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id"
        " WHERE m.article_id = ?", (quote.article_id,))
    return any(r[0] in ids or (country is not None and r[1] == country) for r in rows)
