"""The JSON records every machine-readable output prints: the CLI listings and the exports.

They live here, outside the CLI, so that the store's exports and the commands share one
definition of each record and cannot drift apart. Each `*_FIELDS` tuple is its record's keys,
in order (the CLI reference in docs/cli.md lists them exactly).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dateline.model import Actor, Article, DateMention, Event, Mention, Quote, Source

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
    "date_record",
    "event_record",
    "mention_record",
    "quote_record",
    "source_record",
]

ARTICLE_FIELDS = ("id", "source", "kind", "parent_id", "site", "section", "headline", "authors",
                  "byline", "place", "agency", "date", "crawl_date", "body", "subheadings", "url",
                  "story_id", "copies")
SOURCE_FIELDS = ("path", "sha256", "size", "format", "status", "reason", "articles")
QUOTE_FIELDS = ("id", "article_id", "text", "kind", "speaker", "speaker_kind", "speaker_country",
                "speaker_role", "cue", "start", "end")
ACTOR_FIELDS = ("id", "name", "kind", "country", "code", "roles", "aliases")
EVENT_FIELDS = ("id", "article_id", "source", "source_code", "source_country", "target", "target_code",
                "target_country", "cameo", "root", "quad", "goldstein", "date", "date_end", "date_precision",
                "modality", "location", "sentence", "start", "end", "rule", "confidence", "mentions")
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


def quote_record(q: Quote) -> dict[str, Any]:
    return {"id": q.id, "article_id": q.article_id, "text": q.text, "kind": str(q.kind),
            "speaker": q.speaker, "speaker_kind": str(q.speaker_kind) if q.speaker_kind else None,
            "speaker_country": q.speaker_country, "speaker_role": q.speaker_role, "cue": q.cue,
            "start": q.start, "end": q.end}


def actor_record(a: Actor) -> dict[str, Any]:
    roles = [{"role": r.role, "country": r.country,
              "first_seen": r.first_seen.isoformat() if r.first_seen else None,
              "last_seen": r.last_seen.isoformat() if r.last_seen else None} for r in a.roles]
    return {"id": a.id, "name": a.name, "kind": str(a.kind), "country": a.country, "code": a.code,
            "roles": roles, "aliases": list(a.aliases)}


def event_record(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "article_id": e.article_id, "source": e.source, "source_code": e.source_code,
        "source_country": e.source_country, "target": e.target, "target_code": e.target_code,
        "target_country": e.target_country, "cameo": e.cameo, "root": e.root, "quad": e.quad,
        "goldstein": e.goldstein, "date": _iso(e.date), "date_end": _iso(e.date_end),
        "date_precision": str(e.date_precision) if e.date_precision else None, "modality": str(e.modality),
        "location": e.location, "sentence": e.sentence, "start": e.start, "end": e.end, "rule": e.rule,
        "confidence": e.confidence, "mentions": e.mentions,
    }


def mention_record(m: Mention) -> dict[str, Any]:
    """An actor mention: which actor a span of an article refers to (offsets into the page)."""
    return {"article_id": m.article_id, "actor_id": m.actor_id, "text": m.text, "start": m.start, "end": m.end}


def date_record(d: DateMention) -> dict[str, Any]:
    """A resolved time expression: the day, or the range it names, and how precise it is."""
    return {"article_id": d.article_id, "text": d.text, "date": d.date.isoformat(), "date_end": _iso(d.date_end),
            "precision": str(d.precision), "start": d.start, "end": d.end}
