"""Events news names with a noun and no verb to code: `Trump's July 25 call with Zelensky`,
`Lam's trip to Beijing`, `US sanctions against Iran`, `the talks between A and B`.

The noun table (`data/nouns.tsv`) says which nouns name which event and where the target is;
the parse says the rest. The source is the noun's owner (a possessive, a country adjective or
a compound name: `Beijing's demands`, `Palestinian criticism`, `US sanctions`), or its `by` or
`from` phrase (`a visit by Xi`, `criticism from Moscow`), or the subject of a light verb that
does the act (`launched an investigation into`, `made concessions to`). When the noun has no
target of its own, whoever undergoes it is the target (`Washington faced criticism`). A noun
under a verb that says the act is not done or asks it of someone else (`called for talks`,
`opposed the visit`) names no event: the verb is the event, if any; one still to come
(`threatened sanctions`, `planned talks`, `expectations of a trade deal`) is planned. This module only reads the
parse; the coder resolves the tokens to actors and the clause to a modality.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.events.dictionary import Pattern

__all__ = ["NounFrame", "noun_frames"]

# Verbs that do the act their object names: the subject is the source (`imposed tariffs on`).
_LIGHT = frozenset({
    "launch", "open", "conduct", "hold", "stage", "carry", "make", "issue", "announce", "impose",
    "level", "lodge", "file", "deliver", "give", "pay", "begin", "start", "resume", "continue",
    "have", "take", "mount", "initiate", "escalate", "intensify", "extend", "express", "voice",
    "slap", "unveil", "order", "authorize", "authorise", "sign", "pursue", "renew", "step",
    "ramp", "raise", "put", "place", "reimpose", "expand", "tighten", "keep", "maintain", "send",
    "deploy", "provide", "offer", "grant", "complete", "wrap", "conclude",
})
# Verbs whose object is done to their subject (`faced criticism`, `came under attack`).
_UNDERGO = frozenset({"face", "receive", "draw", "earn", "attract", "suffer", "weather", "endure",
                      "meet", "come", "win", "welcome", "get"})
# Verbs above a noun that say the act it names was not done, or asked of someone else: no event.
_NOT_DONE = frozenset({
    "demand", "urge", "call", "push", "press", "ask", "oppose", "reject", "deny", "avoid", "prevent",
    "cancel", "scrap", "resist", "fear", "warn", "rule", "request", "require", "block", "refuse",
    "decline", "avert", "risk", "withhold",
})
# Verbs above a noun that say the act is still to come: a planned event (`plans talks with`).
_PENDING = frozenset({
    "threaten", "plan", "propose", "consider", "mull", "weigh", "seek", "want", "hope", "expect",
    "prepare", "debate", "vote", "discuss", "study", "explore", "need", "postpone", "delay", "aim",
})
# Roots of speech acts: a demand or an accusation that is rejected or denied was still made.
_SPEECH_ROOTS = ("01", "02", "10", "11", "12", "13", "14")
# A noun's own words for an act not yet done (`planned talks`, `a possible visit`).
_PROSPECTIVE = frozenset({"planned", "upcoming", "proposed", "possible", "potential", "future",
                          "expected", "prospective", "scheduled", "forthcoming", "mooted", "likely"})
_OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod"})
# Nouns whose complement is an act not (yet) done: `expectations of a trade deal`, `a
# breakthrough in the talks`, `hopes for a visit`.
_PROSPECT_NOUNS = frozenset({"expectation", "hope", "prospect", "chance", "possibility", "breakthrough",
                             "push", "bid", "effort", "plan", "proposal", "call", "demand", "threat", "fear",
                             "risk", "idea", "prospects", "likelihood", "talk", "question", "offer"})


@dataclass(frozen=True, slots=True)
class NounFrame:
    """A noun naming an event, with the tokens that may name its sides."""

    pattern: Pattern
    noun: Token
    sources: list[Token]  # owners and `by`/`from` phrases
    targets: list[Token]  # the pattern's preposition objects, or both sides of `between`
    doer: Token | None  # a light verb doing the act, whose subject is the source
    undergoer: Token | None  # the subject of `faced`, `received`: a target
    clause: Token | None  # the verb of the clause the noun stands in (its modality)
    definite: bool  # `the occupation of Crimea`, `Trump's call`: presupposed, whatever the clause says
    pending: bool  # `planned talks`, `expectations of a deal`: still to come


def _expand(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_expand(child))
    return out


def _owners(noun: Token, from_is_target: bool) -> list[Token]:
    """The noun's possessive, adjective and compound names (`US-China trade talks` gives US
    and China, through the compound chain), and its `by` or `from` phrase."""
    found: list[Token] = []
    stack = [c for c in noun.lefts if c.dep_ in _OWNER_DEPS]
    while stack:
        token = stack.pop(0)
        found.extend(_expand(token))  # `Russian and Chinese criticism`
        stack.extend(c for c in token.lefts if c.dep_ in ("compound", "amod"))
    for word in ("by",) if from_is_target else ("by", "from"):
        found.extend(g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == word
                     for p in c.children if p.dep_ == "pobj" for g in _expand(p))
    # `tariffs imposed by China`: the agent of the participle that describes the noun
    found.extend(g for a in _participles(noun) for c in a.children if c.dep_ == "agent"
                 for p in c.children if p.dep_ == "pobj" for g in _expand(p))
    return found


def _participles(noun: Token) -> list[Token]:
    """The past participles describing the noun (`sanctions imposed by the US on Iran`): their
    agent and prepositions are the noun's."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def _targets(pattern: Pattern, noun: Token) -> list[Token]:
    where = pattern.target
    if where == "between":
        return [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                for p in c.children if p.dep_ == "pobj" for t in _expand(p)]
    if where.startswith("prep:"):
        words = set(where.split(":", 1)[1].split("|"))
        # `the occupation by Russia of Crimea`: the parse may hang the target on the agent
        holders = [noun] + [p for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                            for p in c.children if p.dep_ == "pobj"] + _participles(noun)
        return [t for h in holders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in words
                for p in c.children if p.dep_ == "pobj" for t in _expand(p)]
    return []


# `X is the subject of an inquiry`, `the target of sanctions`: X undergoes the noun's act.
_UNDERGO_NOUNS = frozenset({"subject", "target", "focus", "object", "victim"})


def _subject_of(noun: Token, clause: Token) -> bool:
    """`WeWork is the subject of an inquiry`, `became the target of sanctions`: the noun is
    the `of` object of such a word, which is the predicate of the clause's subject."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ != "of":
        return False
    word = of.head
    return word.lemma_.lower() in _UNDERGO_NOUNS and word.dep_ in ("attr", "oprd") and word.head.i == clause.i


# Verbs whose object undergoes what their subject names (`sanctions hit Russian banks`).
_HARM = frozenset({"hurt", "hit", "harm", "damage", "affect", "target", "punish", "squeeze", "cripple"})


def _harmed(noun: Token, clause: Token) -> Token | None:
    """`tariffs imposed by China hurt American farmers` (the object), `farmers hit by Chinese
    tariffs` (what the participle describes): who undergoes the act the noun names."""
    if clause.lemma_.lower() not in _HARM:
        return None
    if noun.dep_ == "nsubj" and noun.head.i == clause.i:
        return next((c for c in clause.children if c.dep_ == "dobj"), None)
    if noun.dep_ == "pobj" and noun.head.dep_ == "agent" and noun.head.head.i == clause.i \
            and clause.dep_ == "acl" and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return None


def _clause(noun: Token) -> Token | None:
    token = noun
    for _ in range(8):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _noun_words(noun: Token) -> set[str]:
    words = {noun.lemma_.lower(), noun.lower_}
    for c in noun.lefts:
        if c.dep_ in ("compound", "amod"):
            words |= {f"{c.lower_} {noun.lemma_.lower()}", f"{c.lower_} {noun.lower_}"}
    return words


def _under(noun: Token, clause: Token | None, verbs: frozenset[str]) -> bool:
    """Is the noun what such a verb is about (its object, not inside its subject)?"""
    if clause is None or clause.lemma_.lower() not in verbs:
        return False
    token = noun
    while token.head.i != clause.i:
        token = token.head
    return token.dep_ not in ("nsubj", "csubj")


def _not_done(noun: Token, clause: Token | None) -> bool:
    """`no talks`, `opposed the visit`, `called for sanctions`: nothing done by the owner."""
    if any(c.dep_ in ("det", "neg") and c.lower_ == "no" for c in noun.children):
        return True
    return _under(noun, clause, _NOT_DONE)


def _pending(noun: Token, clause: Token | None) -> bool:
    """`planned talks`, `expectations of a trade deal`, `plans a visit to`: still to come."""
    if any(c.dep_ == "amod" and c.lower_ in _PROSPECTIVE for c in noun.children):
        return True
    head = noun
    while head.dep_ in ("pobj", "prep") and head.head.i != head.i:
        head = head.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in _PROSPECT_NOUNS:
            return True
    return _under(noun, clause, _PENDING)


def noun_frames(sent: Span, nouns: Mapping[str, Sequence[Pattern]], used: set[int]) -> Iterator[NounFrame]:
    """Each noun of the sentence the table knows, with its first row whose target the parse
    has (or that needs none, or whose target is the noun's undergoer)."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.i in used or noun.dep_ == "compound":
            continue
        rows = nouns.get(noun.lemma_.lower()) or nouns.get(noun.lower_)
        if not rows:
            continue
        clause = _clause(noun)
        prospective = _not_done(noun, clause)
        light = clause is not None and noun.head.i == clause.i and noun.dep_ == "dobj"
        # `imposed tariffs on`, `threatened sanctions against`: the subject does (or would do) it
        doer = clause if light and clause is not None and clause.lemma_.lower() in _LIGHT | _PENDING else None
        undergoer = None
        if clause is not None and clause.lemma_.lower() in _UNDERGO and noun.dep_ in ("dobj", "pobj"):
            undergoer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        elif clause is not None and _subject_of(noun, clause):
            undergoer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        elif clause is not None:
            undergoer = _harmed(noun, clause)
        words = _noun_words(noun)
        for pattern in rows:
            if pattern.verb not in words or (prospective and not pattern.cameo.startswith(_SPEECH_ROOTS)):
                continue
            targets = _targets(pattern, noun)
            sources = _owners(noun, pattern.target == "prep:from")
            paired = pattern.symmetric and len(sources) > 1  # `US-China talks`
            if pattern.target != "none" and not targets and undergoer is None and not paired:
                continue
            definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
                           for c in noun.children)
            pending = _pending(noun, clause) and not pattern.cameo.startswith(_SPEECH_ROOTS)
            yield NounFrame(pattern, noun, sources, targets, doer, undergoer, clause, definite and not pending,
                            pending)
            break
