"""Commands over the language stage: analyse, quotes, actors."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from dateline.cli._common import date_param, db_option, emit, errors, format_option, open_store, progress_bar
from dateline.config import DEFAULT_WORKERS, IngestSettings
from dateline.ingest.analyse import analyse
from dateline.model import ActorKind
from dateline.records import ACTOR_FIELDS, QUOTE_FIELDS, actor_record, quote_record
from dateline.store.language import list_actors, list_quotes

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
@click.option("--speaker", default=None, help="Speaker name or alias (substring, case-insensitive).")
@click.option("--country", default=None, help="Speaker's country, ISO 3166 alpha-3 (CHN).")
@click.option("--search", default=None, help="Full-text query over the quoted words (FTS5).")
@click.option("--since", callback=date_param, default=None, help="Articles dated on or after YYYY-MM-DD.")
@click.option("--until", callback=date_param, default=None, help="Articles dated on or before YYYY-MM-DD.")
@click.option("--teasers", is_flag=True, help="Include quotations in teaser ledes.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@format_option
def quotes_cmd(db: Path, speaker: str | None, country: str | None, search: str | None,
               since: dt.date | None, until: dt.date | None, teasers: bool, limit: int | None,
               fmt: str) -> None:
    """List quotations with their speakers.

    \b
    Example:
      dateline quotes --db news.db --country CHN --search ceasefire
    """
    with open_store(db) as conn:
        rows = list_quotes(conn, speaker=speaker, country=country, search=search, since=since,
                           until=until, teasers=teasers, limit=limit)

    def table() -> Table:
        t = Table("speaker", "country", "cue", "kind", "quotation")
        for q in rows:
            t.add_row(q.speaker or "?", q.speaker_country or "", q.cue or "", str(q.kind), q.text)
        return t

    emit([quote_record(q) for q in rows], fmt, table)


@click.command("actors")
@db_option
@click.option("--country", default=None, help="ISO 3166 alpha-3 country code (UKR).")
@click.option("--kind", type=click.Choice([k.value for k in ActorKind]), default=None,
              help="country, org, person or group.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@format_option
def actors_cmd(db: Path, country: str | None, kind: str | None, limit: int | None, fmt: str) -> None:
    """List actors: countries, organisations, people (with roles over time) and groups.

    \b
    Example:
      dateline actors --db news.db --kind person --country CHN
    """
    with open_store(db) as conn:
        rows = list_actors(conn, country=country, kind=ActorKind(kind) if kind else None, limit=limit)

    def table() -> Table:
        t = Table("kind", "code", "country", "name", "roles", "aliases")
        for a in rows:
            roles = "; ".join(f"{r.role} ({r.country or '?'}, {r.first_seen or '?'})" for r in a.roles)
            t.add_row(str(a.kind), a.code or "", a.country or "", a.name, roles, ", ".join(a.aliases))
        return t

    emit([actor_record(a) for a in rows], fmt, table)
