"""Pages as lines: the unit that text-dump extraction reasons about."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "split_lines", "word_count"]

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line with surrounding whitespace removed; offsets index the page text."""

    index: int
    text: str
    start: int
    end: int

    @property
    def words(self) -> int:
        return word_count(self.text)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def split_lines(text: str, *, offset: int = 0) -> tuple[Line, ...]:
    """Non-blank lines of `text` with their offsets (plus `offset`) into the page text."""
    lines: list[Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = offset + pos + lead
            lines.append(Line(len(lines), stripped, start, start + len(stripped)))
        pos += len(raw)
    return tuple(lines)
