"""The event dictionary is data: check it against the CAMEO table, its coverage of the code
tree, and that at least one row of every root fires on a sentence we wrote."""

from __future__ import annotations

import pytest
from conftest import Code
from eventcase import where

from dateline.events.cameo import load_cameo
from dateline.events.dictionary import TARGETS, _parse, load_dictionary

ROOTS = [f"{n:02d}" for n in range(1, 21)]
# Second-level codes every one of these roots must be able to produce.
REQUIRED = ["010", "011", "012", "013", "014", "017", "019", *[f"02{n}" for n in range(1, 9)],
            *[f"03{n}" for n in range(1, 10)], "043", "044", "046", "050", *[f"05{n}" for n in range(2, 8)],
            *[f"10{n}" for n in range(9)], *[f"11{n}" for n in range(7)], *[f"12{n}" for n in range(10)],
            *[f"13{n}" for n in range(10)], *[f"14{n}" for n in range(6)], *[f"17{n}" for n in range(7)],
            *[f"18{n}" for n in range(7)], *[f"19{n}" for n in range(7)]]


def _codes() -> set[str]:
    return {p.cameo for patterns in load_dictionary().values() for p in patterns}


def test_every_code_is_a_cameo_code() -> None:
    table = load_cameo()
    assert sorted(c for c in _codes() if c not in table) == []


def test_every_root_has_a_row() -> None:
    assert [r for r in ROOTS if not any(c.startswith(r) for c in _codes())] == []


def test_second_level_codes_are_covered() -> None:
    assert [c for c in REQUIRED if c not in _codes()] == []


def test_rows_are_well_formed() -> None:
    for verb, patterns in load_dictionary().items():
        for p in patterns:
            assert p.verb == verb and verb == verb.strip().lower() and " " not in verb
            assert p.target in TARGETS or p.target.startswith("prep:")
            assert p.modifier is None or p.modifier[1], p.rule  # a modifier names what it needs
        specificity = [p.specificity for p in patterns]
        assert specificity == sorted(specificity, reverse=True), verb  # most specific first


def test_rule_ids_are_unique_per_code() -> None:
    seen: dict[str, str] = {}
    for patterns in load_dictionary().values():
        for p in patterns:
            assert seen.setdefault(p.rule + p.target, p.cameo) == p.cameo, p.rule


def test_a_verb_cell_may_list_several_lemmas() -> None:
    [pattern] = _parse("072\tmull|weigh\tarms shipment\t-\tprep:to\tno", 1)[:1]
    assert pattern.verb == "mull" and pattern.obj == frozenset({"arms shipment"})
    assert [p.verb for p in _parse("072\tmull|weigh\tarms shipment\t-\tprep:to\tno", 1)] == ["mull", "weigh"]


@pytest.mark.parametrize("line", ["010\tissue\tstatement\t-\tnone", "010\tissue\tstatement\t-\tsideways\tno"])
def test_a_malformed_row_is_refused_with_its_line(line: str) -> None:
    with pytest.raises(ValueError, match="line 7"):
        _parse(line, 7)


@pytest.mark.parametrize(("root", "sentence", "triple"), [
    ("01", "The Kremlin declined to comment.", ("Kremlin", "011", None)),
    ("02", "Guyana sought mediation from Brazil.", ("Guyana", "028", "Brazil")),
    ("03", "Japan pledged aid to Turkey.", ("Japan", "033", "Turkey")),
    ("04", "Australia and Japan talked by phone.", ("Australia", "041", "Japan")),
    ("05", "Germany praised Poland.", ("Germany", "051", "Poland")),
    ("06", "Sweden will hold exercises with Finland.", ("Sweden", "062", "Finland")),
    ("07", "Japan sent aid to Turkey.", ("Japan", "070", "Turkey")),
    ("08", "The United States lifted sanctions on Venezuela.", ("United States", "085", "Venezuela")),
    ("09", "Ukraine is investigating Russia.", ("Ukraine", "090", "Russia")),
    ("10", "Ukraine demanded aid from Germany.", ("Ukraine", "103", "Germany")),
    ("11", "Lithuania accused Belarus of attacking Poland.", ("Lithuania", "112", "Belarus")),
    ("12", "Germany rejected Poland's proposal.", ("Germany", "120", "Poland")),
    ("13", "Argentina threatened Britain with sanctions.", ("Argentina", "132", "United Kingdom")),
    ("14", "Armenia protested against Azerbaijan.", ("Armenia", "140", "Azerbaijan")),
    ("15", "Russia deployed troops to Belarus.", ("Russia", "154", "Belarus")),
    ("16", "Niger severed ties with France.", ("Niger", "161", "France")),
    ("17", "Russia hacked Estonia.", ("Russia", "176", "Estonia")),
    ("18", "Belarus kidnapped Lithuanian officials.", ("Belarus", "181", "Lithuania's government")),
    ("19", "Russia and Ukraine exchanged fire.", ("Russia", "193", "Ukraine")),
    ("20", "Syria used chemical weapons against Turkey.", ("Syria", "204", "Turkey")),
])
def test_a_row_of_every_root_fires(code: Code, root: str, sentence: str, triple: tuple[str, str, str | None]) -> None:
    events = where(code(sentence), triple[1])
    assert triple in {(e.source, e.cameo, e.target) for e in events}
    assert {e.root for e in events} == {root}


@pytest.mark.parametrize(("sentence", "cameo"), [
    ("Hungary said it would block aid to Ukraine.", "162"),
    ("Washington urged Havana to democratise.", "024"),
    ("Ecuador demanded Peru's withdrawal.", "105"),
    ("Chile rejected Bolivia's request for aid.", "122"),
    ("Jordan issued an ultimatum to Syria.", "139"),
    ("Germany pledged investment in Kenya.", "031"),
    ("Japan pledged solidarity with Ukraine.", "032"),
])
def test_rows_added_for_second_level_codes_fire(code: Code, sentence: str, cameo: str) -> None:
    assert where(code(sentence), cameo)
