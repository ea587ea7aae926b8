"""A person's name is one name: it does not repeat itself (a hover card glued after it) and does
not run over a line break into the page's chrome, whatever span NER proposes. Invented text."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from dateline.language.gazetteer import Gazetteer
from dateline.language.persons import find_persons


def _names(doc: Doc, gaz: Gazetteer, first: str, last: str) -> list[str]:
    """The names found when NER marks one PERSON from word `first` to word `last`."""
    words = [t.text for t in doc]
    start, end = words.index(first), len(words) - words[::-1].index(last)
    doc.ents = [Span(doc, start, end, label="PERSON")]
    return [p.name for p in find_persons(doc, gaz)]


def test_name_bounds_a_name_that_starts_over_ends_there(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("A man threatened Rep. Mara Lindqvist Mara Lindqvist Garden Weekly: Senators argue MORE on Monday.")
    assert _names(doc, gaz, "Mara", "Weekly") == ["Mara Lindqvist"]


def test_name_bounds_a_name_ends_at_a_line_break(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("The column was written by Tobias Wren\nGarden Weekly Newsletter")
    assert _names(doc, gaz, "Tobias", "Newsletter") == ["Tobias Wren"]


def test_name_bounds_a_whole_name_is_kept(nlp: Language, gaz: Gazetteer) -> None:
    """A name whose words differ is not cut (`Anna Maria Berg`)."""
    doc = nlp("Anna Maria Berg spoke to the council on Monday.")
    assert _names(doc, gaz, "Anna", "Berg") == ["Anna Maria Berg"]
