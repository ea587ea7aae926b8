"""Cross-document line frequency: lines that recur across pages of one site are its chrome.

The counts live in the store and grow with the corpus; extraction only sees the frozen set of
line keys that are frequent for the page's site (`SiteChrome`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dateline.extract.lines import Line

__all__ = ["SiteChrome", "line_key", "page_line_keys", "site_key", "MAX_COUNTED_WORDS"]

# Long prose lines are not counted: two copies of one story on a site must not turn its
# paragraphs into chrome. Footers this long are caught by line-level evidence instead.
MAX_COUNTED_WORDS = 20
_CRAWL_PREFIX = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def line_key(text: str) -> str:
    """Lines compare equal regardless of case, spacing and digits (dates, counters)."""
    norm = re.sub(r"\d+", "0", " ".join(text.lower().split()))
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def site_key(text: str) -> str:
    """The site a text dump comes from: its first line, or the site part of a `Title - Site` line."""
    for raw in text[:4000].splitlines():
        line = _CRAWL_PREFIX.sub("", raw).strip()
        if line:
            parts = _TITLE_SPLIT.split(line)
            return (parts[-1] if len(parts) > 1 else line).lower()[:200]
    return ""


def page_line_keys(lines: Iterable[Line]) -> frozenset[str]:
    """The distinct keys of a page's countable lines (each page counts a line once)."""
    return frozenset(line_key(ln.text) for ln in lines if ln.words <= MAX_COUNTED_WORDS)


@dataclass(frozen=True, slots=True)
class SiteChrome:
    """Line keys seen on at least `min_pages` pages of one site."""

    frequent: frozenset[str] = field(default_factory=frozenset)

    def __contains__(self, line: Line) -> bool:
        return line.words <= MAX_COUNTED_WORDS and line_key(line.text) in self.frequent
