"""The JSON records every machine-readable output prints: the CLI listings and the exports.

They live here, outside the CLI, so that the store's exports and the commands share one
definition of each record and cannot drift apart. Each `*_FIELDS` tuple is its record's keys,
in order (the CLI reference in docs/cli.md lists them exactly).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Sequence
from typing import Any

from dateline.model import Actor, Article, DateMention, DatePrecision, Event, Mention, Paragraph, Quote, Role, Source

__all__ = [
    "ACTOR_FIELDS",
    "ARTICLE_FIELDS",
    "DATE_FIELDS",
    "EVENT_FIELDS",
    "MENTION_FIELDS",
    "QUOTE_FIELDS",
    "SOURCE_FIELDS",
    "actor_record",
    "article_record",
    "body_span",
    "date_record",
    "event_record",
    "event_when",
    "mention_record",
    "quote_record",
    "role_record",
    "records_csv",
    "source_record",
]

ARTICLE_FIELDS = ("id", "source", "kind", "parent_id", "site", "section", "headline", "authors",
                  "byline", "place", "agency", "date", "crawl_date", "body", "subheadings", "url",
                  "story_id", "copies")
SOURCE_FIELDS = ("path", "sha256", "size", "format", "status", "reason", "articles")
QUOTE_FIELDS = ("id", "article_id", "text", "kind", "speaker", "speaker_kind", "speaker_country",
                "speaker_role", "cue", "start", "end", "date", "speaker_id", "headline")
ACTOR_FIELDS = ("id", "name", "kind", "country", "code", "roles", "aliases", "mentions", "quotes", "events")
EVENT_FIELDS = ("id", "article_id", "source", "source_code", "source_country", "target", "target_code",
                "target_country", "cameo", "root", "quad", "goldstein", "date", "date_end", "date_precision",
                "modality", "location", "sentence", "start", "end", "rule", "confidence", "mentions", "source_id",
                "target_id")
MENTION_FIELDS = ("article_id", "actor_id", "text", "start", "end")
DATE_FIELDS = ("article_id", "text", "date", "date_end", "precision", "start", "end")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def article_record(a: Article) -> dict[str, Any]:
    """An article as the JSON record the CLI and the API print."""
    return {
        "id": a.id, "source": a.source, "kind": str(a.kind), "parent_id": a.parent_id,
        "site": a.site, "section": a.section, "headline": a.headline, "authors": list(a.authors),
        "byline": a.byline, "place": a.place, "agency": a.agency,
        "date": a.date.isoformat() if a.date else None,
        "crawl_date": a.crawl_date.isoformat() if a.crawl_date else None,
        "body": a.body, "subheadings": list(a.subheadings), "url": a.url,
        "story_id": a.story_id or a.id, "copies": a.copies,
    }


def source_record(s: Source) -> dict[str, Any]:
    return {"path": s.path, "sha256": s.sha256 or None, "size": s.size, "format": s.format or None,
            "status": str(s.status), "reason": s.reason, "articles": s.articles}


def body_span(paragraphs: Sequence[Paragraph], start: int, end: int) -> tuple[int | None, int | None]:
    """Page-text offsets (how the store keeps them) as offsets into the article's `body`, the
    text its record hands out: paragraphs joined by blank lines. None for an offset outside
    every paragraph (in the headline, say)."""
    def one(offset: int, closing: bool) -> int | None:
        base = 0
        for p in paragraphs:
            if p.start <= offset < p.end or (closing and offset == p.end):
                return base + min(offset - p.start, len(p.text))
            base += len(p.text) + 2
        return None
    return one(start, False), one(end, True)


def quote_record(q: Quote, paragraphs: Sequence[Paragraph] | None = None) -> dict[str, Any]:
    """A quotation; `start`/`end` index its article's `body` (given its `paragraphs`)."""
    start, end = body_span(paragraphs, q.start, q.end) if paragraphs is not None else (q.start, q.end)
    return {"id": q.id, "article_id": q.article_id, "text": q.text, "kind": str(q.kind),
            "speaker": q.speaker, "speaker_kind": str(q.speaker_kind) if q.speaker_kind else None,
            "speaker_country": q.speaker_country, "speaker_role": q.speaker_role, "cue": q.cue,
            "start": start, "end": end, "date": _iso(q.date), "speaker_id": q.speaker_id, "headline": q.headline}


def role_record(r: Role) -> dict[str, Any]:
    """A role and where it was learned: `learned_from` is `article` (the article's own words:
    `article_id` is the first that said it, `articles` how many did) or `knowledge` (a shipped
    table's row: its `source` note and the `valid_from`/`valid_until` dates it gives the office).
    `first_seen`/`last_seen` are the dates of the articles it was met in, either way."""
    return {"role": r.role, "country": r.country, "first_seen": _iso(r.first_seen), "last_seen": _iso(r.last_seen),
            "learned_from": "knowledge" if r.source else "article", "source": r.source,
            "valid_from": _iso(r.valid_from), "valid_until": _iso(r.valid_until), "article_id": r.article_id,
            "articles": r.articles}


def actor_record(a: Actor, counts: tuple[int, int, int] | None = None) -> dict[str, Any]:
    """An actor; `counts` are how often the corpus mentions it, quotes it and codes it in an
    event (None when not counted)."""
    mentions, quotes, events = counts if counts is not None else (None, None, None)
    roles = [role_record(r) for r in a.roles]
    return {"id": a.id, "name": a.name, "kind": str(a.kind), "country": a.country, "code": a.code,
            "roles": roles, "aliases": list(a.aliases), "mentions": mentions, "quotes": quotes, "events": events}


def event_record(e: Event, paragraphs: Sequence[Paragraph] | None = None) -> dict[str, Any]:
    """An event; `start`/`end` (its evidence sentence) index its article's `body` (given its
    `paragraphs`)."""
    start, end = body_span(paragraphs, e.start, e.end) if paragraphs is not None else (e.start, e.end)
    return {
        "id": e.id, "article_id": e.article_id, "source": e.source, "source_code": e.source_code,
        "source_country": e.source_country, "target": e.target, "target_code": e.target_code,
        "target_country": e.target_country, "cameo": e.cameo, "root": e.root, "quad": e.quad,
        "goldstein": e.goldstein, "date": _iso(e.date), "date_end": _iso(e.date_end),
        "date_precision": str(e.date_precision) if e.date_precision else None, "modality": str(e.modality),
        "location": e.location, "sentence": e.sentence, "start": start, "end": end, "rule": e.rule,
        "confidence": e.confidence, "mentions": e.mentions, "source_id": e.source_id, "target_id": e.target_id,
    }


def mention_record(m: Mention, paragraphs: Sequence[Paragraph] | None = None) -> dict[str, Any]:
    """An actor mention: which actor a span of an article refers to (offsets into its `body`)."""
    start, end = body_span(paragraphs, m.start, m.end) if paragraphs is not None else (m.start, m.end)
    return {"article_id": m.article_id, "actor_id": m.actor_id, "text": m.text, "start": start, "end": end}


def date_record(d: DateMention, paragraphs: Sequence[Paragraph] | None = None) -> dict[str, Any]:
    """A resolved time expression: the day, or the range it names, and how precise it is."""
    start, end = body_span(paragraphs, d.start, d.end) if paragraphs is not None else (d.start, d.end)
    return {"article_id": d.article_id, "text": d.text, "date": d.date.isoformat(), "date_end": _iso(d.date_end),
            "precision": str(d.precision), "start": start, "end": end}


def records_csv(records: Sequence[dict[str, Any]]) -> str:
    """Records as CSV, a header of every key in order of first appearance (a timeline mixes
    event and quotation records: a cell a record has no key for is empty); list and object
    values as JSON. One function, so that `--format csv` and the API's `.csv` routes write the
    same text."""
    buf = io.StringIO()
    if records:
        writer = csv.DictWriter(buf, fieldnames=list(dict.fromkeys(k for r in records for k in r)))
        writer.writeheader()
        for r in records:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                             for k, v in r.items()})
    return buf.getvalue()


def event_when(e: Event) -> str:
    """An event's date at its precision: `2019` for a year, `2019-02` for a month, a day, or
    a range of days (a week): what the text says, not the first day of it. Empty when undated."""
    if e.date is None:
        return ""
    if e.date_precision == DatePrecision.YEAR:
        return f"{e.date:%Y}"
    if e.date_precision == DatePrecision.MONTH:
        return f"{e.date:%Y-%m}"
    return f"{e.date}..{e.date_end}" if e.date_end and e.date_end != e.date else e.date.isoformat()
