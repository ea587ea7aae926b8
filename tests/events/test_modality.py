"""Modality: how sure the text is that an event happened, read through the whole pipeline."""

from __future__ import annotations

import pytest
from conftest import Code
from eventcase import only, where

from dateline.model import Modality


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Poland condemned Belarus over the border crossings.", "111"),
    ("Venezuela invaded Guyana.", "190"),
    ("Spain and Morocco signed a migration agreement.", "057"),
])
def test_asserted(code: Code, sentence: str, cameo: str) -> None:
    assert {e.modality for e in where(code(sentence), cameo)} == {Modality.ASSERTED}


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Germany will send tanks to Ukraine.", "072"),
    ("Canada plans to impose sanctions on Iran.", "163"),
    ("Turkish President Recep Tayyip Erdogan is to visit Hungary in April.", "042"),
    ("Mexico is set to host Colombia for border talks.", "043"),
    ("India will host Japan next week.", "043"),
])
def test_planned(code: Code, sentence: str, cameo: str) -> None:
    assert only(code(sentence), cameo).modality == Modality.PLANNED


def test_a_present_tense_event_next_week_is_planned(code: Code) -> None:
    event = only(code("India hosts Japan next week."), "043")
    assert event.modality == Modality.PLANNED
    assert event.date is not None and event.date > event.date.replace(day=9)


def test_contemplating_a_transfer_is_at_most_planned(code: Code) -> None:
    event = only(code("North Korea is weighing arms sales to Russia."), "072")
    assert (event.source, event.target, event.modality) == ("North Korea", "Russia", Modality.PLANNED)


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Poland did not criticise Hungary.", "111"),
    ("Pakistan denied attacking Afghanistan.", "190"),
    ("Egypt refused to criticise Israel.", "111"),
    ("Spain has never recognised Serbia.", "054"),
])
def test_negated(code: Code, sentence: str, cameo: str) -> None:
    assert only(code(sentence), cameo).modality == Modality.NEGATED


def test_reported_accusation_is_asserted_but_its_content_is_reported(code: Code) -> None:
    events = code("Britain has accused Iran of considering arms deliveries to Russia.")
    accusation = only(events, "112")
    assert (accusation.source, accusation.target, accusation.modality) == (
        "United Kingdom", "Iran", Modality.ASSERTED)
    transfer = only(events, "072")
    assert (transfer.source, transfer.target, transfer.modality) == ("Iran", "Russia", Modality.REPORTED)


def test_reported_nominal_shipments_under_an_accusation(code: Code) -> None:
    events = code("Washington has accused Pyongyang of mulling missile shipments to Moscow.")
    transfer = only(events, "072")
    assert (transfer.source, transfer.target) == ("North Korea", "Russia")
    assert transfer.modality == Modality.REPORTED
    assert only(events, "112").modality == Modality.ASSERTED


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Britain would impose sanctions on Iran if talks fail.", "163"),
    ("Brazil could mediate between Russia and Ukraine.", "045"),
    ("Greece could veto Turkey's bid.", "129"),
    ("If Moscow attacks Finland, the alliance will respond.", "190"),
    ("Hungary said it would have blocked aid to Ukraine.", "162"),
])
def test_hypothetical(code: Code, sentence: str, cameo: str) -> None:
    assert {e.modality for e in where(code(sentence), cameo)} == {Modality.HYPOTHETICAL}


def test_negation_is_not_shared_with_a_coordinated_verb(code: Code) -> None:
    events = code("Japan did not criticise China but praised South Korea.")
    assert only(events, "111").modality == Modality.NEGATED
    assert only(events, "051").modality == Modality.ASSERTED


def test_a_purpose_clause_is_as_sure_as_the_trip(code: Code) -> None:
    events = code("Indian Prime Minister Narendra Modi will travel to Paris to meet French President "
                  "Emmanuel Macron.")
    assert {e.modality for e in where(events, "040")} == {Modality.PLANNED}


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Serbia said it was ready to work with Hungary.", "036"),
    ("Chile said it was planning to meet Peru.", "036"),
])
def test_an_expressed_intent_is_asserted(code: Code, sentence: str, cameo: str) -> None:
    """Root 03 is the expression of intent itself: it happened, even if what it intends did not."""
    assert {e.modality for e in where(code(sentence), cameo)} == {Modality.ASSERTED}


@pytest.mark.parametrize(("sentence", "modality"), [
    ("Chile said it would impose sanctions on Peru.", Modality.PLANNED),
    ("Hungary said it would block aid to Ukraine.", Modality.PLANNED),
    ("Chile said it would impose sanctions on Peru if Lima refused.", Modality.HYPOTHETICAL),
    ("Chile says it would impose sanctions on Peru.", Modality.HYPOTHETICAL),
])
def test_would_under_a_past_report_is_the_reported_future(code: Code, sentence: str, modality: Modality) -> None:
    assert {e.modality for e in code(sentence) if e.cameo in ("162", "163")} == {modality}


def test_a_threatened_act_is_planned(code: Code) -> None:
    events = code("Chile threatened to attack Peru.")
    assert {e.modality for e in where(events, "190")} == {Modality.PLANNED}
