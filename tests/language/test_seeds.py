"""The language stage on the seeds, through ingest and the store, against the hand labels."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.model import ActorKind, Article, Quote
from dateline.store import connect, list_articles
from dateline.store.language import article_annotations, list_actors, list_quotes


def _norm(s: str | None) -> str:
    s = (s or "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().strip("\"' ,.").lower()


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1))
    conn = connect(db)
    yield conn
    conn.close()


def _labelled(seed_labels: dict[str, Any], store: sqlite3.Connection) -> Iterator[tuple[dict[str, Any], Article]]:
    articles = list_articles(store)
    for page in seed_labels["pages"]:
        for label in page["articles"]:
            found = [a for a in articles if Path(a.source).name == page["file"] and a.kind == label["kind"]
                     and _norm(a.headline) == _norm(label["headline"])]
            assert len(found) == 1, label["headline"]
            yield label, found[0]


def _right(quote: Quote, label: dict[str, Any]) -> bool:
    speaker, want = _norm(quote.speaker), _norm(label["speaker"])
    return bool(speaker) and (want in speaker or speaker in want) and quote.speaker_country == label["speaker_country"]


def test_seeds_every_labelled_quote_has_its_speaker(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    quotes = list_quotes(store)
    right = output = labelled = 0
    for label, article in _labelled(seed_labels, store):
        mine = [q for q in quotes if q.article_id == article.id]
        output += len(mine)
        for lq in label["quotes"]:
            labelled += 1
            hits = [q for q in mine if _norm(q.text) == _norm(lq["text"])]
            assert hits, f"not found: {lq['text'][:50]}"
            assert _right(hits[0], lq), f"{lq['text'][:40]}: {hits[0].speaker}/{hits[0].speaker_country}"
            right += 1
    assert right / output >= 0.95 and right / labelled >= 0.95


def test_seeds_quote_kinds_match_labels(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    quotes = list_quotes(store)
    for label, article in _labelled(seed_labels, store):
        for lq in label["quotes"]:
            hit = next(q for q in quotes if q.article_id == article.id and _norm(q.text) == _norm(lq["text"]))
            assert str(hit.kind) == lq["kind"], lq["text"][:50]


def test_seeds_scare_quotes_are_not_speech(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    quotes = list_quotes(store)
    for label, article in _labelled(seed_labels, store):
        for term in label.get("not_quotes") or []:
            assert not [q for q in quotes if q.article_id == article.id and _norm(q.text) == _norm(term)
                        and q.speaker is not None]


def test_seeds_labelled_persons_have_their_country(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    persons = {a.name: a for a in list_actors(store, kind=ActorKind.PERSON)}
    for label, _ in _labelled(seed_labels, store):
        for name, country in label["persons"].items():
            assert name in persons, name
            assert persons[name].country == country, f"{name}: {persons[name].country}, want {country}"


def test_seeds_person_roles_are_learned_from_the_text(store: sqlite3.Connection) -> None:
    persons = {a.name: a for a in list_actors(store, kind=ActorKind.PERSON)}
    roles = {name: {r.role for r in a.roles} for name, a in persons.items()}
    assert "foreign ministry spokeswoman" in roles["Mao Ning"]
    assert "president" in roles["Xi Jinping"]
    assert "associate professor" in roles["Ja-Ian Chong"]
    assert any("spokesman" in r for r in roles["John Kirby"])


def test_seeds_event_dates_resolve_to_labelled_dates(seed_labels: dict[str, Any], store: sqlite3.Connection) -> None:
    for label, article in _labelled(seed_labels, store):
        _, _, dates = article_annotations(store, article.id)
        for event in label["events"]:
            if not event["date"]:
                continue
            day = dt.date.fromisoformat(event["date"])
            end = dt.date.fromisoformat(event["date_end"]) if event.get("date_end") else day
            assert any(d.date <= day and end <= (d.date_end or d.date) for d in dates), (
                f"{event['sentence_starts'][0][:40]}: {event['date']}..{event.get('date_end')}")
