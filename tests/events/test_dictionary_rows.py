"""Every dictionary and noun-table row that carries an example sentence codes it: the row's
own code comes out of the sentence we wrote for it, read by the real pipeline."""

from __future__ import annotations

import pytest
from conftest import Code

from dateline.events.dictionary import _noun_row, _parse, read_rows

_VERB_ROWS = [(n, line) for n, line in read_rows("dictionary.tsv") if len(line.split("\t")) == 7]
_NOUN_ROWS = read_rows("nouns.tsv")


def _id(row: tuple[int, str]) -> str:
    cells = row[1].split("\t")
    return f"{row[0]}:{cells[0]}:{cells[1][:30]}"


@pytest.mark.parametrize("row", _VERB_ROWS, ids=_id)
def test_a_verb_row_codes_its_example(code: Code, row: tuple[int, str]) -> None:
    number, line = row
    pattern = _parse(line, number)[0]
    events = code(pattern.example, place=None)
    assert pattern.cameo in {e.cameo for e in events}, [(e.source, e.cameo, e.target, e.rule) for e in events]


@pytest.mark.parametrize("row", _NOUN_ROWS, ids=_id)
def test_a_noun_row_codes_its_example(code: Code, row: tuple[int, str]) -> None:
    number, line = row
    pattern = _noun_row(line, number)[0]
    events = code(pattern.example, place=None)
    assert pattern.cameo in {e.cameo for e in events}, [(e.source, e.cameo, e.target, e.rule) for e in events]


def test_most_rows_carry_an_example() -> None:
    assert len(_VERB_ROWS) >= 200 and all(_parse(line, n)[0].example for n, line in _VERB_ROWS)


_VERDICT_ROWS = read_rows("verdicts.tsv")


@pytest.mark.parametrize("row", _VERDICT_ROWS, ids=_id)
def test_a_verdict_row_codes_its_example(code: Code, row: tuple[int, str]) -> None:
    cameo, _, example = row[1].split("\t")
    events = code(example, place=None)
    assert cameo in {e.cameo for e in events if e.rule.startswith("verdict:")}, [(e.source, e.cameo, e.target) for e in events]


def test_every_root_has_twenty_verbs_or_nouns() -> None:
    words: dict[str, set[str]] = {}
    for number, line in read_rows("dictionary.tsv"):
        for p in _parse(line, number):
            words.setdefault(p.cameo[:2], set()).add(p.verb)
    for number, line in read_rows("nouns.tsv"):
        for p in _noun_row(line, number):
            words.setdefault(p.cameo[:2], set()).add(p.verb)
    short = {root: len(found) for root, found in words.items() if len(found) < 20}
    assert len(words) == 20 and short == {}
