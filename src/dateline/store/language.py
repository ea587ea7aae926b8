"""Store and read the language stage's records: actors, mentions, quotations, dates."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from dateline.errors import NotFoundError, QueryError
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
from dateline.store.ranges import (
    FacetCount,
    combine,
    count_rows,
    country_arms,
    either,
    facet_counts,
    key_order,
    one_of,
    time_limit,
    window,
)
from dateline.store.schema import COPY_OF_MAIN
from dateline.store.tallies import TallySide, tally_facet, tally_total

__all__ = [
    "analysed_articles",
    "article_annotations",
    "get_actor",
    "actors_by_alias",
    "list_actors",
    "list_quotes",
    "count_quotes",
    "quote_facets",
    "speaker_ids",
    "actor_names",
    "QUOTE_FACETS",
    "ACTOR_SORTS",
    "ActorCounts",
    "actor_counts",
    "actor_directory",
    "count_actors",
    "resolve_actor",
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
            "INSERT OR IGNORE INTO actor_articles(actor_id, article_id, role, country, date, source, valid_from,"
            " valid_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((actor.id, aid, r.role, r.country or actor.country, day, r.source, _iso(r.valid_from),
              _iso(r.valid_until)) for r in roles),
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
    _mark_copies(conn, aid)
    conn.executemany(
        'INSERT OR IGNORE INTO date_mentions(article_id, text, start, "end", date, date_end, precision)'
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((d.article_id, d.text, d.start, d.end, d.date.isoformat(),
          d.date_end.isoformat() if d.date_end else None, str(d.precision)) for d in analysis.dates),
    )
    conn.executemany(
        "INSERT INTO events(id, article_id, source_id, source_country, target_id, target_country, cameo,"
        " root, quad, goldstein, date, date_end, date_precision, modality, location, sentence, start,"
        ' "end", rule, confidence, mentions, in_teaser, location_type)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((e.id, e.article_id, e.source_id, e.source_country, e.target_id, e.target_country, e.cameo, e.root,
          e.quad, e.goldstein, _iso(e.date), _iso(e.date_end),
          str(e.date_precision) if e.date_precision else None, str(e.modality), e.location, e.sentence,
          e.start, e.end, e.rule, e.confidence, e.mentions, in_teaser, e.location_type) for e in analysis.events),
    )
    conn.execute("INSERT INTO analysed(article_id, analyser) VALUES (?, ?)", (aid, analyser))
    refresh_countries(conn, [a.id for a in analysis.actors if a.kind == ActorKind.PERSON])


def _mark_copies(conn: sqlite3.Connection, aid: str) -> None:
    """Mark (`quotes.copy`) the quotations of article `aid`'s page group that repeat their main
    article's (`COPY_OF_MAIN`), and unmark those that no longer do: written as a sidebar or
    teaser, the article is checked against its main article; written as a main article, its
    sidebars and teasers are checked against it. Either may be analysed first, so the later one
    settles it, and one quotation is listed once however the articles were batched."""
    conn.execute(
        "UPDATE quotes SET copy = 1 - copy WHERE article_id IN (SELECT ?1 UNION ALL SELECT id FROM articles"
        f" WHERE parent_id = ?1) AND copy != {COPY_OF_MAIN.format(q='quotes')}", (aid,))


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
    " AS country, ar.headline AS headline FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id"
    " LEFT JOIN articles ar ON ar.id = q.article_id"
)
_QUOTE_FROM = "quotes q LEFT JOIN actors a ON a.id = q.speaker_id LEFT JOIN articles ar ON ar.id = q.article_id"
# What a quotation listing can be counted by: the facet's name, the SQL of its value (a value
# the listing's filter of the same meaning takes: `speaker`, `country`, `site`, since/until).
QUOTE_FACETS = {
    "year": "substr(q.day, 1, 4)",
    "month": "substr(q.day, 1, 7)",
    "speaker": "q.speaker_id",
    "country": "COALESCE(q.speaker_country, '#' || q.speaker_id)",  # `#id`: its actor's country, after
    "site": "ar.site",
}


def _quote(row: sqlite3.Row) -> Quote:
    return Quote(
        id=row["id"], article_id=row["article_id"], text=row["text"], kind=QuoteKind(row["kind"]),
        speaker_id=row["speaker_id"], speaker=row["speaker"],
        speaker_kind=ActorKind(row["speaker_kind"]) if row["speaker_kind"] else None,
        speaker_country=row["country"], speaker_role=row["speaker_role"], cue=row["cue"],
        start=row["start"], end=row["end"], date=_day(row["day"]), headline=row["headline"],
    )


def speaker_ids(conn: sqlite3.Connection, ref: str) -> list[str]:
    """The actors `ref` names exactly: an id, or a name or alias (case-insensitive, whole). A
    part of a name is not a match: `Xi` must not find `Liu Xiaoming`."""
    row = conn.execute("SELECT COALESCE(same_as, id) FROM actors WHERE id = ?", (ref,)).fetchone()
    if row is not None:
        return [row[0]]
    return actors_by_alias(conn, "= ? COLLATE NOCASE", ref.strip())


def _quote_arms(
    conn: sqlite3.Connection, *, speaker: str | None, country: str | None, search: str | None,
    since: dt.date | None, until: dt.date | None, teasers: bool, site: str | None,
) -> list[tuple[list[str], list[Any]]]:
    """The quotations matching every filter as disjoint arms (conditions ANDed, values), each
    a range of an index in listing order; none when no speaker has that name. A sidebar's copy
    of its main article's quotation (`quotes.copy`, schema migration 15) is never listed: the
    main article's record stands for both."""
    common: list[str] = ["q.copy = 0"] if teasers else ["q.in_teaser = 0", "q.copy = 0"]
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
    if site is not None:
        common.append("q.article_id IN (SELECT id FROM articles WHERE site = ? COLLATE NOCASE)")
        args.append(site)
    speakers = None
    if speaker is not None:
        speakers = partial(one_of, "q.speaker_id", speaker_ids(conn, speaker))
    countries = None if country is None else partial(
        country_arms, conn, "q.speaker_country", "q.speaker_id", country.upper(), [])
    return [([*conds, *common], [*arm_args, *args]) for conds, arm_args in combine([speakers, countries])]


def list_quotes(
    conn: sqlite3.Connection, *, speaker: str | None = None, country: str | None = None,
    search: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
    teasers: bool = False, site: str | None = None, sort: str = "date", limit: int | None = None,
    offset: int | None = None,
) -> list[Quote]:
    """Quotations matching every filter, by date (their article's; undated last; `sort="-date"`
    newest first), then position and id; `speaker` is an actor id, name or alias (exactly, not
    a part of one), `country` the speaker's (the quotation's, else the speaker's corpus-wide
    one), `site` the article's, `search` is FTS5.

    A page (`limit`, `offset`) is selected from merged index ranges (`dateline.store.ranges`)
    before its records are read; the whole listing is one query in the same order.
    """
    arms = _quote_arms(conn, speaker=speaker, country=country, search=search, since=since, until=until,
                       teasers=teasers, site=site)
    if not arms:  # no speaker by that name
        return []
    order = key_order(sort, ("day", "pos", "id"))
    if limit is None and offset is None:
        union, union_args = either(arms)
        direction = " DESC" if sort.startswith("-") else ""
        sql = (_QUOTE_SQL + " WHERE " + union + f" ORDER BY q.day IS NULL, q.day{direction},"
               f" q.start{direction}, q.id{direction}")
        return [_quote(r) for r in conn.execute(sql, union_args)]
    keys: list[str] = []
    key_args: list[Any] = []
    for conds, arm_args in arms:
        keys.append("SELECT q.id AS id, q.day AS day, q.start AS pos, q.day IS NULL AS undated FROM quotes q"
                    " WHERE " + (" AND ".join(conds) or "1"))
        key_args += arm_args
    sql = " UNION ALL ".join(keys) + order + window(limit, offset, key_args)
    ids = [r[0] for r in conn.execute(sql, key_args)]
    quotes = quotes_by_id(conn, ids)
    return [quotes[i] for i in ids]


def count_quotes(
    conn: sqlite3.Connection, *, speaker: str | None = None, country: str | None = None,
    search: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
    teasers: bool = False, site: str | None = None,
) -> int:
    """How many quotations `list_quotes` lists with these filters (from the tallies when no
    filter but speaker, country and teasers is given)."""
    arms = _quote_arms(conn, speaker=speaker, country=country, search=search, since=since, until=until,
                       teasers=teasers, site=site)
    if _tallied(search, since, until, site):
        return tally_total(conn, _quote_side(speaker, country, "all"), arms)
    return count_rows(conn, "quotes q", arms)


# The quotations' tallies (schema migration 12), keyed by speaker, own country and teaser; the
# tally facet and the value over its row `t` of each facet they count.
_QUOTE_TALLY = TallySide("quotes.speaker", "q", "speaker_id", "speaker_country")
_ALL_QUOTES = TallySide("quotes", "q")  # every quotation under one key: a facet with no speaker filter
_TALLIED_FACETS = {
    "year": ("month", "substr(NULLIF(t.value, ''), 1, 4)"),
    "month": ("month", "NULLIF(t.value, '')"),
    "speaker": ("all", "NULLIF(t.actor_id, '')"),
    "country": ("all", "COALESCE(NULLIF(t.country, ''), '#' || NULLIF(t.actor_id, ''))"),
    "site": ("site", "NULLIF(t.value, '')"),
}


def _quote_side(speaker: str | None, country: str | None, facet: str) -> TallySide:
    """The side of the tallies to read: by speaker when a speaker or country is asked for, or
    the facet counts speakers; else all quotations under one key (fewer rows to sum)."""
    return _QUOTE_TALLY if speaker is not None or country is not None or facet == "all" else _ALL_QUOTES


def _tallied(search: str | None, since: dt.date | None, until: dt.date | None, site: str | None) -> bool:
    """Whether the tallies are keyed by every filter given (speaker, country, teasers)."""
    return search is None and since is None and until is None and site is None


def quote_facets(
    conn: sqlite3.Connection, facet: str, *, speaker: str | None = None, country: str | None = None,
    search: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
    teasers: bool = False, site: str | None = None, top: int = 20, deadline: float | None = None,
) -> list[FacetCount]:
    """The most frequent values of `facet` (one of `QUOTE_FACETS`) among the quotations
    `list_quotes` lists with these filters, with their counts."""
    if facet not in QUOTE_FACETS:
        raise QueryError("facet", facet, "expected one of " + ", ".join(QUOTE_FACETS))
    arms = _quote_arms(conn, speaker=speaker, country=country, search=search, since=since, until=until,
                       teasers=teasers, site=site)
    if _tallied(search, since, until, site):
        with time_limit(conn, deadline, facet):
            side = _quote_side(speaker, country, _TALLIED_FACETS[facet][0])
            counts = tally_facet(conn, side, arms, *_TALLIED_FACETS[facet])
        counts = counts if facet == "country" else counts[:top]
    else:
        counts = facet_counts(conn, _QUOTE_FROM if facet == "site" else "quotes q", QUOTE_FACETS[facet], arms,
                              top=10**9 if facet == "country" else top, deadline=deadline)
    if facet == "country":  # a speaker without a country of the quotation's own: the actor's
        actors = {r[0]: r[1] for r in conn.execute(
            "SELECT id, country FROM actors WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps([v[1:] for v, _ in counts if v.startswith("#")]),))}
        merged: dict[str, int] = {}
        for value, n in counts:
            key = actors.get(value[1:]) if value.startswith("#") else value
            if key is not None:
                merged[key] = merged.get(key, 0) + n
        counts = sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    names = actor_names(conn, [v for v, _ in counts]) if facet == "speaker" else {}
    return [FacetCount(v, names.get(v, v), n) for v, n in counts]


def actor_names(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, str]:
    """Actor names by id, for labelling facet values."""
    return {r[0]: r[1] for r in conn.execute("SELECT id, name FROM actors WHERE id IN (SELECT value FROM"
                                             " json_each(?))", (json.dumps(list(ids)),))}


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
    # `role > ''` (every role but none) is a range of the index of migration 13, which skips the
    # rows without a role: a country has one in most articles.
    aliases = tuple(r[0] for r in conn.execute(
        "SELECT alias FROM actor_aliases WHERE actor_id = ? AND alias != ? ORDER BY alias", (row["id"], row["name"])))
    roles = tuple(
        Role(r["role"], r["country"], _day(r["first"]), _day(r["last"]), r["article_id"], r["source"],
             _day(r["valid_from"]), _day(r["valid_until"]), r["articles"])
        for r in conn.execute(
            # one row per role and provenance: what articles said, and each knowledge row (its
            # source and dates); the article is the earliest that gave it (ties: the least id)
            "SELECT role, country, source, valid_from, valid_until, MIN(date) AS first, MAX(date) AS last,"
            " COUNT(*) AS articles, (SELECT b.article_id FROM actor_articles b WHERE b.actor_id = a.actor_id"
            "  AND b.role = a.role AND b.country IS a.country AND b.source IS a.source"
            "  AND b.valid_from IS a.valid_from ORDER BY b.date IS NULL, b.date, b.article_id LIMIT 1) AS article_id"
            " FROM actor_articles a WHERE actor_id = ? AND role > ''"
            " GROUP BY role, country, source, valid_from, valid_until"
            " ORDER BY COALESCE(valid_from, first), first, role",
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


ACTOR_SORTS = ("name", "-mentions", "-quotes", "-events")


@dataclass(frozen=True, slots=True)
class ActorCounts:
    """An actor in the directory: how often the corpus mentions it, quotes it, and codes it as
    an event's source or target."""

    actor: Actor
    mentions: int
    quotes: int
    events: int


# An actor's mentions, quotations and events (as source or target, once) are read from the
# tallies (schema migrations 12 and 14), not counted: the busiest actors have hundreds of thousands.
_COUNTS_SQL = (
    "SELECT ac.*, (SELECT COALESCE(SUM(m.n), 0) FROM actor_mentions m WHERE m.actor_id = ac.id) AS n_mentions,"
    " (SELECT COALESCE(SUM(t.n), 0) FROM tallies t WHERE t.side = 'quotes.speaker' AND t.facet = 'all'"
    " AND t.actor_id = ac.id) AS n_quotes,"
    " (SELECT COALESCE(SUM(am.n), 0) FROM actor_months am WHERE am.actor_id = ac.id) AS n_events"
    " FROM actors ac"
)


def _directory_where(search: str | None, country: str | None, kind: ActorKind | None) -> tuple[str, list[Any]]:
    where, args = ["ac.same_as IS NULL"], []  # type: tuple[list[str], list[Any]]
    if search is not None:
        where.append("ac.id IN (SELECT al.actor_id FROM actor_aliases al WHERE al.alias LIKE ? ESCAPE '\\')")
        args.append(like_pattern(search))
    if country is not None:
        where.append("ac.country = ?")
        args.append(country.upper())
    if kind is not None:
        where.append("ac.kind = ?")
        args.append(str(kind))
    return " WHERE " + " AND ".join(where), args


def actor_directory(conn: sqlite3.Connection, *, search: str | None = None, country: str | None = None,
                    kind: ActorKind | None = None, sort: str = "name", limit: int | None = None,
                    offset: int | None = None) -> list[ActorCounts]:
    """Actors with their counts of mentions, quotations and events; `search` is part of a name
    or alias (a directory finds by part; filters elsewhere take an exact name)."""
    if sort not in ACTOR_SORTS:
        raise QueryError("sort", sort, "expected one of " + ", ".join(ACTOR_SORTS))
    where, args = _directory_where(search, country, kind)
    order = "ac.name COLLATE NOCASE, ac.id" if sort == "name" else f"n_{sort[1:]} DESC, ac.name COLLATE NOCASE, ac.id"
    if sort == "name":  # the page of actors first, then the counts of those alone
        page = "SELECT * FROM actors ac" + where + " ORDER BY " + order + window(limit, offset, args)
        sql = _COUNTS_SQL.replace(" FROM actors ac", f" FROM ({page}) ac") + " ORDER BY " + order
    else:
        sql = _COUNTS_SQL + where + " ORDER BY " + order + window(limit, offset, args)
    rows = conn.execute(sql, args).fetchall()
    return [ActorCounts(_actor(conn, r), r["n_mentions"], r["n_quotes"], r["n_events"]) for r in rows]


def count_actors(conn: sqlite3.Connection, *, search: str | None = None, country: str | None = None,
                 kind: ActorKind | None = None) -> int:
    """How many actors `actor_directory` lists with these filters."""
    where, args = _directory_where(search, country, kind)
    return int(conn.execute("SELECT COUNT(*) FROM actors ac" + where, args).fetchone()[0])


def actor_counts(conn: sqlite3.Connection, actor_id: str) -> ActorCounts:
    """One actor (by id) with its counts, as the directory lists it."""
    row = conn.execute(_COUNTS_SQL + " WHERE ac.id = ?", (actor_id,)).fetchone()
    if row is None:
        raise NotFoundError("actor", actor_id)
    return ActorCounts(_actor(conn, row), row["n_mentions"], row["n_quotes"], row["n_events"])


def resolve_actor(conn: sqlite3.Connection, ref: str) -> Actor:
    """The actor `ref` names: an id, else an exact name or alias (`/actors/China`); a name
    several actors share gives the first by id (each is listed in the directory)."""
    ids = speaker_ids(conn, ref)
    if not ids:
        raise NotFoundError("actor", ref)
    return get_actor(conn, ids[0])
