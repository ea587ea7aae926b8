"""Totals and facets read from the tallies (schema migration 12) instead of counted over records.

A listing's filter is a union of disjoint arms over its records (`dateline.store.ranges`). When
every condition of the arms is on columns a tally is keyed by (an event's source or target
actor and own country, a quotation's speaker and own country, whether it sits in a teaser),
the same arms select tally keys instead of records: a few hundred rows to sum, however many
records match. The tallies are kept in the writing transaction by triggers, so the sums are
exact, not estimates; a filter the tallies are not keyed by (a date range, a CAMEO code, a
full-text search) is counted over the records as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.store.ranges import either

__all__ = ["TallySide", "tally_facet", "tally_total"]


@dataclass(frozen=True, slots=True)
class TallySide:
    """A side of `tallies`, and the names its key columns go by in a listing's conditions
    (`e.source_id`, `q.speaker_country`...): `alias.id_column`, `alias.country_column`."""

    side: str
    alias: str
    id_column: str = "actor_id"
    country_column: str = "country"


def _keys(side: TallySide, combos: Sequence[tuple[list[str], list[Any]]]) -> tuple[str, list[Any]]:
    """A query of the tally keys (actor_id, country, in_teaser, n) whose records the arms select:
    a key's records share the columns the arms test, so each key is wholly in or out of the
    listing. The arms' conditions name the key columns as the listing does (`e.source_id`)."""
    where, args = either(combos)  # one pass over the keys for all the arms
    # `copy`: the tallies count no copy of a main article's quotation (schema migration 15), so
    # every key passes the listing's `copy = 0`.
    rows = (f"SELECT actor_id, country, in_teaser, n, 0 AS copy, NULLIF(actor_id, '') AS {side.id_column},"
            f" NULLIF(country, '') AS {side.country_column} FROM tallies WHERE side = ? AND facet = 'all' AND n != 0")
    return f"SELECT actor_id, country, in_teaser, n FROM ({rows}) {side.alias} WHERE {where}", [side.side, *args]


def tally_total(conn: sqlite3.Connection, side: TallySide, combos: Sequence[tuple[list[str], list[Any]]]) -> int:
    """How many records the arms select."""
    if not combos:
        return 0
    keys, args = _keys(side, combos)
    return int(conn.execute(f"SELECT COALESCE(SUM(n), 0) FROM ({keys})", args).fetchone()[0])


def tally_facet(conn: sqlite3.Connection, side: TallySide, combos: Sequence[tuple[list[str], list[Any]]], facet: str,
                expression: str) -> list[tuple[str, int]]:
    """The records the arms select counted by `expression` over a tally row `t` of `facet`
    (`t.value`, `t.actor_id`, `t.country`, with '' meaning none), most frequent first (ties: by
    value); records where it is NULL are not counted."""
    if not combos:
        return []
    keys, args = _keys(side, combos)
    if facet == "all":  # the keys' own rows
        sql = f"SELECT {expression} AS v, SUM(t.n) FROM ({keys}) t GROUP BY v"
    else:
        sql = (f"SELECT {expression} AS v, SUM(t.n) FROM ({keys}) k JOIN tallies t ON t.side = ? AND t.facet = ?"
               " AND t.actor_id = k.actor_id AND t.country = k.country AND t.in_teaser = k.in_teaser GROUP BY v")
        args += [side.side, facet]
    counts = [(str(value), int(n)) for value, n in conn.execute(sql, args) if value is not None and n]
    return sorted(counts, key=lambda kv: (-kv[1], kv[0]))
