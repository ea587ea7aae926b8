"""A place as an event's side stands for its country, as GDELT codes it, and is where the
event happened; a place named by a preposition is the location of an event that has none.
Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from conftest import Code
from eventcase import only, triples

Side = tuple[str, str | None, str | None]  # name, code, country


@pytest.mark.parametrize(("sentence", "cameo", "source", "target", "location"), [
    # a city with its country's adjective
    ("Russian forces shelled the Ukrainian city of Kharkiv on Monday.", "194",
     ("Russia's military", "RUSMIL", "RUS"), ("Ukraine", "UKR", "UKR"), "Kharkiv"),
    # a bare city
    ("Belarus attacked Chernihiv.", "190", ("Belarus", "BLR", "BLR"), ("Ukraine", "UKR", "UKR"), "Chernihiv"),
    # a region, bare and as `the X region`
    ("Egypt sent aid to Darfur on Tuesday.", "070", ("Egypt", "EGY", "EGY"), ("Sudan", "SDN", "SDN"), "Darfur"),
    ("Russian troops attacked the Zaporizhzhia region.", "190",
     ("Russia's military", "RUSMIL", "RUS"), ("Ukraine", "UKR", "UKR"), "Zaporizhzhia"),
    # strikes on a place, named as a noun
    ("Israel launched airstrikes on Gaza on Tuesday.", "195",
     ("Israel", "ISR", "ISR"), ("Palestine", "PSE", "PSE"), "Gaza"),
    # the city of `the X city of Y` is Y
    ("Israel carried out strikes on the southern Gaza city of Khan Younis.", "195",
     ("Israel", "ISR", "ISR"), ("Palestine", "PSE", "PSE"), "Khan Younis"),
    # a town our table does not know, with its country's adjective
    ("Russian forces shelled the Ukrainian village of Zelenopillia.", "194",
     ("Russia's military", "RUSMIL", "RUS"), ("Ukraine", "UKR", "UKR"), "Zelenopillia"),
])
def test_place_events_a_place_is_its_country_and_the_location(code: Code, sentence: str, cameo: str, source: Side,
                                                              target: Side, location: str) -> None:
    event = only(code(sentence), cameo)
    assert (event.source, event.source_code, event.source_country) == source
    assert (event.target, event.target_code, event.target_country) == target
    assert event.location == location


def test_place_events_a_place_does_material_acts(code: Code) -> None:
    """`Belgorod fired on Kharkiv`: both sides are countries; the target's place is where."""
    event = only(code("Belgorod fired on Kharkiv overnight."), "190")
    assert (event.source, event.target, event.location) == ("Russia", "Ukraine", "Kharkiv")


def test_place_events_a_place_is_not_beaten(code: Code) -> None:
    """A city beaten is a sports score, not an assault on its country (place_events.tsv)."""
    assert code("Ottawa beat Chicago 4-2 on Saturday night.") == ()


def test_place_events_a_visit_to_a_city(code: Code) -> None:
    event = only(code("Chile's foreign minister visited Mumbai on Monday."), "042")  # no holder known then
    assert (event.source, event.target, event.location) == ("Chile's government", "India", "Mumbai")


def test_place_events_a_place_says_nothing(code: Code) -> None:
    """A place is no speaker, and no source of a statement, demand or accusation either."""
    assert code("Kherson condemned Russia on Friday.", "Lviv urged Poland to reopen the crossing.") == ()


@pytest.mark.parametrize(("sentence", "location"), [
    ("Iran and Egypt held talks in Istanbul on Friday.", "Istanbul"),
    ("Kenya and Ghana met in the Swiss city of Geneva.", "Geneva"),
    ("Chile and Peru signed the accord in St. Petersburg.", "St Petersburg"),
])
def test_place_events_a_place_in_the_sentence_is_the_location(code: Code, sentence: str, location: str) -> None:
    events = code(sentence, place="LONDON")
    assert events and {e.location for e in events} == {location}
    states = {"Iran", "Egypt", "Kenya", "Ghana", "Chile", "Peru"}
    assert {e.source for e in events} | {e.target for e in events} <= states


def test_place_events_a_meeting_in_a_third_countrys_city_is_elsewhere(code: Code) -> None:
    assert triples(code("Kenya and Ghana met in Geneva.")) == {("Kenya", "044", "Ghana"), ("Ghana", "044", "Kenya")}
    assert triples(code("Kenya and Ghana met in Mombasa.")) == {("Kenya", "040", "Ghana"), ("Ghana", "040", "Kenya")}


def test_place_events_a_capital_resolves_as_before(code: Code) -> None:
    """`Kyiv` is the state (a capital), not a place: no location (nor the dateline's)."""
    event = only(code("Belarus attacked Kyiv.", place="MINSK"), "190")
    assert (event.target, event.target_code, event.location) == ("Ukraine", "UKR", None)
    event = only(code("Belarus attacked Hong Kong.", place="MINSK"), "190")
    assert (event.target, event.target_code) == ("Hong Kong", "HKG")


@pytest.mark.parametrize("sentence", [
    "Belarus attacked Victoria.",  # a queen, a lake, several cities
    "Belarus attacked Nice.",  # an ordinary word at the start of a sentence
    "Belarus attacked Kashmir.",  # claimed by two states
])
def test_place_events_an_ambiguous_name_is_no_side(code: Code, sentence: str) -> None:
    assert code(sentence) == ()
