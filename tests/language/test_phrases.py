"""The shared token list and sliced text: the same tokens and text spaCy's own span gives."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.language import dates
from dateline.language.phrases import span_text, tokens_of

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


@pytest.mark.parametrize("sentence", [
    "The talks resumed on Tuesday.", "It happened three weeks ago.", "Elections are due in March 2027.",
    "Trade fell by 4% in 2024.", "The ministry said nothing.", "He left last weekend.",
    "The deal was signed on 12 May.", "No date here at all, only words.",
])
def test_the_one_scan_agrees_with_the_rules(sentence: str) -> None:
    """A sentence skips the date rules only when no rule would match it."""
    any_rule = any(pattern.search(sentence) for pattern, _ in dates._RULES)
    assert bool(dates._ANY_RULE.search(sentence)) == any_rule
