"""Counts and facets of the event and article listings are the listings counted: each facet
value's count is how many listed records have that value, whatever the filters."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from dateline.errors import QueryError
from dateline.model import Article, Event
from dateline.store.events import EVENT_FACETS, count_events, event_facets, list_events
from dateline.store.ranges import FacetTimeout
from dateline.store.queries import ARTICLE_FACETS, article_facets, count_articles, list_articles

_EVENT_KEY: dict[str, Callable[[Event], Any]] = {
    "year": lambda e: e.date.isoformat()[:4] if e.date else None,
    "month": lambda e: e.date.isoformat()[:7] if e.date else None,
    "root": lambda e: e.root, "quad": lambda e: str(e.quad),
    "source_country": lambda e: e.source_country, "target_country": lambda e: e.target_country,
    "source": lambda e: e.source_id, "target": lambda e: e.target_id,
}


def _day(a: Article) -> str:
    day = a.date or a.crawl_date
    return day.isoformat() if day else ""


_ARTICLE_KEY: dict[str, Callable[[Article], Any]] = {
    "year": lambda a: _day(a)[:4] or None,
    "month": lambda a: _day(a)[:7] or None,
    "site": lambda a: a.site, "kind": lambda a: str(a.kind),
}
EVENT_FILTERS: list[dict[str, Any]] = [{}, {"source": "CHN"}, {"target": "UKR", "quad": 1}, {"code": "04"},
                                       {"since": dt.date(2025, 1, 1)}, {"teasers": True}]


@pytest.mark.parametrize("filters", EVENT_FILTERS)
def test_event_facets_count_the_listing(conn: sqlite3.Connection, filters: dict[str, Any]) -> None:
    events = list_events(conn, **filters)
    assert count_events(conn, **filters) == len(events)
    assert set(_EVENT_KEY) == set(EVENT_FACETS)
    for facet, key in _EVENT_KEY.items():
        want = Counter(key(e) for e in events if key(e) is not None)
        got = event_facets(conn, facet, **filters, top=10**6)
        assert {c.value: c.count for c in got} == dict(want), facet
        assert [c.count for c in got] == sorted((c.count for c in got), reverse=True)


@pytest.mark.parametrize("filters", [{}, {"kind": "main"}, {"search": "peace"}, {"all_copies": True}])
def test_article_facets_count_the_listing(conn: sqlite3.Connection, filters: dict[str, Any]) -> None:
    articles = list_articles(conn, **filters)
    assert count_articles(conn, **filters) == len(articles)
    for facet, key in _ARTICLE_KEY.items():
        want = Counter(key(a) for a in articles if key(a) is not None)
        assert {c.value: c.count for c in article_facets(conn, facet, **filters, top=10**6)} == dict(want), facet
    assert set(_ARTICLE_KEY) == set(ARTICLE_FACETS)


def test_lists_are_in_date_order_either_way(conn: sqlite3.Connection) -> None:
    def day(a: Article) -> dt.date | None:
        return a.date or a.crawl_date
    for sort, reverse in (("date", False), ("-date", True)):
        articles = list_articles(conn, sort=sort)
        dated = [day(a) for a in articles if day(a) is not None]
        assert dated and dated == sorted(dated, reverse=reverse)  # type: ignore[type-var]
        events = list_events(conn, sort=sort)
        dates = [e.date for e in events if e.date is not None]
        assert dates == sorted(dates, reverse=reverse)
        assert [e.id for e in events] == [e.id for e in list_events(conn, sort=sort, limit=7, offset=0)] + \
            [e.id for e in list_events(conn, sort=sort, limit=10**6, offset=7)]


def test_unknown_facets_and_sorts_are_query_errors(conn: sqlite3.Connection) -> None:
    with pytest.raises(QueryError):
        event_facets(conn, "colour")
    with pytest.raises(QueryError):
        list_events(conn, sort="newest", limit=5)
    with pytest.raises(QueryError):
        list_articles(conn, sort="newest")


def test_a_facet_past_its_deadline_stops_and_says_so(conn: sqlite3.Connection) -> None:
    """A deadline already past stops the count (a page then says the facet was not counted);
    the connection is usable afterwards, and no deadline counts everything."""
    with pytest.raises(FacetTimeout):
        event_facets(conn, "month", deadline=time.monotonic() - 1)
    assert event_facets(conn, "month", deadline=time.monotonic() + 60) == event_facets(conn, "month")
    assert count_events(conn) == len(list_events(conn))
