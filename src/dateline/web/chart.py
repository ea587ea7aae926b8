"""Geometry of the actor page's chart: events per month, stacked by CAMEO quad class.

The numbers are computed here and drawn by the template as inline SVG, so the chart needs no
JavaScript and its text (labels, legend, the table behind it) is escaped like any other text.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dateline.events.cameo import QUAD_NAMES
from dateline.model import Event

__all__ = ["QUAD_COLOURS", "Bar", "Chart", "Month", "events_chart"]

# Colour-blind-safe (Okabe–Ito), each with at least 3:1 contrast on white.
QUAD_COLOURS = {1: "#0072B2", 2: "#009E73", 3: "#D55E00", 4: "#CC79A7"}
WIDTH, HEIGHT, AXIS = 640, 200, 24
_MAX_MONTHS = 120  # a longer span is drawn per year so bars stay visible
_MAX_BAR = 48.0  # a month's bar stays a bar when the whole span is one or two months


@dataclass(frozen=True, slots=True)
class Bar:
    """One coloured segment of a stacked column."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    label: str  # `2023-03: 4 verbal cooperation`, the segment's tooltip


@dataclass(frozen=True, slots=True)
class Month:
    """A column: its label and its counts per quad class (1..4)."""

    label: str
    counts: tuple[int, int, int, int]
    x: float

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    axis: int
    peak: int
    months: tuple[Month, ...]
    bars: tuple[Bar, ...]
    undated: int
    legend: tuple[tuple[str, str], ...]  # (colour, quad name)
    tick_every: int  # label every n-th column, so labels never overlap


def _bucket(day: dt.date, yearly: bool) -> str:
    return f"{day.year}" if yearly else f"{day.year}-{day.month:02d}"


def _buckets(first: dt.date, last: dt.date, yearly: bool) -> list[str]:
    """Every period from first to last, empty ones included, so time reads left to right."""
    if yearly:
        return [str(y) for y in range(first.year, last.year + 1)]
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def events_chart(events: Iterable[Event]) -> Chart | None:
    """The chart of `events`, or None when none of them is dated."""
    listed = list(events)
    dated = [e for e in listed if e.date is not None]
    if not dated:
        return None
    days = [e.date for e in dated if e.date is not None]
    first, last = min(days), max(days)
    yearly = (last.year - first.year) * 12 + last.month - first.month >= _MAX_MONTHS
    counts = Counter((_bucket(e.date, yearly), e.quad) for e in dated if e.date is not None)
    labels = _buckets(first, last, yearly)
    step = WIDTH / len(labels)
    months = tuple(Month(label, (counts[label, 1], counts[label, 2], counts[label, 3], counts[label, 4]),
                         i * step) for i, label in enumerate(labels))
    peak = max(m.total for m in months)
    scale = (HEIGHT - AXIS) / peak
    bars: list[Bar] = []
    for m in months:
        y = float(HEIGHT - AXIS)
        for quad, n in enumerate(m.counts, start=1):
            if n:
                y -= n * scale
                width = min(step * 0.8, _MAX_BAR)
                bars.append(Bar(m.x + (step - width) / 2, y, width, n * scale, QUAD_COLOURS[quad],
                                f"{m.label}: {n} {QUAD_NAMES[quad]}"))
    legend = tuple((QUAD_COLOURS[q], QUAD_NAMES[q]) for q in (1, 2, 3, 4))
    return Chart(WIDTH, HEIGHT, AXIS, peak, months, tuple(bars), len(listed) - len(dated), legend,
                 tick_every=-(-len(months) // 6))
