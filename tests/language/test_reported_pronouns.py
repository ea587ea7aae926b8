"""`X said (that) he ...`: the pronoun subject of a reported clause is X, not the last person
named before (so `he told them "..."` is X's quotation), unless the clause names another person
first. Sentences are invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from dateline.language.attribution import reporter
from dateline.language.gazetteer import load_gazetteer
from dateline.language.nlp import load_nlp
from dateline.reading import analyse_articles
from dateline.model import Article, ArticleKind, Paragraph


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _pronoun_reporter(nlp: Language, text: str, pronoun: str) -> str | None:
    doc = nlp(text)
    token = next(t for t in doc if t.lower_ == pronoun)
    found = reporter(token, names_person=lambda t: t.ent_type_ == "PERSON")
    return found.text if found is not None else None


@pytest.mark.parametrize(("text", "pronoun", "said_by"), [
    ("Daniel Brooks said he would visit Austria in June.", "he", "Brooks"),
    ("Daniel Brooks said that she was wrong.", "she", "Brooks"),
    ('"We will ask the court to rule," the steward added.', "we", "steward"),
])
def test_reported_pronouns_the_subject_of_a_reported_clause_is_the_reporter(
        nlp: Language, text: str, pronoun: str, said_by: str) -> None:
    assert _pronoun_reporter(nlp, text, pronoun) == said_by


@pytest.mark.parametrize(("text", "pronoun"), [
    ("He visited Austria in June.", "he"),  # no reported clause: read as usual
    ("Daniel Brooks visited Austria after he landed.", "he"),  # not a speech verb's complement
])
def test_reported_pronouns_other_pronouns_are_read_as_usual(nlp: Language, text: str, pronoun: str) -> None:
    assert _pronoun_reporter(nlp, text, pronoun) is None


def _speakers(nlp: Language, *paragraphs: str) -> list[str | None]:
    at, built = 20, []
    for text in paragraphs:
        built.append(Paragraph(text, at, at + len(text)))
        at += len(text) + 2
    article = Article(id="article-reported", source="test.txt", kind=ArticleKind.MAIN, headline="A headline",
                      start=0, end=at, place=None, date=dt.date(2024, 5, 2), paragraphs=tuple(built))
    return [q.speaker for q in analyse_articles([article], nlp=nlp, gazetteer=load_gazetteer())[0].quotes]


def test_reported_pronouns_he_told_them_is_the_reporters_quotation(nlp: Language) -> None:
    assert _speakers(nlp, "Clara Moss opened the meeting on Monday.",
                     'Daniel Brooks said he told the members "we will not move the ground".') == ["Daniel Brooks"]


def test_reported_pronouns_an_unknown_reporter_is_not_the_last_person_named(nlp: Language) -> None:
    """The steward is no actor, so his `he` is nobody we know: never Clara Moss."""
    assert _speakers(nlp, "Clara Moss opened the meeting on Monday.",
                     'The club\'s steward said he told the members "we will not move the ground".') == [None]
