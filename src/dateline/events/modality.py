"""How sure the text is that an event happened: asserted, planned, negated, reported, hypothetical.

Read from the verb and the clauses above it: a negation (`did not`, `denied`), a conditional or
modal (`would`, `if`, `whether`), a claim by someone other than the event's source (`accused
China of mulling arms shipments`: the shipments are at most reported) or a belief (`believed
Kyiv needed to investigate`), a future or an intention (`will`, `plans to`, `is set to`,
`needs to`, `is reported to be preparing`). The first that applies wins, in that
order.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.resolver import Resolver
from dateline.language.attribution import is_cue
from dateline.model import Modality

__all__ = ["event_modality"]

_NEGATORS = frozenset({"deny", "refuse", "reject", "fail", "decline"})
_HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_INTENT = frozenset({"plan", "intend", "prepare", "set", "expect", "aim", "schedule", "due", "hope",
                     "want", "seek", "propose", "agree", "decide", "vow", "pledge", "promise", "ready", "offer",
                     "need", "try", "attempt", "threaten"})
# Verbs of belief: what someone believes or thinks happened is not asserted by the text.
_BELIEFS = frozenset({"believe", "think", "feel", "suspect", "assume", "imagine", "suppose", "fear", "guess"})
# Verbs whose object is an event not yet done (`is mulling arms shipments`, `plans deliveries`).
_CONTEMPLATE = frozenset({"mull", "consider", "weigh", "plan", "contemplate"})
_CLAIMS = frozenset({"accuse", "allege", "claim", "suspect", "charge", "report", "rumour", "rumor",
                     "say", "tell", "insist", "deny", "blame"})
# A clause inherits the modality of the clause it completes, not of one it is coordinated
# with or attached to as an adverbial (`has not confirmed X but urged Y`).
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "pcomp", "acomp", "prep", "pobj"})
_MAX_UP = 6


def _chain(verb: Token) -> list[Token]:
    """The verb and the clause heads above it, up to the sentence root."""
    chain = [verb]
    node = verb
    for _ in range(_MAX_UP):
        if node.head.i == node.i or not (node.dep_ in _CLAUSE_DEPS or _purpose(node)):
            break
        node = node.head
        chain.append(node)
    return chain


def _purpose(verb: Token) -> bool:
    """`is reported to be preparing a trip to speak with X`: a purpose infinitive is only as
    sure as the act it is the purpose of."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _negated(verb: Token) -> bool:
    """Negated itself, or inside the complement of a negated or denying verb (`did not
    confirm whether he planned to`). A coordinated verb does not share its sibling's negation
    (`has not confirmed X but urged Y`)."""
    if any(c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
           for c in verb.children):
        return True  # `held no talks`, `made no concessions`
    node = verb
    for _ in range(_MAX_UP):
        if any(c.dep_ == "neg" for c in node.children):
            return True
        if node is not verb and node.lemma_.lower() in _NEGATORS:
            return True
        if node.dep_ not in ("ccomp", "xcomp", "pcomp") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _reported_future(verb: Token) -> bool:
    """`Ukraine said it would impose sanctions`: `would` is the future of a past report, not a
    condition, when the event's own verb carries it (not `said talks would be good`), in a
    clause a past speech verb reports, with no `if` above it."""
    auxes = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if verb.lemma_ == "be" or "would" not in auxes or "have" in auxes:  # `would have objected`: counterfactual
        return False
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or clause.head.tag_ not in ("VBD", "VBN") or not is_cue(clause.head):
        return False
    conditions = [c for c in verb.children if c.dep_ == "advcl"] + _chain(verb)  # `would impose X if Y`
    return not any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for t in conditions
                   for c in t.children)


def _hypothetical(verb: Token, future: bool) -> bool:
    for t in _chain(verb):
        if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL_AUX and not (future and t is verb and c.lower_ == "would")
               for c in t.children):
            return True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            return True
    return False


def _claimant(verb: Token, registry: Resolver) -> bool:
    """Is the event inside a claim made by an actor other than the event's own subject?"""
    for t in _chain(verb)[1:]:
        if t.lemma_.lower() in _BELIEFS and t.pos_ == "VERB":
            return True  # `believed Ukraine needed to investigate X`
        if t.lemma_.lower() in _CLAIMS and t.pos_ in ("VERB", "AUX"):
            claimer = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if t.lemma_.lower() == "report" and any(c.dep_ == "auxpass" for c in t.children):
                return True  # `X is reported to be preparing a trip`
            if t.lemma_.lower() in ("accuse", "allege", "suspect", "blame") and t.i != verb.i:
                return True  # `accusing it of providing X`: the accused act is at most reported
            if claimer is None or subject is None:
                return False
            a, b = registry.lookup(claimer), registry.lookup(subject)
            if a is not None and b is not None and a.id != b.id:
                return True
    return False


def _planned(verb: Token, future: bool) -> bool:
    """A future, an intention above the verb, or a verb contemplating its object."""
    if verb.lemma_.lower() in _CONTEMPLATE or future:
        return True
    for t in _chain(verb)[:3]:
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children):
            return True
        if t is not verb and t.lemma_.lower() in _INTENT:
            return True
        if t.lower_ == "to" or any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            be = t.head if t.dep_ == "xcomp" else None
            if be is not None and be.lemma_ == "be":
                return True  # `is to visit`
    return False


def event_modality(verb: Token, registry: Resolver, *, own: bool = True) -> Modality:
    """The modality of the act `verb` names, or (`own` false) of an act a noun names in the
    clause of `verb`: `said talks would fail` does not report talks to come."""
    future = own and _reported_future(verb)
    if _negated(verb):
        return Modality.NEGATED
    if _hypothetical(verb, future):
        return Modality.HYPOTHETICAL
    if _claimant(verb, registry):
        return Modality.REPORTED
    if _planned(verb, future):
        return Modality.PLANNED
    return Modality.ASSERTED
