"""Assemble a text dump's articles: header, main story, sidebar stories and teasers.

The page is read top-down as a news page is built: site and section labels, the headline
(often printed twice), byline and dateline, the body (which may bundle further stories, each
opening with its own headline and an inline dateline), then lists of other stories and footers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.extract.body import select_body
from dateline.extract.byline import Byline, parse_byline
from dateline.extract.chrome import SiteChrome
from dateline.extract.dateline import DatelineMatch, match_dateline
from dateline.extract.lines import Line, split_lines
from dateline.extract.shapes import is_headline_shaped, is_section_label, subheading_text
from dateline.extract.teasers import Teaser, find_teasers
from dateline.model import Article, ArticleKind, Page, Paragraph, content_id

__all__ = ["extract_page", "crawl_date_of"]

_CRAWL_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})\b")
_TITLE_SPLIT = re.compile(r"\s+[|–—-]\s+|\s+::\s+")
_HEADER_WINDOW = 80
_TITLE_WINDOW = 1500  # menus can run to hundreds of lines before the headline
_ANCHOR_GAP = 4  # a byline or dateline sits within a few lines below the headline
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class _Header:
    site: str | None
    section: str | None
    headline: str | None
    byline: Byline | None
    dateline: DatelineMatch | None
    start: int  # offset where the article begins (its headline, else its body)
    body_from: int  # index of the first line after the header
    anchored: bool  # the body is known to start at body_from


@dataclass(frozen=True, slots=True)
class _Story:
    headline: str | None
    dateline: DatelineMatch | None
    paragraphs: tuple[Paragraph, ...]
    start: int
    end: int


def crawl_date_of(text: str) -> tuple[dt.date | None, int]:
    """A leading `date YYYY-MM-DD` marker: the crawl date and where the page proper begins."""
    m = _CRAWL_DATE.match(text)
    if not m:
        return None, 0
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None, m.end()


def _title_parts(text: str) -> tuple[str, str | None]:
    """`Headline - Site` → (`Headline`, `Site`)."""
    parts = _TITLE_SPLIT.split(text)
    if len(parts) > 1 and len(parts[-1].split()) <= 6:
        return " - ".join(parts[:-1]), parts[-1]
    return text, None


def _find_header(lines: Sequence[Line], reference: dt.date | None) -> _Header:
    """Headline, then the byline/dateline just below it (or at the top when no headline shows)."""
    headline_idx = _find_headline(lines)
    if headline_idx is not None:
        lo = headline_idx + 1
        while lo < len(lines) and lines[lo].text == lines[headline_idx].text:
            lo += 1
        window = range(lo, min(lo + _ANCHOR_GAP, len(lines)))
    else:
        lo, window = 0, range(min(_ANCHOR_GAP, len(lines)))
    byline, dateline, anchor = _find_anchor(lines, window, reference)
    body_from = lo if anchor < 0 else anchor + 1
    if anchor >= 0 and body_from < len(lines):
        nxt, nxt_start = lines[body_from].text, lines[body_from].start
        if byline and (d := match_dateline(nxt, whole=True, reference=reference, offset=nxt_start)):
            dateline, body_from = d, body_from + 1
        elif dateline and (b := parse_byline(nxt)):
            byline, body_from = b, body_from + 1
    first = lines[0].text if lines else ""
    headline = lines[headline_idx].text if headline_idx is not None else None
    site, section = _site_and_section(lines, headline_idx, headline)
    if headline is None and first:
        headline = _title_parts(first)[0]
    start = lines[headline_idx].start if headline_idx is not None else (
        lines[body_from].start if body_from < len(lines) else 0
    )
    return _Header(site, section, headline, byline, dateline, start, body_from, anchor >= 0)


def _find_anchor(
    lines: Sequence[Line], window: range, reference: dt.date | None
) -> tuple[Byline | None, DatelineMatch | None, int]:
    """The first byline or dateline line in `window`, and its index (-1 when none)."""
    for i in window:
        line = lines[i]
        dateline = match_dateline(line.text, whole=True, reference=reference, offset=line.start)
        byline = None if dateline else parse_byline(line.text)
        if dateline or byline:
            return byline, dateline, i
    return None, None, -1


def _site_and_section(
    lines: Sequence[Line], headline_idx: int | None, headline: str | None
) -> tuple[str | None, str | None]:
    """The site from the title line, the section from a short label just above the headline."""
    first = lines[0].text if lines else ""
    site: str | None = None
    section: str | None = None
    if headline_idx is None or headline_idx > 0:
        title, site_part = _title_parts(first)
        site = site_part or (title if headline is None or title != headline else None)
    elif lines:
        _, site = _title_parts(first)
    if headline_idx is not None and headline_idx > 1:
        between = [ln.text for ln in lines[max(1, headline_idx - 3):headline_idx] if ln.text != headline]
        if between and len(between[-1].split()) <= 4:
            section = between[-1]
    return site, section


def _norm(text: str) -> str:
    return " ".join(_NON_WORD.split(text.casefold())).strip()


def title_lines(lines: Sequence[Line], limit: int = _TITLE_WINDOW) -> list[int]:
    """Lines that repeat the page title (its first line) or its headline part: a page prints
    its headline again where the article begins, and sometimes in menus and lists as well."""
    if not lines:
        return []
    title = _norm(lines[0].text)
    head = _norm(_title_parts(lines[0].text)[0])
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
            hits.append(line.index)
    return hits


def _find_headline(lines: Sequence[Line]) -> int | None:
    """The headline's line index: a headline printed twice in a row near the top, else the first
    line repeating the page title."""
    window = lines[:_HEADER_WINDOW]
    for i in range(len(window) - 1):
        if window[i].text == window[i + 1].text and is_headline_shaped(window[i].text):
            return i
    hits = title_lines(lines)
    return hits[0] if hits else None


def _paragraph(line: Line) -> Paragraph:
    sub = subheading_text(line.text)
    if sub is not None:
        return Paragraph(sub, line.start + line.text.index(sub), line.start + line.text.index(sub) + len(sub), True)
    return Paragraph(line.text, line.start, line.end)


def _split_stories(
    lines: Sequence[Line], body: Sequence[int], header: _Header, reference: dt.date | None
) -> list[_Story]:
    """Split the body lines where a headline is followed by a dateline (a bundled story)."""
    stories: list[_Story] = []
    headline, dateline, start = header.headline, header.dateline, header.start
    paragraphs: list[Paragraph] = []
    k = 0
    while k < len(body):
        line = lines[body[k]]
        nxt = lines[body[k + 1]] if k + 1 < len(body) else None
        if nxt is not None and is_headline_shaped(line.text) and subheading_text(line.text) is None:
            inline = match_dateline(nxt.text, whole=False, reference=reference, offset=nxt.start)
            alone = None if inline else match_dateline(nxt.text, whole=True, reference=reference, offset=nxt.start)
            if inline or alone:
                if paragraphs or stories:
                    stories.append(_Story(headline, dateline, tuple(paragraphs), start, _end(paragraphs, start)))
                headline, dateline, start, paragraphs = line.text, inline or alone, line.start, []
                if inline:
                    paragraphs.append(Paragraph(nxt.text[inline.end - nxt.start:], inline.end, nxt.end))
                k += 2
                continue
        if not paragraphs and dateline is None:
            inline = match_dateline(line.text, whole=False, reference=reference, offset=line.start)
            if inline:
                dateline = inline
                paragraphs.append(Paragraph(line.text[inline.end - line.start:], inline.end, line.end))
                k += 1
                continue
        paragraphs.append(_paragraph(line))
        k += 1
    if paragraphs:
        stories.append(_Story(headline, dateline, tuple(paragraphs), start, _end(paragraphs, start)))
    return stories


def _end(paragraphs: Sequence[Paragraph], start: int) -> int:
    return paragraphs[-1].end if paragraphs else start


def extract_page(
    text: str, *, source: str, page_id: str, chrome: SiteChrome | None = None
) -> Page:
    """Articles of one plain-text page. Pure: the site's chrome comes in as an argument.

    Returns a Page whose `reason` says why, when no main article could be found.
    """
    chrome = chrome or SiteChrome()
    crawl_date, begin = crawl_date_of(text)
    lines = split_lines(text[begin:], offset=begin)
    if not lines:
        return Page(source=source, text=text, crawl_date=crawl_date, reason="no text")
    reference = crawl_date
    header = _find_header(lines, reference)
    if header.dateline and header.dateline.date and reference is None:
        reference = header.dateline.date
    breaks = title_lines(lines) + ([header.body_from - 1] if header.body_from > 0 else [])
    body = select_body(lines, chrome=chrome, start=header.body_from if header.anchored else 0,
                       anchored=header.anchored, breaks=breaks)
    stories = _split_stories(lines, body, header, reference)
    tail = lines[body[-1] + 1:] if body else lines[header.body_from:]
    teasers = find_teasers(tail, reference=reference)

    articles: list[Article] = []
    main_id: str | None = None
    for n, story in enumerate(stories):
        kind = ArticleKind.MAIN if n == 0 else ArticleKind.SIDEBAR
        art_id = content_id(page_id, kind, str(story.start))
        byline = header.byline if n == 0 else None
        d = story.dateline
        articles.append(Article(
            id=art_id, source=source, kind=kind, headline=story.headline or "",
            start=story.start, end=story.end, parent_id=main_id,
            site=header.site, section=header.section,
            authors=byline.authors if byline else (), byline=byline.raw if byline else None,
            place=d.place if d else None,
            agency=(d.agency if d and d.agency else (byline.agency if byline else None)),
            date=d.date if d else None, crawl_date=crawl_date, paragraphs=story.paragraphs,
        ))
        if n == 0:
            main_id = art_id
    articles.extend(_teaser_article(t, source, page_id, main_id, header, crawl_date) for t in teasers)
    reason = "" if stories else "no article body found"
    return Page(source=source, text=text, site=header.site, section=header.section,
                crawl_date=crawl_date, articles=tuple(articles), reason=reason)


def _teaser_article(
    teaser: Teaser, source: str, page_id: str, parent_id: str | None, header: _Header,
    crawl_date: dt.date | None,
) -> Article:
    d = teaser.dateline
    paragraphs = (Paragraph(teaser.lede, teaser.lede_start, teaser.lede_end),) if teaser.lede else ()
    return Article(
        id=content_id(page_id, ArticleKind.TEASER, str(teaser.headline.start)),
        source=source, kind=ArticleKind.TEASER, headline=teaser.headline.text,
        start=teaser.headline.start, end=teaser.end, parent_id=parent_id,
        site=header.site, section=teaser.section or header.section,
        place=d.place if d else None, agency=d.agency if d else None, date=d.date if d else None,
        crawl_date=crawl_date, paragraphs=paragraphs,
    )
