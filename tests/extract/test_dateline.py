from __future__ import annotations

import datetime as dt

import pytest

from dateline.extract.dateline import find_date, match_dateline, parse_date

D = dt.date


@pytest.mark.parametrize("text, place, agency, date", [
    ("Beijing (AFP) March 17, 2023", "Beijing", "AFP", D(2023, 3, 17)),
    ("Berlin (AFP) March 13, 2023", "Berlin", "AFP", D(2023, 3, 13)),
    ("Tirana (AFP) May 16, 2025", "Tirana", "AFP", D(2025, 5, 16)),
    ("Paris, Mon 17 Mar 2023", "Paris", None, D(2023, 3, 17)),
    ("Rio de Janeiro (AFP) 2023-03-17", "Rio de Janeiro", "AFP", D(2023, 3, 17)),
    ("Washington (UPI) Feb 20, 2025", "Washington", "UPI", D(2025, 2, 20)),
])
def test_dateline_whole_line(text: str, place: str, agency: str | None, date: dt.date) -> None:
    m = match_dateline(text, whole=True)
    assert m is not None and (m.place, m.agency, m.date) == (place, agency, date)


@pytest.mark.parametrize("text, place, agency, date, rest", [
    ("Washington (AFP) March 16, 2023 - The White House said", "Washington", "AFP", D(2023, 3, 16),
     "The White House said"),
    ("BEIJING (AFP) - Chinese President Xi", "Beijing", "AFP", None, "Chinese President Xi"),
    ("KYIV (Reuters) — Ukrainian forces", "Kyiv", "Reuters", None, "Ukrainian forces"),
    ("ADDIS ABABA (Reuters) - Envoys met", "Addis Ababa", "Reuters", None, "Envoys met"),
    ("WASHINGTON, March 16 (Reuters) - The", "Washington", "Reuters", D(2023, 3, 16), "The"),
])
def test_dateline_inline_opens_a_paragraph(text: str, place: str, agency: str, date: dt.date | None,
                                           rest: str) -> None:
    m = match_dateline(text, whole=False, reference=D(2023, 3, 20))
    assert m is not None and (m.place, m.agency, m.date) == (place, agency, date)
    assert text[m.end:] == rest
    assert text[m.start:m.dateline_end].rstrip().endswith(("2023", ")", "16"))


@pytest.mark.parametrize("text", [
    "The White House said Thursday that talks would be good.",
    "Chinese President Xi Jinping will make a state visit",
    "Published 2025-03-19",
    "Xi Jinping (CHN) said",
    "By Jing Xuan TENG, Matthew WALSH",
    "In March 2023, the talks resumed.",
])
def test_dateline_rejects_other_lines(text: str) -> None:
    assert match_dateline(text, whole=True) is None
    assert match_dateline(text, whole=False) is None


def test_dateline_without_year_takes_the_year_before_the_reference() -> None:
    assert parse_date("December 30", reference=D(2024, 1, 2)) == D(2023, 12, 30)
    assert parse_date("March 13", reference=D(2025, 3, 13)) == D(2025, 3, 13)
    assert parse_date("March 13") is None
    assert parse_date("February 30, 2023") is None


@pytest.mark.parametrize("text, date", [
    ("Published 2025-03-19", D(2025, 3, 19)),
    ("Mon 17 Mar 2025 14.32 GMT", D(2025, 3, 17)),
    ("2025-03-13T18:42:00Z", D(2025, 3, 13)),
    ("April 10, 2025 at 4:17 p.m. CEST", D(2025, 4, 10)),
    ("Posted on March 3, 2025 by Miriam Achterberg", D(2025, 3, 3)),
    ("Updated 21 March 2025", D(2025, 3, 21)),
    ("In 2019 he said", None),
])
def test_dateline_find_date_in_a_date_line(text: str, date: dt.date | None) -> None:
    assert find_date(text) == date
