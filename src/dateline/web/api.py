"""The JSON HTTP API: one route per CLI listing, same filter names, same records.

Routes call the library functions the CLI calls and build records with `dateline.records`,
so `GET /api/events?source=CHN` and `dateline events --source CHN --format jsonl` cannot
disagree. Listings are paged: `{"items": [...], "next": cursor-or-null}`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from dateline.errors import NotFoundError, QueryError
from dateline.model import ActorKind, ArticleKind, Modality, SourceStatus
from dateline.records import (
    article_record,
    date_record,
    event_record,
    mention_record,
    quote_record,
    records_csv,
    source_record,
)
from dateline.store import get_article, list_articles, list_records, list_sources
from dateline.store.events import (
    EVENT_FACETS,
    TimelineEntry,
    count_events,
    event_facets,
    list_events,
    timeline,
    timeline_summary,
)
from dateline.store.export import actor_records, entry_records, event_records, quote_records
from dateline.store.language import (
    ACTOR_SORTS,
    QUOTE_FACETS,
    actor_counts,
    actor_directory,
    article_annotations,
    count_actors,
    count_quotes,
    get_actor,
    list_quotes,
    quote_facets,
    resolve_actor,
)
from dateline.store.queries import ARTICLE_FACETS, article_facets, count_articles
from dateline.store.ranges import SORTS, FacetCount, FacetTimeout, time_limit
from dateline.web.app import ServeSettings, error_response, read_store
from dateline.web.params import MAX_OFFSET, Param, decode_cursor, encode_cursor, parse_query

__all__ = ["Detail", "Listing", "actor_records", "api_routes", "endpoints", "listing",
           "openapi_document", "page_of", "parse_facets"]

Record = dict[str, Any]
# (connection, parsed filters, offset, limit) -> at most `limit` records from `offset` on
Fetch = Callable[[sqlite3.Connection, dict[str, Any], int, int], list[Record]]
# (connection, parsed filters, offset, limit) -> the same window as library objects (the pages' rows)
Rows = Callable[[sqlite3.Connection, dict[str, Any], int, int], list[Any]]
Records = Callable[[sqlite3.Connection, list[Any]], list[Record]]
Count = Callable[[sqlite3.Connection, dict[str, Any]], int]
Facets = Callable[[sqlite3.Connection, str, dict[str, Any], float | None], list[FacetCount]]
# The time all of a request's facets may take together. A facet still counting then is left
# out (null) rather than hold the page up: counting a million records is not a page's work
# (datasette does the same); a narrower filter, or the CLI's --facet, counts it.
FACET_BUDGET = 0.1
COUNT_BUDGET = 0.05  # a total not counted by then is null ("more than this page")


@dataclass(frozen=True, slots=True)
class Listing:
    """A paged listing route: its filters, how it reads a window of rows and makes them
    records, and (when it has them) how it counts them and which facets it counts by."""

    path: str
    params: tuple[Param, ...]
    rows: Rows
    records: Records
    count: Count | None = None
    facets: Facets | None = None
    facet_names: tuple[str, ...] = ()

    def fetch(self, conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
        """At most `limit` records from `offset` on: what the API, the CLI and exports hand out."""
        return self.records(conn, self.rows(conn, f, offset, limit))

    @property
    def doc(self) -> str:
        return self.rows.__doc__ or ""


@dataclass(frozen=True, slots=True)
class Detail:
    """A route that returns one record by id (404 when there is none)."""

    path: str
    load: Callable[[sqlite3.Connection, str], Record]


PAGING = (
    Param("limit", "integer", "Page size (default the server's page size, capped at its maximum).", minimum=1,
          maximum=MAX_OFFSET),
    Param("cursor", "string", "The `next` value of the previous page (opaque; only valid with the same filters)."),
)
SINCE = Param("since", "date", "On or after this day (YYYY-MM-DD).")
UNTIL = Param("until", "date", "On or before this day (YYYY-MM-DD).")
SEARCH = Param("search", "string", "FTS5 full-text query; a malformed query is a 400.")
TEASERS = Param("teasers", "boolean", "Include teaser ledes (left out by default).")
COUNTRY = Param("country", "string", "ISO 3166 alpha-3 country code, e.g. CHN (any case).",
                pattern="[A-Za-z]{3}")
SORT = Param("sort", "string", "`date`: oldest first (the default); `-date`: newest first. Undated last.",
             choices=SORTS)
COUNT = Param("count", "boolean", "Add `total`: how many records match the filters (all pages).")


def _facet_param(names: tuple[str, ...]) -> Param:
    return Param("facet", "string", "Add `facets`: for each of these comma-separated facets ("
                 + ", ".join(names) + "), its most frequent values over all matching records, with counts.")


def parse_facets(raw: str | None, names: tuple[str, ...]) -> list[str]:
    """The facets asked for (`speaker,year`), each one the listing has, or a QueryError."""
    if not raw:
        return []
    asked = [n.strip() for n in raw.split(",") if n.strip()]
    for name in asked:
        if name not in names:
            raise QueryError("facet", name, "expected one of " + ", ".join(names))
    return list(dict.fromkeys(asked))


def _kind(value: str | None) -> ArticleKind | None:
    return ArticleKind(value) if value else None


def _article_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {"site": f["site"], "kind": _kind(f["kind"]), "since": f["since"], "until": f["until"],
            "search": f["search"], "all_copies": f["all_copies"]}


def _articles(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """Articles as `dateline articles` lists them: by date, a story once (its earliest copy)
    unless all_copies."""
    return list_articles(conn, **_article_filters(f), sort=f["sort"] or "date", limit=limit, offset=offset)


def _quote_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {"speaker": f["speaker"], "country": f["country"], "search": f["search"], "since": f["since"],
            "until": f["until"], "teasers": f["teasers"], "site": f["site"]}


def _quotes(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """Quotations with their speakers, dates and articles, as `dateline quotes` lists them."""
    return list_quotes(conn, **_quote_filters(f), sort=f["sort"] or "date", limit=limit, offset=offset)


def _actor_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {"search": f["search"], "country": f["country"],
            "kind": ActorKind(f["kind"]) if f["kind"] else None}


def _actors(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """Actors with roles over time, aliases and their counts of mentions, quotations and
    events, as `dateline actors` lists them."""
    return actor_directory(conn, **_actor_filters(f), sort=f["sort"] or "name", limit=limit, offset=offset)


def _event_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {"source": f["source"], "target": f["target"], "code": f["code"], "quad": f["quad"],
            "modality": Modality(f["modality"]) if f["modality"] else None, "since": f["since"],
            "until": f["until"], "teasers": f["teasers"]}


def _events(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """CAMEO-coded events with their evidence, as `dateline events` lists them."""
    return list_events(conn, **_event_filters(f), sort=f["sort"] or "date", limit=limit, offset=offset)


def _timeline_filters(f: dict[str, Any]) -> dict[str, Any]:
    return {"with_actor": f["with"], "code": f["code"], "keyword": f["keyword"], "teasers": f["teasers"]}


def _with_field(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except QueryError as exc:  # the library checks `with` as an event's source or target
        if exc.field in ("source", "target"):
            raise QueryError("with", exc.value, exc.reason) from exc
        raise


def _timeline(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """An actor's events and quotations in date order, as `dateline timeline` prints them."""
    return list(_with_field(lambda: timeline(conn, f["actor"], **_timeline_filters(f), sort=f["sort"] or "date",
                                             limit=limit, offset=offset)))


def _timeline_count(conn: sqlite3.Connection, f: dict[str, Any]) -> int:
    summary = _with_field(lambda: timeline_summary(conn, f["actor"], **_timeline_filters(f)))
    return int(summary.events + summary.quotes)


def _sources(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Any]:
    """Input files and what ingest made of them (records: every document inside them)."""
    status = SourceStatus(f["status"]) if f["status"] else None
    if f["records"]:
        return list_records(conn, status=status, limit=limit, offset=offset)
    return [source_record(s) for s in list_sources(conn, status=status, limit=limit, offset=offset)]


def _same(conn: sqlite3.Connection, rows: list[Any]) -> list[Record]:
    return rows


def _article(conn: sqlite3.Connection, ident: str) -> Record:
    """One article (id or unique prefix of 4+ characters) with its quotations, mentions,
    resolved dates and events: everything `dateline show` marks, as records whose `start` and
    `end` index the article's `body`."""
    article = get_article(conn, ident)
    mentions, quotes, dates = article_annotations(conn, article.id)
    events = list_events(conn, article_id=article.id, teasers=True)
    p = article.paragraphs
    return {**article_record(article), "quotes": [quote_record(q, p) for q in quotes],
            "mentions": [mention_record(m, p) for m in mentions], "dates": [date_record(d, p) for d in dates],
            "events": [event_record(e, p) for e in events]}


def _actor(conn: sqlite3.Connection, ident: str) -> Record:
    """One actor by id, name or alias, as `dateline actors` lists it."""
    try:
        actor = get_actor(conn, ident)
    except NotFoundError:
        actor = resolve_actor(conn, ident)
    return actor_records(conn, [actor_counts(conn, actor.id)])[0]


def endpoints() -> tuple[Listing | Detail, ...]:
    """Every API route, in the order the OpenAPI document lists them."""
    kinds = tuple(k.value for k in ArticleKind)
    article_facets_ = tuple(ARTICLE_FACETS)
    quote_facets_ = tuple(QUOTE_FACETS)
    event_facets_ = tuple(EVENT_FACETS)
    return (
        Listing("/api/articles", (
            Param("site", "string", "Only this site (case-insensitive)."),
            Param("kind", "string", "Where the story sits on its page.", choices=kinds),
            SINCE, UNTIL, SEARCH,
            Param("all_copies", "boolean", "Every copy of a story that ran on several sites."),
            SORT, COUNT, _facet_param(article_facets_),
        ), _articles, lambda conn, rows: [article_record(a) for a in rows],
            lambda conn, f: count_articles(conn, **_article_filters(f)),
            lambda conn, name, f, d: article_facets(conn, name, **_article_filters(f), deadline=d), article_facets_),
        Detail("/api/articles/{id}", _article),
        Listing("/api/quotes", (
            Param("speaker", "string", "Speaker: an actor id, or a name or alias (exact, case-insensitive)."),
            COUNTRY, SEARCH, SINCE, UNTIL, TEASERS,
            Param("site", "string", "Only quotations from articles of this site (case-insensitive)."),
            SORT, COUNT, _facet_param(quote_facets_),
        ), _quotes, quote_records, lambda conn, f: count_quotes(conn, **_quote_filters(f)),
            lambda conn, name, f, d: quote_facets(conn, name, **_quote_filters(f), deadline=d), quote_facets_),
        Listing("/api/actors", (
            Param("search", "string", "Part of a name or alias (case-insensitive)."),
            COUNTRY, Param("kind", "string", "What sort of actor.", choices=tuple(k.value for k in ActorKind)),
            Param("sort", "string", "`name` (the default), or most `-mentions`, `-quotes` or `-events` first.",
                  choices=ACTOR_SORTS),
            COUNT,
        ), _actors, actor_records, lambda conn, f: count_actors(conn, **_actor_filters(f))),
        Detail("/api/actors/{id}", _actor),
        Listing("/api/events", (
            Param("source", "string", "Source: a country code (CHN), an actor name or alias, or an actor id."),
            Param("target", "string", "Target: a country code, an actor name or alias, or an actor id."),
            Param("code", "string", "CAMEO code prefix: 04 is every consultation.", pattern="[0-9]{1,4}"),
            Param("quad", "integer", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                  "4 material conflict.", minimum=1, maximum=4),
            Param("modality", "string", "How sure the text is.", choices=tuple(m.value for m in Modality)),
            SINCE, UNTIL, TEASERS, SORT, COUNT, _facet_param(event_facets_),
        ), _events, event_records, lambda conn, f: count_events(conn, **_event_filters(f)),
            lambda conn, name, f, d: event_facets(conn, name, **_event_filters(f), deadline=d), event_facets_),
        Listing("/api/timeline", (
            Param("actor", "string", "The actor: a name, alias or id.", required=True),
            Param("with", "string", "Only events whose other side is this actor (and quotations from "
                  "articles naming it)."),
            Param("code", "string", "CAMEO code prefix (then quotations are left out).", pattern="[0-9]{1,4}"),
            Param("keyword", "string", "Only entries whose evidence sentence or quotation contains this "
                  "(case-insensitive)."),
            TEASERS, SORT, COUNT,
        ), _timeline, lambda conn, rows: entry_records(conn, rows), _timeline_count),
        Listing("/api/sources", (
            Param("status", "string", "Only inputs with this status.", choices=tuple(s.value for s in SourceStatus)),
            Param("records", "boolean", "One item per document inside each input (WARC record, JSONL line)."),
        ), _sources, _same),
    )


def listing(path: str) -> Listing:
    """The listing route at `path` (the pages read through the same declarations)."""
    for e in endpoints():
        if isinstance(e, Listing) and e.path == path:
            return e
    raise KeyError(path)


def page_of(listing: Listing, conn: sqlite3.Connection, values: dict[str, Any], offset: int,
            limit: int) -> tuple[list[Any], bool, int | None, dict[str, list[FacetCount] | None]]:
    """One window of a listing's rows, whether more follow, the total (when `count` was asked)
    and the facets asked for (None for one not counted within `FACET_BUDGET`): what the API
    and the pages both show."""
    filters = {p.name: values.get(p.name) for p in listing.params if p.name not in ("count", "facet")}
    since, until = filters.get("since"), filters.get("until")
    if since is not None and until is not None and since > until:
        raise QueryError("since", since.isoformat(), f"is after until ({until.isoformat()})")
    rows = listing.rows(conn, filters, offset, limit + 1)
    total = None
    if listing.count is not None and values.get("count"):
        try:
            with time_limit(conn, time.monotonic() + COUNT_BUDGET):
                total = listing.count(conn, filters)
        except FacetTimeout:
            total = None
    facets: dict[str, list[FacetCount] | None] = {}
    if listing.facets is not None:
        deadline = time.monotonic() + FACET_BUDGET
        for name in parse_facets(values.get("facet"), listing.facet_names):
            try:
                facets[name] = listing.facets(conn, name, filters, deadline)
            except FacetTimeout:
                facets[name] = None
    return rows[:limit], len(rows) > limit, total, facets


def _facet_json(facets: dict[str, list[FacetCount] | None]) -> dict[str, Any]:
    return {name: None if counts is None else [{"value": c.value, "label": c.label, "count": c.count}
                                               for c in counts] for name, counts in facets.items()}


def _listing_endpoint(listing: Listing, *, csv: bool = False) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        settings: ServeSettings = request.app.state.settings
        values = parse_query(request, (*listing.params, *PAGING))
        filters = {p.name: values[p.name] for p in listing.params}
        limit = min(values["limit"] or settings.page_size, settings.max_page_size)
        offset = decode_cursor(values["cursor"], listing.path, filters) if values["cursor"] is not None else 0
        with read_store(request) as conn:
            rows, more, total, facets = page_of(listing, conn, values, offset, limit)
            items = listing.records(conn, rows)
        if csv:
            return Response(records_csv(items), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'inline; filename="{listing.path[5:]}.csv"'})
        following = encode_cursor(listing.path, filters, offset + limit) if more else None
        body: dict[str, Any] = {"items": items, "next": following}
        if values.get("count"):
            body["total"] = total  # null: not counted within COUNT_BUDGET
        if facets:
            body["facets"] = _facet_json(facets)
        return JSONResponse(body)

    endpoint.__doc__ = listing.doc
    return endpoint


def _detail_endpoint(detail: Detail) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        parse_query(request, ())
        with read_store(request) as conn:
            return JSONResponse(detail.load(conn, request.path_params["id"]))

    endpoint.__doc__ = detail.load.__doc__
    return endpoint


_ERROR_SCHEMA = {"type": "object", "properties": {"error": {"type": "object", "properties": {
    "status": {"type": "integer"}, "message": {"type": "string"}, "parameter": {"type": ["string", "null"]}}}}}


def _responses(paged: bool) -> dict[str, Any]:
    ok = {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}},
                                           "next": {"type": ["string", "null"]}}} if paged else {"type": "object"}
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    responses = {"200": {"description": "OK", "content": {"application/json": {"schema": ok}}},
                 "400": {"description": "A parameter is invalid; `parameter` names it.", **error}}
    if not paged:
        responses["404"] = {"description": "No record with this id.", **error}
    return responses


def _operation(e: Listing | Detail) -> dict[str, Any]:
    """One route's OpenAPI operation, from the same declarations that parse its requests."""
    doc = " ".join((e.doc if isinstance(e, Listing) else (e.load.__doc__ or "")).split())
    if isinstance(e, Listing):
        parameters = [p.schema() for p in (*e.params, *PAGING)]
    else:
        parameters = [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]
    return {"get": {"summary": doc.split(". ")[0], "description": doc, "parameters": parameters,
                    "responses": _responses(isinstance(e, Listing))}}


def openapi_document(settings: ServeSettings) -> dict[str, Any]:
    """The OpenAPI 3.1 description of every API route."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "dateline", "version": "1",
                 "description": f"Read-only JSON API over a dateline store. Pages hold at most "
                                f"{settings.max_page_size} items (default {settings.page_size})."},
        "paths": {e.path: _operation(e) for e in endpoints()},
        "components": {"schemas": {"Error": _ERROR_SCHEMA}},
    }


def _openapi(request: Request) -> Response:
    """The OpenAPI document, built per request from the route declarations."""
    return JSONResponse(openapi_document(request.app.state.settings))


def _no_route(request: Request) -> Response:
    """Unknown API paths answer in the API's error shape, not Starlette's plain text."""
    return error_response(404, f"no route {request.url.path} (see /openapi.json)")


def api_routes() -> list[BaseRoute]:
    """The API's routes, for `create_app(settings, routes=...)`."""
    routes: list[BaseRoute] = []
    for e in endpoints():
        if isinstance(e, Listing):
            routes.append(Route(e.path + ".csv", _listing_endpoint(e, csv=True), methods=["GET"]))
            routes.append(Route(e.path, _listing_endpoint(e), methods=["GET"]))
        else:
            routes.append(Route(e.path, _detail_endpoint(e), methods=["GET"]))
    routes.append(Route("/openapi.json", _openapi, methods=["GET"]))
    routes.append(Route("/api/{rest:path}", _no_route))
    return routes

