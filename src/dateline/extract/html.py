"""Articles from HTML pages: trafilatura finds the body and metadata, we map them onto Article.

trafilatura had the best measured body F1 on real pages, so the HTML path does not second-guess
its choice of body. What we add is ours: headline cleaning (`Headline - Site`), authors split
into people and agencies, and our dateline parser over the opening lines, so an HTML article
gets place, agency and date as a text dump does (see `fields.build_page`).

For an HTML page, `Page.text` is the extracted text (headline, then each body line, separated by
blank lines), not the raw HTML: offsets must index the text the store keeps, and the markup is
not worth keeping. The raw HTML stays with its source file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document

from dateline.extract.fields import PageFields, build_page, clean_headline, site_of, split_authors
from dateline.model import Page

__all__ = ["DEFAULT_HTML_SETTINGS", "HtmlSettings", "extract_html"]

NO_BODY = "no article body found in HTML"


@dataclass(frozen=True, slots=True)
class HtmlSettings:
    """trafilatura's extraction switches, chosen once for every HTML page (see `bench/aeb_html.py`).

    Measured on the 91 AEB development pages (body F1; trafilatura's own default 0.962):
    - `favor_precision`: 0.975 against 0.965 balanced and 0.966 with `favor_recall`; news pages
      lose more to share bars, captions and "read more" lists than to trimmed paragraphs.
    - `include_tables`: +0.007 (tables in stories are results and figures, part of the body).
    - `include_comments=False`: reader comments are not the article.
    - `fast=False`: the fallback extractors (readability, jusText) rescue pages the main pass
      misses (0.975 against 0.972 fast).
    - `deduplicate=False`: trafilatura's deduplication keeps a process-wide cache of seen
      paragraphs, so a page's body would depend on what the process read before. Ingest must
      not depend on file order or worker count; copies are grouped later, by the store.
    - `extensive_date_search`: htmldate may read dates from text when markup has none.
    """

    favor_precision: bool = True
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False
    fast: bool = False
    deduplicate: bool = False
    extensive_date_search: bool = True


DEFAULT_HTML_SETTINGS = HtmlSettings()


@dataclass(frozen=True, slots=True)
class _Extracted:
    """The part of trafilatura's Document we use, typed."""

    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None
    categories: tuple[str, ...]
    text: str
    subheadings: frozenset[str]


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _trafilatura(html: str, url: str | None, max_date: dt.date | None, s: HtmlSettings) -> _Extracted | None:
    """The one call into trafilatura: its Document is narrowed to what we use, here only."""
    date_params: dict[str, Any] = {"original_date": True, "extensive_search": s.extensive_date_search}
    if max_date is not None:
        # No page is published after it was crawled (a day's slack for time zones); this also
        # makes the result independent of the day the extraction runs.
        date_params["max_date"] = (max_date + dt.timedelta(days=1)).isoformat()
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_precision=s.favor_precision,
        favor_recall=s.favor_recall, include_tables=s.include_tables,
        include_comments=s.include_comments, fast=s.fast, deduplicate=s.deduplicate,
        date_extraction_params=date_params,
    )
    if not isinstance(doc, Document):
        return None
    heads = frozenset(" ".join("".join(h.itertext()).split()) for h in doc.body.iter("head"))
    return _Extracted(
        title=_str(doc.title), author=_str(doc.author), date=_str(doc.date),
        sitename=_str(doc.sitename), url=_str(doc.url),
        categories=tuple(c for c in (_str(x) for x in doc.categories or ()) if c),
        text=doc.text or "", subheadings=heads,
    )


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _section(categories: tuple[str, ...], site: str | None) -> str | None:
    """The page's one category (`Business`) as its section. Several categories are usually the
    site's navigation or tag cloud, not where the story sits; the site's own name is no section."""
    if len(categories) != 1:
        return None
    section = categories[0].split(",")[0].strip()
    generic = {(site or "").casefold(), "post", "article", "articles"}
    return section if section and section.casefold() not in generic else None


def extract_html(
    html: str, *, source: str, page_id: str, url: str | None = None,
    crawl_date: dt.date | None = None, settings: HtmlSettings = DEFAULT_HTML_SETTINGS,
) -> Page:
    """The main article of one HTML page. Pure: no I/O, the same input gives the same Page.

    `url` is where the page was fetched (a WARC target URI); without it the page's canonical
    URL is used. A page where trafilatura finds no body is a Page with a reason.
    """
    found = _trafilatura(html, url, crawl_date, settings) if html.strip() else None
    if found is None:
        return Page(source=source, text="", crawl_date=crawl_date, reason=NO_BODY, url=url)
    page_url = url or found.url
    site = site_of(found.sitename, page_url)
    section = _section(found.categories, site)
    return build_page(PageFields(
        source=source, page_id=page_id,
        headline=clean_headline(found.title, site=found.sitename or site, url=page_url), body=found.text,
        url=page_url, date=_date(found.date), credits=split_authors(found.author or (), site=site),
        site=site, section=section or None, crawl_date=crawl_date,
        subheadings=found.subheadings, empty_reason=NO_BODY,
    ))
