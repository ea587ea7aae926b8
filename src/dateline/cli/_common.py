"""What every command shares: the store and format options, output, and error translation."""

from __future__ import annotations

import csv
import datetime as dt
import io
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
from dateline.records import ARTICLE_FIELDS, SOURCE_FIELDS, article_record, source_record
from dateline.store import connect
from dateline.store.db import out_of_space

__all__ = ["ARTICLE_FIELDS", "FORMATS", "SOURCE_FIELDS", "article_record", "date_param", "db_option", "emit",
           "errors", "format_option", "open_store", "progress_bar", "source_record"]

FORMATS = click.Choice(["table", "json", "jsonl", "csv"])

db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DB, show_default=True,
    envvar="DATELINE_DB", help="SQLite store file (env DATELINE_DB).",
)
format_option = click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                              help="table for people; json, jsonl or csv for machines.")


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
