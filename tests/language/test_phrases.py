"""The shared token list and sliced text: the same tokens and text spaCy's own span gives."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.language.phrases import doc_text, span_text, tokens_of

PARAGRAPH = ("The Peruvian navy said on Friday it had seized a fishing boat off Callao. "
             "Officials in Lima gave no more details.  A spokesman declined to comment.")


def test_tokens_of_a_sentence_are_the_spans_tokens(nlp: Language) -> None:
    doc = nlp(PARAGRAPH)
    for sent in doc.sents:
        assert [t.i for t in tokens_of(sent)] == [t.i for t in sent]
        assert [t.text for t in tokens_of(sent)] == [t.text for t in sent]


def test_tokens_of_follow_each_doc(nlp: Language) -> None:
    first, second = nlp("Chile recalled its ambassador."), nlp("Bolivia closed the border.")
    assert [t.text for t in tokens_of(first[:])] == ["Chile", "recalled", "its", "ambassador", "."]
    assert [t.text for t in tokens_of(second[:])] == ["Bolivia", "closed", "the", "border", "."]
    assert tokens_of(first[1:3])[0].doc is first


def test_span_text_is_the_spans_text(nlp: Language) -> None:
    doc = nlp(PARAGRAPH)
    spans = [*doc.sents, doc[2:6], doc[0:1], doc[len(doc) - 3:]]
    for span in spans:
        assert span_text(span) == span.text


def test_doc_text_is_the_docs_text(nlp: Language) -> None:
    for text in (PARAGRAPH, "  Leading spaces,\ttabs and a trailing space ", "One."):
        doc = nlp(text)
        assert doc_text(doc) == doc.text == text
