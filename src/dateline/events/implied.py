"""Sides the story implies: who a clause leaves out, read from the words around it.

News often leaves out a side the reader supplies without effort. Captives `who had been held
by X` and `were released` were released by X; a swap of hostages `for fighters held by Y` has Y
releasing the fighters; a group that `claimed responsibility for shooting down a drone` shot it
down; `"an enemy helicopter shot down this morning," the group's spokesman said` names the
claimant's side as the attacker; `the men asked their governments for help` asks each man's
own state; `the crowd faced rubber bullets` faced the one police or army force the story has
just named; `an American and a Briton` are a citizen of each country.

This module only reads the parse (and, for the nearby force, the actors the article named);
the coder (`coder.py`) resolves the tokens to actors and marks every side found this way
indirect, so its events carry a lower confidence. Lookups per candidate verb, no pass over the
document.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from dateline.language.attribution import is_cue
from dateline.language.phrases import conjuncts, tokens_of
from dateline.model import Actor, ActorKind

__all__ = [
    "FORCE_ROOTS", "attacker_named", "captives", "claimant", "exchanged", "faced_force", "force_nearby", "headline_passive",
    "holders", "nationals", "owners", "pronoun_owner", "reporting_pair", "own_state", "responsibility_object", "scene_places", "speaks_for_a_side",
]

# Verbs that set captives free, and the verbs that say who held them.
_FREEING = frozenset({"release", "free", "return", "hand", "swap", "exchange", "liberate"})
_HOLDING = frozenset({"hold", "capture", "kidnap", "abduct", "detain", "seize", "take", "imprison", "jail",
                      "keep", "snatch"})
# Nouns whose owner is their captor (`the group's hostages`); `Iran's prisoners` may be Iranians.
_CAPTIVE_NOUNS = frozenset({"hostage", "captive"})
# Verbs of exchanging one set of captives for another (`swapped A for B held by Y`).
_EXCHANGING = frozenset({"swap", "exchange", "trade"})
# `claimed responsibility for V-ing Y`: the claim verbs and their nouns.
_CLAIMING = frozenset({"claim", "take", "accept", "admit"})
_RESPONSIBILITY = frozenset({"responsibility", "credit"})
# Roots a speaker's side may be the unnamed doer of: coerce, assault, fight, mass violence,
# and release (`"the hostages were freed," the group said`).
FORCE_ROOTS = ("08", "17", "18", "19", "20")
# Nouns for a state's own authorities (`asked their governments to help`).
_STATE_NOUNS = frozenset({"government", "governments", "state", "authorities", "country", "countries"})
_OWNING_PRONOUNS = frozenset({"his", "her", "their"})
# What a crowd `faced` or `came under` from a force: repression (175) or fire (190).
_REPRESSION = frozenset({"rubber bullet", "rubber bullets", "teargas", "tear gas", "water cannon",
                         "water cannons", "pepper spray", "batons", "baton charge", "stun grenades"})
_FIRE = frozenset({"fire", "gunfire", "live fire", "live rounds", "shelling", "sniper fire"})
_UNDERGOING = frozenset({"face", "meet", "come", "encounter", "endure", "suffer"})
# Group roles that use force on a crowd: police and the military (the codes of `groups.tsv`).
_FORCE_ROLES = ("COP", "MIL")
_PARTICLES = frozenset({"down", "up", "off", "out"})
# Nouns for whoever did an attack the story does not name otherwise (`the assailant`).
_ATTACKERS = frozenset({"assailant", "attacker", "gunman", "gunmen", "killer", "assassin", "shooter",
                        "stabber", "bomber"})



def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _agented(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def captives(verb: Token) -> Token | None:
    """The noun naming those an agentless passive of freeing sets free (`the hostages were
    released`): its passive subject, or, when the parse hung the freeing verb under the
    participle that describes them (`two hostages who had been held by X since May were
    released`, read with `May` as the subject), the noun that participle describes."""
    if verb.lemma_.lower() not in _FREEING or not _passive(verb) or _agented(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
        return subject
    if subject is not None and subject.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
        return verb.head  # `the hostages, who were released on Monday`
    node = verb
    for _ in range(3):  # the parse hung the verb under the phrase naming the captives
        if node.dep_ not in ("advcl", "conj", "relcl", "acl") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("NOUN", "PROPN"):
            return _apposed_to(node)
        if node.lemma_.lower() not in _HOLDING:
            return None
    return None


def _apposed_to(token: Token) -> Token:
    """The noun an apposition (or a word coordinated with one) sets off: `two nurses - a Briton
    and a Canadian`, from `a Canadian`."""
    node = token
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node.head if node.dep_ == "appos" and node.head.pos_ in ("NOUN", "PROPN") else token


def holders(captive: Token) -> list[Token]:
    """Who held the captives: the agent of a holding participle describing them (`held by X`,
    `who had been kidnapped by X`), else the owner of a hostage noun (`the group's hostages`)."""
    nouns = [captive] + [t for c in captive.children if c.dep_ == "appos" for t in conjuncts(c)]
    found = [g for n in nouns for c in n.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _HOLDING
             for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    if not found and captive.lemma_.lower() in _CAPTIVE_NOUNS:
        found = [c for c in captive.children if c.dep_ == "poss"]
    return [t for g in found for t in conjuncts(g)]


def nationals(noun: Token) -> list[Token]:
    """The words setting off who a plural noun is (`two hostages - an American and a Briton`):
    each names a citizen of its country. Empty when the noun has none."""
    return [t for c in noun.children if c.dep_ == "appos" for t in conjuncts(c)]


def exchanged(verb: Token) -> tuple[Token, list[Token]] | None:
    """`swapped two hostages for three fighters held by Y`: the captives the other side gives
    up (the noun the holding participle describes) and who held them (its agent)."""
    if verb.lemma_.lower() not in _EXCHANGING:
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"):
        for token in prep.subtree:
            if token.dep_ == "acl" and token.lemma_.lower() in _HOLDING and token.head.pos_ == "NOUN":
                agents = [g for a in token.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
                if agents:
                    return token.head, [t for g in agents for t in conjuncts(g)]
    return None


def claimant(verb: Token) -> Token | None:
    """`X claimed responsibility for shooting down Y`: the verb of the claim, whose subject did
    what the gerund names."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "for":
        return None
    noun = verb.head.head
    if noun.lemma_.lower() not in _RESPONSIBILITY or noun.dep_ != "dobj":
        return None
    claim = noun.head
    return claim if claim.lemma_.lower() in _CLAIMING else None


def responsibility_object(verb: Token) -> list[Token]:
    """What a claim of responsibility is about: the object of its gerund (`for downing the
    drone`) or of the act its noun names (`for the attack on the convoy`)."""
    noun = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _RESPONSIBILITY), None)
    if noun is None:
        return []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "for"):
        for g in prep.children:
            if g.dep_ == "pcomp":
                return [t for c in g.children if c.dep_ == "dobj" for t in conjuncts(c)]
            if g.dep_ == "pobj":
                return [t for p in g.children if p.dep_ == "prep" and p.lower_ in ("on", "against")
                        for o in p.children if o.dep_ == "pobj" for t in conjuncts(o)]
    return []


def attacker_named(verb: Token) -> Token | None:
    """`X was stabbed to death, and a man was hurt trying to stop the assailant`: the one noun
    for an attacker in the sentence of an agentless passive of force is its doer; not one the
    passive is about (`the attacker was shot dead`)."""
    sent = verb.sent
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    undergoers = {t.i for t in subject.subtree} if subject is not None else set()
    found = [t for t in tokens_of(sent) if t.pos_ == "NOUN" and t.dep_ != "compound"
             and t.lemma_.lower() in _ATTACKERS and t.i not in undergoers]
    return found[0] if len({t.lemma_.lower() for t in found}) == 1 else None


def headline_passive(verb: Token) -> Token | None:
    """A passive written without its auxiliary, as headlines and tweets do (`enemy tank
    destroyed`, `helicopter shot down`), read by the parse as an active verb whose subject
    is a thing: that subject is what was acted on. Only a participle, or a phrasal verb with
    its particle, with no object of its own."""
    if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("dobj", "aux", "auxpass", "nsubjpass") for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN":
        return None
    particle = any(c.dep_ in ("prt", "advmod") and c.lower_ in _PARTICLES and c.i == verb.i + 1 for c in verb.children)
    return subject if verb.tag_ == "VBN" or particle else None


def owners(noun: Token) -> list[Token]:
    """The words owning a thing (`US helicopter`, `the army's tank`, `their helicopter`)."""
    return [c for c in noun.lefts if c.dep_ in ("poss", "compound", "amod", "nmod")]


def pronoun_owner(noun: Token) -> Token | None:
    """`The Saudis wanted to attack, but their helicopter was shot down`: the subject named
    last before an owning `its` or `their` in its sentence."""
    pronoun = next((c for c in noun.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
    if pronoun is None:
        return None
    return next((t for t in reversed(noun.doc[noun.sent.start:pronoun.i])
                 if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")), None)


def reporting_pair(token: Token) -> Token | None:
    """`Both men said they were treated well and asked ...`: the `they` of a reported clause
    is its reporter when that is a pair (`both men`, `the two leaders`)."""
    if token.lower_ != "they" or token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    cue = clause.head
    # `claimed at the time that they were ...`: the parse may hang the clause on the time
    for _ in range(3):
        if cue.dep_ not in ("relcl", "pobj", "prep") or cue.head.i == cue.i:
            break
        cue = cue.head
    if clause.dep_ not in ("ccomp", "relcl") or cue.pos_ != "VERB" or not is_cue(cue):
        return None
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or not any(c.lower_ in ("both", "two") for c in subject.children):
        return None
    return subject


def speaks_for_a_side(speaker: Actor) -> bool:
    """A speaker whose claims are their side's: a state, a body or a group, or a person the
    article gives a role (`the group's spokesman`), not a witness."""
    return speaker.kind != ActorKind.PERSON or bool(speaker.roles)


def own_state(token: Token) -> bool:
    """`asked their governments to help`, `appealed to his government`: the state the owner
    of the noun belongs to, whoever that is."""
    return (token.lower_ in _STATE_NOUNS or token.lemma_.lower() in _STATE_NOUNS) and any(
        c.dep_ == "poss" and c.lower_ in _OWNING_PRONOUNS for c in token.children)


def faced_force(verb: Token) -> tuple[str, Token] | None:
    """`the crowd faced rubber bullets`, `came under fire`: the code of what the subject
    underwent (175 repression, 190 fire) and the subject."""
    if verb.lemma_.lower() not in _UNDERGOING:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("under", "with") for g in c.children
             if g.dep_ == "pobj"]
    for obj in (t for o in objs for t in conjuncts(o)):
        words = {obj.lower_, obj.lemma_.lower()}
        words |= {f"{c.lower_} {w}" for c in obj.lefts if c.dep_ in ("compound", "amod") for w in list(words)}
        if words & _REPRESSION:
            return "175", subject
        if words & _FIRE:
            return "190", subject
    return None


def force_nearby(sides: Sequence[Actor]) -> Actor | None:
    """The one police or military force among the sides of the events just before, when
    there is exactly one (`police` and `officers` of one state are one force); the last named."""
    forces = {(a.country, (a.code or "")[-3:]): a for a in sides
              if a.kind in (ActorKind.GROUP, ActorKind.ORG) and (a.code or "").endswith(_FORCE_ROLES)}
    return next(iter(forces.values())) if len(forces) == 1 else None


def scene_places(verb: Token) -> list[Token]:
    """Where a clause happened: the objects of `in`, `at`, `near` under the verb or its agent's
    phrase, and the place they in turn lie in (`in the heart of the capital`)."""
    holders_ = [verb] + [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    holders_ += [c for h in holders_[1:] for c in h.children if c.dep_ == "acl"]
    found: list[Token] = []
    for prep in (c for h in holders_ for c in h.children if c.dep_ == "prep" and c.lower_ in ("in", "at", "near")):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            found.append(place)
            found.extend(g for p in place.children if p.dep_ == "prep" and p.lower_ == "of"
                         for g in p.children if g.dep_ == "pobj")
    return found
