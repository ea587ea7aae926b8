"""The page title and where a page repeats it: the strongest hint of where an article begins."""

from __future__ import annotations

import re
from collections.abc import Sequence

from dateline.extract.lines import Line
from dateline.extract.shapes import is_thread_header

__all__ = ["title_lines", "title_parts"]

_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_TITLE_WINDOW = 1500  # menus can run to hundreds of lines before the headline
_NON_WORD = re.compile(r"\W+")


def title_parts(text: str) -> tuple[str, str | None]:
    """`Headline - Site` → (`Headline`, `Site`)."""
    parts = _TITLE_SPLIT.split(text)
    if len(parts) > 1 and len(parts[-1].split()) <= 6:
        return " - ".join(parts[:-1]), parts[-1]
    return text, None


def _norm(text: str) -> str:
    return " ".join(_NON_WORD.split(text.casefold())).strip()


def title_lines(lines: Sequence[Line], limit: int = _TITLE_WINDOW) -> list[int]:
    """Lines that repeat the page title (its first line) or its headline part: a page prints
    its headline again where the article begins, and sometimes in menus and lists as well."""
    if not lines:
        return []
    title = _norm(lines[0].text)
    head = _norm(title_parts(lines[0].text)[0])
    if len(head.split()) < 2:
        return []
    hits: list[int] = []
    longest = 2 * len(lines[0].text) + 20
    for line in lines[1:limit]:
        if len(line.text) > longest:
            continue
        words = len(line.text.split())
        if words < 2 or words > 2 * len(head.split()) + 5:
            continue
        norm = _norm(line.text)
        if 2 * len(norm) >= len(head) and norm in title or head in norm and len(norm) <= 1.5 * len(head):
            if not is_thread_header(line.text):  # `34 responses to "Headline"` opens the comments
                hits.append(line.index)
    return hits


