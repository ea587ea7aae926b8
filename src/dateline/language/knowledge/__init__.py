"""Knowledge that ships: who held which office when (`data/people.tsv` and the CIA World
Factbook's heads of state and government, `factbook.py`), read once, looked up in O(1).

News assumes the reader knows who the US president is: an article names "Mr. Trump" or "Xi
Jinping" without saying which state they serve. The text still wins: this table answers only
what the article leaves open, and it answers for the article's date, so "the foreign minister"
of China is Qin Gang in March 2023 and Wang Yi in 2025, and "President Trump" in 2019 and in
2025 is the same person. Each row keeps its validity dates and a source note, shown as the
provenance of a role the table gave.

Two sources, one table. The Factbook lists who leads each state now, each with the day they
took office; people.tsv extends it backwards (earlier terms, predecessors) and sideways
(ministers, spokespeople, heads of international organisations). Where both have the person in
an office on the Factbook's day, people.tsv's row is kept (its dates are ours, start and end,
where the Factbook's "since" may be a re-election): no person is listed twice for one term. Where
they differ, the later start closes the open office of the earlier holder: a leader people.tsv
still shows in office ends when the Factbook's successor began, and the other way round.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from dateline.language.gazetteer import fold, read_table
from dateline.language.knowledge.factbook import FactbookRow, edition, factbook_rows

__all__ = ["Holder", "Knowledge", "load_knowledge"]


@dataclass(frozen=True, slots=True)
class Holder:
    """One row of people.tsv: a person in one office for a span of dates."""

    name: str
    country: str | None  # ISO alpha-3 of the state served; None for an international organisation
    org: str | None  # CAMEO code of the organisation served (UNO, NAT); None for a state's officer
    role: str
    start: dt.date
    end: dt.date | None  # None: still in office when compiled
    source: str
    # A surname alone names this holder only in an article dated in the term: the Factbook lists
    # today's leaders of every state, most of whom news names rarely, so an undated "Mr. Brown"
    # is not taken for one of them.
    dated_only: bool = False

    def holds_on(self, day: dt.date | None) -> bool:
        """Whether the office was held on `day`; an undated article matches every row."""
        return day is None or (self.start <= day and (self.end is None or day < self.end))

    @property
    def code(self) -> str:
        """The CAMEO actor code of the office: the state's government, or the organisation."""
        return f"IGO{self.org}" if self.org else f"{self.country}GOV"


def _key(name: str) -> str:
    return " ".join(fold(name).replace(".", " ").split()).casefold()


def _table_rows() -> Iterator[tuple[list[str], Holder]]:
    for row in read_table("people.tsv"):
        holder = Holder(row["name"], row["country"] or None, row["org"] or None, row["role"],
                        dt.date.fromisoformat(row["start"]),
                        dt.date.fromisoformat(row["end"]) if row["end"] else None, row["source"])
        if (holder.country is None) == (holder.org is None):
            raise ValueError(f"people.tsv: {row['name']!r} needs a country or an organisation, not both")
        yield [row["name"], *(a for a in row["aliases"].split("|") if a)], holder


def merge(table: list[tuple[list[str], Holder]], factbook: tuple[FactbookRow, ...], source: str
          ) -> list[tuple[list[str], list[str], Holder]]:
    """people.tsv's rows and the Factbook's as (aliases, surnames, holder), with no person twice
    for one term and one holder at a time in each office the Factbook names (module docstring)."""
    ours: dict[str, list[Holder]] = {}
    for aliases, holder in table:
        for alias in aliases:
            ours.setdefault(_key(alias), []).append(holder)
    added: list[tuple[list[str], list[str], Holder]] = []
    for row in factbook:
        aliases = [row.name, *row.aliases]
        known = [h for a in aliases for h in ours.get(_key(a), ())]
        if any(h.country != row.country or h.holds_on(row.start) for h in known):
            continue  # ours has them in office then (or a namesake of another state): ours is kept
        holder = Holder(row.name, row.country, None, row.role, row.start, None, source, dated_only=True)
        added.append((aliases, [row.surname] if row.surname else [], holder))
    offices = {(h.country, h.role) for _, _, h in added}
    every = [(a, [a_.split()[-1] for a_ in a], h) for a, h in table] + added
    by_office: dict[tuple[str | None, str], list[Holder]] = {}
    for _, _, h in every:
        if (h.country, h.role) in offices:
            by_office.setdefault((h.country, h.role), []).append(h)
    ends: dict[int, dt.date] = {}
    for holders in by_office.values():
        for h in holders:  # an open office ends when the next holder of it began
            later = [o.start for o in holders if o.name != h.name and o.start > h.start]
            if h.end is None and later:
                ends[id(h)] = min(later)
    return [(a, s, replace(h, end=ends[id(h)]) if id(h) in ends else h) for a, s, h in every]


def _rows() -> list[tuple[list[str], list[str], Holder]]:
    """Every row of both sources: (aliases, surnames it is known by, holder)."""
    states = frozenset(r["alpha3"] for r in read_table("countries.tsv"))
    return merge(list(_table_rows()), factbook_rows(states), edition())


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Office holders by full name, by surname and by (country or organisation, office)."""

    by_name: Mapping[str, tuple[Holder, ...]]
    by_surname: Mapping[str, tuple[Holder, ...]]
    by_office: Mapping[tuple[str, str], tuple[Holder, ...]]

    def person(self, name: str, day: dt.date | None = None) -> Holder | None:
        """The office a full name held on `day` (else the latest office it ever held: the state a
        person served does not change when the term ends)."""
        return _pick(self.by_name.get(_key(name), ()), day)

    def surname(self, word: str, day: dt.date | None, years: tuple[int, int] | None = None) -> Holder | None:
        """The one office holder of that surname in office on `day` ("Mr. Trump" in 2019); None
        when no one held an office then, or the table knows several people of that surname
        (`Khan`, `Johnson`: a surname shared is too often someone else's).

        Many real pages carry no date. Undated, the surname still names its one holder in the
        table, less surely: when the article mentions years (`years`, the first and last it
        names), it was written in or after the last, so the holder's first office that lasted
        until then; else the latest office they held."""
        rows = self.by_surname.get(_key(word), ())
        if len({h.name for h in rows}) != 1:
            return None
        if day is None:
            rows = tuple(h for h in rows if not h.dated_only)
        if day is not None:
            return next((h for h in rows if h.holds_on(day)), None)
        if years is not None:  # written in or after the last year it names: the first office held then or later
            rows = tuple(h for h in rows if h.end is None or h.end.year >= years[1])
            return min(rows, key=lambda h: h.start) if rows else None
        return max(rows, key=lambda h: h.start) if rows else None

    def holder(self, state: str, role: str, day: dt.date | None) -> Holder | None:
        """Who held `role` of a state or organisation on `day` (China's foreign minister in 2023-03)."""
        held = [h for h in self.by_office.get((state, role.lower()), ()) if day is not None and h.holds_on(day)]
        return held[0] if len({h.name for h in held}) == 1 else None


def _pick(rows: tuple[Holder, ...], day: dt.date | None) -> Holder | None:
    if not rows:
        return None
    current = [h for h in rows if h.holds_on(day)] if day is not None else []
    return current[0] if current else max(rows, key=lambda h: h.start)


@functools.cache
def load_knowledge() -> Knowledge:
    """The table, read once per process."""
    names: dict[str, list[Holder]] = {}
    surnames: dict[str, list[Holder]] = {}
    offices: dict[tuple[str, str], list[Holder]] = {}
    for aliases, family, holder in _rows():
        for alias in aliases:
            names.setdefault(_key(alias), []).append(holder)
        for surname in dict.fromkeys(_key(s) for s in family):  # `Zelenskyy` too
            surnames.setdefault(surname, []).append(holder)
        offices.setdefault((holder.country or holder.org or "", holder.role), []).append(holder)

    def freeze(d: Mapping[object, list[Holder]]) -> Mapping[object, tuple[Holder, ...]]:
        return MappingProxyType({k: tuple(v) for k, v in d.items()})

    return Knowledge(freeze(names), freeze(surnames), freeze(offices))  # type: ignore[arg-type]
