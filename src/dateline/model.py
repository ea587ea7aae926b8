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
    "Actor",
    "ActorKind",
    "Article",
    "ArticleAnalysis",
    "ArticleKind",
    "DateMention",
    "DatePrecision",
    "Dateline",
    "Event",
    "Mention",
    "Modality",
    "Page",
    "Paragraph",
    "Quote",
    "QuoteKind",
    "Role",
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
    url: str | None = None
    story_id: str | None = None  # the story this copy belongs to (filled by the store)
    copies: int = 1  # how many copies of its story the store holds (filled by the store)

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
    url: str | None = None


class ActorKind(StrEnum):
    """What sort of participant an actor is.

    `country` is a state or its government as a whole (China, Beijing, the Kremlin), `org` an
    organisation (NATO, a ministry, a news agency), `person` a named individual, `group` a
    collective without a single identity ("Western leaders", "the two leaders").
    """

    COUNTRY = "country"
    ORG = "org"
    PERSON = "person"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Role:
    """A role an actor is said to hold (`spokeswoman`, `foreign minister`), for a country, and
    where it was learned. `source` is None when an article's own words gave it (a title or an
    apposition: `article_id` is the first such article, `articles` how many said it); else it is
    the source note of the knowledge row that gave it (people.tsv or the CIA World Factbook) and
    `valid_from`/`valid_until` the dates that row says the office was held (until None: still
    held when compiled). `first_seen`/`last_seen` are the dates of the articles it was met in."""

    role: str
    country: str | None = None
    first_seen: dt.date | None = None
    last_seen: dt.date | None = None
    article_id: str | None = None
    source: str | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    articles: int = 0


@dataclass(frozen=True, slots=True)
class Actor:
    """A normalised participant.

    `country` is an ISO 3166 alpha-3 code (or a CAMEO region code such as WST) when known.
    `sector` refines organisations: `gov` (a government body), `igo`, `media`, `agency`,
    `academic`, `military`, `party`, `business`, `ngo`. `code` is the CAMEO-style actor code
    derived from country, sector and role (CHN, CHNGOV, USAGOV, IGONAT).
    """

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article that refers to an actor (`Beijing`, `Xi`, `he` once resolved)."""

    article_id: str
    actor_id: str
    text: str
    start: int
    end: int


class QuoteKind(StrEnum):
    DIRECT = "direct"  # a full quoted sentence or clause
    PARTIAL = "partial"  # a quoted fragment inside the reporter's sentence


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted words and who said them. `speaker_id` is None when no speaker could be found.

    `date` (the article's date, else its crawl date) and `headline` are the article's, filled by
    the store when it reads a quotation, so that a list of quotations can be read without opening
    each article.
    """

    id: str
    article_id: str
    text: str
    kind: QuoteKind
    speaker_id: str | None
    speaker: str | None
    speaker_kind: ActorKind | None
    speaker_country: str | None
    speaker_role: str | None
    cue: str | None
    start: int
    end: int
    date: dt.date | None = None
    headline: str | None = None


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression resolved against the article's date: a day, or a range with an end."""

    article_id: str
    text: str
    start: int
    end: int
    date: dt.date
    date_end: dt.date | None
    precision: DatePrecision


class Modality(StrEnum):
    """How sure the text is that an event happened."""

    ASSERTED = "asserted"  # reported as fact
    PLANNED = "planned"  # will, plans to, is set to, next week
    NEGATED = "negated"  # did not, denied
    REPORTED = "reported"  # someone else's claim (`accused China of mulling arms shipments`)
    HYPOTHETICAL = "hypothetical"  # would, could, if


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, with the words that say so.

    `cameo` is the full CAMEO code, `root` its first two digits; `quad` and `goldstein` come
    from our CAMEO table. `start`/`end` delimit the evidence sentence in the page text; `rule`
    names the dictionary entry that fired; `mentions` counts the sentences of the article that
    report the same event. Source and target countries may be filled later from the corpus-wide
    actor table when the article itself gives none. `location_type` is GDELT's geographic
    resolution of `location` (1 country, 2 US state, 3 US city, 4 world city, 5 world state),
    read from the gazetteer when the event is coded; None when the tables do not say.
    """

    id: str
    article_id: str
    source_id: str
    source: str
    source_code: str | None
    source_country: str | None
    target_id: str | None
    target: str | None
    target_code: str | None
    target_country: str | None
    cameo: str
    root: str
    quad: int
    goldstein: float
    date: dt.date | None
    date_end: dt.date | None
    date_precision: DatePrecision | None
    modality: Modality
    location: str | None
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    mentions: int = 1
    location_type: int | None = None


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """What the language stage found in one article. `actors` carry the roles and countries
    this article gives them; the store merges them into the corpus-wide actor table."""

    article_id: str
    actors: tuple[Actor, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
