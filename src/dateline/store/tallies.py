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

import json
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from dateline.store.ranges import either

__all__ = ["TallySide", "tally_facet", "tally_keys", "tally_total"]


@dataclass(frozen=True, slots=True)
class TallySide:
    """A side of `tallies`, and the names its key columns go by in a listing's conditions
    (`e.source_id`, `q.speaker_country`...): `alias.id_column`, `alias.country_column`."""

    side: str
    alias: str
    id_column: str = "actor_id"
    country_column: str = "country"


Keys = list[tuple[str, str, int, int]]  # actor_id, country, in_teaser (stored form), records


def tally_keys(conn: sqlite3.Connection, side: TallySide, combos: Sequence[tuple[list[str], list[Any]]]) -> Keys:
    """The tally keys whose records the arms select, each with its number of records: a key's
    records share the columns the arms test, so each key is wholly in or out of the listing."""
    rows = (f"SELECT actor_id, country, in_teaser, n, NULLIF(actor_id, '') AS {side.id_column},"
            f" NULLIF(country, '') AS {side.country_column} FROM tallies WHERE side = ? AND facet = 'all' AND n != 0")
    if not combos:
        return []
    where, args = either(combos)  # one pass over the keys for all the arms
    sql = f"SELECT actor_id, country, in_teaser, n FROM ({rows}) {side.alias} WHERE {where}"
    return [(r[0], r[1], r[2], r[3]) for r in conn.execute(sql, [side.side, *args])]


def tally_total(keys: Keys) -> int:
    """How many records the keys hold."""
    return sum(k[3] for k in keys)


def tally_facet(conn: sqlite3.Connection, side: TallySide, keys: Keys, facet: str, expression: str) -> list[tuple[str, int]]:
    """The records of `keys` counted by `expression` over a tally row `t` of `facet` (`t.value`,
    `t.actor_id`, `t.country`, with '' meaning none), most frequent first (ties: by value);
    records where it is NULL are not counted."""
    if not keys:
        return []
    sql = (f"SELECT {expression} AS v, SUM(t.n) FROM json_each(?) j JOIN tallies t ON t.side = ? AND t.facet = ?"
           " AND t.actor_id = json_extract(j.value, '$[0]') AND t.country = json_extract(j.value, '$[1]')"
           " AND t.in_teaser = json_extract(j.value, '$[2]') GROUP BY v")
    counts: Counter[str] = Counter()
    for value, n in conn.execute(sql, (json.dumps([k[:3] for k in keys]), side.side, facet)):
        if value is not None and n:
            counts[str(value)] += n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
