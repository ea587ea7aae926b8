from __future__ import annotations

import pytest

from dateline.extract.byline import parse_byline


@pytest.mark.parametrize("text, authors, agency, raw", [
    ("By Jing Xuan TENG, Matthew WALSH", ("Jing Xuan Teng", "Matthew Walsh"), None,
     "Jing Xuan TENG, Matthew WALSH"),
    ("by AFP Staff Writers", (), "AFP", "AFP Staff Writers"),
    ("By Staff Writers", (), None, "Staff Writers"),
    ("By Jane Doe and John SMITH, AFP", ("Jane Doe", "John Smith"), "AFP", "Jane Doe and John SMITH, AFP"),
    ("by Ja-Ian CHONG", ("Ja-Ian Chong",), None, "Ja-Ian CHONG"),
    ("Posted on March 3, 2025 by Miriam Achterberg", ("Miriam Achterberg",), None, "Miriam Achterberg"),
    ("By Rachel Stone | March 13, 2025", ("Rachel Stone",), None, "Rachel Stone"),
    ("By Samuel Okafor and Clara Jensen", ("Samuel Okafor", "Clara Jensen"), None,
     "Samuel Okafor and Clara Jensen"),
])
def test_byline_people_and_agencies(text: str, authors: tuple[str, ...], agency: str | None, raw: str) -> None:
    b = parse_byline(text)
    assert b is not None and (b.authors, b.agency, b.raw) == (authors, agency, raw)


@pytest.mark.parametrize("text", [
    "By the time he arrived, it was late.",
    "Byzantine politics",
    "Stand by me",
    "by far the largest deal in the region this year and by a wide margin according to analysts",
])
def test_byline_rejects_prose(text: str) -> None:
    assert parse_byline(text) is None
