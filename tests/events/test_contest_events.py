"""Sport read as force: a clause about a contest (a score, a contest's word, `beat` between two
states) codes no force or assault event; violence told in the same words still codes.
Sentences are invented for these tests."""

from __future__ import annotations

import pytest

from conftest import Code
from eventcase import triples


@pytest.mark.parametrize("sentence", [
    "Portugal beat Norway on Sunday.",  # a result between two states, nothing violent beaten
    "Brazil needed the final set to beat Chile 3-2 and reach the semifinal.",  # a score, contest words
    "Lena Vogt rallied to beat Mia Sand 4-6, 6-2, 6-1 in the opening match.",  # a score
    "Tom Reyes was beaten out by Sam Olsen for second place at the regional meet.",  # a placing
    "Carl Dunne fired a shot at Leo Park that bounced off the goaltender's pad.",  # a contest's word
])
def test_contest_events_sport_is_not_force(code: Code, sentence: str) -> None:
    assert not [e for e in code(sentence) if e.root in ("18", "19", "20")]


@pytest.mark.parametrize(("sentence", "triple"), [
    ("Belarusian police beat Polish protesters on Sunday.", ("Belarus' police", "182", "Polish protesters")),
    ("Ukrainian troops beat back the Russian assault near the border.", ("Ukraine's military", "182", "Russia")),
    ("Russia attacked Georgia on Monday.", ("Russia", "190", "Georgia")),
])
def test_contest_events_violence_still_codes(code: Code, sentence: str, triple: tuple[str, str, str]) -> None:
    assert triple in triples(code(sentence))
