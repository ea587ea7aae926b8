"""Teasers: the `RELATED CONTENT` lists of other stories at the foot of a page.

A teaser is a headline, optionally followed by its dateline and a lede that ends in
`... read more`. Lists start at a list header (`RELATED CONTENT`, `Most read`, `Latest`) after
the body; section labels, calls to action, link promos and menu items inside them are skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.extract.dateline import DatelineMatch, match_dateline
from dateline.extract.lines import Line
from dateline.extract.shapes import (
    is_boilerplate,
    is_headline_shaped,
    is_list_header,
    is_promo_link,
    is_section_label,
)

__all__ = ["Teaser", "find_teasers"]

# Menu items and buttons are shorter than news headlines (`Advertise with Us`, `Load more`).
_MIN_HEADLINE_WORDS = 4
_NUMBERING = re.compile(r"^\d{1,2}[.)]\s+")
_READ_MORE = re.compile(r"(?i)\s*(?:\.{2,}|…)?\s*(?:read|continue reading|more)\s*(?:more)?\W*$")


@dataclass(frozen=True, slots=True)
class Teaser:
    headline: Line
    section: str | None
    dateline: DatelineMatch | None
    lede: str | None
    lede_start: int
    lede_end: int

    @property
    def end(self) -> int:
        return max(self.headline.end, self.lede_end, self.dateline.end if self.dateline else 0)


def _strip_read_more(text: str) -> str:
    if re.search(r"(?i)read more\W*$", text):
        return _READ_MORE.sub("", text).rstrip()
    return text


def _is_lede(line: Line) -> bool:
    return line.words >= 12 and not is_headline_shaped(line.text) or bool(re.search(r"(?i)read more\W*$", line.text))


def _is_teaser_headline(text: str) -> bool:
    return (
        len(text.split()) >= _MIN_HEADLINE_WORDS
        and is_headline_shaped(text)
        and not is_boilerplate(text)
        and not is_promo_link(text)
        and not is_list_header(text)
    )


def find_teasers(tail: Sequence[Line], *, reference: dt.date | None = None) -> list[Teaser]:
    """Teasers among the lines after a page's body."""
    headers = [i for i, ln in enumerate(tail) if is_list_header(ln.text)]
    if not headers:
        return []
    teasers: list[Teaser] = []
    section: str | None = None
    i = headers[0] + 1
    while i < len(tail):
        line = tail[i]
        text = _NUMBERING.sub("", line.text)
        i += 1
        if is_section_label(text):
            section = text
            continue
        if not _is_teaser_headline(text):
            continue
        if text != line.text:
            cut = len(line.text) - len(text)
            line = Line(line.index, text, line.start + cut, line.end)
        dateline = None
        if i < len(tail):
            dateline = match_dateline(tail[i].text, whole=True, reference=reference, offset=tail[i].start)
            if dateline:
                i += 1
        lede, lede_start, lede_end = None, 0, 0
        if i < len(tail) and _is_lede(tail[i]):
            lede = _strip_read_more(tail[i].text)
            lede_start, lede_end = tail[i].start, tail[i].start + len(lede)
            i += 1
        teasers.append(Teaser(line, section, dateline, lede, lede_start, lede_end))
    return teasers
