"""Export the store for other tools: a GDELT 2.0 event file, or one JSONL or Parquet file per table.

GDELT's layout lets existing GDELT pipelines read our events unchanged; docs/gdelt-export.md
maps every GDELT column to our field (or says why it is empty). JSONL and Parquet carry the
same records the CLI prints (`dateline.records`), so an export and a listing never disagree.
Rows from teaser ledes (events, quotations, mentions, dates) are left out unless `teasers`, as
in the listings; sources, articles and actors are exported whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from dateline.errors import QueryError, StoreError
from dateline.model import DateMention, DatePrecision, Event, Mention, Quote
from dateline.records import (
    actor_record,
    article_record,
    date_record,
    event_record,
    mention_record,
    quote_record,
    source_record,
)
from dateline.store.events import TimelineEntry, list_events
from dateline.store.language import ActorCounts, actor_directory, list_quotes
from dateline.store.queries import article_paragraphs, list_articles, list_sources

__all__ = ["EXPORT_FORMATS", "GDELT_COLUMNS", "PARQUET_SCHEMAS", "TABLES", "ExportReport", "actor_records", "entry_records", "event_records", "export",
           "quote_records"]

EXPORT_FORMATS = ("gdelt", "jsonl", "parquet", "tables")
TABLES = ("sources", "articles", "actors", "quotes", "events", "mentions", "dates")


def _actor_columns(n: int) -> tuple[str, ...]:
    return tuple(f"Actor{n}{c}" for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code"))


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}_{c}" for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"))


# The GDELT 2.0 Event table, in GDELT's order (codebook V2.0, 2015-02-19): 61 columns.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *_actor_columns(1), *_actor_columns(2),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *_geo_columns("Actor1Geo"), *_geo_columns("Actor2Geo"), *_geo_columns("ActionGeo"),
    "DATEADDED", "SOURCEURL",
)


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export wrote: rows per table, and events a GDELT file had to leave out (no date
    at all: GDELT requires SQLDATE)."""

    out: Path
    format: str
    rows: Mapping[str, int] = field(default_factory=dict)
    undated: int = 0


def export(conn: sqlite3.Connection, out: Path, *, format: str, header: bool = False,
           teasers: bool = False) -> ExportReport:
    """Write the store to `out`: a TSV file for `gdelt` (`header` adds GDELT's column names as a
    first row), a directory of `<table>.jsonl` or `<table>.parquet` files otherwise."""
    if format not in EXPORT_FORMATS:
        raise QueryError("format", format, f"one of {', '.join(EXPORT_FORMATS)}")
    if header and format != "gdelt":
        raise QueryError("format", format, "a header row applies to the gdelt format only")
    try:
        if format == "gdelt":
            written, undated = _write_gdelt(conn, out, header=header, teasers=teasers)
            return ExportReport(out, format, {"events": written}, undated)
        if format == "tables":  # the store's own tables, as `dateline spark ingest` writes them
            from dateline.store.tables import export_tables

            return ExportReport(out, format, export_tables(conn, out))
        if out.exists() and not out.is_dir():
            raise StoreError(f"cannot export {format} to {out}: it is a file, not a directory")
        out.mkdir(parents=True, exist_ok=True)
        rows = {}
        for table in TABLES:
            records = _RECORDS[table](conn, teasers)
            target = out / f"{table}.{format}"
            if format == "jsonl":
                _write_jsonl(target, records)
            else:
                _write_parquet(target, table, records)
            rows[table] = len(records)
        return ExportReport(out, format, rows)
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc}") from exc


@contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside `path`, moved into place once written: an interrupted export
    leaves no half-written file under the final name."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- JSONL and Parquet: the CLI's records, one file per table ------------------------------------


def _teaser_filter(teasers: bool) -> str:
    return "" if teasers else " WHERE ar.kind != 'teaser'"


def _mentions(conn: sqlite3.Connection, teasers: bool) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT m.* FROM mentions m JOIN articles ar ON ar.id = m.article_id"
                        + _teaser_filter(teasers) + " ORDER BY ar.source, m.start, m.actor_id")
    mentions = [Mention(r["article_id"], r["actor_id"], r["text"], r["start"], r["end"]) for r in rows]
    paragraphs = article_paragraphs(conn, (m.article_id for m in mentions))
    return [mention_record(m, paragraphs.get(m.article_id, ())) for m in mentions]


def _dates(conn: sqlite3.Connection, teasers: bool) -> list[dict[str, Any]]:
    rows = conn.execute("SELECT d.* FROM date_mentions d JOIN articles ar ON ar.id = d.article_id"
                        + _teaser_filter(teasers) + " ORDER BY ar.source, d.start")
    dates = [DateMention(
        r["article_id"], r["text"], r["start"], r["end"], dt.date.fromisoformat(r["date"]),
        dt.date.fromisoformat(r["date_end"]) if r["date_end"] else None, DatePrecision(r["precision"]))
        for r in rows]
    paragraphs = article_paragraphs(conn, (d.article_id for d in dates))
    return [date_record(d, paragraphs.get(d.article_id, ())) for d in dates]


def actor_records(conn: sqlite3.Connection, rows: Sequence[ActorCounts]) -> list[dict[str, Any]]:
    """Actor records with their counts of mentions, quotations and events."""
    return [actor_record(r.actor, (r.mentions, r.quotes, r.events)) for r in rows]


def quote_records(conn: sqlite3.Connection, quotes: Sequence[Quote]) -> list[dict[str, Any]]:
    """Quotation records whose offsets index their article's `body` (records.body_span)."""
    paragraphs = article_paragraphs(conn, (q.article_id for q in quotes))
    return [quote_record(q, paragraphs.get(q.article_id, ())) for q in quotes]


def event_records(conn: sqlite3.Connection, events: Sequence[Event]) -> list[dict[str, Any]]:
    """Event records whose offsets index their article's `body` (records.body_span)."""
    paragraphs = article_paragraphs(conn, (e.article_id for e in events))
    return [event_record(e, paragraphs.get(e.article_id, ())) for e in events]


def entry_records(conn: sqlite3.Connection, entries: list[TimelineEntry]) -> list[dict[str, Any]]:
    """Timeline entries as records: `type` (event or quote), `date`, then the event's or the
    quotation's record."""
    events = event_records(conn, [e.event for e in entries if e.event is not None])
    quotes = quote_records(conn, [e.quote for e in entries if e.quote is not None])
    out: list[dict[str, Any]] = []
    for entry in entries:
        date = entry.date.isoformat() if entry.date else None
        if entry.event is not None:
            out.append({"type": "event", "date": date, **events.pop(0)})
        else:
            out.append({"type": "quote", **quotes.pop(0), "date": date})
    return out


_RECORDS: Mapping[str, Callable[[sqlite3.Connection, bool], list[dict[str, Any]]]] = MappingProxyType({
    "sources": lambda conn, _: [source_record(s) for s in list_sources(conn)],
    "articles": lambda conn, _: [article_record(a) for a in list_articles(conn, all_copies=True)],
    "actors": lambda conn, _: actor_records(conn, actor_directory(conn)),
    "quotes": lambda conn, teasers: quote_records(conn, list_quotes(conn, teasers=teasers)),
    "events": lambda conn, teasers: event_records(conn, list_events(conn, teasers=teasers)),
    "mentions": _mentions,
    "dates": _dates,
})


def _write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    """One JSON object a line, exactly as `dateline <table> --format jsonl` prints them."""
    with _replacing(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def _schema(fields: Sequence[tuple[str, Any]], required: str) -> Any:
    """A Parquet schema in record order; the names in `required` are never null in the store."""
    names = set(required.split())
    return pa.schema([pa.field(name, kind, nullable=name not in names) for name, kind in fields])


_S, _I, _F, _D = pa.string(), pa.int64(), pa.float64(), pa.date32()
_ROLE = pa.struct([("role", _S), ("country", _S), ("first_seen", _D), ("last_seen", _D), ("learned_from", _S),
                   ("source", _S), ("valid_from", _D), ("valid_until", _D), ("article_id", _S), ("articles", _I)])

PARQUET_SCHEMAS: Mapping[str, Any] = MappingProxyType({
    "sources": _schema([("path", _S), ("sha256", _S), ("size", _I), ("format", _S), ("status", _S),
                        ("reason", _S), ("articles", _I)], "path size status reason articles"),
    "articles": _schema([("id", _S), ("source", _S), ("kind", _S), ("parent_id", _S), ("site", _S),
                         ("section", _S), ("headline", _S), ("authors", pa.list_(_S)), ("byline", _S),
                         ("place", _S), ("agency", _S), ("date", _D), ("crawl_date", _D), ("body", _S),
                         ("subheadings", pa.list_(_S)), ("url", _S), ("story_id", _S), ("copies", _I)],
                        "id source kind headline authors body subheadings story_id copies"),
    "actors": _schema([("id", _S), ("name", _S), ("kind", _S), ("country", _S), ("code", _S),
                       ("roles", pa.list_(_ROLE)), ("aliases", pa.list_(_S)), ("mentions", _I), ("quotes", _I),
                       ("events", _I)], "id name kind roles aliases mentions quotes events"),
    "quotes": _schema([("id", _S), ("article_id", _S), ("text", _S), ("kind", _S), ("speaker", _S),
                       ("speaker_kind", _S), ("speaker_country", _S), ("speaker_role", _S), ("cue", _S),
                       ("start", _I), ("end", _I), ("date", _D), ("speaker_id", _S), ("headline", _S)],
                      "id article_id text kind"),
    "events": _schema([("id", _S), ("article_id", _S), ("source", _S), ("source_code", _S),
                       ("source_country", _S), ("target", _S), ("target_code", _S), ("target_country", _S),
                       ("cameo", _S), ("root", _S), ("quad", _I), ("goldstein", _F), ("date", _D),
                       ("date_end", _D), ("date_precision", _S), ("modality", _S), ("location", _S),
                       ("sentence", _S), ("start", _I), ("end", _I), ("rule", _S), ("confidence", _F),
                       ("mentions", _I), ("source_id", _S), ("target_id", _S)],
                      "id article_id source cameo root quad goldstein modality sentence rule"
                      " confidence mentions source_id"),
    "mentions": _schema([("article_id", _S), ("actor_id", _S), ("text", _S), ("start", _I), ("end", _I)],
                        "article_id actor_id text"),
    "dates": _schema([("article_id", _S), ("text", _S), ("date", _D), ("date_end", _D), ("precision", _S),
                      ("start", _I), ("end", _I)], "article_id text date precision"),
})


def _arrow_value(value: Any, kind: Any) -> Any:
    """A record value in the Python form pyarrow stores as `kind` (ISO dates become dates)."""
    if value is None:
        return None
    if pa.types.is_date32(kind):
        return dt.date.fromisoformat(value)
    if pa.types.is_list(kind):
        return [_arrow_value(v, kind.value_type) for v in value]
    if pa.types.is_struct(kind):
        return {f.name: _arrow_value(value.get(f.name), f.type) for f in kind}
    return value


def _write_parquet(path: Path, table: str, records: Sequence[dict[str, Any]]) -> None:
    """The records under the table's declared schema (never inferred, so empty tables and
    all-null columns keep their types)."""
    schema = PARQUET_SCHEMAS[table]
    rows = [{f.name: _arrow_value(r[f.name], f.type) for f in schema} for r in records]
    with _replacing(path) as tmp:
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), tmp)


# -- GDELT 2.0 Event table ------------------------------------------------------------------------

# CAMEO actor role (type) codes; any other 3-letter part of an actor code is a country or region,
# or, after IGO/NGO, a known group (IGONAT → type IGO, group NAT).
_ROLE_CODES = frozenset({
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "LEG",
    "HLH", "REF", "ELI", "LAB", "IGO", "NGO", "NGM", "IMG", "UAF", "SET", "AGR", "RAD", "MOD", "INS",
    "SEP", "ENV", "DEV", "HRI", "MNC",
})
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


@dataclass(frozen=True, slots=True)
class _ArticleFacts:
    """What a GDELT row needs of an event's article."""

    source: str
    date: dt.date | None
    crawl_date: dt.date | None
    lead: tuple[int, int] | None  # page offsets of the first body paragraph
    articles: int = 1  # copies of the article's story in the store (GDELT NumArticles)
    sources: int = 1  # distinct sites among those copies (GDELT NumSources)


def _article_facts(conn: sqlite3.Connection) -> dict[str, _ArticleFacts]:
    facts = {}
    for r in conn.execute(
            "SELECT a.id, a.source, a.date, a.crawl_date, a.paragraphs,"
            " (SELECT COUNT(*) FROM article_stories c WHERE c.story_id = s.story_id) AS copies,"
            " (SELECT COUNT(DISTINCT COALESCE(ca.site, ca.source)) FROM article_stories c"
            "  JOIN articles ca ON ca.id = c.article_id WHERE c.story_id = s.story_id) AS sites"
            " FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id"
            " WHERE a.id IN (SELECT article_id FROM events)"):
        lead = next(((s, e) for _, s, e, sub in json.loads(r["paragraphs"]) if not sub), None)
        facts[r["id"]] = _ArticleFacts(
            r["source"], dt.date.fromisoformat(r["date"]) if r["date"] else None,
            dt.date.fromisoformat(r["crawl_date"]) if r["crawl_date"] else None, lead,
            max(1, r["copies"] or 1), max(1, r["sites"] or 1))
    return facts


def _clean(value: str | None) -> str:
    """GDELT fields hold no tabs, newlines or quoting: control characters become one space, and
    double quotes single ones (so CSV readers with default quoting read the file right)."""
    return _CONTROL.sub(" ", value or "").replace('"', "'").strip()


def _actor(name: str | None, code: str | None, country: str | None) -> list[str]:
    """Actor{n}Code .. Actor{n}Type3Code from our name, CAMEO code and country."""
    full = code or country or ""
    parts = [full[i:i + 3] for i in range(0, len(full), 3)]
    types = [p for p in parts if p in _ROLE_CODES][:3]
    group = next((b for a, b in zip(parts, parts[1:]) if a in ("IGO", "NGO") and b not in _ROLE_CODES), "")
    return [_clean(full), _clean(name).upper(), _clean(country), group, "", "", "",
            *types, *[""] * (3 - len(types))]


def _fraction_date(day: dt.date) -> str:
    """GDELT's YYYY.FFFF: day of year / 365, 4 decimals, kept below the next year (the codebook's
    range is .0000 to .9999, so 31 December and leap days late in the year give .9999)."""
    return f"{day.year + min(round(day.timetuple().tm_yday / 365, 4), 0.9999):.4f}"


def _gdelt_row(e: Event, article: _ArticleFacts) -> list[str] | None:
    """One GDELT 2.0 Event row (61 fields, see docs/gdelt-export.md); None when neither the
    event nor its article has a date."""
    day = e.date or article.date or article.crawl_date
    if day is None:
        return None
    lead = article.lead
    root = lead is not None and lead[0] <= e.start < lead[1]
    code = e.cameo if len(e.cameo) >= 3 else e.cameo + "0"  # CAMEO writes root-level codes as 020
    added = article.crawl_date or article.date
    location = _clean(e.location)
    return [
        str(int(e.id[:15], 16)), day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year),
        _fraction_date(day),
        *_actor(e.source, e.source_code, e.source_country),
        *(_actor(e.target, e.target_code, e.target_country) if e.target_id else [""] * 10),
        "1" if root else "0", code, code[:3], e.root, str(e.quad), f"{e.goldstein:g}",
        str(e.mentions), str(article.sources), str(article.articles), "",
        *[""] * 16,
        str(e.location_type) if location and e.location_type is not None else "", location, "", "", "", "", "", "",
        added.strftime("%Y%m%d000000") if added else "", _clean(article.source),
    ]


def _write_gdelt(conn: sqlite3.Connection, out: Path, *, header: bool, teasers: bool) -> tuple[int, int]:
    """The events as a GDELT 2.0 Event TSV; returns (rows written, undated events left out)."""
    if out.is_dir():
        raise StoreError(f"cannot export gdelt to {out}: it is a directory, give a file name")
    out.parent.mkdir(parents=True, exist_ok=True)
    facts = _article_facts(conn)
    written = undated = 0
    with _replacing(out) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as f:
        if header:
            f.write("\t".join(GDELT_COLUMNS) + "\n")
        for e in list_events(conn, teasers=teasers):
            row = _gdelt_row(e, facts[e.article_id])
            if row is None:
                undated += 1
                continue
            f.write("\t".join(row) + "\n")
            written += 1
    return written, undated
