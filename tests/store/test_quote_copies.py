"""A sidebar that copies its main article's paragraph repeats a quotation: the listing gives it
once, as the main article has it. A sidebar that quotes the same words in a paragraph of its own
is a report of its own and is listed."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator

import pytest

from dateline.store.language import count_quotes, list_quotes, quote_facets


@pytest.fixture()
def copy_db(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """The shared store, copied to memory so that rows can be added."""
    mem = sqlite3.connect(":memory:")
    conn.backup(mem)
    mem.row_factory = conn.row_factory
    yield mem
    mem.close()


def _main_quote(db: sqlite3.Connection) -> sqlite3.Row:
    """A quotation with a speaker, of a main article, with its paragraph."""
    return db.execute(
        "SELECT q.*, ar.paragraphs AS paragraphs, ar.page_id AS page_id FROM quotes q"
        " JOIN articles ar ON ar.id = q.article_id WHERE ar.kind = 'main' AND q.speaker_id IS NOT NULL"
        " ORDER BY q.id LIMIT 1").fetchone()


def _add_sidebar(db: sqlite3.Connection, main: sqlite3.Row, ident: str, paragraph: str, *, offset: int) -> str:
    """A sidebar of `main`'s article made of one paragraph, holding a quotation of `main`'s
    words with another speaker form; returns the quotation's id."""
    start = 10**6 + offset
    at = start + paragraph.index(main["text"])
    db.execute(
        "INSERT INTO articles(id, page_id, source, kind, parent_id, headline, body, paragraphs, start, \"end\","
        " fingerprint) VALUES (?, ?, 'test', 'sidebar', ?, 'A sidebar', ?, ?, ?, ?, ?)",
        (ident, main["page_id"], main["article_id"], paragraph,
         json.dumps([[paragraph, start, start + len(paragraph), False]]), start, start + len(paragraph), ident))
    other = db.execute("SELECT id FROM actors WHERE id != ? ORDER BY id LIMIT 1", (main["speaker_id"],)).fetchone()[0]
    quote_id = f"{ident}-q"
    db.execute(
        "INSERT INTO quotes(id, article_id, text, kind, speaker_id, start, \"end\", in_teaser, day)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (quote_id, ident, main["text"], main["kind"], other, at, at + len(main["text"]), main["day"]))
    return quote_id


def _paragraph_of(main: sqlite3.Row) -> str:
    return next(t for t, s, e, _ in json.loads(main["paragraphs"]) if s <= main["start"] < e)


def test_quote_copies_a_copied_paragraphs_quotation_is_listed_once(copy_db: sqlite3.Connection) -> None:
    main = _main_quote(copy_db)
    before = count_quotes(copy_db)
    copy = _add_sidebar(copy_db, main, "sidebar-copy", _paragraph_of(main), offset=0)
    listed = [q.id for q in list_quotes(copy_db)]
    assert copy not in listed and main["id"] in listed
    assert count_quotes(copy_db) == before == len(listed)
    assert copy not in [q.id for q in list_quotes(copy_db, limit=10**6, offset=0)]
    assert sum(c.count for c in quote_facets(copy_db, "year", top=1000)) == before
    # the store keeps both records: the fold is the listing's
    assert copy_db.execute("SELECT COUNT(*) FROM quotes WHERE id = ?", (copy,)).fetchone()[0] == 1


def test_quote_copies_a_paragraph_cut_short_is_still_a_copy(copy_db: sqlite3.Connection) -> None:
    main = _main_quote(copy_db)
    paragraph = _paragraph_of(main)
    cut = paragraph[:paragraph.index(main["text"]) + len(main["text"]) + 1]
    copy = _add_sidebar(copy_db, main, "sidebar-cut", cut, offset=0)
    assert copy not in [q.id for q in list_quotes(copy_db)]


def test_quote_copies_the_same_words_in_a_story_of_its_own_are_listed(copy_db: sqlite3.Connection) -> None:
    main = _main_quote(copy_db)
    before = count_quotes(copy_db)
    own = _add_sidebar(copy_db, main, "sidebar-own", f"In a call on Friday, the envoy repeated \"{main['text']}\" twice.",
                       offset=0)
    assert own in [q.id for q in list_quotes(copy_db)]
    assert count_quotes(copy_db) == before + 1
