"""Groups in one-place stories, and repression: police and protesters of the place a story
happens in (not of the state that speaks about it), security forces' force and threats against
the people of their own place coded as repression (175, 137), movement restricted (191).
Sentences we wrote."""

from __future__ import annotations

from conftest import Code

from dateline.model import Event


def _dyads(events: tuple[Event, ...]) -> set[tuple[str | None, str, str | None]]:
    return {(e.source_country, e.cameo, e.target_country) for e in events}


def test_unplaced_police_are_of_the_place_the_story_happens_not_the_state_that_speaks(code: Code) -> None:
    events = code("Spain said the vote was illegal. Madrid warned Catalan leaders again on Monday, and Spain "
                  "said it would act. Spain's government met in Madrid.",
                  "Crowds marched in Barcelona on Sunday, and thousands rallied in Girona and in Tarragona.",
                  "Police fired rubber bullets at the demonstrators, officials said.", place=None)
    assert ("ESP", "175", "ESP") in _dyads(events)
    events = code("Russia said the unrest was organised from abroad. Moscow warned Georgia. Russia said so again.",
                  "Students rallied in Tbilisi on Friday and stayed outside the parliament in Tbilisi overnight.",
                  "Police fired rubber bullets at the students.", place=None)
    assert ("GEO", "175", "GEO") in _dyads(events)


def test_a_site_in_the_groups_clause_places_it(code: Code) -> None:
    events = code("The University of Lagos was surrounded by police on Monday.", place=None)
    assert ("NGA", "191", "NGA") in _dyads(events)
    events = code("Kampala's main university was besieged by police on Monday.", place=None)
    assert ("UGA", "191", "UGA") in _dyads(events)


def test_police_firing_at_protesters_is_repression_but_troops_firing_at_another_state_is_war(code: Code) -> None:
    assert ("CHL", "175", "CHL") in _dyads(code("Chilean police fired at Chilean protesters in Valparaiso.",
                                                place=None))
    assert ("RUS", "190", "UKR") in _dyads(code("Russian troops fired at Ukrainian soldiers.", place=None))


def test_foreign_troops_firing_at_civilians_is_not_repression(code: Code) -> None:
    events = code("Ethiopian troops fired at Somali civilians.", place=None)
    assert ("ETH", "190", "SOM") in _dyads(events)


def test_police_threatening_force_against_students_is_a_threat_of_repression(code: Code) -> None:
    events = code("Kenyan police surrounded the campus in Nairobi and threatened to use live rounds against "
                  "the students.", place=None)
    assert any(e.cameo == "137" and e.source_code == "KENCOP" for e in events), [(e.source, e.cameo, e.target) for e in events]
    assert ("TUR", "138", "GRC") in _dyads(code("Turkey threatened to use force against Greece.", place=None))


def test_teargas_counted_out_round_after_round_is_what_was_fired(code: Code) -> None:
    events = code("Police in Minsk fired volley after volley of tear gas at the marchers.", place=None)
    assert ("BLR", "175", "BLR") in _dyads(events)


def test_people_pinned_inside_have_their_movement_restricted(code: Code) -> None:
    events = code("Police in Caracas trapped 200 students inside and arrested their leaders.", place=None)
    assert ("VEN", "191", "VEN") in _dyads(events)


def test_a_man_set_on_fire_by_a_protester_in_a_one_place_story(code: Code) -> None:
    events = code("Thousands marched in Lima on Sunday and rallied again in Lima on Monday.",
                  "Many were appalled when a man was set on fire last week, apparently by a protester.", place=None)
    assert ("PER", "180", "PER") in _dyads(events)


def test_a_protest_as_a_subject_is_its_protesters(code: Code) -> None:
    events = code("Crowds rallied in Yerevan on Friday and marched in Yerevan again on Saturday.",
                  "The protests later turned into a campaign against Russia.", place=None)
    assert ("ARM", "141", "RUS") in _dyads(events)
    assert not [e for e in code("Russia condemned the protests in Yerevan.", place=None) if e.cameo == "141"]


def test_security_forces_are_the_forces_of_the_place_they_act_in(code: Code) -> None:
    events = code("Security forces fired rubber bullets at marchers in Khartoum.", place=None)
    assert ("SDN", "175", "SDN") in _dyads(events)
    assert {e.source_code for e in events} == {"SDNCOP"}


def test_police_opening_fire_on_their_own_protesters_is_repression(code: Code) -> None:
    events = code("Bolivian police opened fire on Bolivian marchers near Cochabamba.", place=None)
    assert ("BOL", "175", "BOL") in _dyads(events)
    assert ("SYR", "190", "TUR") in _dyads(code("Syrian soldiers opened fire on Turkish soldiers.", place=None))


def test_a_place_in_a_clause_about_someone_else_does_not_place_the_police(code: Code) -> None:
    events = code("Police arrested a man who had fought in Syria.", place=None)
    assert [(e.source_country, e.cameo) for e in events] == [(None, "173")]
