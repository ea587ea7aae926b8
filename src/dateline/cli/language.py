"""Commands over the language stage: analyse, quotes, actors."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dateline.cli._common import (
    count_option,
    date_param,
    db_option,
    emit,
    emit_count,
    emit_summary,
    errors,
    facet_option,
    format_option,
    offset_option,
    open_store,
    progress_bar,
    sort_option,
)
from dateline.config import DEFAULT_WORKERS, IngestSettings
from dateline.ingest.analyse import analyse
from dateline.errors import NotFoundError
from dateline.model import ActorKind, Role
from dateline.records import ACTOR_FIELDS, QUOTE_FIELDS, actor_record, quote_record
from dateline.store.export import actor_records, quote_records
from dateline.store.language import (
    ACTOR_SORTS,
    QUOTE_FACETS,
    actor_counts,
    actor_directory,
    count_actors,
    count_quotes,
    get_actor,
    list_quotes,
    quote_facets,
    resolve_actor,
)

__all__ = ["QUOTE_FIELDS", "ACTOR_FIELDS", "actor_record", "actors_cmd", "analyse_cmd", "quote_record", "quotes_cmd"]

@click.command("analyse")
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores).")
@click.option("--force", is_flag=True, help="Analyse again even what the current analyser did.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def analyse_cmd(db: Path, workers: int | None, force: bool, quiet: bool) -> None:
    """Find actors, quotations and dates in stored articles (ingest already does this).

    Re-run after an upgrade: articles analysed by an older analyser are analysed again, the
    rest are left alone (all of them with --force). Idempotent; an interrupted run resumes.

    \b
    Example:
      dateline analyse --db news.db --workers 2
    """
    if not db.exists():
        raise click.ClickException(f"no store at {db}: run `dateline ingest PATH --db {db}` first")
    err = Console(stderr=True)
    settings = IngestSettings(workers=workers or DEFAULT_WORKERS)
    with errors(db), progress_bar(err, enabled=not quiet and err.is_terminal) as on_progress:
        report = analyse(db=db, settings=settings, force=force, progress=on_progress)
    if not quiet:
        err.print(f"articles {report.articles}: analysed {report.analysed}, already up to date "
                  f"{report.up_to_date}; quotations found {report.quotes}; surnames linked {report.surnames}")
    sys.exit(0)


@click.command("quotes")
@db_option
@click.option("--speaker", default=None, help="Speaker: an actor id, or a name or alias (exact, case-insensitive).")
@click.option("--country", default=None, help="Speaker's country, ISO 3166 alpha-3 (CHN).")
@click.option("--search", default=None, help="Full-text query over the quoted words (FTS5).")
@click.option("--since", callback=date_param, default=None, help="Articles dated on or after YYYY-MM-DD.")
@click.option("--until", callback=date_param, default=None, help="Articles dated on or before YYYY-MM-DD.")
@click.option("--teasers", is_flag=True, help="Include quotations in teaser ledes.")
@click.option("--site", default=None, help="Only quotations from articles of this site (case-insensitive).")
@sort_option()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@offset_option
@count_option
@facet_option(tuple(QUOTE_FACETS))
@format_option
def quotes_cmd(db: Path, speaker: str | None, country: str | None, search: str | None,
               since: dt.date | None, until: dt.date | None, teasers: bool, site: str | None, sort: str,
               limit: int | None, offset: int | None, count: bool, facets: tuple[str, ...], fmt: str) -> None:
    """List quotations with their speakers, dates and articles.

    \b
    Example:
      dateline quotes --db news.db --country CHN --search ceasefire
      dateline quotes --db news.db --facet speaker --facet year
    """
    filters: dict[str, Any] = {"speaker": speaker, "country": country, "search": search, "since": since,
                               "until": until, "teasers": teasers, "site": site}
    with open_store(db) as conn:
        if emit_summary(fmt, count=count, facets=facets, total=lambda: count_quotes(conn, **filters),
                        facet=lambda name: quote_facets(conn, name, **filters)):
            return
        rows = list_quotes(conn, **filters, sort=sort, limit=limit, offset=offset)
        records = quote_records(conn, rows)

    def table() -> Table:
        t = Table("date", "speaker", "country", "cue", "quotation", "headline")
        for q in rows:
            t.add_row(q.date.isoformat() if q.date else "", q.speaker or "?", q.speaker_country or "",
                      q.cue or "", q.text, q.headline or "")
        return t

    emit(records, fmt, table)


@click.command("actors")
@click.argument("name", required=False)
@db_option
@click.option("--search", default=None, help="Part of a name or alias (case-insensitive).")
@click.option("--country", default=None, help="ISO 3166 alpha-3 country code (UKR).")
@click.option("--kind", type=click.Choice([k.value for k in ActorKind]), default=None,
              help="country, org, person or group.")
@sort_option(ACTOR_SORTS, "name")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@offset_option
@count_option
@format_option
def actors_cmd(name: str | None, db: Path, search: str | None, country: str | None, kind: str | None, sort: str,
               limit: int | None, offset: int | None, count: bool, fmt: str) -> None:
    """List actors: countries, organisations, people (with roles over time) and groups, with
    how often they are mentioned, quoted and coded in events. With NAME (an id, a name or an
    alias), one actor and its roles: each with its dates and where it was learned, the
    knowledge row (its source and the dates it gives the office) or the articles that said it.

    \b
    Example:
      dateline actors --db news.db --kind person --country CHN --sort -quotes
      dateline actors "Xi Jinping" --db news.db
    """
    if name is not None:
        _one_actor(db, name, fmt)
        return
    kind_ = ActorKind(kind) if kind else None
    with open_store(db) as conn:
        if count:
            emit_count(count_actors(conn, search=search, country=country, kind=kind_), fmt)
            return
        rows = actor_directory(conn, search=search, country=country, kind=kind_, sort=sort, limit=limit,
                               offset=offset)
        records = actor_records(conn, rows)

    def table() -> Table:
        t = Table("kind", "code", "country", "name", "mentions", "quotes", "events", "roles", "aliases")
        for r in rows:
            a = r.actor
            roles = "; ".join(role_text(x) for x in a.roles)
            t.add_row(str(a.kind), a.code or "", a.country or "", a.name, str(r.mentions), str(r.quotes),
                      str(r.events), roles, ", ".join(a.aliases))
        return t


    emit(records, fmt, table)


def role_text(r: Role) -> str:
    """A role in one line with its provenance: `president (KEN) 2022-09-13– from CIA World
    Factbook (...)`, or `spokeswoman (CHN) from article 3f2a9c0b1d2e of 2025-05-20, 2 articles`."""
    where = f"{r.role} ({r.country or '?'})"
    if r.source:
        return escape(f"{where} {r.valid_from or '?'}–{r.valid_until or ''} from {r.source}")
    said = f"article {(r.article_id or '?')[:12]} of {r.first_seen or 'no date'}"
    return escape(f"{where} from {said}{f', {r.articles} articles' if r.articles > 1 else ''}")


def _one_actor(db: Path, name: str, fmt: str) -> None:
    """One actor (by id, else by name or alias) and its roles with their provenance."""
    with open_store(db) as conn:
        try:
            actor = get_actor(conn, name)
        except NotFoundError:
            actor = resolve_actor(conn, name)
        records = actor_records(conn, [actor_counts(conn, actor.id)])

    def table() -> Table:
        t = Table("role", "country", "held", "learned from", "source or first article", "first seen", "last seen",
                  "articles", title=escape(f"{actor.name} ({actor.kind}, {actor.code or actor.country or 'no code'})"))
        for r in actor.roles:
            held = f"{r.valid_from or '?'}–{r.valid_until or ''}" if r.source else ""
            origin = r.source if r.source else (r.article_id or "")
            t.add_row(escape(r.role), r.country or "", held, "knowledge" if r.source else "article", escape(origin),
                      str(r.first_seen or ""), str(r.last_seen or ""), str(r.articles))
        return t

    emit(records, fmt, table)
