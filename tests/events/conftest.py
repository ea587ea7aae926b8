"""Articles built from sentences we write, read by the real pipeline (spaCy model, gazetteer,
dictionary): the event tests check what the whole reading pass codes, not a mock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import pytest

from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp
from dateline.reading import analyse_articles
from dateline.model import Article, ArticleKind, Event, Paragraph

ARTICLE_DATE = dt.date(2024, 3, 9)  # a Saturday
Code = Callable[..., tuple[Event, ...]]


def article(paragraphs: Sequence[str], place: str | None) -> Article:
    """An article dated `ARTICLE_DATE` whose paragraphs follow a 20-character header."""
    at = 20
    built: list[Paragraph] = []
    for text in paragraphs:
        built.append(Paragraph(text, at, at + len(text)))
        at += len(text) + 2
    return Article(id="article-events", source="test.txt", kind=ArticleKind.MAIN, headline="A headline",
                   start=0, end=at, place=place, date=ARTICLE_DATE, paragraphs=tuple(built))


@pytest.fixture(scope="module")
def code() -> Code:
    """`code(*paragraphs, place=...)`: the events of an article made of those paragraphs."""
    nlp = load_nlp()
    gazetteer = load_gazetteer()

    def _code(*paragraphs: str, place: str | None = "Geneva") -> tuple[Event, ...]:
        return analyse_articles([article(paragraphs, place)], nlp=nlp, gazetteer=gazetteer)[0].events
    return _code
