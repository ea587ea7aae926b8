"""Sides the story implies (`events/implied.py`): captors of released captives, the holders in
a swap, the claimant of an unnamed attack, a person's own state, the force a crowd faced, the
country of a group's scene. Sentences we wrote; each side found this way is indirect."""

from __future__ import annotations

from conftest import Code
from eventcase import triples

from dateline.model import Event


def _dyads(events: tuple[Event, ...], cameo: str) -> set[tuple[str | None, str | None]]:
    return {(e.source_country, e.target_country) for e in events if e.cameo.startswith(cameo)}


def test_captives_held_by_a_group_and_released_are_released_by_it(code: Code) -> None:
    events = code("Two nurses — a Briton and a Canadian — who had been held by Boko Haram in Nigeria "
                  "since 2017 were freed on Monday in an exchange for four fighters.")
    assert _dyads(events, "084") == {("NGA", "GBR"), ("NGA", "CAN")}
    assert all(e.confidence < 0.6 for e in events if e.cameo.startswith("084"))


def test_captives_released_with_no_holder_named_have_no_releaser(code: Code) -> None:
    assert not _dyads(code("Two Canadian nurses were freed in Nigeria on Monday."), "084")


def test_a_swap_for_fighters_held_by_a_government_is_that_government_releasing_them(code: Code) -> None:
    events = code("The Houthis swapped two Saudi pilots for five of their fighters held by the Yemeni government.")
    released = [e for e in events if e.cameo == "0841"]
    assert [(e.source, e.target) for e in released] == [("Yemen's government", "Houthis")]


def test_an_unnamed_attack_in_a_spokesmans_words_is_his_sides(code: Code) -> None:
    events = code('"Saudi Apache helicopter shot down this morning near Marib," Houthi spokesman '
                  'Yahya Saree said in a statement.')
    assert ("YEM", "SAU") in _dyads(events, "19")
    assert all(e.confidence < 0.6 for e in events if e.cameo.startswith("19"))


def test_their_helicopter_in_a_spokesmans_words_is_the_subject_named_before(code: Code) -> None:
    events = code('"The Saudis tried to raid our base, but their jet was shot down," Houthi spokesman '
                  'Yahya Saree said.')
    assert ("Yahya Saree", "190", "Saudi Arabia") in triples(events)


def test_a_speakers_own_losses_are_not_his_act(code: Code) -> None:
    events = code('"A Saudi helicopter was shot down near the border," Saudi army spokesman Turki '
                  'al-Maliki said on Sunday.')
    assert not any(e.cameo.startswith("19") and e.source_country == "SAU" and e.target_country == "SAU"
                   for e in events)


def test_a_witness_is_no_side_of_what_he_reports(code: Code) -> None:
    events = code('"A Saudi helicopter shot down near the market," Ali Hamoud said.')
    assert not _dyads(events, "19")


def test_claiming_responsibility_for_an_attack_names_its_target(code: Code) -> None:
    events = code("The Houthis claimed responsibility for the attack on the Saudi convoy.")
    assert ("Houthis", "015", "Saudi Arabia") in triples(events)


def test_claiming_responsibility_for_downing_a_drone_is_downing_it(code: Code) -> None:
    events = code("The Houthis claimed responsibility for shooting down a Saudi drone.")
    found = triples(events)
    assert ("Houthis", "015", "Saudi Arabia") in found
    assert ("Houthis", "190", "Saudi Arabia") in found


def test_a_group_abducting_in_a_capital_is_of_its_country(code: Code) -> None:
    events = code("American Kevin Ross and Australian Tim Walsh taught in Kabul.",
                  "Ross and Walsh were abducted by gunmen in Kabul in 2016.", place=None)
    assert _dyads(events, "181") == {("AFG", "USA"), ("AFG", "AUS")}


def test_asking_their_governments_asks_each_his_own_state(code: Code) -> None:
    events = code("American Kevin Ross and Australian Tim Walsh taught in Kabul.",
                  "Both men asked their governments to help in their release.", place=None)
    asked = {(e.source, e.target) for e in events if e.cameo.startswith("02")}
    assert asked == {("Kevin Ross", "United States"), ("Tim Walsh", "Australia")}


def test_a_crowd_facing_rubber_bullets_faced_the_force_just_named(code: Code) -> None:
    events = code("Police in Santiago fired tear gas at students on Monday. On Tuesday the students "
                  "faced rubber bullets.")
    later = [e for e in events if "Tuesday" in e.sentence]
    assert [e.cameo for e in later] == ["175"]
    assert "police" in later[0].source and (later[0].target or "").endswith("students")


def test_a_crowd_facing_rubber_bullets_after_two_forces_names_none(code: Code) -> None:
    events = code("Police and soldiers fired tear gas at students in Lima. Hours later the students "
                  "faced rubber bullets.")
    assert not [e for e in events if "Hours later" in e.sentence]


def test_they_reported_by_both_men_is_the_two_men(code: Code) -> None:
    events = code("American Kevin Ross and Australian Tim Walsh taught in Kabul.",
                  "Both men said that they were treated well and asked their governments for help.",
                  place=None)
    asked = {(e.source, e.target) for e in events if e.cameo.startswith("02")}
    assert asked == {("Kevin Ross", "United States"), ("Tim Walsh", "Australia")}


def test_they_reported_by_one_man_is_not_a_pair(code: Code) -> None:
    events = code("American Kevin Ross and Australian Tim Walsh taught in Kabul.",
                  "Ross said that they were treated well and asked their governments for help.",
                  place=None)
    assert not any(e.source == "Tim Walsh" for e in events if e.cameo.startswith("02"))


def test_the_one_attacker_a_sentence_names_did_its_unnamed_attack(code: Code) -> None:
    events = code("Former Danish minister Lars Holm was stabbed outside his home, while a neighbour "
                  "was hurt trying to stop the attacker, police said.")
    stabbed = [e for e in events if e.cameo == "180"]
    assert [(e.target, "attacker" in e.source) for e in stabbed] == [("Lars Holm", True)]


def test_an_attacker_who_was_attacked_is_no_doer(code: Code) -> None:
    assert not [e for e in code("The attacker was stabbed in the arm.") if e.cameo == "180"]
