"""Pages from already-extracted fields: JSONL records, and the HTML path once trafilatura ran.

A record (or trafilatura) hands us a title, a body text and loose metadata. We turn them into the
same Page/Article shape a text dump yields: the page text is the headline and the body lines
joined by blank lines (offsets index it), the body opens after any repeated headline, byline or
dateline line, and our own dateline parser gives place, agency and date as it does for dumps.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from dateline.extract.byline import parse_byline
from dateline.extract.dateline import DatelineMatch, find_date, match_dateline
from dateline.extract.lines import word_count
from dateline.model import Article, ArticleKind, Page, Paragraph, content_id

__all__ = ["Credits", "PageFields", "build_page", "clean_headline", "page_from_fields", "site_of",
           "split_authors"]

# Wire agencies as bylines and datelines name them; the value is the form our datelines use.
_AGENCIES = {
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP",
    "ap": "AP", "associated press": "AP", "the associated press": "AP",
    "reuters": "Reuters", "thomson reuters": "Reuters", "pti": "PTI", "press trust of india": "PTI",
    "ians": "IANS", "ani": "ANI", "xinhua": "Xinhua", "dpa": "dpa", "upi": "UPI", "efe": "EFE",
    "ansa": "ANSA", "kyodo": "Kyodo", "kyodo news": "Kyodo", "yonhap": "Yonhap", "tass": "TASS",
    "bloomberg": "Bloomberg", "bloomberg news": "Bloomberg",
}
_AGENCY_ALTS = "|".join(re.escape(a) for a in sorted(_AGENCIES, key=len, reverse=True))
# Short acronyms (`AP`, `ANI`) count only in capitals, or in any case beside a desk word: `Ani`
# is also a first name, but `Ap Auto Writer` (a title-cased `AP Auto Writer`) is the wire.
_AGENCY_CAPS = re.compile(rf"\b({_AGENCY_ALTS})\b", re.IGNORECASE)
_DESK = re.compile(
    r"(?i)\b(?:staff|writers?|reporters?|correspondents?|editors?|desk|team|bureau|wires?|"
    r"contributors?|columnists?|admin(?:istrator)?|webmaster)\b"
)
# Words that make a name-shaped byline part an organisation: `CNN Business`, `NJ Advance Media`.
_ORG = re.compile(
    r"(?i)\b(?:news|media|press|business|magazine|insider|international|online|digital|times|"
    r"journal|herald|tribune|daily|com|blog|network|group|inc|ltd|llc|gmbh)\b"
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\||/|\band\b)\s*")
# A crawl of the byline block sometimes runs into the date: `Carrie Arnold November`. May and
# June are left alone: they are also names.
_TRAILING_MONTH = re.compile(
    r"(?i)\s+(?:january|february|march|april|july|august|september|october|november|december)"
    r"\b[\s\d,.:]*$"
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—·:»]|::)\s+")
_SEP_AT_END = re.compile(rf"(?:{_TITLE_SEPARATORS.pattern})$")
_AFTER_SITE = re.compile(r"\s*(?:[-|–—·:»]|::)\s+")
_KEY = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Credits:
    """Who a byline credits: people (cased as our byline parser cases them) and a wire agency."""

    raw: str | None
    authors: tuple[str, ...]
    agency: str | None


@dataclass(frozen=True, slots=True)
class PageFields:
    """Everything known about one extracted article before it becomes a Page."""

    source: str
    page_id: str
    headline: str
    body: str
    url: str | None = None
    date: dt.date | None = None
    credits: Credits = Credits(None, (), None)
    site: str | None = None
    section: str | None = None
    crawl_date: dt.date | None = None
    subheadings: frozenset[str] = field(default_factory=frozenset)
    empty_reason: str = "no article text found"


def _key(text: str) -> str:
    return _KEY.sub("", unicodedata.normalize("NFKC", text).casefold())


def _agency_in(part: str) -> re.Match[str] | None:
    for m in _AGENCY_CAPS.finditer(part):
        word = m.group(1)
        if " " in word or len(word) > 4 or word.isupper() or _DESK.search(part) or word == part:
            return m
    return None


def _author_parts(raw: str | Sequence[str]) -> tuple[str | None, list[str]]:
    items = [raw] if isinstance(raw, str) else [str(r) for r in raw]
    items = [" ".join(i.split()) for i in items if i and i.strip()]
    parts = [p for i in items for p in _AUTHOR_SPLIT.split(i) if p]
    return ("; ".join(items) or None), parts


def split_authors(raw: str | Sequence[str], *, site: str | None = None) -> Credits:
    """People and agency from an author field (`Jill Disis; CNN Business`, `ROBERT BURNS; AP
    National Security Writer`, a list of names). Agencies, desks, organisations and the site's
    own name are not people; names are cased by `parse_byline` (`TENG` → `Teng`)."""
    joined, parts = _author_parts(raw)
    authors: list[str] = []
    agency: str | None = None
    site_key = _key(site) if site else None
    for part in parts:
        part = _TRAILING_MONTH.sub("", re.sub(r"(?i)^by\s+", "", part)).strip()
        found = _agency_in(part)
        if found:
            agency = agency or _AGENCIES[found.group(1).lower()]
            part = (part[:found.start()] + part[found.end():]).strip(" ,-")
        if not part or _DESK.search(part) or _ORG.search(part) or _key(part) == site_key:
            continue
        byline = parse_byline(f"By {part}")
        for name in byline.authors if byline else ():
            if name not in authors:
                authors.append(name)
    return Credits(joined, tuple(authors), agency)


def site_of(site: str | None, url: str | None) -> str | None:
    """The site's own name (first segment of `LinkNaija | Nigeria's…`), else the URL's host."""
    if site and site.strip():
        return _TITLE_SEPARATORS.split(site.strip())[0].strip() or None
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _names_site(segment: str, site: str | None, url: str | None) -> bool:
    key = _key(segment)
    if not key or len(segment.split()) > 6:
        return False
    names = [_key(site), _key(_TITLE_SEPARATORS.split(site)[0])] if site else []
    host = urlsplit(url).hostname if url else None
    if host:
        labels = host.removeprefix("www.").split(".")
        names += [_key(".".join(labels)), _key(labels[0]), _key(labels[-2] if len(labels) > 1 else "")]
    return any(n and (key == n or n.startswith(key) and len(key) >= 4) for n in names)


def _strip_site_name(title: str, site: str | None) -> str | None:
    """`LinkNaija | Nigeria's popular news platform: Headline` → `Headline`: the full site
    name, tagline and all, at either end of the title."""
    if not site or site == title:
        return None
    if title.startswith(site) and (m := _AFTER_SITE.match(title, len(site))):
        return title[m.end():]
    if title.endswith(site) and (m := _SEP_AT_END.search(title[:-len(site)])):
        return title[:m.start()]
    return None


def clean_headline(title: str | None, *, site: str | None = None, url: str | None = None) -> str:
    """`Headline - Site` / `Headline | Site` / `Site | Headline` → `Headline`, when the cut-off
    segment names the site (its name or host); other separators belong to the headline."""
    title = " ".join((title or "").split())
    site = " ".join(site.split()) if site else None
    literal = _strip_site_name(title, site)
    if literal:
        return literal.strip()
    seps = list(_TITLE_SEPARATORS.finditer(title))
    if seps and _names_site(title[seps[-1].end():], site, url):
        return title[:seps[-1].start()].strip()
    if seps and _names_site(title[:seps[0].start()], site, url):
        return title[seps[0].end():].strip()
    return title


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    return find_date(value)


def page_from_fields(
    *, source: str, page_id: str, title: str | None, text: str, url: str | None = None,
    date: dt.date | str | None = None, authors: str | Sequence[str] = (), site: str | None = None,
    crawl_date: dt.date | None = None,
) -> Page:
    """A Page from a record that already holds the article's text (a JSONL export).

    `authors` is a byline string or a list of names; `date` a date or a date string
    (`2023-03-17T08:00:00Z`, `March 17, 2023`). Paragraphs are blank-line separated blocks, or
    lines when the text has no blank lines.
    """
    site_name = site_of(site, url)
    return build_page(PageFields(
        source=source, page_id=page_id, headline=clean_headline(title, site=site_name, url=url),
        body=_unwrap(text), url=url, date=_as_date(date),
        credits=split_authors(authors, site=site_name), site=site_name, crawl_date=crawl_date,
    ))


def _unwrap(text: str) -> str:
    """Blank-line separated blocks become one line each (hard-wrapped text is rejoined)."""
    if not re.search(r"\n[ \t]*\n", text):
        return text
    return "\n".join(" ".join(block.split()) for block in re.split(r"\n[ \t]*\n", text))


@dataclass(frozen=True, slots=True)
class _Lead:
    """What the opening body lines held: the index of the first paragraph, where it starts
    (after an inline dateline), and any dateline or byline found on the way."""

    first: int
    cut: int
    dateline: DatelineMatch | None
    byline: Credits | None


def _lead(lines: Sequence[tuple[str, int]], headline: str, reference: dt.date | None) -> _Lead:
    """Skip a repeated headline, a byline line and a dateline line at the top of the body; an
    inline dateline (`BEIJING (AFP) - The…`) is cut from the first paragraph. The search stops
    at the first prose paragraph: a dateline opens the story or is not one."""
    k = first = 1 if lines and headline and _key(lines[0][0]) == _key(headline) else 0
    byline: Credits | None = None
    while k < min(len(lines), first + 4):
        text, start = lines[k]
        found = parse_byline(text) if byline is None else None
        if found is not None:
            byline, first = Credits(found.raw, found.authors, found.agency), k + 1
        elif whole := match_dateline(text, whole=True, reference=reference, offset=start):
            return _Lead(k + 1, -1, whole, byline)
        elif inline := match_dateline(text, whole=False, reference=reference, offset=start):
            return _Lead(k, inline.end, inline, byline)
        elif word_count(text) >= 20:
            break
        k += 1
    return _Lead(first, -1, None, byline)


def _layout(headline: str, body: str) -> tuple[str, list[tuple[str, int]]]:
    """The page text (headline, then each body line, blank-line separated) and body line offsets."""
    chunks = [headline] if headline else []
    lines: list[tuple[str, int]] = []
    pos = len(headline) + 2 if headline else 0
    for raw in body.splitlines():
        line = " ".join(unicodedata.normalize("NFC", raw).split())
        if line:
            lines.append((line, pos))
            chunks.append(line)
            pos += len(line) + 2
    return "\n\n".join(chunks), lines


def build_page(f: PageFields) -> Page:
    """The Page of one extracted article: one main Article, or none with `empty_reason`."""
    text, lines = _layout(f.headline, f.body)
    lead = _lead(lines, f.headline, f.date or f.crawl_date)
    paragraphs = _paragraphs(lines[lead.first:], lead.cut, f.subheadings)
    if not paragraphs:
        return Page(source=f.source, text=text, site=f.site, section=f.section,
                    crawl_date=f.crawl_date, reason=f.empty_reason, url=f.url)
    # The page's author field wins; a byline line in the body fills in when there is none.
    credits = f.credits if f.credits.raw or lead.byline is None else lead.byline
    d = lead.dateline
    start = 0 if f.headline else paragraphs[0].start
    article = Article(
        id=content_id(f.page_id, ArticleKind.MAIN, str(start)), source=f.source,
        kind=ArticleKind.MAIN, headline=f.headline, start=start, end=paragraphs[-1].end,
        site=f.site, section=f.section, authors=credits.authors, byline=credits.raw,
        place=d.place if d else None,
        agency=(d.agency if d and d.agency else credits.agency or (lead.byline.agency if lead.byline else None)),
        # A page's machine-readable date has its year; a dateline's date is often inferred.
        date=f.date or (d.date if d else None), crawl_date=f.crawl_date,
        paragraphs=tuple(paragraphs), url=f.url,
    )
    return Page(source=f.source, text=text, site=f.site, section=f.section,
                crawl_date=f.crawl_date, articles=(article,), url=f.url)


def _paragraphs(lines: Sequence[tuple[str, int]], cut: int, subheadings: frozenset[str]) -> list[Paragraph]:
    """Body lines as paragraphs; the first starts at `cut` when an inline dateline preceded it."""
    out: list[Paragraph] = []
    for n, (line, start) in enumerate(lines):
        if n == 0 and cut > start:
            line, start = line[cut - start:], cut
            if not line:
                continue
        out.append(Paragraph(line, start, start + len(line), line in subheadings))
    return out
