"""The same inputs through the embedded ingest and through `dateline spark ingest --master
local[2]` then `dateline import` give the same store, row for row, ids included.

Inputs: the seeds, the sample corpus (what `make demo` ingests) and a generated WARC with wire
copies, a duplicate page and a broken file (`spark_corpus`), the WARC named in a list file as
cc-pyspark takes its inputs. One Spark job (local[2]) serves the whole module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner
from spark_corpus import write_corpus

from dateline.cli import main
from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.store import connect
from dateline.store.tables import TABLES, export_tables, import_tables

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "examples" / "corpus"

if importlib.util.find_spec("pyspark") is None:
    pytest.skip("pyspark is not installed (the spark extra: make spark)", allow_module_level=True)
if shutil.which("java") is None and not (Path(os.environ.get("JAVA_HOME", "/nonexistent")) / "bin" / "java").exists():
    pytest.skip("no java on PATH (Debian: apt-get install openjdk-17-jre-headless)", allow_module_level=True)

pytestmark = pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::DeprecationWarning",
                                        "ignore::ResourceWarning")

# Every table the store fills, compared whole (rowids aside, which nothing reads as an id).
_COMPARED = TABLES


def _rows(conn: sqlite3.Connection, table: str) -> list[str]:
    cols = ", ".join(f'"{r[1]}"' for r in conn.execute(f"PRAGMA table_info({table})"))
    return sorted(repr(tuple(r)) for r in conn.execute(f"SELECT {cols} FROM {table}"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Path]:
    """The embedded store, the Spark job's output, and that output imported into a store."""
    root = tmp_path_factory.mktemp("spark")
    warc, broken = write_corpus(root / "generated")
    listing = root / "inputs.list"
    listing.write_text(f"# one input a line, relative to this file\ngenerated/{warc.name}\ngenerated/{broken.name}\n",
                       encoding="utf-8")
    embedded = root / "embedded.db"
    ingest([str(seeds_dir), str(SAMPLE), str(warc), str(broken)], db=embedded,
           settings=IngestSettings(workers=2))
    out = root / "out"
    result = CliRunner().invoke(main, ["spark", "ingest", str(seeds_dir), str(SAMPLE), str(listing),
                                       "--out", str(out), "--master", "local[2]"])
    assert result.exit_code == 1, result.output  # the broken file failed; the job did not
    imported = root / "imported.db"
    for _ in range(2):  # a second import changes nothing
        result = CliRunner().invoke(main, ["import", str(out), "--db", str(imported)])
        assert result.exit_code == 0, result.output
    return {"embedded": embedded, "out": out, "imported": imported, "root": root}


@pytest.mark.parametrize("table", _COMPARED)
def test_spark_then_import_gives_the_embedded_store(runs: dict[str, Path], table: str) -> None:
    with closing(runs["embedded"]) as a, closing(runs["imported"]) as b:
        assert _rows(b, table) == _rows(a, table)


def test_spark_output_has_the_stories_copies_and_failures_the_inputs_hold(runs: dict[str, Path]) -> None:
    """The comparison above is only as strong as the corpus: it holds exact and edited wire
    copies, a duplicate record, and a file that fails."""
    with closing(runs["imported"]) as conn:
        similarities = [r[0] for r in conn.execute("SELECT similarity FROM article_stories WHERE story_id != article_id")]
        assert 1.0 in similarities and any(0.4 <= s < 1.0 for s in similarities)
        assert conn.execute("SELECT COUNT(*) FROM records WHERE reason LIKE 'duplicate of %'").fetchone()[0] == 1
        failed = conn.execute("SELECT path, reason FROM sources WHERE status = 'failed'").fetchall()
        assert [Path(p).name for p, _ in failed] == ["broken.warc.gz"]
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0
        assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] > 0


def test_spark_output_is_parquet_with_the_store_columns_and_a_manifest(runs: dict[str, Path]) -> None:
    out = runs["out"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    with closing(runs["embedded"]) as conn:
        for table in TABLES:
            if table == "actor_links":  # the job writes rows as analysed; `import` links surnames
                assert ds.dataset(out / table, format="parquet").count_rows() == manifest["rows"][table] == 0
                continue
            data = ds.dataset(out / table, format="parquet", partitioning="hive" if table == "events" else None)
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            assert sorted(data.schema.names) == sorted(columns)
            assert data.count_rows() == manifest["rows"][table] == len(_rows(conn, table))
    assert {p.name.split("=")[0] for p in (out / "events").iterdir()} == {"date"}
    assert manifest["sources"]["failed"] == 1 and sum(manifest["sources"].values()) == manifest["rows"]["sources"]
    assert manifest["versions"]["analyser"] and manifest["versions"]["spark"]


def test_export_tables_of_the_embedded_store_import_to_the_same_store(runs: dict[str, Path]) -> None:
    """`export --format tables` writes the layout the Spark job writes: importing it gives the
    same store again."""
    root = runs["root"]
    with closing(runs["embedded"]) as conn:
        export_tables(conn, root / "exported")
    copy = root / "copy.db"
    with closing(copy) as conn:
        import_tables(conn, root / "exported")
    with closing(runs["embedded"]) as a, closing(copy) as b:
        for table in _COMPARED:
            assert _rows(b, table) == _rows(a, table), table


class closing:  # noqa: N801 - a context manager read like contextlib's
    """A store opened for the block and closed after it."""

    def __init__(self, path: Path) -> None:
        self.conn = connect(path)

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
