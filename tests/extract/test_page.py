"""Extraction of whole pages: the seeds against their hand-made labels, and pages we write."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from dateline.extract import SiteChrome, extract_page
from dateline.model import Article, ArticleKind


def _norm(s: str | None) -> str:
    s = (s or "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().strip("\"' ,.").lower()


def _pages(seed_texts: dict[str, str]) -> dict[str, list[Article]]:
    return {name: list(extract_page(text, source=name, page_id=name).articles)
            for name, text in seed_texts.items()}


def _labelled(seed_labels: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(page, art) for page in seed_labels["pages"] for art in page["articles"]]


def _match(articles: list[Article], label: dict[str, Any]) -> Article:
    found = [a for a in articles if a.kind == label["kind"] and _norm(a.headline) == _norm(label["headline"])]
    assert len(found) == 1, f"{label['kind']} {label['headline']!r} found {len(found)} times"
    return found[0]


def test_page_seed_articles_match_labels(seed_texts: dict[str, str], seed_labels: dict[str, Any]) -> None:
    pages = _pages(seed_texts)
    for page, label in _labelled(seed_labels):
        a = _match(pages[page["file"]], label)
        assert (a.place, a.agency) == (label["place"], label["agency"])
        assert a.date is not None and a.date.isoformat() == label["date"]
        assert list(a.authors) == label["authors"]
        assert _norm(a.body).startswith(_norm(label["body_first_sentence"]))
        assert _norm(a.body).endswith(_norm(label["body_last_sentence"]))
        assert list(a.subheadings) == label.get("subheadings", [])
        for chrome in page["boilerplate_never_in_bodies"]:
            assert chrome.lower() not in a.body.lower()


def test_page_seed_header_fields(seed_texts: dict[str, str], seed_labels: dict[str, Any]) -> None:
    for page in seed_labels["pages"]:
        extracted = extract_page(seed_texts[page["file"]], source=page["file"], page_id=page["file"])
        assert extracted.site == page["site"]
        assert extracted.section == page["section"]
        crawl = extracted.crawl_date.isoformat() if extracted.crawl_date else None
        assert crawl == page["crawl_date"]


def test_page_seed_byline_kept_raw(seed_texts: dict[str, str], seed_labels: dict[str, Any]) -> None:
    pages = _pages(seed_texts)
    for page, label in _labelled(seed_labels):
        if "byline" in label:
            assert _match(pages[page["file"]], label).byline == label["byline"]


def test_page_seed_sidebars_link_to_main(seed_texts: dict[str, str]) -> None:
    for articles in _pages(seed_texts).values():
        main = [a for a in articles if a.kind == ArticleKind.MAIN]
        assert len(main) == 1
        for a in articles[1:]:
            assert a.parent_id == main[0].id


def test_page_seed_teasers(seed_texts: dict[str, str], seed_labels: dict[str, Any]) -> None:
    pages = _pages(seed_texts)
    for page in seed_labels["pages"]:
        teasers = [a for a in pages[page["file"]] if a.kind == ArticleKind.TEASER]
        assert len(teasers) == page["teasers"]
        by_headline = {t.headline: t for t in teasers}
        for example in page["teaser_examples"]:
            t = by_headline[example["headline"]]
            assert t.place == example.get("place")
            assert t.agency == example.get("agency")
            assert (t.date.isoformat() if t.date else None) == example.get("date")
        assert all("read more" not in t.body for t in teasers)


def test_page_offsets_point_into_text(seed_texts: dict[str, str]) -> None:
    for name, text in seed_texts.items():
        for a in extract_page(text, source=name, page_id=name).articles:
            assert text[a.start:a.end].startswith(a.headline[:20] or text[a.start:a.start + 1])
            for p in a.paragraphs:
                if not p.is_subheading:
                    assert text[p.start:p.end] == p.text


def test_page_ids_are_stable(seed_texts: dict[str, str]) -> None:
    name, text = next(iter(seed_texts.items()))
    first = [a.id for a in extract_page(text, source=name, page_id="abc").articles]
    again = [a.id for a in extract_page(text, source=name, page_id="abc").articles]
    assert first == again and len(set(first)) == len(first)


WIRE_PAGE = """Ukraine grain talks resume in Istanbul | Global Wire
Home
World
Business
Ukraine grain talks resume in Istanbul
By Maria KOVAL and Ahmet Demir
ISTANBUL (Reuters) - Negotiators from Ukraine and Russia met again on Tuesday to discuss grain exports across the Black Sea, officials from both delegations said.
The talks, hosted by Turkey, are the first in two months and follow a series of attacks on port facilities in Odesa.
"We expect a difficult week," a Turkish official said, asking not to be named.
Advertisement
Diplomats said a final text could be ready by the end of the month if both sides agree on inspections.
Share this article
Most read
Markets slide as oil jumps
Election results delayed in three regions
Copyright 2025 Global Wire. All rights reserved.
"""


def test_page_inline_dateline_opens_the_body() -> None:
    page = extract_page(WIRE_PAGE, source="wire.txt", page_id="w")
    main = page.articles[0]
    assert main.kind == ArticleKind.MAIN
    assert main.headline == "Ukraine grain talks resume in Istanbul"
    assert page.site == "Global Wire"
    assert main.authors == ("Maria Koval", "Ahmet Demir")
    assert (main.place, main.agency, main.date) == ("Istanbul", "Reuters", None)
    assert main.paragraphs[0].text.startswith("Negotiators from Ukraine")
    assert main.body.endswith("agree on inspections.")
    assert "Advertisement" not in main.body and "Share this" not in main.body
    assert [t.headline for t in page.articles if t.kind == ArticleKind.TEASER] == [
        "Markets slide as oil jumps", "Election results delayed in three regions"]


def test_page_site_chrome_is_dropped_from_body() -> None:
    text = WIRE_PAGE.replace("Advertisement", "Sponsored by our readers today")
    plain = extract_page(text, source="a.txt", page_id="a").articles[0]
    assert "Sponsored by our readers today" in plain.body
    from dateline.extract import line_key
    learned = extract_page(text, source="a.txt", page_id="a",
                           chrome=SiteChrome(frozenset({line_key("Sponsored by our readers today")})))
    assert "Sponsored by our readers today" not in learned.articles[0].body


@pytest.mark.parametrize("text", ["", "\n\n  \n", "Home\nAbout\nContact\n"])
def test_page_without_article_says_why(text: str) -> None:
    page = extract_page(text, source="x.txt", page_id="x")
    assert not [a for a in page.articles if a.kind == ArticleKind.MAIN]
    assert page.reason


def test_page_seed_bodies_lose_no_paragraph(seed_texts: dict[str, str]) -> None:
    """Every prose line of a seed's story area lands in exactly one story, even when a sidebar
    repeats a sentence of the main story (wire copies do)."""
    for name, text in seed_texts.items():
        articles = [a for a in extract_page(text, source=name, page_id=name).articles
                    if a.kind != ArticleKind.TEASER]
        story_area = text[articles[0].start:articles[-1].end]
        headlines = {a.headline for a in articles}
        prose = [ln.strip() for ln in story_area.splitlines()
                 if len(ln.split()) >= 8 and ln.strip() not in headlines]
        paragraphs = [p.text for a in articles for p in a.paragraphs]
        for line in prose:
            owners = [p for p in paragraphs if line.endswith(p)]
            assert len(owners) == 1, f"{name}: {line[:60]!r} is in {len(owners)} paragraphs"


def test_page_headline_is_the_line_above_the_byline() -> None:
    text = ("World Desk\nEnvoy says ceasefire deal 'within reach' as talks resume\nBy Anna BERG\n"
            "Geneva (AFP) March 9, 2024\n\nNegotiators from both sides returned to the table on Saturday, "
            "a United Nations envoy said after the first session.\n")
    page = extract_page(text, source="h.txt", page_id="h")
    main = page.articles[0]
    assert (page.site, main.headline) == ("World Desk", "Envoy says ceasefire deal 'within reach' as talks resume")
    assert (main.authors, main.place, main.date) == (("Anna Berg",), "Geneva", dt.date(2024, 3, 9))
    assert text[main.start:].startswith(main.headline)
