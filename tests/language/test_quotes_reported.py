"""Quotations whose speaker the reporter named before, or names in a clause above a body's:
reported speech followed by the reported one's words, a caption between two paragraphs of one
quotation, `the statement said`, passive cues, a person reporting what a state concluded, and
opinion verbs with `as`."""

from __future__ import annotations

from conftest import Analyse


def _said(analysis: object) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in analysis.quotes]  # type: ignore[attr-defined]


def test_quotes_reported_the_sentence_after_reported_speech_is_the_speakers(analyse: Analyse) -> None:
    analysis = analyse('Okafor said the council had ignored the cracks for years. Since then, the repairs have '
                       'cost "far more than anyone on the council admits."')
    assert _said(analysis) == [("far more than anyone on the council admits.", "Okafor")]


def test_quotes_reported_a_quoted_paragraph_after_reported_speech_is_the_speakers(analyse: Analyse) -> None:
    analysis = analyse("Okafor said the council had ignored the cracks for years.",
                       '"They knew about it and they did nothing. Nothing at all."')
    assert [q.speaker for q in analysis.quotes] == ["Okafor"]


def test_quotes_reported_he_said_then_the_next_sentence(analyse: Analyse) -> None:
    analysis = analyse("Marta Olsen spoke to reporters after the vote.",
                       '"We warned them," he said. That is part of the anger at "a council that never listens to '
                       'anyone."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", "Marta Olsen"]


def test_quotes_reported_a_scare_quoted_word_or_modifier_after_it_stays_a_term(analyse: Analyse) -> None:
    analysis = analyse('Okafor said the council had ignored the cracks. The council plans two "inspections" a year.')
    assert all(q.speaker is None for q in analysis.quotes)
    analysis = analyse('Okafor said the council had ignored the cracks. The council now runs a "zero tolerance" '
                       "policy on repairs.")
    assert all(q.speaker is None for q in analysis.quotes)


def test_quotes_reported_prose_between_ends_it(analyse: Analyse) -> None:
    analysis = analyse("Okafor said the council had ignored the cracks. The river rose again in May. Engineers "
                       'expect "a long, dry summer after all this rain."')
    assert all(q.speaker is None for q in analysis.quotes)


def test_quotes_reported_a_caption_between_two_paragraphs_of_a_quotation(analyse: Analyse) -> None:
    analysis = analyse('Marta Olsen, the city engineer, said: "The bridge is safe.',
                       "Workers inspect the bridge on Monday (Image: City Council )",
                       '"We checked it twice and we will check it again."')
    assert [q.speaker for q in analysis.quotes] == ["Marta Olsen", "Marta Olsen"]


def test_quotes_reported_the_statement_is_that_of_its_maker_just_named(analyse: Analyse) -> None:
    analysis = analyse("Two workers were hurt on the line, Northgate Rail said in a statement on Monday.",
                       '"The cause of the fall is being examined," the statement said.')
    assert len(analysis.quotes) == 1
    assert "Northgate" in (analysis.quotes[0].speaker or "")


def test_quotes_reported_the_subject_of_a_passive_cue_is_spoken_to_not_speaking(analyse: Analyse) -> None:
    analysis = analyse('The mayor was accused of "ignoring the warnings for three years".')
    assert all(q.speaker is None for q in analysis.quotes)


def test_quotes_reported_a_person_reporting_a_states_conclusion_is_the_speaker(analyse: Analyse) -> None:
    analysis = analyse('Lindqvist said that after a long review Sweden had concluded the tariffs were "not in line '
                       'with the treaty", adding that talks would go on.')
    assert [q.speaker for q in analysis.quotes] == ["Lindqvist"]


def test_quotes_reported_a_named_persons_conclusion_stays_theirs(analyse: Analyse) -> None:
    analysis = analyse('Lindqvist said that Okafor had concluded the tariffs were "not in line with the treaty".')
    assert [q.speaker for q in analysis.quotes] == ["Okafor"]


def test_quotes_reported_a_question_ending_in_a_nested_quote(analyse: Analyse) -> None:
    analysis = analyse("\u201cI told my boss, like, \u2018Can we even trust these numbers?\u2019\u201d Olsen asked. "
                       "\u201cWe could not.\u201d")
    speakers = dict(_said(analysis))
    assert speakers["We could not."] == "Olsen"
    assert speakers["Can we even trust these numbers?"] == "Olsen"


def test_quotes_reported_an_opinion_with_as_is_the_holders(analyse: Analyse) -> None:
    analysis = analyse('Okafor sees the new rail line as "a gift to developers".')
    assert _said(analysis) == [("a gift to developers", "Okafor")]


def test_quotes_reported_a_surname_before_an_adverb_and_the_verb(analyse: Analyse) -> None:
    analysis = analyse('After the vote, Early still says the plan is "a costly mistake".')
    assert [q.speaker for q in analysis.quotes] == ["Early"]


def test_quotes_reported_cheering_and_instructing_are_cues(analyse: Analyse) -> None:
    analysis = analyse('Okafor instructed the crews to "stop all work at once".')
    assert [q.speaker for q in analysis.quotes] == ["Okafor"]
    analysis = analyse('Okafor cheered the "long overdue and very welcome" repairs.')
    assert [q.speaker for q in analysis.quotes] == ["Okafor"]


def test_quotes_reported_a_named_person_is_not_the_body_of_their_office(analyse: Analyse) -> None:
    analysis = analyse('Lam Wing-kei, the police commander of the western district, said: "We will hold the line."',
                       place="Hong Kong")
    assert analysis.quotes[0].speaker is not None
    assert "Lam" in analysis.quotes[0].speaker
