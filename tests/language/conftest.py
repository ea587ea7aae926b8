"""Shared fixtures of the language tests: the tables, and an article analysed from paragraphs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

from dateline.reading import analyse_articles
from dateline.language.gazetteer import Gazetteer, load_gazetteer
from dateline.language.nlp import load_nlp
from dateline.model import Article, ArticleAnalysis, ArticleKind, Paragraph

Analyse = Callable[..., ArticleAnalysis]


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def analyse(gaz: Gazetteer) -> Analyse:
    """One article made of these paragraphs (dated 4 June 2024, `place` its dateline place),
    analysed as ingest would."""
    nlp = load_nlp()

    def _analyse(*paragraphs: str, place: str | None = None, headline: str = "A headline") -> ArticleAnalysis:
        at, built = 20, []
        for text in paragraphs:
            built.append(Paragraph(text, at, at + len(text)))
            at += len(text) + 2
        article = Article(id="article-test", source="test.txt", kind=ArticleKind.MAIN, headline=headline,
                          start=0, end=at, place=place, date=dt.date(2024, 6, 4), paragraphs=tuple(built))
        return analyse_articles([article], nlp=nlp, gazetteer=gaz)[0]
    return _analyse
