"""Bidi controls in article text are shown, not obeyed: a right-to-left override must not reverse
the text after it on screen. Escaping alone leaves them in place."""

from __future__ import annotations

import re
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from markupsafe import Markup
from starlette.exceptions import StarletteDeprecationWarning

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.model import Paragraph
from dateline.web.app import ServeSettings, create_app
from dateline.web.pages import page_routes
from dateline.web.render import Span, mark_paragraph, show_controls

with warnings.catch_warnings():  # starlette 1.x prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")

PAGE = f"""Harbour Courier
PORTS
Port of Velm reopens{RLO} after storm{PDF} repairs
Port of Velm reopens{RLO} after storm{PDF} repairs
By Tam {RLI}Oduya{PDI}
Velm (HC) May 4, 2024

The port authority of Velm said on Monday that the north quay{RLO}gnp.exe{PDF} had reopened after two weeks of repairs to the storm wall.

"The channel is open{RLO} again and pilots are back at work," harbour master Lina Osei said at a briefing on Tuesday.

Shipping lines had diverted about forty vessels to other ports while divers checked the breakwater and the cranes.

The authority expects traffic to return to its usual level within a month, according to its statement.
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bidi")
    (folder / "page.txt").write_text(PAGE, encoding="utf-8")
    store = folder / "bidi.db"
    ingest([str(folder / "page.txt")], db=store, settings=IngestSettings(workers=1))
    return store


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(db=db), routes=page_routes())) as test_client:
        yield test_client


def test_bidi_controls_are_shown_on_the_article_and_search_pages(client: TestClient, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        (article_id,) = conn.execute("SELECT id FROM articles WHERE kind = 'main'").fetchone()
    article = client.get(f"/articles/{article_id}")
    assert article.status_code == 200
    assert CONTROLS.search(article.text) is None
    assert "gnp.exe" in article.text and "[U+202E]gnp.exe[U+202C]" in article.text
    search = client.get("/", params={"search": "quay"})
    assert search.status_code == 200 and CONTROLS.search(search.text) is None
    assert "[U+202E]" in search.text


def test_bidi_controls_in_marked_text_and_attributes() -> None:
    text = f"Envoy{RLO} said {RLI}hello{PDI}"
    para = Paragraph(text, 0, len(text))
    span = Span(0, 5, 1, "span", (("title", f"said by A{RLO}B"),))
    html = mark_paragraph(para, [span], set())
    assert CONTROLS.search(html) is None
    assert html == Markup('<span title="said by A[U+202E]B">Envoy</span>[U+202E] said [U+2067]hello[U+2069]')


def test_bidi_marks_that_reorder_nothing_are_kept() -> None:
    assert show_controls("\u05e9\u05dc\u05d5\u05dd\u200f!") == "\u05e9\u05dc\u05d5\u05dd\u200f!"
    assert show_controls(Markup(f"<b>{RLO}</b>")) == Markup("<b>[U+202E]</b>")
