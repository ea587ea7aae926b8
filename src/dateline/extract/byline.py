"""Bylines: `By Jing Xuan TENG, Matthew WALSH` → two people; `by AFP Staff Writers` → agency AFP."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Byline", "parse_byline"]

# `By Name`, also after a posting label: `Posted on March 3, 2025 by Name`.
_BYLINE = re.compile(r"(?:(?i:posted|written|published|filed)\b[^|]{0,40}?\s)?(?i:by)\s+(?P<names>\S.*)$")
# What may follow the names on the same line: `| March 13, 2025`, ` - 2 hours ago`.
_AFTER_NAMES = re.compile(r"\s+(?:[|•·]|[-–—]\s)\s*.*$")
_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# Words that make a byline part a desk or a wire rather than a person.
_NOT_PERSON = re.compile(
    r"(?i)\b(?:staff|writers?|reporters?|correspondents?|editors?|desk|team|bureau|agenc(?:y|ies)|wires?|news)\b"
)
_AGENCY_TOKEN = re.compile(r"\b[A-Z]{2,6}\b")
_NAME_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Byline:
    raw: str
    authors: tuple[str, ...]
    agency: str | None


def _case_name(name: str) -> str:
    # Wire bylines shout surnames (`TENG`); people's own mixed case (`McAllister`) is kept.
    def fix(word: str) -> str:
        if word.isupper() and len(word) > 1:
            return "-".join(part.capitalize() for part in word.split("-"))
        return word

    return " ".join(fix(w) for w in name.split())


def _is_name(part: str) -> bool:
    words = part.split()
    return 1 < len(words) <= 5 and all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words)


def parse_byline(text: str) -> Byline | None:
    """Authors and agency from a byline line, or None if the line is not a byline."""
    m = _BYLINE.match(text.strip())
    if not m:
        return None
    raw = _AFTER_NAMES.sub("", m["names"]).strip()
    if len(raw.split()) > 12 or raw.endswith((".", "?", "!")):
        return None
    authors: list[str] = []
    agency: str | None = None
    for part in filter(None, _SPLIT.split(raw)):
        if _NOT_PERSON.search(part) or part.isupper() and len(part.split()) == 1:
            token = _AGENCY_TOKEN.search(part)
            if token and agency is None:
                agency = token.group(0)
        elif _is_name(part):
            authors.append(_case_name(part))
        else:
            return None
    if not authors and agency is None and not _NOT_PERSON.search(raw):
        return None
    return Byline(raw=raw, authors=tuple(authors), agency=agency)
