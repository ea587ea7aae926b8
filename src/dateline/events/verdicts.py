"""A speaker's verdict on an actor's act is an event: `France said Russia's decision was
illegal` (France disapproves of Russia, 111), `Japan called China's plan a provocation`,
`Germany described the move by Hungary as unacceptable`, `Seoul called Tokyo's apology
constructive` (051).

The verdict words are data (`data/verdicts.tsv`). The parse gives the verdict's shape: a speech
or judging verb whose complement says the word of something (`said X was illegal`, `considers
X illegal`), or whose object is given the word (`called X a sham`, `described X as a
provocation`). That something is the target: an actor, or the actor owning it (`Russia's
decision`, `the American move`, `the move by Hungary`). A negated verdict (`was not illegal`)
is none. A stance is a verdict too: `Japan reiterated its position that China's claims are
illegal` (the stance noun's clause), `Poland views the move as a provocation` (the `as` phrase
the parse hangs on the object); a judging verb's verdict is held now, whatever the verb's tense
says of intent (`considers X illegal` is no plan). This module only reads the parse; the coder
resolves the tokens and the modality.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.events.dictionary import Pattern
from dateline.language.phrases import tokens_of

__all__ = ["Verdict", "held_now", "verdicts"]

# Verbs that say or judge: their complement or object predicate is the speaker's verdict.
_SAYING = frozenset({"say", "tell", "state", "declare", "insist", "argue", "stress", "reiterate", "add",
                     "warn", "write", "tweet", "contend", "maintain", "assert", "claim", "note",
                     "allege", "complain", "charge", "testify", "restate", "reaffirm", "repeat",
                     "emphasise", "emphasize", "underline"})
_JUDGING = frozenset({"call", "brand", "label", "dub", "term", "deem", "consider", "describe", "view",
                      "denounce", "condemn", "slam", "decry", "characterise", "characterize", "regard"})
_BE = frozenset({"be", "remain"})
# Nouns for a held view whose clause is the verdict: `reiterated its position that X is illegal`.
_STANCE_NOUNS = frozenset({"position", "view", "stance", "belief", "assessment", "conviction", "opinion"})


@dataclass(frozen=True, slots=True)
class Verdict:
    """A verdict word said of something by the subject of a verb."""

    pattern: Pattern
    verb: Token  # the speech or judging verb: its subject is the source
    judged: Token  # what the verdict is about: an actor, or a noun an actor owns
    word: Token


def _word(token: Token, table: Mapping[str, Pattern]) -> Pattern | None:
    """The verdict a predicate word gives: its own lemma, or a verdict adjective or participle on
    it (`an extremely adverse development`, `a measure undermining the peace`)."""
    if any(c.dep_ == "neg" for c in token.children):
        return None
    found = table.get(token.lemma_.lower()) if token.pos_ != "VERB" else None
    if found is None and token.pos_ == "NOUN":  # `an adverse development`, `a step undermining peace`
        found = next((table[c.lemma_.lower()] for c in token.children
                      if (c.dep_ == "amod" or (c.dep_ == "acl" and c.tag_ in ("VBG", "VBN")))
                      and c.lemma_.lower() in table and not any(g.dep_ == "neg" for g in c.children)), None)
    return found


def _complement(clause: Token, table: Mapping[str, Pattern]) -> tuple[Token, Token, Pattern] | None:
    """`X was illegal`, `X remains a violation`, `(considers) X illegal`: the subject and word."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    if clause.lemma_.lower() in _BE:
        for c in clause.children:
            if c.dep_ in ("acomp", "attr") and (found := _word(c, table)) is not None:
                return subject, c, found
        return None
    found = _word(clause, table) if clause.pos_ in ("ADJ", "NOUN") else None
    return (subject, clause, found) if found is not None else None


def verdicts(sent: Span, table: Mapping[str, Pattern]) -> Iterator[Verdict]:
    """Each verdict the sentence reports a speaker giving."""
    for verb in tokens_of(sent):
        lemma = verb.lemma_.lower()
        if verb.pos_ not in ("VERB", "AUX") or (lemma not in _SAYING and lemma not in _JUDGING):
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        for child in verb.children:
            if child.dep_ == "ccomp" and (found := _complement(child, table)) is not None:
                yield Verdict(found[2], verb, found[0], found[1])
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in _STANCE_NOUNS:  # `its position that X is illegal`
            for clause in (c for c in obj.children if c.dep_ in ("acl", "ccomp", "appos") and c.pos_ in ("VERB", "AUX")):
                if (found := _complement(clause, table)) is not None:
                    yield Verdict(found[2], verb, found[0], found[1])
        if lemma not in _JUDGING or obj is None:
            continue
        words = [c for c in verb.children if c.dep_ in ("oprd", "xcomp")]
        # `views the move as a provocation`: the parse may hang the `as` phrase on the object
        words += [g for h in (verb, obj) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"
                  for g in c.children if g.dep_ in ("pobj", "amod", "acomp")]
        for word in words:
            if (pattern := _word(word, table)) is not None:
                yield Verdict(pattern, verb, obj, word)
                break


def held_now(verdict: Verdict) -> bool:
    """A judging verb's verdict (`considers X illegal`, `views X as a threat`) is a view held
    now: no intent or plan, whatever the verb's tense markers say."""
    return verdict.verb.lemma_.lower() in _JUDGING
