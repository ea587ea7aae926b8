"""Commands over events: events, timeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from dateline.cli._common import (
    count_option,
    date_param,
    db_option,
    emit,
    emit_count,
    emit_summary,
    facet_option,
    format_option,
    offset_option,
    open_store,
    sort_option,
)
from dateline.model import Modality
from dateline.records import EVENT_FIELDS, event_record, event_when as when
from dateline.store.events import EVENT_FACETS, count_events, event_facets, list_events, timeline, timeline_summary
from dateline.store.export import entry_records, event_records

__all__ = ["EVENT_FIELDS", "event_record", "events_cmd", "timeline_cmd"]


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
@sort_option()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@offset_option
@count_option
@facet_option(tuple(EVENT_FACETS))
@format_option
def events_cmd(db: Path, source: str | None, target: str | None, code: str | None, quad: int | None,
               modality: str | None, since: dt.date | None, until: dt.date | None, teasers: bool, sort: str,
               limit: int | None, offset: int | None, count: bool, facets: tuple[str, ...], fmt: str) -> None:
    """List CAMEO-coded events: who did what to whom, when, how sure, and the evidence.

    \b
    Example:
      dateline events --db news.db --source CHN --code 04 --since 2023-03-01
      dateline events --db news.db --facet root --facet target_country
    """
    filters: dict[str, Any] = {"source": source, "target": target, "code": code, "quad": quad,
                               "modality": Modality(modality) if modality else None, "since": since,
                               "until": until, "teasers": teasers}
    with open_store(db) as conn:
        if emit_summary(fmt, count=count, facets=facets, total=lambda: count_events(conn, **filters),
                        facet=lambda name: event_facets(conn, name, **filters)):
            return
        rows = list_events(conn, **filters, sort=sort, limit=limit, offset=offset)
        records = event_records(conn, rows)

    def table() -> Table:
        t = Table("date", "source", "cameo", "target", "modality", "evidence")
        for e in rows:
            t.add_row(when(e), f"{e.source} ({e.source_country or e.source_code or '?'})", e.cameo,
                      f"{e.target} ({e.target_country or e.target_code or '?'})" if e.target else "",
                      str(e.modality), e.sentence)
        return t

    emit(records, fmt, table)


@click.command("timeline")
@click.argument("actor")
@db_option
@click.option("--with", "with_actor", default=None, help="Only events with this other actor (code, name or id).")
@click.option("--code", default=None, help="CAMEO code prefix (then quotations are left out).")
@click.option("--keyword", default=None, help="Only entries whose evidence or quotation contains this.")
@click.option("--teasers", is_flag=True, help="Include teaser ledes.")
@sort_option()
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many.")
@offset_option
@count_option
@format_option
def timeline_cmd(actor: str, db: Path, with_actor: str | None, code: str | None, keyword: str | None,
                 teasers: bool, sort: str, limit: int | None, offset: int | None, count: bool, fmt: str) -> None:
    """An actor's events and quotations in date order (ACTOR: name, alias or id).

    \b
    Example:
      dateline timeline "Qin Gang" --with UKR --db news.db
    """
    with open_store(db) as conn:
        if count:
            summary = timeline_summary(conn, actor, with_actor=with_actor, code=code, keyword=keyword,
                                       teasers=teasers)
            emit_count(summary.events + summary.quotes, fmt)
            return
        entries = timeline(conn, actor, with_actor=with_actor, code=code, keyword=keyword, teasers=teasers,
                           sort=sort, limit=limit, offset=offset)
        records = entry_records(conn, entries)

    def table() -> Table:
        t = Table("date", "what", "text")
        for entry in entries:
            if entry.event is not None:
                e = entry.event
                t.add_row(when(e), f"{e.source} {e.cameo} {e.target or ''} [{e.modality}]", e.sentence)
            elif entry.quote is not None:
                q = entry.quote
                t.add_row(str(entry.date or ""), f"{q.speaker or '?'} {q.cue or 'said'}",
                          f"\u201c{q.text}\u201d ({q.headline or ''})")
        return t

    emit(records, fmt, table)
