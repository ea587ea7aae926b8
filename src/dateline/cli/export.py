"""The export command: the store as a GDELT 2.0 event file, or as JSONL or Parquet tables."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli._common import db_option, open_store
from dateline.store.export import EXPORT_FORMATS, ExportReport, export

__all__ = ["export_cmd"]


def _summary(report: ExportReport) -> str:
    """One line, so scripts can keep it in a log: where, which format, rows per table."""
    counts = ", ".join(f"{table} {n}" for table, n in report.rows.items())
    line = f"exported {report.format} to {report.out}: {counts}"
    if report.undated:
        line += f" ({report.undated} events with no date at all left out)"
    return line


@click.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="gdelt: OUT is a GDELT 2.0 Event TSV file; jsonl, parquet: OUT is a directory "
                   "with one file per table; tables: the store's own tables as Parquet datasets, the "
                   "layout `dateline spark ingest` writes and `dateline import` reads.")
@click.option("--header", is_flag=True,
              help="gdelt only: start with a row of GDELT's column names (GDELT's own files have none).")
@click.option("--teasers", is_flag=True,
              help="Include events, quotations, mentions and dates of teaser ledes.")
def export_cmd(out: Path, db: Path, fmt: str, header: bool, teasers: bool) -> None:
    """Export the store: events as a GDELT 2.0 Event file, or every table as JSONL or Parquet.

    Prints one line with the rows written per table to stderr. docs/gdelt-export.md maps each
    GDELT column to our fields.

    \b
    Example:
      dateline export events.tsv --format gdelt --db news.db
      dateline export dump/ --format parquet --db news.db
    """
    if header and fmt != "gdelt":
        raise click.UsageError("--header applies to --format gdelt only")
    with open_store(db) as conn:
        report = export(conn, out, format=fmt, header=header, teasers=teasers)
    click.echo(_summary(report), err=True)
