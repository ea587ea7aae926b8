"""Server-rendered pages for analysts: search, lists with facets, an article with its marks,
actors and an actor's timeline.

Pages call the same store functions as the CLI and the API, through the API's own route
declarations (`dateline.web.api.endpoints`), so a page's filters have the API's and the CLI's
names and meanings, and its `.json` and `.csv` links return the records on screen. They are
plain HTML and CSS (no JavaScript at all), so they work offline and a page's text can never run
as code: templates autoescape, and the marked-up article text is built from escaped pieces
(`dateline.web.render`). A bad filter renders the page again with the message and HTTP 400; an
unknown id renders a 404 page.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from dateline.errors import NotFoundError, QueryError
from dateline.events.cameo import QUAD_NAMES, load_cameo
from dateline.model import Actor, ArticleKind, Event
from dateline.records import event_when
from dateline.store.events import list_events, timeline_summary
from dateline.store.language import article_annotations, get_actor, resolve_actor
from dateline.store.queries import article_family, get_article
from dateline.store.ranges import FacetCount
from dateline.store.stories import story_copies
from dateline.web.api import Listing, listing, page_of
from dateline.web.app import ServeSettings, read_store
from dateline.web.chart import events_chart
from dateline.web.params import MAX_OFFSET, Param, encode_cursor, parse_query
from dateline.web.render import (
    actor_url,
    article_url,
    cameo_name,
    event_label,
    mark_paragraph,
    quote_speaker,
    show_controls,
    spans_for,
)

__all__ = ["EventGroup", "error_page", "group_events", "page_routes"]

_ENV = Environment(loader=PackageLoader("dateline.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=show_controls)


def _is_web(url: str | None) -> bool:
    """A source worth a link: an http(s) URL. A local path is shown as text, never as a link."""
    return bool(url) and str(url).lower().startswith(("http://", "https://"))


_ENV.globals.update(actor_url=actor_url, article_url=article_url, cameo_name=cameo_name,
                    event_label=event_label, quote_speaker=quote_speaker, quad_names=QUAD_NAMES,
                    when=event_when, is_web=_is_web)

# No script may run on these pages, whatever the text holds: the policy forbids all scripts.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
                               " base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
PAGE = Param("page", "integer", "Which page of the list (1 is the first).", minimum=1, maximum=10**9)
_PREVIEW = 10  # the search page shows this many of each list, with a link to the whole list


def _render(template: str, http_status: int = 200, **context: Any) -> HTMLResponse:
    html = _ENV.get_template(template).render(**context)
    return HTMLResponse(html, status_code=http_status, headers=_HEADERS)


_ERROR_TITLES = {400: "Bad request", 404: "Not found", 414: "Address too long",
                 431: "Request headers too large", 503: "Store unavailable"}


def _error_page(status: int, message: str) -> HTMLResponse:
    title = _ERROR_TITLES.get(status, "Server error")
    return _render("error.html", status, title=title, status=status, message=message)


def error_page(status: int, message: str) -> HTMLResponse:
    """The HTML error page, for the app's error handlers on every path outside /api."""
    return _error_page(status, message)


@dataclass(frozen=True, slots=True)
class EventGroup:
    """Events coded from one sentence with one source and code: the sentence is shown once,
    with every target (`China – 042 – Russia, Ukraine`), not once per target."""

    event: Event
    targets: tuple[tuple[str | None, str | None], ...]  # (target id, name)


def group_events(events: Sequence[Event]) -> list[EventGroup]:
    """Consecutive events of one sentence, source, code and modality, as one group each."""
    groups: list[tuple[Event, list[tuple[str | None, str | None]]]] = []
    for e in events:
        last = groups[-1][0] if groups else None
        if (last is not None and (last.article_id, last.start, last.source_id, last.cameo, last.modality)
                == (e.article_id, e.start, e.source_id, e.cameo, e.modality)):
            groups[-1][1].append((e.target_id, e.target))
        else:
            groups.append((e, [(e.target_id, e.target)]))
    return [EventGroup(e, tuple(targets)) for e, targets in groups]


# A facet's value becomes the filter of the same meaning; a period becomes since and until.
_FACET_FILTER = {"speaker": "speaker", "country": "country", "site": "site", "kind": "kind", "root": "code",
                 "quad": "quad", "source_country": "source", "target_country": "target", "source": "source",
                 "target": "target"}
_FACET_TITLES = {"year": "Year", "month": "Month", "speaker": "Speaker", "country": "Speaker's country",
                 "site": "Site", "kind": "Kind", "root": "CAMEO root", "quad": "Quad class",
                 "source_country": "Source country", "target_country": "Target country", "source": "Source",
                 "target": "Target"}


def _period(value: str) -> tuple[str, str]:
    """`2023` or `2023-03` as the since and until days it covers."""
    year = int(value[:4])
    if len(value) == 4:
        return f"{year}-01-01", f"{year}-12-31"
    month = int(value[5:7])
    return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


@dataclass(frozen=True, slots=True)
class FacetLink:
    label: str
    count: int
    url: str
    active: bool


def _query(values: dict[str, Any], **changes: Any) -> str:
    """The query string of `values` with `changes` (None drops a parameter), blanks left out."""
    merged = {**values, **changes}
    pairs = {k: (v.isoformat() if isinstance(v, dt.date) else ("true" if v is True else str(v)))
             for k, v in merged.items() if v is not None and v is not False and v != ""}
    return urlencode(pairs)


def _facet_links(path: str, values: dict[str, Any], name: str,
                 counts: list[FacetCount] | None) -> list[FacetLink] | None:
    """Links that filter by each value, or None for a facet not counted in time."""
    if counts is None:
        return None
    links = []
    for c in counts:
        if name in ("year", "month"):
            since, until = _period(c.value)
            changes: dict[str, Any] = {"since": since, "until": until}
            active = (str(values.get("since") or ""), str(values.get("until") or "")) == (since, until)
        else:
            changes = {_FACET_FILTER[name]: c.value}
            active = str(values.get(_FACET_FILTER[name]) or "") == c.value
        links.append(FacetLink(c.label, c.count, f"{path}?{_query(values, page=None, **changes)}", active))
    return links


@dataclass(frozen=True, slots=True)
class ListView:
    """What a list page shows: the rows of one page, the total, paging links, facets and exports."""

    path: str
    rows: list[Any]
    total: int | None
    page: int
    size: int
    previous: str | None
    next: str | None
    facets: list[tuple[str, list[FacetLink] | None]]
    json_url: str
    csv_url: str
    whole: str  # the list's first page with the same filters (the search page links to it)

    @property
    def first(self) -> int:
        return (self.page - 1) * self.size + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * self.size + len(self.rows)


def _list_view(request: Request, conn: sqlite3.Connection, api: Listing, path: str, values: dict[str, Any],
               size: int, *, facets: Sequence[str] = (), fixed: Sequence[str] = (),
               total: int | None = None) -> ListView:
    """One page of the listing `api` with `values` (the page's parameters), counted and faceted;
    `fixed` names parameters the page's path gives (an actor page's actor): in the export links,
    not in the page's own. A `total` known already (the actor page's summary) is not counted again."""
    page = values.get("page") or 1
    offset = (page - 1) * size
    if offset > MAX_OFFSET:
        raise QueryError("page", str(page), "past the end of any list")
    filters = {p.name: values.get(p.name) for p in api.params if p.name not in ("count", "facet")}
    rows, more, counted_total, counted = page_of(
        api, conn, {**filters, "count": total is None, "facet": ",".join(facets)}, offset, size)
    total = counted_total if total is None else total
    shown = {k: v for k, v in filters.items() if v is not None and v is not False and k not in fixed}
    api_filters = {**filters, "count": False, "facet": None}  # as the API parses the export link
    cursor = encode_cursor(api.path, api_filters, offset) if offset else None
    export = _query({**shown, **{k: filters[k] for k in fixed}}, limit=size, cursor=cursor)
    return ListView(
        path=path, rows=rows, total=total, page=page, size=size,
        previous=f"{path}?{_query(shown, page=page - 1 if page > 2 else None)}" if page > 1 else None,
        next=f"{path}?{_query(shown, page=page + 1)}" if more else None,
        facets=[(_FACET_TITLES[n], _facet_links(path, shown, n, counted[n])) for n in facets],
        json_url=f"{api.path}?{export}", csv_url=f"{api.path}.csv?{export}", whole=f"{path}?{_query(shown)}")


def _form(request: Request, names: Sequence[str]) -> dict[str, str]:
    """The raw values, to fill the form in again (escaped by the template)."""
    return {n: request.query_params.get(n, "")[:200] for n in names}


def _list_page(request: Request, api_path: str, template: str, *, facets: Sequence[str] = (),
               extra: dict[str, Any] | None = None) -> Response:
    """A list page over the API listing at `api_path`: its filters, `sort`, `page`."""
    settings: ServeSettings = request.app.state.settings
    api = listing(api_path)
    params = [p for p in api.params if p.name not in ("count", "facet")]
    form = _form(request, [p.name for p in params])
    context: dict[str, Any] = {"form": form, "view": None, "error": None, "kinds": [k.value for k in ArticleKind],
                               "roots": _roots(), **(extra or {})}
    try:
        values = parse_query(request, [*params, PAGE], blank_is_absent=True)
        with read_store(request) as conn:
            context["view"] = _list_view(request, conn, api, request.url.path, values, settings.page_size,
                                         facets=facets)
    except QueryError as exc:
        context["error"] = str(exc)
        return _render(template, 400, **context)
    return _render(template, **context)


def articles_page(request: Request) -> Response:
    """`/articles`: stories by date, with facets by year, month, site and kind."""
    return _list_page(request, "/api/articles", "articles.html", facets=("year", "month", "site", "kind"))


def quotes_page(request: Request) -> Response:
    """`/quotes`: quotations by date with speaker, date and article, faceted."""
    return _list_page(request, "/api/quotes", "quotes.html", facets=("year", "month", "speaker", "country", "site"))


def events_page(request: Request) -> Response:
    """`/events`: coded events by date, faceted by period, CAMEO root, quad class and countries."""
    return _list_page(request, "/api/events", "events.html",
                      facets=("year", "month", "root", "quad", "source_country", "target_country"))


def actors_page(request: Request) -> Response:
    """`/actors`: the actor directory, with counts of mentions, quotations and events."""
    return _list_page(request, "/api/actors", "actors.html")


_SEARCH = ("search", "site", "kind", "since", "until", "speaker", "country", "sort")


def search_page(request: Request) -> Response:
    """`/`: stories and quotations matching the query and filters: the first of each, the
    totals, and links to the whole lists (with the same filters)."""
    form = _form(request, _SEARCH)
    context: dict[str, Any] = {"form": form, "kinds": [k.value for k in ArticleKind], "error": None,
                               "articles": None, "quotes": None}
    articles, quotes = listing("/api/articles"), listing("/api/quotes")
    declared = {p.name: p for p in (*articles.params, *quotes.params) if p.name in _SEARCH}
    try:
        values = parse_query(request, list(declared.values()), blank_is_absent=True)
        with read_store(request) as conn:
            if values["speaker"] is None and values["country"] is None:
                context["articles"] = _list_view(request, conn, articles, "/articles", values, _PREVIEW)
            if values["site"] is None and values["kind"] is None:
                context["quotes"] = _list_view(request, conn, quotes, "/quotes", values, _PREVIEW)
    except QueryError as exc:
        context["error"] = str(exc)
        return _render("search.html", 400, **context)
    return _render("search.html", **context)


def _mentioned_actors(conn: sqlite3.Connection, actor_ids: list[str]) -> list[Actor]:
    """The actors an article names, in order of first mention."""
    return [get_actor(conn, i) for i in dict.fromkeys(actor_ids)]


def article_page(request: Request) -> Response:
    """`/articles/{id}`: metadata, the marked text, who said what, the events coded from it, and
    the page's other stories (its main article, or its sidebars and teasers)."""
    try:
        with read_store(request) as conn:
            article = get_article(conn, request.path_params["article_id"])
            mentions, quotes, dates = article_annotations(conn, article.id)
            events = sorted(list_events(conn, article_id=article.id, teasers=True),
                            key=lambda e: (e.start, e.source_id, e.cameo, e.modality, e.target or ""))
            copies = story_copies(conn, article.story_id) if article.story_id else []
            actors = _mentioned_actors(conn, [m.actor_id for m in mentions])
            parent, children = article_family(conn, article)
    except NotFoundError as exc:
        return _error_page(404, str(exc))
    spans = spans_for(mentions, quotes, dates, events)
    anchors: set[str] = set()
    paragraphs = [(p.is_subheading, mark_paragraph(p, spans, anchors)) for p in article.paragraphs]
    canonical = copies[0].article_id if copies else article.id
    return _render("article.html", article=article, paragraphs=paragraphs, quotes=quotes,
                   events=group_events(events), actors=actors, anchors=anchors, canonical=canonical,
                   others=[c for c in copies if c.article_id != article.id], parent=parent, children=children,
                   json_url=f"/api/articles/{article.id}")


def _roots() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in load_cameo().values() if len(c.code) == 2]


def actor_page(request: Request) -> Response:
    """`/actors/{id or name}`: who the actor is, its counts, and its events and quotations in
    date order, a page at a time."""
    settings: ServeSettings = request.app.state.settings
    api = listing("/api/timeline")
    params = [p for p in api.params if p.name not in ("count", "facet", "actor")]
    form = _form(request, [p.name for p in params])
    try:
        with read_store(request) as conn:
            ref = request.path_params["actor_id"]
            try:
                actor = get_actor(conn, ref)
            except NotFoundError:
                actor = resolve_actor(conn, ref)
            context: dict[str, Any] = {"actor": actor, "form": form, "roots": _roots(), "error": None,
                                       "view": None, "chart": None}
            try:
                values = parse_query(request, [*params, PAGE], blank_is_absent=True)
                values["actor"] = actor.id
                summary = timeline_summary(conn, actor.id, with_actor=values["with"], code=values["code"],
                                           keyword=values["keyword"], teasers=values["teasers"])
                view = _list_view(request, conn, api, request.url.path, values, settings.page_size,
                                  fixed=("actor",), total=summary.events + summary.quotes)
            except QueryError as exc:
                context["error"] = str(exc)
                return _render("actor.html", 400, **context)
    except NotFoundError as exc:
        return _error_page(404, str(exc))
    context.update(view=view, chart=events_chart(summary.per_month, summary.undated),
                   entries=_timeline_groups(view.rows))
    return _render("actor.html", **context)


def _timeline_groups(entries: Sequence[Any]) -> list[tuple[Any, EventGroup | None]]:
    """Timeline entries with consecutive events of one sentence grouped (`group_events`)."""
    out: list[tuple[Any, EventGroup | None]] = []
    run: list[Event] = []
    first: Any = None

    def flush() -> None:
        nonlocal run, first
        if run:
            for group in group_events(run):
                out.append((first, group))
        run, first = [], None

    for entry in entries:
        if entry.event is not None:
            if first is None:
                first = entry
            run.append(entry.event)
        else:
            flush()
            out.append((entry, None))
    flush()
    return out


_FAVICON = files("dateline.web").joinpath("static", "favicon.ico")


def favicon(request: Request) -> Response:
    """`/favicon.ico`: browsers ask for it on every page; a 404 there is noise in every log."""
    return Response(_FAVICON.read_bytes(), media_type="image/x-icon",
                    headers={"Cache-Control": "max-age=86400", "X-Content-Type-Options": "nosniff"})


_ENV.globals["group_events"] = group_events


def page_routes() -> list[BaseRoute]:
    """The pages and their stylesheet, to pass to `create_app(settings, routes=...)`."""
    return [
        Route("/", search_page, methods=["GET"], name="search"),
        Route("/articles", articles_page, methods=["GET"], name="articles"),
        Route("/articles/{article_id}", article_page, methods=["GET"], name="article"),
        Route("/quotes", quotes_page, methods=["GET"], name="quotes"),
        Route("/events", events_page, methods=["GET"], name="events"),
        Route("/actors", actors_page, methods=["GET"], name="actors"),
        Route("/actors/{actor_id}", actor_page, methods=["GET"], name="actor"),
        Route("/favicon.ico", favicon, methods=["GET"], name="favicon"),
        Mount("/static", app=StaticFiles(packages=[("dateline.web", "static")]), name="static"),
    ]
