"""Code a parsed sentence into CAMEO events: who did what to whom.

For every verb the dictionary knows, the most specific matching pattern gives the code; the
parse gives the source (the subject, or the `by` agent in the passive voice, shared across
coordinated and dependent verbs) and the target (where the pattern says: the object, a
preposition's object, both sides of `between A and B`). Coordination multiplies events
(`urged Kyiv and Moscow` is two), and symmetric events run both ways (`X and Y held talks`).
Actors are resolved by the article's registry; the modality by `modality.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.events.dictionary import Pattern
from dateline.events.modality import event_modality
from dateline.language.actors import ArticleActors
from dateline.model import Actor, Modality

__all__ = ["Coded", "code_sentence"]

_SUBJECTS = ("nsubj", "csubj")
_INHERIT = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "relcl", "acomp"})
_OBJECT_DEPS = ("dobj", "attr", "oprd")


@dataclass(frozen=True, slots=True)
class Coded:
    """One event found in a sentence, before dates, ids and deduplication."""

    pattern: Pattern
    verb: Token
    source: Actor
    target: Actor | None
    modality: Modality
    indirect: bool  # an actor came from a pronoun, a role or a group: less certain


def _expand(token: Token) -> list[Token]:
    """A noun and the nouns coordinated with it (`Kyiv and Moscow`)."""
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_expand(child))
    return out


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _subject_levels(verb: Token) -> Iterator[list[Token]]:
    """The verb's subjects, then (when it has none that is an actor) those of the verbs it
    depends on: a coordinated or dependent verb shares its head's subject."""
    node = verb
    for _ in range(5):
        if _passive(node):
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            yield [t for a in agents for t in _expand(a)]
            return
        own = [c for c in node.children if c.dep_ in _SUBJECTS]
        if own:
            yield [t for s in own for t in _expand(s)]
        if node.dep_ not in _INHERIT | {"ccomp"} or node.head.i == node.i:
            return
        node = node.head


def _object(verb: Token) -> Token | None:
    if _passive(verb):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return next((c for c in verb.children if c.dep_ in _OBJECT_DEPS), None)


def _preps(token: Token, word: str) -> list[Token]:
    """Objects of the preposition `word` under `token` (`talks with X`, `warned against taking`)."""
    return [g for c in token.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ == word
            for g in c.children if g.dep_ in ("pobj", "pcomp")]


def _between(verb: Token) -> list[Token]:
    for token in verb.subtree:
        if token.lower_ == "between":
            objs = [g for g in token.children if g.dep_ == "pobj"]
            return [t for o in objs for t in _expand(o)]
    return []


def _matches(pattern: Pattern, verb: Token, obj: Token | None) -> bool:
    if pattern.particle and not any(
            c.lower_ == pattern.particle and c.dep_ in ("prt", "prep", "dative") for c in verb.children):
        return False
    if pattern.obj and (obj is None or not {obj.lemma_.lower(), obj.lower_} & pattern.obj):
        return False
    if pattern.modifier is None:
        return True
    kind, words = pattern.modifier
    if kind == "xcomp":
        return any(c.dep_ == "xcomp" and ("*" in words or c.lemma_.lower() in words) for c in verb.children)
    if kind == "under":
        return verb.head.i != verb.i and verb.head.lemma_.lower() in words
    holders = [verb] + ([obj] if obj is not None else [])
    found = [p for h in holders for p in _preps(h, kind)]
    return bool(found) and ("*" in words or any(p.lemma_.lower() in words for p in found))


def _targets(pattern: Pattern, verb: Token, obj: Token | None) -> list[Token]:
    where = pattern.target
    if where == "dobj":
        return _expand(obj) if obj is not None else []
    if where == "dative":
        dative = next((c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
        return _expand(dative) if dative is not None else []
    if where == "obj.poss":
        return [c for c in obj.children if c.dep_ in ("poss", "amod", "compound")] if obj is not None else []
    if where == "between":
        return _between(verb)
    if where.startswith("prep:"):
        word = where.split(":", 1)[1]
        holders = [verb] + ([obj] if obj is not None else [])
        return [t for h in holders for p in _preps(h, word) for t in _expand(p)]
    return []


def _pattern_for(verb: Token, dictionary: Mapping[str, Sequence[Pattern]]) -> tuple[Pattern, Token | None] | None:
    obj = _object(verb)
    for pattern in dictionary.get(verb.lemma_.lower(), ()):
        if _matches(pattern, verb, obj):
            return pattern, obj
    return None


_PAIR_OF_STATES = frozenset({"nation", "country", "state", "side", "government", "capital"})
_PAIR_OF_PEOPLE = frozenset({"leader", "president", "minister", "man", "woman", "official", "diplomat"})


Recent = Sequence[tuple[int, Actor]]
_HE_SHE = frozenset({"he", "she", "him", "her"})
_IT = frozenset({"it", "its"})


def _before(recent: Recent, at: int) -> list[Actor]:
    return [actor for offset, actor in recent if offset < at]


def _pronoun(token: Token, recent: Recent, at: int) -> Actor | None:
    """`he` is the last person named before it, `it` the last state or organisation."""
    kinds = {"person"} if token.lower_ in _HE_SHE else {"country", "org"} if token.lower_ in _IT else set()
    return next((a for a in reversed(_before(recent, at)) if a.kind in kinds), None)


def _pair(token: Token, recent: Recent, at: int) -> list[Actor]:
    """`the two nations' foreign ministers`, `the two leaders`: the last two actors of that sort
    the article named before these words."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    for noun in (owner, token):
        if noun is None or not any(c.lower_ in ("two", "both") for c in noun.children):
            continue
        lemma = noun.lemma_.lower()
        kinds = {"country"} if lemma in _PAIR_OF_STATES else {"person"} if lemma in _PAIR_OF_PEOPLE else set()
        picked: list[Actor] = []
        for actor in reversed(_before(recent, at)):
            if actor.kind in kinds and all(actor.country != p.country for p in picked):
                picked.append(actor)
            if len(picked) == 2:
                return list(reversed(picked))
    return []


def _actors(tokens: Sequence[Token], registry: ArticleActors, recent: Recent, offset: int) -> list[tuple[Actor, bool]]:
    found: list[tuple[Actor, bool]] = []
    for token in tokens:
        at = offset + token.idx
        pair = _pair(token, recent, at)
        single = _pronoun(token, recent, at) if token.pos_ == "PRON" else registry.resolve(token)
        candidates = [(a, True) for a in pair] if pair else [
            (a, token.pos_ in ("PRON", "NOUN")) for a in [single] if a is not None]
        for actor, indirect in candidates:
            if all(actor.id != a.id for a, _ in found):
                found.append((actor, indirect))
    return found


def code_sentence(sent: Span, registry: ArticleActors, dictionary: Mapping[str, Sequence[Pattern]], *,
                  recent: Recent = (), offset: int = 0) -> Iterator[Coded]:
    """The events a sentence reports, in order of their verbs. `recent` lists the actors the
    article has named so far with their page offsets, in order (for `he`, `it`, `the two
    leaders`); `offset` is the page offset of the sentence's doc."""
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        matched = _pattern_for(verb, dictionary)
        if matched is None:
            continue
        pattern, obj = matched
        sources = next((found for level in _subject_levels(verb) if (found := _actors(level, registry, recent, offset))), [])
        if not sources:
            continue
        targets = _actors(_targets(pattern, verb, obj), registry, recent, offset) if pattern.target != "none" else []
        if pattern.target != "none" and not targets:
            if not (pattern.symmetric and len(sources) > 1):
                continue
            targets = sources[1:]
            sources = sources[:1]
        modality = event_modality(verb, registry)
        for source, s_indirect in sources:
            for target, t_indirect in targets or [(None, False)]:  # type: ignore[list-item]
                if target is not None and target.id == source.id:
                    continue
                yield Coded(pattern, verb, source, target, modality, s_indirect or t_indirect)
                if pattern.symmetric and target is not None:
                    yield Coded(pattern, verb, target, source, modality, s_indirect or t_indirect)
