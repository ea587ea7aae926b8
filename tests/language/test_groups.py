"""Where a story's unplaced groups belong (`group_home`), and the group table."""

from __future__ import annotations

from dateline.language.groups import group_home, group_nouns, story_scene


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


def test_the_scene_is_the_place_named_as_a_location_not_the_state_that_speaks(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    docs = [nlp("Spain said on Monday it would not negotiate. Madrid warned the regional government again."),
            nlp("Thousands marched in Barcelona on Sunday. Spain's prime minister spoke in Madrid."),
            nlp("Crowds gathered outside Barcelona's city hall, and the Barcelona protests went on in Girona.")]
    assert story_scene(docs, gaz) == "ESP"  # Barcelona and Girona are Spain's: one scene
    docs = [nlp("Moscow said the unrest was stirred from abroad. Russia warned Georgia again."),
            nlp("Students rallied in Tbilisi on Friday, and Tbilisi police blocked the avenue."),
            nlp("Protesters stayed outside the parliament in Tbilisi overnight.")]
    assert story_scene(docs, gaz) == "GEO"


def test_a_territory_with_a_code_of_its_own_is_its_own_scene(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    docs = [nlp("Israel said it would respond. Jerusalem warned the militants."),
            nlp("Residents in Gaza fled south, and crowds gathered in Gaza City at dawn.")]
    assert story_scene(docs, gaz) == "PSE"


def test_no_scene_when_no_place_is_named_twice_as_a_location(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    assert story_scene([nlp("Police arrested a man in Lyon. Officials in Berlin praised them.")], gaz) is None
    assert story_scene([nlp("Germany and France signed a treaty. Berlin praised Paris.")], gaz) is None


def test_the_dateline_counts_towards_the_scene(nlp, gaz) -> None:  # type: ignore[no-untyped-def]
    assert story_scene([nlp("Police arrested a man in Lyon.")], gaz, "FRA") == "FRA"
    assert story_scene([nlp("Students marched in Quito and in Guayaquil.")], gaz, "PER") is None
