from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.model import Article, ArticleKind, Page, Paragraph
from dateline.store import connect, list_articles, transaction
from dateline.store.db import article_from_row, write_page

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
_articles = st.builds(
    Article,
    id=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
    source=st.just("page.txt"),
    kind=st.sampled_from(list(ArticleKind)),
    headline=_text,
    start=st.integers(0, 10_000),
    end=st.integers(0, 10_000),
    parent_id=st.none() | st.just("0" * 16),
    site=st.none() | _text,
    section=st.none() | _text,
    authors=st.lists(_text, max_size=3).map(tuple),
    byline=st.none() | _text,
    place=st.none() | _text,
    agency=st.none() | _text,
    date=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
    crawl_date=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
    paragraphs=st.lists(st.builds(Paragraph, _text, st.integers(0, 99), st.integers(0, 99), st.booleans()),
                        max_size=4).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(article=_articles)
def test_db_article_round_trips_through_a_row(article: Article) -> None:
    conn = connect(":memory:")
    page = Page(source="page.txt", text="x", articles=(article,))
    with transaction(conn):
        write_page(conn, page, page_id="p", site_key="s")
    row = conn.execute("SELECT * FROM articles").fetchone()
    assert article_from_row(row) == article


def _article(i: int, body: str) -> Article:
    return Article(id=f"{i:016d}", source="a.txt", kind=ArticleKind.MAIN, headline=f"Headline {i}",
                   start=0, end=10, paragraphs=(Paragraph(body, 0, len(body)),))


def test_db_rewriting_a_page_keeps_full_text_index_in_step(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.db")
    old = Page(source="a.txt", text="x", articles=(_article(1, "ceasefire talks in Doha"),))
    new = Page(source="a.txt", text="y", articles=(_article(2, "grain exports resume"),))
    with transaction(conn):
        write_page(conn, old, page_id="p1", site_key="s")
    with transaction(conn):
        write_page(conn, new, page_id="p2", site_key="s")
    assert list_articles(conn, search="ceasefire") == []
    assert [a.id for a in list_articles(conn, search="grain")] == [f"{2:016d}"]
    assert conn.execute("SELECT COUNT(*) FROM articles_fts").fetchone()[0] == 1
