"""The actors of one article: who a noun phrase, a surname or a pronoun refers to.

An `ArticleActors` registry is filled in two passes. First every full name with its role is
collected from all paragraphs, so that a description can point forward (`China's foreign
minister` in a lede, `Chinese Foreign Minister Qin Gang` a paragraph later). Then phrases are
resolved in reading order: names and surnames to people, our tables to countries, seats of
government, organisations and ministries, role descriptions to the person holding the role,
and `he`/`she` to the last person who spoke (the article's one coreference state,
`coreference.Coreference`, which the event coder asks too). An office whose holder the article
never names (`Japan's prime minister`, `Ukrainian officials`, `Kharkiv's governor`) speaks for
its country's body: one actor per country and body (`Japan's government`, JPNGOV), the office
kept as a role.

Resolution is a lookup without side effects: `lookup` (and `find`, which also says what keeping
the answer would add: a person met by surname only, an actor's merged aliases and roles) never
changes the registry, so a caller may ask whether a phrase names anyone (`can this subject
speak?`) without making it an actor of the article. `record` (or `keep` of a `find`) is the
caller's decision to keep the actor: a mention, a speaker, an event's side.

A place (`Kharkiv`, `the Ukrainian city of Kharkiv`) is not an actor: a lookup never returns
one, so a place never speaks. The event coder asks `record_place` for a side an event happens
to, which gives the place's country (the country actor) and the place itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from spacy.tokens import Token

from dateline.language.coreference import Coreference
from dateline.language.gazetteer import Gazetteer, GazetteerEntry, actor_code
from dateline.language.knowledge import Holder, Knowledge, load_knowledge
from dateline.language.organisations import OrgMention
from dateline.language.persons import GOVERNMENT_ROLES, HONORIFICS, ROLE_WORDS, PersonMention, lone_name, role_head
from dateline.language.phrases import compound_text, place_names
from dateline.model import Actor, ActorKind, Role, content_id

__all__ = ["ArticleActors", "Resolution", "actor_id", "compound_text", "home_country", "place_names"]

_PRONOUNS = frozenset({"he", "she", "him", "her"})
_BODY_PRONOUNS = frozenset({"it"})
_GROUP_HEADS = frozenset({"leaders", "officials", "ministers", "diplomats", "governments",
                          "countries", "nations", "allies", "sides", "parties", "presidents"})
_SPACES = re.compile(r"\s+")
# Dependents that are not part of a noun phrase's description: clauses (`an official who visited
# China`), appositions and coordinated phrases are read on their own.
_OUTSIDE_PHRASE = frozenset({"relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc", "punct"})
_FUNCTION_TAGS = frozenset({"DT", "PRP$", "POS", "WP$"})
# Who no longer (or never yet) holds an office speaks for no state: `a former Polish president`.
_OUT_OF_OFFICE = frozenset({"former", "ex", "late", "exiled", "retired", "outgoing", "would-be"})


@functools.lru_cache(maxsize=1 << 14)
def actor_id(kind: ActorKind, key: str) -> str:
    """Ids derive from what an actor is, so every article names the same person the same way.
    Remembered: an article names its few actors again and again."""
    return content_id(str(kind), key)


def _person_key(name: str) -> str:
    return _SPACES.sub(" ", name.replace("-", " ")).strip().casefold()


def _possessive(name: str) -> str:
    """`Japan's`, `United States'`."""
    return name + ("'" if name.endswith("s") else "'s")


def _phrase_tokens(token: Token) -> list[Token]:
    """The words of the noun phrase `token` heads, in order, without its clauses, appositions
    and conjuncts: what describes this one actor."""
    found = [token]
    for child in token.children:
        if child.dep_ not in _OUTSIDE_PHRASE:
            found.extend(_phrase_tokens(child))
    return sorted(found, key=lambda t: t.i)


def _description(token: Token) -> list[Token]:
    """The content words in front of a head noun (`a senior US` of `a senior US official`)."""
    return [t for t in _phrase_tokens(token)
            if t.i < token.i and t.tag_ not in _FUNCTION_TAGS and t.dep_ not in ("det", "case", "punct")]


_K = TypeVar("_K")
_V = TypeVar("_V")
_MISSING: Any = object()


class _Writes:
    """How many times an article's registry has changed: what a lookup found holds until then."""

    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0


class _Table(dict[_K, _V]):
    """A table of the registry that counts every write that changes it, however made (the
    registry's own methods, or a stage's `registry.actors[...] = ...`)."""

    __slots__ = ("writes",)

    def __init__(self, writes: _Writes, items: Mapping[_K, _V]) -> None:
        super().__init__(items)
        self.writes = writes

    def __setitem__(self, key: _K, value: _V) -> None:
        if dict.get(self, key, _MISSING) != value:
            self.writes.count += 1
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: _K) -> None:
        self.writes.count += 1
        dict.__delitem__(self, key)

    def update(self, items: Mapping[_K, _V] | Iterable[tuple[_K, _V]] = (), /, **more: _V) -> None:  # type: ignore[override]
        pairs = items.items() if isinstance(items, Mapping) else items
        for key, value in pairs:
            self[key] = value
        for name, value in more.items():
            self[name] = value  # type: ignore[index]

    def setdefault(self, key: _K, default: _V = _MISSING) -> _V:
        if key not in self:
            self[key] = default
        return dict.__getitem__(self, key)

    def pop(self, key: _K, default: Any = _MISSING) -> Any:
        if key in self:
            self.writes.count += 1
        return dict.pop(self, key) if default is _MISSING else dict.pop(self, key, default)

    def popitem(self) -> tuple[_K, _V]:
        self.writes.count += 1
        return dict.popitem(self)

    def clear(self) -> None:
        self.writes.count += 1
        dict.clear(self)


def _items(table: Mapping[_K, _V]) -> Iterable[tuple[_K, _V]]:
    """A table's items; under a lookup's overlay that has added nothing yet, the registry's own
    (a `ChainMap` builds a merged dict of its keys on every iteration)."""
    if isinstance(table, ChainMap) and len(table.maps) == 2 and not table.maps[0]:
        return table.maps[1].items()
    return table.items()


@dataclass(slots=True)
class _Person:
    name: str
    words: frozenset[str]
    role: str | None = None
    country: str | None = None
    affiliation: str | None = None
    affiliation_code: str | None = None
    known: Holder | None = None  # the knowledge-base row that filled what the text left open

    def learn(self, holder: Holder | None) -> None:
        """Fill what the article leaves open from the office a knowledge-base row gives; the
        text's own role, country and affiliation win."""
        if holder is None or self.country is not None or self.affiliation_code is not None:
            return
        self.known = holder
        self.country = holder.country
        self.role = self.role or holder.role
        if holder.org is not None:
            self.affiliation_code = holder.code


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a lookup found: the actor, and what keeping it adds to the article's registry (the
    people it met for the first time, the actors it merged with what was known)."""

    actor: Actor
    persons: Mapping[str, _Person]
    actors: Mapping[str, Actor]


@dataclass(slots=True)
class ArticleActors:
    """Actors met in one article, their roles here, and the order they were last mentioned."""

    gazetteer: Gazetteer
    article_id: str
    default_country: str | None = None
    persons: MutableMapping[str, _Person] = field(default_factory=dict)
    actors: MutableMapping[str, Actor] = field(default_factory=dict)
    coreference: Coreference = field(default_factory=Coreference)  # whom a later `he` or `it` names
    heads: dict[tuple[int, int], str] = field(default_factory=dict)
    org_heads: dict[tuple[int, int], OrgMention] = field(default_factory=dict)
    org_names: dict[str, OrgMention] = field(default_factory=dict)  # casefolded name → organisation
    date: dt.date | None = None  # the article's date: whom a surname or an office names then
    years: tuple[int, int] | None = None  # an undated article's first and last year mentioned
    knowledge: Knowledge = field(default_factory=load_knowledge)
    # What `find` found for each token, with the state it was found in (the registry's writes
    # and the coreference state a pronoun or an unnamed role reads): the language stage and the
    # coder ask about the same subjects and objects several times a sentence.
    _writes: _Writes = field(default_factory=_Writes, repr=False, compare=False)
    _found: dict[tuple[int, int], tuple[tuple[object, ...], Resolution | None]] = field(
        default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.persons = _Table(self._writes, self.persons)
        self.actors = _Table(self._writes, self.actors)
        self.heads = _Table(self._writes, self.heads)
        self.org_heads = _Table(self._writes, self.org_heads)
        self.org_names = _Table(self._writes, self.org_names)

    def add_person(self, mention: PersonMention, *, doc_key: int) -> None:
        """Record a named person; `doc_key` identifies the doc the mention's head is in."""
        key = _person_key(mention.name)
        self.heads[(doc_key, mention.head)] = key
        known = self.persons.get(key)
        if known is None:
            person = _Person(mention.name, frozenset(mention.words), mention.role,
                             mention.country, mention.affiliation, mention.affiliation_code)
            person.learn(self.knowledge.person(mention.name, self.date))
            self.persons[key] = person
            return
        self._writes.count += 1  # a person known before changes in place
        known.role = known.role or mention.role
        known.country = known.country or mention.country
        known.affiliation = known.affiliation or mention.affiliation
        known.affiliation_code = known.affiliation_code or mention.affiliation_code

    def add_organisation(self, org: OrgMention, *, doc_key: int) -> None:
        """Record an organisation the tagger found; its head resolves to it, and so does its
        name alone elsewhere in the article (`Burisma` after `energy company Burisma`)."""
        self.org_heads[(doc_key, org.head)] = org
        if org.country is not None or org.name.casefold() not in self.org_names:
            self.org_names[org.name.casefold()] = org

    def names_someone(self, token: Token) -> bool:
        """Whether `token` ends a full name of this article (a name the parser made a
        modifier: `with Foreign Minister Ayman Safadi warning`)."""
        return (id(token.doc), token.i) in self.heads

    def span_of(self, token: Token) -> tuple[int, int] | None:
        """The token span of the organisation's name `token` heads, when a tagger found one:
        a mention covers the whole name (`the Peterson Institute for International Economics`)."""
        org = self.org_heads.get((id(token.doc), token.i))
        return (org.start, org.end) if org is not None else None

    def _organisation(self, org: OrgMention) -> Actor:
        """The actor of an organisation the tagger found: the table's, else one of its own,
        keyed by its country and name, so every mention of the name in the article is one actor."""
        if org.entry is not None:
            return self._entry_actor(org.entry)
        key = f"org:{_person_key(org.name)}"
        return self._remember(Actor(actor_id(ActorKind.ORG, key), org.name, ActorKind.ORG, org.country,
                                    org.sector, org.code))

    # -- resolution -------------------------------------------------------------------------

    def lookup(self, token: Token) -> Actor | None:
        """The actor the noun phrase headed by `token` refers to, or None; records nothing."""
        found = self.find(token)
        return found.actor if found is not None else None

    def record(self, token: Token) -> Actor | None:
        """The actor `token` refers to, kept as one of the article's actors (a mention, a
        speaker, an event's side): `keep(find(token))`."""
        return self.keep(self.find(token))

    def record_each(self, token: Token) -> tuple[Actor, ...]:
        """The bodies of several states one plural noun names, each kept: `the Russian and Syrian
        defence ministries`, `the foreign ministries of Iran and Iraq` are two actors, one per
        state. Empty unless the noun is plural, names a state body and its words name two or
        more states."""
        if token.tag_ not in ("NNS", "NNPS"):
            return ()
        states: list[str] = []
        named: set[int] = set()
        mods = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
        owners = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        for word in [m for m in mods if self._state_of(m.text)] + owners:
            for t in [word, *(c for c in word.subtree if c.dep_ == "conj")]:
                country = self._state_of(compound_text(t)) or self._state_of(t.text)
                if country is not None and t.i not in named:
                    named.add(t.i)
                    if country not in states:
                        states.append(country)
        if len(states) < 2:
            return ()
        words = [t.text for t in mods if t.i not in named and self._state_of(t.text) is None] + [token.lemma_]
        phrase = " ".join(words).lower()
        found = self.gazetteer.ministry(phrase) or self.gazetteer.ministry(token.lemma_.lower())
        if found is None:
            return ()
        return tuple(self._body_actor(country, phrase, found) for country in states)

    def record_group(self, token: Token) -> Actor | None:
        """The group actor a common noun names (`police`, `Russian troops`), kept as one of the
        article's actors (`groups.group_actor`); for an event's side the tables resolve nothing
        more specific for."""
        from dateline.language.groups import group_actor  # groups builds on this module

        return group_actor(token, self)

    def find(self, token: Token) -> Resolution | None:
        """What `token` resolves to and what keeping it would add, leaving the registry as it is."""
        if token.pos_ == "NOUN" and not self._may_name(token):
            return None
        if isinstance(self.actors, ChainMap):  # asked while another lookup is staged: its overlay counts
            return self._staged(self._resolve, token)
        coreference = self.coreference
        state = (self._writes.count, coreference.last_speaker, coreference.last_person, coreference.last_body)
        key = (id(token.doc), token.i)
        held = self._found.get(key)
        if held is not None and held[0] == state:
            return held[1]
        found = self._staged(self._resolve, token)
        self._found[key] = (state, found)
        return found

    def _may_name(self, token: Token) -> bool:
        """Whether a common noun could name an actor at all: most nouns of a sentence (`talks`,
        `the economy`) are no pronoun, person, organisation, group, office or table name, and
        none of their words are looked at further. Exactly the nouns `_resolve` might resolve."""
        lower = token.lower_
        key = (id(token.doc), token.i)
        return (lower in _PRONOUNS or lower in _BODY_PRONOUNS or lower in ROLE_WORDS or lower in _GROUP_HEADS
                or key in self.heads or key in self.org_heads
                or self.gazetteer.may_end_name(token.text) or self.gazetteer.office(token.lemma_) is not None
                or any(c.dep_ == "appos" for c in token.children))

    def keep(self, found: Resolution | None) -> Actor | None:
        """Add what a lookup found to the article's actors; returns its actor. Keep a finding
        before the next one is looked up: it was made against the registry as it was then."""
        if found is None:
            return None
        self.persons.update(found.persons)
        self.actors.update(found.actors)
        return found.actor

    def _staged(self, resolve: Callable[[Token], Actor | None], token: Token) -> Resolution | None:
        """Run `resolve` against an overlay of the registry: what it would add (a person met by
        surname only, an actor's merged roles) goes to the overlay, read back within the same
        resolution as the registry would be, and is returned instead of applied."""
        persons, actors = self.persons, self.actors
        new_persons: dict[str, _Person] = {}
        new_actors: dict[str, Actor] = {}
        self.persons, self.actors = ChainMap(new_persons, persons), ChainMap(new_actors, actors)
        try:
            actor = resolve(token)
        finally:
            self.persons, self.actors = persons, actors
        return Resolution(actor, new_persons, new_actors) if actor is not None else None

    def _resolve(self, token: Token) -> Actor | None:
        """The actor the noun phrase headed by `token` refers to, or None (through the overlay
        `_staged` sets up: every addition here is staged, not kept)."""
        if token.lower_ in _PRONOUNS:
            person = self.coreference.last_person
            return self.actors.get(person) if person else None
        if token.lower_ in _BODY_PRONOUNS:  # `it` names the body, not the office it spoke by
            body_id = self.coreference.last_body
            body = self.actors.get(body_id) if body_id else None
            return replace(body, roles=()) if body is not None else None
        # A common noun is named by its apposition (`Key Russia ally China`); a name is itself.
        named = token.pos_ == "PROPN"
        if named and (found := self._resolve_phrase(token)) is not None:
            return found
        for child in token.children:
            if child.dep_ == "appos" and (found := self._resolve_phrase(child)) is not None:
                return found
        return None if named else self._resolve_phrase(token)  # a name is not asked twice

    def _resolve_phrase(self, token: Token) -> Actor | None:
        name = self._person_named(token)
        if name is not None:
            return self._person_actor(name)
        org = self.org_heads.get((id(token.doc), token.i))
        if org is None and token.pos_ == "PROPN":
            org = self.org_names.get(compound_text(token).casefold())
        if org is not None and org.entry is not None:  # a table knows the whole name
            return self._entry_actor(org.entry)
        entry = self._entry_at(token)
        # a table's name inside another state's body is not that body (`Chinese Center for
        # Disease Control` is not the US one)
        if entry is not None and (org is None or org.country in (None, entry.country)):
            return self._entry_actor(entry)
        ministry = self._ministry(token)
        if ministry is not None:
            return ministry
        if org is not None:
            return self._organisation(org)
        if token.lower_ in ROLE_WORDS:
            return self._role_holder(token)
        if (office := self._office(token)) is not None:  # `Ukrainian officials`, `Russian soldiers`
            return office
        if token.lower_ in _GROUP_HEADS:
            return self._group(token)
        return None

    def _person_named(self, token: Token) -> str | None:
        """The one person whose name contains these proper nouns (`Xi`, `Kirby`, `Qin Gang`)."""
        if (key := self.heads.get((id(token.doc), token.i))) is not None:
            return key
        if token.pos_ != "PROPN":
            return None
        words = {t.text for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"
                 and t.lower_.rstrip(".") not in HONORIFICS and t.lower_ not in ROLE_WORDS}
        # `Mr. Trump`, `Lt. Col. Vindman`, and a title written as one (`President Trump`)
        titled = any(t.lower_.rstrip(".") in HONORIFICS or (t.lower_ in GOVERNMENT_ROLES and t.is_title
                                                             and token.is_title)
                     for t in token.lefts if t.dep_ == "compound")
        words.add(token.text)
        matches = [k for k, p in _items(self.persons) if words <= p.words]
        if not matches and len(words) > 1 and (holder := self.knowledge.person(
                " ".join(t.text for t in token.lefts if t.text in words) + " " + token.text, self.date)):
            return self._known_person(holder)  # a name the tagger missed (`Xi Jinping met ...`)
        if not matches and words == {token.text} and token.text.casefold() not in self.org_names \
                and token.lower_ not in ROLE_WORDS and not self.gazetteer.is_body_word(token.text) \
                and (titled or lone_name(token, self.gazetteer)):
            return self._lone_person(token.text)
        return matches[0] if len(matches) == 1 else None

    def _lone_person(self, name: str) -> str:
        """A surname the article never gives in full is a person of its own here (no full name
        of the article contains it); the store links it corpus-wide (dateline.store.surnames)."""
        if (holder := self.knowledge.surname(name, self.date, self.years)) is not None:  # `Mr. Trump` in 2019
            return self._known_person(holder)
        key = _person_key(name)
        self.persons.setdefault(key, _Person(name, frozenset({name})))
        return key

    def _known_person(self, holder: Holder) -> str:
        """The person of a knowledge-base row, as if the article had named them in full."""
        key = _person_key(holder.name)
        if key not in self.persons:
            person = _Person(holder.name, frozenset(holder.name.replace("-", " ").split()))
            person.learn(holder)
            self.persons[key] = person
        return key

    def referent(self, token: Token, at: int) -> Actor | None:
        """The actor the pronoun `token` at page offset `at` stands for as an event's side, from
        the article's one coreference state; a plural subject it names is recorded."""
        return self.coreference.referent(token, at, self.record, self.record_group)

    def named_before(self, at: int) -> Sequence[Actor]:
        """The actors the article mentioned before page offset `at`, in reading order."""
        return self.coreference.named_before(at)

    def record_place(self, token: Token) -> tuple[Actor, str | None] | None:
        """The country a phrase naming a place stands for, kept as an actor of the article, and
        the place's name when it gives one: `Gaza` (Palestine, Gaza), `the Ukrainian city of
        Kharkiv`, `the Kharkiv region`, `a Ukrainian town` (Ukraine, no name). For an event's
        sides only: a place never speaks. (`place_of` is the lookup.)"""
        found = self.place_of(token)
        if found is None:
            return None
        code = found[0]
        actor = self.keep(self._staged(lambda _: self._country_actor(code), token))
        return (actor, found[1]) if actor is not None else None

    def record_state(self, code: str) -> Actor | None:
        """The country actor of an alpha-3 code, kept as an actor of the article: a person's own
        state, for an event's side (`asked their governments to help`)."""
        try:
            return self._country_actor(code)  # recorded as it is built
        except ValueError:
            return None

    def place_of(self, token: Token) -> tuple[str, str | None] | None:
        """The country code and the place name of a phrase naming a place, recording nothing."""
        if (entry := self._place_at(token)) is not None:
            return entry.country or "", entry.name
        if not self.gazetteer.is_place_noun(token.lemma_):
            return None
        adjective = next((e.country for t in token.lefts if t.dep_ in ("amod", "compound")
                          and (e := self.gazetteer.lookup(t.text)) is not None
                          and e.via in ("name", "adjective")), None)
        for name in place_names(token):
            if (entry := self._place_at(name)) is not None:
                return entry.country or "", entry.name
            if (entry := self.gazetteer.lookup(name.text)) is not None and entry.via == "capital":
                return entry.country or "", name.text
            if adjective is not None and name.pos_ == "PROPN":  # `the Ukrainian town of Izium`
                return adjective, compound_text(name)
        return (adjective, None) if adjective is not None else None

    def _country_actor(self, code: str) -> Actor:
        """The country actor of an alpha-3 code, the same one its name resolves to."""
        name = self.gazetteer.country_name(code)
        entry = self.gazetteer.lookup(name)
        if entry is None or entry.is_place:
            raise ValueError(f"no country named {name!r} for {code!r}")
        return self._entry_actor(entry)

    def _place_at(self, token: Token) -> GazetteerEntry | None:
        """The place of places.tsv the compound headed by `token` names (`Kharkiv`, `Gaza City`)."""
        entry = self._named_at(token)
        return entry if entry is not None and entry.is_place else None

    def _entry_at(self, token: Token) -> GazetteerEntry | None:
        """An actor's table entry for the proper-noun compound headed by `token` (`White
        House`): not a news medium (never an event's side) and not a place (never an actor)."""
        entry = self._named_at(token)
        return entry if entry is not None and entry.sector != "media" and not entry.is_place else None

    def _named_at(self, token: Token) -> GazetteerEntry | None:
        """Any table entry for the proper-noun compound headed by `token`."""
        left = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
        start = left[0].i if left and all(t.i >= left[0].i for t in left) else token.i
        phrase = token.doc[start:token.i + 1].text
        entry = self.gazetteer.lookup(phrase)
        if entry is None and any(t.dep_ == "det" and t.lower_ == "the" for t in token.lefts):
            entry = self.gazetteer.lookup("the " + phrase)  # `the West`, `the Gulf`
        if entry is None and start != token.i:
            entry = self.gazetteer.lookup(token.text)
        return entry

    def _ministry(self, token: Token) -> Actor | None:
        """`China's foreign ministry`, `the Chinese foreign ministry`, `Beijing's foreign ministry`,
        `Gaza's health ministry` (a place's body is its country's)."""
        mods = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss")]
        words = [t.text for t in mods if self._state_of(t.text) is None] + [token.text]
        phrase = " ".join(words).lower()
        found = self.gazetteer.ministry(phrase) or self.gazetteer.ministry(token.lower_)
        if found is None:
            return None
        country = self._country_in(token, mods) or self.default_country
        if country is None:
            return None
        return self._body_actor(country, phrase, found)

    def _body_actor(self, country: str, phrase: str, found: tuple[str, str]) -> Actor:
        """A state body of a country (`foreign ministry`, `government`) with its sector and role
        code: one actor per country and body phrase however the text names them."""
        sector, role_code = found
        name = f"{_possessive(self.gazetteer.country_name(country))} {phrase}"
        return self._remember(Actor(actor_id(ActorKind.ORG, f"{country}:{phrase}"), name, ActorKind.ORG, country,
                                    sector, actor_code(country, sector, role_code)))

    def _country_in(self, token: Token, words: list[Token] | None = None) -> str | None:
        """The country the noun phrase headed by `token` (or these of its words) names
        (`Japan's prime minister`, `an official from Ukraine`), else the country of a place it
        names (`Kharkiv's governor`): a state's name wins (`Crimea's Russian-installed head`)."""
        tokens = _phrase_tokens(token) if words is None else words
        return (next((c for t in tokens if (c := self.gazetteer.country_of(t.text))), None)
                or next((c for t in tokens if (c := self.gazetteer.place_country(t.text))), None))

    def _state_of(self, word: str) -> str | None:
        """The country a word names or a place it names is in: in an office's or a body's
        description either says which state it is (`Ukrainian officials`, `Gaza's health
        ministry`), and neither is part of the office."""
        return self.gazetteer.country_of(word) or self.gazetteer.place_country(word)

    def _office(self, token: Token) -> Actor | None:
        """`Japan's prime minister`, `a senior US official`, `Ukrainian officials`, `the Chinese
        foreign ministry spokesman`: an office with no named holder speaks for the body it
        belongs to (one named in the phrase, or the office's default body) of the country the
        phrase names. An office of something other than a state (`party officials`, `rebel
        leaders`, `the company's chief`) or held no more (`a former president`) is no state's."""
        default = self.gazetteer.office(token.lemma_) if token.pos_ in ("NOUN", "PROPN") else None
        if default is None:
            return None
        words = self._office_words(token)
        if any(t.lower_ in _OUT_OF_OFFICE for t in words):
            return None
        if (seat := self._seat_of(token)) is not None:  # `a Kremlin spokesman`, `a NATO official`
            actor, name = seat
            own = [t for t in words if t.i not in {w.i for w in name.subtree}]
            return self._in_office(actor, self._role(own, token, actor.country))
        if any(t.pos_ in ("NOUN", "PROPN") and not self._state_word(t.text) for t in words):
            return None
        named = _body_named(self.gazetteer, [t.lower_ for t in words])
        country = self._country_in(token) or (self.default_country if named else None)
        body = named or default
        found = self.gazetteer.ministry(body) if body else None
        if country is None or found is None:
            return None
        return self._in_office(self._body_actor(country, body, found), self._role(words, token, country))

    def _office_words(self, token: Token) -> list[Token]:
        """The description in front of an office noun without its country (`senior` of `a
        senior US official`, `foreign ministry` of `the Chinese foreign ministry spokesman`)."""
        return [t for t in _description(token) if self._state_of(t.text) is None]

    def _role(self, words: list[Token], token: Token, country: str | None) -> Role:
        """The office as a role of this article (`prime minister`, `senior official`)."""
        return Role(" ".join([*(t.lower_ for t in words), token.lower_]), country, article_id=self.article_id)

    def _seat_of(self, token: Token) -> tuple[Actor, Token] | None:
        """The seat of government or organisation a proper-noun modifier names (`Kremlin`), and
        the head of that name."""
        for child in token.lefts:
            if child.dep_ == "compound" and child.pos_ == "PROPN":
                entry = self._entry_at(child)
                if entry is not None and entry.kind == ActorKind.ORG:
                    return self._entry_actor(entry), child
        return None

    def _state_word(self, word: str) -> bool:
        """A modifier that keeps an office in the state: a body's word (`defence`, `police`) or
        a government title's (`vice`, `press`)."""
        return self.gazetteer.is_body_word(word) or word.lower() in GOVERNMENT_ROLES

    def _in_office(self, actor: Actor, role: Role) -> Actor:
        """A body as an office of it names it: with that role (a quotation's speaker role)."""
        return self._remember(replace(actor, roles=(role,)))

    def _role_holder(self, token: Token) -> Actor | None:
        """`China's foreign minister`, `the specialist in Chinese foreign policy`: the person in
        this article who holds such a role; else the body an unnamed office speaks for; else,
        for a role outside government, the last person quoted."""
        country = self._country_in(token)
        head = token.lower_
        office = self._role(self._office_words(token), token, country).role
        holders = [k for k, p in _items(self.persons) if self._holds(p.role, office, head)
                   and (country is None or p.country in (None, country))]
        if country is not None and any(self.persons[k].country == country for k in holders):
            holders = [k for k in holders if self.persons[k].country == country]  # known beats unknown
        if not holders and head == "counterpart" and country is not None:
            # `his Ukrainian counterpart`: the one person of that country the article names
            holders = [k for k, p in _items(self.persons) if p.country == country]
        if len(holders) > 1:  # `the finance minister` among several ministers
            words = {t.lower_ for t in token.lefts
                     if t.dep_ in ("amod", "compound") and self._state_of(t.text) is None}
            holders = [k for k in holders if words <= set((self.persons[k].role or "").split())]
        if len(holders) == 1:
            return self._person_actor(holders[0])
        if not holders and country is not None and not any(t.lower_ in _OUT_OF_OFFICE for t in token.lefts):
            # `China's foreign minister` the article never names: whoever held it on its date
            if (holder := self.knowledge.holder(country, office, self.date)) is not None:
                return self._person_actor(self._known_person(holder))
        if (body := self._office(token)) is not None:
            return body
        last = self.coreference.last_speaker
        speaker = self.actors.get(last) if last else None
        if speaker is not None and speaker.kind == ActorKind.PERSON and head not in GOVERNMENT_ROLES:
            return speaker
        return None

    def _holds(self, role: str | None, office: str, head: str) -> bool:
        """Whether a person's role answers a description: the same role word (`the finance
        minister`); for a leader's office (`the Ukrainian leader`, `Japan's prime minister`),
        any leader's role or one ending in the office (`supreme leader`), never a minister's."""
        if not role:
            return False
        if self.gazetteer.leads(office):
            return self.gazetteer.leads(role) or role.endswith(office)
        return role_head(role) == head

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
        if p.known is not None and p.role == p.known.role:  # a role the knowledge base gave, with its dates
            roles: tuple[Role, ...] = (Role(p.role, p.country, article_id=self.article_id, source=p.known.source,
                                            valid_from=p.known.start, valid_until=p.known.end),)
        else:
            roles = (Role(p.role, p.country, article_id=self.article_id),) if p.role else ()
        code = actor_code(p.country, "gov" if role_head(p.role) in GOVERNMENT_ROLES else None) if p.country else (
            p.affiliation_code or None)
        if p.country and p.affiliation_code and p.affiliation_code.startswith(p.country):
            code = p.affiliation_code  # a company's officer: USABUS
        actor = Actor(actor_id(ActorKind.PERSON, key), p.name, ActorKind.PERSON, p.country,
                      None, code, roles, tuple(sorted(p.words)))
        return self._remember(actor)

    def _entry_actor(self, entry: GazetteerEntry) -> Actor:
        entry = self._narrowed(entry)
        key = f"{entry.code}:{entry.name}"
        kind = ActorKind(entry.kind)
        return self._remember(Actor(actor_id(kind, key), entry.name, kind, entry.country, entry.sector,
                                    entry.code, (), (entry.matched,) if entry.matched != entry.name else ()))

    def _narrowed(self, entry: GazetteerEntry) -> GazetteerEntry:
        """An acronym the article also writes with a country in front names that country's
        body (`the CDC` beside `the Chinese CDC` is China's, not the US one the acronym alone
        names)."""
        if not entry.matched.isupper():
            return entry
        suffix = " " + entry.matched
        return next((o.entry for o in self.org_heads.values() if o.entry is not None
                     and o.entry.code != entry.code and o.entry.matched.endswith(suffix)), entry)

    def _remember(self, actor: Actor) -> Actor:
        """Record an actor with the aliases and roles of all its mentions in the article, and
        return it with this mention's roles only: `the Japanese government said` reports no
        prime minister, though `Japan's prime minister` spoke for the same actor before."""
        merged = actor
        known = self.actors.get(actor.id)
        if known is not None:
            aliases = tuple(sorted(set(known.aliases) | set(actor.aliases)))
            roles = known.roles + tuple(r for r in actor.roles if r not in known.roles)
            # what is known now, all names and roles; a country a mention gave is not lost to a
            # later mention that gives none (`Ukrainian energy company Burisma` ... `Burisma`)
            base = actor if actor.country or not known.country else known
            merged = base if base.aliases == aliases and base.roles == roles \
                else replace(base, aliases=aliases, roles=roles)
        self.actors[actor.id] = merged
        return merged if merged.roles == actor.roles else replace(merged, roles=actor.roles)

    def person_actors(self) -> list[Actor]:
        return [self._person_actor(k) for k in self.persons]

    def settle(self, home: str) -> None:
        """Give the article's own country to the people and organisations it leaves without
        one: a story about one country quotes its companies, researchers and officials without
        saying whose they are (`Jane Roe, the company's chief executive`). Never to someone
        who serves an international organisation, nor to a news medium. A weaker fact than
        one the text states: called only after reading, with the country that dominates the
        article's mentions (`home_country`)."""
        self._writes.count += 1  # people change in place
        for person in self.persons.values():
            if person.country is None and not (person.affiliation_code or "").startswith(("IGO", "NGO")):
                person.country = home
        for key, actor in list(self.actors.items()):
            if actor.kind == ActorKind.ORG and actor.country is None and actor.sector not in ("igo", "media") \
                    and not (actor.code or "").startswith(("IGO", "NGO")):
                self.actors[key] = replace(actor, country=home, code=actor_code(home, actor.sector))


def home_country(countries: list[str]) -> str | None:
    """The country an article is about: the one its actor mentions name at least three times
    and twice as often as any other (a story that is as much about two countries has none)."""
    counts: dict[str, int] = {}
    for code in countries:
        counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 3 or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return next(c for c, n in counts.items() if n == ranked[0])


def _body_named(gazetteer: Gazetteer, words: list[str]) -> str | None:
    """The longest state body the words in front of an office end with (`foreign ministry` of
    `foreign ministry spokesman`, `army` of `army chief`)."""
    return next((" ".join(words[i:]) for i in range(len(words)) if gazetteer.ministry(" ".join(words[i:]))), None)
