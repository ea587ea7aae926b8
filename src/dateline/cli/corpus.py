"""Commands over the corpus itself: ingest, sources, articles, show."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from dateline.cli._common import (
    article_record,
    count_option,
    date_param,
    db_option,
    emit,
    emit_summary,
    errors,
    facet_option,
    format_option,
    offset_option,
    open_store,
    progress_bar,
    sort_option,
    source_record,
)
from dateline.config import DEFAULT_MAX_BYTES, DEFAULT_WORKERS, IngestSettings
from dateline.ingest import IngestReport, ingest
from dateline.ingest.inputs import FIELDS, FORMATS
from dateline.model import ArticleKind, SourceStatus
from dateline.cli._marks import mark_paragraph
from dateline.records import date_record, mention_record, quote_record
from dateline.store import get_article, list_articles, list_records, list_sources
from dateline.store.queries import ARTICLE_FACETS, article_facets, count_articles
from dateline.store.language import article_annotations

__all__ = ["articles_cmd", "ingest_cmd", "show_cmd", "sources_cmd"]


def _field_param(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for item in value:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            raise click.BadParameter(f"{item!r} is not NAME=PATH (e.g. text=content.body)")
        if name not in FIELDS:
            raise click.BadParameter(f"unknown field {name!r}; known: {', '.join(sorted(FIELDS))}")
        pairs.append((name, path))
    return tuple(pairs)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
              show_default=True, help="Files larger than this are skipped with a reason.")
@click.option("--analyse/--no-analyse", default=True, show_default=True,
              help="Run the language stage (actors, quotations, dates, events) on the new articles.")
@click.option("--format", "input_format", type=click.Choice(list(FORMATS)), default=None,
              help="Read every input as this format instead of telling it from the content.")
@click.option("--field", "fields", multiple=True, callback=_field_param, metavar="NAME=PATH",
              help="JSONL: where a field is (dotted path), e.g. --field text=content.body. Repeatable.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def ingest_cmd(paths: tuple[str, ...], db: Path, workers: int | None, max_bytes: int, analyse: bool,
               input_format: str | None, fields: tuple[tuple[str, str], ...], quiet: bool) -> None:
    """Ingest news pages into the store: text dumps, HTML, WARC and JSONL, gzipped or not,
    files and directories (recursively), mixed in one run.

    Every input, and every record inside a WARC or JSONL file, ends as ingested, skipped (with a
    reason: empty, binary, duplicate, not HTML, no article...) or failed (unreadable, corrupt,
    a bad JSON line...). Copies of one story are grouped. Re-running is idempotent; an
    interrupted run resumes. Exit status 0 when nothing failed, 1 otherwise.

    \b
    Example:
      dateline ingest ../shared/seeds crawl.warc.gz export.jsonl --db news.db --workers 2
    """
    settings = IngestSettings(workers=workers or DEFAULT_WORKERS, max_bytes=max_bytes, analyse=analyse,
                              format=input_format, fields=fields)
    err = Console(stderr=True)
    with errors(db), progress_bar(err, enabled=not quiet and err.is_terminal) as on_progress:
        report = ingest(list(paths), db=db, settings=settings, progress=on_progress)
    if not quiet:
        _print_report(err, report)
    sys.exit(0 if report.ok else 1)


def _print_report(console: Console, report: IngestReport) -> None:
    """The run's counts, then one line per refused input (never wrapped, so paths stay whole)."""
    kinds = ", ".join(f"{report.articles.get(k, 0)} {k}" for k in ("main", "sidebar", "teaser"))
    console.print(
        f"files seen {report.seen}: ingested {report.ingested}, unchanged {report.unchanged}, "
        f"skipped as duplicates {report.duplicates}, skipped {report.skipped}, failed {report.failed}",
        soft_wrap=True,
    )
    console.print(f"articles added: {kinds}", soft_wrap=True)
    if report.records:
        records = ", ".join(f"{report.records.get(k, 0)} {k}" for k in ("ok", "skipped", "failed"))
        console.print(f"records read: {records}", soft_wrap=True)
    for s in report.problems:
        console.print(f"  {s.status}: {s.path}: {s.reason}", markup=False, highlight=False, soft_wrap=True)


@click.command("sources")
@db_option
@click.option("--status", type=click.Choice([s.value for s in SourceStatus]), default=None,
              help="Only sources (or records) with this status.")
@click.option("--records", "per_record", is_flag=True,
              help="One row per document inside each input (WARC records, JSONL lines).")
@format_option
def sources_cmd(db: Path, status: str | None, per_record: bool, fmt: str) -> None:
    """List input files and what ingest made of them (--records: every document inside them).

    \b
    Example:
      dateline sources --db news.db --status failed
      dateline sources --db news.db --records --status skipped
    """
    if per_record:
        _records(db, status, fmt)
        return
    with open_store(db) as conn:
        rows = list_sources(conn, status=SourceStatus(status) if status else None)
    records = [source_record(s) for s in rows]

    def table() -> Table:
        t = Table("status", "articles", "format", "path", "reason")
        for s in rows:
            t.add_row(str(s.status), str(s.articles), s.format, s.path, s.reason)
        return t

    emit(records, fmt, table)


def _records(db: Path, status: str | None, fmt: str) -> None:
    with open_store(db) as conn:
        rows = list_records(conn, status=SourceStatus(status) if status else None)

    def table() -> Table:
        t = Table("status", "articles", "source", "key", "url", "reason")
        for r in rows:
            t.add_row(*(str(r[k] or "") for k in ("status", "articles", "source", "key", "url", "reason")))
        return t

    emit(rows, fmt, table)


@click.command("articles")
@db_option
@click.option("--site", default=None, help="Only articles from this site (case-insensitive).")
@click.option("--kind", type=click.Choice([k.value for k in ArticleKind]), default=None,
              help="main, sidebar or teaser.")
@click.option("--since", callback=date_param, default=None, help="Dated on or after YYYY-MM-DD.")
@click.option("--until", callback=date_param, default=None, help="Dated on or before YYYY-MM-DD.")
@click.option("--search", default=None, help="Full-text query over headlines and bodies (FTS5).")
@click.option("--all-copies", is_flag=True, help="Every copy of a story that ran on several sites.")
@sort_option()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@offset_option
@count_option
@facet_option(tuple(ARTICLE_FACETS))
@format_option
def articles_cmd(db: Path, site: str | None, kind: str | None, since: dt.date | None,
                 until: dt.date | None, search: str | None, all_copies: bool, sort: str, limit: int | None,
                 offset: int | None, count: bool, facets: tuple[str, ...], fmt: str) -> None:
    """List articles by date, filtered.

    \b
    Example:
      dateline articles --db news.db --kind main --since 2023-03-01 --search "peace talks"
      dateline articles --db news.db --facet site --facet year
    """
    filters: dict[str, Any] = {"site": site, "kind": ArticleKind(kind) if kind else None, "since": since,
                               "until": until, "search": search, "all_copies": all_copies}
    with open_store(db) as conn:
        if emit_summary(fmt, count=count, facets=facets, total=lambda: count_articles(conn, **filters),
                        facet=lambda name: article_facets(conn, name, **filters)):
            return
        rows = list_articles(conn, **filters, sort=sort, limit=limit, offset=offset)
    records = [article_record(a) for a in rows]

    def table() -> Table:
        t = Table("id", "kind", "date", "place", "agency", "site", "headline")
        for column in t.columns[:5]:
            column.no_wrap = True
        for a in rows:
            t.add_row(a.id[:10], str(a.kind), a.date.isoformat() if a.date else "", a.place or "",
                      a.agency or "", a.site or "", a.headline)
        return t

    emit(records, fmt, table)


@click.command("show")
@click.argument("article_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show_cmd(article_id: str, db: Path, fmt: str) -> None:
    """Show one article in full with its metadata and marks (an id or a unique id prefix).

    The text marks actor mentions as [..], resolved dates as {.. = date} and follows each
    quotation with its speaker in angle brackets.

    \b
    Example:
      dateline show 3f2a9c1b07 --db news.db
    """
    with open_store(db) as conn:
        article = get_article(conn, article_id)
        mentions, quotes, dates = article_annotations(conn, article.id)
    record = article_record(article)
    if fmt == "json":  # offsets index `body`, the text this record hands out (records.body_span)
        paras = article.paragraphs
        record["quotes"] = [quote_record(q, paras) for q in quotes]
        record["mentions"] = [{k: v for k, v in mention_record(m, paras).items() if k != "article_id"}
                              for m in mentions]
        record["dates"] = [{k: v for k, v in date_record(d, paras).items() if k != "article_id"} for d in dates]
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
        text = mark_paragraph(p, mentions, quotes, dates)
        click.echo(f"## {text}\n" if p.is_subheading else f"{text}\n")
    if mentions or quotes or dates:
        click.echo("Marks: [actor mention]  {date = resolved}  \u27e8speaker of the quotation\u27e9")
