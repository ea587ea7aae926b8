"""Proper names read off the parse, the same way by the actor registry and the event assembler."""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["compound_text", "place_names"]


def place_names(token: Token) -> list[Token]:
    """The proper names a place noun is given, its own first: `Rafah` of `the Gaza city of
    Rafah`, `Kharkiv` of `the Kharkiv region`."""
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    named = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return named + compounds[-1:]


def compound_text(token: Token) -> str:
    """A proper noun with the proper nouns compounded onto it (`Kryvyi Rih`)."""
    start = min((c.i for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.i)
    return token.doc[start:token.i + 1].text
