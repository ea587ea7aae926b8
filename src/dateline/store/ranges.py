"""Index ranges in listing order: how a page of events, quotations or a timeline is read.

A filter such as `--source CHN` is written as a union of conditions ("arms"), each of which an
index serves as one range already sorted in listing order (schema migrations 7 and 8). A page
is then a merge of those ranges that SQLite stops after the page, instead of a sort of every
matching row. The arms are disjoint, so the merge needs no de-duplication and counts add up.
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from dateline.errors import QueryError

__all__ = ["COUNTRY_CODE", "SORTS", "Arm", "FacetCount", "FacetTimeout", "combine", "count_rows", "country_arms", "either",
           "facet_counts", "key_order", "one_of", "time_limit", "window"]

Arm = tuple[str, list[Any]]  # a condition and the values bound to it
COUNTRY_CODE = re.compile(r"^[A-Za-z]{3}$")
# A query holds at most 500 SELECTs: a filter is read through at most this many ranges.
MAX_RANGES = 120


def one_of(column: str, values: Sequence[str], split: int) -> list[Arm]:
    """`column` is one of `values`, as disjoint arms: one `=` per value (a range read in index
    order) for up to `split` values, else one list (a range that must be sorted)."""
    if len(values) <= split:
        return [(f"{column} = ?", [v]) for v in values]
    return [(f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values))])]


def country_arms(conn: sqlite3.Connection, country_column: str, id_column: str, country: str | None,
                 ids: Sequence[str], split: int) -> list[Arm]:
    """Disjoint arms for: the record's country is `country` (its own, or where it has none, its
    actor's corpus-wide one), or its actor is one of `ids`.

    `COALESCE(record country, actor country) = C`, which no index serves, is split into the
    record's country C, and no country of its own with an actor of country C (partial indexes
    hold the records without one). An actor in `ids` keeps only what those have not matched.
    """
    if country is None:
        return one_of(id_column, ids, split)
    members = [r[0] for r in conn.execute("SELECT id FROM actors WHERE country = ? ORDER BY id", (country,))]
    arms: list[Arm] = [(f"{country_column} = ?", [country])]
    arms += [(f"{country_column} IS NULL AND {sql}", args) for sql, args in one_of(id_column, members, split)]
    apart = (f" AND COALESCE({country_column} != ?, 1) AND NOT ({country_column} IS NULL"
             f" AND {id_column} IN (SELECT value FROM json_each(?)))")
    arms += [(sql + apart, [*args, country, json.dumps(members)]) for sql, args in one_of(id_column, ids, split)]
    return arms


def combine(filters: Sequence[Callable[[int], list[Arm]] | None]) -> list[tuple[list[str], list[Any]]]:
    """Every combination of one arm per filter (a filter is a function of the `split` to use,
    or None for no condition), with fewer, longer ranges if there would be over `MAX_RANGES`."""
    for split in (16, 4, 1):
        combos: list[tuple[list[str], list[Any]]] = [([], [])]
        for arms_of in filters:
            if arms_of is None:
                continue
            combos = [([*conds, sql], [*args, *arm_args]) for conds, args in combos for sql, arm_args in arms_of(split)]
        if len(combos) <= MAX_RANGES:
            break
    return combos


def either(combos: Sequence[tuple[list[str], list[Any]]]) -> tuple[str, list[Any]]:
    """One condition that holds where all the conditions of some combination hold: the union
    as a plain WHERE term, for reading a whole listing in one query."""
    if any(not conditions for conditions, _ in combos):
        return "1", []
    sql = " OR ".join("(" + " AND ".join(conditions) + ")" for conditions, _ in combos)
    return f"({sql})", [a for _, args in combos for a in args]


def window(limit: int | None, offset: int | None, args: list[Any]) -> str:
    """`LIMIT ? OFFSET ?` (values appended to `args`), or nothing for the whole listing."""
    if limit is None and offset is None:
        return ""
    args += [-1 if limit is None else limit, offset or 0]
    return " LIMIT ? OFFSET ?"


SORTS = ("date", "-date")  # every listing: oldest first (the default) or newest first


def key_order(sort: str, columns: Sequence[str]) -> str:
    """`ORDER BY` over a listing's key columns (`undated` first, then the date and tiebreakers)
    for `sort`: undated records come last either way, so that newest first starts with news."""
    if sort not in SORTS:
        raise QueryError("sort", sort, "expected one of " + ", ".join(SORTS))
    direction = " DESC" if sort.startswith("-") else ""
    return " ORDER BY undated, " + ", ".join(c + direction for c in columns)


@dataclass(frozen=True, slots=True)
class FacetCount:
    """One value of a facet and how many records of the listing have it. `value` is what the
    facet's filter takes (an actor id, a country code, `2023-03`); `label` is what to show."""

    value: str
    label: str
    count: int


class FacetTimeout(Exception):
    """A facet (or a total) could not be counted before its deadline (the listing matches too many records
    to count in the time a page has); the listing itself is unaffected."""


@contextmanager
def time_limit(conn: sqlite3.Connection, deadline: float | None, what: str = "count") -> Iterator[None]:
    """Statements run inside stop at `deadline` (`time.monotonic()`) with `FacetTimeout`; no
    limit when it is None. The connection is usable afterwards."""
    if deadline is None:
        yield
        return
    if time.monotonic() > deadline:
        raise FacetTimeout(what)
    conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 2000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise FacetTimeout(what) from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def facet_counts(conn: sqlite3.Connection, table: str, expression: str,
                 combos: Sequence[tuple[list[str], list[Any]]], *, top: int = 20,
                 deadline: float | None = None) -> list[tuple[str, int]]:
    """The `top` most frequent values of `expression` over the listing's records (`table`: the
    FROM clause with its joins), as (value, count), most frequent first (ties: by value).

    The arms are disjoint, so each is counted over its own index range and the counts add up;
    records where `expression` is NULL are not counted. With a `deadline` (`time.monotonic()`),
    counting stops there with `FacetTimeout` rather than hold a page up: a facet over a million
    records is not worth a slow page (the CLI counts without one).
    """
    counts: Counter[str] = Counter()
    with time_limit(conn, deadline, expression):
        for conditions, args in combos:
            if deadline is not None and time.monotonic() > deadline:
                raise FacetTimeout(expression)
            sql = (f"SELECT {expression} AS v, COUNT(*) FROM {table} WHERE " + (" AND ".join(conditions) or "1")
                   + " GROUP BY v")
            for value, n in conn.execute(sql, args):
                if value is not None:
                    counts[str(value)] += n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]


def count_rows(conn: sqlite3.Connection, table: str, combos: Sequence[tuple[list[str], list[Any]]]) -> int:
    """How many records the listing holds: the disjoint arms counted one by one and added."""
    total = 0
    for conditions, args in combos:
        total += conn.execute(f"SELECT COUNT(*) FROM {table} WHERE " + (" AND ".join(conditions) or "1"),
                              args).fetchone()[0]
    return int(total)
