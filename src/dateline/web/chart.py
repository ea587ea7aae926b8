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


def _months(first: str, last: str) -> list[str]:
    """Every month (`YYYY-MM`) from first to last, empty ones included, so time reads left to right."""
    out, year, month = [], int(first[:4]), int(first[5:7])
    while f"{year}-{month:02d}" <= last:
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def events_chart(per_month: Mapping[tuple[str, int], int], undated: int = 0) -> Chart | None:
    """The chart of events counted per month (`YYYY-MM`) and quad class, or None when none is
    dated. A span of more than `_MAX_MONTHS` months is drawn per year."""
    if not any(per_month.values()):
        return None
    labels = _months(min(m for m, _ in per_month), max(m for m, _ in per_month))
    counts: Counter[tuple[str, int]] = Counter()
    yearly = len(labels) > _MAX_MONTHS
    for (month, quad), n in per_month.items():
        counts[month[:4] if yearly else month, quad] += n
    if yearly:
        labels = list(dict.fromkeys(label[:4] for label in labels))
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
    return Chart(WIDTH, HEIGHT, AXIS, peak, months, tuple(bars), undated, legend,
                 tick_every=-(-len(months) // 6))
