"""Who did it: an event's source is its verb's own subject (never the person reporting it), the
`he` of `X said he ...` is X, a dash sets off what `the two states` are, and a country owning a
non-actor object (`the Bolivian trade plan`) is the target. Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from conftest import Code
from eventcase import triples


@pytest.mark.parametrize("sentence", [
    "Officers arrested Thomas B. Reed, 41, who lives on Oak Street, Holt said.",
    "Officers also arrested Thomas B. Reed, 41, of Dayton, on two charges after stopping his car, Holt said.",
    "Officers from the city police unit stopped a car and later arrested Thomas B. Reed, Holt said.",
])
def test_event_sources_the_reporter_did_not_do_it(code: Code, sentence: str) -> None:
    """The arrest is the officers' (a group of the story's police), never Holt's."""
    arrests = [e for e in code("Jana Holt spoke.", sentence) if e.cameo == "173"]
    assert arrests and all(e.source != "Jana Holt" and e.source_code == "CHECOP" for e in arrests)


def test_event_sources_a_subject_that_is_an_actor_still_acts(code: Code) -> None:
    assert ("Kenya's police", "173", "Tomas Reed") in triples(code("Kenyan police arrested Tomas Reed on Friday, Jana Holt said."))


@pytest.mark.parametrize(("paragraphs", "triple"), [
    (["Clara Moss opened the meeting on Monday.", "Daniel Brooks said he would visit Austria in June."],
     ("Daniel Brooks", "042", "Austria")),
    (["Clara Moss opened the meeting on Monday.", "Daniel Brooks said he first discussed the plan with Austria."],
     ("Daniel Brooks", "040", "Austria")),
])
def test_event_sources_he_of_x_said_he_is_x(code: Code, paragraphs: list[str], triple: tuple[str, str, str]) -> None:
    found = triples(code(*paragraphs))
    assert triple in found
    assert not [t for t in found if t[0] == "Clara Moss"]


def test_event_sources_he_of_an_unknown_reporter_is_nobody(code: Code) -> None:
    """The steward is no actor: his `he` is not the last person named."""
    assert code("Clara Moss opened the meeting on Monday.", "The club's steward said he visited Austria.") == ()


def test_event_sources_we_in_a_quotation_is_its_speaker(code: Code) -> None:
    found = triples(code("Daniel Brooks spoke on Monday.",
                         '"We are going to the assembly and we will ask Austria to open an inquiry," he added.'))
    assert ("Daniel Brooks", "020", "Austria") in found


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Chile and Peru criticised the Bolivian trade plan.", {("Chile", "111", "Bolivia"), ("Peru", "111", "Bolivia")}),
    ("Norway rejected Sweden's territorial claims.", {("Norway", "120", "Sweden")}),
])
def test_event_sources_a_country_owning_the_object_is_the_target(code: Code, sentence: str,
                                                                  expected: set[tuple[str, str, str]]) -> None:
    assert triples(code(sentence)) == expected


def test_event_sources_an_owner_is_never_the_source(code: Code) -> None:
    """Only an object's owner is a target: `the Bolivian plan` as a subject acts for nobody."""
    assert code("The Bolivian trade plan angered Chile.") == ()


def test_event_sources_a_dash_sets_off_the_two_states(code: Code) -> None:
    """`the two countries ... - Estonia and Latvia -` are those two, not the two named before,
    and the states set off are not the preposition's object (Finland is)."""
    found = triples(code("Sweden and Norway held talks on Monday.",
                         "The two countries to have signed border treaties with Finland - Estonia and Latvia - "
                         "also criticised the Russian plan."))
    assert {("Estonia", "057", "Finland"), ("Latvia", "057", "Finland")} <= found
    assert not [t for t in found if t[1] == "057" and {"Sweden", "Norway"} & {t[0], t[2]}]
    assert ("Estonia", "057", "Latvia") not in found
