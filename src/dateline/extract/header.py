"""The head of a page: site, section, headline, byline, dateline and crawl date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.extract.byline import Byline, parse_byline
from dateline.extract.dateline import DatelineMatch, match_dateline
from dateline.extract.lines import Line
from dateline.extract.shapes import is_headline_shaped
from dateline.extract.title import title_lines, title_parts

__all__ = ["Header", "crawl_date_of", "find_header"]

_CRAWL_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
_HEADER_WINDOW = 80
_ANCHOR_GAP = 4  # a byline or dateline sits within a few lines below the headline


@dataclass(frozen=True, slots=True)
class Header:
    site: str | None
    section: str | None
    headline: str | None
    byline: Byline | None
    dateline: DatelineMatch | None
    start: int  # offset where the article begins (its headline, else its body)
    body_from: int  # index of the first line after the header
    anchored: bool  # the body is known to start at body_from


def crawl_date_of(text: str) -> tuple[dt.date | None, int]:
    """A leading `date YYYY-MM-DD` marker: the crawl date and where the page proper begins."""
    m = _CRAWL_DATE.match(text)
    if not m:
        return None, 0
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None, m.end()


def find_header(lines: Sequence[Line], reference: dt.date | None) -> Header:
    """Headline, then the byline/dateline just below it (or at the top when no headline shows)."""
    headline_idx = _find_headline(lines)
    if headline_idx is not None:
        lo = headline_idx + 1
        while lo < len(lines) and lines[lo].text == lines[headline_idx].text:
            lo += 1
        window = range(lo, min(lo + _ANCHOR_GAP, len(lines)))
    else:
        lo, window = 0, range(min(_ANCHOR_GAP, len(lines)))
    byline, dateline, anchor = _find_anchor(lines, window, reference)
    body_from = lo if anchor < 0 else anchor + 1
    if anchor >= 0 and body_from < len(lines):
        nxt, nxt_start = lines[body_from].text, lines[body_from].start
        if byline and (d := match_dateline(nxt, whole=True, reference=reference, offset=nxt_start)):
            dateline, body_from = d, body_from + 1
        elif dateline and (b := parse_byline(nxt)):
            byline, body_from = b, body_from + 1
    first = lines[0].text if lines else ""
    headline = lines[headline_idx].text if headline_idx is not None else None
    site, section = _site_and_section(lines, headline_idx, headline)
    if headline is None and first:
        headline = title_parts(first)[0]
    start = lines[headline_idx].start if headline_idx is not None else (
        lines[body_from].start if body_from < len(lines) else 0
    )
    return Header(site, section, headline, byline, dateline, start, body_from, anchor >= 0)


def _find_anchor(
    lines: Sequence[Line], window: range, reference: dt.date | None
) -> tuple[Byline | None, DatelineMatch | None, int]:
    """The first byline or dateline line in `window`, and its index (-1 when none)."""
    for i in window:
        line = lines[i]
        dateline = match_dateline(line.text, whole=True, reference=reference, offset=line.start)
        byline = None if dateline else parse_byline(line.text)
        if dateline or byline:
            return byline, dateline, i
    return None, None, -1


def _site_and_section(
    lines: Sequence[Line], headline_idx: int | None, headline: str | None
) -> tuple[str | None, str | None]:
    """The site from the title line, the section from a short label just above the headline."""
    first = lines[0].text if lines else ""
    site: str | None = None
    section: str | None = None
    if headline_idx is None or headline_idx > 0:
        title, site_part = title_parts(first)
        site = site_part or (title if headline is None or title != headline else None)
    elif lines:
        _, site = title_parts(first)
    if headline_idx is not None and headline_idx > 1:
        between = [ln.text for ln in lines[max(1, headline_idx - 3):headline_idx] if ln.text != headline]
        if between and len(between[-1].split()) <= 4:
            section = between[-1]
    return site, section


def _find_headline(lines: Sequence[Line]) -> int | None:
    """The headline's line index: a headline printed twice in a row near the top, else the first
    line repeating the page title."""
    window = lines[:_HEADER_WINDOW]
    for i in range(len(window) - 1):
        if window[i].text == window[i + 1].text and is_headline_shaped(window[i].text):
            return i
    hits = title_lines(lines)
    return hits[0] if hits else None


