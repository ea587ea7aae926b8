"""Datelines: `Beijing (AFP) March 17, 2023`, `BEIJING (AFP) -`, `Washington, March 16 (Reuters) -`.

A dateline names where a story was filed, the agency that filed it and the date. It stands on a
line of its own or opens the first paragraph, followed by a dash and the story.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DatelineMatch", "find_date", "match_dateline", "parse_date"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.?,?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?"
    rf"|(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH},?(?:\s+\d{{4}})?"
    r"|\d{4}-\d{2}-\d{2})"
)
# Place words are capitalised (or all caps); short connectors such as "de" or "al-" may join them.
_PLACE_WORD = r"[A-Z][\w'’.-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+(?:(?:de|da|del|al|el|la|of|on|upon)\s+)?{_PLACE_WORD}){{0,3}}"
_AGENCY = r"[A-Z][A-Za-z.&/ -]{0,29}[A-Za-z.]"
_SEP = r"(?:-{1,3}|–|—|:)"

_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})(?:,\s+(?!{_MONTH}\s|{_WEEKDAY}\s|\d)(?P<region>{_PLACE}))?\s*"
    rf"(?:\((?P<agency>{_AGENCY})\)(?:\s*,?\s*(?P<date>{_DATE}))?"
    rf"|,?\s+(?P<date2>{_DATE})(?:\s*\((?P<agency2>{_AGENCY})\))?)"
    rf"(?P<tail>\s*{_SEP}\s*)?"
)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_NAMED = re.compile(rf"(?:{_WEEKDAY}\s+)?(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))"
                    r",?(?:\s+(?P<y>\d{4}))?$")
_NOT_PLACES = {
    "the", "a", "an", "by", "in", "on", "at", "for", "and", "but", "he", "she", "it", "they", "we",
    # Publication-date labels: `Published 2025-03-19` is a date line, not a dateline.
    "published", "updated", "posted", "modified", "created", "dated", "date", "filed", "last",
}
_DATED_YEAR = re.compile(
    rf"\b(?:(?:{_WEEKDAY}\s+)?{_MONTH}\s+{_DAY},?\s+\d{{4}}|(?:{_WEEKDAY}\s+)?{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})(?=\b|T)"
)


@dataclass(frozen=True, slots=True)
class DatelineMatch:
    """A dateline found at the start of a text; `end` is where the story text begins."""

    place: str | None
    agency: str | None
    date: dt.date | None
    start: int
    end: int
    dateline_end: int


def parse_date(text: str, *, reference: dt.date | None = None) -> dt.date | None:
    """`March 17, 2023`, `Mon 17 Mar 2023`, `2023-03-17` → a date.

    A date without a year takes the year that puts it closest before `reference` (a crawl
    date), or stays unknown without one.
    """
    text = text.strip()
    iso = _ISO.match(text)
    if iso:
        return _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
    named = _NAMED.match(text)
    if not named:
        return None
    month = _MONTHS[(named["m1"] or named["m2"])[:3].lower()]
    day = int(re.sub(r"\D", "", named["d1"] or named["d2"]))
    if named["y"]:
        return _safe_date(int(named["y"]), month, day)
    if reference is None:
        return None
    guess = _safe_date(reference.year, month, day)
    if guess and guess > reference + dt.timedelta(days=2):
        guess = _safe_date(reference.year - 1, month, day)
    return guess


def find_date(text: str) -> dt.date | None:
    """The first full date (with a year) anywhere in `text`: `Published 2025-03-19`,
    `Mon 17 Mar 2025 14.32 GMT`, `2025-03-13T18:42:00Z`, `April 10, 2025 at 4:17 p.m.`."""
    m = _DATED_YEAR.search(text)
    return parse_date(m.group(0)) if m else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _tidy_place(place: str) -> str:
    # `BEIJING` → `Beijing`; mixed-case names keep their own casing (`McAllen`, `al-Arish`).
    if place.isupper():
        return " ".join(w.capitalize() if len(w) > 2 else w for w in place.split())
    return place


def match_dateline(
    text: str, *, whole: bool, reference: dt.date | None = None, offset: int = 0
) -> DatelineMatch | None:
    """A dateline at the start of `text`.

    With `whole`, the dateline must be all of `text` (a dateline line); otherwise it must be
    followed by a dash or colon and the story (an inline dateline).
    """
    m = _DATELINE.match(text)
    if not m:
        return None
    place = m["place"]
    if place.split()[0].lower() in _NOT_PLACES or re.fullmatch(_MONTH + "|" + _WEEKDAY, place):
        return None
    agency = m["agency"] or m["agency2"]
    date_text = m["date"] or m["date2"]
    rest = text[m.end():]
    if whole:
        if rest.strip() and not re.fullmatch(r"\s*" + _SEP + r"?\s*", rest):
            return None
    elif not m["tail"] or not rest.strip():
        return None
    if not agency and not date_text:
        return None
    date = parse_date(date_text, reference=reference) if date_text else None
    if date_text and date is None and reference is None and not agency:
        return None
    dateline_end = m.end("tail") - len(m["tail"]) if m["tail"] else m.end()
    return DatelineMatch(
        place=_tidy_place(place),
        agency=agency.strip() if agency else None,
        date=date,
        start=offset,
        end=offset + m.end(),
        dateline_end=offset + dateline_end,
    )
