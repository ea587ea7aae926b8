"""Events named by a noun, verdicts and word senses, on sentences we wrote."""

from __future__ import annotations

import pytest
from conftest import Code
from eventcase import triples

from dateline.model import Modality


def test_a_call_with_someone_is_a_telephone_event_both_ways(code: Code) -> None:
    found = triples(code("Germany's call with France lasted an hour."))
    assert {("Germany", "041", "France"), ("France", "041", "Germany")} <= found


def test_the_talks_between_two_states_run_both_ways(code: Code) -> None:
    found = triples(code("The talks between Serbia and Croatia collapsed on Monday."))
    assert {("Serbia", "040", "Croatia"), ("Croatia", "040", "Serbia")} <= found


def test_two_compound_owners_of_trade_talks_negotiate(code: Code) -> None:
    found = triples(code("Markets fell as US-China trade talks stalled."))
    assert {("United States", "046", "China"), ("China", "046", "United States")} <= found


def test_a_country_adjective_owns_the_sanctions(code: Code) -> None:
    assert ("United States", "163", "Iran") in triples(code("American sanctions against Iran hurt its economy."))


def test_whoever_faces_criticism_is_its_target(code: Code) -> None:
    found = triples(code("Hungary faced sharp German and French criticism on Tuesday."))
    assert {("Germany", "111", "Hungary"), ("France", "111", "Hungary")} <= found


def test_a_light_verbs_subject_does_the_act(code: Code) -> None:
    assert ("France", "090", "Russia") in triples(code("France launched an inquiry into Russia on Monday."))


@pytest.mark.parametrize("sentence", [
    "Japan called for sanctions against China.",
    "Japan opposed talks with China.",
])
def test_a_noun_for_an_act_not_done_is_no_event(code: Code, sentence: str) -> None:
    assert not [e for e in code(sentence) if e.cameo in ("163", "040")]


def test_no_talks_are_negated_talks(code: Code) -> None:
    assert {e.modality for e in code("Japan held no talks with China.") if e.cameo == "040"} == {Modality.NEGATED}


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Japan threatened sanctions against China.", "163"),
    ("Japan's planned visit to China begins on Monday.", "042"),
    ("Markets rose on expectations of a Japanese trade deal with China.", "057"),
])
def test_a_noun_for_an_act_still_to_come_is_planned(code: Code, sentence: str, cameo: str) -> None:
    assert {e.modality for e in code(sentence) if e.cameo == cameo} == {Modality.PLANNED}


def test_a_demand_that_was_rejected_was_still_made(code: Code) -> None:
    assert ("China", "100", "Japan") in triples(code("China's demands on Japan were rejected."))


def test_a_noun_event_takes_its_clauses_modality(code: Code) -> None:
    [event] = [e for e in code("Japan said talks between Russia and Ukraine would fail.") if e.source == "Russia"]
    assert event.modality == Modality.HYPOTHETICAL


def test_a_verdict_on_an_owned_act_is_disapproval_of_its_owner(code: Code) -> None:
    assert ("France", "111", "Russia") in triples(code("France said the Russian decision was illegal."))


def test_a_negated_verdict_is_none(code: Code) -> None:
    assert not [e for e in code("France said the Russian decision was not illegal.") if e.cameo == "111"]


def test_calling_something_a_name_is_not_a_phone_call(code: Code) -> None:
    assert not [e for e in code("Japan called China a responsible partner.") if e.cameo == "041"]


def test_attacking_each_others_policies_is_criticism_both_ways(code: Code) -> None:
    found = triples(code("In a debate, France and Germany attacked each other's policies."))
    assert {("France", "111", "Germany"), ("Germany", "111", "France")} <= found


def test_a_one_way_act_is_not_mirrored(code: Code) -> None:
    found = triples(code("Japan phoned France on Monday."))  # a call both ways, by CAMEO's convention
    assert ("Japan", "041", "France") in found
    assert ("Germany", "112", "Poland") in triples(code("Germany accused Poland of lying."))
    assert ("Poland", "112", "Germany") not in triples(code("Germany accused Poland of lying."))


def test_a_coordinated_verb_shares_the_passive_subject_not_its_agent(code: Code) -> None:
    found = triples(code("China was criticised by Japan and denied American claims."))
    assert ("China", "120", "United States") in found and ("Japan", "120", "United States") not in found


def test_an_accused_act_is_only_reported(code: Code) -> None:
    events = code("Japan criticised China, accusing it of providing Russia with weapons.")
    assert {e.modality for e in events if e.cameo == "072"} == {Modality.REPORTED}


def test_we_inside_a_quotation_is_its_speaker(code: Code) -> None:
    events = code('"We condemn Russia for its aggression," the French foreign minister said.')
    assert {(e.source_country, e.cameo, e.target) for e in events} >= {("FRA", "111", "Russia")}


def test_we_outside_a_quotation_is_nobody(code: Code) -> None:
    assert not code("We condemn Russia for its aggression, the French foreign minister said.")


def test_rejecting_the_accusations_answers_their_maker(code: Code) -> None:
    events = code("Japan accused China of spying on Monday.", "China rejected the accusations on Tuesday.")
    [event] = [e for e in events if e.cameo == "120"]
    assert (event.source, event.target) == ("China", "Japan") and event.confidence < 0.8


def test_an_adverb_particle_with_an_object_is_a_preposition(code: Code) -> None:
    assert not [e for e in code("Russia would give time to France in return.") if e.cameo == "080"]
    assert [e for e in code("Serbia gave in to Croatia.") if e.cameo == "080"]


def test_a_clause_before_the_verb_is_no_object_predicate(code: Code) -> None:
    sentence = "The two states to have signed treaties with Israel - Egypt and Jordan - criticised the US policy shift."
    assert {("Egypt", "111", "United States"), ("Jordan", "111", "United States")} <= triples(code(sentence))


def test_a_country_one_compound_further_in_owns_the_object(code: Code) -> None:
    assert ("China", "111", "Japan") in triples(code("China has denounced a Japan court ruling."))
