"""One plural noun naming the bodies of several states is one side per state: `the Japanese and
Australian foreign ministries` are two actors, and each is the source of the event. Sentences we
wrote."""

from __future__ import annotations

from conftest import Code

from dateline.model import Event


def _sources(events: tuple[Event, ...], cameo: str) -> set[tuple[str | None, str | None]]:
    return {(e.source_country, e.source_code) for e in events if e.cameo == cameo}


def test_coordinated_adjectives_make_one_body_per_state(code: Code) -> None:
    events = code("The Japanese and Australian foreign ministries condemned Pyongyang on Monday.")
    assert _sources(events, "111") >= {("JPN", "JPNGOV"), ("AUS", "AUSGOV")}
    assert {e.target_country for e in events if e.cameo == "111"} == {"PRK"}


def test_coordinated_owners_after_of_make_one_body_per_state(code: Code) -> None:
    events = code("The defence ministries of Poland and Lithuania accused Belarus of staging the incident.")
    assert {c for c, _ in _sources(events, "112")} >= {"POL", "LTU"}


def test_one_state_is_one_body(code: Code) -> None:
    events = code("The Japanese foreign ministry condemned Pyongyang on Monday.")
    assert _sources(events, "111") == {("JPN", "JPNGOV")}
