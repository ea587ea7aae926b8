"""Assemble a text dump's articles: header, main story, sidebar stories and teasers.

The page is read top-down as a news page is built: site and section labels, the headline
(often printed twice), byline and dateline, the body (which may bundle further stories, each
opening with its own headline and an inline dateline), then lists of other stories and footers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.extract.body import select_body
from dateline.extract.chrome import SiteChrome
from dateline.extract.dateline import DatelineMatch, match_dateline
from dateline.extract.header import Header, crawl_date_of, find_header
from dateline.extract.lines import Line, split_lines
from dateline.extract.shapes import is_headline_shaped, is_sentence, subheading_text
from dateline.extract.teasers import Teaser, find_teasers
from dateline.extract.title import title_lines
from dateline.model import Article, ArticleKind, Page, Paragraph, content_id

__all__ = ["extract_page"]

_SUBHEADING_WORDS = 12

@dataclass(frozen=True, slots=True)
class _Story:
    headline: str | None
    dateline: DatelineMatch | None
    paragraphs: tuple[Paragraph, ...]
    start: int
    end: int


def _paragraph(line: Line, *, inside: bool) -> Paragraph:
    """A body line as a paragraph; a short unpunctuated line between paragraphs is a subheading."""
    sub = subheading_text(line.text)
    if sub is None and inside and len(line.text.split()) <= _SUBHEADING_WORDS and is_headline_shaped(line.text):
        sub = line.text
    if sub is not None:
        return Paragraph(sub, line.start + line.text.index(sub), line.start + line.text.index(sub) + len(sub), True)
    return Paragraph(line.text, line.start, line.end)


def _split_stories(
    lines: Sequence[Line], body: Sequence[int], header: Header, reference: dt.date | None
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
        inside = bool(paragraphs) and nxt is not None and is_sentence(nxt.text)
        paragraphs.append(_paragraph(line, inside=inside))
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
    header = find_header(lines, crawl_date)
    # Yearless datelines (`WASHINGTON, March 13 (Reuters) -`) take their year from the page.
    reference = header.date or crawl_date or (header.dateline.date if header.dateline else None)
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
            date=d.date if d and d.date else (header.date if n == 0 else None),
            crawl_date=crawl_date, paragraphs=story.paragraphs,
        ))
        if n == 0:
            main_id = art_id
    articles.extend(_teaser_article(t, source, page_id, main_id, header, crawl_date) for t in teasers)
    reason = "" if stories else "no article body found"
    return Page(source=source, text=text, site=header.site, section=header.section,
                crawl_date=crawl_date, articles=tuple(articles), reason=reason)


def _teaser_article(
    teaser: Teaser, source: str, page_id: str, parent_id: str | None, header: Header,
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
