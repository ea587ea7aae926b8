"""Small helpers for reading coded events in assertions."""

from __future__ import annotations

from collections.abc import Sequence

from dateline.model import Event


def triples(events: Sequence[Event]) -> set[tuple[str, str, str | None]]:
    """(source, code, target) of each event."""
    return {(e.source, e.cameo, e.target) for e in events}


def only(events: Sequence[Event], cameo: str) -> Event:
    """The one event with that code."""
    found = [e for e in events if e.cameo == cameo]
    assert len(found) == 1, [(e.source, e.cameo, e.target) for e in events]
    return found[0]


def where(events: Sequence[Event], cameo: str) -> list[Event]:
    """The events with that code (at least one)."""
    found = [e for e in events if e.cameo == cameo]
    assert found, [(e.source, e.cameo, e.target) for e in events]
    return found
