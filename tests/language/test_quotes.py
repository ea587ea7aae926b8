"""Quotation marks paired per paragraph: straight and curly, singles in headlines, apostrophes
that never pair, quotes that run past a paragraph, and direct vs partial quotes."""

from __future__ import annotations

import pytest

from dateline.language.quotes import QuoteSpan, find_quote_spans, is_so_called, is_title, quote_kind
from dateline.model import QuoteKind


def _words(text: str, *, single: bool = False) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text, single=single)]


@pytest.mark.parametrize(("text", "words"), [
    ('"We are ready to talk," the envoy said.', ["We are ready to talk,"]),
    ("\u201cWe are ready to talk,\u201d the envoy said.", ["We are ready to talk,"]),
    ("\u00abWe are ready to talk\u00bb, the envoy said.", ["We are ready to talk"]),
    ("\u201eWe are ready to talk\u201d, the envoy said.", ["We are ready to talk"]),
    ('The mayor called the plan "reckless" and "unfunded".', ["reckless", "unfunded"]),
    ("The mayor called the plan \u201creckless\u201d and \u201cunfunded\u201d.", ["reckless", "unfunded"]),
    ('"The vote," the senator said, "was a disgrace."', ["The vote,", "was a disgrace."]),
])
def test_quotes_pairs_straight_and_curly_marks(text: str, words: list[str]) -> None:
    assert _words(text) == words


@pytest.mark.parametrize(("text", "words"), [
    ("The nations' leaders met in Oslo, and the host said it was \"a good start\".", ["a good start"]),
    ("Both countries' envoys said they \"don't expect a breakthrough\".", ["don't expect a breakthrough"]),
    ("Officials don't expect the nations' talks to resume soon.", []),
    ("The farmers' union said the ministers' offer was \"too little, too late\".", ["too little, too late"]),
])
def test_quotes_apostrophes_never_pair_in_bodies(text: str, words: list[str]) -> None:
    assert _words(text) == words


@pytest.mark.parametrize(("headline", "words"), [
    ("Premier says 'new chapter' opens as rivals meet", ["new chapter"]),
    ("\u2018Deeply concerned\u2019: Berlin summons envoy over drone strike", ["Deeply concerned"]),
    ("'We will not retreat,' says mayor as the allies' aid stalls", ["We will not retreat,"]),
    ("Countries' envoys don't expect 'quick deal' on grain", ["quick deal"]),
    ("Minister's 'red line' remark angers the nations' allies", ["red line"]),
    ("Nations' leaders don't agree on aid", []),
])
def test_quotes_single_marks_in_headlines(headline: str, words: list[str]) -> None:
    assert _words(headline, single=True) == words


def test_quotes_single_marks_ignored_in_bodies() -> None:
    assert _words("The premier spoke of a 'new chapter' in relations.") == []


def test_quotes_single_marks_inside_double_marks_are_not_separate_quotes() -> None:
    text = "\"They told us 'wait and see' for a year,\" the farmer said."
    assert _words(text, single=True) == ["They told us 'wait and see' for a year,"]


def test_quotes_left_open_at_paragraph_end_runs_on() -> None:
    text = 'The minister said: "We have moved two brigades to the border.'
    [span] = find_quote_spans(text)
    assert span.close_at is None
    assert text[span.start:span.end] == "We have moved two brigades to the border."
    assert span.outer_end == len(text)


def test_quotes_next_paragraph_reopens_the_quote() -> None:
    text = '"They will stay there as long as the threat remains," he added.'
    [span] = find_quote_spans(text)
    assert (span.open_at, span.close_at) == (0, text.index('," he') + 1)
    assert text[span.start:span.end] == "They will stay there as long as the threat remains,"


def test_quotes_a_paragraph_that_is_one_long_quote_still_open_is_kept_whole() -> None:
    text = '"The first phase ends in June. The second starts when the last troops leave.'
    [span] = find_quote_spans(text)
    assert text[span.start:span.end] == text[1:]


@pytest.mark.parametrize("text", ['He said "', 'An empty "" pair.', 'A lone mark " in the middle.'])
def test_quotes_empty_or_dangling_marks_give_nothing(text: str) -> None:
    assert _words(text) == []


@pytest.mark.parametrize(("text", "kind"), [
    ('"We will not back down," she said.', QuoteKind.DIRECT),
    ('She said: "We will not back down."', QuoteKind.DIRECT),
    ('The talks stalled. "We will not back down," she said.', QuoteKind.DIRECT),
    ('"We will not back down", she said.', QuoteKind.DIRECT),
    ('She said the country would "not back down" under pressure.', QuoteKind.PARTIAL),
    ('The plan is "dead", the senator said.', QuoteKind.PARTIAL),
    ('"Dead on arrival" is how the senator described the plan.', QuoteKind.PARTIAL),
    ('The minister said: "We have moved two brigades to the border.', QuoteKind.DIRECT),
])
def test_quotes_kind_direct_or_partial(text: str, kind: QuoteKind) -> None:
    spans = find_quote_spans(text)
    assert quote_kind(text, spans[0]) == kind


def test_quotes_kind_of_the_second_part_of_a_split_quote_is_partial() -> None:
    text = '"We will," he said, "defend every job in this region."'
    first, second = find_quote_spans(text)
    assert (quote_kind(text, first), quote_kind(text, second)) == (QuoteKind.DIRECT, QuoteKind.PARTIAL)


@pytest.mark.parametrize(("text", "expected"), [
    ('Analysts doubt the so-called "peace dividend" will come.', True),
    ('Analysts doubt the so called "peace dividend" will come.', True),
    ('The premier promised a "peace dividend" to voters.', False),
])
def test_quotes_so_called_marks_a_term(text: str, expected: bool) -> None:
    [span] = find_quote_spans(text)
    assert is_so_called(text, span) is expected


def test_quotes_span_offsets_index_the_text() -> None:
    text = 'Intro. "Quoted words here," the envoy said.'
    [span] = find_quote_spans(text)
    assert span == QuoteSpan(8, 26, 7, 26)


@pytest.mark.parametrize(("words", "expected"), [
    ("Walking on the Harbour Wall", True),  # a song, a show, a book
    ("Northgate Capital Partners,", True),
    ("The Art of Quiet Diplomacy.", True),
    ("We will never accept it,", False),  # speech
    ("a visit for peace", False),
    ("Yes", False),  # one word may be speech
    ("Yes. No.", False),  # two sentences are speech
    ("I told them to Leave", False),
])
def test_quotes_a_title_in_marks_is_not_speech(words: str, expected: bool) -> None:
    assert is_title(words) is expected
