"""Proper names read off the parse, the same way by the actor registry and the event assembler."""

from __future__ import annotations

from collections import OrderedDict

from spacy.tokens import Doc, Span, Token

__all__ = ["compound_text", "conjuncts", "doc_text", "place_names", "span_text", "tokens_of"]

# The token lists and texts of the docs read last, by doc id (each held with its doc, so the
# id stays its own). Sentences are read one doc after another, so a few docs are enough.
_HELD: OrderedDict[int, tuple[Doc, list[Token], str]] = OrderedDict()
_DOCS_KEPT = 8


def _held(doc: Doc) -> tuple[Doc, list[Token], str]:
    held = _HELD.get(id(doc))
    if held is None or held[0] is not doc:
        tokens = list(doc)
        held = _HELD[id(doc)] = (doc, tokens, "".join([t.text_with_ws for t in tokens]))
        if len(_HELD) > _DOCS_KEPT:
            _HELD.popitem(last=False)
    return held


def tokens_of(span: Span) -> list[Token]:
    """The tokens of a sentence or span, in order. spaCy builds a new Token object for each
    token each time a span is iterated, and the language stage and the coder read every
    sentence in a dozen passes: they share one list of the doc's tokens instead."""
    return _held(span.doc)[1][span.start:span.end]


def doc_text(doc: Doc) -> str:
    """The doc's text (as `Doc.text`, which joins every token's text on each call), kept."""
    return _held(doc)[2]


def span_text(span: Span) -> str:
    """A span's text (as `Span.text`), sliced from the doc's text rather than joined token by
    token."""
    return _held(span.doc)[2][span.start_char:span.end_char]


def conjuncts(token: Token) -> list[Token]:
    """A word and the words coordinated with it, in order (`Kyiv and Moscow`, `police, troops
    and militias`)."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def place_names(token: Token) -> list[Token]:
    """The proper names a place noun is given, its own first: `Rafah` of `the Gaza city of
    Rafah`, `Kharkiv` of `the Kharkiv region`."""
    compounds = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    named = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
             for g in c.children if g.dep_ == "pobj"]
    return named + compounds[-1:]


def compound_text(token: Token) -> str:
    """A proper noun with the proper nouns compounded onto it (`Kryvyi Rih`)."""
    start = min((c.idx for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), default=token.idx)
    return doc_text(token.doc)[start:token.idx + len(token.text)]
