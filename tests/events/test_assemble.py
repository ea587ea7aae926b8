"""From coded sentences to event records: dates, place and one record per reported event."""

from __future__ import annotations

import datetime as dt

from conftest import ARTICLE_DATE, Code
from eventcase import only, where

from dateline.model import DatePrecision, Modality


def test_the_date_of_the_events_own_clause(code: Code) -> None:
    event = only(code("Russia attacked Ukraine on Friday."), "190")
    assert (event.date, event.date_precision) == (dt.date(2024, 3, 8), DatePrecision.DAY)


def test_a_clause_inherits_the_date_of_the_clause_it_completes(code: Code) -> None:
    event = only(code("Iran said on Tuesday it backed Syria."), "051")
    assert event.date == dt.date(2024, 3, 5)


def test_a_simple_past_event_takes_the_previous_sentences_day(code: Code) -> None:
    events = code("Russia attacked Ukraine on Monday.", "Moscow also shelled Poland.", place="Kyiv")
    assert only(events, "194").date == dt.date(2024, 3, 4)


def test_a_present_perfect_state_stays_undated(code: Code) -> None:
    event = only(code("Russia attacked Ukraine on Monday.", "Russia has long accused NATO of expansion."), "112")
    assert event.date is None


def test_an_undated_meeting_stays_undated(code: Code) -> None:
    assert {e.date for e in code("China and Brazil held talks on trade.")} == {None}


def test_an_undated_past_statement_takes_the_articles_date(code: Code) -> None:
    assert {e.date for e in code("Germany and France condemned Russia.")} == {ARTICLE_DATE}


def test_a_range_gives_start_and_end(code: Code) -> None:
    events = where(code("Sweden will hold exercises with Finland from Monday to Wednesday."), "062")
    assert {(e.date, e.date_end) for e in events} == {(dt.date(2024, 3, 11), dt.date(2024, 3, 13))}
    assert {e.modality for e in events} == {Modality.PLANNED}


def test_a_month_is_a_month(code: Code) -> None:
    event = only(code("Turkish President Recep Tayyip Erdogan is to visit Hungary in April."), "042")
    assert (event.date, event.date_end) == (dt.date(2024, 4, 1), dt.date(2024, 4, 30))
    assert event.date_precision == DatePrecision.MONTH


def test_the_sentence_places_the_event(code: Code) -> None:
    events = code("Iran and Saudi Arabia held talks in Beijing.", place="Paris")
    assert {e.location for e in events} == {"Beijing"}


def test_the_place_on_the_verb(code: Code) -> None:
    events = code("Chinese President Xi Jinping met French President Emmanuel Macron in Beijing.", place="Paris")
    assert {e.location for e in events} == {"Beijing"}


def test_the_dateline_does_not_place_the_event(code: Code) -> None:
    assert {e.location for e in code("Iran and Saudi Arabia held talks.", place="Paris")} == {None}
    assert {e.location for e in code("Iran and Saudi Arabia held talks.", place=None)} == {None}


def test_aid_to_a_country_is_not_placed_in_it(code: Code) -> None:
    event = only(code("Hungary said it would block aid to Ukraine.", place="Budapest"), "162")
    assert event.location is None


def test_the_same_event_in_two_sentences_is_one_with_two_mentions(code: Code) -> None:
    events = code("Pakistan criticised India on Monday.", "Pakistan criticised India again in a statement.")
    event = only(events, "111")
    assert (event.mentions, event.date) == (2, dt.date(2024, 3, 4))
    assert event.sentence == "Pakistan criticised India on Monday."


def test_active_and_passive_reports_are_one_event(code: Code) -> None:
    events = code("Pakistan criticised India.", "India was criticised by Pakistan.")
    assert only(events, "111").mentions == 2


def test_events_on_different_days_stay_apart(code: Code) -> None:
    events = code("Russia attacked Ukraine on Monday.", "Russia attacked Ukraine again on Wednesday.")
    assert sorted(e.date for e in where(events, "190") if e.date) == [dt.date(2024, 3, 4), dt.date(2024, 3, 6)]


def test_evidence_offsets_point_at_the_sentence(code: Code) -> None:
    first = "Venezuela invaded Guyana."
    event = only(code(first), "190")
    assert (event.start, event.end) == (20, 20 + len(first))  # the paragraph starts after the header
    assert event.article_id == "article-events"
    assert 0.1 <= event.confidence <= 0.95
