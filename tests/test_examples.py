"""The sample corpus, ingested as a user would, against its hand-written expectations."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.model import Article
from dateline.store import connect, list_articles, list_sources

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXPECTED: list[dict[str, Any]] = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["pages"]


def _norm(s: str | None) -> str:
    s = (s or "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'")
    return re.sub(r"\s+", " ", s).strip().strip("\"' ,.").lower()


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Article]]:
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    report = ingest([str(EXAMPLES / "corpus")], db=db, settings=IngestSettings(workers=1))
    assert report.failed == 0
    conn = connect(db)
    by_file: dict[str, list[Article]] = {Path(s.path).name: [] for s in list_sources(conn)}
    for a in sorted(list_articles(conn), key=lambda a: (a.source, a.start)):  # listed by date: page order here
        by_file[Path(a.source).name].append(a)
    conn.close()
    return by_file


@pytest.mark.parametrize("page", EXPECTED, ids=[p["file"] for p in EXPECTED])
def test_examples_page_matches_expectations(page: dict[str, Any], extracted: dict[str, list[Article]]) -> None:
    articles = extracted[page["file"]]
    stories = [a for a in articles if a.kind != "teaser"]
    assert len([a for a in articles if a.kind == "teaser"]) == (page["teasers"] if page["articles"] else 0)
    assert len(stories) == len(page["articles"])
    for got, want in zip(stories, page["articles"]):
        assert (str(got.kind), got.headline) == (want["kind"], want["headline"])
        assert (got.place, got.agency, got.byline) == (want["place"], want["agency"], want["byline"])
        assert list(got.authors) == want["authors"]
        assert (got.date.isoformat() if got.date else None) == want["date"]
        assert _norm(got.body).startswith(_norm(want["body_first_sentence"]))
        assert _norm(got.body).endswith(_norm(want["body_last_sentence"]))
        assert list(got.subheadings) == want.get("subheadings", [])
        assert (got.site, got.section) == (page["site"], page["section"])
        for chrome in page["boilerplate_never_in_bodies"]:
            assert chrome.lower() not in got.body.lower()


def test_examples_page_without_article_is_reported(extracted: dict[str, list[Article]], tmp_path: Path) -> None:
    empty = [p["file"] for p in EXPECTED if not p["articles"]]
    assert empty and all(extracted[f] == [] for f in empty)
