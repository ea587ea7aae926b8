"""One article's coreference state: whom a later `he`, `it`, `they` or `the two leaders` refers to.

An article is read once, in order, and both its quotations and its events ask this one state
who a pronoun stands for: it holds the last person who spoke or was a main clause's subject,
the last body that spoke, and every actor mention so far with its page offset. The reading
(`dateline.reading`) writes to it as it goes; the actor registry (`actors.ArticleActors`)
owns it and answers through it.

Two readings of a pronoun are kept, each where it is right. A speech subject (`he said`) is
the last person who spoke or was the subject of a sentence (`speaker`, `body`): reported speech
turns on who the story has just turned to. An event's side (`he met Xi`) is the last actor of
the pronoun's sort named before it (`referent`); `they` is a plural subject, and `the two
leaders` the last two people named (`named_before`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Token

from dateline.language.attribution import is_cue
from dateline.model import Actor, ActorKind

__all__ = ["Coreference"]

_HE_SHE = frozenset({"he", "she", "him", "her"})
_IT = frozenset({"it", "its"})
_THEY = frozenset({"they", "them", "their"})


@dataclass(slots=True)
class Coreference:
    """Who the article has named so far, and who spoke last: actor ids, and the mentions in order."""

    last_speaker: str | None = None
    last_person: str | None = None  # the last person who spoke or was a sentence's subject
    last_body: str | None = None  # the last organisation or state that spoke
    named: list[tuple[int, Actor]] = field(default_factory=list)  # (page offset, actor) per mention

    def note_speaker(self, actor: Actor | None) -> None:
        """Remember the last person who spoke, for a later `he said` or `the analyst added`,
        and the last body that spoke, for a later `it said`."""
        if actor is not None and actor.kind == ActorKind.PERSON:
            self.last_speaker = self.last_person = actor.id
        elif actor is not None:
            self.last_body = actor.id

    def note_subject(self, actor: Actor | None) -> None:
        """Remember a person who is the subject of a sentence without speaking in it: a later
        `she said` is about the person the story has just turned to (`Manning disagreed.`)."""
        if actor is not None and actor.kind == ActorKind.PERSON:
            self.last_person = actor.id

    def note_mention(self, at: int, actor: Actor) -> None:
        """Remember an actor mention at page offset `at`, in reading order."""
        self.named.append((at, actor))

    def named_before(self, at: int) -> list[Actor]:
        """The actors mentioned before page offset `at`, in order."""
        return [actor for offset, actor in self.named if offset < at]

    def referent(self, token: Token, at: int, record: Callable[[Token], Actor | None],
                 group: Callable[[Token], Actor | None] | None = None) -> Actor | None:
        """`he` is the last person named before it, `it` the last state or organisation, `they` a
        plural subject (`_they`, whose actor `record` keeps, or `group` when it is a group noun)."""
        word = token.lower_
        if word in _THEY:
            said = _they(token, record, group) if word == "they" else None
            return said or self._plural(at)
        kinds = {"person"} if word in _HE_SHE else {"country", "org"} if word in _IT else set()
        return next((a for a in reversed(self.named_before(at)) if a.kind in kinds), None)

    def _plural(self, at: int) -> Actor | None:
        """`they`, `them`: the last collective the article named (`Ukrainian officials`, `Western
        leaders`), when the last actor named is one; a person or a state named after it is more
        likely what the pronoun's sentence is about, so nothing is guessed then."""
        before = self.named_before(at)
        return before[-1] if before and before[-1].kind == ActorKind.GROUP else None


def _plural_noun(token: Token) -> bool:
    """A plural noun phrase that names one collective (`Ukrainian officials`), not a list."""
    return token.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "conj" for c in token.children)


def _they(token: Token, record: Callable[[Token], Actor | None],
          group: Callable[[Token], Actor | None] | None = None) -> Actor | None:
    """The subject `they` refers to a plural subject: the reporter's in `Ukrainian officials
    said they would ...`, else the previous sentence's main subject (`Western leaders arrived
    in Kyiv. They condemned ...`) when it is plural."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return None
    clause = token.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ == "ccomp" and is_cue(clause.head):
        subject = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            if not _plural_noun(subject):
                return None
            return record(subject) or (group(subject) if group is not None else None)
    start = token.sent.start
    if start == 0:
        return None
    previous = token.doc[start - 1].sent.root
    subject = next((c for c in previous.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return record(subject) if subject is not None and _plural_noun(subject) else None
