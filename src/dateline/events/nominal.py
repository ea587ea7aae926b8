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

Chains of nouns: aid under a noun that stops it is aid cut (`the hold on American military aid
to Georgia`: 1622, even under `opposed`: the hold happened); a refusal noun with an infinitive
is a refusal of that act (`Hungary's reluctance to lift sanctions on Serbia`: 1244); a state
before `-specific` is the target (`Serbia-specific tariffs`); a gerund without a subject
undergoes with its clause's subject (`After receiving a loan from Qatar, Lebanon ...`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dateline.events.dictionary import Pattern
from dateline.language.phrases import conjuncts, tokens_of

__all__ = ["REFUSAL_NOUNS", "NounFrame", "RefusalFrame", "noun_frames", "refusal_frame"]

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
    judged: bool  # `considers the annexation illegal`: the clause judges it, it does not plan it



def _owners(noun: Token, from_is_target: bool) -> list[Token]:
    """The noun's possessive, adjective and compound names (`US-China trade talks` gives US
    and China, through the compound chain), and its `by` or `from` phrase."""
    found: list[Token] = []
    stack = [c for c in noun.lefts if c.dep_ in _OWNER_DEPS]
    while stack:
        token = stack.pop(0)
        found.extend(conjuncts(token))  # `Russian and Chinese criticism`
        stack.extend(c for c in token.lefts if c.dep_ in ("compound", "amod"))
    for word in ("by",) if from_is_target else ("by", "from"):
        found.extend(g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == word
                     for p in c.children if p.dep_ == "pobj" for g in conjuncts(p))
    # `tariffs imposed by China`: the agent of the participle that describes the noun
    found.extend(g for a in _participles(noun) for c in a.children if c.dep_ == "agent"
                 for p in c.children if p.dep_ == "pobj" for g in conjuncts(p))
    return found


def _participles(noun: Token) -> list[Token]:
    """The past participles describing the noun (`sanctions imposed by the US on Iran`): their
    agent and prepositions are the noun's."""
    return [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]


def _targets(pattern: Pattern, noun: Token) -> list[Token]:
    where = pattern.target
    if where == "between":
        return [t for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"
                for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if where.startswith("prep:"):
        words = set(where.split(":", 1)[1].split("|"))
        # `the occupation by Russia of Crimea`: the parse may hang the target on the agent
        holders = [noun] + [p for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
                            for p in c.children if p.dep_ == "pobj"] + _participles(noun)
        return [t for h in holders for c in h.children if c.dep_ in ("prep", "dative") and c.lower_ in words
                for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
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
    return _under(noun, clause, _PENDING) and not _judged_as(clause)


def _judged_as(clause: Token | None) -> bool:
    """`considers the annexation illegal`, `views the move as a provocation`: the verb judges a
    thing that is, it does not plan it."""
    return clause is not None and clause.lemma_.lower() in _JUDGING_VERBS and any(
        c.dep_ == "oprd" or (c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("ADJ", "NOUN"))
        or (c.dep_ == "prep" and c.lower_ == "as") for c in clause.children)


# Verbs that judge what their object is (`considers X illegal`), whatever else they may mean.
_JUDGING_VERBS = frozenset({"consider", "view", "regard", "deem", "see", "judge", "find", "call", "describe"})


def _gerund_subject(clause: Token) -> Token | None:
    """`After receiving a loan from X, Lebanon cut spending`: a gerund or participle with no
    subject of its own shares the subject of the clause it modifies."""
    token = clause
    for _ in range(3):
        if token.dep_ not in ("pcomp", "prep", "advcl") or token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return next((c for c in token.children if c.dep_ == "nsubj"), None)
    return None


# Nouns that stop what their `on`/`of` phrase names: aid held up is aid cut.
_STOPS = frozenset({"hold", "freeze", "suspension", "halt", "cut", "cuts", "cutoff", "withholding", "delay"})
# The aid cut a kind of aid makes (`data/nouns.tsv` 07x -> CAMEO 162x).
_AID_CUT = {"070": "162", "071": "1621", "072": "1622", "073": "1623"}


def _stopped(noun: Token) -> Token | None:
    """`the hold on American military aid`: the noun stopping the aid, if any."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("on", "of") or prep.head.i == prep.i:
        return None
    stop = prep.head
    return stop if stop.pos_ == "NOUN" and (stop.lemma_.lower() in _STOPS or stop.lower_ in _STOPS) else None


# States before these words are the target, not the owner: `Serbia-specific tariffs`.
_AIMED = frozenset({"specific", "targeted", "focused"})


def _aimed_at(noun: Token) -> list[Token]:
    return [g for c in noun.children if c.dep_ == "amod" and c.lower_ in _AIMED
            for g in c.children if g.dep_ in ("npadvmod", "compound", "advmod", "nmod")]


def noun_frames(sent: Span, nouns: Mapping[str, Sequence[Pattern]], used: set[int]) -> Iterator[NounFrame]:
    """Each noun of the sentence the table knows, with its first row whose target the parse
    has (or that needs none, or whose target is the noun's undergoer)."""
    for noun in tokens_of(sent):
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
            undergoer = next((c for c in clause.children if c.dep_ == "nsubj"), None) or _gerund_subject(clause)
        elif clause is not None and _subject_of(noun, clause):
            undergoer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        elif clause is not None:
            undergoer = _harmed(noun, clause)
        words = _noun_words(noun)
        stop = _stopped(noun)
        if stop is not None and any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                                    for c in stop.children):
            prospective = False  # `opposed the hold on aid`: the hold was made
        aimed = _aimed_at(noun)
        for pattern in rows:
            if pattern.verb not in words or (prospective and not pattern.cameo.startswith(_SPEECH_ROOTS)):
                continue
            if stop is not None and pattern.cameo in _AID_CUT:
                pattern = replace(pattern, cameo=_AID_CUT[pattern.cameo])
            targets = _targets(pattern, noun) + aimed
            sources = [t for t in _owners(noun, pattern.target == "prep:from")
                       if t not in aimed and t.lower_ not in _AIMED]
            if undergoer is not None and clause is not None:  # `received a loan from Qatar`
                sources += [g for c in clause.children if c.dep_ == "prep" and c.lower_ == "from"
                            for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
            paired = pattern.symmetric and len(sources) > 1  # `US-China talks`
            if pattern.target != "none" and not targets and undergoer is None and not paired:
                continue
            definite = any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
                           for c in noun.children)
            pending = _pending(noun, clause) and not pattern.cameo.startswith(_SPEECH_ROOTS)
            yield NounFrame(pattern, noun, sources, targets, doer, undergoer, clause, definite and not pending,
                            pending, _judged_as(clause))
            break


# Nouns saying their owner will not do what their infinitive names: `Hungary's reluctance to lift`.
_REFUSALS = frozenset({"reluctance", "refusal", "unwillingness", "resistance", "opposition"})
# What refusing an act is (CAMEO 12x), by the infinitive, and for easing by what is eased.
_EASE = frozenset({"lift", "ease", "remove", "drop", "roll", "end", "scrap", "relax", "suspend", "waive", "cut"})
_PRESSURE = frozenset({"sanction", "sanctions", "tariff", "tariffs", "embargo", "boycott", "restriction",
                       "restrictions", "duty", "duties", "blockade"})
_REFUSED = {"release": "1243", "free": "1243", "negotiate": "125", "talk": "125", "meet": "125",
            "withdraw": "124", "retreat": "124", "yield": "124", "concede": "124", "compromise": "124"}


@dataclass(frozen=True, slots=True)
class RefusalFrame:
    """A refusal noun and the act refused: its owners are the source; the target is the act's
    `on`/`against`/`with` phrase or its object, else (for sanctions) whom the article last named
    the source imposing them on."""

    cameo: str
    noun: Token
    sources: list[Token]
    targets: list[Token]
    clause: Token | None


REFUSAL_NOUNS = _REFUSALS


def refusal_frame(noun: Token) -> RefusalFrame | None:
    """`Hungary's reluctance to lift sanctions on Serbia` (1244), `Iran's refusal to negotiate
    with France` (125): the refusal of the infinitive's act, by the noun's owner (the caller
    looks the noun up in `REFUSAL_NOUNS`)."""
    if noun.pos_ != "NOUN":
        return None
    act = next((c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VB"), None)
    if act is None:
        return None
    lemma = act.lemma_.lower()
    obj = next((c for c in act.children if c.dep_ == "dobj"), None)
    if lemma in _EASE and obj is not None and (obj.lemma_.lower() in _PRESSURE or obj.lower_ in _PRESSURE):
        cameo = "1244"
    elif lemma in _REFUSED:
        cameo = _REFUSED[lemma]
    else:
        return None
    holders = [act] + ([obj] if obj is not None else [])
    targets = [t for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "with")
               for p in c.children if p.dep_ == "pobj" for t in conjuncts(p)]
    if not targets and cameo == "1243" and obj is not None:
        targets = conjuncts(obj)
    sources = [c for c in noun.children if c.dep_ == "poss"] + [
        g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"]
    if not sources:
        return None
    return RefusalFrame(cameo, noun, [t for s in sources for t in conjuncts(s)], targets, _clause(noun))
