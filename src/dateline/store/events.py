"""Read events, and an actor's timeline of events and quotations, from the store.

Actor names, codes and countries come from the corpus-wide actor table at read time, so an
event whose article named a person without a country shows the country the corpus has learned.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

from dateline.errors import QueryError
from dateline.events.cameo import QUAD_NAMES, load_cameo
from dateline.model import DatePrecision, Event, Modality, Quote
from dateline.store.db import like_pattern
from dateline.store.language import actor_names, actors_by_alias, quotes_by_id
from dateline.store.ranges import (
    COUNTRY_CODE,
    Arm,
    FacetCount,
    combine,
    count_rows,
    country_arms,
    either,
    key_order,
    one_of,
    window,
)
from dateline.store.ranges import facet_counts, time_limit
from dateline.store.tallies import TallySide, tally_facet, tally_total

__all__ = ["EVENT_FACETS", "TimelineEntry", "TimelineSummary", "count_events", "event_facets", "find_actor_ids",
           "list_events", "timeline", "timeline_summary"]

_EVENT_SQL = (
    "SELECT e.*, s.name AS source, s.code AS source_code, COALESCE(e.source_country, s.country) AS s_country,"
    " t.name AS target, t.code AS target_code, COALESCE(e.target_country, t.country) AS t_country"
    " FROM events e JOIN articles ar ON ar.id = e.article_id"
    " LEFT JOIN actors s ON s.id = e.source_id LEFT JOIN actors t ON t.id = e.target_id"
)


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
        mentions=row["mentions"], location_type=row["location_type"],
    )


def find_actor_ids(conn: sqlite3.Connection, ref: str) -> list[str]:
    """Actors a user means by `ref`: an id, or a name or alias (case-insensitive). A surname
    linked to a full-name person (store.surnames) means that person."""
    row = conn.execute("SELECT COALESCE(same_as, id) FROM actors WHERE id = ?", (ref,)).fetchone()
    if row is not None:
        return [row[0]]
    return actors_by_alias(conn, "= ? COLLATE NOCASE", ref)


def _side_arms(conn: sqlite3.Connection, side: str, ref: str, split: int = 16) -> list[Arm]:
    """Disjoint arms whose union is `--source`/`--target` (`side`) = `ref`: a country code
    matches by country (the event's, else its actor's), and anything (a code too) an actor by
    id, name or alias."""
    country = ref.upper() if COUNTRY_CODE.match(ref) else None
    arms = country_arms(conn, f"e.{side}_country", f"e.{side}_id", country, find_actor_ids(conn, ref), split)
    if not arms:
        raise QueryError(side, ref, "no such actor or country code (see `dateline actors`)")
    return arms


def _pair_arms(conn: sqlite3.Connection, first: tuple[str, str | None],
               second: tuple[str, str | None]) -> list[tuple[list[str], list[Any]]]:
    """Disjoint ranges whose union is the events with both sides as given (`(side, ref)`; a
    None ref is any actor)."""
    return combine([None if ref is None else partial(_side_arms, conn, side, ref) for side, ref in (first, second)])


def _side_condition(conn: sqlite3.Connection, side: str, ref: str | None) -> tuple[str, list[Any]]:
    """`_side_arms` as one condition (true when `ref` is None)."""
    if ref is None:
        return "1", []
    return either([([sql], args) for sql, args in _side_arms(conn, side, ref, split=1)])


def _event_keys(arms: list[tuple[list[str], list[Any]]]) -> tuple[str, list[Any]]:
    """One SELECT of event keys per arm (its conditions, all ANDed), as a UNION ALL: the arms
    must be disjoint. The key columns are the timeline order's, and the CAMEO code."""
    selects, args = [], []
    for conditions, arm_args in arms:
        selects.append("SELECT 0 AS part, e.id AS id, e.date AS day, e.start AS pos, e.date IS NULL AS undated,"
                       " e.cameo AS cameo FROM events e WHERE " + (" AND ".join(conditions) or "1"))
        args += arm_args
    return " UNION ALL ".join(selects), args


# Events and timelines are in this order: by date, undated last, then position in the article;
# in a timeline events come before quotations at one position; the record id breaks ties.
_ORDER = " ORDER BY undated, day, pos, part, id"


def _code_condition(code: str, args: list[Any]) -> str:
    """`--code PREFIX`: the events of that CAMEO code and its sub-codes (`04` is every consultation)."""
    if not (code.isascii() and code.isdigit() and len(code) <= 4):
        raise QueryError("code", code, "a CAMEO code is up to four digits, e.g. 04 or 042")
    args.append(code + "%")
    return "e.cameo LIKE ?"


def _event_arms(
    conn: sqlite3.Connection, *, source: str | None, target: str | None, code: str | None, quad: int | None,
    modality: Modality | None, since: dt.date | None, until: dt.date | None, teasers: bool,
    article_id: str | None,
) -> list[tuple[list[str], list[Any]]]:
    """The events matching every filter as disjoint arms (conditions ANDed, values), each a
    range of an index in listing order (`_side_arms`, migration 7)."""
    common: list[str] = [] if teasers else ["e.in_teaser = 0"]
    args: list[Any] = []
    if article_id is not None:
        common.append("e.article_id = ?")
        args.append(article_id)
    if code is not None:
        common.append(_code_condition(code, args))
    if quad is not None:
        common.append("e.quad = ?")
        args.append(quad)
    if modality is not None:
        common.append("e.modality = ?")
        args.append(str(modality))
    if since is not None:
        common.append("COALESCE(e.date_end, e.date) >= ?")
        args.append(since.isoformat())
    if until is not None:
        common.append("e.date <= ?")
        args.append(until.isoformat())
    arms = _pair_arms(conn, ("source", source), ("target", target))
    return [([*conditions, *common], [*arm_args, *args]) for conditions, arm_args in arms]


def list_events(
    conn: sqlite3.Connection, *, source: str | None = None, target: str | None = None,
    code: str | None = None, quad: int | None = None, modality: Modality | None = None,
    since: dt.date | None = None, until: dt.date | None = None, teasers: bool = False,
    sort: str = "date", limit: int | None = None, offset: int | None = None, article_id: str | None = None,
) -> list[Event]:
    """Events matching every filter, by date (`sort="-date"`: newest first; undated last
    either way); `code` is a CAMEO prefix (`04` means all consultations). `article_id` keeps
    one article's events (the API's article view).

    A page (`limit`, `offset`) is selected from merged index ranges (`_side_arms`, migration 7)
    before its records are read; the whole listing (export) is one query.
    """
    arms = _event_arms(conn, source=source, target=target, code=code, quad=quad, modality=modality,
                       since=since, until=until, teasers=teasers, article_id=article_id)
    order = key_order(sort, ("day", "pos", "id"))
    if limit is None and offset is None:
        union, union_args = either(arms)
        d = " DESC" if sort.startswith("-") else ""
        sql = _EVENT_SQL + " WHERE " + union + f" ORDER BY e.date IS NULL, e.date{d}, e.start{d}, e.id{d}"
        return [_event(r) for r in conn.execute(sql, union_args)]
    sql, key_args = _event_keys(arms)
    sql += order + window(limit, offset, key_args)
    ids = [r[1] for r in conn.execute(sql, key_args)]
    events = _events_by_id(conn, ids)
    return [events[i] for i in ids]


# What an event listing can be counted by, and the SQL of each value (a value the listing's
# filter of the same meaning takes: `source`, `target`, `code`, `quad`, since/until). Each reads
# only columns the listing indexes hold, so a facet is counted from the index ranges alone: a
# CAMEO root is the code's first two digits (its quad class follows from it), and an event
# without a country of its own is counted under `#<actor id>`, turned into that actor's
# corpus-wide country afterwards (no join per event).
EVENT_FACETS = {
    "year": "substr(e.date, 1, 4)",
    "month": "substr(e.date, 1, 7)",
    "root": "substr(e.cameo, 1, 2)",
    "quad": "substr(e.cameo, 1, 2)",
    "source_country": "COALESCE(e.source_country, '#' || e.source_id)",
    "target_country": "COALESCE(e.target_country, '#' || e.target_id)",
    "source": "e.source_id",
    "target": "e.target_id",
}


def _regroup(conn: sqlite3.Connection, facet: str, counts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Counts keyed by a root or `#<actor id>` as counts by quad class or by country."""
    if facet == "quad":
        quads = {c.code: str(c.quad) for c in load_cameo().values() if len(c.code) == 2}
        keys = {v: quads.get(v) for v, _ in counts}
    elif facet.endswith("_country"):
        ids = [v[1:] for v, _ in counts if v.startswith("#")]
        countries = {r[0]: r[1] for r in conn.execute(
            "SELECT id, country FROM actors WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))}
        keys = {v: countries.get(v[1:]) if v.startswith("#") else v for v, _ in counts}
    else:
        return counts
    merged: Counter[str] = Counter()
    for value, n in counts:
        key = keys[value]
        if key is not None:
            merged[key] += n
    return sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))


def count_events(
    conn: sqlite3.Connection, *, source: str | None = None, target: str | None = None,
    code: str | None = None, quad: int | None = None, modality: Modality | None = None,
    since: dt.date | None = None, until: dt.date | None = None, teasers: bool = False,
) -> int:
    """How many events `list_events` lists with these filters (from the tallies when they are
    keyed by every filter given: `_tally_side`)."""
    arms = _event_arms(conn, source=source, target=target, code=code, quad=quad, modality=modality,
                       since=since, until=until, teasers=teasers, article_id=None)
    side = _tally_side(source, target, code, quad, modality, since, until)
    if side is not None:
        return tally_total(conn, side, arms)
    return count_rows(conn, "events e", arms)


# The facets the tallies count (migration 12): the tally facet and the value over its row `t`.
_TALLIED = {
    "year": ("month", "substr(NULLIF(t.value, ''), 1, 4)"),
    "month": ("month", "NULLIF(t.value, '')"),
    "root": ("root", "t.value"),
    "quad": ("root", "t.value"),
    "source_country": ("source_country", "NULLIF(t.value, '')"),
    "target_country": ("target_country", "NULLIF(t.value, '')"),
}


def _tally_side(source: str | None, target: str | None, code: str | None, quad: int | None,
                modality: Modality | None, since: dt.date | None, until: dt.date | None) -> TallySide | None:
    """The side of the tallies keyed by every filter given (none, the source or the target, and
    teasers), or None: then the events themselves are counted."""
    if any(v is not None for v in (code, quad, modality, since, until)) or (source is not None and target is not None):
        return None
    if source is not None:
        return TallySide("events.source", "e", "source_id", "source_country")
    if target is not None:
        return TallySide("events.target", "e", "target_id", "target_country")
    return TallySide("events", "e")


def event_facets(
    conn: sqlite3.Connection, facet: str, *, source: str | None = None, target: str | None = None,
    code: str | None = None, quad: int | None = None, modality: Modality | None = None,
    since: dt.date | None = None, until: dt.date | None = None, teasers: bool = False, top: int = 20,
    deadline: float | None = None,
) -> list[FacetCount]:
    """The most frequent values of `facet` (one of `EVENT_FACETS`) among the events
    `list_events` lists with these filters, with their counts and labels."""
    if facet not in EVENT_FACETS:
        raise QueryError("facet", facet, "expected one of " + ", ".join(EVENT_FACETS))
    arms = _event_arms(conn, source=source, target=target, code=code, quad=quad, modality=modality,
                       since=since, until=until, teasers=teasers, article_id=None)
    regrouped = facet in ("quad", "source_country", "target_country")
    side = _tally_side(source, target, code, quad, modality, since, until)
    if side is not None and facet in _TALLIED:
        with time_limit(conn, deadline, facet):
            counts = tally_facet(conn, side, arms, *_TALLIED[facet])
    else:
        counts = facet_counts(conn, "events e", EVENT_FACETS[facet], arms, top=10**9 if regrouped else top,
                              deadline=deadline)
    counts = _regroup(conn, facet, counts)[:top]
    labels: Mapping[str, str] = {}
    if facet in ("source", "target"):
        labels = actor_names(conn, [v for v, _ in counts])
    elif facet == "root":
        labels = {c.code: f"{c.code} {c.name}" for c in load_cameo().values() if len(c.code) == 2}
    elif facet == "quad":
        labels = {str(q): name for q, name in QUAD_NAMES.items()}
    return [FacetCount(v, labels.get(v, v), n) for v, n in counts]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """An event or a quotation on an actor's timeline, dated by its event or its article."""

    date: dt.date | None
    event: Event | None = None
    quote: Quote | None = None


@dataclass(frozen=True, slots=True)
class _TimelineSql:
    """A timeline's events as disjoint arms (conditions on `events e`, values), and its
    quotations as a union of index ranges (columns: part, id, day, pos, undated, cameo);
    `quotes` is None when a CAMEO filter leaves no quotation."""

    arms: list[tuple[list[str], list[Any]]]
    quotes: str | None
    quotes_args: list[Any]

    @property
    def events(self) -> tuple[str, list[Any]]:
        return _event_keys(self.arms)


def _timeline_sql(conn: sqlite3.Connection, actor: str, with_actor: str | None, code: str | None,
                  teasers: bool, keyword: str | None) -> _TimelineSql:
    ids = find_actor_ids(conn, actor)
    if not ids:
        raise QueryError("actor", actor, "no such actor (see `dateline actors`)")
    common: list[str] = [] if teasers else ["e.in_teaser = 0"]
    common_args: list[Any] = []
    if code is not None:
        common.append(_code_condition(code, common_args))
    if keyword is not None:
        common.append("e.sentence LIKE ? ESCAPE '\\'")
        common_args.append(like_pattern(keyword))
    # The actor as source, then as target: without the events that have it as source already.
    source, source_args = _side_condition(conn, "source", actor)
    target, target_args = _side_condition(conn, "target", with_actor)
    seen = [f"NOT COALESCE({source} AND {target}, 0)"]  # a NULL country makes a comparison NULL
    arms = [(conditions + common + ([] if side == "source" else seen),
             [*arm_args, *common_args, *([] if side == "source" else [*source_args, *target_args])])
            for side, other in (("source", "target"), ("target", "source"))
            for conditions, arm_args in _pair_arms(conn, (side, actor), (other, with_actor))]
    if code is not None:
        return _TimelineSql(arms, None, [])
    named: list[str] = []
    if with_actor is not None:  # quotations from articles that name `with_actor` (or its country)
        found = set(find_actor_ids(conn, with_actor))
        if COUNTRY_CODE.match(with_actor):
            found.update(r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?",
                                                    (with_actor.upper(),)))
        named = sorted(found)
    selects, args = [], []
    for speaker_sql, speaker_args in one_of("q.speaker_id", ids, 16):
        where = [speaker_sql, *([] if teasers else ["q.in_teaser = 0"]), "q.copy = 0"]  # copies: migration 15
        args += speaker_args
        if with_actor is not None:
            # `+`: check the article's few actors, rather than seek once per named actor.
            where.append("EXISTS (SELECT 1 FROM actor_articles aa WHERE aa.article_id = q.article_id"
                         " AND +aa.actor_id IN (SELECT value FROM json_each(?)))")
            args.append(json.dumps(named))
        if keyword is not None:
            where.append("q.text LIKE ? ESCAPE '\\'")
            args.append(like_pattern(keyword))
        selects.append("SELECT 1 AS part, q.id AS id, q.day AS day, q.start AS pos, q.day IS NULL AS undated,"
                       " NULL AS cameo FROM quotes q WHERE " + " AND ".join(where))
    return _TimelineSql(arms, " UNION ALL ".join(selects), args)


def timeline(conn: sqlite3.Connection, actor: str, *, with_actor: str | None = None,
             code: str | None = None, keyword: str | None = None, teasers: bool = False,
             sort: str = "date", limit: int | None = None, offset: int | None = None) -> list[TimelineEntry]:
    """An actor's events (as source or target, with `with_actor` on the other side) and
    quotations, in the order of `_ORDER` (`sort="-date"`: newest first); `keyword` keeps those whose evidence sentence or
    quotation contains it (case-insensitive for ASCII letters, as SQL's LIKE).

    `limit` and `offset` select a window of that order in SQL (the HTTP API's pages). Each
    part of the timeline is a range of an index kept in that order (migration 7): the events of
    each `_side_arms` combination, and the quotations. SQLite merges the ranges and stops after
    the window, so a page costs about its offset plus its size in index entries, not the whole
    timeline.
    """
    parts = _timeline_sql(conn, actor, with_actor, code, teasers, keyword)
    sql, args = parts.events
    if parts.quotes is not None:
        sql += " UNION ALL " + parts.quotes
        args += parts.quotes_args
    sql += key_order(sort, ("day", "pos", "part", "id")) + window(limit, offset, args)
    keys = [(r[0], r[1], r[2]) for r in conn.execute(sql, args)]
    events = _events_by_id(conn, [i for part, i, _ in keys if part == 0])
    quotes = quotes_by_id(conn, [i for part, i, _ in keys if part == 1])
    entries = []
    for part, ident, day in keys:
        if part == 0:
            event = events[ident]
            entries.append(TimelineEntry(event.date, event=event))
        else:
            entries.append(TimelineEntry(_day(day), quote=quotes[ident]))
    return entries


@dataclass(frozen=True, slots=True)
class TimelineSummary:
    """How many events and quotations a timeline holds, and its events per month (`YYYY-MM`;
    `YYYY` for those dated only to a year) and CAMEO quad class: the actor page's counts and chart, without reading the records."""

    events: int
    quotes: int
    per_month: Mapping[tuple[str, int], int]
    undated: int


def timeline_summary(conn: sqlite3.Connection, actor: str, *, with_actor: str | None = None,
                     code: str | None = None, keyword: str | None = None,
                     teasers: bool = False) -> TimelineSummary:
    """The counts of `timeline` with the same filters: for one actor with no other filter, from
    its rows of the tallies (`actor_months`, migration 12); else aggregated in SQL from the
    timeline's index ranges."""
    quads = {c.code: c.quad for c in load_cameo().values() if len(c.code) == 2}
    if with_actor is None and code is None and keyword is None and not COUNTRY_CODE.match(actor):
        ids = find_actor_ids(conn, actor)
        if len(ids) == 1:
            return _tallied_summary(conn, ids[0], teasers, quads)
    parts = _timeline_sql(conn, actor, with_actor, code, teasers, keyword)
    per_month: Counter[tuple[str, int]] = Counter()
    undated = 0
    for conditions, args in parts.arms:  # counted arm by arm (disjoint): no union to hold
        # An event dated only to a year is counted by its year (`YYYY`), not in its January.
        for month, root, n in conn.execute("SELECT CASE e.date_precision WHEN 'year' THEN substr(e.date, 1, 4)"
                                           " ELSE substr(e.date, 1, 7) END, substr(e.cameo, 1, 2), COUNT(*)"
                                           " FROM events e WHERE " + (" AND ".join(conditions) or "1")
                                           + " GROUP BY 1, 2", args):
            if month is None:
                undated += n
            else:
                per_month[month, quads[root]] += n
    quotes = 0
    if parts.quotes is not None:
        quotes = conn.execute(f"SELECT COUNT(*) FROM ({parts.quotes})", parts.quotes_args).fetchone()[0]
    return TimelineSummary(sum(per_month.values()) + undated, quotes, per_month, undated)


def _tallied_summary(conn: sqlite3.Connection, actor_id: str, teasers: bool, quads: Mapping[str, int]) -> TimelineSummary:
    """`timeline_summary` of one actor with no filter but `teasers`, from its tally rows: its
    events as source or as target (once when both), and its quotations as speaker."""
    teaser = "" if teasers else " AND in_teaser = 0"
    per_month: Counter[tuple[str, int]] = Counter()
    undated = 0
    for period, root, n in conn.execute("SELECT period, root, SUM(n) FROM actor_months WHERE actor_id = ?"
                                        + teaser + " GROUP BY 1, 2", (actor_id,)):
        if not n:
            continue
        if period == "":
            undated += n
        else:
            per_month[period, quads[root]] += n
    (quotes,) = conn.execute("SELECT COALESCE(SUM(n), 0) FROM tallies WHERE side = 'quotes.speaker' AND facet = 'all'"
                             " AND actor_id = ?" + teaser, (actor_id,)).fetchone()
    return TimelineSummary(sum(per_month.values()) + undated, int(quotes), per_month, undated)


def _events_by_id(conn: sqlite3.Connection, ids: list[str]) -> dict[str, Event]:
    if not ids:
        return {}
    rows = conn.execute(_EVENT_SQL + " WHERE e.id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
    return {r["id"]: _event(r) for r in rows}
