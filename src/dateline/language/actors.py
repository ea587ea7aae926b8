"""The actors of one article: who a noun phrase, a surname or a pronoun refers to.

An `ArticleActors` registry is filled in two passes. First every full name with its role is
collected from all paragraphs, so that a description can point forward (`China's foreign
minister` in a lede, `Chinese Foreign Minister Qin Gang` a paragraph later). Then phrases are
resolved in reading order: names and surnames to people, our tables to countries, seats of
government, organisations and ministries, role descriptions to the person holding the role,
and `he`/`she` to the last person who spoke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Token

from dateline.language.gazetteer import Gazetteer, GazetteerEntry, actor_code
from dateline.language.persons import GOVERNMENT_ROLES, ROLE_WORDS, PersonMention, role_head
from dateline.model import Actor, ActorKind, Role, content_id

__all__ = ["ArticleActors", "actor_id"]

_PRONOUNS = frozenset({"he", "she", "him", "her"})
_BODY_PRONOUNS = frozenset({"it"})
_GROUP_HEADS = frozenset({"leaders", "officials", "ministers", "diplomats", "governments",
                          "countries", "nations", "allies", "sides", "parties", "presidents"})
_SPACES = re.compile(r"\s+")


def actor_id(kind: ActorKind, key: str) -> str:
    """Ids derive from what an actor is, so every article names the same person the same way."""
    return content_id(str(kind), key)


def _person_key(name: str) -> str:
    return _SPACES.sub(" ", name.replace("-", " ")).strip().casefold()


@dataclass(slots=True)
class _Person:
    name: str
    words: frozenset[str]
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None
    affiliation_code: str | None = None


@dataclass(slots=True)
class ArticleActors:
    """Actors met in one article, their roles here, and the order they were last mentioned."""

    gazetteer: Gazetteer
    article_id: str
    default_country: str | None = None
    persons: dict[str, _Person] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    last_speaker: str | None = None
    last_person: str | None = None  # the last person who spoke or was a sentence's subject
    last_body: str | None = None  # the last organisation or state that spoke
    heads: dict[tuple[int, int], str] = field(default_factory=dict)

    def add_person(self, mention: PersonMention, *, doc_key: int) -> None:
        """Record a named person; `doc_key` identifies the doc the mention's head is in."""
        key = _person_key(mention.name)
        self.heads[(doc_key, mention.head)] = key
        known = self.persons.get(key)
        if known is None:
            self.persons[key] = _Person(mention.name, frozenset(mention.words), mention.role,
                                        mention.country, mention.affiliation, mention.affiliation_code)
            return
        known.role = known.role or mention.role
        known.country = known.country or mention.country
        known.affiliation = known.affiliation or mention.affiliation
        known.affiliation_code = known.affiliation_code or mention.affiliation_code

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, token: Token) -> Actor | None:
        """The actor the noun phrase headed by `token` refers to, or None."""
        if token.lower_ in _PRONOUNS:
            return self.actors.get(self.last_person) if self.last_person else None
        if token.lower_ in _BODY_PRONOUNS:
            return self.actors.get(self.last_body) if self.last_body else None
        # A common noun is named by its apposition (`Key Russia ally China`); a name is itself.
        if token.pos_ == "PROPN" and (found := self._resolve_phrase(token)) is not None:
            return found
        for child in token.children:
            if child.dep_ == "appos" and (found := self._resolve_phrase(child)) is not None:
                return found
        return self._resolve_phrase(token)

    def _resolve_phrase(self, token: Token) -> Actor | None:
        name = self._person_named(token)
        if name is not None:
            return self._person_actor(name)
        entry = self._entry_at(token)
        if entry is not None:
            return self._entry_actor(entry)
        ministry = self._ministry(token)
        if ministry is not None:
            return ministry
        if token.lower_ in ROLE_WORDS:
            return self._role_holder(token)
        if token.lower_ in _GROUP_HEADS:
            return self._group(token)
        return None

    def _person_named(self, token: Token) -> str | None:
        """The one person whose name contains these proper nouns (`Xi`, `Kirby`, `Qin Gang`)."""
        if (key := self.heads.get((id(token.doc), token.i))) is not None:
            return key
        if token.pos_ != "PROPN":
            return None
        words = {t.text for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"}
        words.add(token.text)
        matches = [k for k, p in self.persons.items() if words <= p.words]
        return matches[0] if len(matches) == 1 else None

    def _entry_at(self, token: Token) -> GazetteerEntry | None:
        """A table entry for the proper-noun compound headed by `token` (`White House`)."""
        left = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        start = left[0].i if left and all(t.i >= left[0].i for t in left) else token.i
        phrase = token.doc[start:token.i + 1].text
        entry = self.gazetteer.lookup(phrase)
        if entry is None and any(t.dep_ == "det" and t.lower_ == "the" for t in token.lefts):
            entry = self.gazetteer.lookup("the " + phrase)  # `the West`, `the Gulf`
        if entry is None and start != token.i:
            entry = self.gazetteer.lookup(token.text)
        return entry if entry is not None and entry.sector != "media" else None

    def _ministry(self, token: Token) -> Actor | None:
        """`China's foreign ministry`, `the Chinese foreign ministry`, `Beijing's foreign ministry`."""
        mods = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss")]
        words = [t.text for t in mods if self.gazetteer.country_of(t.text) is None] + [token.text]
        phrase = " ".join(words).lower()
        found = self.gazetteer.ministry(phrase) or self.gazetteer.ministry(token.lower_)
        if found is None:
            return None
        sector, role_code = found
        country = next((c for t in mods if (c := self.gazetteer.country_of(t.text))), None)
        country = country or self.default_country
        if country is None:
            return None
        display = self.gazetteer.country_name(country)
        name = f"{display}'s {phrase}"
        key = f"{country}:{phrase}"
        return self._remember(Actor(actor_id(ActorKind.ORG, key), name, ActorKind.ORG, country, sector,
                                    actor_code(country, sector, role_code)))

    def _role_holder(self, token: Token) -> Actor | None:
        """`China's foreign minister`, `the specialist in Chinese foreign policy`: the person in
        this article who holds such a role, or else the last person quoted."""
        country = next((c for t in token.subtree if (c := self.gazetteer.country_of(t.text))), None)
        head = token.lower_
        holders = [k for k, p in self.persons.items() if role_head(p.role) == head
                   and (country is None or p.country in (None, country))]
        if not holders and head == "counterpart" and country is not None:
            # `his Ukrainian counterpart`: the one person of that country the article names
            holders = [k for k, p in self.persons.items() if p.country == country]
        if len(holders) > 1:  # `the finance minister` among several ministers
            words = {t.lower_ for t in token.lefts if t.dep_ in ("amod", "compound")
                     and self.gazetteer.country_of(t.text) is None}
            holders = [k for k in holders if words <= set((self.persons[k].role or "").split())]
        if len(holders) == 1:
            return self._person_actor(holders[0])
        speaker = self.actors.get(self.last_speaker) if self.last_speaker else None
        if speaker is not None and speaker.kind == ActorKind.PERSON and head not in GOVERNMENT_ROLES:
            return speaker
        return None

    def _group(self, token: Token) -> Actor | None:
        """`Western leaders`, `the two nations' foreign ministers`: a collective actor."""
        country = next((c for t in token.lefts if (c := self.gazetteer.region_or_country(t.text))), None)
        if country is None:
            return None
        key = f"{country}:{token.lemma_.lower()}"
        adjective = next(t.text for t in token.lefts if self.gazetteer.region_or_country(t.text))
        name = f"{adjective} {token.lower_}"
        return self._remember(Actor(actor_id(ActorKind.GROUP, key), name, ActorKind.GROUP, country, None,
                                    actor_code(country, None)))

    # -- records ----------------------------------------------------------------------------

    def _person_actor(self, key: str) -> Actor:
        p = self.persons[key]
        roles = (Role(p.role, p.country, article_id=self.article_id),) if p.role else ()
        code = actor_code(p.country, "gov" if role_head(p.role) in GOVERNMENT_ROLES else None) if p.country else (
            p.affiliation_code or None)
        actor = Actor(actor_id(ActorKind.PERSON, key), p.name, ActorKind.PERSON, p.country,
                      None, code, roles, tuple(sorted(p.words)))
        return self._remember(actor)

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

    def _entry_actor(self, entry: GazetteerEntry) -> Actor:
        key = f"{entry.code}:{entry.name}"
        kind = ActorKind(entry.kind)
        return self._remember(Actor(actor_id(kind, key), entry.name, kind, entry.country, entry.sector,
                                    entry.code, (), (entry.matched,) if entry.matched != entry.name else ()))

    def _remember(self, actor: Actor) -> Actor:
        known = self.actors.get(actor.id)
        if known is not None:
            aliases = tuple(sorted(set(known.aliases) | set(actor.aliases)))
            actor = replace(known, aliases=aliases)
        self.actors[actor.id] = actor
        return actor

    def person_actors(self) -> list[Actor]:
        return [self._person_actor(k) for k in self.persons]
