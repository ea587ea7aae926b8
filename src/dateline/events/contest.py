"""Sport read as force: `Russia beat Croatia`, `rallied to beat X 3-6, 6-3`, `fired a shot at the
goaltender` report a contest, not an assault. A force or assault event (roots 18-20) is not coded
when its clause is about a contest: a score, a contest's word (`data/contest.tsv`), or a result
verb (`beat`, `defeat`) between two states or teams whose object is nothing violent. `Police
beat protesters` and `troops beat back the assault` are still force.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

__all__ = ["FORCE_ROOTS", "is_contest"]

FORCE_ROOTS = ("18", "19", "20")
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
# Heads a clause's contest words are looked for under: a verb's own clause, widened to the verb
# it completes or is coordinated with (`needed the doubles match to beat X`).
_WIDEN = frozenset({"xcomp", "conj", "advcl"})


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    nouns: frozenset[str]
    phrases: frozenset[tuple[str, str]]
    verbs: frozenset[str]
    violent: frozenset[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    """The words of `data/contest.tsv` by kind."""
    text = resources.files("dateline.events").joinpath("data/contest.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    by_kind: dict[str, set[str]] = {}
    for word, kind in ((r[0].strip().lower(), r[1].strip()) for r in rows[1:]):  # the first is the header
        by_kind.setdefault(kind, set()).add(word)
    phrases = frozenset((a, b) for a, _, b in (p.partition(" ") for p in by_kind.get("phrase", ())))
    return _Vocabulary(frozenset(by_kind.get("noun", ())), phrases, frozenset(by_kind.get("verb", ())),
                       frozenset(by_kind.get("violent", ())))


def _clause(verb: Token) -> list[Token]:
    """The words of the verb's clause, and of the clause it completes or extends."""
    head = verb.head if verb.dep_ in _WIDEN and verb.head.i != verb.i else verb
    return sorted(head.subtree, key=lambda t: t.i)


def _has_score(tokens: Iterable[Token]) -> bool:
    """`6-4`, `2-1`, or the same split into three tokens by the tokenizer."""
    words = list(tokens)
    if any(_SCORE.match(t.text) for t in words):
        return True
    return any(a.like_num and b.text in ("-", "–") and c.like_num and not a.whitespace_ and not b.whitespace_
               for a, b, c in zip(words, words[1:], words[2:]))


def _has_contest_words(tokens: list[Token]) -> bool:
    vocabulary = _vocabulary()
    if any(t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in vocabulary.nouns for t in tokens):
        return True
    return any((a.lower_, b.lower_) in vocabulary.phrases for a, b in zip(tokens, tokens[1:]))


def _result_between_sides(verb: Token, obj: Token | None, states: bool) -> bool:
    """`Russia beat Croatia`: a result verb between two states or teams, with no violent object."""
    vocabulary = _vocabulary()
    if not states or verb.lemma_.lower() not in vocabulary.verbs:
        return False
    return obj is None or obj.lemma_.lower() not in vocabulary.violent


def is_contest(cameo: str, verb: Token, obj: Token | None, *, states: bool) -> bool:
    """Whether a force or assault code would read a sports report as violence; `states` says
    both sides are states or organisations (teams), not people or groups."""
    if not cameo.startswith(FORCE_ROOTS):
        return False
    clause = _clause(verb)
    return _has_score(clause) or _has_contest_words(clause) or _result_between_sides(verb, obj, states)
