"""The head of a page: site, section, headline, byline, dateline and crawl date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.extract.byline import Byline, parse_byline
from dateline.extract.dateline import DatelineMatch, find_date, match_dateline
from dateline.extract.lines import Line
from dateline.extract.shapes import is_boilerplate, is_headline_shaped, is_sentence
from dateline.extract.title import title_lines, title_parts

__all__ = ["Header", "crawl_date_of", "find_header"]

_CRAWL_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
_HEADER_WINDOW = 80
_ANCHOR_GAP = 4  # a byline or dateline sits within a few lines below the headline
_META_LINES = 6  # how far metadata lines may run on once they have started
_READ_TIME = re.compile(r"(?i)\b\d+\s*min(?:ute)?s?\s+read\b")


@dataclass(frozen=True, slots=True)
class Header:
    site: str | None
    section: str | None
    headline: str | None
    byline: Byline | None
    dateline: DatelineMatch | None
    date: dt.date | None  # from a publication-date line (`Published 2025-03-19`)
    start: int  # offset where the article begins (its headline, else its body)
    body_from: int  # index of the first line after the header
    anchored: bool  # the body is known to start at body_from


@dataclass(frozen=True, slots=True)
class _Meta:
    """What the lines under a headline say about the article, and where they end."""

    byline: Byline | None = None
    dateline: DatelineMatch | None = None
    date: dt.date | None = None
    section: str | None = None
    first: int = -1
    last: int = -1


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
    """Headline, then the metadata lines just below it (or at the top when no headline shows)."""
    headline_idx = _find_headline(lines)
    lo = 0
    if headline_idx is not None:
        lo = headline_idx + 1
        while lo < len(lines) and lines[lo].text == lines[headline_idx].text:
            lo += 1
    meta = _read_meta(lines, lo, reference)
    if headline_idx is None and meta.first > 0:
        # No repeated or title headline: the headline is the line just above the byline or
        # dateline (`Headline / By Name / Place (AFP) date`).
        headline_idx = next((i for i in range(meta.first - 1, -1, -1) if is_headline_shaped(lines[i].text)), None)
    body_from = lo if meta.last < 0 else meta.last + 1
    headline = lines[headline_idx].text if headline_idx is not None else None
    site, section = _site_and_section(lines, headline_idx, headline)
    if headline is None and lines:
        headline = title_parts(lines[0].text)[0]
    start = lines[headline_idx].start if headline_idx is not None else (
        lines[body_from].start if body_from < len(lines) else 0
    )
    return Header(site, section or meta.section, headline, meta.byline, meta.dateline, meta.date,
                  start, body_from, meta.last >= 0)


def _read_meta(lines: Sequence[Line], lo: int, reference: dt.date | None) -> _Meta:
    """Walk down from `lo` over byline, dateline, date and share lines.

    Other lines may precede the first of them (a standfirst) only within a few lines of the
    headline; once metadata has started, the first line that is not metadata ends the header.
    """
    byline, dateline, date, section, first, last = None, None, None, None, -1, -1
    for i in range(lo, min(lo + _ANCHOR_GAP + _META_LINES, len(lines))):
        text, start = lines[i].text, lines[i].start
        if dateline is None and (d := match_dateline(text, whole=True, reference=reference, offset=start)):
            dateline, last = d, i
            first = i if first < 0 else first
        elif byline is None and (b := parse_byline(text)):
            byline, last = b, i
            first = i if first < 0 else first
            date = date or find_date(text)
        elif _is_meta_line(text):
            date = date or find_date(text)
            section = section or _section_label(text)
            if last >= 0 or date:
                last = i
        elif last >= 0 or i >= lo + _ANCHOR_GAP:
            break
    return _Meta(byline, dateline, date, section, first, last)


def _is_meta_line(text: str) -> bool:
    """Short non-prose lines under a headline: dates, share buttons, `Analysis | 9 min read`."""
    if len(text.split()) > 14 or is_sentence(text):
        return False
    return find_date(text) is not None or is_boilerplate(text) or "|" in text or bool(_READ_TIME.search(text))


def _section_label(text: str) -> str | None:
    """`Analysis | 9 min read` → `Analysis`."""
    label = text.split("|")[0].strip()
    if "|" in text and 1 <= len(label.split()) <= 3 and find_date(label) is None and label[:1].isupper():
        return label
    return None


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
        if between and len(between[-1].split()) <= 4 and not is_boilerplate(between[-1]):
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


