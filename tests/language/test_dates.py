from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.language import dates
from dateline.language.dates import ResolvedDate, Tense, resolve_dates
from dateline.model import DatePrecision

D = dt.date
DAY, WEEK, MONTH, YEAR = DatePrecision.DAY, DatePrecision.WEEK, DatePrecision.MONTH, DatePrecision.YEAR
FRI = D(2023, 3, 17)  # the seed article's dateline: Friday 17 March 2023
TUE = D(2025, 5, 20)  # the second seed: Tuesday 20 May 2025
P, F, N = Tense.PAST, Tense.FUTURE, Tense.UNKNOWN


def one(text: str, anchor: dt.date = FRI, tense: Tense = N) -> ResolvedDate:
    found = resolve_dates(text, anchor=anchor, tense=tense)
    assert len(found) == 1, found
    return found[0]


def spans(text: str, anchor: dt.date = FRI, tense: Tense = N) -> list[tuple[str, D, D | None]]:
    return [(r.text, r.date, r.date_end) for r in resolve_dates(text, anchor=anchor, tense=tense)]


# --- the seed sentences ------------------------------------------------------------------------

def test_seed_range_is_future_and_said_on_friday_is_the_anchor() -> None:
    text = ("Xi will be in Russia from Monday to Wednesday, Beijing's foreign ministry and the "
            "Kremlin said on Friday.")
    for tense in (F, P, N):  # `will` and `said on` decide, whatever tense the caller passes
        assert spans(text, tense=tense) == [
            ("from Monday to Wednesday", D(2023, 3, 20), D(2023, 3, 22)),
            ("Friday", FRI, None),
        ]


@pytest.mark.parametrize("text, anchor, tense, expected, precision", [
    ("Chinese President Xi Jinping will make a state visit to Moscow next week", FRI, F,
     (D(2023, 3, 20), D(2023, 3, 26)), WEEK),
    ("the two nations' foreign ministers held a phone call on Thursday", FRI, P, (D(2023, 3, 16), None), DAY),
    ("In a 12-point position paper on the war last month, China called for dialogue", FRI, P,
     (D(2023, 2, 1), D(2023, 2, 28)), MONTH),
    ("Ukraine's President Volodymyr Zelensky said in February he was planning to meet Xi", FRI, P,
     (D(2023, 2, 1), D(2023, 2, 28)), MONTH),
    ("the two leaders also met at a regional security gathering in Uzbekistan in September", FRI, P,
     (D(2022, 9, 1), D(2022, 9, 30)), MONTH),
    ("Xi last visited Russia in 2019", FRI, P, (D(2019, 1, 1), D(2019, 12, 31)), YEAR),
    ("since Russia ordered troops into Ukraine in February 2022", TUE, P, (D(2022, 2, 1), D(2022, 2, 28)), MONTH),
    ("China said on Tuesday it backed direct dialogue", TUE, P, (TUE, None), DAY),
    ("Trump framed his two-hour conversation on Monday as a breakthrough", TUE, P, (D(2025, 5, 19), None), DAY),
    ("Key Russia ally China on Tuesday said it supported dialogue", TUE, P, (TUE, None), DAY),
    ("The White House said Thursday that talks would be a good thing", D(2023, 3, 16), P,
     (D(2023, 3, 16), None), DAY),
])
def test_seed_sentences(text: str, anchor: dt.date, tense: Tense, expected: tuple[D, D | None],
                        precision: DatePrecision) -> None:
    r = one(text, anchor, tense)
    assert (r.date, r.date_end, r.precision) == (*expected, precision)


def test_seed_sentence_with_three_expressions() -> None:
    text = ("Xi last visited Russia in 2019, while Putin attended the opening ceremony of the Winter "
            "Olympics in Beijing last year and the two leaders also met at a regional security "
            "gathering in Uzbekistan in September.")
    assert spans(text, tense=P) == [
        ("2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("last year", D(2022, 1, 1), D(2022, 12, 31)),
        ("September", D(2022, 9, 1), D(2022, 9, 30)),
    ]


# --- non-dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In a 12-point position paper on the war, China called for dialogue.",
    "Xi, 69, also helped spur a deal.",
    "Xi began a third five-year term as president.",
    "He promised to solve it within 24 hours, or in 24 hours at most.",
    "The deal covers 2019 tonnes of grain and 2020 barrels.",
    "Officials may meet in 2019-20 style talks, at 20.5 percent, in 2021-style rounds.",
    "He may visit; April Smith and the August assembly met over the past week.",
    "Talks continued for the last year, on a Monday-like schedule.",
    "He said it would take many years and a half-dozen days.",
])
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert resolve_dates(text, anchor=FRI, tense=P) == []


def test_twelve_point_is_skipped_but_last_month_is_found() -> None:
    found = resolve_dates("In a 12-point position paper on the war last month", anchor=FRI, tense=P)
    assert [r.text for r in found] == ["last month"]


# --- weekdays and direction --------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, tense, expected", [
    # anchor Friday 2023-03-17
    ("They met on Monday.", FRI, P, D(2023, 3, 13)),
    ("They will meet on Monday.", FRI, F, D(2023, 3, 20)),
    ("They meet on Monday.", FRI, N, D(2023, 3, 20)),  # nearest within 3 days ahead
    ("They meet on Tuesday.", FRI, N, D(2023, 3, 14)),  # 4 days ahead is too far: looks back
    ("They met on Friday.", FRI, P, FRI),
    ("They will meet on Friday.", FRI, F, FRI),
    ("They meet on Friday.", FRI, N, FRI),
    ("They met on Saturday.", FRI, P, D(2023, 3, 11)),
    ("They will meet on Sunday.", FRI, F, D(2023, 3, 19)),
    ("They will meet next Tuesday.", FRI, F, D(2023, 3, 21)),
    ("They will meet next Friday.", FRI, F, D(2023, 3, 24)),  # `next` is strictly after
    ("They met last Friday.", FRI, P, D(2023, 3, 10)),  # `last` is strictly before
    ("They met last Thursday.", FRI, N, D(2023, 3, 16)),
    ("They met the previous Monday.", FRI, N, D(2023, 3, 13)),
    ("They meet this coming Monday.", FRI, N, D(2023, 3, 20)),
    ("They meet this Monday.", FRI, N, D(2023, 3, 13)),  # this = the anchor's own week
    ("They meet this Sunday.", FRI, N, D(2023, 3, 19)),
    ("Thursday's talks went well.", FRI, P, D(2023, 3, 16)),
    # anchor Monday 2023-01-02: the past crosses a year boundary
    ("They met on Friday.", D(2023, 1, 2), P, D(2022, 12, 30)),
    ("They met on Sunday.", D(2023, 1, 2), N, D(2023, 1, 1)),
    ("They will meet on Sunday.", D(2023, 1, 2), F, D(2023, 1, 8)),
    # anchor Saturday 2024-03-02: the past crosses a leap-year February
    ("They met on Thursday.", D(2024, 3, 2), P, D(2024, 2, 29)),
    # anchor Saturday 2022-12-31: a future Monday lands in the new year
    ("They will meet on Monday.", D(2022, 12, 31), F, D(2023, 1, 2)),
    # a future marker in the sentence outweighs a past tense passed in
    ("The ministry, it was announced, will host them on Monday.", FRI, P, D(2023, 3, 20)),
    # a speech verb beside the day outweighs a future tense
    ("Officials said Wednesday talks will start soon.", FRI, F, D(2023, 3, 15)),
])
def test_weekday(text: str, anchor: dt.date, tense: Tense, expected: dt.date) -> None:
    r = one(text, anchor, tense)
    assert (r.date, r.date_end, r.precision) == (expected, None, DAY)


@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("from Monday to Wednesday", FRI, F, (D(2023, 3, 20), D(2023, 3, 22))),
    ("from Monday to Wednesday", FRI, P, (D(2023, 3, 13), D(2023, 3, 15))),
    ("Monday to Wednesday", FRI, F, (D(2023, 3, 20), D(2023, 3, 22))),
    ("Monday through Wednesday", FRI, F, (D(2023, 3, 20), D(2023, 3, 22))),
    ("between Monday and Wednesday", FRI, F, (D(2023, 3, 20), D(2023, 3, 22))),
    ("Monday-Wednesday", FRI, F, (D(2023, 3, 20), D(2023, 3, 22))),
    ("from Sunday to Tuesday", D(2023, 12, 28), F, (D(2023, 12, 31), D(2024, 1, 2))),
    ("from Friday to Sunday", D(2023, 12, 30), F, (D(2023, 12, 29), D(2023, 12, 31))),  # under way
    ("from Saturday to Monday", D(2024, 2, 28), F, (D(2024, 3, 2), D(2024, 3, 4))),
    ("from Thursday to Friday", TUE, P, (D(2025, 5, 15), D(2025, 5, 16))),
])
def test_weekday_range(text: str, anchor: dt.date, tense: Tense, expected: tuple[D, D]) -> None:
    r = one(f"They are there {text}.", anchor, tense)
    assert (r.text, (r.date, r.date_end), r.precision) == (text, expected, DAY)


def test_two_weekdays_joined_by_and_are_two_days() -> None:
    assert spans("They met on Monday and Tuesday.", tense=P) == [
        ("Monday", D(2023, 3, 13), None), ("Tuesday", D(2023, 3, 14), None),
    ]


@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("over the weekend", FRI, P, (D(2023, 3, 11), D(2023, 3, 12))),
    ("over the weekend", FRI, F, (D(2023, 3, 18), D(2023, 3, 19))),
    ("over the weekend", FRI, N, (D(2023, 3, 18), D(2023, 3, 19))),
    ("over the weekend", D(2023, 3, 13), N, (D(2023, 3, 11), D(2023, 3, 12))),  # a Monday
    ("over the weekend", D(2023, 3, 19), P, (D(2023, 3, 18), D(2023, 3, 19))),  # a Sunday
    ("this weekend", D(2023, 3, 13), N, (D(2023, 3, 18), D(2023, 3, 19))),
    ("last weekend", D(2023, 3, 19), N, (D(2023, 3, 11), D(2023, 3, 12))),
    ("next weekend", FRI, N, (D(2023, 3, 18), D(2023, 3, 19))),
])
def test_weekend(text: str, anchor: dt.date, tense: Tense, expected: tuple[D, D]) -> None:
    r = one(f"They met {text}.", anchor, tense)
    assert ((r.date, r.date_end), r.precision) == (expected, DAY)


# --- relative days, weeks, months, years -------------------------------------------------------

@pytest.mark.parametrize("text, anchor, expected", [
    ("today", FRI, FRI),
    ("Today", FRI, FRI),
    ("tonight", FRI, FRI),
    ("this morning", FRI, FRI),
    ("yesterday", FRI, D(2023, 3, 16)),
    ("Yesterday", D(2023, 1, 1), D(2022, 12, 31)),
    ("last night", D(2024, 3, 1), D(2024, 2, 29)),
    ("tomorrow", D(2023, 12, 31), D(2024, 1, 1)),
    ("tomorrow", D(2023, 2, 28), D(2023, 3, 1)),
    ("the day before yesterday", FRI, D(2023, 3, 15)),
    ("the day after tomorrow", FRI, D(2023, 3, 19)),
])
def test_relative_day(text: str, anchor: dt.date, expected: dt.date) -> None:
    r = one(f"He spoke {text}.", anchor)
    assert (r.text, r.date, r.date_end, r.precision) == (text, expected, None, DAY)


@pytest.mark.parametrize("text, anchor, expected, precision", [
    ("this week", FRI, (D(2023, 3, 13), D(2023, 3, 19)), WEEK),
    ("next week", FRI, (D(2023, 3, 20), D(2023, 3, 26)), WEEK),
    ("last week", FRI, (D(2023, 3, 6), D(2023, 3, 12)), WEEK),
    ("next week", D(2023, 12, 28), (D(2024, 1, 1), D(2024, 1, 7)), WEEK),
    ("last week", D(2023, 1, 1), (D(2022, 12, 19), D(2022, 12, 25)), WEEK),  # Sunday anchor
    ("earlier this week", FRI, (D(2023, 3, 13), D(2023, 3, 19)), WEEK),
    ("this month", FRI, (D(2023, 3, 1), D(2023, 3, 31)), MONTH),
    ("earlier this month", FRI, (D(2023, 3, 1), D(2023, 3, 31)), MONTH),
    ("later this month", D(2024, 2, 5), (D(2024, 2, 1), D(2024, 2, 29)), MONTH),
    ("last month", FRI, (D(2023, 2, 1), D(2023, 2, 28)), MONTH),
    ("last month", D(2024, 3, 31), (D(2024, 2, 1), D(2024, 2, 29)), MONTH),
    ("last month", D(2023, 1, 10), (D(2022, 12, 1), D(2022, 12, 31)), MONTH),
    ("next month", D(2023, 12, 10), (D(2024, 1, 1), D(2024, 1, 31)), MONTH),
    ("next month", D(2023, 1, 31), (D(2023, 2, 1), D(2023, 2, 28)), MONTH),
    ("this year", FRI, (D(2023, 1, 1), D(2023, 12, 31)), YEAR),
    ("last year", FRI, (D(2022, 1, 1), D(2022, 12, 31)), YEAR),
    ("next year", FRI, (D(2024, 1, 1), D(2024, 12, 31)), YEAR),
    ("late last year", FRI, (D(2022, 1, 1), D(2022, 12, 31)), YEAR),
    ("early next year", FRI, (D(2024, 1, 1), D(2024, 12, 31)), YEAR),
])
def test_relative_unit(text: str, anchor: dt.date, expected: tuple[D, D], precision: DatePrecision) -> None:
    r = one(f"Talks were held {text}.", anchor)
    assert (r.text, (r.date, r.date_end), r.precision) == (text, expected, precision)


@pytest.mark.parametrize("text, anchor, expected, precision", [
    ("three days ago", FRI, (D(2023, 3, 14), None), DAY),
    ("3 days ago", D(2024, 3, 2), (D(2024, 2, 28), None), DAY),
    ("a day ago", D(2023, 1, 1), (D(2022, 12, 31), None), DAY),
    ("two weeks ago", FRI, (D(2023, 2, 27), D(2023, 3, 5)), WEEK),
    ("a week ago", FRI, (D(2023, 3, 6), D(2023, 3, 12)), WEEK),
    ("two months ago", D(2023, 1, 15), (D(2022, 11, 1), D(2022, 11, 30)), MONTH),
    ("one month ago", D(2024, 3, 31), (D(2024, 2, 1), D(2024, 2, 29)), MONTH),
    ("five years ago", FRI, (D(2018, 1, 1), D(2018, 12, 31)), YEAR),
    ("an hour ago, a year ago", FRI, (D(2022, 1, 1), D(2022, 12, 31)), YEAR),
])
def test_ago(text: str, anchor: dt.date, expected: tuple[D, D | None], precision: DatePrecision) -> None:
    r = one(f"It happened {text}.", anchor)
    assert ((r.date, r.date_end), r.precision) == (expected, precision)


def test_the_last_week_is_a_duration_not_a_calendar_week() -> None:
    assert resolve_dates("Fighting raged over the last week.", anchor=FRI) == []


# --- months and years --------------------------------------------------------------------------

@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("in February", FRI, P, (2023, 2)),
    ("in March", FRI, P, (2023, 3)),  # the anchor's own month counts as past
    ("in April", FRI, P, (2022, 4)),
    ("in September", FRI, P, (2022, 9)),
    ("in September", FRI, F, (2023, 9)),
    ("in February", FRI, F, (2024, 2)),
    ("in March", FRI, F, (2023, 3)),
    ("in May", FRI, N, (2023, 5)),  # within two months ahead
    ("in June", FRI, N, (2022, 6)),  # beyond: the last one
    ("in December", D(2024, 1, 5), N, (2023, 12)),
    ("in January", D(2023, 12, 5), N, (2024, 1)),
    ("in February", D(2023, 12, 5), N, (2024, 2)),
    ("in March", D(2023, 12, 5), N, (2023, 3)),
    ("last September", FRI, N, (2022, 9)),
    ("last March", FRI, N, (2022, 3)),  # `last` skips the anchor's own month
    ("next March", FRI, N, (2024, 3)),
    ("next April", FRI, N, (2023, 4)),
    ("this September", FRI, N, (2023, 9)),
    ("late March", FRI, P, (2023, 3)),
    ("early April", FRI, F, (2023, 4)),
    ("early April", FRI, P, (2022, 4)),
    ("mid-January", FRI, P, (2023, 1)),
    ("since May", FRI, N, (2022, 5)),
    ("by November", D(2023, 10, 1), F, (2023, 11)),
])
def test_month_alone(text: str, anchor: dt.date, tense: Tense, expected: tuple[int, int]) -> None:
    r = one(f"Talks took place {text}.", anchor, tense)
    year, month = expected
    last = 29 if (year, month) == (2024, 2) else None
    assert r.precision is MONTH
    assert (r.date.year, r.date.month, r.date.day) == (year, month, 1)
    assert r.date_end is not None and r.date_end.month == month and r.date_end > r.date
    if last:
        assert r.date_end.day == last


def test_month_alone_text_leaves_out_the_preposition() -> None:
    r = one("Zelensky said in February he was planning to meet Xi", tense=P)
    assert (r.text, r.start, r.end) == ("February", 17, 25)


def test_said_in_month_looks_back_even_in_a_future_sentence() -> None:
    r = one("He said in April that China will hold talks.", tense=F)
    assert r.date == D(2022, 4, 1)


@pytest.mark.parametrize("text, expected, precision", [
    ("in 2019", (D(2019, 1, 1), D(2019, 12, 31)), YEAR),
    ("since 2014", (D(2014, 1, 1), D(2014, 12, 31)), YEAR),
    ("in early 2020", (D(2020, 1, 1), D(2020, 12, 31)), YEAR),
    ("in February 2022", (D(2022, 2, 1), D(2022, 2, 28)), MONTH),
    ("February 2024", (D(2024, 2, 1), D(2024, 2, 29)), MONTH),
    ("Sept 2021", (D(2021, 9, 1), D(2021, 9, 30)), MONTH),
    ("late December 2022", (D(2022, 12, 1), D(2022, 12, 31)), MONTH),
])
def test_explicit_month_and_year(text: str, expected: tuple[D, D], precision: DatePrecision) -> None:
    r = one(f"It began {text}, officials said.", D(2025, 1, 1), P)
    assert ((r.date, r.date_end), r.precision) == (expected, precision)
    assert text.endswith(r.text)


# --- explicit days -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("March 17, 2023", D(2023, 3, 17)),
    ("March 17 2023", D(2023, 3, 17)),
    ("17 March 2023", D(2023, 3, 17)),
    ("the 17th of March, 2023", D(2023, 3, 17)),
    ("2023-03-17", D(2023, 3, 17)),
    ("Friday, March 17, 2023", D(2023, 3, 17)),
    ("Feb. 29, 2024", D(2024, 2, 29)),
    ("Sept 1, 2022", D(2022, 9, 1)),
    ("1 January 2000", D(2000, 1, 1)),
])
def test_explicit_day(text: str, expected: dt.date) -> None:
    r = one(f"It was signed on {text} in Paris.", TUE, F)
    assert (r.text, r.date, r.date_end, r.precision) == (text, expected, None, DAY)


@pytest.mark.parametrize("text", ["February 29, 2023", "2023-02-30", "31 April 2023", "2023-13-01"])
def test_impossible_explicit_days_are_dropped(text: str) -> None:
    assert all(r.precision is not DAY for r in resolve_dates(f"On {text} it rained.", anchor=FRI))


@pytest.mark.parametrize("text, anchor, tense, expected", [
    ("March 17", FRI, P, D(2023, 3, 17)),
    ("March 20", FRI, P, D(2022, 3, 20)),
    ("March 20", FRI, F, D(2023, 3, 20)),
    ("March 10", FRI, F, D(2024, 3, 10)),
    ("May 1", FRI, N, D(2023, 5, 1)),
    ("July 1", FRI, N, D(2022, 7, 1)),
    ("December 30", D(2024, 1, 2), N, D(2023, 12, 30)),
    ("January 3", D(2023, 12, 20), N, D(2024, 1, 3)),
    ("3 January", D(2023, 12, 20), P, D(2023, 1, 3)),
    ("Feb 29", D(2025, 3, 1), P, D(2024, 2, 29)),
    ("Feb 29", D(2025, 3, 1), F, D(2028, 2, 29)),
    ("March 5th", FRI, P, D(2023, 3, 5)),
])
def test_month_day_without_year(text: str, anchor: dt.date, tense: Tense, expected: dt.date) -> None:
    r = one(f"The vote is on {text}.", anchor, tense)
    assert (r.text, r.date, r.date_end, r.precision) == (text, expected, None, DAY)


# --- offsets and overlaps ----------------------------------------------------------------------

def test_offsets_are_shifted_and_index_the_text() -> None:
    text = "Xi will be in Russia from Monday to Wednesday, the Kremlin said on Friday."
    page = "HEADER " * 10 + text
    base = page.index(text)
    found = resolve_dates(text, anchor=FRI, tense=F, offset=base)
    assert [(r.start, r.end) for r in found] == [(base + 21, base + 45), (base + 67, base + 73)]
    assert [page[r.start:r.end] for r in found] == [r.text for r in found]


def test_longest_expression_wins_and_results_are_in_text_order() -> None:
    text = "Last Friday, earlier this month and on 17 March 2023 they met; next week they meet."
    assert [r.text for r in resolve_dates(text, anchor=FRI, tense=P)] == [
        "Last Friday", "earlier this month", "17 March 2023", "next week",
    ]


def test_results_are_frozen() -> None:
    r = one("They met on Thursday.", FRI, P)
    with pytest.raises(AttributeError):
        r.date = FRI  # type: ignore[misc]


# --- which rules run ---------------------------------------------------------------------------

_OWN_SENTENCES = [
    "The talks resumed on Tuesday.", "It happened three weeks ago.", "Elections are due in March 2027.",
    "Trade fell by 4% in 2024.", "The ministry said nothing.", "He left last weekend.",
    "The deal was signed on 12 May.", "No date here at all, only words.", "TODAY the envoys met.",
    "Mid-September, the port reopened.", "She may travel in Sept. or Oct.", "The vote is next Week.",
    "Shelling resumed late last night near the border.", "Talks ran from Monday to Thursday.",
    "It was 2019-04-02 when the treaty lapsed.", "A year ago the mine closed.", "Observers came this morning.",
]


def _rules_that_match(text: str) -> set[str]:
    return {cue for cue, pattern, _ in dates._RULES if pattern.search(text)}


@pytest.mark.parametrize("sentence", _OWN_SENTENCES)
def test_a_rule_runs_whenever_it_would_match(sentence: str) -> None:
    """A sentence skips a date rule only when that rule would not match it."""
    assert _rules_that_match(sentence) <= dates._cues(sentence)


def test_no_rule_is_skipped_on_the_seed_pages(seeds_dir: Path) -> None:
    lines = [line for path in sorted(seeds_dir.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 100
    skipped = [line for line in lines if not _rules_that_match(line) <= dates._cues(line)]
    assert skipped == []
    assert any(dates._cues(line) for line in lines) and any(not dates._cues(line) for line in lines)


def test_sentences_without_time_words_run_no_rule() -> None:
    assert dates._cues("The ministry said the envoy may return.") == set()
    assert dates._cues("He may go on Friday.") == {"weekday"}
