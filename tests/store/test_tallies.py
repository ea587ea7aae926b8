"""The tallies (schema migration 12) stay equal to counts over the records after every kind of
write: ingest, re-ingest of a changed file, re-analysis, deletes (direct and by cascade), surname
links, and a write killed half way. Totals and facets read from them equal COUNT(*) queries."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.ingest.analyse import analyse
from dateline.reading import analyse_articles
from dateline.language.version import ANALYSER
from dateline.store import connect
from dateline.store.events import count_events, event_facets, timeline_summary
from dateline.store.language import actor_counts, count_quotes, quote_facets, write_analysis
from dateline.store.queries import article_facets, count_articles, get_article
from dateline.store.schema import MENTIONS_FILL, MIGRATIONS, SCHEMA_VERSION, TALLIES, TALLIES_FILL

TALLIED = next(n for n, sql in enumerate(MIGRATIONS, 1) if "CREATE TABLE tallies" in sql)  # its migration
_TABLES = {"tallies": "side, facet, actor_id, country, in_teaser, value",
           "actor_months": "actor_id, in_teaser, period, root", "article_tally": "site, kind, copy, month",
           "actor_mentions": "actor_id"}


def assert_exact(conn: sqlite3.Connection) -> None:
    """Each tally row holds what counting the records gives, and the listing totals the store
    reads from the tallies equal plain COUNT(*) queries."""
    conn.execute("BEGIN")
    try:
        for table in _TABLES:  # temp tables of the same names shadow the store's
            conn.execute(f"CREATE TEMP TABLE {table} AS SELECT * FROM main.{table} WHERE 0")
        for statement in (TALLIES_FILL + MENTIONS_FILL).split(";"):
            if statement.strip():
                conn.execute(statement)
        for table, key in _TABLES.items():
            stored = {tuple(r[:-1]): r[-1] for r in conn.execute(f"SELECT {key}, n FROM main.{table} WHERE n != 0")}
            counted = {tuple(r[:-1]): r[-1] for r in conn.execute(f"SELECT {key}, n FROM temp.{table}")}
            assert stored == counted, table
    finally:
        conn.execute("ROLLBACK")
    assert count_events(conn) == conn.execute("SELECT COUNT(*) FROM events WHERE in_teaser = 0").fetchone()[0]
    assert count_events(conn, teasers=True) == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert count_quotes(conn) == conn.execute("SELECT COUNT(*) FROM quotes WHERE in_teaser = 0 AND copy = 0"
                                              ).fetchone()[0]
    assert count_quotes(conn, teasers=True) == conn.execute("SELECT COUNT(*) FROM quotes WHERE copy = 0").fetchone()[0]
    assert count_articles(conn, all_copies=True) == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert count_articles(conn) == conn.execute(
        "SELECT COUNT(*) FROM articles a LEFT JOIN article_stories s ON s.article_id = a.id"
        " WHERE s.canonical = 1 OR s.article_id IS NULL").fetchone()[0]
    months = {c.value: c.count for c in event_facets(conn, "month", top=10**6)}
    assert months == dict(conn.execute("SELECT substr(date, 1, 7), COUNT(*) FROM events WHERE in_teaser = 0"
                                       " AND date IS NOT NULL GROUP BY 1").fetchall())
    sites = {c.value: c.count for c in quote_facets(conn, "site", top=10**6)}
    assert sites == dict(conn.execute("SELECT a.site, COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id"
                                      " WHERE q.in_teaser = 0 AND q.copy = 0 AND a.site IS NOT NULL GROUP BY 1"
                                      ).fetchall())
    kinds = {c.value: c.count for c in article_facets(conn, "kind", all_copies=True)}
    assert kinds == dict(conn.execute("SELECT kind, COUNT(*) FROM articles GROUP BY 1").fetchall())
    for (actor,) in conn.execute("SELECT id FROM actors WHERE same_as IS NULL ORDER BY id LIMIT 40").fetchall():
        summary = timeline_summary(conn, actor)
        assert summary.events == conn.execute("SELECT COUNT(*) FROM events WHERE in_teaser = 0 AND"
                                              " (source_id = ?1 OR target_id = ?1)", (actor,)).fetchone()[0]
        assert summary.quotes == conn.execute("SELECT COUNT(*) FROM quotes WHERE in_teaser = 0 AND copy = 0"
                                              " AND speaker_id = ?", (actor,)).fetchone()[0]
        assert count_events(conn, source=actor) == conn.execute(
            "SELECT COUNT(*) FROM events WHERE in_teaser = 0 AND source_id = ?", (actor,)).fetchone()[0]
        assert count_quotes(conn, speaker=actor) == summary.quotes
        directory = actor_counts(conn, actor)
        assert directory.mentions == conn.execute("SELECT COUNT(*) FROM mentions WHERE actor_id = ?",
                                                  (actor,)).fetchone()[0]
        assert directory.quotes == conn.execute("SELECT COUNT(*) FROM quotes WHERE copy = 0 AND speaker_id = ?",
                                                (actor,)).fetchone()[0]
        assert directory.events == conn.execute("SELECT COUNT(*) FROM events WHERE source_id = ?1 OR target_id = ?1",
                                                (actor,)).fetchone()[0]


@pytest.fixture()
def copy(store: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the shared store that a test may write to."""
    db = tmp_path / "copy.db"
    with sqlite3.connect(store) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    yield db


def test_tallies_after_ingest_and_reanalysis(copy: Path) -> None:
    conn = connect(copy)
    assert conn.execute("SELECT COUNT(*) FROM tallies").fetchone()[0] > 0
    assert_exact(conn)
    conn.close()
    analyse(db=copy, settings=IngestSettings(workers=1), force=True)  # every article analysed again
    conn = connect(copy)
    assert_exact(conn)
    conn.close()


_ARTICLE = """{headline}

BEIJING, March {day} (Xinhua) -- Chinese Foreign Minister Wang Yi said on Tuesday that China
and Russia would hold talks on trade. "We will work together for peace," Wang said in Beijing.
Russia condemned the sanctions imposed by the United States, the ministry said.
"""


def test_tallies_after_reingest_of_a_changed_file_and_deletes(copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "inputs"
    folder.mkdir()
    page = folder / "talks.txt"
    page.write_text(_ARTICLE.format(headline="China and Russia to hold trade talks", day=14))
    assert ingest([str(folder)], db=copy, settings=IngestSettings(workers=1)).ok
    conn = connect(copy)
    assert_exact(conn)
    conn.close()
    page.write_text(_ARTICLE.format(headline="Wang Yi says China will hold trade talks", day=15))
    assert ingest([str(folder)], db=copy, settings=IngestSettings(workers=1)).ok  # the page is replaced
    conn = connect(copy)
    assert_exact(conn)
    # Deletes: a page (its articles, their quotations and events by cascade), the canonical
    # article of a story with copies (another copy becomes canonical), and events by themselves.
    conn.execute("DELETE FROM pages WHERE id = (SELECT page_id FROM articles ORDER BY id LIMIT 1)")
    canonical = conn.execute("SELECT article_id FROM article_stories WHERE canonical = 1 AND story_id IN"
                             " (SELECT story_id FROM article_stories WHERE canonical = 0) LIMIT 1").fetchone()
    if canonical is not None:
        conn.execute("DELETE FROM articles WHERE id = ?", canonical)
    conn.execute("DELETE FROM events WHERE rowid % 3 = 0")
    conn.execute("UPDATE articles SET kind = 'sidebar', date = '2001-02-03' WHERE rowid % 5 = 0")
    assert_exact(conn)
    conn.close()


_KILLED_WRITER = """
import os, signal, sys
from dateline.store import connect
conn = connect(sys.argv[1])
conn.execute("BEGIN")
conn.execute("DELETE FROM pages WHERE rowid % 2 = 0")
conn.execute("UPDATE events SET source_id = target_id WHERE target_id IS NOT NULL")
conn.execute("UPDATE quotes SET speaker_id = NULL")
print("written", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_write_leaves_the_tallies_consistent(copy: Path) -> None:
    conn = connect(copy)
    before = {t: conn.execute(f"SELECT * FROM {t} ORDER BY {k}").fetchall() for t, k in _TABLES.items()}
    conn.close()
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED_WRITER), str(copy)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == -signal.SIGKILL and "written" in run.stdout, run.stderr
    conn = connect(copy)
    assert {t: conn.execute(f"SELECT * FROM {t} ORDER BY {k}").fetchall() for t, k in _TABLES.items()} == before
    assert_exact(conn)
    conn.close()


_COPIED_PAGE = """World Desk
Dock strike talks resume in Antwerp as ports stay shut
By Lena VOS
Antwerp (AFP) June 11, 2024

Union leaders and port operators met again on Tuesday after a week without talks.

"Nobody goes back to work until the night shifts are paid properly," union leader Marc Peeters told reporters outside the hall.

The ports of Antwerp and Rotterdam have been shut since the start of the month.

Belgian Prime Minister Alexander De Croo said the government wanted "an agreement that keeps the cranes moving" by the weekend.

Ports brace for a second week of closures
Rotterdam (AFP) June 10, 2024 - Shipping lines have begun to divert vessels to other ports, operators said on Monday.

"Nobody goes back to work until the night shifts are paid properly," union leader Marc Peeters told reporters outside the hall.

Shippers warned that "an agreement that keeps the cranes moving" would still leave weeks of backlog at the docks.
"""


def _copied_page(db: Path, tmp_path: Path) -> None:
    """Ingest a page whose sidebar copies one paragraph of its main article (with a quotation)."""
    folder = tmp_path / "copied"
    folder.mkdir()
    (folder / "docks.txt").write_text(_COPIED_PAGE)
    assert ingest([str(folder)], db=db, settings=IngestSettings(workers=1)).ok


def _copies(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT id FROM quotes WHERE copy = 1 ORDER BY id")]


def _reanalyse(conn: sqlite3.Connection, article_ids: list[str]) -> None:
    """Analyse these articles again and write them in this order, as `dateline analyse` would."""
    articles = [get_article(conn, i) for i in article_ids]
    with conn:
        for article, analysis in zip(articles, analyse_articles(articles)):
            write_analysis(conn, analysis, analyser=ANALYSER, article_date=article.date or article.crawl_date)


def test_tallies_follow_the_copies_of_a_main_articles_quotations(copy: Path, tmp_path: Path) -> None:
    _copied_page(copy, tmp_path)
    conn = connect(copy)
    marked = _copies(conn)
    assert len(marked) == 1  # the copied paragraph's; the sidebar's own paragraph is not a copy
    sidebar, main = conn.execute("SELECT a.id, a.parent_id FROM quotes q JOIN articles a ON a.id = q.article_id"
                                 " WHERE q.id = ?", (marked[0],)).fetchone()
    assert_exact(conn)
    with conn:
        conn.execute("UPDATE quotes SET copy = 0 WHERE id = ?", (marked[0],))  # unmarked
    assert_exact(conn)
    with conn:
        conn.execute("UPDATE quotes SET copy = 1 WHERE id = ?", (marked[0],))  # marked
    assert_exact(conn)
    _reanalyse(conn, [main])  # the main article again: its copy is marked again
    assert _copies(conn) == marked
    assert_exact(conn)
    _reanalyse(conn, [sidebar, main])  # in either order
    assert _copies(conn) == marked
    _reanalyse(conn, [main, sidebar])
    assert _copies(conn) == marked
    assert_exact(conn)
    with conn:  # the main article's quotations gone: nothing is left for the sidebar to copy
        conn.execute("DELETE FROM quotes WHERE article_id = ?", (main,))
    assert _copies(conn) == []
    assert_exact(conn)
    _reanalyse(conn, [main])
    assert _copies(conn) == marked
    with conn:  # the sidebar deleted, its copy with it
        conn.execute("DELETE FROM articles WHERE id = ?", (sidebar,))
    assert _copies(conn) == []
    assert_exact(conn)
    conn.close()


def test_the_migration_fills_the_tallies_of_an_older_store(copy: Path, tmp_path: Path) -> None:
    _copied_page(copy, tmp_path)
    conn = connect(copy)
    marked = _copies(conn)
    assert marked
    # Undo the tallies' migration and those after it, as a store written before them would be.
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')"
                                   " AND (name IN ('tallies', 'actor_months', 'article_tally', 'actor_mentions') OR name LIKE '%tally%'"
                                   " OR name = 'quotes_copy_ad') ORDER BY type = 'table'").fetchall():
        conn.execute(f"DROP {kind.upper()} {name}")
    conn.execute("DROP INDEX IF EXISTS actor_articles_roles")  # migration 13
    for index in ("quotes_speaker_day", "quotes_day", "quotes_country", "quotes_speaker_uncountried"):
        conn.execute(f"DROP INDEX {index}")  # migration 15 makes them again, with the copy flag
    conn.execute("ALTER TABLE quotes DROP COLUMN copy")  # migration 15
    conn.execute("ALTER TABLE events DROP COLUMN location_type")  # migration 17
    for column in ("source", "valid_from", "valid_until"):  # migration 16
        conn.execute(f"ALTER TABLE actor_articles DROP COLUMN {column}")
    conn.execute(f"PRAGMA user_version = {TALLIED - 1}")
    conn.close()
    assert "CREATE TABLE tallies" in TALLIES
    conn = connect(copy)  # migrates
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert _copies(conn) == marked  # the copies of the stored quotations marked
    assert_exact(conn)
    conn.close()
