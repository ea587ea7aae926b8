"""Surnames linked across articles by ingest and analyse: the same store in any order, after a
re-run, and after a run killed before the linking (invented pages, written by the tests)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.ingest import analyse as analyse_module
from dateline.ingest.analyse import analyse
from dateline.model import ActorKind
from dateline.store import connect
from dateline.store.events import find_actor_ids, timeline
from dateline.store.language import get_actor, list_actors, list_quotes
from dateline.store.surnames import link_surnames

_HEAD = "Harbour Gazette\nWORLD\n{title}\nBy Staff Writer\nTallinn (Harbour Gazette) April {day}, 2024\n\n"
PAGES = {
    "short": ("Canal toll talks to resume next week", 4,
              '"We are ready to meet our neighbours halfway," Dolansky said in a televised address to port'
              " workers on Thursday.\n\nThe talks on canal tolls will resume next week in the capital with"
              " mediators present."),
    "full": ("Estonian prime minister opens canal toll talks", 2,
             "Estonian Prime Minister Tomas Dolansky opened talks on canal tolls with shipping firms on Tuesday,"
             ' his office said.\n\n"The canal must stay open for every ship," Dolansky said after the first'
             " session.\n\nThe shipping firms said they would reply to the offer later this month."),
    "harwick": ("Shipping firms reject canal toll offer", 5,
                '"The offer does not go far enough," Harwick said on Friday.\n\nThe talks on canal tolls will'
                " resume next week in the capital with mediators present."),
    "lena": ("Shipping chief weighs canal toll offer", 3,
             "Shipping chief Lena Harwick told reporters on Wednesday that her members would study the offer"
             ' from the government.\n\n"We need to see the figures first," Harwick said.'),
    "paul": ("Union leader backs dock workers in toll dispute", 3,
             "Union leader Paul Harwick told dock workers on Wednesday that the union would back their claims"
             ' in the dispute.\n\n"Nobody will be left behind," Harwick said.'),
    "tomas": ("Canal will stay open, says ferry captain", 6,
              '"The canal will stay open to every ship," Tomas said on Saturday, speaking from the bridge of his'
              " ferry.\n\nThe talks on canal tolls will resume next week in the capital with mediators present."),
}
_TABLES = ("actors", "actor_aliases", "actor_articles", "mentions", "quotes", "events", "actor_links",
           "date_mentions", "analysed")
_ONE = IngestSettings(workers=1)


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, (title, day, body) in PAGES.items():
        (folder / f"{name}.txt").write_text(_HEAD.format(title=title, day=day) + body + "\n", encoding="utf-8")
    return folder


def _ingest(db: Path, pages: Path, *runs: Sequence[str]) -> Path:
    """Ingest the named pages into `db`, one ingest run per group."""
    for names in runs:
        assert ingest([str(pages / f"{n}.txt") for n in names], db=db, settings=_ONE).ok
    return db


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in _TABLES}
    finally:
        conn.close()


def _speakers(db: Path) -> dict[str, str | None]:
    with closing(connect(db)) as conn:
        return {q.text: q.speaker for q in list_quotes(conn)}


def test_surname_and_full_name_in_either_order_give_one_store(pages: Path, tmp_path: Path) -> None:
    short_first = _ingest(tmp_path / "a.db", pages, ["short"], ["full"])
    full_first = _ingest(tmp_path / "b.db", pages, ["full"], ["short"])
    together = _ingest(tmp_path / "c.db", pages, ["short", "full"])
    assert _tables(short_first) == _tables(full_first) == _tables(together)
    assert set(_speakers(together).values()) == {"Tomas Dolansky"}
    with closing(connect(together)) as conn:
        assert [a.name for a in list_actors(conn, kind=ActorKind.PERSON)] == ["Tomas Dolansky"]
        (linked,) = _tables(together)["actor_links"]
        assert linked[1] != linked[2]  # the surname's id, and the full name's its rows now carry


def test_a_bare_surname_quote_is_on_the_full_name_timeline_and_filters(pages: Path, tmp_path: Path) -> None:
    db = _ingest(tmp_path / "s.db", pages, ["short"], ["full"])
    said = "We are ready to meet our neighbours halfway,"
    with closing(connect(db)) as conn:
        full = find_actor_ids(conn, "Tomas Dolansky")
        assert find_actor_ids(conn, "Dolansky") == full
        quotes = [e.quote.text for e in timeline(conn, "Tomas Dolansky") if e.quote is not None]
        assert said in quotes and len(quotes) == 2
        assert said in [q.text for q in list_quotes(conn, speaker="Tomas")]
        assert said in [q.text for q in list_quotes(conn, country="EST")]  # the full name's country
        surname_id = conn.execute("SELECT id FROM actors WHERE name = 'Dolansky'").fetchone()[0]
        assert find_actor_ids(conn, surname_id) == full and get_actor(conn, surname_id).name == "Tomas Dolansky"
    out = CliRunner().invoke(main, ["quotes", "--db", str(db), "--speaker", "dolansky", "--format", "jsonl"])
    assert out.exit_code == 0 and said in out.output


def test_an_ambiguous_surname_stays_apart_and_a_later_namesake_undoes_a_link(pages: Path, tmp_path: Path) -> None:
    linked_first = _ingest(tmp_path / "a.db", pages, ["harwick", "lena"], ["paul"])
    together = _ingest(tmp_path / "b.db", pages, ["harwick", "lena", "paul"])
    assert _tables(linked_first) == _tables(together)
    assert _speakers(together)["The offer does not go far enough,"] == "Harwick"
    assert _tables(together)["actor_links"] == []


def test_a_first_name_alone_is_not_linked(pages: Path, tmp_path: Path) -> None:
    db = _ingest(tmp_path / "s.db", pages, ["tomas", "full"])
    assert _speakers(db)["The canal will stay open to every ship,"] == "Tomas"


def test_rerun_and_forced_analysis_are_idempotent(pages: Path, tmp_path: Path) -> None:
    db = _ingest(tmp_path / "s.db", pages, ["short", "full", "harwick", "lena"])
    before = _tables(db)
    assert len(before["actor_links"]) == 2  # Dolansky and (one namesake so far) Harwick
    _ingest(db, pages, ["short", "full", "harwick", "lena"])
    assert _tables(db) == before
    assert analyse(db=db, settings=_ONE, force=True).surnames == 2  # rows come back with the surname's id
    assert _tables(db) == before


def test_a_run_killed_before_linking_is_finished_by_the_next(pages: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _ingest(tmp_path / "clean.db", pages, ["short", "full"])
    db = tmp_path / "killed.db"
    assert ingest([str(pages / "short.txt"), str(pages / "full.txt")], db=db,
                  settings=IngestSettings(workers=1, analyse=False)).ok

    def killed(conn: sqlite3.Connection) -> int:
        conn.execute("UPDATE actors SET same_as = id")  # a half-done link, rolled back with the kill
        raise KeyboardInterrupt

    monkeypatch.setattr(analyse_module, "link_surnames", killed)
    with pytest.raises(KeyboardInterrupt):
        analyse(db=db, settings=_ONE)
    assert _tables(db)["actor_links"] == [] and "Dolansky" in _speakers(db).values()
    monkeypatch.undo()
    assert analyse(db=db, settings=_ONE).analysed == 0
    assert _tables(db) == _tables(clean)


def test_two_surname_only_persons_of_one_article_are_linked_once(tmp_path: Path) -> None:
    """An article holding the same surname as two persons (as a teaser list can) links one of them
    to the full name and leaves the other, rather than failing on the article's duplicate row."""
    with closing(connect(tmp_path / "two.db")) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")  # the rows the linking reads, without their articles
        conn.executemany("INSERT INTO actors(id, name, kind) VALUES (?, ?, 'person')",
                         [("full", "Lena Harwick"), ("s1", "Harwick"), ("s2", "Harwick")])
        conn.executemany("INSERT INTO actor_articles(actor_id, article_id) VALUES (?, ?)",
                         [("full", "a1"), ("s1", "a2"), ("s2", "a2")])
        assert link_surnames(conn) == 1
        rows = [tuple(r) for r in conn.execute("SELECT actor_id FROM actor_articles WHERE article_id = 'a2' ORDER BY actor_id")]
        assert rows == [("full",), ("s2",)]
        assert link_surnames(conn) == 1  # a re-run undoes and redoes the same link
