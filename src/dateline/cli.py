"""The `dateline` command line: thin wrappers over the library, one per function.

Exit status: 0 when everything asked for was done, 1 when some input failed or a record was not
found, 2 for usage errors (bad options or an invalid filter).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.config import DEFAULT_DB, DEFAULT_MAX_BYTES, DEFAULT_WORKERS, IngestSettings
from dateline.errors import DatelineError, NotFoundError, QueryError
from dateline.ingest import IngestReport, ingest
from dateline.model import Article, ArticleKind, Source, SourceStatus
from dateline.store import connect, get_article, list_articles, list_sources

__all__ = ["main"]

ARTICLE_FIELDS = ("id", "source", "kind", "parent_id", "site", "section", "headline", "authors",
                  "byline", "place", "agency", "date", "crawl_date", "body", "subheadings")
SOURCE_FIELDS = ("path", "sha256", "size", "format", "status", "reason", "articles")
FORMATS = click.Choice(["table", "json", "jsonl", "csv"])

_db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
    envvar="DATELINE_DB", help="SQLite store file (env DATELINE_DB).",
)
_format_option = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                              help="table for people; json, jsonl or csv for machines.")


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@contextmanager
def _errors() -> Iterator[None]:
    """Translate library errors into CLI errors, in one place."""
    try:
        yield
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except NotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def _store(db: Path) -> Iterator[sqlite3.Connection]:
    """An existing store, closed on the way out."""
    if not db.exists():
        raise click.ClickException(f"no store at {db}: run `dateline ingest PATH --db {db}` first")
    with _errors():
        conn = connect(db)
    try:
        with _errors():
            yield conn
    finally:
        conn.close()


def article_record(a: Article) -> dict[str, Any]:
    """An article as the JSON record the CLI and the API print."""
    return {
        "id": a.id, "source": a.source, "kind": str(a.kind), "parent_id": a.parent_id,
        "site": a.site, "section": a.section, "headline": a.headline, "authors": list(a.authors),
        "byline": a.byline, "place": a.place, "agency": a.agency,
        "date": a.date.isoformat() if a.date else None,
        "crawl_date": a.crawl_date.isoformat() if a.crawl_date else None,
        "body": a.body, "subheadings": list(a.subheadings),
    }


def source_record(s: Source) -> dict[str, Any]:
    return {"path": s.path, "sha256": s.sha256 or None, "size": s.size, "format": s.format or None,
            "status": str(s.status), "reason": s.reason, "articles": s.articles}


def _emit(records: Sequence[dict[str, Any]], fmt: str, table: Callable[[], Table]) -> None:
    if fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        if records:
            writer = csv.DictWriter(buf, fieldnames=list(records[0]))
            writer.writeheader()
            for r in records:
                writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                                 for k, v in r.items()})
        click.echo(buf.getvalue(), nl=False)
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=160)  # piped to a file or pager: do not squeeze to 80
        console.print(table())


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="dateline")
def main() -> None:
    """dateline: raw news pages in, a cited record of who did and said what, to whom, when and where.

    \b
    Example:
      dateline ingest examples/ --db news.db
      dateline articles --db news.db --kind main --search ceasefire
    """


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@_db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Files larger than this are skipped with a reason.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def ingest_cmd(paths: tuple[str, ...], db: Path, workers: int | None, max_bytes: int, quiet: bool) -> None:
    """Ingest text dumps (files and directories, recursively) into the store.

    Every input ends as ingested, skipped (with a reason: empty, binary, duplicate, no article...)
    or failed (unreadable...). Re-running is idempotent; an interrupted run resumes.
    Exit status 0 when nothing failed, 1 otherwise.

    \b
    Example:
      dateline ingest ../shared/seeds examples/ --db news.db --workers 2
    """
    settings = IngestSettings(workers=workers or DEFAULT_WORKERS, max_bytes=max_bytes)
    err = Console(stderr=True)
    with _errors(), _progress(err, enabled=not quiet and err.is_terminal) as on_progress:
        report = ingest(list(paths), db=db, settings=settings, progress=on_progress)
    if not quiet:
        _print_report(err, report)
    sys.exit(0 if report.ok else 1)


@contextmanager
def _progress(console: Console, *, enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    if not enabled:
        yield None
        return
    with Progress(TextColumn("{task.description:>10}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(phase, total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update


def _print_report(console: Console, report: IngestReport) -> None:
    """The run's counts, then one line per refused input (never wrapped, so paths stay whole)."""
    kinds = ", ".join(f"{report.articles.get(k, 0)} {k}" for k in ("main", "sidebar", "teaser"))
    console.print(
        f"files seen {report.seen}: ingested {report.ingested}, unchanged {report.unchanged}, "
        f"skipped as duplicates {report.duplicates}, skipped {report.skipped}, failed {report.failed}",
        soft_wrap=True,
    )
    console.print(f"articles added: {kinds}", soft_wrap=True)
    for s in report.problems:
        console.print(f"  {s.status}: {s.path}: {s.reason}", markup=False, highlight=False, soft_wrap=True)


@main.command("sources")
@_db_option
@click.option("--status", type=click.Choice([s.value for s in SourceStatus]), default=None,
              help="Only sources with this status.")
@_format_option
def sources_cmd(db: Path, status: str | None, fmt: str) -> None:
    """List input files and what ingest made of them.

    \b
    Example:
      dateline sources --db news.db --status failed
    """
    with _store(db) as conn:
        rows = list_sources(conn, status=SourceStatus(status) if status else None)
    records = [source_record(s) for s in rows]

    def table() -> Table:
        t = Table("status", "articles", "format", "path", "reason")
        for s in rows:
            t.add_row(str(s.status), str(s.articles), s.format, s.path, s.reason)
        return t

    _emit(records, fmt, table)


@main.command("articles")
@_db_option
@click.option("--site", default=None, help="Only articles from this site (case-insensitive).")
@click.option("--kind", type=click.Choice([k.value for k in ArticleKind]), default=None,
              help="main, sidebar or teaser.")
@click.option("--since", callback=_date, default=None, help="Dated on or after YYYY-MM-DD.")
@click.option("--until", callback=_date, default=None, help="Dated on or before YYYY-MM-DD.")
@click.option("--search", default=None, help="Full-text query over headlines and bodies (FTS5).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@_format_option
def articles_cmd(db: Path, site: str | None, kind: str | None, since: dt.date | None,
                 until: dt.date | None, search: str | None, limit: int | None, fmt: str) -> None:
    """List articles, filtered.

    \b
    Example:
      dateline articles --db news.db --kind main --since 2023-03-01 --search "peace talks"
    """
    with _store(db) as conn:
        rows = list_articles(conn, site=site, kind=ArticleKind(kind) if kind else None,
                             since=since, until=until, search=search, limit=limit)
    records = [article_record(a) for a in rows]

    def table() -> Table:
        t = Table("id", "kind", "date", "place", "agency", "site", "headline")
        for column in t.columns[:5]:
            column.no_wrap = True
        for a in rows:
            t.add_row(a.id[:10], str(a.kind), a.date.isoformat() if a.date else "", a.place or "",
                      a.agency or "", a.site or "", a.headline)
        return t

    _emit(records, fmt, table)


@main.command("show")
@click.argument("article_id")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_cmd(article_id: str, db: Path, fmt: str) -> None:
    """Show one article in full with its metadata (an id or a unique id prefix).

    \b
    Example:
      dateline show 3f2a9c1b07 --db news.db
    """
    with _store(db) as conn:
        article = get_article(conn, article_id)
    record = article_record(article)
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(article.headline)
    click.echo("=" * min(len(article.headline), 100))
    for key in ("id", "kind", "parent_id", "site", "section", "byline", "authors", "place", "agency",
                "date", "crawl_date", "source"):
        value = record[key]
        if value:
            click.echo(f"{key:>10}: {', '.join(value) if isinstance(value, list) else value}")
    click.echo(f"{'offsets':>10}: {article.start}-{article.end}")
    click.echo()
    for p in article.paragraphs:
        click.echo(f"## {p.text}\n" if p.is_subheading else f"{p.text}\n")
