"""Scale-out commands: `dateline spark ingest` runs the pipeline on Apache Spark and writes the
store's tables as Parquet; `dateline import` loads such a directory into a SQLite store."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.cli._common import db_option, errors
from dateline.config import DEFAULT_MAX_BYTES, IngestSettings

__all__ = ["import_cmd", "spark_group"]


@click.group("spark")
def spark_group() -> None:
    """Run the pipeline on Apache Spark (needs the `spark` extra and Java 17; `make spark`).

    \b
    Example:
      dateline spark ingest examples/corpus --out out/ --master local[2]
    """


@spark_group.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Directory for the tables (one Parquet dataset per store table) and manifest.json.")
@click.option("--master", default=None,
              help="Spark master: local[N], spark://HOST:PORT or yarn (default: the one spark-submit "
                   "gives, else local[2]).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Files larger than this are skipped with a reason.")
@click.option("--scratch", type=click.Path(file_okay=False), default=None,
              help="Executors' directory for their scratch stores (default: the system's temporary one).")
def spark_ingest_cmd(paths: tuple[str, ...], out: Path, master: str | None, max_bytes: int,
                     scratch: str | None) -> None:
    """Ingest and analyse PATHS on Spark, writing the store's tables as Parquet to OUT.

    PATHS are files or directories of any format `dateline ingest` reads, or URIs of them
    (s3://bucket/prefix/, gs://, hdfs://, file://; read through pyarrow's file systems); a file
    named *.paths, *.paths.gz or *.list lists inputs, one path or URI a line. One task per input
    file. Exit status 1 when an input failed (its `failed` row says why); the job itself does not
    fail for it.

    \b
    Example:
      dateline spark ingest examples/corpus --out out/ --master local[2]
      dateline spark ingest s3://my-bucket/crawl/warc.paths.gz --out out/
      dateline import out/ --db news.db
    """
    try:
        from dateline.spark.job import spark_ingest
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise click.ClickException(f"{exc}: install the spark extra (make spark)") from exc
    settings = IngestSettings(max_bytes=max_bytes)
    report = spark_ingest(list(paths), out, master=master, settings=settings, scratch=scratch)
    counts = ", ".join(f"{t} {n}" for t, n in report.rows.items())
    sources = ", ".join(f"{n} {s}" for s, n in sorted(report.sources.items()))
    click.echo(f"wrote {out}: {counts}; sources: {sources}", err=True)
    if not report.ok:
        raise SystemExit(1)


@click.command("import")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@db_option
def import_cmd(src: Path, db: Path) -> None:
    """Load a tables directory (`dateline spark ingest --out`, `dateline export --format tables`)
    into the store, then link surnames across it. Running it again changes nothing.

    \b
    Example:
      dateline import out/ --db news.db
    """
    from dateline.store import connect
    from dateline.store.tables import import_tables

    with errors(db):
        conn = connect(db)
        try:
            gained = import_tables(conn, src)
        finally:
            conn.close()
    click.echo(f"imported {src} into {db}: " + ", ".join(f"{t} +{n}" for t, n in gained.items()), err=True)
