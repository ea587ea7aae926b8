"""The one data model every stage speaks.

Records are frozen, slotted dataclasses. Each derived record points back into the text it came
from by character offsets, so an analyst can always reach the exact words. The store owns the
single mapping between these records and table rows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Article",
    "ArticleKind",
    "Dateline",
    "Page",
    "Paragraph",
    "Source",
    "SourceStatus",
    "content_id",
]


class ArticleKind(StrEnum):
    """Where a story sits on its page."""

    MAIN = "main"
    SIDEBAR = "sidebar"
    TEASER = "teaser"


class SourceStatus(StrEnum):
    """What ingest made of one input file."""

    INGESTED = "ingested"
    SKIPPED = "skipped"
    FAILED = "failed"


def content_id(*parts: str, length: int = 16) -> str:
    """A stable id from content, so re-ingesting the same input yields the same ids."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Source:
    """One input file and what ingest made of it.

    `reason` explains a skip or a failure, and notes recoveries such as a fallback encoding.
    """

    path: str
    sha256: str
    size: int
    format: str
    status: SourceStatus
    reason: str = ""
    articles: int = 0


@dataclass(frozen=True, slots=True)
class Dateline:
    """`Beijing (AFP) March 17, 2023`: where and when a story was filed, and by which agency.

    `start`/`end` delimit the dateline itself in the page text (for an inline dateline such as
    `Washington (AFP) March 16, 2023 - The White House said...`, only the dateline part).
    """

    place: str | None
    agency: str | None
    date: dt.date | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph, or a subheading (`- China the peacemaker? -` → `China the peacemaker?`)."""

    text: str
    start: int
    end: int
    is_subheading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One story found on a page: the main article, a bundled sidebar story, or a teaser.

    Offsets (`start`, `end`, and those of paragraphs) index into the text of the page it came
    from. `parent_id` links sidebars and teasers to the main article of their page.
    """

    id: str
    source: str
    kind: ArticleKind
    headline: str
    start: int
    end: int
    parent_id: str | None = None
    site: str | None = None
    section: str | None = None
    authors: tuple[str, ...] = ()
    byline: str | None = None
    place: str | None = None
    agency: str | None = None
    date: dt.date | None = None
    crawl_date: dt.date | None = None
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def body(self) -> str:
        """Paragraphs (subheadings included, as their own paragraphs) joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @property
    def subheadings(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.paragraphs if p.is_subheading)

    @property
    def fingerprint(self) -> str:
        """sha256 of the normalised body: equal for copies of the same story."""
        normalised = " ".join(self.body.split()).lower()
        return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Page:
    """A page's text and the articles extracted from it.

    `reason` says why a page yielded no main article (a rejected page is a result, not a None).
    """

    source: str
    text: str
    site: str | None = None
    section: str | None = None
    crawl_date: dt.date | None = None
    articles: tuple[Article, ...] = field(default=())
    reason: str = ""
