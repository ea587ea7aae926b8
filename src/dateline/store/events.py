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


def _side_arms(conn: sqlite3.Connection, side: str, ref: str) -> list[tuple[str, list[Any]]]:
    """Conditions whose disjunction is `--source`/`--target` (`side`) = `ref`, each one an index seek.

    A country code matches the event's country for that side, or, where the event has none,
    the actor's corpus-wide country (`COALESCE(e.source_country, s.country)`, which no index
    can serve, split in two); anything else (and a code that is also an actor's alias)
    matches an actor by id, name or alias.
    """
    ids = find_actor_ids(conn, ref)
    arms: list[tuple[str, list[Any]]] = []
    if _COUNTRY.match(ref):
        country = ref.upper()
        arms.append((f"e.{side}_country = ?", [country]))
        members = [r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?", (country,))]
        if members:
            arms.append((f"e.{side}_country IS NULL AND e.{side}_id IN (SELECT value FROM json_each(?))",
                         [json.dumps(members)]))
    if ids:
        arms.append(_one_of(f"e.{side}_id", ids))
    if not arms:
        raise QueryError(side, ref, "no such actor or country code (see `dateline actors`)")
    return arms


def _one_of(column: str, values: list[str]) -> tuple[str, list[Any]]:
    """`column` is one of `values`: `=` for one value (an index range in index order), else a list."""
    if len(values) == 1:
        return f"{column} = ?", list(values)
    return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(values)]


def _actor_filter(conn: sqlite3.Connection, side: str, ref: str, args: list[Any]) -> str:
    """SQL for `--source`/`--target`: one condition, the disjunction of `_side_arms`."""
    arms = _side_arms(conn, side, ref)
    for _, arm_args in arms:
        args.extend(arm_args)
    return "(" + " OR ".join(f"({sql})" for sql, _ in arms) + ")"


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
    quotations, in date order (undated last; then position in the article, events before
    quotations, and the record id).

    `limit` and `offset` select a window of that order in SQL (the HTTP API's pages). Each
    part of the timeline is a range of an index kept in that order (migration 7): the events of
    each `_side_arms` combination, and the quotations. SQLite merges the ranges and stops after
    the window, so a page costs about its offset plus its size in index entries, not the whole
    timeline.
    """
    ids = find_actor_ids(conn, actor)
    if not ids:
        raise QueryError("actor", actor, "no such actor (see `dateline actors`)")
    common: list[str] = [] if teasers else ["e.in_teaser = 0"]
    common_args: list[Any] = []
    if code is not None:
        if not code.isdigit():
            raise QueryError("code", code, "a CAMEO code is digits, e.g. 04 or 042")
        common.append("e.cameo LIKE ?")
        common_args.append(code + "%")
    selects: list[str] = []
    args: list[Any] = []
    for side, other in (("source", "target"), ("target", "source")):
        others = _side_arms(conn, other, with_actor) if with_actor is not None else [("", [])]
        for own_sql, own_args in _side_arms(conn, side, actor):
            for other_sql, other_args in others:
                where = [own_sql, *([other_sql] if other_sql else []), *common]
                selects.append("SELECT 0 AS part, e.id AS id, e.date AS day, e.start AS pos,"
                               " e.date IS NULL AS undated FROM events e WHERE " + " AND ".join(where))
                args += [*own_args, *other_args, *common_args]
    sql = " UNION ".join(selects)  # UNION: an event can be in two ranges (e.g. by country and by id)
    if code is None:
        speaker_sql, speaker_args = _one_of("q.speaker_id", ids)
        where_quotes = [speaker_sql]
        args += speaker_args
        if not teasers:
            where_quotes.append("q.in_teaser = 0")
        if with_actor is not None:  # quotations from articles that name `with_actor` (or its country)
            named = set(find_actor_ids(conn, with_actor))
            if _COUNTRY.match(with_actor):
                named.update(r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?",
                                                        (with_actor.upper(),)))
            # `+`: check the article's few actors, rather than seek once per named actor.
            where_quotes.append("EXISTS (SELECT 1 FROM actor_articles aa WHERE aa.article_id = q.article_id"
                                " AND +aa.actor_id IN (SELECT value FROM json_each(?)))")
            args.append(json.dumps(sorted(named)))
        sql += (" UNION ALL SELECT 1, q.id, q.day, q.start, q.day IS NULL FROM quotes q WHERE "
                + " AND ".join(where_quotes))
    sql += " ORDER BY undated, day, pos, part, id"
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
