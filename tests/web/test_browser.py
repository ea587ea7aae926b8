"""The pages in a real browser: Debian's chromium, driven by Playwright, against `dateline serve`.

The TestClient tests (test_pages.py) check the HTML; these check what an analyst actually gets:
links that lead somewhere, forms that filter, no script running whatever an article says, focus
that Tab can reach and see, and layouts that fit a phone. Playwright's own browser download is
never used (it is not available here): the system chromium is launched by path, and the module
is skipped, visibly, when it is not installed (`.ci/run` installs it).
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from serving import free_port, stop

from dateline.config import IngestSettings
from dateline.ingest import ingest

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it): "
                "browser tests skipped", allow_module_level=True)

from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, Playwright, sync_playwright  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CORPUS = REPO / "examples" / "corpus"
# Quiet, reproducible, offline: no GPU, no QUIC, no background fetches, updates or sync.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDE, PHONE = (1280, 900), (390, 844)
TIMEOUT_MS = 10_000  # a page of a small local store loads in well under a second

SCRIPT = "<script>window.__pwned=1</script>"
ONERROR = '"onerror=window.__pwned=1 x="'
TEXTAREA = "</textarea>"
HOSTILE_HEADLINE = f"China warns {SCRIPT} over {ONERROR} talks {TEXTAREA}"
HOSTILE_PAGE = f"""Defence Watch News
DIPLOMACY
{HOSTILE_HEADLINE}
By Ann {SCRIPT} WRITER
Beijing (AFP) March 17, 2023

Chinese Foreign Minister Qin Gang held talks with Ukrainian Foreign Minister Dmytro Kuleba on Thursday, the foreign ministry in Beijing said {SCRIPT} in a statement.

"We will never accept {SCRIPT} in any talks {TEXTAREA}," Qin Gang said at a press conference on Friday.

"The world needs {ONERROR} peace and {TEXTAREA} dialogue now," said ministry spokesman Wang Wenbin.

China urged Russia and Ukraine to resume peace talks as soon as possible, Wang Wenbin told reporters.
"""


@dataclass(frozen=True, slots=True)
class Served:
    """A running `dateline serve`: where it answers and the store behind it (to look ids up)."""

    url: str
    db: Path

    def one(self, sql: str, *args: object) -> str:
        """One value from the store, read-only, to find the page a test starts from."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            row = conn.execute(sql, args).fetchone()
        finally:
            conn.close()
        assert row is not None, sql
        return str(row[0])


@dataclass
class Watched:
    """A page plus every dialog and console error it raised: a script that ran would show here.

    Not slotted: Playwright keeps a wrapper on the object whose bound methods it is given."""

    page: Page
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seeds, the sample corpus and one hostile page of our own, in one store."""
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile" / "defence_watch.txt"
    hostile.parent.mkdir()
    hostile.write_text(HOSTILE_PAGE, encoding="utf-8")
    db = folder / "browser.db"
    report = ingest([str(seeds_dir), str(CORPUS), str(hostile.parent)], db=db,
                    settings=IngestSettings(workers=1))
    assert report.ok
    return db


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], log: Path, seconds: float = 20) -> None:
    """Poll until the server answers, failing early (with its log) if it exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"dateline serve exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/api/articles?limit=1", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    pytest.fail(f"dateline serve did not answer within {seconds:.0f} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def served(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`python -m dateline serve` as a user runs it, on a free loopback port, killed at teardown."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(store),
                                 "--host", "127.0.0.1", "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, proc, log)
        yield Served(url, store)
    finally:
        stop(proc)


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """One chromium for the module; `launch` gives it a fresh temporary profile directory."""
    instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    yield instance
    instance.close()


@contextmanager
def _open(browser: Browser, size: tuple[int, int], *, bypass_csp: bool = False) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, bypass_csp=bypass_csp)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched = Watched(page)
    page.on("dialog", watched.on_dialog)
    page.on("console", watched.on_console)
    page.on("pageerror", lambda exc: watched.errors.append(str(exc)))
    try:
        yield watched
    finally:
        context.close()


@pytest.fixture()
def tab(browser: Browser) -> Iterator[Watched]:
    """A fresh context at desktop width, so no test sees another's cookies, history or focus."""
    with _open(browser, WIDE) as watched:
        yield watched


def _goto(tab: Watched, url: str) -> None:
    response = tab.page.goto(url)
    assert response is not None and response.status == 200, url


def _said_by(served: Served, name: str) -> str:
    """The seed or corpus article quoting `name` most often (never our hostile page)."""
    return served.one("SELECT q.article_id FROM quotes q JOIN actors a ON a.id = q.speaker_id"
                      " JOIN articles ar ON ar.id = q.article_id WHERE a.name = ? AND ar.headline NOT LIKE ?"
                      " GROUP BY q.article_id ORDER BY count(*) DESC, q.article_id LIMIT 1",
                      name, "China warns <script>%")


def test_search_then_open_an_article(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/")
    page.get_by_label("Words").fill("Xi visit Russia")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/?*search=Xi+visit+Russia*")
    stories = page.locator("ol.stories a.headline")
    assert stories.count() >= 1
    title = "China's Xi to visit Russia on first visit since Ukraine invasion"
    page.locator("ol.stories").get_by_role("link", name=title).first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == title
    assert "Beijing (AFP)" in page.locator("dl.meta").inner_text()
    assert page.locator(".body p").count() > 3


def test_a_quote_shows_its_speaker(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, f"{served.url}/articles/{_said_by(served, 'Wang Wenbin')}")
    side = page.locator("ol.said .speaker", has_text="Wang Wenbin")
    assert side.count() >= 1 and side.first.is_visible()
    mark = page.locator('.body span.quote[title^="said by Wang Wenbin"]').first
    assert mark.is_visible() and mark.inner_text().strip()
    # The side list's quotation links to the mark in the text it came from.
    page.locator("ol.said li", has_text="Wang Wenbin").first.locator("blockquote a").click()
    target = page.evaluate("location.hash")
    assert target.startswith("#s-") and page.locator(target).is_visible()


def test_open_an_actor_from_an_article(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, f"{served.url}/articles/{_said_by(served, 'Qin Gang')}")
    page.locator("ul.actors").get_by_role("link", name="Qin Gang", exact=True).click()
    page.wait_for_url("**/actors/*")
    assert page.locator("h1").inner_text() == "Qin Gang"
    assert "CHN" in page.locator("dl.meta").inner_text()
    assert page.locator("ol.timeline > li").count() >= 2
    assert page.get_by_role("img", name="Events per month by quad class").is_visible()


def test_filter_an_actor_timeline(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, f"{served.url}/actors/{served.one('SELECT id FROM actors WHERE name = ?', 'Qin Gang')}")
    entries = page.locator("ol.timeline > li")
    everything = entries.count()
    page.get_by_label("With actor").fill("Dmytro Kuleba")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**with=Dmytro+Kuleba*")
    with_kuleba = entries.count()
    assert 0 < with_kuleba < everything
    assert all("Dmytro Kuleba" in text for text in page.locator("ol.timeline li.event").all_inner_texts())
    page.get_by_label("With actor").fill("")
    page.get_by_label("CAMEO root").select_option("04")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**code=04*")
    assert page.get_by_label("CAMEO root").input_value() == "04"  # the form keeps the filter
    assert 0 < entries.count() < everything and page.locator("ol.timeline li.quote").count() == 0
    assert all(" – 04" in text for text in page.locator("ol.timeline .code").all_inner_texts())


def test_hostile_text_is_shown_never_run(browser: Browser, served: Served) -> None:
    """CSP is bypassed here, so this proves the escaping itself, not only the policy behind it."""
    article = served.one("SELECT id FROM articles WHERE headline LIKE 'China warns <script>%'")
    speaker = served.one("SELECT id FROM actors WHERE name = 'Qin Gang'")
    with _open(browser, WIDE, bypass_csp=True) as watched:
        page = watched.page
        for path in (f"/articles/{article}", "/?search=pwned", f"/actors/{speaker}?keyword=accept"):
            _goto(watched, served.url + path)
            assert page.evaluate("typeof window.__pwned") == "undefined", path
            assert page.locator("script, textarea, [onerror]").count() == 0, path
        assert watched.dialogs == [] and watched.errors == []
        text = page.locator("ol.timeline").inner_text()
        assert f"We will never accept {SCRIPT} in any talks {TEXTAREA}" in text
        _goto(watched, f"{served.url}/articles/{article}")
        assert page.locator("h1").inner_text() == HOSTILE_HEADLINE
        assert f"Ann {SCRIPT} WRITER" in page.locator("dl.meta").inner_text()
        body = page.locator(".body").inner_text()
        assert f"said {SCRIPT} in a statement" in body and ONERROR in body and TEXTAREA in body
        said = page.locator("ol.said").inner_text()
        assert SCRIPT in said and "Qin Gang" in said
        assert page.locator('span.quote[title^="said by Qin Gang"]', has_text=SCRIPT).count() == 1


def test_the_policy_forbids_scripts(tab: Watched, served: Served) -> None:
    response = tab.page.goto(served.url + "/?search=pwned")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy


def _focused(page: Page) -> str:
    """The focused element as `tag#id.class`, and whether the browser draws its focus ring."""
    return str(page.evaluate("""() => {
        const el = document.activeElement;
        const ring = getComputedStyle(el).outlineStyle !== 'none' && el.matches(':focus-visible');
        return `${el.tagName.toLowerCase()}#${el.id}.${el.className}${ring ? ' ring' : ''}`;
    }"""))


def test_tab_reaches_the_search_field_and_a_result(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/?search=peace")
    seen: list[str] = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(_focused(page))
        if seen[-1].startswith("a#.headline"):
            break
    assert seen[0] == "a#.skip ring", seen  # the skip link comes first, and shows itself
    assert "input#search. ring" in seen, seen
    assert seen[-1] == "a#.headline ring", seen
    page.keyboard.press("Enter")
    page.wait_for_url("**/articles/*")


def _shoot(page: Page, name: str, width: int) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("size", [WIDE, PHONE], ids=["1280", "390"])
def test_screenshots_fit_the_width(browser: Browser, served: Served, size: tuple[int, int]) -> None:
    """Screenshots for a person to look at (tests/artifacts/), and no sideways scrolling on a phone."""
    pages = {
        "search": "/?search=peace",
        "article": f"/articles/{_said_by(served, 'Wang Wenbin')}",
        "actor": f"/actors/{served.one('SELECT id FROM actors WHERE name = ?', 'Qin Gang')}",
        "hostile": f"/articles/{served.one('SELECT id FROM articles WHERE headline LIKE ?', 'China warns%')}",
    }
    with _open(browser, size) as watched:
        for name, path in pages.items():
            _goto(watched, served.url + path)
            if name == "article":  # the shot shows the seed's quotations with their speakers
                speakers = watched.page.locator("ol.said .speaker")
                assert speakers.count() >= 5 and speakers.first.is_visible()
                assert watched.page.locator(".body span.quote").count() >= 5
            _shoot(watched.page, name, size[0])
            scroll_width = watched.page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= size[0] + 1, (name, scroll_width)
        assert watched.errors == []  # e.g. the stylesheet refused by the policy


def _rows_dates(page: Page) -> list[str]:
    return [t for t in page.locator("ol.quotes > li time").evaluate_all("els => els.map(e => e.dateTime)")]


def test_sort_a_list_newest_first(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/quotes")
    oldest = _rows_dates(page)
    assert oldest and oldest == sorted(oldest)
    page.get_by_label("Sort").select_option("-date")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**sort=-date*")
    newest = _rows_dates(page)
    assert newest == sorted(newest, reverse=True) and newest[0] > oldest[0]
    assert page.get_by_label("Sort").input_value() == "-date"


def test_pages_show_the_total_and_walk_forward_and_back(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/quotes")
    total = int(served.one("SELECT COUNT(*) FROM quotes WHERE in_teaser = 0"))
    assert total > 50  # the store holds more than one page
    assert page.locator("nav.pager .count").first.inner_text() == f"1–50 of {total} quotations"
    first = page.locator("ol.quotes > li blockquote").all_inner_texts()
    page.locator("nav.pager").first.get_by_role("link", name="Next →").click()
    page.wait_for_url("**page=2*")
    assert page.locator("nav.pager .count").first.inner_text().startswith(f"51–")
    assert not set(page.locator("ol.quotes > li blockquote").all_inner_texts()) & set(first)
    page.locator("nav.pager").first.get_by_role("link", name="← Previous").click()
    page.wait_for_url(lambda url: "page=" not in url)
    assert page.locator("ol.quotes > li blockquote").all_inner_texts() == first


def test_a_facet_counts_and_filters(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/quotes")
    facet = page.locator("section.facet", has=page.get_by_role("heading", name="Speaker")).locator("li").first
    name = facet.locator("a").inner_text()
    count = int(facet.locator(".n").inner_text())
    facet.locator("a").click()
    page.wait_for_url("**speaker=*")
    assert page.locator("nav.pager .count").first.inner_text().endswith(f"of {count} quotations")
    speakers = page.locator("ol.quotes > li .speaker a").all_inner_texts()
    assert len(speakers) == min(count, 50) and all(s.startswith(name) for s in speakers)
    # a month facet narrows to that month
    _goto(tab, served.url + "/events")
    month = page.locator("section.facet", has=page.get_by_role("heading", name="Month")).locator("li").first
    label, n = month.locator("a").inner_text(), int(month.locator(".n").inner_text())
    month.locator("a").click()
    page.wait_for_url("**since=*")
    assert page.locator("nav.pager .count").first.inner_text().endswith(f"of {n} events")
    assert all(t.startswith(label) for t in page.locator("ol.timeline time").evaluate_all(
        "els => els.map(e => e.dateTime)"))


def test_exports_hand_out_the_records_on_screen(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/quotes?country=CHN&sort=-date&page=2")
    shown = page.locator("ol.quotes > li blockquote").all_inner_texts()
    json_url = page.locator("nav.pager .exports a", has_text=".json").first.get_attribute("href")
    csv_url = page.locator("nav.pager .exports a", has_text=".csv").first.get_attribute("href")
    assert json_url and csv_url
    with urllib.request.urlopen(served.url + json_url) as response:
        items = json.load(response)["items"]
    assert [f"\u201c{q['text']}\u201d" for q in items] == [t.strip() for t in shown]
    assert all(q["date"] and q["speaker_id"] and q["headline"] for q in items if q["speaker"])
    with urllib.request.urlopen(served.url + csv_url) as response:
        rows = list(csv.DictReader(io.StringIO(response.read().decode("utf-8"))))
    assert [r["id"] for r in rows] == [q["id"] for q in items]


def test_the_actor_directory_finds_by_name_with_counts(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/actors")
    page.get_by_label("Name").fill("qin")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**search=qin*")
    row = page.locator("table.actors tbody tr", has=page.get_by_role("link", name="Qin Gang", exact=True))
    cells = row.locator("td").all_inner_texts()
    quotes = int(served.one("SELECT COUNT(*) FROM quotes q JOIN actors a ON a.id = q.speaker_id"
                            " WHERE a.name = 'Qin Gang'"))
    assert int(cells[4]) == quotes > 0 and int(cells[3]) > 0 and int(cells[5]) > 0
    _goto(tab, served.url + "/actors/China")  # by name, not only by id
    assert page.locator("h1").inner_text() == "China"


def test_a_speaker_is_matched_whole_and_quotes_are_dated(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/?speaker=Qin+Ga")
    assert "No quotations from a speaker named exactly" in page.locator("#quotes-h + p").inner_text()
    _goto(tab, served.url + "/?speaker=Qin+Gang")
    items = page.locator("ol.quotes > li")
    assert items.count() >= 3
    for i in range(items.count()):
        item = items.nth(i)
        assert item.locator(".speaker").inner_text().startswith("— Qin Gang")
        assert item.locator("time").get_attribute("datetime")  # dated
        assert item.locator("a.source-headline").inner_text().strip()  # and from a named article


def test_the_chart_bars_stand_on_their_ticks(tab: Watched, served: Served) -> None:
    page = tab.page
    _goto(tab, served.url + "/actors/China")
    svg = page.locator("figure.chart svg[role=img]")
    box = svg.bounding_box()
    assert box is not None
    ticks = svg.locator("line.tick").evaluate_all("els => els.map(e => e.getBoundingClientRect().x)")
    labels = svg.locator("text").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.x, r.x + r.width]; })")
    assert ticks and len(ticks) == len(labels)
    for x, (left, right) in zip(ticks, labels):
        assert abs((left + right) / 2 - x) < 2  # each label is centred on its tick mark
        assert box["x"] <= left and right <= box["x"] + box["width"]  # and whole: none is cut
    texts = svg.locator("text").evaluate_all("els => els.map(e => e.textContent.trim())")
    bars = svg.locator("rect").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [e.querySelector('title').textContent.split(':')[0], r.x + r.width / 2]; })")
    matched = 0
    for period, centre in bars:  # a bar of a labelled period stands on that label's tick mark
        if period in texts:
            assert abs(centre - ticks[texts.index(period)]) < 1, (period, centre, ticks)
            matched += 1
    assert matched > 0


def test_on_a_phone_the_form_folds_and_speakers_show(browser: Browser, served: Served) -> None:
    with _open(browser, PHONE) as watched:
        page = watched.page
        _goto(watched, served.url + "/quotes")
        assert not page.get_by_label("Speaker", exact=True).is_visible()  # folded under "Filters"
        page.locator("details.filters > summary").click()
        assert page.get_by_label("Speaker", exact=True).is_visible()
        assert page.locator("ol.quotes > li .speaker").first.is_visible()
        _goto(watched, f"{served.url}/articles/{_said_by(served, 'Wang Wenbin')}")
        after = page.locator(".body span.quote[title]").first.evaluate(
            "el => getComputedStyle(el, '::after').content")
        assert "said by" in after  # the speaker is in the text itself, no hover needed
    with _open(browser, WIDE) as watched:
        _goto(watched, served.url + "/quotes")
        assert watched.page.get_by_label("Speaker", exact=True).is_visible()  # open on a wide screen


def test_sidebars_link_their_article_and_sources_link_only_urls(tab: Watched, served: Served) -> None:
    page = tab.page
    sidebar = served.one("SELECT id FROM articles WHERE kind = 'sidebar' AND parent_id IS NOT NULL LIMIT 1")
    _goto(tab, f"{served.url}/articles/{sidebar}")
    page.locator("dd.parent a").click()
    page.wait_for_url("**/articles/*")
    assert page.locator("ul.family a[href='/articles/%s']" % sidebar).count() == 1
    assert page.locator("dd.source a").count() == 0  # a local file: its path, not a link
    assert page.locator("dd.source .path").inner_text().strip()


def test_favicon_is_served(served: Served) -> None:
    with urllib.request.urlopen(served.url + "/favicon.ico") as response:
        assert response.status == 200 and response.headers["content-type"] == "image/x-icon"
        assert response.read()[:4] == b"\x00\x00\x01\x00"


def test_readme_screenshots(browser: Browser, served: Served) -> None:
    """The README's pictures: an article with its marks, and a faceted quotation search."""
    with _open(browser, WIDE) as watched:
        _goto(watched, f"{served.url}/articles/{_said_by(served, 'Wang Wenbin')}")
        _shoot(watched.page, "readme-article", WIDE[0])
        _goto(watched, served.url + "/quotes?country=CHN&sort=-date")
        assert watched.page.locator("aside.facets li").count() > 3
        _shoot(watched.page, "readme-quotes", WIDE[0])
