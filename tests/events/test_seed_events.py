"""Events on the seed bodies, through ingest and the store, against the hand labels."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.model import Event
from dateline.store import connect, list_articles
from dateline.store.events import list_events


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", (s or "").replace("\u2019", "'")).strip().lower()


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    db = tmp_path_factory.mktemp("seed-events") / "seeds.db"
    ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1))
    conn = connect(db)
    yield conn
    conn.close()


def _matches(seed_labels: dict[str, Any], store: sqlite3.Connection) -> list[tuple[dict[str, Any], Event | None]]:
    articles = list_articles(store)
    events = list_events(store)
    found: list[tuple[dict[str, Any], Event | None]] = []
    for page in seed_labels["pages"]:
        for label in page["articles"]:
            article = next(a for a in articles if Path(a.source).name == page["file"]
                           and a.kind == label["kind"] and _norm(a.headline) == _norm(label["headline"]))
            mine = [e for e in events if e.article_id == article.id]
            for want in label["events"]:
                roots = {want["root"], *want.get("also", [])}
                hits = [e for e in mine if (e.source_country, e.target_country) ==
                        (want["source_country"], want["target_country"]) and e.root in roots]
                exact = [e for e in hits if e.sentence.startswith(want["sentence_starts"][0])]
                found.append((want, (exact or hits or [None])[0]))
    return found


def test_seeds_every_labelled_event_is_found(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    missed = [want["sentence_starts"][0] for want, event in _matches(seed_labels, store) if event is None]
    assert missed == []


def test_seeds_labelled_event_dates(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    """Dates as labelled, or a range that starts on the labelled day; the known misses need
    another sentence's information (docs/events-judged.md)."""
    pairs = _matches(seed_labels, store)
    right = sum(1 for want, e in pairs if e is not None and
                (e.date.isoformat() if e.date else None) == want["date"])
    assert right >= 17 and len(pairs) == 20


def test_seeds_events_carry_their_evidence(store: sqlite3.Connection) -> None:
    pages = {r[0]: r[1] for r in store.execute("SELECT a.id, p.text FROM articles a JOIN pages p ON p.id = a.page_id")}
    for event in list_events(store):
        assert pages[event.article_id][event.start:event.end] == event.sentence
        assert event.rule and 0 < event.confidence <= 1 and event.mentions >= 1
