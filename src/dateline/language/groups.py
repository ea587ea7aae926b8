"""Groups as actors: police, protesters, troops, lawmakers, residents, `a man`.

News names many of an event's sides by what they are, not who: `Hong Kong police fired tear
gas at protesters`, `Russian troops shelled the town`, `police arrested a man`. GDELT codes such
a side as its country with a role (HKGCOP, RUSMIL, HKGOPP); so do we, when nothing more specific
resolves the phrase (an office, a body or a named group of the other tables wins). The country is
the one the phrase names (`Hong Kong police`, `Russian troops`, `Taliban fighters`, `the city's
police`), else the place the group is said to be in or come from (`protesters in Hong Kong`),
else (for police, protesters and other local groups) a site or place of their clause or sentence,
else the article's dateline country, else none yet: after the whole article is read, local
groups take the story's scene (`story_scene`: where it happens, not who speaks of it) and the
others the article's own country (`settle_groups`), as the people it leaves without one do. One actor per country, role and noun in an article. A lookup per noun, no pass.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token

from dateline.language.actors import ArticleActors, actor_id, compound_text
from dateline.language.gazetteer import Gazetteer, actor_code, read_table
from dateline.model import Actor, ActorKind

__all__ = ["GroupNoun", "group_actor", "group_home", "group_nouns", "settle_groups", "story_scene"]

_ORIGIN_PREPS = frozenset({"in", "inside", "at", "from", "of"})
_FROM_PREPS = frozenset({"from"})
_SCENE_PREPS = frozenset({"in", "inside", "at", "outside", "near"})
# Roles of groups that are of the place they are in: police, protesters, residents, students,
# workers, lawmakers, judges; troops, fighters and gunmen may come from elsewhere.
_LOCAL = frozenset({"COP", "OPP", "CVL", "EDU", "LAB", "AGR", "LEG", "JUD"})
_KEY = "group:"
# Words counting the group after their `of`.
_QUANTITIES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "ten", "tens",
                         "score", "scores", "number", "group", "crowd", "band", "handful"})  # actor keys of this module's groups, to settle them by


@dataclass(frozen=True, slots=True)
class GroupNoun:
    """A row of `data/groups.tsv`."""

    noun: str
    role: str
    country: str | None


@functools.cache
def group_nouns() -> dict[str, GroupNoun]:
    """The group nouns by lemma."""
    return {row["noun"]: GroupNoun(row["noun"], row["role"], row.get("country") or None)
            for row in read_table("groups.tsv")}


def _noun(token: Token) -> GroupNoun | None:
    """The group a common noun (or a party member's capitalised name) stands for. A singular
    person noun (`man`) counts only with an article or a number before it: `a man`, `two
    men`; a bare `man` is a word of a longer name or a title."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    nouns = group_nouns()
    word = token.lower_
    before = token.doc[token.i - 1] if token.i > 0 else None
    row = (nouns.get(f"{before.lower_} {token.lemma_.lower()}") if before is not None  # `security forces`
           and before.head.i == token.i and before.dep_ in ("compound", "amod") else None)
    row = row or nouns.get(token.lemma_.lower()) or nouns.get(word) \
        or (nouns.get(word[:-1]) if word.endswith("s") else None)
    if row is None or (token.pos_ == "PROPN" and row.country is None):
        return None
    if token.dep_ in ("compound", "amod", "poss"):  # `police station`, `the people's republic`
        return None
    return row


# Nouns for a protest, which as the subject of a verb stand for its protesters (`the protests
# broadened into a movement against the government`, `marches converged on the campus`).
_PROTESTS = frozenset({"protest", "demonstration", "march", "rally", "sit-in", "uprising", "movement"})


def _protest_noun(token: Token) -> GroupNoun | None:
    """The protesters a protest noun stands for, when it is the subject of an active verb:
    the protest acts as its protesters do. Elsewhere (`condemned the protests`, `protests
    against X`) the noun is the act, which the noun table codes."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or token.lemma_.lower() not in _PROTESTS:
        return None
    if token.lemma_.lower() == "movement" and not any(c.dep_ == "compound" and c.lemma_.lower() in _PROTESTS
                                                      for c in token.lefts):
        return None  # `the movement` alone may be a party's; `the protest movement` is protesters
    return group_nouns().get("protester")


def _named_country(token: Token, registry: ArticleActors) -> tuple[str, str] | None:
    """The country the phrase's own words name, and those words: `Hong Kong police`, `Russian
    troops`, `Taliban fighters`, `Democratic lawmakers`, `Kharkiv's police`."""
    lefts = [t for t in token.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
    gazetteer = registry.gazetteer
    for word in lefts:
        if (code := gazetteer.country_of(word.text)) is not None:
            return code, word.text
        if word.text[:1].isupper() and (party := _party(word.lower_)) is not None:  # `Democratic lawmakers`
            return party, word.text
        if word.dep_ == "compound" and word.pos_ == "PROPN":
            phrase = compound_text(word)
            if (code := gazetteer.country_of(phrase) or gazetteer.place_country(phrase)) is not None:
                return code, phrase
        if word.pos_ == "PROPN" and (found := registry.lookup(word)) is not None and found.country:
            return found.country, compound_text(word)  # `Taliban fighters`
        if word.pos_ in ("PROPN", "NOUN") and (place := registry.place_of(word)) is not None and place[0]:
            return place[0], word.text  # `Kharkiv's police`
    return None


def _party(word: str) -> str | None:
    """The country of a party whose members' noun has a country (`Democratic` of `Democrat`)."""
    nouns = group_nouns()
    row = nouns.get(word) or (nouns.get(word[:-2]) if word.endswith("ic") else None)
    return row.country if row is not None else None


def _origin_country(token: Token, registry: ArticleActors, *, local: bool, depth: int = 0) -> str | None:
    """The country of the place a group comes from (`troops from Russia`) or, for a group of
    the place it is in (`local`: police, protesters, residents, not troops), is said to be in
    (`protesters in Hong Kong`, `the demonstrators inside the university in Hong Kong`)."""
    preps = _ORIGIN_PREPS if local else _FROM_PREPS
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in preps):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            if (code := _place_country(place, registry)) is not None:
                return code
            if depth < 2 and (code := _origin_country(place, registry, local=local, depth=depth + 1)) is not None:
                return code
    return None


def _place_country(place: Token, registry: ArticleActors) -> str | None:
    """The country a place phrase names or is in, or the country of the institution it names
    (a university, a court)."""
    code = registry.gazetteer.country_of(compound_text(place))
    if code is not None:
        return code
    found = registry.place_of(place)
    if found is not None and found[0]:
        return found[0]
    if place.pos_ == "PROPN" and (actor := registry.lookup(place)) is not None \
            and actor.kind == ActorKind.ORG and actor.country:
        return actor.country
    return None


def _scene_country(token: Token, registry: ArticleActors) -> str | None:
    """The country of the place the group's own clause happens in (`Police arrested a man in
    Berlin`): a local group acts where it is."""
    if token.dep_ not in ("nsubj", "nsubjpass", "dobj") and not (token.dep_ == "pobj" and token.head.dep_ == "agent"):
        return None
    verb = token.head.head if token.dep_ == "pobj" else token.head
    # the parse may hang the clause's place on its object (`arrested a man in Berlin`)
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and c.i != token.i]
    holders += [g for c in verb.children if c.dep_ == "prep" and c.lower_ not in _SCENE_PREPS
                for g in c.children if g.dep_ == "pobj"]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in _SCENE_PREPS):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            if (code := _place_country(place, registry)) is not None:
                return code
    # the clause's other side is a place or a site (`Hong Kong Polytechnic University was
    # besieged by police`, `police raided a Lagos school`): the group acts there
    for other in (c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != token.i):
        if (code := _site_country(other, registry)) is not None:
            return code
    return None


def _sentence_country(token: Token, registry: ArticleActors) -> str | None:
    """The one country of the places the group's sentence names as locations in the group's
    clause or the clauses above it (`Police in Minsk fired tear gas at the marchers`: the
    marchers are in Minsk too); None when it names places of two countries, or none."""
    found: set[str] = set()
    own = _clause_verb(token)
    clauses = {own.i, *(a.i for a in own.ancestors)} if own is not None else set()
    for place in token.sent:
        if place.dep_ == "pobj" and place.head.lower_ in _LOCATIVE and place.pos_ == "PROPN" \
                and (verb := _clause_verb(place)) is not None and verb.i in clauses \
                and (code := _place_country(place, registry)) is not None:
            found.add(code)
    return found.pop() if len(found) == 1 else None


def _clause_verb(token: Token) -> Token | None:
    """The verb of the clause a token stands in: a place in a clause about someone else (`a
    man who had fought in Syria`) is not where the group acts."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


# Nouns for sites that stand in one place (a university is where it is); not embassies,
# whose ground is another state's.
_SITES = frozenset({"university", "college", "school", "campus", "hospital", "airport", "station", "square",
                    "mosque", "church", "temple", "cathedral", "synagogue", "stadium", "prison", "market"})


def _site_country(token: Token, registry: ArticleActors) -> str | None:
    """The country of a place, or of a site that names it or is an organisation of it."""
    found = registry.place_of(token)
    if found is not None and found[0]:
        return found[0]
    if token.lemma_.lower() not in _SITES:
        return None
    named = [t for t in token.lefts if t.dep_ in ("compound", "poss", "amod") and t.pos_ == "PROPN"]
    named += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"  # `the University of Lagos`
              for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    for word in named:
        if (code := registry.gazetteer.country_of(compound_text(word))
                or registry.gazetteer.place_country(compound_text(word))) is not None:
            return code
    actor = registry.lookup(token) if token.pos_ == "PROPN" else None
    return actor.country if actor is not None and actor.kind == ActorKind.ORG and actor.country else None


def _determined(token: Token) -> bool:
    """Whether a singular person noun is a phrase of its own: `a man`, `another man`, `the
    assailant`, `a 57-year-old man`."""
    return token.tag_ in ("NNS", "NNPS") or any(c.dep_ in ("det", "nummod", "poss") for c in token.lefts)


def group_actor(token: Token, registry: ArticleActors) -> Actor | None:
    """The group actor a noun phrase headed by `token` names, recorded in the article's actors,
    or None. For the sides of events, when the article's tables resolve nothing more specific."""
    if token.lemma_.lower() in _QUANTITIES:  # `dozens of protesters`, `hundreds of students`
        token = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), token)
    row = _noun(token) or _protest_noun(token)
    if row is None or (row.role == "CVL" and token.tag_ == "NN" and not _determined(token)):
        return None
    words = token.lower_ if token.pos_ == "NOUN" else token.text  # `protesters`, `Democrats`
    named = _named_country(token, registry)
    local = row.role in _LOCAL
    country = named[0] if named else (_origin_country(token, registry, local=local) or row.country
                                      or (_scene_country(token, registry) or _sentence_country(token, registry)
                                          if local else None)
                                      or registry.default_country)
    # a group of no country yet is this article's own: another article's `police` may be any state's
    key = f"{_KEY}{country}:{row.role}:{row.noun}" if country else f"{_KEY}{registry.article_id}::{row.role}:{row.noun}"
    name = f"{named[1]} {words}" if named else f"{registry.gazetteer.country_name(country)} {words}" if country \
        else words
    actor = Actor(actor_id(ActorKind.GROUP, key), name, ActorKind.GROUP, country, None,
                  actor_code(country, None, row.role))
    known = registry.actors.get(actor.id)
    if known is not None:
        return known
    registry.actors[actor.id] = actor
    return actor


def settle_groups(registry: ArticleActors, home: str | None, *, scene: str | None = None) -> None:
    """Give the article's own country to the groups it left without one (`police arrested a
    man`, in a story about one country): called after reading, as `ArticleActors.settle`.
    Police, protesters, residents and students (the local roles) take the story's `scene`
    instead when it has one (`story_scene`): they are of the place where the story happens,
    which a story about a territory and the state it belongs to may name less than the state."""
    roles = {row.role for row in group_nouns().values()}
    for key, actor in list(registry.actors.items()):
        role = actor.code or ""  # a countryless group's code is its role alone
        if actor.kind != ActorKind.GROUP or actor.country is not None or role not in roles:
            continue
        where = scene if scene is not None and role in _LOCAL else home
        if where is None:
            continue
        name = f"{registry.gazetteer.country_name(where)} {actor.name}"
        registry.actors[key] = replace(actor, name=name, country=where, code=actor_code(where, None, role))


# Prepositions that say where something is or happens (`in Hong Kong`, `outside Caracas`).
_LOCATIVE = frozenset({"in", "inside", "at", "across", "throughout", "around", "outside", "near"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Nouns for what happens somewhere: a place's name before them says where (`the Santiago protests`).
_HAPPENINGS = frozenset({"protest", "protests", "demonstration", "rally", "march", "riot", "riots", "unrest",
                         "clash", "clashes", "violence", "crackdown", "uprising", "siege", "standoff"})


def story_scene(docs: Iterable[Doc], gazetteer: Gazetteer, dateline: str | None = None) -> str | None:
    """The country (or territory with a code of its own: HKG, PSE) where the story's events
    happen: the places it names as locations (`in Hong Kong`, `across Chile`), as the home of
    a local group (`Santiago police`, `Hong Kong's protesters`) or of a happening (`the Hong Kong
    protests`), and its dateline (counted twice). A state named only as a speaker or an actor
    (`Beijing said`, `China warned`) is not a location. The scene is the country named so at
    least twice and at least twice as often as any other; else None. A pass over the docs'
    place entities only, a lookup each."""
    counts: Counter[str] = Counter()
    if dateline:
        counts[dateline] += 2
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ not in _PLACE_ENTS or not _locates(ent.root):
                continue
            entry = gazetteer.lookup(ent.text)
            if entry is not None and entry.country and entry.via in ("name", "capital", "place") \
                    and entry.country in gazetteer.names:
                counts[entry.country] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _locates(root: Token) -> bool:
    """Whether a place name stands as a location: a locative preposition's object, or the
    modifier of a local group or a happening (`Hong Kong police`, `the Caracas protests`)."""
    if root.dep_ == "pobj":
        return root.head.lower_ in _LOCATIVE
    if root.dep_ in ("compound", "poss") and root.head.pos_ == "NOUN":
        head = root.head
        if head.lower_ in _HAPPENINGS or head.lemma_.lower() in _HAPPENINGS:
            return True
        row = _noun(head)
        return row is not None and row.role in _LOCAL
    return False


def group_home(countries: Sequence[str], dateline: str | None) -> str | None:
    """Whose the article's unplaced groups are when `home_country` finds no home: the
    dateline's country (`HONG KONG -- Police fired ...`), else the country the article's actor
    mentions name at least twice and twice as often as any other (`home_country` asks for
    three: a short story about one country names it less). A story as much about two countries
    leaves its groups without one: police in a story about Beijing and Hong Kong are not
    guessed."""
    if dateline:
        return dateline
    counts: dict[str, int] = {}
    for code in countries:
        counts[code] = counts.get(code, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]
