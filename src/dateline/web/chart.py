"""Geometry of the actor page's chart: events per month, stacked by CAMEO quad class.

The numbers are computed here and drawn by the template as inline SVG, so the chart needs no
JavaScript and its text (labels, legend, the table behind it) is escaped like any other text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from dateline.events.cameo import QUAD_NAMES

__all__ = ["QUAD_COLOURS", "Bar", "Chart", "Month", "events_chart"]

# Colour-blind-safe (Okabe–Ito), each with at least 3:1 contrast on white.
QUAD_COLOURS = {1: "#0072B2", 2: "#009E73", 3: "#D55E00", 4: "#CC79A7"}
WIDTH, HEIGHT, AXIS = 640, 200, 28
PAD = 44  # room left and right of the columns, so the first and last labels are whole when centred
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
    """A column: its label, its counts per quad class (1..4), where it starts and its centre
    (where its bar, its tick mark and its label are drawn, so that they line up)."""

    label: str
    counts: tuple[int, int, int, int]
    x: float
    centre: float = 0.0

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
    year_only: int = 0  # events dated only to a year: not put in a month they may not belong to


def _months(first: str, last: str) -> list[str]:
    """Every month (`YYYY-MM`) from first to last, empty ones included, so time reads left to right."""
    out, year, month = [], int(first[:4]), int(first[5:7])
    while f"{year}-{month:02d}" <= last:
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def events_chart(per_month: Mapping[tuple[str, int], int], undated: int = 0) -> Chart | None:
    """The chart of events counted per month (`YYYY-MM`; a key `YYYY` counts events dated only
    to that year) and quad class, or None when none is dated. A span of more than `_MAX_MONTHS`
    months is drawn per year; a monthly chart leaves year-only events out and says how many,
    since drawing them in January would date them more precisely than the text does."""
    monthly = {(m, q): n for (m, q), n in per_month.items() if len(m) == 7 and n}
    yearly_only = {(m, q): n for (m, q), n in per_month.items() if len(m) == 4 and n}
    if not monthly and not yearly_only:
        return None
    keys = [m for m, _ in monthly] or [f"{y}-01" for y, _ in yearly_only]
    labels = _months(min(keys), max(keys))
    yearly = len(labels) > _MAX_MONTHS or not monthly
    counts: Counter[tuple[str, int]] = Counter()
    for (month, quad), n in monthly.items():
        counts[month[:4] if yearly else month, quad] += n
    year_only = 0
    for (year, quad), n in yearly_only.items():
        if yearly:
            counts[year, quad] += n
        else:
            year_only += n
    if yearly:
        years = [m[:4] for m, _ in counts]
        labels = [str(y) for y in range(int(min(years)), int(max(years)) + 1)]
    step = (WIDTH - 2 * PAD) / len(labels)
    months = tuple(Month(label, (counts[label, 1], counts[label, 2], counts[label, 3], counts[label, 4]),
                         PAD + i * step, PAD + (i + 0.5) * step) for i, label in enumerate(labels))
    peak = max(m.total for m in months) or 1
    scale = (HEIGHT - AXIS - 4) / peak
    bars: list[Bar] = []
    width = min(step * 0.8, _MAX_BAR)
    for m in months:
        y = float(HEIGHT - AXIS)
        for quad, n in enumerate(m.counts, start=1):
            if n:
                y -= n * scale
                bars.append(Bar(m.centre - width / 2, y, width, n * scale, QUAD_COLOURS[quad],
                                f"{m.label}: {n} {QUAD_NAMES[quad]}"))
    legend = tuple((QUAD_COLOURS[q], QUAD_NAMES[q]) for q in (1, 2, 3, 4))
    return Chart(WIDTH, HEIGHT, AXIS, peak, months, tuple(bars), undated, legend,
                 tick_every=-(-len(months) // 6), year_only=year_only)
