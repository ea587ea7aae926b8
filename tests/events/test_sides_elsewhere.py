"""Sides the clause does not name: an infinitive's object, an agentless passive's agent, the
partner of talks that are ended, the owner of goods `from` a state, and who undergoes an act
a noun names. Sentences we wrote."""

from __future__ import annotations

from conftest import Code
from eventcase import triples

from dateline.model import Modality


def test_the_object_of_a_threatened_act_is_the_target(code: Code) -> None:
    events = code("Serbia threatened to kill the Croatian ambassador.")
    assert ("Serbia", "138", "Croatia's government") in triples(events)
    assert all(e.modality == Modality.PLANNED for e in events if e.cameo == "186")


def test_a_threat_against_a_state_names_it_through_the_infinitives_preposition(code: Code) -> None:
    assert ("Russia", "138", "Georgia") in triples(code("Russia threatened to use force against Georgia."))


def test_a_wish_does_not_make_its_infinitives_object_a_target(code: Code) -> None:
    found = code("Peru wants to keep Chile out of the talks.")
    assert not any(e.target == "Chile" for e in found)


def test_an_agentless_passive_takes_the_agent_the_article_just_named(code: Code) -> None:
    events = code("Canada imposed tariffs on Japan in 2018. More tariffs were imposed on Japan in 2019.")
    later = [e for e in events if "2019" in e.sentence]
    assert [(e.source, e.cameo, e.target) for e in later] == [("Canada", "163", "Japan")]
    assert later[0].confidence < max(e.confidence for e in events if "2018" in e.sentence)


def test_an_agentless_passive_with_no_earlier_doer_has_no_event(code: Code) -> None:
    assert not code("More tariffs were imposed on Japan in 2019.")


def test_ending_the_talks_answers_the_partner_the_article_named(code: Code) -> None:
    found = triples(code("Chile held talks with Peru in March. In May, Chile broke off the talks."))
    assert ("Chile", "164", "Peru") in found


def test_calling_for_talks_names_no_partner_from_earlier_talks(code: Code) -> None:
    found = code("Chile held talks with Peru in March. In May, Chile called for talks.")
    assert not any(e.cameo.startswith("02") for e in found)


def test_goods_from_a_state_are_that_states(code: Code) -> None:
    assert ("Japan", "163", "China") in triples(code("Japan imposed tariffs on imports from China."))


def test_the_subject_of_an_inquiry_undergoes_it(code: Code) -> None:
    assert ("France", "090", "Belgium") in triples(code("Belgium is the subject of a French investigation."))


def test_whoever_a_noun_act_hurts_is_its_target(code: Code) -> None:
    assert ("China", "163", "Australian farmers") in triples(code("Tariffs imposed by China have hurt Australian farmers."))


def test_a_participles_agent_owns_the_noun(code: Code) -> None:
    assert ("Norway", "163", "Russia") in triples(code("The sanctions imposed by Norway on Russia took effect."))


def test_allegations_are_verdicts(code: Code) -> None:
    found = triples(code("Sweden alleged that Russia's move was illegal."))
    assert ("Sweden", "111", "Russia") in found


def test_they_after_a_sentence_whose_subject_is_plural_is_that_subject(code: Code) -> None:
    found = code("Western leaders arrived in Kyiv on Monday. They condemned Russia on Tuesday.")
    condemned = [e for e in found if e.cameo == "111"]
    assert [(e.source, e.target) for e in condemned] == [("Western leaders", "Russia")]
    assert condemned[0].confidence < 0.6  # read from another sentence: indirect


def test_they_after_a_singular_subject_is_nobody(code: Code) -> None:
    found = code("Poland arrived at the summit on Monday. They condemned Russia on Tuesday.")
    assert not any(e.cameo == "111" for e in found)


def test_they_in_a_report_is_the_plural_reporter(code: Code) -> None:
    found = triples(code("Ukrainian officials said they had urged Russia to withdraw."))
    assert ("Ukraine's government", "025", "Russia") in found


def test_our_in_a_quotation_is_the_speakers(code: Code) -> None:
    found = code('"Japan attacked our ships," the Chinese foreign ministry spokesman said.')
    assert any(e.source == "Japan" and e.cameo.startswith("19") and e.target_country == "CHN" for e in found)


def test_a_measure_of_something_fired_is_that_thing(code: Code) -> None:
    found = triples(code("Iran's police fired volleys of tear gas at British reporters."))
    assert ("Iran's police", "175", "United Kingdom") in found


def test_a_verdict_on_unowned_accusations_answers_the_accusers(code: Code) -> None:
    found = triples(code("Chile accused Peru of spying on Monday. Peru said the accusations were baseless."))
    assert ("Peru", "111", "Chile") in found


def test_a_verdict_on_accusations_nobody_made_here_has_no_target(code: Code) -> None:
    found = code("Peru said the accusations were baseless.")
    assert not any(e.cameo == "111" for e in found)


def test_captives_released_without_an_agent_are_freed_by_their_holders(code: Code) -> None:
    found = triples(code("Two Chilean engineers who had been held by Peru since 2019 were released on Tuesday."))
    assert ("Peru", "084", "Chile") in found


def test_captives_released_without_an_agent_or_holder_name_no_source(code: Code) -> None:
    assert not code("Two Chilean engineers were released on Tuesday.")
