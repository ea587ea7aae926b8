"""Act coreference, stances as verdicts and chains of nouns and gerunds (issue 13), on
sentences we wrote: each names other states and words than any page we score."""

from __future__ import annotations

import pytest
from conftest import Code
from eventcase import only, triples

from dateline.model import Modality


# --- act coreference: `the move`, `the decision` stand for the article's latest deed ---

def test_condemning_the_move_answers_the_latest_deed(code: Code) -> None:
    events = code("Brazil imposed tariffs on Argentina on Monday.", "Turkey condemned the move.")
    event = only(events, "111")
    assert (event.source, event.target) == ("Turkey", "Brazil")
    assert event.confidence < only(events, "163").confidence  # read from the article: indirect


def test_the_move_with_no_deed_before_it_is_no_event(code: Code) -> None:
    assert not [e for e in code("Turkey condemned the move.") if e.cameo == "111"]


def test_words_are_not_the_deed_a_move_names(code: Code) -> None:
    events = code("Brazil criticised Chile on Monday.", "Turkey condemned the move.")
    assert ("Turkey", "111", "Brazil") not in triples(events)


def test_a_verdict_on_the_decision_judges_its_doer(code: Code) -> None:
    events = code("Canada imposed new tariffs on Mexican steel.", "Spain said the decision was illegal.")
    assert ("Spain", "111", "Canada") in triples(events)


def test_an_act_noun_as_subject_acts_for_its_doer(code: Code) -> None:
    events = code("Austria imposed sanctions on Serbia on Friday.",
                  "The decision broke with European Union resolutions on the Balkans.")
    assert ("Austria", "128", "European Union") in triples(events)


# --- stances: a view held is a verdict ---

def test_a_stated_position_that_an_act_is_illegal_is_disapproval(code: Code) -> None:
    found = triples(code("Japan reiterated its position that China's claims in the sea are illegal."))
    assert ("Japan", "111", "China") in found


def test_viewing_a_move_as_a_provocation_hangs_the_as_on_the_object(code: Code) -> None:
    assert ("Poland", "111", "Belarus") in triples(code("Poland views the Belarusian move as a provocation."))


def test_considering_an_act_illegal_is_held_now_not_planned(code: Code) -> None:
    events = code("Germany considers Russia's annexation of Crimea illegal.")
    assert only(events, "111").modality == Modality.ASSERTED
    assert only(events, "192").modality == Modality.ASSERTED  # judged, so it happened


def test_a_verdict_on_something_nobody_owns_is_no_event(code: Code) -> None:
    assert not [e for e in code("Germany considers all settlement activity illegal.") if e.cameo == "111"]


def test_calling_an_owned_thing_a_problem_is_disapproval(code: Code) -> None:
    found = triples(code("Nigeria dubbed Moscow's role in the election a serious problem."))
    assert ("Nigeria", "111", "Russia") in found


# --- chains of nouns and gerunds ---

def test_a_reluctance_to_lift_sanctions_refuses_to_ease_them(code: Code) -> None:
    found = triples(code("The minister said Hungary's reluctance to lift sanctions on Serbia was hurting trade."))
    assert ("Hungary", "1244", "Serbia") in found


def test_a_refusal_without_a_target_answers_whom_the_sanctions_hit(code: Code) -> None:
    events = code("Canada imposed sanctions on Cuba last year.",
                  "Analysts said Canada's refusal to ease the sanctions was hurting trade.")
    assert ("Canada", "1244", "Cuba") in triples(events)


def test_a_refusal_to_negotiate_rejects_talks(code: Code) -> None:
    assert ("Iran", "125", "France") in triples(code("Iran's refusal to negotiate with France angered Paris."))


def test_a_refusal_of_something_else_is_no_event(code: Code) -> None:
    events = code("Hungary's reluctance to comment on Serbia surprised reporters.")
    assert not [e for e in events if e.cameo.startswith("12")]


@pytest.mark.parametrize("sentence", [
    "The hold on American military aid to Georgia lasted three months.",
    "The Georgian president opposed the hold on American military aid to Georgia.",
])
def test_a_hold_on_military_aid_cuts_it(code: Code, sentence: str) -> None:
    events = code(sentence)
    event = only(events, "1622")
    assert (event.source, event.target, event.modality) == ("United States", "Georgia", Modality.ASSERTED)
    assert not [e for e in events if e.cameo == "072"]


def test_a_lifeline_received_comes_from_its_giver(code: Code) -> None:
    found = triples(code("After receiving a lifeline from Qatar worth $2 billion, Lebanon cut spending."))
    assert ("Qatar", "070", "Lebanon") in found


def test_a_listed_gerund_is_done_by_the_owner_of_the_list(code: Code) -> None:
    found = triples(code("The visit was the latest in a series of pro-Kurdish moves by Sweden, "
                         "including recognising Iraq as a partner."))
    assert ("Sweden", "054", "Iraq") in found


def test_a_listed_gerund_is_as_sure_as_the_verb_listing_it(code: Code) -> None:
    events = code("Kenya said it would take several steps, including calling for an emergency meeting "
                  "of the African Union.")
    event = only(events, "022")
    assert (event.source, event.target, event.modality) == ("Kenya", "African Union", Modality.PLANNED)


@pytest.mark.parametrize("sentence", [
    "The vote puts France at odds with Germany.",
    "France remains at odds with Germany over the budget.",
])
def test_being_at_odds_with_someone_is_disapproval(code: Code, sentence: str) -> None:
    assert ("France", "110", "Germany") in triples(code(sentence))


def test_not_at_odds_is_no_event(code: Code) -> None:
    assert not [e for e in code("France is not at odds with Germany.") if e.cameo == "110"]


def test_breaking_with_resolutions_defies_their_author(code: Code) -> None:
    assert ("Norway", "128", "United Nations") in triples(code("Norway broke with United Nations resolutions."))


def test_tariffs_nobody_owns_are_the_articles_imposers(code: Code) -> None:
    events = code("The United States imposed tariffs on Brazil in March.",
                  "Tariffs on imports from Brazil rose again in June.",
                  "Brazil-specific tariffs took effect in July.")
    found = [e for e in events if e.cameo == "163" and e.rule.startswith("noun")]
    assert {(e.source, e.target) for e in found} == {("United States", "Brazil")} and len(found) == 2


def test_tariffs_with_no_imposer_in_the_article_are_no_event(code: Code) -> None:
    assert not [e for e in code("Tariffs on imports from Brazil rose again in June.") if e.cameo == "163"]


def test_a_state_before_specific_is_the_target_not_the_owner(code: Code) -> None:
    events = code("The United States imposed tariffs on Brazil in March.", "Brazil-specific tariffs took effect in July.")
    assert ("Brazil", "163", "United States") not in triples(events)


def test_an_attempts_infinitive_is_done_by_its_owner(code: Code) -> None:
    found = triples(code("China stepped up its efforts to urge Iran to negotiate with France."))
    assert ("China", "026", "Iran") in found


def test_an_attempt_nobody_owns_is_no_event(code: Code) -> None:
    events = code("The senator knew nothing of any efforts to urge Iran to negotiate with France.")
    assert not [e for e in events if e.cameo.startswith("02")]


@pytest.mark.parametrize("sentence", [
    "The Dutch government ruled that shops must ban goods from Syria.",
    "Norway ordered retailers to boycott goods from Syria.",
])
def test_ruling_that_a_states_goods_be_restricted_sanctions_it(code: Code, sentence: str) -> None:
    [event] = [e for e in code(sentence) if e.cameo == "163"]
    assert event.target == "Syria" and event.rule.startswith("ruling:")


def test_ruling_that_goods_need_not_be_restricted_is_no_sanction(code: Code) -> None:
    assert not [e for e in code("Norway ruled that shops need not label goods from Syria.") if e.cameo == "163"]


def test_a_leaders_administration_lists_the_leaders_acts(code: Code) -> None:
    found = triples(code("President Luiz Inacio Lula da Silva of Brazil took office in January.",
                         "The visit was the latest in a series of moves by Lula's administration, "
                         "including recognising the disputed region as Morocco's territory."))
    assert any(s.startswith("Luiz") and c == "054" and t == "Morocco" for s, c, t in found), found


def test_recognising_a_place_as_nobodys_is_plain_recognition(code: Code) -> None:
    assert ("Ghana", "054", "Serbia") in triples(code("Ghana recognised Serbia as a partner."))


def test_a_measure_said_to_undermine_something_is_a_verdict_on_its_owner(code: Code) -> None:
    found = triples(code("Sweden said it viewed Denmark's move as another measure contradicting the treaty."))
    assert ("Sweden", "111", "Denmark") in found


def test_a_measure_said_not_to_undermine_anything_is_no_verdict(code: Code) -> None:
    events = code("Sweden said it viewed Denmark's move as a measure not violating the treaty.")
    assert not [e for e in events if e.cameo == "111"]


def test_measures_left_unowned_after_a_retaliation_are_the_first_imposers(code: Code) -> None:
    events = code("The United States imposed tariffs on Mexico in 2018.",
                  "Retaliatory tariffs imposed by Mexico have hurt American farmers.",
                  "Tariffs have also been imposed on imports from Canada.")
    found = triples(events)
    assert ("United States", "163", "Canada") in found and ("Mexico", "163", "Canada") not in found


def test_measures_left_unowned_after_a_plain_one_are_its_imposers(code: Code) -> None:
    events = code("Mexico imposed tariffs on Canada in 2018.", "Tariffs have also been imposed on imports from Chile.")
    assert ("Mexico", "163", "Chile") in triples(events)


def test_a_plan_with_an_as_phrase_is_still_a_plan(code: Code) -> None:
    events = code("Russia plans talks with Ukraine as a way to end the war.")
    assert {e.modality for e in events if e.cameo == "040"} == {Modality.PLANNED}
