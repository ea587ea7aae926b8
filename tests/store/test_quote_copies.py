"""One quotation, one record: a sidebar that copies its main article's paragraph repeats the
main article's quotation, and the copy is marked when the page is analysed (`quotes.copy`) and
left out wherever quotations are listed or counted. A sidebar quoting the same words in a
paragraph of its own is another report of them and is listed."""

from __future__ import annotations

import json
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from dateline.cli import main
from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.store import connect
from dateline.store.events import timeline, timeline_summary
from dateline.store.export import quote_records
from dateline.store.language import (
    actor_counts,
    article_annotations,
    count_quotes,
    list_quotes,
    quote_facets,
    speaker_ids,
)
from dateline.web.api import api_routes
from dateline.web.app import ServeSettings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

# The sidebar copies the main article's second paragraph word for word, and quotes the prime
# minister's words again in a paragraph of its own.
COPIED = """World Desk
Harbour talks resume as envoys meet in Valletta
By Anna BERG
Valletta (AFP) April 4, 2024

Negotiators from the two fishing nations returned to the table on Thursday, a mediator said after the first session.

"We have agreed to keep talking until every boat can sail again," Norwegian Foreign Minister Espen Barth Eide told reporters after the meeting.

The talks are expected to last until the end of next week, officials said.

Icelandic Prime Minister Bjarni Benediktsson said his government wanted "a fair share for every harbour" before the season opens.

Envoys hope for a deal before the summer season
Reykjavik (AFP) April 3, 2024 - The two governments have exchanged proposals on quotas, diplomats said on Wednesday.

"We have agreed to keep talking until every boat can sail again," Norwegian Foreign Minister Espen Barth Eide told reporters after the meeting.

In an interview with a local broadcaster, Benediktsson repeated that Iceland wanted "a fair share for every harbour" and would not sign a deal that left its smallest ports out.
"""

# The sidebar's paragraph holds the main article's whole paragraph and a sentence more.
MERGED = """Science Desk
Glacier survey finds faster melt on the western slopes
By Tom HALE
Geneva (AFP) August 20, 2024

Researchers measured the ice of forty glaciers over the summer, the survey's authors said on Tuesday.

"The western slopes lost more ice this summer than in the three summers before," lead researcher Ines Caduff told reporters in Geneva.

The survey will be repeated next year with twice as many sites.

Melting glaciers threaten summer water supplies
Zurich (AFP) August 19, 2024 - Farmers in the valleys rely on meltwater in dry months, officials said on Monday.

"The western slopes lost more ice this summer than in the three summers before," lead researcher Ines Caduff told reporters in Geneva. She said the team would publish its data in the autumn.
"""

SHARED = "We have agreed to keep talking until every boat can sail again"
OWN = "a fair share for every harbour"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("copies")
    (folder / "pages").mkdir()
    (folder / "pages" / "harbour.txt").write_text(COPIED)
    (folder / "pages" / "glacier.txt").write_text(MERGED)
    path = folder / "copies.db"
    assert ingest([str(folder / "pages")], db=path, settings=IngestSettings(workers=1)).ok
    return path


@pytest.fixture()
def conn(db: Path) -> Iterator[sqlite3.Connection]:
    c = connect(db, readonly=True)
    yield c
    c.close()


def _texts(rows: list[str]) -> list[str]:
    return sorted(t.strip(' ,."') for t in rows)


def _stored(conn: sqlite3.Connection) -> list[tuple[str, str, int]]:
    return sorted((a, t.strip(' ,."'), c) for a, t, c in conn.execute(
        "SELECT ar.kind, q.text, q.copy FROM quotes q JOIN articles ar ON ar.id = q.article_id"))


def test_quote_copies_the_store_keeps_both_records_and_marks_the_copies(conn: sqlite3.Connection) -> None:
    stored = _stored(conn)
    glacier = next(t for _, t, _ in stored if t.startswith("The western slopes"))
    assert stored == sorted([("main", SHARED, 0), ("sidebar", SHARED, 1), ("main", OWN, 0), ("sidebar", OWN, 0),
                             ("main", glacier, 0), ("sidebar", glacier, 1)])


def test_quote_copies_listings_give_one_record_per_quotation(conn: sqlite3.Connection) -> None:
    listed = list_quotes(conn)
    texts = _texts([q.text for q in listed])
    assert texts.count(SHARED) == 1 and texts.count(OWN) == 2 and len(texts) == 4
    shared = next(q for q in listed if q.text.strip(' ,."') == SHARED)
    assert conn.execute("SELECT kind FROM articles WHERE id = ?", (shared.article_id,)).fetchone()[0] == "main"
    assert [q.id for q in list_quotes(conn, limit=2, offset=0)] + [q.id for q in list_quotes(conn, limit=5, offset=2)] \
        == [q.id for q in listed]  # the paged listing, from the index ranges
    assert [q.id for q in list_quotes(conn, teasers=True)] == [q.id for q in listed]
    assert count_quotes(conn) == count_quotes(conn, teasers=True) == 4  # from the tallies
    assert count_quotes(conn, since=listed[0].date) == 4  # counted over the records
    assert count_quotes(conn, search="boat") == 1 == len(list_quotes(conn, search="boat"))
    assert count_quotes(conn, site=None, until=listed[-1].date, search="harbour") == 2
    for facet in ("year", "month", "site"):
        assert sum(f.count for f in quote_facets(conn, facet, top=100)) == 4
        assert sum(f.count for f in quote_facets(conn, facet, since=listed[0].date, top=100)) == 4
    assert len(quote_records(conn, listed)) == 4


def test_quote_copies_a_speakers_pages_count_the_quotation_once(conn: sqlite3.Connection) -> None:
    (speaker,) = {q.speaker_id for q in list_quotes(conn) if q.text.strip(' ,."') == SHARED}
    assert speaker is not None and speaker_ids(conn, speaker) == [speaker]
    assert len(list_quotes(conn, speaker=speaker)) == 1 == count_quotes(conn, speaker=speaker)
    assert len([e for e in timeline(conn, speaker) if e.quote is not None]) == 1
    assert len([e for e in timeline(conn, speaker, limit=10, offset=0) if e.quote is not None]) == 1
    assert timeline_summary(conn, speaker).quotes == 1
    assert timeline_summary(conn, speaker, keyword="boat").quotes == 1  # counted, not tallied
    assert actor_counts(conn, speaker).quotes == 1
    speakers = {f.value: f.count for f in quote_facets(conn, "speaker", top=100)}
    assert speakers[speaker] == 1


def test_quote_copies_the_sidebars_own_article_page_still_marks_its_quotations(conn: sqlite3.Connection) -> None:
    """The article page shows an article's text with its quotations marked: a sidebar's copied
    paragraph is marked there too (the listings give the quotation once)."""
    copies = conn.execute("SELECT article_id, id FROM quotes WHERE copy = 1").fetchall()
    assert copies
    for sidebar, quote in copies:
        _, quotes, _ = article_annotations(conn, sidebar)
        assert quote in {q.id for q in quotes}


def test_quote_copies_the_cli_and_the_api_list_the_quotation_once(db: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["quotes", "--db", str(db), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    texts = _texts([r["text"] for r in json.loads(listed.output)])
    assert texts.count(SHARED) == 1 and len(texts) == 4
    counted = runner.invoke(main, ["quotes", "--db", str(db), "--count"])
    assert counted.exit_code == 0 and counted.output.strip() == "4"
    app = create_app(ServeSettings(db=db), routes=api_routes())
    with TestClient(app) as client:
        items = client.get("/api/quotes", params={"limit": "20"}).json()["items"]
    assert _texts([i["text"] for i in items]).count(SHARED) == 1 and len(items) == 4
