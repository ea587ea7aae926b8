"""Quotations on real news: speakers the actor layer does not know, quotations that run on
from their speaker, cue verbs and phrases, nested and repeated quotations."""

from __future__ import annotations

import pytest

from conftest import Analyse
from dateline.language.quotes import find_quote_spans, inner_quotes
from dateline.language.speakers import continues
from dateline.model import ActorKind


def _said(analysis: object) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in analysis.quotes]  # type: ignore[attr-defined]


def test_speakers_a_quotation_runs_on_to_the_next_quoted_sentence(analyse: Analyse) -> None:
    analysis = analyse('"The bridge is safe," Marta Olsen said. "We checked it twice."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", "Marta Olsen"]


def test_speakers_a_quotation_runs_on_to_the_next_paragraph(analyse: Analyse) -> None:
    analysis = analyse('"The bridge is safe," Marta Olsen said.', '"We checked it twice."',
                       '"And we will check it again in May."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen"] * 3


def test_speakers_a_quote_left_open_runs_on_to_the_next_paragraph(analyse: Analyse) -> None:
    analysis = analyse('Marta Olsen, the city engineer, said: "The bridge is safe.', '"We checked it twice."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", "Marta Olsen"]


def test_speakers_the_reporters_prose_ends_the_run(analyse: Analyse) -> None:
    analysis = analyse('"The bridge is safe," Marta Olsen said. The bridge reopened on Monday. "We are glad it is open again."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", None]
    analysis = analyse('"The bridge is safe," Marta Olsen said. The bridge reopened on Monday.', '"We are glad it is open again."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", None]


def test_speakers_continues_reads_only_the_attribution_between() -> None:
    text = '"A is true," Olsen said. "B is true."'
    first, second = find_quote_spans(text)
    assert continues(text, first, second.open_at)
    text = '"A is true." The river rose. "B is true."'
    first, second = find_quote_spans(text)
    assert not continues(text, first, second.open_at)
    text = 'She called it "bad" and "worse".'
    first, second = find_quote_spans(text)
    assert not continues(text, first, second.open_at)


def test_speakers_an_unknown_named_speaker_beats_the_previous_one(analyse: Analyse) -> None:
    analysis = analyse('"The bridge is safe," Marta Olsen said.', '"It is not safe at all," said Okafor.')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", "Okafor"]


def test_speakers_he_refers_to_the_unknown_person_just_named(analyse: Analyse) -> None:
    analysis = analyse('"The bridge is safe," Marta Olsen said.',
                       'Okafor said the council had ignored the cracks. "They knew for years," he said.')
    assert analysis.quotes[-1].speaker == "Okafor"


def test_speakers_a_courtesy_title_is_not_the_name(analyse: Analyse) -> None:
    analysis = analyse('"We will appeal," Mr. Brandvold said.')
    assert analysis.quotes[0].speaker == "Brandvold"


@pytest.mark.parametrize(("sentence", "speaker", "kind"), [
    ('"We are not leaving," protesters said.', "protesters", ActorKind.GROUP),
    ('"The water is brown," residents told reporters.', "residents", ActorKind.GROUP),
    ('"The wards are full," the doctors said.', "doctors", ActorKind.GROUP),
    ('"Nobody warned us," one local shopkeeper said.', "shopkeeper", ActorKind.PERSON),
    ('"The road stays closed," the agency said.', "agency", ActorKind.ORG),
])
def test_speakers_groups_and_unnamed_people_speak(analyse: Analyse, sentence: str, speaker: str,
                                                  kind: ActorKind) -> None:
    quote = analyse(sentence).quotes[0]
    assert quote.speaker is not None and speaker in quote.speaker
    assert quote.speaker_kind == kind


def test_speakers_a_thing_is_not_a_speaker(analyse: Analyse) -> None:
    quote = analyse('"Prices will rise," the forecast said.').quotes[0]
    assert quote.speaker is None


@pytest.mark.parametrize("cue", [
    "recounted", "requested", "alleged", "remembered", "testified", "wrote", "tweeted", "posted",
    "insisted", "conceded", "pleaded", "quipped", "pointed out",
])
def test_speakers_each_cue_verb(analyse: Analyse, cue: str) -> None:
    quote = analyse(f'Ingrid Vesterlund {cue} that the plan was "a costly mistake".').quotes[0]
    assert (quote.speaker, quote.cue is not None) == ("Ingrid Vesterlund", True)


def test_speakers_according_to_a_statement_from_someone(analyse: Analyse) -> None:
    quote = analyse('The bridge was "entirely safe", according to a statement from Ingrid Vesterlund.').quotes[0]
    assert quote.speaker == "Ingrid Vesterlund"


def test_speakers_in_a_statement_and_in_an_interview(analyse: Analyse) -> None:
    analysis = analyse('"We regret the delay," Ingrid Vesterlund said in a statement.',
                       '"It will be fixed," Tomas Lind said in an interview with a local radio station.')
    assert [q.speaker for q in analysis.quotes] == ["Ingrid Vesterlund", "Tomas Lind"]


def test_speakers_a_statement_speaks_for_whoever_issued_it(analyse: Analyse) -> None:
    quote = analyse('The Harbour Board issued a statement warning that "the pier is closed".').quotes[0]
    assert quote.speaker is not None and "Harbour Board" in quote.speaker


def test_speakers_a_scare_quoted_term_stays_unattributed(analyse: Analyse) -> None:
    analysis = analyse('Marta Olsen said the city is committed to the "zero waste" plan.')
    assert all(q.speaker is None for q in analysis.quotes)


def test_speakers_doubled_closing_singles_close_a_quote() -> None:
    text = "\u201cIt was a trick,\u2019\u2019 Olsen said."
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == ["It was a trick,"]


def test_speakers_nested_quotes_are_said_by_the_outer_speaker(analyse: Analyse) -> None:
    text = "\"So you never fixed the 'harbour problem'?\" Olsen asked."
    outer = find_quote_spans(text)
    assert [text[s.start:s.end] for s in inner_quotes(text, outer)] == ["harbour problem"]
    analysis = analyse(text)
    assert ("harbour problem", "Olsen") in _said(analysis)


def test_speakers_a_scare_quoted_word_inside_a_quote_is_not_a_quotation() -> None:
    text = "\"The 'free' tier is a trap,\" Olsen said."
    assert inner_quotes(text, find_quote_spans(text)) == []


def test_speakers_a_subheading_repeating_a_quotation_has_its_speaker(analyse: Analyse) -> None:
    analysis = analyse('2. "Not a secret channel"',
                       '"My role was not a secret channel, but the official one," Olsen told the panel.')
    assert ("Not a secret channel", "Olsen") in _said(analysis)


def test_speakers_headline_single_quotes(analyse: Analyse) -> None:
    analysis = analyse("Nothing here.", headline="Olsen says 'the bridge is safe' after inspection")
    assert [(q.text, q.speaker) for q in analysis.quotes] == [("the bridge is safe", "Olsen")]



def test_speakers_words_the_speaker_puts_in_anothers_mouth_are_not_the_speakers(analyse: Analyse) -> None:
    analysis = analyse("\"Passers-by might think, 'this is far too much',\" Olsen said.")
    assert ("this is far too much", "Olsen") not in _said(analysis)
    analysis = analyse("\"I told them, 'this is far too much',\" Olsen said.")
    assert ("this is far too much", "Olsen") in _said(analysis)


def test_speakers_a_surname_tagged_as_an_adverb_is_the_subject(analyse: Analyse) -> None:
    analysis = analyse('After the vote, Early said the plan is "a costly mistake".')
    assert analysis.quotes[0].speaker == "Early"
