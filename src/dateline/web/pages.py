"""Server-rendered pages for analysts: search, an article with its marks, an actor's timeline.

Pages call the same store functions as the CLI and add no second way to compute anything. They
are plain HTML and CSS (no JavaScript at all), so they work offline and a page's text can never
run as code: templates autoescape, and the marked-up article text is built from escaped pieces
(`dateline.web.render`). A bad filter renders the page again with the message and HTTP 400; an
unknown id renders a 404 page.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from dateline.errors import NotFoundError, QueryError
from dateline.events.cameo import QUAD_NAMES, load_cameo
from dateline.model import Actor, ArticleKind
from dateline.store.events import list_events, timeline, timeline_summary
from dateline.store.language import article_annotations, get_actor, list_quotes
from dateline.store.queries import get_article, list_articles
from dateline.store.stories import story_copies
from dateline.web.app import ServeSettings, read_store
from dateline.web.chart import events_chart
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

__all__ = ["error_page", "page_routes"]

_ENV = Environment(loader=PackageLoader("dateline.web", "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=show_controls)
_ENV.globals.update(actor_url=actor_url, article_url=article_url, cameo_name=cameo_name,
                    event_label=event_label, quote_speaker=quote_speaker, quad_names=QUAD_NAMES)

# No script may run on these pages, whatever the text holds: the policy forbids all scripts.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
                               " base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
_MAX_TEXT = 500  # longest filter value accepted; longer is a mistake or an attack


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


def _text(params: QueryParams, name: str) -> str | None:
    """A filter's value: None when absent or blank; too long is a QueryError."""
    value = params.get(name, "").strip()
    if len(value) > _MAX_TEXT:
        raise QueryError(name, value[:40] + "…", f"longer than {_MAX_TEXT} characters")
    return value or None


def _date(params: QueryParams, name: str) -> dt.date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(name, value, "not a date (YYYY-MM-DD)") from None


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """The search form's fields, checked: the CLI's filter names and meanings."""

    q: str | None = None
    site: str | None = None
    kind: ArticleKind | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    speaker: str | None = None
    country: str | None = None


def _search_filters(params: QueryParams) -> SearchFilters:
    kind = _text(params, "kind")
    if kind is not None and kind not in {k.value for k in ArticleKind}:
        raise QueryError("kind", kind, "one of " + ", ".join(k.value for k in ArticleKind))
    country = _text(params, "country")
    if country is not None and not _COUNTRY.match(country):
        raise QueryError("country", country, "a three-letter country code such as CHN")
    since, until = _date(params, "since"), _date(params, "until")
    if since and until and since > until:
        raise QueryError("since", since.isoformat(), f"is after until ({until.isoformat()})")
    return SearchFilters(_text(params, "q"), _text(params, "site"), ArticleKind(kind) if kind else None,
                         since, until, _text(params, "speaker"), country)


def _form(params: QueryParams, names: tuple[str, ...]) -> dict[str, str]:
    """The raw values, to fill the form in again (escaped by the template)."""
    return {n: params.get(n, "")[:_MAX_TEXT] for n in names}


def search_page(request: Request) -> Response:
    """`/`: stories and quotations matching the query and filters."""
    settings: ServeSettings = request.app.state.settings
    form = _form(request.query_params, ("q", "site", "kind", "since", "until", "speaker", "country"))
    context: dict[str, Any] = {"form": form, "kinds": [k.value for k in ArticleKind], "error": None,
                               "articles": [], "quotes": [], "limit": settings.page_size}
    try:
        f = _search_filters(request.query_params)
        with read_store(request) as conn:
            if f.speaker is None and f.country is None:
                context["articles"] = list_articles(conn, site=f.site, kind=f.kind, since=f.since, until=f.until,
                                                    search=f.q, limit=settings.page_size + 1)
            if f.site is None and f.kind is None:
                context["quotes"] = list_quotes(conn, speaker=f.speaker, country=f.country, search=f.q,
                                                since=f.since, until=f.until, limit=settings.page_size + 1)
    except QueryError as exc:
        context["error"] = str(exc)
        return _render("search.html", 400, **context)
    return _render("search.html", **context)


def _mentioned_actors(conn: sqlite3.Connection, actor_ids: list[str]) -> list[Actor]:
    """The actors an article names, in order of first mention."""
    return [get_actor(conn, i) for i in dict.fromkeys(actor_ids)]


def article_page(request: Request) -> Response:
    """`/articles/{id}`: metadata, the marked text, who said what, and the events coded from it."""
    try:
        with read_store(request) as conn:
            article = get_article(conn, request.path_params["article_id"])
            mentions, quotes, dates = article_annotations(conn, article.id)
            events = sorted(list_events(conn, article_id=article.id, teasers=True),
                            key=lambda e: (e.start, e.cameo))
            copies = story_copies(conn, article.story_id) if article.story_id else []
            actors = _mentioned_actors(conn, [m.actor_id for m in mentions])
    except NotFoundError as exc:
        return _error_page(404, str(exc))
    spans = spans_for(mentions, quotes, dates, events)
    anchors: set[str] = set()
    paragraphs = [(p.is_subheading, mark_paragraph(p, spans, anchors)) for p in article.paragraphs]
    canonical = copies[0].article_id if copies else article.id
    return _render("article.html", article=article, paragraphs=paragraphs, quotes=quotes, events=events,
                   actors=actors, anchors=anchors, canonical=canonical,
                   others=[c for c in copies if c.article_id != article.id])


@dataclass(frozen=True, slots=True)
class TimelineFilters:
    """The actor page's filters: counterpart actor, CAMEO code prefix, keyword."""

    with_actor: str | None
    code: str | None
    q: str | None


def _timeline_filters(params: QueryParams) -> TimelineFilters:
    code = _text(params, "code")
    if code is not None and not (code.isdigit() and len(code) <= 4):
        raise QueryError("code", code, "a CAMEO code is up to four digits, e.g. 04 or 042")
    return TimelineFilters(_text(params, "with"), code, _text(params, "q"))


def _roots() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in load_cameo().values() if len(c.code) == 2]


def actor_page(request: Request) -> Response:
    """`/actors/{id}`: who the actor is, and its events and quotations in date order."""
    settings: ServeSettings = request.app.state.settings
    form = _form(request.query_params, ("with", "code", "q"))
    try:
        with read_store(request) as conn:
            actor = get_actor(conn, request.path_params["actor_id"])
            try:
                f = _timeline_filters(request.query_params)
                entries = timeline(conn, actor.id, with_actor=f.with_actor, code=f.code, keyword=f.q,
                                   limit=settings.max_page_size)
                summary = timeline_summary(conn, actor.id, with_actor=f.with_actor, code=f.code, keyword=f.q)
            except QueryError as exc:
                return _render("actor.html", 400, actor=actor, form=form, roots=_roots(), error=str(exc),
                               entries=[], total=0, chart=None, limit=settings.max_page_size)
    except NotFoundError as exc:
        return _error_page(404, str(exc))
    return _render("actor.html", actor=actor, form=form, roots=_roots(), error=None,
                   chart=events_chart(summary.per_month, summary.undated), entries=entries,
                   total=summary.events + summary.quotes, limit=settings.max_page_size)


def page_routes() -> list[BaseRoute]:
    """The pages and their stylesheet, to pass to `create_app(settings, routes=...)`."""
    return [
        Route("/", search_page, methods=["GET"], name="search"),
        Route("/articles/{article_id}", article_page, methods=["GET"], name="article"),
        Route("/actors/{actor_id}", actor_page, methods=["GET"], name="actor"),
        Mount("/static", app=StaticFiles(packages=[("dateline.web", "static")]), name="static"),
    ]
