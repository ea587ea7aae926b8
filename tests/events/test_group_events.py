"""Groups as sides of events: police, protesters, troops, lawmakers, residents, `a man`, of
the country their phrase, their place or the story names. Sentences we wrote."""

from __future__ import annotations

from conftest import Code

from dateline.model import Event


def _dyads(events: tuple[Event, ...]) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_country, e.cameo, e.target_country) for e in events}


def test_a_country_adjective_places_the_group(code: Code) -> None:
    events = code("Russian troops attacked Ukrainian soldiers near the border.")
    assert ("RUS", "190", "UKR") in _dyads(events)
    assert {e.source_code for e in events} == {"RUSMIL"}


def test_a_named_armed_group_places_its_fighters(code: Code) -> None:
    assert ("AFG", "190", "AFG") in _dyads(code("Taliban fighters attacked Afghan police on Sunday."))


def test_the_place_a_group_is_in_places_it(code: Code) -> None:
    events = code("Protesters in Caracas attacked police officers on Monday.")
    assert any(e.source_country == "VEN" and e.source_code == "VENOPP" and e.cameo == "190" for e in events)


def test_a_relative_pronoun_is_the_group_it_follows(code: Code) -> None:
    events = code("Crowds gathered outside the parliament and were met by Serbian police, who fired tear gas "
                  "at the protesters.")
    assert any(e.source_country == "SRB" and e.cameo == "175" for e in events)


def test_a_citys_dateline_places_the_groups_the_story_leaves_unplaced(code: Code) -> None:
    events = code("Police arrested two students on Friday.", place="Lagos")
    assert ("NGA", "173", "NGA") in _dyads(events)


def test_groups_in_a_story_of_no_one_country_get_no_country(code: Code) -> None:
    events = code("Police arrested a man on Friday.", place=None)
    assert [(e.source_country, e.cameo, e.target_country) for e in events] == [(None, "173", None)]


def test_the_story_country_places_its_police(code: Code) -> None:
    events = code("Kenya's president spoke in Nairobi on Monday. Kenya will hold elections in May.",
                  "Police arrested a 40-year-old man on Tuesday.", place=None)
    assert ("KEN", "173", "KEN") in _dyads(events)


def test_party_members_of_the_two_us_parties_are_american(code: Code) -> None:
    events = code("Republicans accused the Democrats of abusing their power.", place=None)
    assert ("USA", "112", "USA") in _dyads(events)
    assert code("Democratic lawmakers criticised the Pentagon.", place=None)[0].source_country == "USA"


def test_a_bare_person_noun_of_a_name_is_no_group(code: Code) -> None:
    assert not code("Man City beat Chelsea on Saturday.", place=None)


def test_a_local_group_is_of_the_place_its_clause_happens_in(code: Code) -> None:
    assert ("DEU", "173", "DEU") in _dyads(code("Police arrested a man in Berlin on Monday.", place=None))


def test_troops_are_not_of_the_place_they_are_in(code: Code) -> None:
    events = code("Troops in Mali attacked a convoy of Malian soldiers.", place=None)
    assert all(e.source_country is None for e in events if e.cameo.startswith("19"))


def test_them_is_the_group_named_before_it(code: Code) -> None:
    events = code("Chilean police surrounded 300 Chilean students and threatened to use force against them.",
                  place=None)
    assert ("CHL", "138", "CHL") in _dyads(events)

