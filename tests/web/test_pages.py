"""The server-rendered pages over the seeds, and over a hostile page whose text tries to run script."""

from __future__ import annotations

import re
import sqlite3
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.web.app import ServeSettings, create_app
from dateline.web.pages import page_routes

with warnings.catch_warnings():  # the locked httpx is the one starlette's TestClient is given
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

SCRIPT = "<script>alert(1)</script>"
ONERROR = '"onerror=alert(1) x="'
TEXTAREA = "</textarea>"

HOSTILE_PAGE = f"""Defence Watch News
DIPLOMACY
China warns {SCRIPT} over {ONERROR} talks {TEXTAREA}
China warns {SCRIPT} over {ONERROR} talks {TEXTAREA}
By Ann {SCRIPT} WRITER
Beijing (AFP) March 17, 2023

Chinese Foreign Minister Qin Gang held talks with Ukrainian Foreign Minister Dmytro Kuleba on Thursday, the foreign ministry in Beijing said {SCRIPT} in a statement.

"We will never accept {SCRIPT} in any talks {TEXTAREA}," Qin Gang said at a press conference on Friday.

"The world needs {ONERROR} peace and {TEXTAREA} dialogue now," said ministry spokesman Wang Wenbin.

China urged Russia and Ukraine to resume peace talks as soon as possible, Wang Wenbin told reporters.

The two ministers discussed the war in Ukraine and the prospects for negotiations, according to the statement.
"""


def _client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(db=db), routes=page_routes())) as client:
        yield client


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pages") / "seeds.db"
    ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1))
    return db


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    db = folder / "hostile.db"
    ingest([str(folder / "hostile.txt")], db=db, settings=IngestSettings(workers=1))
    return db


@pytest.fixture(scope="module")
def client(seeds_db: Path) -> Iterator[TestClient]:
    yield from _client(seeds_db)


@pytest.fixture(scope="module")
def hostile(hostile_db: Path) -> Iterator[TestClient]:
    yield from _client(hostile_db)


def _one(db: Path, sql: str, *args: object) -> str:
    with sqlite3.connect(db) as conn:
        row = conn.execute(sql, args).fetchone()
    assert row is not None, sql
    return str(row[0])


def _page(client: TestClient, url: str, status: int = 200) -> str:
    """A page's HTML, checked for what every page must be: no script, read-only notice, our CSS."""
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<script" not in html.lower()
    assert "Read-only" in html and '<link rel="stylesheet" href="/static/dateline.css">' in html
    assert "script-src" not in response.headers["content-security-policy"]  # default-src 'none' covers it
    return html


def test_search_lists_stories_and_quotes(client: TestClient) -> None:
    html = _page(client, "/?search=peace")
    assert "China&#39;s Xi to visit Russia on first visit since Ukraine invasion" in html
    assert re.search(r'href="/articles/[0-9a-f]{16}"', html)
    assert "Wang Wenbin" in html  # a matching quotation with its speaker
    assert 'value="peace"' in html  # the form keeps the query


def test_search_filters(client: TestClient, seeds_db: Path) -> None:
    site = _one(seeds_db, "SELECT site FROM articles WHERE kind = 'main' LIMIT 1")
    html = _page(client, f"/?kind=main&site={site}")
    assert html.count('class="headline"') >= 1
    assert "teaser</span>" not in html
    html = _page(client, "/?speaker=Wang+Wenbin")
    assert "Wang Wenbin" in html and "speaker and country filter quotations only" in html
    assert "No quotations" in _page(client, "/?country=XXX")
    assert "No stories" in _page(client, "/?search=peace&until=2000-01-01")


@pytest.mark.parametrize("query, field", [
    ("since=yesterday", "since"), ("until=2023-13-01", "until"), ("kind=front", "kind"),
    ("country=China", "country"), ("search=%22unbalanced", "search"), ("search=AND", "search"),
    ("since=2024-01-01&until=2023-01-01", "since"), ("search=" + "x" * 1200, "search"),
    ("site=%27%3B+DROP+TABLE+articles%3B--&search=a%3A%3Ab", "search"), ("q=peace", "q"),
])
def test_bad_search_filters_are_400_pages(client: TestClient, query: str, field: str) -> None:
    html = _page(client, "/?" + query, status=400)
    assert 'class="error"' in html and f"invalid {field}" in html


def test_article_marks_quotes_mentions_dates_and_events(client: TestClient, seeds_db: Path) -> None:
    article_id = _one(seeds_db, "SELECT article_id FROM quotes q JOIN actors a ON a.id = q.speaker_id"
                                " WHERE a.name = 'Wang Wenbin' LIMIT 1")
    html = _page(client, f"/articles/{article_id}")
    assert re.search(r'<span id="s-\d+" class="quote" title="said by Wang Wenbin[^"]*">', html)
    side = html.split('id="said-h"')[1].split("</section>")[0]
    assert "Wang Wenbin" in side and 'href="#s-' in side
    assert re.search(r'<a class="mention" href="/actors/[0-9a-f]+">', html)
    assert '<time class="date" datetime="2023-' in html
    assert re.search(r'<mark id="s-\d+" class="evidence" title="[^"]+ – 0\d\d ', html)
    events = html.split('id="events-h"')[1]
    assert "planned" in events and "Make a visit" in events
    assert "Site</dt>" in html and "Dateline</dt>" in html and "Beijing (AFP)" in html


def test_every_timeline_link_finds_its_anchor(client: TestClient, seeds_db: Path) -> None:
    actor_id = _one(seeds_db, "SELECT id FROM actors WHERE name = 'Xi Jinping'")
    html = _page(client, f"/actors/{actor_id}")
    links = set(re.findall(r'href="/articles/([0-9a-f]+)#(s-\d+)"', html))
    assert links
    for article_id, anchor in links:
        assert f'id="{anchor}"' in _page(client, f"/articles/{article_id}")


def test_actor_page_timeline_and_chart(client: TestClient, seeds_db: Path) -> None:
    actor_id = _one(seeds_db, "SELECT id FROM actors WHERE name = 'Qin Gang'")
    html = _page(client, f"/actors/{actor_id}")
    assert "<h1>Qin Gang</h1>" in html and "CHN" in html
    assert html.count("<li class=\"event\">") >= 2 and "<li class=\"quote\">" in html
    assert '<svg viewBox="0 0 640 200" role="img"' in html and "<desc id=\"chart-desc\">" in html
    assert "verbal cooperation" in html and "<summary>Events per period as a table" in html
    assert "2023-03" in html


def test_actor_timeline_filters(client: TestClient, seeds_db: Path) -> None:
    actor_id = _one(seeds_db, "SELECT id FROM actors WHERE name = 'Qin Gang'")
    everything = _page(client, f"/actors/{actor_id}")
    with_ukr = _page(client, f"/actors/{actor_id}?with=Dmytro+Kuleba")
    assert 0 < with_ukr.count('<li class="event">') < everything.count('<li class="event">')
    consult = _page(client, f"/actors/{actor_id}?code=04")
    assert '<li class="quote">' not in consult and "Discuss by telephone" in consult
    assert "Appeal to others" not in consult
    keyword = _page(client, f"/actors/{actor_id}?keyword=RESTART")
    entries = keyword.split('<ol class="timeline">')[1].split("</ol>")[0].split("<li class=")[1:]
    assert entries and all("restart peace talks" in e for e in entries)
    assert len(entries) < everything.count("<li class=")
    assert "Nothing on this actor" in _page(client, f"/actors/{actor_id}?keyword=zzzz-nowhere")


@pytest.mark.parametrize("query", ["code=abc", "code=12345", "with=Nobody+At+All"])
def test_bad_timeline_filters_are_400_pages(client: TestClient, seeds_db: Path, query: str) -> None:
    actor_id = _one(seeds_db, "SELECT id FROM actors WHERE name = 'Qin Gang'")
    html = _page(client, f"/actors/{actor_id}?{query}", status=400)
    assert 'class="error"' in html and "<h1>Qin Gang</h1>" in html


@pytest.mark.parametrize("url", ["/articles/0000000000000000", "/articles/nope", "/actors/0000000000000000",
                                 "/actors/%3Cscript%3E"])
def test_unknown_ids_are_404_pages(client: TestClient, url: str) -> None:
    html = _page(client, url, status=404)
    assert "Not found" in html and "&lt;script&gt;" in html if "script" in url else "Not found" in html


def test_stylesheet_is_served(client: TestClient) -> None:
    response = client.get("/static/dateline.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in response.text and "@media" in response.text


class _Elements(HTMLParser):
    """The elements and event-handler attributes a browser would see in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.handlers: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.handlers += [(tag, name) for name, _ in attrs if name.startswith("on")]


def _hostile_pages(hostile: TestClient, db: Path) -> list[str]:
    article_id = _one(db, "SELECT id FROM articles WHERE kind = 'main'")
    speaker = _one(db, "SELECT speaker_id FROM quotes WHERE text LIKE '%<script>%'")
    return [_page(hostile, url) for url in (
        "/", "/?search=alert", "/?search=%22never+accept%22", f"/articles/{article_id}", f"/actors/{speaker}",
        f"/actors/{speaker}?keyword=alert", f"/?speaker=Qin+Gang&search=alert&site={SCRIPT}",
    )]


def test_hostile_text_is_escaped_everywhere(hostile: TestClient, hostile_db: Path) -> None:
    pages = _hostile_pages(hostile, hostile_db)
    for html in pages:
        lowered = html.lower()
        assert "<script" not in lowered and "</textarea>" not in lowered
        parsed = _Elements()
        parsed.feed(html)
        assert not parsed.handlers and not {"script", "textarea"} & parsed.tags
    joined = "\n".join(pages)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined
    assert "&#34;onerror=alert(1) x=&#34;" in joined and "&lt;/textarea&gt;" in joined


def test_hostile_article_still_shows_quotes_and_speakers(hostile: TestClient, hostile_db: Path) -> None:
    article_id = _one(hostile_db, "SELECT id FROM articles WHERE kind = 'main'")
    html = _page(hostile, f"/articles/{article_id}")
    assert "China warns &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert re.search(r'class="quote" title="said by Qin Gang[^"]*">We will never accept &lt;script&gt;', html)
    side = html.split('id="said-h"')[1].split("</section>")[0]
    assert "Qin Gang" in side and "&lt;script&gt;" in side
    assert "Ann &lt;script&gt;alert(1)&lt;/script&gt; WRITER" in html
    search = _page(hostile, "/?search=alert")
    assert "China warns &lt;script&gt;" in search and "said by" not in search and "Qin Gang" in search


def test_a_list_over_its_budgets_says_what_it_did_not_count(client: TestClient,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.web.api as api
    monkeypatch.setattr(api, "COUNT_BUDGET", -1.0)
    monkeypatch.setattr(api, "FACET_BUDGET", -1.0)
    html = _page(client, "/events")
    assert "than can be counted quickly" in html and "Not counted" in html and 'class="timeline"' in html
