"""HTML pages → Page/Article: trafilatura's body and metadata mapped onto our fields."""

from __future__ import annotations

import datetime as dt

from dateline.extract.html import DEFAULT_HTML_SETTINGS, HtmlSettings, extract_html
from dateline.model import ArticleKind

_STORY = [
    "BEIJING (AFP) - China on Thursday urged an immediate ceasefire in Ukraine and called on both "
    "sides to resume peace talks, the foreign ministry said in a statement released in the capital.",
    "Foreign Minister Qin Gang told his Ukrainian counterpart Dmytro Kuleba in a phone call that "
    "Beijing hoped all parties would stay calm and rational and keep the door to dialogue open.",
    "The call came days after President Xi Jinping visited Moscow for talks with Vladimir Putin, a "
    "trip that Western governments watched closely for signs of Chinese support for the war.",
    "Kuleba said on Twitter that he had discussed the importance of the principle of territorial "
    "integrity with Qin, and that Ukraine would keep pressing its own peace formula with partners.",
]


def _page(paragraphs: list[str], *, head: str = "", byline: str = "By Jing Xuan TENG and Matthew WALSH, AFP") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head>
<meta charset="utf-8">
<title>China urges Ukraine ceasefire in call with Kyiv - Space Daily</title>
<meta property="og:site_name" content="Space Daily">
<meta property="og:title" content="China urges Ukraine ceasefire in call with Kyiv">
<meta property="article:published_time" content="2023-03-16T09:12:00+00:00">
<meta name="author" content="Jing Xuan TENG; Matthew WALSH; AFP">
<link rel="canonical" href="https://www.spacedaily.com/reports/China_urges_ceasefire.html">
{head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/space">Space</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<main><article>
<h1>China urges Ukraine ceasefire in call with Kyiv</h1>
<p class="byline">{byline}</p>
{body}
<div class="share"><a href="https://twitter.com/share">Share on Twitter</a>
<a href="https://facebook.com/share">Share on Facebook</a><a href="mailto:">Email this story</a></div>
</article></main>
<aside><h3>Related</h3><ul><li><a href="/a">Xi to visit Moscow next week</a></li>
<li><a href="/b">EU weighs new sanctions</a></li></ul></aside>
<footer><p>Copyright 2023 Space Media Network. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>"""


def test_news_page_body_metadata_and_inline_dateline() -> None:
    page = extract_html(_page(_STORY), source="a.html", page_id="p1",
                        url="https://www.spacedaily.com/reports/China_urges_ceasefire.html",
                        crawl_date=dt.date(2023, 3, 17))
    assert page.reason == "" and len(page.articles) == 1
    art = page.articles[0]
    assert art.kind is ArticleKind.MAIN
    assert art.headline == "China urges Ukraine ceasefire in call with Kyiv"
    assert art.site == page.site == "Space Daily"
    assert art.url == page.url == "https://www.spacedaily.com/reports/China_urges_ceasefire.html"
    assert art.date == dt.date(2023, 3, 16) and art.crawl_date == dt.date(2023, 3, 17)
    assert (art.place, art.agency) == ("Beijing", "AFP")
    assert art.authors == ("Jing Xuan Teng", "Matthew Walsh")
    assert art.byline == "Jing Xuan TENG; Matthew WALSH; AFP"
    assert art.paragraphs[0].text.startswith("China on Thursday urged")
    assert [p.text for p in art.paragraphs[1:]] == _STORY[1:]
    for chrome in ("Share on", "Copyright", "Privacy", "Subscribe", "Xi to visit Moscow"):
        assert chrome not in art.body


def test_offsets_index_the_extracted_page_text() -> None:
    page = extract_html(_page(_STORY), source="a.html", page_id="p1")
    art = page.articles[0]
    assert page.text.startswith(art.headline)
    assert "<" not in page.text  # the extracted text, not the markup
    for p in art.paragraphs:
        assert page.text[p.start:p.end] == p.text
    assert page.text[art.start:art.end].endswith(_STORY[-1])
    # The dateline stays in the page text, just before the first paragraph.
    assert page.text[:art.paragraphs[0].start].endswith("BEIJING (AFP) - ")


def test_url_falls_back_to_canonical_and_site_to_host() -> None:
    html = _page(_STORY).replace('<meta property="og:site_name" content="Space Daily">', "")
    page = extract_html(html, source="a.html", page_id="p1")
    assert page.url == "https://www.spacedaily.com/reports/China_urges_ceasefire.html"
    assert page.articles[0].site  # a site name trafilatura derives, else the URL's host


def test_dateline_line_of_its_own_and_wire_byline_in_the_body() -> None:
    story = ["WASHINGTON, March 16 (Reuters)"] + _STORY[1:]
    html = _page(story, byline="By Humeyra PAMUK, Reuters Staff").replace(
        '<meta name="author" content="Jing Xuan TENG; Matthew WALSH; AFP">', "")
    art = extract_html(html, source="b.html", page_id="p2").articles[0]
    assert (art.place, art.agency, art.date) == ("Washington", "Reuters", dt.date(2023, 3, 16))
    assert art.paragraphs[0].text == _STORY[1]
    assert art.authors == ("Humeyra Pamuk",)


def test_agencies_are_not_people() -> None:
    html = _page(_STORY).replace("Jing Xuan TENG; Matthew WALSH; AFP", "The Associated Press")
    art = extract_html(html, source="c.html", page_id="p3").articles[0]
    assert art.authors == () and art.byline == "The Associated Press"
    assert art.agency == "AFP"  # the dateline's agency wins over the byline's


def test_page_without_an_article() -> None:
    html = """<html><head><title>Space Daily</title></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <footer>Copyright 2023 Space Media Network</footer></body></html>"""
    for doc in (html, "", "   "):
        page = extract_html(doc, source="d.html", page_id="p4")
        assert page.articles == () and page.reason == "no article body found in HTML"


def test_settings_are_one_frozen_object() -> None:
    assert DEFAULT_HTML_SETTINGS == HtmlSettings()
    assert DEFAULT_HTML_SETTINGS.include_comments is False and DEFAULT_HTML_SETTINGS.deduplicate is False
    recall = HtmlSettings(favor_precision=False, favor_recall=True)
    page = extract_html(_page(_STORY), source="a.html", page_id="p1", settings=recall)
    assert page.articles[0].paragraphs[-1].text == _STORY[-1]


def test_extraction_is_deterministic() -> None:
    html = _page(_STORY)
    assert extract_html(html, source="a", page_id="p") == extract_html(html, source="a", page_id="p")
