"""Shared fixtures: the seed pages (read from ../shared, never copied) and fresh stores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
LABELS = SHARED / "labels" / "seeds.json"


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} is not beside the repository (../shared)")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require(SEEDS)


@pytest.fixture(scope="session")
def seed_labels() -> dict[str, Any]:
    return json.loads(_require(LABELS).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"
