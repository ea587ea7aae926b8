"""What every command shares: the store and format options, output, and error translation."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dateline.config import DEFAULT_DB
from dateline.errors import DatelineError, NotFoundError, QueryError
from dateline.records import ARTICLE_FIELDS, SOURCE_FIELDS, article_record, records_csv, source_record
from dateline.store.ranges import SORTS, FacetCount
from dateline.store import connect
from dateline.store.db import out_of_space

__all__ = ["ARTICLE_FIELDS", "FORMATS", "SOURCE_FIELDS", "article_record", "count_option", "date_param", "db_option",
           "emit", "emit_count", "emit_facets", "errors", "facet_option", "format_option", "offset_option",
           "open_store", "progress_bar", "sort_option", "source_record"]

FORMATS = click.Choice(["table", "json", "jsonl", "csv"])

db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
    envvar="DATELINE_DB", help="SQLite store file (env DATELINE_DB).",
)
format_option = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                              help="table for people; json, jsonl or csv for machines.")


def sort_option(choices: tuple[str, ...] = SORTS, default: str = "date") -> Callable[[Any], Any]:
    return click.option("--sort", type=click.Choice(list(choices)), default=default, show_default=True,
                        help="Order: date is oldest first, -date newest first (undated last either way).")


offset_option = click.option("--offset", type=click.IntRange(min=0), default=None,
                             help="Skip this many (with --limit: a page; the API's cursor and the pages' page).")
count_option = click.option("--count", "count", is_flag=True,
                            help="Print how many records match, instead of the records.")


def facet_option(names: tuple[str, ...]) -> Callable[[Any], Any]:
    return click.option("--facet", "facets", multiple=True, type=click.Choice(list(names)),
                        help="Print the most frequent values of this facet with counts, instead of the "
                             "records (repeatable).")


def emit_count(total: int, fmt: str) -> None:
    """`--count`: the number alone for people and CSV, `{"count": n}` for JSON."""
    if fmt in ("json", "jsonl"):
        click.echo(json.dumps({"count": total}))
    else:
        click.echo(str(total))


def emit_summary(fmt: str, *, count: bool, facets: Sequence[str], total: Callable[[], int],
                 facet: Callable[[str], list[FacetCount]]) -> bool:
    """`--count` or `--facet` in place of the listing, the same way for every list: True when
    one of them was asked for and printed."""
    if count:
        emit_count(total(), fmt)
        return True
    if facets:
        emit_facets({name: facet(name) for name in facets}, fmt)
        return True
    return False


def emit_facets(facets: dict[str, list[FacetCount]], fmt: str) -> None:
    """`--facet`: one record per facet value (facet, value, label, count), most frequent first;
    `value` is what the listing's filter of that meaning takes."""
    records: list[dict[str, Any]] = [{"facet": name, "value": c.value, "label": c.label, "count": c.count}
               for name, counts in facets.items() for c in counts]

    def table() -> Table:
        t = Table("facet", "value", "label", "count")
        for r in records:
            t.add_row(str(r["facet"]), str(r["value"]), str(r["label"]), str(r["count"]))
        return t

    emit(records, fmt, table)


def date_param(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@contextmanager
def errors(db: Path | None = None) -> Iterator[None]:
    """Translate library errors into CLI errors, in one place.

    With the store's path, a full disk is one line naming the store and the room to make, not a
    traceback (`store.db.out_of_space`).
    """
    try:
        yield
    except (sqlite3.DatabaseError, OSError) as exc:
        full = out_of_space(exc, db) if db is not None else None
        if full is None:
            raise
        raise click.ClickException(str(full)) from exc
    except QueryError as exc:
        raise click.UsageError(str(exc)) from exc
    except NotFoundError as exc:
        raise click.ClickException(str(exc)) from exc
    except DatelineError as exc:
        raise click.ClickException(str(exc)) from exc


@contextmanager
def open_store(db: Path) -> Iterator[sqlite3.Connection]:
    """An existing store, closed on the way out."""
    if not db.exists():
        raise click.ClickException(f"no store at {db}: run `dateline ingest PATH --db {db}` first")
    with errors(db):
        conn = connect(db)
    try:
        with errors(db):
            yield conn
    finally:
        conn.close()


def emit(records: Sequence[dict[str, Any]], fmt: str, table: Callable[[], Table]) -> None:
    if fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
    elif fmt == "json":
        click.echo(json.dumps(list(records), ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(records_csv(records), nl=False)
    else:
        console = Console()
        if not console.is_terminal:
            console = Console(width=160)  # piped to a file or pager: do not squeeze to 80
        console.print(table())


@contextmanager
def progress_bar(console: Console, *, enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
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
