"""Where a story's unplaced groups belong (`group_home`), and the group table."""

from __future__ import annotations

from dateline.language.groups import group_home, group_nouns


def test_the_dateline_wins() -> None:
    assert group_home(["CHN"] * 5, "HKG") == "HKG"


def test_a_country_named_twice_and_twice_as_often_as_any_other() -> None:
    assert group_home(["DEU", "DEU"], None) == "DEU"
    assert group_home(["AFG"] * 4 + ["USA"] * 2, None) == "AFG"


def test_a_story_as_much_about_two_countries_has_none() -> None:
    assert group_home(["CHN"] * 10 + ["HKG"] * 8, None) is None
    assert group_home(["DEU"], None) is None
    assert group_home([], None) is None


def test_every_row_has_a_role_code() -> None:
    rows = group_nouns()
    assert rows["police"].role == "COP" and rows["protester"].role == "OPP"
    assert all(len(r.role) == 3 and r.role.isupper() for r in rows.values())
    assert rows["democrat"].country == "USA" and rows["police"].country is None
