"""Events whose source or target is an office nobody named are coded for its country's body,
with a CAMEO-style code (NORGOV, RUSMIL); a named holder is the actor when the text gives one."""

from __future__ import annotations

import pytest

from conftest import Code
from eventcase import only

Side = tuple[str, str | None, str | None]  # name, code, country


@pytest.mark.parametrize(("sentence", "cameo", "source", "target"), [
    # a country's possessive office
    # (an office the knowledge base names no holder of on the date: Norway's prime minister is a person)
    ("Norway's foreign minister criticised Mexico over the fishing quotas.", "111",
     ("Norway's government", "NORGOV", "NOR"), ("Mexico", "MEX", "MEX")),
    # an adjective and a body
    ("The Chilean foreign ministry condemned Peru on Tuesday.", "111",
     ("Chile's foreign ministry", "CHLGOV", "CHL"), ("Peru", "PER", "PER")),
    ("The Chilean foreign ministry spokesman criticised Peru on Tuesday.", "111",
     ("Chile's foreign ministry", "CHLGOV", "CHL"), ("Peru", "PER", "PER")),
    # officials in the plural
    ("Latvian officials accused Minsk of jamming flights.", "112",
     ("Latvia's government", "LVAGOV", "LVA"), ("Belarus", "BLR", "BLR")),
    # an unnamed official with a nationality
    ("A senior US official praised Kenya for the reforms.", "051",
     ("United States' government", "USAGOV", "USA"), ("Kenya", "KEN", "KEN")),
    # the military, as source and as target
    ("Russian forces attacked Ukrainian soldiers.", "190",
     ("Russia's military", "RUSMIL", "RUS"), ("Ukraine's military", "UKRMIL", "UKR")),
])
def test_office_events_are_coded_for_the_body(code: Code, sentence: str, cameo: str, source: Side,
                                              target: Side) -> None:
    event = only(code(sentence), cameo)
    assert (event.source, event.source_code, event.source_country) == source
    assert (event.target, event.target_code, event.target_country) == target


def test_office_events_troops_forces_and_soldiers_are_one_military(code: Code) -> None:
    events = code("Russian forces attacked Ukrainian soldiers.", "Ukrainian troops attacked Russian forces.")
    sources, targets = {e.source_id for e in events}, {e.target_id for e in events}
    assert len(events) == 2 and sources == targets and len(sources) == 2


def test_office_events_a_named_holder_wins(code: Code) -> None:
    event = only(code("Japan's prime minister Aiko Mori praised Brazil for the reforms."), "051")
    assert (event.source, event.source_code, event.source_country) == ("Aiko Mori", "JPNGOV", "JPN")


def test_office_events_a_later_office_is_the_named_holder(code: Code) -> None:
    events = code("Japanese Prime Minister Aiko Mori landed in Osaka on Monday.",
                  "Japan's prime minister praised Brazil for the reforms.")
    assert only(events, "051").source == "Aiko Mori"


def test_office_events_no_state_no_event(code: Code) -> None:
    assert code("Party officials criticised Mexico over the quotas.") == ()
