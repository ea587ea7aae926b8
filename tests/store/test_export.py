"""Exports: GDELT 2.0 events readable as GDELT, and JSONL/Parquet tables equal to the CLI records."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.config import IngestSettings
from dateline.errors import QueryError, StoreError
from dateline.ingest import ingest
from dateline.model import ActorKind, DatePrecision, Event, Modality
from dateline.records import DATE_FIELDS, MENTION_FIELDS
from dateline.store import connect
from dateline.store.events import list_events
from dateline.store.export import (
    GDELT_COLUMNS,
    PARQUET_SCHEMAS,
    TABLES,
    _ArticleFacts,
    _fraction_date,
    _gdelt_row,
    export,
)

# GDELT's documented types: integers, floats, and strings for every code (EventCode keeps "042").
_INTS = ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "IsRootEvent", "QuadClass", "NumMentions",
         "NumSources", "NumArticles")
_GEO_TYPES = ("Actor1Geo_Type", "Actor2Geo_Type", "ActionGeo_Type")
_FLOATS = ("FractionDate", "GoldsteinScale", "AvgTone", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor2Geo_Lat",
           "Actor2Geo_Long", "ActionGeo_Lat", "ActionGeo_Long")
GDELT_DTYPES: dict[str, Any] = {c: str for c in GDELT_COLUMNS}
GDELT_DTYPES.update({c: "int64" for c in _INTS})
GDELT_DTYPES.update({c: "Int64" for c in (*_GEO_TYPES, "DATEADDED")})
GDELT_DTYPES.update({c: "float64" for c in _FLOATS})
# The tables' CLI listings (`--teasers` where the listing has it).
_LISTINGS = {"sources": ["sources"], "articles": ["articles"], "actors": ["actors"],
             "quotes": ["quotes", "--teasers"], "events": ["events", "--teasers"]}


def _read_gdelt(path: Path, **kwargs: Any) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=GDELT_DTYPES, **kwargs)


def test_export_gdelt_reads_back_as_gdelt_with_one_row_per_event(conn: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    report = export(conn, out, format="gdelt")
    events = list_events(conn)
    frame = _read_gdelt(out, header=None, names=list(GDELT_COLUMNS))
    assert len(GDELT_COLUMNS) == 61 and len(frame) == len(events) == report.rows["events"] > 0
    assert list(frame["GLOBALEVENTID"]) == [int(e.id[:15], 16) for e in events]
    assert frame["GLOBALEVENTID"].is_unique
    assert frame["EventCode"].str.fullmatch(r"\d{3,4}").all()
    assert (frame["EventBaseCode"] == frame["EventCode"].str[:3]).all()
    assert frame["AvgTone"].isna().all() and frame["ActionGeo_CountryCode"].isna().all()
    assert (frame["NumSources"] == 1).all() and (frame["NumArticles"] == 1).all()
    assert frame["SQLDATE"].between(19000101, 21001231).all()
    assert (frame["SQLDATE"] // 100 == frame["MonthYear"]).all()


def test_export_gdelt_codes_a_known_seed_event(conn: sqlite3.Connection, tmp_path: Path) -> None:
    """Qin Gang urges Ukraine (and Russia) to restart talks, 16 March 2023: CAMEO 026."""
    out = tmp_path / "events.tsv"
    export(conn, out, format="gdelt")
    frame = _read_gdelt(out, header=None, names=list(GDELT_COLUMNS))
    rows = frame[(frame["Actor1Name"] == "QIN GANG") & (frame["Actor2CountryCode"] == "UKR")
                 & (frame["EventCode"] == "026")]
    assert len(rows) >= 1  # the main story and the sidebar both report it
    for _, row in rows.iterrows():
        assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20230316, 202303, 2023)
        assert row["FractionDate"] == pytest.approx(2023.2055)  # day 75 / 365
        assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor2CountryCode"]) == ("CHN", "CHN", "UKR")
        assert (row["EventBaseCode"], row["EventRootCode"], row["QuadClass"]) == ("026", "02", 1)
        assert row["GoldsteinScale"] == pytest.approx(4.0) and row["NumMentions"] >= 1
        # no place in the sentence: no location (the dateline is where the story was filed)
        assert pd.isna(row["ActionGeo_FullName"]) or row["ActionGeo_FullName"] == ""
        assert row["DATEADDED"] in (20230316000000, 20230317000000)
        assert row["SOURCEURL"].endswith("000_602d166fe59be07b.txt")
    assert 1 in set(rows["IsRootEvent"])  # the sidebar leads with it
    government = frame[frame["Actor1Code"].str.fullmatch(r"[A-Z]{3}GOV", na=False)]
    assert len(government) > 0 and (government["Actor1Type1Code"] == "GOV").all()


def test_export_gdelt_header_and_teasers(conn: sqlite3.Connection, tmp_path: Path) -> None:
    out = tmp_path / "with-header.tsv"
    report = export(conn, out, format="gdelt", header=True, teasers=True)
    assert out.read_text(encoding="utf-8").split("\n", 1)[0] == "\t".join(GDELT_COLUMNS)
    frame = _read_gdelt(out)
    assert tuple(frame.columns) == GDELT_COLUMNS
    assert len(frame) == report.rows["events"] == len(list_events(conn, teasers=True))


def _event(**changes: Any) -> Event:
    fields: dict[str, Any] = dict(
        id="00000000000000ff", article_id="a", source_id="s", source="Kremlin\tspokesman", source_code="RUSGOV",
        source_country="RUS", target_id=None, target=None, target_code=None, target_country=None, cameo="02",
        root="02", quad=1, goldstein=3.0, date=None, date_end=None, date_precision=DatePrecision.DAY,
        modality=Modality.ASSERTED, location='Mos\ncow "city"', sentence="x", start=0, end=1, rule="r",
        confidence=0.5, mentions=2)
    fields.update(changes)
    return Event(**fields)


def test_export_gdelt_row_mapping_decisions() -> None:
    article = _ArticleFacts("page\t1.txt", dt.date(2024, 12, 31), dt.date(2025, 1, 2), (0, 10))
    row = dict(zip(GDELT_COLUMNS, _gdelt_row(_event(), article) or []))
    assert len(row) == 61 and row["GLOBALEVENTID"] == "15"  # int of the first 15 hex digits
    assert (row["SQLDATE"], row["FractionDate"]) == ("20241231", "2024.9999")  # undated: the article's date
    assert (row["Actor1Name"], row["Actor1Type1Code"], row["Actor2Code"]) == ("KREMLIN SPOKESMAN", "GOV", "")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("020", "020", "02")
    assert (row["IsRootEvent"], row["NumMentions"], row["DATEADDED"]) == ("1", "2", "20250102000000")
    assert row["ActionGeo_FullName"] == "Mos cow 'city'" and row["SOURCEURL"] == "page 1.txt"
    assert not any(c in value for value in row.values() for c in "\t\n\r\"")
    igo = dict(zip(GDELT_COLUMNS, _gdelt_row(_event(source_code="IGONAT", source_country=None), article) or []))
    assert (igo["Actor1KnownGroupCode"], igo["Actor1Type1Code"], igo["Actor1CountryCode"]) == ("NAT", "IGO", "")
    crawled = _ArticleFacts("p", None, dt.date(2023, 3, 16), None)
    assert (_gdelt_row(_event(), crawled) or [])[1] == "20230316"
    assert _gdelt_row(_event(), _ArticleFacts("p", None, None, None)) is None
    assert _fraction_date(dt.date(2013, 4, 1)) == "2013.2493"
    assert _fraction_date(dt.date(2023, 1, 1)) == "2023.0027"


def _store_count(conn: sqlite3.Connection, table: str, teasers: bool) -> int:
    sql = f"SELECT COUNT(*) FROM {table} t"
    if table in ("quotes", "events", "mentions", "date_mentions") and not teasers:
        sql += " JOIN articles ar ON ar.id = t.article_id WHERE ar.kind != 'teaser'"
    if table == "actors":  # a surname linked to a full name is that person's alias (store.surnames)
        sql += " WHERE t.same_as IS NULL"
    return int(conn.execute(sql).fetchone()[0])


@pytest.mark.parametrize("teasers", [False, True])
def test_export_jsonl_rows_are_the_cli_records(conn: sqlite3.Connection, store: Path, tmp_path: Path,
                                               teasers: bool) -> None:
    report = export(conn, tmp_path, format="jsonl", teasers=teasers)
    assert tuple(report.rows) == TABLES
    for table in TABLES:
        lines = (tmp_path / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()
        stored = "date_mentions" if table == "dates" else table
        assert len(lines) == report.rows[table] == _store_count(conn, stored, teasers), table
    for table, args in _LISTINGS.items():
        args = [a for a in args if teasers or a != "--teasers"]
        result = CliRunner().invoke(main, [*args, "--db", str(store), "--format", "jsonl"])
        assert result.exit_code == 0
        assert (tmp_path / f"{table}.jsonl").read_text(encoding="utf-8") == result.stdout, table
    mention = json.loads((tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()[0])
    date = json.loads((tmp_path / "dates.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert tuple(mention) == MENTION_FIELDS and tuple(date) == DATE_FIELDS


def _iso_dates(value: Any) -> Any:
    """Parquet gives dates back as dates; the JSON records write them as ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    return value


def test_export_parquet_has_the_declared_schemas_and_the_jsonl_records(conn: sqlite3.Connection,
                                                                        tmp_path: Path) -> None:
    jsonl = export(conn, tmp_path / "jsonl", format="jsonl")
    report = export(conn, tmp_path / "parquet", format="parquet")
    assert report.rows == jsonl.rows
    for table in TABLES:
        read = pq.read_table(tmp_path / "parquet" / f"{table}.parquet")
        assert read.schema.equals(PARQUET_SCHEMAS[table]), table
        records = [json.loads(line) for line in
                   (tmp_path / "jsonl" / f"{table}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [_iso_dates(r) for r in read.to_pylist()] == records, table
    events = PARQUET_SCHEMAS["events"]
    assert events.field("date").type == pa.date32() and events.field("quad").type == pa.int64()
    assert PARQUET_SCHEMAS["actors"].field("roles").type.value_type.field("first_seen").type == pa.date32()


def test_export_refuses_bad_formats_and_paths(conn: sqlite3.Connection, tmp_path: Path) -> None:
    with pytest.raises(QueryError):
        export(conn, tmp_path / "x", format="csv")
    with pytest.raises(QueryError):
        export(conn, tmp_path / "x", format="jsonl", header=True)
    with pytest.raises(StoreError, match="directory"):
        export(conn, tmp_path, format="gdelt")
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        export(conn, tmp_path / "file", format="parquet")


def test_cli_export_writes_and_summarises(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path / "dump"), "--format", "parquet",
                                       "--db", str(store)])
    assert result.exit_code == 0, result.output
    counts = sqlite3.connect(store).execute("SELECT (SELECT COUNT(*) FROM sources), (SELECT COUNT(*) FROM articles)")
    sources, articles = counts.fetchone()
    assert f"sources {sources}, articles {articles}," in result.stderr and result.stdout == ""
    assert sources >= 2 and articles >= 62  # the seeds' two pages and their 62 articles, at least
    assert sorted(p.name for p in (tmp_path / "dump").iterdir()) == sorted(f"{t}.parquet" for t in TABLES)
    result = CliRunner().invoke(main, ["export", str(tmp_path / "e.tsv"), "--format", "gdelt", "--header",
                                       "--db", str(store)])
    assert result.exit_code == 0 and "events" in result.stderr
    result = CliRunner().invoke(main, ["export", str(tmp_path / "d"), "--format", "jsonl", "--header",
                                       "--db", str(store)])
    assert result.exit_code == 2 and "--header" in result.output
    help_text = CliRunner().invoke(main, ["export", "--help"]).output
    assert "Example:" in help_text and "dateline export events.tsv --format gdelt" in help_text


def test_export_gdelt_counts_a_story_once_with_its_copies(seeds_dir: Path, tmp_path: Path) -> None:
    """Two copies of one wire story: its events are coded once, with NumArticles 2."""
    page = sorted(seeds_dir.glob("*.txt"))[-1].read_text(encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(page.replace("Related Links", "Posted by the desk\nRelated Links"),
                                            encoding="utf-8")
    db = tmp_path / "copies.db"
    ingest([str(tmp_path / "in")], db=db, settings=IngestSettings(workers=1))
    c = connect(db)
    try:
        export(c, tmp_path / "events.tsv", format="gdelt")
        coded_from = {e.article_id for e in list_events(c)}
    finally:
        c.close()
    frame = _read_gdelt(tmp_path / "events.tsv", names=GDELT_COLUMNS)
    assert len(coded_from) == 1 and len(frame) > 0
    assert set(frame["NumArticles"]) == {2} and set(frame["NumSources"]) == {1}


def test_export_gdelt_action_geo_type_is_the_stored_one_and_the_tables_agree(
        conn: sqlite3.Connection, tmp_path: Path) -> None:
    """The export reads each event's ActionGeo_Type from the store (found when the event was
    coded) and no longer from the gazetteer; on the seeds and the sample corpus it is what the
    tables give for the exported place name, as the export computed it before."""
    from dateline.language.gazetteer import load_gazetteer
    gazetteer = load_gazetteer()

    def from_tables(name: str) -> str:  # the export's rule before the code was stored
        entry = gazetteer.lookup(name)
        if entry is None or entry.kind != ActorKind.COUNTRY:
            return ""
        if entry.is_place:
            return {("city", True): "3", ("city", False): "4", ("region", True): "2",
                    ("region", False): "5"}.get((entry.place or "", entry.country == "USA"), "")
        return {"name": "1", "adjective": "1", "capital": "4"}.get(entry.via, "")

    out = tmp_path / "events.tsv"
    export(conn, out, format="gdelt", teasers=True)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in out.read_text(encoding="utf-8").splitlines()]
    placed = [r for r in rows if r["ActionGeo_FullName"]]
    assert placed and any(r["ActionGeo_Type"] for r in placed)
    assert all(r["ActionGeo_Type"] == from_tables(r["ActionGeo_FullName"]) for r in rows)
    stored = conn.execute("SELECT COUNT(*) FROM events WHERE location IS NOT NULL AND location_type IS NULL"
                          " AND location IN (SELECT location FROM events WHERE location_type IS NOT NULL)")
    assert stored.fetchone()[0] == 0  # one place, one code
    article = _ArticleFacts("p", dt.date(2024, 1, 2), None, None)
    row = dict(zip(GDELT_COLUMNS, _gdelt_row(_event(location="Somewhere", location_type=5), article) or []))
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"]) == ("5", "Somewhere")
