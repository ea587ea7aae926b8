"""A store of the seeds and the sample corpus, shared by the store's read tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.store import connect

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="session")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    report = ingest([str(seeds_dir), str(EXAMPLES)], db=db, settings=IngestSettings(workers=1))
    assert report.ok
    return db


@pytest.fixture()
def conn(store: Path) -> Iterator[sqlite3.Connection]:
    c = connect(store)
    yield c
    c.close()
