"""The store's own tables as Parquet datasets: what `dateline spark ingest` writes, what
`dateline export --format tables` writes from an embedded store, and what `dateline import` loads.

One directory per table (`articles/`, `quotes/`, ...), each a Parquet dataset with exactly the
store's columns and ids (read from the schema itself, so the two can never drift), and `events/`
partitioned by date (`events/date=2023-03-17/part-....parquet`, hive style; undated events under
`date=__HIVE_DEFAULT_PARTITION__`). DuckDB, pandas, pyarrow and Spark SQL read it as it is.

Import loads the rows into a store and then runs the corpus-wide step that needs the whole
store: surname linking (`store.surnames`), which first undoes the links `actor_links` records
(an export of a linked store carries them; a Spark job's output has none: its rows are as
analysed), then links again over everything. It is idempotent: rows already present are kept,
and the analysis rows of an article the store has already analysed are not loaded again (the
link step rewrites them, so loading them twice would duplicate them).
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.dataset as ds  # type: ignore[import-untyped]

from dateline.errors import StoreError
from dateline.store import db as store
from dateline.store.surnames import link_surnames

__all__ = ["ANALYSIS_TABLES", "INGEST_TABLES", "PARTITIONS", "TABLES", "arrow_schema", "export_tables",
           "import_tables", "table_columns", "table_rows", "write_part"]

# In the order an import writes them (a row's references are written before it).
INGEST_TABLES = ("sources", "records", "pages", "articles", "article_stories", "story_bands", "line_stats",
                 "line_counted")
ANALYSIS_TABLES = ("actors", "actor_aliases", "actor_articles", "mentions", "quotes", "date_mentions", "events",
                   "analysed", "actor_links")
TABLES = INGEST_TABLES + ANALYSIS_TABLES
# Tables written as hive-partitioned datasets, by the column they are partitioned on.
PARTITIONS: Mapping[str, str] = {"events": "date"}
_ARROW = {"TEXT": pa.string(), "INTEGER": pa.int64(), "REAL": pa.float64()}
_BATCH = 4096


@lru_cache(maxsize=1)
def _columns() -> dict[str, tuple[tuple[str, str], ...]]:
    conn = store.connect(":memory:")
    try:
        return {t: tuple((r["name"], (r["type"] or "TEXT").upper()) for r in conn.execute(f"PRAGMA table_info({t})"))
                for t in TABLES}
    finally:
        conn.close()


def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    """(name, SQLite type) of a store table's columns, in the schema's order."""
    return _columns()[table]


def arrow_schema(table: str) -> Any:
    """The Parquet schema of a table: its columns with their SQLite types as Arrow types."""
    return pa.schema([pa.field(name, _ARROW.get(kind, pa.string())) for name, kind in table_columns(table)])


def table_rows(conn: sqlite3.Connection, table: str, where: str = "", args: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
    """A table's rows as tuples in `table_columns` order."""
    names = ", ".join(f'"{name}"' for name, _ in table_columns(table))
    for row in conn.execute(f"SELECT {names} FROM {table}" + (f" WHERE {where}" if where else ""), args):
        yield tuple(row)


def export_tables(conn: sqlite3.Connection, out: Path) -> dict[str, int]:
    """Write every table of an embedded store in the layout a Spark job writes; rows per table."""
    counts = {}
    for table in TABLES:
        shutil.rmtree(out / table, ignore_errors=True)
        counts[table] = write_part(str(out), table, "00000", list(table_rows(conn, table)))
        (out / table).mkdir(parents=True, exist_ok=True)  # an empty table is an empty dataset
    return counts


def write_part(out: str, table: str, part: str, rows: Sequence[tuple[Any, ...]]) -> int:
    """Write rows of one table as one file of its dataset under `out` (a path or a URI pyarrow
    can write: a local or shared directory, s3://, hdfs://, gs://), hive-partitioned where the
    table is (`PARTITIONS`); files are named `part-{part}...`. Returns the rows written."""
    if not rows:
        return 0
    schema = arrow_schema(table)
    data = pa.Table.from_pylist([dict(zip(schema.names, r)) for r in rows], schema=schema)
    column = PARTITIONS.get(table)
    ds.write_dataset(data, f"{out.rstrip('/')}/{table}", format="parquet", existing_data_behavior="overwrite_or_ignore",
                     basename_template=f"part-{part}-{{i}}.parquet",
                     partitioning=ds.partitioning(pa.schema([(column, pa.string())]), flavor="hive")
                     if column else None)
    return len(rows)


def _dataset(path: Path, table: str) -> Any:
    part = PARTITIONS.get(table)
    return ds.dataset(path / table, format="parquet", schema=arrow_schema(table),
                      partitioning=ds.partitioning(pa.schema([(part, pa.string())]), flavor="hive")
                      if part else None)


def import_tables(conn: sqlite3.Connection, src: Path) -> Counter[str]:
    """Load a tables directory (a Spark job's output or `export --format tables`) into the store,
    in one transaction; returns the rows each table gained."""
    missing = [t for t in TABLES if not (src / t).is_dir()]
    if missing:
        raise StoreError(f"{src} is not a dateline tables directory: no {', '.join(missing)}")
    gained: Counter[str] = Counter()
    with store.transaction(conn):
        done = {r[0] for r in conn.execute("SELECT article_id FROM analysed")}
        for table in TABLES:
            names = [n for n, _ in table_columns(table)]
            quoted = ", ".join(f'"{n}"' for n in names)
            values = ", ".join("?" * len(names))
            sql = f"INSERT OR IGNORE INTO {table}({quoted}) VALUES ({values})"
            skip = table in ANALYSIS_TABLES and table not in ("actors", "actor_aliases") and bool(done)
            before = _count(conn, table)
            for batch in _dataset(src, table).to_batches(columns=names, batch_size=_BATCH):
                rows = zip(*(batch.column(i).to_pylist() for i in range(len(names))))
                if skip:
                    at = names.index("article_id")
                    rows = (r for r in rows if r[at] not in done)  # type: ignore[assignment]
                conn.executemany(sql, rows)
            gained[table] = _count(conn, table) - before
        link_surnames(conn)
    return gained


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
