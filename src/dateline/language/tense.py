"""The tense of what a sentence reports, read from its parse, to point its dates the right way.

`on Thursday` in a past sentence is the Thursday just gone; in a future one, the coming one.
For a reporting sentence (`X said Y will visit`) the tense is that of the reported clause, since
its dates belong to it; dates next to the speech verb itself are handled in `dates`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["Tense", "sentence_tense"]


class Tense(StrEnum):
    """Which way from the article's date a sentence's events lie."""

    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"
    UNKNOWN = "unknown"


_SPEECH = frozenset({
    "say", "tell", "announce", "add", "state", "confirm", "report", "declare", "note", "write",
    "tweet", "insist", "warn", "claim", "reveal", "explain", "indicate",
})
# `is set to visit`, `are expected to start`, `is due to arrive`: a present form + `to` = future.
_PROSPECTIVE = frozenset({"set", "due", "expect", "schedule", "slate", "go", "plan", "intend"})
_FUTURE_AUX = frozenset({"will", "shall"})
_FUTURE_WORDS = frozenset({"tomorrow"})
_FUTURE_UNITS = frozenset({"week", "month", "year", "weekend"})


def sentence_tense(sent: Span) -> Tense:
    """The tense of the sentence's main event: FUTURE, PAST, PRESENT, or UNKNOWN without a verb."""
    verbs = _main_verbs(sent)
    if any(_is_future(v) for v in verbs):
        return Tense.FUTURE
    # The first main verb with a tense decides: `said ... would be` is past through `said`.
    for verb in verbs:
        if _is_past(verb):
            return Tense.PAST
        if _is_present(verb):
            return Tense.FUTURE if _has_future_cue(sent) else Tense.PRESENT
    return Tense.FUTURE if _has_future_cue(sent) else Tense.UNKNOWN


def _main_verbs(sent: Span) -> list[Token]:
    """The root first, then its conjuncts and, for a reporting root, the reported clauses.

    The reported clause goes first when the root is a speech verb: `said` is when it was said,
    the clause is what the sentence is about.
    """
    root = sent.root
    conjuncts = [t for t in root.children if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")]
    if root.lemma_ in _SPEECH:
        reported = [t for t in root.children if t.dep_ == "ccomp"]
        return [*reported, root, *conjuncts]
    return [root, *conjuncts]


def _is_future(verb: Token) -> bool:
    """`will make`, `'ll go`, `won't go`, `shall`, `is set to`, `is to visit`, `plans to`."""
    children = list(verb.children)
    if any(c.dep_ == "aux" and c.lemma_.lower() in _FUTURE_AUX for c in children):
        return True
    has_to = any(c.dep_ == "xcomp" and any(a.tag_ == "TO" for a in c.children) for c in children)
    if not has_to:
        return False
    if verb.lemma_ == "be":  # `Xi is to visit`
        return _present_form(verb)
    if verb.lemma_ not in _PROSPECTIVE:
        return False
    # `plans to` (VBZ) is future, `planned to` (VBD) is not; `is set to` carries tense on its aux.
    aux = [c for c in children if c.dep_ in ("aux", "auxpass") and c.lemma_ == "be"]
    return _present_form(aux[0]) if aux else _present_form(verb)


def _present_form(token: Token) -> bool:
    return token.tag_ in ("VBZ", "VBP") or "Pres" in token.morph.get("Tense", [])


def _is_past(verb: Token) -> bool:
    """`held` (VBD), `has isolated` / `had met` (perfect), `was criticised` (past auxiliary)."""
    if verb.tag_ == "VBD":
        return True
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" or "Past" in a.morph.get("Tense", []) for a in aux):
        return True
    return verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux)


def _is_present(verb: Token) -> bool:
    if _present_form(verb) and verb.tag_ != "VBN":
        return True
    return any(c.dep_ in ("aux", "auxpass") and _present_form(c) for c in verb.children)


def _has_future_cue(sent: Span) -> bool:
    """`next week`, `coming month`, `tomorrow`: a forward time word in a sentence without tense."""
    for token in sent:
        word = token.lower_
        if word in _FUTURE_WORDS:
            return True
        if word in ("next", "coming") and token.head.lower_ in _FUTURE_UNITS:
            return True
    return False
