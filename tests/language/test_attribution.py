"""Attribution through the real parse: the speech verb governing a quotation and its subject."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.language.attribution import Attribution, attribute, is_cue, speech_subject
from dateline.language.nlp import load_nlp
from dateline.language.quotes import find_quote_spans


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


def _attribute(nlp: Language, text: str, which: int = 0) -> Attribution | None:
    doc = nlp(text)
    spans = find_quote_spans(text)
    bounds = [(s.start, s.end) for s in spans]
    return attribute(doc, spans[which].start, spans[which].end, quotes=bounds)


def _phrase(found: Attribution | None) -> tuple[str, str] | None:
    """(cue, the speaker phrase's last word)."""
    if found is None:
        return None
    return found.cue, found.subject.text if found.subject is not None else ""


@pytest.mark.parametrize(("text", "expected"), [
    ('"We will not back down," the mayor said.', ("say", "mayor")),
    ('"We will not back down," said Mayor Kamala Ortiz.', ("say", "Ortiz")),
    ('"The budget is balanced," Finance Minister Lena Brandt told parliament.', ("tell", "Brandt")),
    ("\u201cThe budget is balanced,\u201d she said on Tuesday.", ("say", "she")),
])
def test_attribution_after_the_quote(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert _phrase(_attribute(nlp, text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ('Finance Minister Lena Brandt said: "The budget is balanced."', ("say", "Brandt")),
    ('The mayor warned that "the city cannot pay for this."', ("warn", "mayor")),
    ('Senator Mark Dolan told reporters: "This bill is dead on arrival."', ("tell", "Dolan")),
    ('Senator Mark Dolan told reporters the bill was "dead on arrival".', ("tell", "Dolan")),
])
def test_attribution_before_the_quote(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert _phrase(_attribute(nlp, text)) == expected


@pytest.mark.parametrize("which", [0, 1])
def test_attribution_inside_a_split_quote_covers_both_parts(nlp: Language, which: int) -> None:
    text = '"We will," Lena Brandt said, "defend every job in this region."'
    assert _phrase(_attribute(nlp, text, which)) == ("say", "Brandt")


@pytest.mark.parametrize("text", [
    'The deal was "a historic step", according to Foreign Minister Paolo Ricci.',
    'According to Foreign Minister Paolo Ricci, the deal was "a historic step".',
])
def test_attribution_according_to(nlp: Language, text: str) -> None:
    assert _phrase(_attribute(nlp, text)) == ("according to", "Ricci")


@pytest.mark.parametrize("text", [
    'Senator Mark Dolan criticised the plan, adding that "nobody asked the farmers."',
    'Senator Mark Dolan rejected the plan on Monday, adding: "Nobody asked the farmers."',
])
def test_attribution_adding_that_inherits_the_subject(nlp: Language, text: str) -> None:
    assert _phrase(_attribute(nlp, text)) == ("add", "Dolan")


@pytest.mark.parametrize(("text", "expected"), [
    ('"The talks were constructive," said Omar Haddad, a spokesman for the Arab League.', ("say", "Haddad")),
    ('"The border stays closed," said a spokesman for the interior ministry.', ("say", "spokesman")),
])
def test_attribution_inverted_said_x(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert _phrase(_attribute(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    'Opposition leader Tomas Varga was quoted as saying: "The election was stolen."',
    'Opposition leader Tomas Varga was quoted as saying the vote was "deeply flawed".',
])
def test_attribution_passive_quoted_as_saying(nlp: Language, text: str) -> None:
    found = _attribute(nlp, text)
    assert found is not None and found.subject is not None
    assert found.subject.text == "Varga"


@pytest.mark.parametrize(("text", "expected"), [
    ('The Kremlin said on Monday that "the sanctions will fail."', ("say", "Kremlin")),
    ('Germany\'s foreign ministry said it was "deeply concerned by the escalation".', ("say", "ministry")),
    ('Moscow said the drills were "purely defensive".', ("say", "Moscow")),
    ('"Nothing has changed," the White House said in a statement.', ("say", "House")),
])
def test_attribution_bodies_and_states_as_speakers(nlp: Language, text: str, expected: tuple[str, str]) -> None:
    assert _phrase(_attribute(nlp, text)) == expected


@pytest.mark.parametrize("text", [
    'The ministry did not say "when the talks would resume."',
    'Police chief Anna Kowal did not confirm that "arrests were made at the border crossing."',
    'The general never said the army was "ready for a long war".',
])
def test_attribution_negated_cue_attributes_nothing(nlp: Language, text: str) -> None:
    assert _attribute(nlp, text) is None


@pytest.mark.parametrize("text", [
    'The move crossed what officials call a "red line" for the alliance.',
    'The premier signed what his aides described as a "framework deal".',
    'Farmers fear what economists call "dumping" by foreign firms.',
])
def test_attribution_generic_naming_is_not_speech(nlp: Language, text: str) -> None:
    assert _attribute(nlp, text) is None


def test_attribution_naming_a_particular_thing_is_speech(nlp: Language) -> None:
    text = 'The mayor called the new budget "a betrayal of the city".'
    assert _phrase(_attribute(nlp, text)) == ("call", "mayor")


def test_attribution_quoted_modifier_is_a_term(nlp: Language) -> None:
    text = 'The two states signed a "no limits" partnership in February.'
    assert _attribute(nlp, text) is None


def test_attribution_words_inside_quotes_are_never_the_cue(nlp: Language) -> None:
    text = '"I said no and I told them so," the senator recalled.'
    assert _phrase(_attribute(nlp, text)) == ("recall", "senator")


def test_attribution_prefers_a_cue_whose_subject_can_speak(nlp: Language) -> None:
    text = 'Mayor Kamala Ortiz said the council, which urged calm, was "out of touch".'
    doc = nlp(text)
    [span] = find_quote_spans(text)
    found = attribute(doc, span.start, span.end, quotes=[(span.start, span.end)],
                      speaks=lambda token: token.text == "Ortiz")
    assert _phrase(found) == ("say", "Ortiz")


@pytest.mark.parametrize(("text", "cue_word", "expected"), [
    ("The envoy said little.", "said", True),
    ("The envoy did not say anything.", "say", False),
    ("The envoy said nothing and left.", "left", False),
])
def test_attribution_is_cue(nlp: Language, text: str, cue_word: str, expected: bool) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == cue_word)
    assert is_cue(token) is expected


def test_attribution_speech_subject_shared_with_governing_verb(nlp: Language) -> None:
    doc = nlp("The mayor rejected the plan and warned of cuts.")
    warned = next(t for t in doc if t.text == "warned")
    subject = speech_subject(warned)
    assert subject is not None and subject.text == "mayor"


@pytest.mark.parametrize(("headline", "expected"), [
    ("Mayor says budget 'a betrayal' of the city", ("say", "Mayor")),
    ("Kremlin warns of 'grave consequences' over drills", ("warn", "Kremlin")),
])
def test_attribution_in_headlines(nlp: Language, headline: str, expected: tuple[str, str]) -> None:
    doc = nlp(headline)
    spans = find_quote_spans(headline, single=True)
    found = attribute(doc, spans[0].start, spans[0].end, quotes=[(s.start, s.end) for s in spans])
    assert _phrase(found) == expected
