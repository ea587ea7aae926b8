"""Speakers the actor layer does not know, and quotations that run on from the last speaker.

A quotation needs a speaker even when the cue's subject is nobody our tables know: a person of
no known country (`says Early`, `Schiff asked`), a group (`protesters said`, `residents told`) or
a body we have no entry for (`CBP said`). Such a subject is the speaker, made an actor of its
own from the words of the phrase: never the previous speaker, and never the person a pronoun
last referred to. Pure functions over one article's `ArticleActors`; what they add is recorded
there, so that a later `he said` refers to the person just named.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from dateline.language.actors import ArticleActors, actor_id, compound_text
from dateline.language.attribution import SOURCE_NOUNS, reporter, resolve_subject
from dateline.language.persons import ROLE_WORDS, PersonMention
from dateline.language.quotes import QuoteSpan
from dateline.model import Actor, ActorKind

__all__ = ["can_speak", "continues", "named_speaker", "speaker_of", "unknown_speaker"]

# Courtesy titles and ranks in front of a name (`Mr. Schiff`, `Sen. Warner`): not the name.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sen", "rep", "gov", "gen", "col",
                         "lt", "sgt", "capt", "adm", "rev", "sir", "dame", "lord", "lady", "president"})
# Endings of nouns for a person who can speak: `commenter`, `resident`, `spokesperson`,
# `official`, `economist`, `survivor`, `trainee`.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman", "person", "ent", "ant", "ee", "ial", "ive",
                   "ess", "eur", "ier", "ar")
# Nouns with those endings that name a body or a thing, not a person (`government`, `paper`).
_NOT_PEOPLE = frozenset({"government", "department", "parliament", "movement", "agreement", "statement",
                         "document", "paper", "letter", "number", "order", "sector", "factor", "center",
                         "centre", "theatre", "theater", "river", "border", "water", "power", "computer",
                         "chapter", "calendar", "minister's", "error", "monitor", "event", "content",
                         "element", "comment", "moment", "segment", "report", "poster", "newspaper"})
# Common nouns for a body that speaks as one (`the ministry said`, `the agency wrote`).
_BODY_NOUNS = frozenset({"ministry", "agency", "council", "department", "commission", "committee",
                         "office", "authority", "court", "police", "army", "military", "company", "firm",
                         "government", "administration", "embassy", "union", "party", "group",
                         "organisation", "organization", "board", "institute", "campaign", "team"})
_NAME_ENTS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", ""})
_BODY_ENTS = frozenset({"ORG", "NORP", "GPE", "FAC", "PRODUCT"})
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(\s+|$)")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_PHRASE_DEPS = frozenset({"amod", "compound", "nummod", "nmod", "poss", "case", "quantmod"})


def _is_name(token: Token) -> bool:
    """A capitalised subject is a name, whatever the tagger said (`says Early` tags an adverb)."""
    if token.pos_ == "PROPN":  # `Cheuk Hau-yip`, not `the foreign ministry` tagged as a name
        return compound_text(token)[:1].isupper()
    if not token.text[:1].isupper():
        return False
    return (token.pos_ in ("ADV", "ADJ", "X", "VERB", "NOUN") and token.text[:1].isupper()
            and token.is_alpha and token.i > token.sent.start and token.ent_type_ in _NAME_ENTS
            and token.tag_ not in ("NNS",))


def _is_people(token: Token) -> bool:
    """A common noun for people who can speak: plural (`protesters`, `the doctors`, `officials`)
    or a singular person (`one commenter`, `a resident`), not a thing (`the report`)."""
    if token.pos_ != "NOUN" or not token.is_alpha:
        return False
    lemma = token.lemma_.lower()
    if lemma in SOURCE_NOUNS or lemma in _NOT_PEOPLE:
        return False
    if lemma in ROLE_WORDS or token.lower_ in ROLE_WORDS:
        return True
    return lemma.endswith(_PERSON_ENDINGS) or token.tag_ == "NNS" and lemma.endswith(("s", "e", "y"))


def can_speak(token: Token, registry: ArticleActors) -> bool:
    """Whether a cue's subject names someone who can be quoted: an actor we know, or an unknown
    name or group of people (no pronoun: whom it refers to is for the actor layer to say)."""
    if token.pos_ == "PRON":
        return registry.lookup(token) is not None
    if registry.lookup(token) is not None:
        return True
    body = token.lower_ in _BODY_NOUNS or token.lemma_.lower() in _BODY_NOUNS
    return (_is_name(token) or _is_people(token) or body) and not _is_place(token, registry)


def _is_place(token: Token, registry: ArticleActors) -> bool:
    """`Mykolaiv said`: a place never speaks by itself, so it is nobody's name."""
    return token.ent_type_ in ("GPE", "LOC") or registry.place_of(token) is not None


def speaker_of(subject: Token, registry: ArticleActors, *, last: Actor | None = None) -> Actor | None:
    """The actor a speech verb's subject names: one the actor layer resolves, or else one made
    from the words of the subject phrase. The `he` of `X said he told Y "..."` is X, known or
    not; any other unresolved pronoun has no speaker. `the statement said`, a statement nobody
    is named as making, is that of `last`, the one who spoke last (`X said in a statement`)."""
    found = resolve_subject(subject, registry.record, lambda actor: actor.kind == ActorKind.PERSON)
    if found is not None and found.kind != ActorKind.PERSON and subject.pos_ == "PROPN" \
            and subject.ent_type_ == "PERSON" and _is_name(subject) and not _is_place(subject, registry) \
            and any(child.dep_ == "appos" for child in subject.children):
        found = None  # `Lam Wing-kei, the commander of ...`: the named person, not the office's body
    if found is not None:
        return found
    if _made_before(subject):
        return last
    if subject.pos_ == "PRON":
        said_by = reporter(subject, names_person=lambda t: registry.lookup(t) is not None)
        if said_by is None or said_by.pos_ == "PRON":
            return None
        subject = said_by
        if (found := registry.record(subject)) is not None:
            return found
    return unknown_speaker(subject, registry)


def _made_before(token: Token) -> bool:
    """`the statement said`, `the report added`: a source with the definite article and no
    maker of its own refers to one the text has just named."""
    return token.lemma_.lower() in SOURCE_NOUNS and token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children) and not any(
        c.dep_ in ("poss", "prep", "compound", "amod") for c in token.children)


def unknown_speaker(token: Token, registry: ArticleActors) -> Actor | None:
    """An actor for a subject the actor layer does not know, recorded in `registry`."""
    if _is_place(token, registry):
        return None
    if _is_name(token):
        if token.ent_type_ in _BODY_ENTS and token.pos_ == "PROPN":
            return _record(registry, ActorKind.ORG, _name_words(token), corpus_wide=True)
        return _person(token, registry)
    if token.lower_ in _BODY_NOUNS or token.lemma_.lower() in _BODY_NOUNS:
        return _record(registry, ActorKind.ORG, _phrase(token), corpus_wide=False)
    if _is_people(token):
        words = _phrase(token)
        kind = ActorKind.GROUP if token.tag_ == "NNS" else ActorKind.PERSON
        return _record(registry, kind, words, corpus_wide=False)
    return None


def named_speaker(token: Token, registry: ArticleActors) -> Actor | None:
    """The unknown person or body a name stands for (`Volker said he ...`), so that a later `he`
    refers to Volker; None for a common noun."""
    return unknown_speaker(token, registry) if _is_name(token) else None


def _name_words(token: Token) -> str:
    words = compound_text(token).split() if token.pos_ == "PROPN" else [token.text]
    while len(words) > 1 and words[0].rstrip(".").lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _person(token: Token, registry: ArticleActors) -> Actor | None:
    """A person named by words no full name of the article holds, or by a surname the article
    gave in full before (`Early` of `Chris Early`, which the tagger did not see as a name)."""
    name = _name_words(token)
    words = set(name.replace("-", " ").split())
    matches = [k for k, p in registry.persons.items() if words <= p.words]
    doc_key = id(token.doc)
    if len(matches) == 1:
        registry.heads[(doc_key, token.i)] = matches[0]
    else:
        start = token.idx - (len(name) - len(token.text)) if name.endswith(token.text) else token.idx
        registry.add_person(PersonMention(name, start, token.idx + len(token.text), token.i), doc_key=doc_key)
    return registry.record(token)


def _phrase(token: Token) -> str:
    """`one Weibo commenter`, `pro-democracy protesters`, `spokesperson for the agency`: the noun
    with the words in front of it and an `of`/`for`/`at`/`from` phrase after it."""
    words = [t for t in token.subtree if t.i < token.i and t.dep_ in _PHRASE_DEPS
             and all(a.dep_ in _PHRASE_DEPS or a.i == token.i for a in _path(t, token))]
    end = token.i + 1
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "from", "with") and child.i == end:
            end = child.right_edge.i + 1
            break
    start = min((t.i for t in words), default=token.i)
    return token.doc[start:end].text


def _path(token: Token, head: Token) -> list[Token]:
    found: list[Token] = []
    while token.i != head.i and token.head.i != token.i:
        found.append(token)
        token = token.head
    return found


def _record(registry: ArticleActors, kind: ActorKind, name: str, *, corpus_wide: bool) -> Actor:
    """A body named by a proper name is the same body in every article; a group or a person
    described by common nouns (`officials`, `a resident`) is one of this article only."""
    key = f"speaker:{name.casefold()}" if corpus_wide else f"speaker:{registry.article_id}:{name.casefold()}"
    actor = Actor(actor_id(kind, key), name, kind)
    return registry.actors.setdefault(actor.id, actor)


def continues(text: str, before: QuoteSpan, after_at: int) -> bool:
    """Whether quoted words opening at `after_at` of `text` run on from the quotation `before`,
    with nothing between but the attribution of `before` (`"A," X said. "B."`). A sentence of the
    reporter's own between them (`"A." Prose. "B."`) ends the run, and so does anything but a new
    sentence (`"A" and "B"` are two quotations of one sentence)."""
    between = text[before.outer_end:after_at]
    if not between.strip():
        return True
    if not _ENDS_SENTENCE.search(between.rstrip()) and not between.rstrip().endswith(":"):
        return False
    quoted = text[before.start:before.end].rstrip()
    if quoted.endswith("."):  # `"A?" X asked.` is attribution, but `"A." Prose.` is prose
        return False
    first = _SENTENCE_END.search(between)
    return first is None or not between[first.end():].strip()
