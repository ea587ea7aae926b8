"""Commands over events: events, timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from dateline.cli._common import date_param, db_option, emit, format_option, open_store
from dateline.model import Event, Modality
from dateline.records import EVENT_FIELDS, event_record, quote_record
from dateline.store.events import TimelineEntry, list_events, timeline

__all__ = ["EVENT_FIELDS", "event_record", "events_cmd", "timeline_cmd"]


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _when(e: Event) -> str:
    if e.date is None:
        return ""
    return f"{e.date}..{e.date_end}" if e.date_end else e.date.isoformat()


@click.command("events")
@db_option
@click.option("--source", default=None, help="Source: a country code (CHN), an actor name or an actor id.")
@click.option("--target", default=None, help="Target: a country code, an actor name or an actor id.")
@click.option("--code", default=None, help="CAMEO code prefix: 04 means every consultation.")
@click.option("--quad", type=click.IntRange(1, 4), default=None,
              help="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.")
@click.option("--modality", type=click.Choice([m.value for m in Modality]), default=None)
@click.option("--since", callback=date_param, default=None, help="On or after YYYY-MM-DD.")
@click.option("--until", callback=date_param, default=None, help="On or before YYYY-MM-DD.")
@click.option("--teasers", is_flag=True, help="Include events coded from teaser ledes.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@format_option
def events_cmd(db: Path, source: str | None, target: str | None, code: str | None, quad: int | None,
               modality: str | None, since: dt.date | None, until: dt.date | None, teasers: bool,
               limit: int | None, fmt: str) -> None:
    """List CAMEO-coded events: who did what to whom, when, how sure, and the evidence.

    \b
    Example:
      dateline events --db news.db --source CHN --code 04 --since 2023-03-01
    """
    with open_store(db) as conn:
        rows = list_events(conn, source=source, target=target, code=code, quad=quad,
                           modality=Modality(modality) if modality else None, since=since, until=until,
                           teasers=teasers, limit=limit)

    def table() -> Table:
        t = Table("date", "source", "cameo", "target", "modality", "evidence")
        for e in rows:
            t.add_row(_when(e), f"{e.source} ({e.source_country or e.source_code or '?'})", e.cameo,
                      f"{e.target} ({e.target_country or e.target_code or '?'})" if e.target else "",
                      str(e.modality), e.sentence)
        return t

    emit([event_record(e) for e in rows], fmt, table)


def _entry_record(entry: TimelineEntry) -> dict[str, Any]:
    if entry.event is not None:
        return {"type": "event", "date": _iso(entry.date), **event_record(entry.event)}
    assert entry.quote is not None
    return {"type": "quote", "date": _iso(entry.date), **quote_record(entry.quote)}


@click.command("timeline")
@click.argument("actor")
@db_option
@click.option("--with", "with_actor", default=None, help="Only events with this other actor (code, name or id).")
@click.option("--code", default=None, help="CAMEO code prefix (then quotations are left out).")
@click.option("--teasers", is_flag=True, help="Include teaser ledes.")
@format_option
def timeline_cmd(actor: str, db: Path, with_actor: str | None, code: str | None, teasers: bool,
                 fmt: str) -> None:
    """An actor's events and quotations in date order (ACTOR: name, alias or id).

    \b
    Example:
      dateline timeline "Qin Gang" --with UKR --db news.db
    """
    with open_store(db) as conn:
        entries = timeline(conn, actor, with_actor=with_actor, code=code, teasers=teasers)

    def table() -> Table:
        t = Table("date", "what", "text")
        for entry in entries:
            if entry.event is not None:
                e = entry.event
                t.add_row(_when(e), f"{e.source} {e.cameo} {e.target or ''} [{e.modality}]", e.sentence)
            elif entry.quote is not None:
                q = entry.quote
                t.add_row(str(entry.date or ""), f"{q.speaker} {q.cue or 'said'}", f"\u201c{q.text}\u201d")
        return t

    emit([_entry_record(e) for e in entries], fmt, table)
