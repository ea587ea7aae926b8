"""Timelines and event filters read through index seeks give exactly what their plain
definitions give (joins on articles and actors), on the seeds and the sample corpus."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from dateline.store import connect
from dateline.model import DatePrecision
from dateline.store.events import find_actor_ids, list_events, timeline, timeline_summary
from dateline.store.schema import MIGRATIONS, migrate

def _matches(conn: sqlite3.Connection, ref: str, actor_id: str | None, country: str | None) -> bool:
    """`--source`/`--target` by its definition: the effective country, or the actor itself."""
    if len(ref) == 3 and ref.isalpha() and country == ref.upper():
        return True
    return actor_id is not None and actor_id in find_actor_ids(conn, ref)


def _reference(conn: sqlite3.Connection, actor: str, with_actor: str | None, code: str | None,
               teasers: bool) -> list[tuple[int, str]]:
    """The timeline from plain joins: effective countries from the actor table, teasers from
    the article, a quotation's day from its article, `with` for quotes from the mentions."""
    rows = conn.execute(
        "SELECT e.id, e.date, e.start, e.cameo, e.source_id, COALESCE(e.source_country, s.country),"
        " e.target_id, COALESCE(e.target_country, t.country), ar.kind FROM events e"
        " JOIN articles ar ON ar.id = e.article_id LEFT JOIN actors s ON s.id = e.source_id"
        " LEFT JOIN actors t ON t.id = e.target_id").fetchall()
    keys: set[tuple[Any, ...]] = set()
    for ident, day, pos, cameo, sid, scountry, tid, tcountry, kind in rows:
        if (kind == "teaser" and not teasers) or (code is not None and not cameo.startswith(code)):
            continue
        for own, own_country, other, other_country in ((sid, scountry, tid, tcountry),
                                                       (tid, tcountry, sid, scountry)):
            if _matches(conn, actor, own, own_country) and (
                    with_actor is None or _matches(conn, with_actor, other, other_country)):
                keys.add((day, pos, 0, ident))
    if code is None:
        ids = set(find_actor_ids(conn, actor))
        named = set(find_actor_ids(conn, with_actor)) if with_actor else set()
        if with_actor and len(with_actor) == 3:
            named |= {r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ?", (with_actor.upper(),))}
        for ident, article, speaker, pos, day, kind in conn.execute(
                "SELECT q.id, q.article_id, q.speaker_id, q.start, COALESCE(ar.date, ar.crawl_date), ar.kind"
                " FROM quotes q JOIN articles ar ON ar.id = q.article_id"):
            if speaker not in ids or (kind == "teaser" and not teasers):
                continue
            mentioned = {r[0] for r in conn.execute("SELECT actor_id FROM mentions WHERE article_id = ?", (article,))}
            if with_actor is None or mentioned & named:
                keys.add((day, pos, 1, ident))
    ordered = sorted(keys, key=lambda k: (k[0] is None, k[0] or "", k[1], k[2], k[3]))
    return [(part, ident) for _, _, part, ident in ordered]


def _busiest(conn: sqlite3.Connection, n: int) -> list[str]:
    rows = conn.execute("SELECT a.name FROM events e JOIN actors a ON a.id IN (e.source_id, e.target_id)"
                        " GROUP BY a.id ORDER BY COUNT(*) DESC, a.name LIMIT ?", (n,))
    return [r[0] for r in rows]


def test_timeline_equals_its_definition_for_busy_actors_and_counterparts(conn: sqlite3.Connection) -> None:
    actors = _busiest(conn, 6)
    assert len(actors) == 6
    counterparts: list[str | None] = [None, "UKR", "RUS", "CHN", "USA", "Qin", *actors[:3]]
    checked = 0
    for actor in actors:
        for with_actor in counterparts:
            for code in (None, "0"):
                for teasers in (False, True):
                    got = [(0 if e.event else 1, e.event.id if e.event else e.quote.id)  # type: ignore[union-attr]
                           for e in timeline(conn, actor, with_actor=with_actor, code=code, teasers=teasers)]
                    assert got == _reference(conn, actor, with_actor, code, teasers), (actor, with_actor, code)
                    checked += len(got)
    assert checked > 200  # the comparison covered real timelines, not empty ones


@pytest.mark.parametrize("keyword", [None, "talks", "PEACE"])
def test_summary_and_keyword_agree_with_the_timeline(conn: sqlite3.Connection, keyword: str | None) -> None:
    filtered = 0
    for actor in _busiest(conn, 4):
        for with_actor in (None, "UKR"):
            whole = timeline(conn, actor, with_actor=with_actor)
            words = [(e.event.sentence if e.event else e.quote.text if e.quote else "") for e in whole]
            kept = [e for e, w in zip(whole, words) if keyword is None or keyword.lower() in w.lower()]
            assert timeline(conn, actor, with_actor=with_actor, keyword=keyword) == kept
            summary = timeline_summary(conn, actor, with_actor=with_actor, keyword=keyword)
            events = [e.event for e in kept if e.event]
            assert summary.events == len(events) and summary.quotes == len(kept) - len(events)
            assert summary.undated == sum(1 for e in events if e.date is None)
            # an event dated only to a year is counted by its year (`2019`), not in its January
            assert dict(summary.per_month) == dict(Counter(
                (e.date.isoformat()[:4 if e.date_precision == DatePrecision.YEAR else 7], e.quad)
                for e in events if e.date))
            filtered += len(kept) if keyword is None or len(kept) < len(whole) else 0
    assert filtered > 0  # the keyword kept some entries and dropped others


def test_timeline_pages_join_up_to_the_whole_timeline(conn: sqlite3.Connection) -> None:
    actor = _busiest(conn, 1)[0]
    whole = timeline(conn, actor)
    assert len(whole) > 12
    paged = [entry for offset in range(0, len(whole), 5) for entry in timeline(conn, actor, limit=5, offset=offset)]
    assert paged == whole


def _keys_query_plan(conn: sqlite3.Connection, **kwargs: Any) -> list[str]:
    """The query plan of the statement that selects a timeline's window of keys."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        timeline(conn, **kwargs)
    finally:
        conn.set_trace_callback(None)
    (keys,) = [s for s in statements if s.startswith("SELECT 0 AS part")]
    return [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + keys)]


@pytest.mark.parametrize("with_actor", [None, "UKR", "Russia"])
def test_timeline_keys_come_from_covering_indexes(conn: sqlite3.Connection, with_actor: str | None) -> None:
    plan = _keys_query_plan(conn, actor="China", with_actor=with_actor, limit=50, offset=0)
    reads = [step for step in plan if step.startswith(("SCAN e", "SCAN q", "SEARCH e", "SEARCH q"))]
    assert reads and all("COVERING INDEX" in step for step in reads), plan


@pytest.mark.parametrize("with_actor", [None, "Russia"])
def test_a_timeline_page_merges_index_ranges_without_sorting(conn: sqlite3.Connection,
                                                             with_actor: str | None) -> None:
    """Actors named by one id: every part is read in timeline order, so a page stops early."""
    plan = _keys_query_plan(conn, actor="China", with_actor=with_actor, limit=50, offset=0)
    assert any(step.startswith("MERGE") for step in plan), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan


@pytest.mark.parametrize("side", ["source", "target"])
@pytest.mark.parametrize("ref", ["CHN", "UKR", "USA", "China", "Qin Gang", "Qin"])
def test_country_and_actor_filters_equal_their_definition(conn: sqlite3.Connection, side: str, ref: str) -> None:
    got = {e.id for e in list_events(conn, teasers=True, **{side: ref})}
    want = {r[0] for r in conn.execute(
        f"SELECT e.id, e.{side}_id, COALESCE(e.{side}_country, a.country) FROM events e"
        f" LEFT JOIN actors a ON a.id = e.{side}_id").fetchall()
        if _matches(conn, ref, r[1], r[2])}
    assert got == want
    if ref == "CHN":
        assert got  # the seeds are about China


def _last_plan(conn: sqlite3.Connection, call: Any) -> list[str]:
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        call()
    finally:
        conn.set_trace_callback(None)
    keys = [s for s in statements if s.startswith(("SELECT 0 AS part", "SELECT e.*"))][0]
    return [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + keys)]


def test_a_whole_country_listing_seeks_indexes(conn: sqlite3.Connection) -> None:
    plan = _last_plan(conn, lambda: list_events(conn, source="CHN"))
    assert not any(step.startswith("SCAN e") for step in plan), plan


@pytest.mark.parametrize("filters", [{"source": "CHN"}, {"target": "China"}, {"source": "USA", "target": "CHN"},
                                     {"code": "04"}, {}])
def test_an_events_page_merges_index_ranges_without_sorting(conn: sqlite3.Connection,
                                                            filters: dict[str, str]) -> None:
    plan = _last_plan(conn, lambda: list_events(conn, limit=20, offset=0, **filters))
    assert not any(step.startswith("SCAN e") for step in plan), plan
    assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan


@pytest.mark.parametrize("filters", [{"source": "CHN"}, {"target": "UKR", "code": "0"}, {"source": "China"},
                                     {"teasers": True}, {"quad": 1, "since": dt.date(2023, 1, 1)}, {}])
def test_events_pages_join_up_to_the_whole_listing(conn: sqlite3.Connection, filters: dict[str, Any]) -> None:
    whole = [e.id for e in list_events(conn, **filters)]
    paged = [e.id for offset in range(0, len(whole) + 3, 3)
             for e in list_events(conn, limit=3, offset=offset, **filters)]
    assert paged == whole
    assert len(whole) > 3 or filters.get("quad") == 1


def test_migration_7_copies_teaser_flags_and_quote_days_onto_old_rows(tmp_path: Path) -> None:
    raw = sqlite3.connect(tmp_path / "v6.db")  # foreign keys off: the article's page need not exist
    for version, script in enumerate(MIGRATIONS[:6], start=1):
        raw.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    raw.executescript("""
        INSERT INTO articles(id, page_id, source, kind, headline, start, "end", fingerprint, date, crawl_date)
            VALUES ('main', 'p', 'site', 'main', 'h', 0, 1, 'f', NULL, '2024-02-03'),
                   ('tease', 'p', 'site', 'teaser', 'h', 0, 1, 'g', '2024-01-05', NULL);
        INSERT INTO quotes(id, article_id, text, kind, start, "end") VALUES
            ('q1', 'main', 't', 'direct', 0, 1), ('q2', 'tease', 't', 'direct', 0, 1);
        INSERT INTO events(id, article_id, source_id, cameo, root, quad, goldstein, modality, sentence, start,
            "end", rule, confidence, mentions) VALUES
            ('e1', 'main', 'a', '040', '04', 1, 1.0, 'asserted', 's', 0, 1, 'r', 1.0, 1),
            ('e2', 'tease', 'a', '040', '04', 1, 1.0, 'asserted', 's', 0, 1, 'r', 1.0, 1);
    """)
    assert migrate(raw) == 6
    assert raw.execute("SELECT id, in_teaser, day FROM quotes ORDER BY id").fetchall() == [
        ("q1", 0, "2024-02-03"), ("q2", 1, "2024-01-05")]
    assert raw.execute("SELECT id, in_teaser FROM events ORDER BY id").fetchall() == [("e1", 0), ("e2", 1)]


def test_new_records_carry_their_article_teaser_flag_and_day(conn: sqlite3.Connection) -> None:
    stale = conn.execute(
        "SELECT COUNT(*) FROM quotes q JOIN articles ar ON ar.id = q.article_id"
        " WHERE q.in_teaser != (ar.kind = 'teaser') OR q.day IS NOT COALESCE(ar.date, ar.crawl_date)").fetchone()[0]
    stale += conn.execute("SELECT COUNT(*) FROM events e JOIN articles ar ON ar.id = e.article_id"
                          " WHERE e.in_teaser != (ar.kind = 'teaser')").fetchone()[0]
    assert stale == 0
    assert conn.execute("SELECT COUNT(*) FROM events WHERE in_teaser = 1").fetchone()[0] > 0
    assert dt.date.fromisoformat(conn.execute("SELECT MIN(day) FROM quotes").fetchone()[0]).year >= 2000


def _event_row(ident: str, source: str, target: str | None, day: str | None, *, source_country: str | None = None,
               target_country: str | None = None) -> tuple[Any, ...]:
    return (ident, "art", source, source_country, target, target_country, "040", "04", 1, 1.0, day, "asserted",
            "A sentence.", 0, 10, "test", 1.0, 1)


def test_an_event_in_several_ranges_is_listed_once(tmp_path: Path) -> None:
    """Self-directed events and actors whose alias is also a country code are in more than one
    index range; the ranges are made disjoint, so nothing is listed or counted twice."""
    conn = connect(tmp_path / "t.db")
    conn.executescript("""
        INSERT INTO pages(id, source, site_key, text) VALUES ('p', 'x.txt', 'x', 'text');
        INSERT INTO articles(id, page_id, source, kind, headline, start, "end", fingerprint, date)
            VALUES ('art', 'p', 'x.txt', 'main', 'h', 0, 1, 'f', '2024-01-02');
        INSERT INTO actors(id, name, kind, country) VALUES ('gov', 'Uzb Government', 'org', 'UZB'),
            ('ali', 'Ali Valiyev', 'person', 'UZB'), ('kaz', 'Kazakhstan', 'country', 'KAZ');
        INSERT INTO actor_aliases(actor_id, alias) VALUES ('gov', 'Uzb Government'), ('gov', 'UZB'),
            ('ali', 'Ali Valiyev'), ('kaz', 'Kazakhstan');
    """)
    conn.executemany(
        "INSERT INTO events(id, article_id, source_id, source_country, target_id, target_country, cameo, root, quad,"
        ' goldstein, date, modality, sentence, start, "end", rule, confidence, mentions)'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [_event_row("self", "ali", "ali", "2024-01-01"),
         _event_row("both", "gov", "ali", "2024-01-02", source_country="UZB"),
         _event_row("gov-elsewhere", "gov", "kaz", "2024-01-03", source_country="KAZ"),
         _event_row("undated", "kaz", "gov", None)])
    conn.commit()
    assert [e.event.id for e in timeline(conn, "Ali Valiyev") if e.event] == ["self", "both"]
    # "UZB" names the country and an actor: by country (event's or actor's), and the actor itself.
    assert [e.id for e in list_events(conn, source="UZB", limit=10, offset=0)] == ["self", "both", "gov-elsewhere"]
    assert [e.id for e in list_events(conn, source="UZB")] == ["self", "both", "gov-elsewhere"]
    assert [e.event.id for e in timeline(conn, "UZB", with_actor="UZB") if e.event] == ["self", "both"]
    assert [e.event.id for e in timeline(conn, "Kazakhstan") if e.event] == ["gov-elsewhere", "undated"]
    summary = timeline_summary(conn, "UZB")
    assert (summary.events, summary.undated, dict(summary.per_month)) == (4, 1, {("2024-01", 1): 3})
