"""Quotation listings read through index ranges give what their plain definition gives (joins
on articles and actors), in date order, page by page, on the seeds and the sample corpus."""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

import pytest

from dateline.store.language import count_quotes, list_quotes, quote_facets


def _reference(conn: sqlite3.Connection, speaker: str | None = None, country: str | None = None,
               search: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
               teasers: bool = False) -> list[str]:
    """The listing from plain joins: the article's kind and date, the speaker's aliases and
    corpus-wide country, FTS5 for the search."""
    matched = {r[0] for r in conn.execute("SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?", (search,))} \
        if search else set()
    rows = conn.execute(
        "SELECT q.id, q.rowid, q.speaker_id, COALESCE(q.speaker_country, a.country), ar.kind,"
        " COALESCE(ar.date, ar.crawl_date), q.start FROM quotes q LEFT JOIN actors a ON a.id = q.speaker_id"
        " JOIN articles ar ON ar.id = q.article_id").fetchall()
    aliases: dict[str, list[str]] = {}
    for actor_id, alias in conn.execute("SELECT actor_id, alias FROM actor_aliases"):
        aliases.setdefault(actor_id, []).append(alias.casefold())
    kept = []
    for ident, rowid, speaker_id, speaker_country, kind, day, start in rows:
        if (kind == "teaser" and not teasers) or (search and rowid not in matched):
            continue
        if speaker and speaker != speaker_id and speaker.casefold() not in aliases.get(speaker_id, []):
            continue
        if country and speaker_country != country.upper():
            continue
        if (since and (day is None or day < since.isoformat())) or (until and (day is None or day > until.isoformat())):
            continue
        kept.append((day is None, day or "", start, ident))
    return [k[-1] for k in sorted(kept)]


FILTERS: list[dict[str, Any]] = [
    {}, {"teasers": True}, {"country": "CHN"}, {"country": "rus"}, {"speaker": "wang wenbin"}, {"speaker": "Qin Gang"},
    {"speaker": "Nobody Atall"}, {"speaker": "Qin Ga"}, {"country": "CHN", "speaker": "qin gang"}, {"search": "peace"},
    {"search": "peace", "country": "CHN"}, {"since": dt.date(2023, 3, 17)}, {"until": dt.date(2023, 3, 16)},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_quotes_listing_equals_its_definition(conn: sqlite3.Connection, filters: dict[str, Any]) -> None:
    want = _reference(conn, **filters)
    assert [q.id for q in list_quotes(conn, **filters)] == want
    paged = [q.id for offset in range(0, len(want) + 4, 4) for q in list_quotes(conn, limit=4, offset=offset, **filters)]
    assert paged == want
    assert count_quotes(conn, **filters) == len(want)


@pytest.mark.parametrize("filters", FILTERS)
def test_newest_first_is_the_date_order_reversed_with_undated_last(conn: sqlite3.Connection,
                                                                   filters: dict[str, Any]) -> None:
    quotes = list_quotes(conn, **filters, sort="-date")
    assert [q.id for q in quotes] == [q.id for q in list_quotes(conn, **filters, sort="-date", limit=3, offset=0)] \
        + [q.id for q in list_quotes(conn, **filters, sort="-date", limit=10**6, offset=3)]
    dated = [q.date for q in quotes if q.date is not None]
    assert dated == sorted(dated, reverse=True)
    assert all(q.date is None for q in quotes[len(dated):])
    assert sorted(q.id for q in quotes) == sorted(_reference(conn, **filters))


@pytest.mark.parametrize("facet", ["year", "month", "speaker", "country", "site"])
def test_quote_facets_count_the_listing(conn: sqlite3.Connection, facet: str) -> None:
    """Each facet value's count is the size of the listing that value's filter gives."""
    everything = list_quotes(conn)
    counts = quote_facets(conn, facet, top=1000)
    assert counts and [c.count for c in counts] == sorted((c.count for c in counts), reverse=True)
    for c in counts:
        if facet in ("year", "month"):
            assert c.count == sum(1 for q in everything if q.date and q.date.isoformat().startswith(c.value))
        elif facet == "speaker":
            assert c.count == count_quotes(conn, speaker=c.value) and c.label != c.value
        elif facet == "country":
            assert c.count == count_quotes(conn, country=c.value)
        else:
            assert c.count == count_quotes(conn, site=c.value)


def test_a_speaker_is_a_whole_name_not_a_part_of_one(conn: sqlite3.Connection) -> None:
    """`Qin Ga` is no one's name or alias: it must not list Qin Gang. `Qin`, his surname, is one
    of his aliases, and lists him."""
    assert list_quotes(conn, speaker="Qin Ga") == [] and count_quotes(conn, speaker="Qin Ga") == 0
    assert {q.speaker for q in list_quotes(conn, speaker="Qin")} == {"Qin Gang"}
    qin = list_quotes(conn, speaker="qin gang")
    assert qin and {q.speaker for q in qin} == {"Qin Gang"}
    assert list_quotes(conn, speaker=qin[0].speaker_id) == qin  # an id means the same actor
    assert all(q.date is not None and q.headline for q in qin)  # dated, with their article


def test_the_filters_select_real_subsets(conn: sqlite3.Connection) -> None:
    everything = _reference(conn, teasers=True)
    sizes = [len(_reference(conn, **f)) for f in FILTERS]
    assert len(everything) > 30 and max(sizes) <= len(everything)
    assert sum(0 < n < len(everything) for n in sizes) >= 6  # most filters keep some and drop some


@pytest.mark.parametrize("filters", [{}, {"country": "CHN"}, {"speaker": "Qin Gang"}])
def test_a_quotes_page_merges_index_ranges_without_sorting(conn: sqlite3.Connection,
                                                           filters: dict[str, Any]) -> None:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        list_quotes(conn, limit=20, offset=0, **filters)
    finally:
        conn.set_trace_callback(None)
    keys = [s for s in statements if s.startswith("SELECT q.id AS id")][0]
    plan = [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + keys)]
    assert not any(step.startswith("SCAN q") for step in plan), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan
