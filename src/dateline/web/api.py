"""The JSON HTTP API: one route per CLI listing, same filter names, same records.

Routes call the library functions the CLI calls and build records with `dateline.records`,
so `GET /api/events?source=CHN` and `dateline events --source CHN --format jsonl` cannot
disagree. Listings are paged: `{"items": [...], "next": cursor-or-null}`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from dateline.errors import QueryError
from dateline.model import ActorKind, ArticleKind, Modality, SourceStatus
from dateline.records import (
    actor_record,
    article_record,
    date_record,
    event_record,
    mention_record,
    quote_record,
    source_record,
)
from dateline.store import get_article, list_articles, list_records, list_sources
from dateline.store.events import TimelineEntry, list_events, timeline
from dateline.store.language import article_annotations, get_actor, list_actors, list_quotes
from dateline.web.app import ServeSettings, error_response, read_store
from dateline.web.params import Param, decode_cursor, encode_cursor, parse_query

__all__ = ["Detail", "Listing", "api_routes", "endpoints", "openapi_document"]

Record = dict[str, Any]
# (connection, parsed filters, offset, limit) -> at most `limit` records from `offset` on
Fetch = Callable[[sqlite3.Connection, dict[str, Any], int, int], list[Record]]


@dataclass(frozen=True, slots=True)
class Listing:
    """A paged listing route: its filters and how it reads a window of records."""

    path: str
    params: tuple[Param, ...]
    fetch: Fetch


@dataclass(frozen=True, slots=True)
class Detail:
    """A route that returns one record by id (404 when there is none)."""

    path: str
    load: Callable[[sqlite3.Connection, str], Record]


PAGING = (
    Param("limit", "integer", "Page size (default the server's page size, capped at its maximum).", minimum=1),
    Param("cursor", "string", "The `next` value of the previous page (opaque; only valid with the same filters)."),
)
SINCE = Param("since", "date", "On or after this day (YYYY-MM-DD).")
UNTIL = Param("until", "date", "On or before this day (YYYY-MM-DD).")
SEARCH = Param("search", "string", "FTS5 full-text query; a malformed query is a 400.")
TEASERS = Param("teasers", "boolean", "Include teaser ledes (left out by default).")
COUNTRY = Param("country", "string", "ISO 3166 alpha-3 country code, e.g. CHN.")


def _articles(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """Articles as `dateline articles` lists them: a story once, as its earliest copy, unless all_copies."""
    rows = list_articles(conn, site=f["site"], kind=ArticleKind(f["kind"]) if f["kind"] else None,
                         since=f["since"], until=f["until"], search=f["search"], all_copies=f["all_copies"],
                         limit=limit, offset=offset)
    return [article_record(a) for a in rows]


def _quotes(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """Quotations with their speakers, as `dateline quotes` lists them."""
    rows = list_quotes(conn, speaker=f["speaker"], country=f["country"], search=f["search"], since=f["since"],
                       until=f["until"], teasers=f["teasers"], limit=limit, offset=offset)
    return [quote_record(q) for q in rows]


def _actors(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """Actors with roles over time and aliases, as `dateline actors` lists them."""
    rows = list_actors(conn, country=f["country"], kind=ActorKind(f["kind"]) if f["kind"] else None,
                       limit=limit, offset=offset)
    return [actor_record(a) for a in rows]


def _events(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """CAMEO-coded events with their evidence, as `dateline events` lists them."""
    rows = list_events(conn, source=f["source"], target=f["target"], code=f["code"], quad=f["quad"],
                       modality=Modality(f["modality"]) if f["modality"] else None, since=f["since"],
                       until=f["until"], teasers=f["teasers"], limit=limit, offset=offset)
    return [event_record(e) for e in rows]


def _entry_record(entry: TimelineEntry) -> Record:
    if entry.event is not None:
        return {"type": "event", "date": entry.date.isoformat() if entry.date else None,
                **event_record(entry.event)}
    assert entry.quote is not None
    return {"type": "quote", "date": entry.date.isoformat() if entry.date else None, **quote_record(entry.quote)}


def _timeline(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """An actor's events and quotations in date order, as `dateline timeline` prints them."""
    try:
        entries = timeline(conn, f["actor"], with_actor=f["with"], code=f["code"], teasers=f["teasers"],
                           limit=limit, offset=offset)
    except QueryError as exc:  # the library checks `with` as an event's source or target
        if exc.field in ("source", "target"):
            raise QueryError("with", exc.value, exc.reason) from exc
        raise
    return [_entry_record(e) for e in entries]


def _sources(conn: sqlite3.Connection, f: dict[str, Any], offset: int, limit: int) -> list[Record]:
    """Input files and what ingest made of them (records: every document inside them)."""
    status = SourceStatus(f["status"]) if f["status"] else None
    if f["records"]:
        return list_records(conn, status=status, limit=limit, offset=offset)
    return [source_record(s) for s in list_sources(conn, status=status, limit=limit, offset=offset)]


def _article(conn: sqlite3.Connection, ident: str) -> Record:
    """One article (id or unique prefix of 4+ characters) with its quotations, mentions,
    resolved dates and events: everything `dateline show` marks, as records."""
    article = get_article(conn, ident)
    mentions, quotes, dates = article_annotations(conn, article.id)
    events = list_events(conn, article_id=article.id, teasers=True)
    return {**article_record(article), "quotes": [quote_record(q) for q in quotes],
            "mentions": [mention_record(m) for m in mentions], "dates": [date_record(d) for d in dates],
            "events": [event_record(e) for e in events]}


def _actor(conn: sqlite3.Connection, ident: str) -> Record:
    """One actor by id, as `dateline actors` lists it."""
    return actor_record(get_actor(conn, ident))


def endpoints() -> tuple[Listing | Detail, ...]:
    """Every API route, in the order the OpenAPI document lists them."""
    kinds = tuple(k.value for k in ArticleKind)
    return (
        Listing("/api/articles", (
            Param("site", "string", "Only this site (case-insensitive)."),
            Param("kind", "string", "Where the story sits on its page.", choices=kinds),
            SINCE, UNTIL, SEARCH,
            Param("all_copies", "boolean", "Every copy of a story that ran on several sites."),
        ), _articles),
        Detail("/api/articles/{id}", _article),
        Listing("/api/quotes", (
            Param("speaker", "string", "Speaker name or alias (substring, case-insensitive)."),
            COUNTRY, SEARCH, SINCE, UNTIL, TEASERS,
        ), _quotes),
        Listing("/api/actors", (
            COUNTRY, Param("kind", "string", "What sort of actor.", choices=tuple(k.value for k in ActorKind)),
        ), _actors),
        Detail("/api/actors/{id}", _actor),
        Listing("/api/events", (
            Param("source", "string", "Source: a country code (CHN), an actor name or alias, or an actor id."),
            Param("target", "string", "Target: a country code, an actor name or alias, or an actor id."),
            Param("code", "string", "CAMEO code prefix: 04 is every consultation."),
            Param("quad", "integer", "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                  "4 material conflict.", minimum=1, maximum=4),
            Param("modality", "string", "How sure the text is.", choices=tuple(m.value for m in Modality)),
            SINCE, UNTIL, TEASERS,
        ), _events),
        Listing("/api/timeline", (
            Param("actor", "string", "The actor: a name, alias or id.", required=True),
            Param("with", "string", "Only events whose other side is this actor (and quotations from "
                  "articles naming it)."),
            Param("code", "string", "CAMEO code prefix (then quotations are left out)."),
            TEASERS,
        ), _timeline),
        Listing("/api/sources", (
            Param("status", "string", "Only inputs with this status.", choices=tuple(s.value for s in SourceStatus)),
            Param("records", "boolean", "One item per document inside each input (WARC record, JSONL line)."),
        ), _sources),
    )


def _listing_endpoint(listing: Listing) -> Callable[[Request], Response]:
    def endpoint(request: Request) -> Response:
        settings: ServeSettings = request.app.state.settings
        values = parse_query(request, (*listing.params, *PAGING))
        filters = {p.name: values[p.name] for p in listing.params}
        limit = min(values["limit"] or settings.page_size, settings.max_page_size)
        offset = decode_cursor(values["cursor"], listing.path, filters) if values["cursor"] is not None else 0
        with read_store(request) as conn:
            items = listing.fetch(conn, filters, offset, limit + 1)
        following = encode_cursor(listing.path, filters, offset + limit) if len(items) > limit else None
        return JSONResponse({"items": items[:limit], "next": following})

    endpoint.__doc__ = listing.fetch.__doc__
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
    doc = " ".join(((e.fetch if isinstance(e, Listing) else e.load).__doc__ or "").split())
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
        handler = _listing_endpoint(e) if isinstance(e, Listing) else _detail_endpoint(e)
        routes.append(Route(e.path, handler, methods=["GET"]))
    routes.append(Route("/openapi.json", _openapi, methods=["GET"]))
    routes.append(Route("/api/{rest:path}", _no_route))
    return routes

