"""Who said a quotation: the speech verb that governs it, and that verb's subject.

The parse is read outward from the quoted words: the first speech verb on the way up the
dependency tree is the cue (`called Xi's trip "a visit for peace"`, `urged ..., adding that
"..."`); failing that, the nearest speech verb of the sentence (`Beijing "hopes ...", Qin told
his counterpart`), or `according to X`. A quoted modifier that no speech verb governs is a term
in the reporter's voice, not speech (`a "no limits" partnership`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from dateline.language.phrases import tokens_of

__all__ = ["CUE_LEMMAS", "SOURCE_NOUNS", "Attribution", "attribute", "is_cue", "quoted_modifier", "reporter",
           "resolve_subject", "speech_subject"]

CUE_LEMMAS = frozenset({
    "say", "tell", "add", "state", "announce", "declare", "note", "warn", "insist", "explain",
    "stress", "underline", "underscore", "emphasise", "emphasize", "claim", "argue", "write",
    "tweet", "post", "ask", "reply", "respond", "answer", "urge", "call", "describe", "caution",
    "complain", "concede", "acknowledge", "admit", "confirm", "deny", "suggest", "predict", "vow",
    "pledge", "promise", "reiterate", "conclude", "recall", "comment", "remark", "observe",
    "report", "quote", "accuse", "charge", "assert", "affirm", "maintain", "contend", "demand",
    "lament", "boast", "joke", "shout", "exclaim", "whisper", "testify", "brief", "tout",
    "reaffirm", "welcome", "condemn", "criticise", "criticize", "praise", "hail", "dismiss",
    "recount", "request", "allege", "introduce", "remember", "beg", "plead", "blast", "assure",
    "speculate", "wonder", "quip", "muse", "retort", "counter", "elaborate", "inform", "dub", "term",
    "label", "brand", "recommend", "propose", "mention", "telegraph", "message", "text", "email",
    "cheer", "applaud", "decry", "denounce", "lambast", "slam", "instruct",
})
# `pointed out`, `spelled out`: a speech cue only with its particle.
_PHRASAL_CUES = frozenset({("point", "out"), ("spell", "out"), ("sound", "off"), ("lay", "out")})
# `sees the line-up as its "Achilles heel"`: a verb of opinion with an `as` phrase characterises,
# in the words of its subject.
_AS_CUES = frozenset({"see", "view", "regard"})
# Every lemma that can be a cue, in one set: most verbs are none, and are let go before their
# dependents are looked at.
_CUE_CANDIDATES = CUE_LEMMAS | _AS_CUES | frozenset(lemma for lemma, _ in _PHRASAL_CUES)
# Passive speech verbs whose subject is still the speaker (`X was quoted as saying`); for any
# other (`X was told`, `X was accused of`) the subject is the one spoken to or about.
_PASSIVE_SPEAKER = frozenset({"quote", "cite", "report"})
# Things that speak for whoever made them: `a statement from the ministry said`, `according to a
# survey by X`; the speaker is the maker named after `by`, `from` or `of`.
SOURCE_NOUNS = frozenset({
    "statement", "report", "survey", "study", "post", "tweet", "letter", "release", "communique",
    "communiqué", "memo", "filing", "note", "message", "email", "transcript", "interview",
    "announcement", "document", "press", "paper", "analysis", "poll", "blog", "video", "speech",
})
# Verbs that name or label rather than report speech when their object is a quoted modifier.
_NAMING = frozenset({"call", "dub", "term", "label", "name", "brand", "describe"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "det", "nummod", "poss"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_INHERIT_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "relcl"})
_MAX_CLIMB = 12
_SHORT_ATTRIBUTION = 8
# Heads of a clause of their own: a quoted modifier inside one is the clause's term (`said it is
# committed to the "one country" formula`), not the words of the speech verb above it.
_CLAUSE_DEPS = frozenset({"ccomp", "relcl", "advcl", "ROOT"})

SpeakerTest = Callable[[Token], bool]


@dataclass(frozen=True, slots=True)
class Attribution:
    """The cue (a verb lemma, or `according to`) and the head token of the speaker phrase."""

    cue: str
    subject: Token | None
    cue_token: Token


def is_cue(token: Token) -> bool:
    """A speech verb that is not negated (`has not confirmed` attributes nothing)."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma not in _CUE_CANDIDATES or any(child.dep_ == "neg" for child in token.children):
        return False
    return lemma in CUE_LEMMAS or any(
        (lemma, child.lower_) in _PHRASAL_CUES for child in token.children if child.dep_ == "prt") or (
        lemma in _AS_CUES and any(child.dep_ == "prep" and child.lower_ == "as" for child in token.children))


def _maker(token: Token) -> Token:
    """`a statement from the ministry` names the ministry as the one who speaks; any other
    phrase is itself the speaker."""
    if token.lemma_.lower() not in SOURCE_NOUNS:
        return token
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            objs = [g for g in child.children if g.dep_ == "pobj"]
            if objs and objs[0].lemma_.lower() not in SOURCE_NOUNS:
                return objs[0]
    for child in token.children:  # `the ministry's statement`
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return child
    return token


def _roots(span: Span) -> list[Token]:
    return [t for t in tokens_of(span) if t.head.i < span.start or t.head.i >= span.end or t.head.i == t.i]


def _inside(token: Token, quotes: list[Span]) -> bool:
    return any(q.start <= token.i < q.end for q in quotes)


def speech_subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares with the verb it depends on."""
    for _ in range(4):
        # the subject nearest the verb: a parse may hang a quotation's own subject on it too
        subjects = sorted((c for c in verb.children if c.dep_ == "nsubj" or c.dep_ == "nsubjpass"
                           and verb.lemma_.lower() in _PASSIVE_SPEAKER), key=lambda c: abs(c.i - verb.i))
        if subjects:
            return _maker(subjects[0])
        if (name := _adverb_name(verb)) is not None:
            return name
        for child in verb.children:
            if child.dep_ == "agent":
                objs = [g for g in child.children if g.dep_ == "pobj"]
                if objs:
                    return _maker(objs[0])
        if verb.dep_ not in _INHERIT_DEPS or verb.head.i == verb.i:
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN") \
                and verb.head.lemma_.lower() not in SOURCE_NOUNS:
            return verb.head  # `with Jordan's foreign minister warning of "..."`: the noun speaks
        if verb.dep_ == "acl" and verb.head.lemma_.lower() in SOURCE_NOUNS:
            # `issued a statement warning that ...`: whoever issued it warns
            if (maker := _maker(verb.head)).i != verb.head.i:
                return maker
            verb = verb.head
            if verb.head.i == verb.i:
                return None
        verb = verb.head
    return None


def _adverb_name(verb: Token) -> Token | None:
    """`Early says`, `Early still says`: a capitalised word in front of the verb, perhaps past
    a lower-case adverb, that the tagger took for an adverb is a surname, the verb's subject."""
    at = verb.i - 1
    between = {verb.i}
    while at > verb.sent.start and verb.doc[at].dep_ == "advmod" and verb.doc[at].is_lower \
            and verb.doc[at].head.i in between:
        between.add(at)
        at -= 1
    name = verb.doc[at]
    if at > verb.sent.start and name.dep_ in ("advmod", "npadvmod", "nsubj") and name.text[:1].isupper() \
            and name.is_alpha and name.head.i in between and name.pos_ != "PRON":
        return name
    return None


# Subjects that are the reporter in the clause he reports (`X said he ...`, `"We will ask ...," X said`).
_PERSONAL = frozenset({"he", "she", "i", "we"})


def reporter(pronoun: Token, *, names_person: SpeakerTest) -> Token | None:
    """In `X said (that) he ...` the `he` subject of the reported clause is X, whoever was named
    before, as is the `we` of `"We will ask ...," X added`: the subject of the governing speech
    verb (itself perhaps a pronoun). None when the
    pronoun is not such a subject, or the clause names another person before it (`X said that
    after Y left, he ...`), where `he` is read as usual. `names_person` tells a person's name."""
    clause = pronoun.head
    if pronoun.lower_ not in _PERSONAL or pronoun.dep_ not in _SUBJECT_DEPS or pronoun.i == clause.i:
        return None
    while clause.dep_ == "conj" and clause.head.i != clause.i:  # `said he went and he saw`
        clause = clause.head
    if clause.dep_ != "ccomp" or not is_cue(clause.head):
        return None
    if any(t.i < pronoun.i and t.pos_ in ("PROPN", "NOUN") and names_person(t) for t in clause.subtree):
        return None
    subject = speech_subject(clause.head)
    return subject if subject is not None and subject.i != pronoun.i else None


Found = TypeVar("Found")


def resolve_subject(token: Token, resolve: Callable[[Token], Found | None],
                    is_person: Callable[[Found], bool]) -> Found | None:
    """Who a subject refers to by `resolve`, except that the `he` of `X said he ...` is X when X
    is a person (and nobody when X is no actor: then `he` is not the last person named)."""
    said_by = reporter(token, names_person=lambda t: (found := resolve(t)) is not None and is_person(found))
    if said_by is None:
        return resolve(token)
    found = resolve_subject(said_by, resolve, is_person)
    return found if found is None or is_person(found) else resolve(token)


def _according_to(token: Token) -> Token | None:
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            objs = [g for g in child.children if g.dep_ == "pobj"]
            return _maker(objs[0]) if objs else None
    return None


def _climb(span: Span, quotes: list[Span], *, modifier: bool, speaks: SpeakerTest) -> Attribution | None:
    """The nearest governing cue with a named subject that can speak. A cue whose subject is a
    pronoun, missing, or no actor (`a summit ... urged`) yields to a higher one (`Kuleba said
    that ... he underscored "..."`), and is kept only when there is none."""
    fallback: Attribution | None = None
    for root in _roots(span):
        token = root
        for _ in range(_MAX_CLIMB):
            if token.head.i == token.i:
                break
            token = token.head
            if _inside(token, quotes):
                continue
            if modifier and token.pos_ in ("VERB", "AUX") and token.dep_ in _CLAUSE_DEPS and not is_cue(token):
                break  # `China is committed to the "one country" formula`: a term in the reporter's clause
            found: Attribution | None = None
            if is_cue(token) and not (modifier and token.lemma_.lower() in _NAMING):
                found = Attribution(token.lemma_.lower(), speech_subject(token), token)
            elif (obj := _according_to(token)) is not None:
                found = Attribution("according to", obj, token)
            if found is None:
                continue
            if found.subject is not None and found.subject.pos_ != "PRON" and speaks(found.subject):
                return _reported_by(found, quotes, speaks) or found
            fallback = fallback or found
    return fallback


_STATES = ("GPE", "NORP")


def _reported_by(found: Attribution, quotes: list[Span], speaks: SpeakerTest) -> Attribution | None:
    """`Pompeo said (that) Washington had concluded the settlements were "..."`: a state or body
    whose conclusion a named person reports speaks through that person, whose words the
    quotation is. The person's cue governs the body's clause; None when there is no such cue
    or the inner subject is itself a person."""
    subject = found.subject
    if subject is None or subject.ent_type_ not in _STATES or subject.pos_ != "PROPN":
        return None
    token = found.cue_token
    for _ in range(3):
        if token.dep_ not in ("ccomp", "conj") or token.head.i == token.i:
            return None
        token = token.head
        if _inside(token, quotes):
            return None
        if is_cue(token):
            outer = speech_subject(token)
            if outer is not None and outer.pos_ == "PROPN" and outer.ent_type_ not in (*_STATES, "LOC", "FAC") \
                    and speaks(outer):
                return Attribution(token.lemma_.lower(), outer, token)
            return None
    return None


def _nearest(span: Span, quotes: list[Span]) -> Attribution | None:
    doc = span.doc
    sentence = doc[span[0].sent.start:span[-1].sent.end] if doc.has_annotation("SENT_START") else doc[:]
    after = span.end + 1  # past the closing mark
    if (sentence.end <= after < len(doc) and span.text.rstrip().rstrip("'\u2019").endswith(("?", "!"))
            and len(doc[after].sent) <= _SHORT_ATTRIBUTION):
        # `"Is it fair?" Olsen asked.`: the parser ends the sentence at the question mark
        sentence = doc[sentence.start:doc[after].sent.end]
    best: tuple[int, Attribution] | None = None
    for token in sentence:
        if _inside(token, quotes):
            continue
        found: Attribution | None = None
        if is_cue(token):
            found = Attribution(token.lemma_.lower(), speech_subject(token), token)
        elif (obj := _according_to(token)) is not None:
            found = Attribution("according to", obj, token)
        if found is not None:
            distance = min(abs(token.i - span.start), abs(token.i - (span.end - 1)))
            if best is None or distance < best[0]:
                best = (distance, found)
    return best[1] if best else None


def attribute(doc: Doc, start: int, end: int, *, quotes: list[tuple[int, int]],
              speaks: SpeakerTest = lambda token: True) -> Attribution | None:
    """The attribution of the quote at chars `start`-`end` of `doc`; `quotes` are all quote
    spans of the doc (their words are never cues or speakers), None if it is not speech.
    `speaks` says whether a subject token refers to an actor who can be a speaker."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    spans = [s for s in (doc.char_span(a, b, alignment_mode="expand") for a, b in quotes) if s is not None]
    modifier = _is_modifier(span)
    found = _climb(span, spans, modifier=modifier, speaks=speaks)
    if found is None and not modifier:
        found = _nearest(span, spans)
    if found is not None and _names_generically(found.cue_token):
        return None
    return found


def _is_modifier(span: Span) -> bool:
    roots = _roots(span)
    return bool(roots) and all(r.dep_ in _MODIFIER_DEPS and not (span.start <= r.head.i < span.end) for r in roots)


def quoted_modifier(doc: Doc, start: int, end: int) -> bool:
    """Whether the quoted words at chars `start`-`end` only modify a noun outside them (`a
    "no limits" partnership`, `"taste" receptors`): a term, whoever spoke last."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and _is_modifier(span)


def _names_generically(cue: Token) -> bool:
    """`what officials call a "red line"`: a naming verb whose object is `what` labels a term in
    the reporter's sentence; nobody is quoted saying it."""
    return cue.lemma_.lower() in _NAMING and any(
        child.dep_ in ("dobj", "nsubjpass") and child.tag_ in ("WP", "WDT") for child in cue.children)
