"""Records that carry extracted text (JSONL exports) → Page/Article, and the shared field rules."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract.fields import clean_headline, page_from_fields, site_of, split_authors

_TEXT = """BEIJING (AFP) - China on Thursday urged an immediate ceasefire in Ukraine,
the foreign ministry said.

Foreign Minister Qin Gang told his Ukrainian counterpart that Beijing hoped
all parties would stay calm.

Kuleba said he had discussed the principle of territorial integrity with Qin."""


def test_record_with_inline_dateline_and_hard_wrapped_paragraphs() -> None:
    page = page_from_fields(
        source="feed.jsonl:1", page_id="r1", title="China urges ceasefire | Space Daily", text=_TEXT,
        url="https://www.spacedaily.com/a.html", date="2023-03-16T09:12:00Z",
        authors=["Jing Xuan TENG", "AFP"], site="Space Daily", crawl_date=dt.date(2023, 3, 17),
    )
    art = page.articles[0]
    assert (art.headline, art.site) == ("China urges ceasefire", "Space Daily")
    assert art.url == page.url == "https://www.spacedaily.com/a.html"
    assert (art.place, art.agency, art.date) == ("Beijing", "AFP", dt.date(2023, 3, 16))
    assert art.authors == ("Jing Xuan Teng",) and art.byline == "Jing Xuan TENG; AFP"
    assert [p.text for p in art.paragraphs] == [
        "China on Thursday urged an immediate ceasefire in Ukraine, the foreign ministry said.",
        "Foreign Minister Qin Gang told his Ukrainian counterpart that Beijing hoped all parties would stay calm.",
        "Kuleba said he had discussed the principle of territorial integrity with Qin.",
    ]
    assert all(page.text[p.start:p.end] == p.text for p in art.paragraphs)


def test_single_newlines_split_paragraphs_and_yearless_dateline_takes_the_record_year() -> None:
    text = "WASHINGTON, March 16 (Reuters) - The White House said on Thursday it would respond.\nMore follows."
    page = page_from_fields(source="s", page_id="r2", title=None, text=text, date=dt.date(2023, 3, 17))
    art = page.articles[0]
    assert art.headline == "" and art.start == art.paragraphs[0].start
    assert (art.place, art.agency) == ("Washington", "Reuters")
    assert [p.text for p in art.paragraphs] == ["The White House said on Thursday it would respond.", "More follows."]
    assert art.date == dt.date(2023, 3, 17)  # the record's own date


def test_record_site_falls_back_to_url_host() -> None:
    page = page_from_fields(source="s", page_id="r3", title="A title - example", text="Body text here.",
                            url="https://www.example.com/x")
    assert page.site == "example.com" and page.articles[0].headline == "A title"


def test_record_without_text() -> None:
    page = page_from_fields(source="s", page_id="r4", title="Only a title", text="  \n ")
    assert page.articles == () and page.reason


@pytest.mark.parametrize("raw, authors, agency", [
    ("Tom Krisher; Ap Auto Writer", ("Tom Krisher",), "AP"),
    ("ROBERT BURNS; AP National Security Writer", ("Robert Burns",), "AP"),
    ("DANICA KIRKA; JILL LAWLESS Associated Press", ("Danica Kirka", "Jill Lawless"), "AP"),
    ("Jill Disis; CNN Business", ("Jill Disis",), None),
    ("Amy Kuperinsky; NJ Advance Media", ("Amy Kuperinsky",), None),
    ("Carrie Arnold November", ("Carrie Arnold",), None),
    ("JERUSALEM POST STAFF NOVEMBER", (), None),
    ("Science X staff", (), None),
    ("PTI", (), "PTI"),
    ("Reuters", (), "Reuters"),
    ("Admin", (), None),
    ("By Jane Doe and John SMITH", ("Jane Doe", "John Smith"), None),
    ("Ani Petrosyan", ("Ani Petrosyan",), None),
    (["Lia Eustachewich", "Yaron Steinbuch"], ("Lia Eustachewich", "Yaron Steinbuch"), None),
])
def test_split_authors(raw: str | list[str], authors: tuple[str, ...], agency: str | None) -> None:
    credits = split_authors(raw)
    assert (credits.authors, credits.agency) == (authors, agency)


def test_site_name_is_not_an_author() -> None:
    assert split_authors("The Beachbody Blog; Jane Doe", site="The Beachbody Blog").authors == ("Jane Doe",)


@pytest.mark.parametrize("title, site, url, headline", [
    ("Simple Hiking Survival Kit (with Kids) - The Anti-June Cleaver", "The Anti-June Cleaver", None,
     "Simple Hiking Survival Kit (with Kids)"),
    ("New York AG investigating WeWork – TechCrunch", None, "https://techcrunch.com/x",
     "New York AG investigating WeWork"),
    ("LinkNaija | Nigeria's popular news platform: BREAKING NEWS: Chelsea sign Kepa",
     "LinkNaija | Nigeria's popular news platform", None, "BREAKING NEWS: Chelsea sign Kepa"),
    ("Gift guide - 9to5Mac", "9To5Mac", None, "Gift guide"),
    ("Inexhibit | 'The Medium is the Message'", "Inexhibit magazine", None, "'The Medium is the Message'"),
    ("Xi meets Putin - the view from Kyiv", "Space Daily", None, "Xi meets Putin - the view from Kyiv"),
])
def test_clean_headline(title: str, site: str | None, url: str | None, headline: str) -> None:
    assert clean_headline(title, site=site, url=url) == headline


def test_site_of() -> None:
    assert site_of("Autoracing | F1 | Indy", None) == "Autoracing"
    assert site_of(None, "https://www.bbc.co.uk/news/1") == "bbc.co.uk"
    assert site_of(" ", None) is None
