"""Code a parsed sentence into CAMEO events: who did what to whom.

For every verb the dictionary knows, the most specific matching pattern gives the code; the
parse gives the source (the subject, or the `by` agent in the passive voice, shared across
coordinated and dependent verbs) and the target (where the pattern says: the object, a
preposition's object, both sides of `between A and B`). Coordination multiplies events
(`urged Kyiv and Moscow` is two), and symmetric events run both ways (`X and Y held talks`).
Actors are resolved through the article's `Resolver` (`resolver.py`: a lookup records nothing, a
side is recorded); the modality by `modality.py`. A side named by
a place (`shelled the Ukrainian city of Kharkiv`) is the place's country, as GDELT codes it, and
the place is where the event happened, in the events that can happen to or be done by a place
(`data/place_events.tsv`: attacks, aid, visits): a place is not beaten or arrested (`Ottawa beat
Detroit` is sport), and it says, demands and promises nothing, as it never speaks. The source
is the verb's own subject when it has one (`Officers arrested X, Harris said` has none we know,
never Harris); a country owning an object that is no actor is the target (`criticised the US
policy shift`); a force code read off a sports report is dropped (`contest.py`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from spacy.tokens import Span, Token

from dateline.events import implied
from dateline.events.contest import is_contest
from dateline.events.dictionary import Pattern, load_nouns, load_verdicts
from dateline.events.modality import event_modality
from dateline.events.nominal import REFUSAL_NOUNS, NounFrame, RefusalFrame, noun_frames, refusal_frame
from dateline.events.resolver import Resolver
from dateline.events.verdicts import held_now, verdicts
from dateline.language.attribution import is_cue, resolve_subject
from dateline.language.gazetteer import actor_code
from dateline.language.phrases import conjuncts, tokens_of
from dateline.model import Actor, ActorKind, Modality

__all__ = ["Coded", "code_sentence"]

_SUBJECTS = ("nsubj", "csubj")
_INHERIT = frozenset({"xcomp", "advcl", "conj", "acl", "pcomp", "relcl", "acomp"})
_OBJECT_DEPS = ("dobj", "attr", "oprd")
# `accused China of mulling`, `warned Tehran against enriching`: the object does the gerund.
_CONTROL_PREPS = frozenset({"of", "for", "against", "from"})
# A modifier word asking for a place that is neither side's own country (`met in Antalya`).
ELSEWHERE = "@elsewhere"
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# Where a non-actor noun's owning country is the target: a direct or a preposition's object.
_OWNED_DEPS = frozenset({"dobj", "pobj", "nsubjpass"})  # the passive's subject is its object
_DASHES = frozenset({"-", "–", "—"})


@dataclass(frozen=True, slots=True)
class Coded:
    """One event found in a sentence, before dates, ids and deduplication."""

    pattern: Pattern
    verb: Token
    source: Actor
    target: Actor | None
    modality: Modality
    indirect: bool  # an actor came from a pronoun, a role or a group: less certain
    location: str | None = None  # the place a side was named by (`shelled Kharkiv`)


@dataclass(frozen=True, slots=True)
class _Side:
    """One source or target: the actor, whether it was named indirectly, and the place that
    named it (its country is the actor)."""

    actor: Actor
    indirect: bool
    place: str | None = None
    own: bool = False  # a state standing for the source's own (`asked their governments`)



def _before_dash(token: Token) -> list[Token]:
    """A noun and its coordinated nouns, or only the word before a spaced dash the parse
    compounded onto it (`with Israel - A and B - also`: A and B are set off, Israel is the object)."""
    cut = next((c for c in token.lefts if c.dep_ == "compound" and c.i + 1 < token.i
                and token.doc[c.i + 1].text in _DASHES and c.whitespace_), None)
    return [cut] if cut is not None else conjuncts(token)


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _controller(node: Token) -> Token | None:
    """The object that is the understood subject of a dependent verb (object control):
    `urged Kyiv to negotiate`, `accused China of mulling shipments`."""
    head = node.head
    if node.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in _CONTROL_PREPS:
        head = head.head
    elif node.dep_ != "xcomp":
        return None
    if head.i == node.i or head.pos_ not in ("VERB", "AUX") or _passive(head):
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _subject_levels(verb: Token) -> Iterator[list[Token]]:
    """The verb's subjects, else those of the verbs it depends on: a coordinated or dependent
    verb without a subject of its own shares its head's subject, or its head's object when
    that controls it (`urged Kyiv to negotiate`). A subject of its own that names no actor
    leaves the event without a source, and a reported clause never inherits its reporter:
    the speaker of `X did it, Y said` did not do it."""
    node = verb
    came_by = ""
    for _ in range(5):
        if _passive(node):
            agents = [g for c in node.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if node.i != verb.i and (not agents or came_by == "conj"):
                # `Mexico is set to host`: the raised subject; `X was criticised by Y and denied
                # Z`: a coordinated verb shares the passive's subject, not its agent
                agents = [c for c in node.children if c.dep_ == "nsubjpass"]
            yield [t for a in agents for t in conjuncts(a)]
            return
        own = [c for c in node.children if c.dep_ in _SUBJECTS] or _misread_subject(node)
        if own:
            yield [t for s in own for t in conjuncts(s)]
            if node.i == verb.i:  # `Officers arrested X, Harris said`: the officers or nobody
                return
        elif (controller := _controller(node)) is not None:
            yield conjuncts(controller)
            return
        if node.dep_ not in _INHERIT | {"ccomp"} or node.head.i == node.i or _reported(node):
            return
        came_by = node.dep_
        node = node.head


def _misread_subject(verb: Token) -> list[Token]:
    """A verb without a subject whose complement clause comes before it: the parse took the
    subject with its infinitive for a clause (`The two states to have signed X - A and B -
    criticised Y`), and the complement's subject is the verb's."""
    if verb.pos_ != "VERB" or verb.dep_ != "ROOT":
        return []
    clause = next((c for c in verb.lefts if c.dep_ == "ccomp" and c.tag_ in ("VBN", "VB")), None)
    return [c for c in clause.children if c.dep_ in _SUBJECTS] if clause is not None else []


def _reported(clause: Token) -> bool:
    """A clause a speech verb reports (`..., Harris said`): its events are not the speaker's."""
    return clause.dep_ == "ccomp" and is_cue(clause.head)


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
            return [t for o in objs for t in conjuncts(o)]
    return []


def _matches(pattern: Pattern, verb: Token, obj: Token | None) -> bool:
    if pattern.particle and not any(_particle(c, pattern) for c in verb.children):
        return False
    if pattern.obj and (obj is None or not _object_words(obj) & pattern.obj):
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
    anything = "*" in words or ELSEWHERE in words
    return bool(found) and (anything or any({p.lemma_.lower(), p.lower_} & words for p in found))


# Adverb particles: `gave in`, `pulled out`; `in return`, `out of Syria` are prepositions.
_ADVERB_PARTICLES = frozenset({"in", "out", "up", "down", "off", "back", "away", "over"})
# Particles saying where an object is kept, which the parse may read as adverbs (`pinned them inside`).
_PLACE_ADVERBS = frozenset({"inside", "down", "in"})


def _particle(child: Token, pattern: Pattern) -> bool:
    """Is the child the pattern's particle? An adverb particle with an object of its own is a
    preposition (`give space in return` is not `give in`), unless the pattern's target is that
    preposition's object (`arrive+in`)."""
    particle = pattern.particle
    if child.lower_ == particle and child.dep_ == "advmod" and particle in _PLACE_ADVERBS:
        return True  # `pinned 800 students inside`: the parse may read a place particle as an adverb
    # `helicopter shot down`: the parse may read the particle right after the verb as an adverb
    adverb = child.dep_ == "advmod" and particle in _ADVERB_PARTICLES and child.i == child.head.i + 1
    if child.lower_ != particle or (child.dep_ not in ("prt", "prep", "dative") and not adverb):
        return False
    return child.dep_ == "prt" or adverb or particle not in _ADVERB_PARTICLES or pattern.target == f"prep:{particle}" \
        or not any(g.dep_ == "pobj" for g in child.children)


def _object_words(obj: Token) -> set[str]:
    """The object noun as the dictionary may name it: alone, or with a compound noun before
    it (`arms shipments` is `arms shipment`, which a bare `shipment` row would not say)."""
    words = {obj.lemma_.lower(), obj.lower_}
    for c in obj.children:  # `tear gas` may be read as an adjective and a noun
        if c.dep_ in ("compound", "amod") and c.i < obj.i:
            words |= {f"{c.lower_} {obj.lemma_.lower()}", f"{c.lower_} {obj.lower_}"}
    if (stuff := _partitive_stuff(obj)) is not None:  # `fired volleys of teargas`: the stuff is the object
        words |= _object_words(stuff)
    return words


def _partitive_stuff(obj: Token) -> Token | None:
    """What a counting noun counts: `volleys of teargas`, `round after round of teargas` (the
    parse may hang the repeated noun, and its `of`, on the verb)."""
    if obj.lemma_.lower() not in _PARTITIVES:
        return None
    heads = [obj]
    doc = obj.doc
    if obj.i + 2 < len(doc) and doc[obj.i + 1].lower_ == "after" and doc[obj.i + 2].lower_ == obj.lower_:
        heads.append(doc[obj.i + 2])
    for head in heads:
        stuff = next((t for t in head.subtree if t.dep_ == "pobj" and t.head.lower_ == "of"), None)
        if stuff is not None and stuff.i != head.i:
            return stuff
    return None


# Nouns that count or measure what follows their `of` (`a barrage of missiles`).
_PARTITIVES = frozenset({"round", "volley", "barrage", "salvo", "hail", "wave", "series", "string", "spate",
                         "canister", "burst", "shipment", "batch", "package", "number", "dozen", "lot"})


def _targets(pattern: Pattern, verb: Token, obj: Token | None) -> list[Token]:
    where = pattern.target
    if where == "dobj":
        if obj is None and pattern.modifier is not None and pattern.modifier[0] == "xcomp" \
                and "*" not in pattern.modifier[1]:
            return _infinitive_objects(verb)  # `threatened to kill X`, not `wants to get X off`
        return conjuncts(obj) if obj is not None else []
    if where == "dative":
        dative = next((c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
        return conjuncts(dative) if dative is not None else []
    if where == "obj.poss":  # `rejected Kyiv's proposal`, `dismissed criticism from London`
        if obj is None:
            return []
        owners = [c for c in obj.children if c.dep_ in ("poss", "amod", "compound")]
        return owners + [g for c in obj.children if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by")
                         for g in c.children if g.dep_ == "pobj"] + _authors(obj)
    if where == "between":
        return _between(verb)
    if where.startswith("prep:"):
        word = where.split(":", 1)[1]
        # `declined to negotiate with Kyiv`: the preposition may hang on the infinitive
        holders = [verb] + ([obj] if obj is not None else []) + [c for c in verb.children if c.dep_ == "xcomp"]
        if obj is not None and (stuff := _partitive_stuff(obj)) is not None:  # `fired volleys of teargas at X`
            holders.append(stuff)
        return [t for h in holders for p in _preps(h, word) for t in _before_dash(p)]
    return []


# Prepositions whose object an infinitive acts on (`threatened to use live rounds on them`).
_UPON = ("on", "against")


def _infinitive_objects(verb: Token) -> list[Token]:
    """What the verb's infinitive acts on, when the verb itself has no object: `threatened to
    kill X` (its object), `threatened to use force against X` (its `on`/`against` phrase)."""
    found: list[Token] = []
    for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
        obj = next((c for c in xcomp.children if c.dep_ == "dobj"), None)
        if obj is not None:
            found.extend(conjuncts(obj))
        for holder in [xcomp] + ([obj] if obj is not None else []):
            found.extend(t for word in _UPON for p in _preps(holder, word) for t in conjuncts(p))
    return found


def _particle_object(verb: Token, particle: str) -> Token | None:
    """The object of a prepositional verb's preposition (`called for talks`, `balked at the
    plan`): what the pattern's object names when the verb has no direct object."""
    return next((g for c in verb.children if c.dep_ in ("prep", "prt") and c.lower_ == particle
                 for g in c.children if g.dep_ == "pobj"), None)


def _names_predicate(verb: Token) -> bool:
    """`called it a responsible mix`, `named him envoy`: an object predicate makes the verb a
    naming or describing one, not the act a bare pattern codes."""
    return any(c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.i > verb.i) for c in verb.children)


def _forms(verb: Token) -> tuple[str, ...]:
    """Base forms to try when the lemmatizer missed one (`staged` read as `stag`): the past
    or third-person word with its ending taken off."""
    word = verb.lower_
    if word.endswith("ed"):
        return word[:-1], word[:-2]
    if word.endswith("es"):
        return word[:-1], word[:-2]
    if word.endswith("s"):
        return (word[:-1],)
    return ()


def _patterns_for(verb: Token, dictionary: Mapping[str, Sequence[Pattern]]) -> Iterator[tuple[Pattern, Token | None]]:
    """The verb's matching patterns, most specific first, with its object. One lookup per verb:
    the dictionary is indexed by lemma."""
    patterns = dictionary.get(verb.lemma_.lower()) or next(
        (found for form in _forms(verb) if (found := dictionary.get(form))), ())
    if not patterns:
        return
    direct = _object(verb)
    predicate = _names_predicate(verb)
    for pattern in patterns:
        obj = direct
        if obj is None and pattern.particle:
            obj = _particle_object(verb, pattern.particle)
        if predicate and not pattern.obj and pattern.modifier is None and pattern.particle is None:
            continue
        if _matches(pattern, verb, obj):
            yield pattern, obj


_PAIR_OF_STATES = frozenset({"nation", "country", "state", "side", "government", "capital"})
_PAIR_OF_PEOPLE = frozenset({"leader", "president", "minister", "man", "woman", "official", "diplomat"})


# Quotations' page spans and speakers: `we` and `I` inside one are its speaker (`"We accuse
# Beijing of X," the ministry's spokesman said` is the spokesman's body accusing).
Voices = Sequence[tuple[int, int, Actor]]
_FIRST_PERSON = frozenset({"we", "us", "our", "i", "me", "my"})
_IT = frozenset({"it", "its"})


def _group_before(token: Token, registry: Resolver) -> Actor | None:
    """`they`, `them` with no plural actor before: the nearest group named before the pronoun,
    in its sentence or the one before (`police pinned 800 students inside and threatened to
    use live ammunition on them`)."""
    if token.lower_ not in ("they", "them"):
        return None
    sent = token.sent
    start = token.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for t in reversed(token.doc[start:token.i]):
        if t.tag_ in ("NNS", "NNPS") and t.dep_ not in ("compound", "amod", "poss") \
                and (found := registry.record_group(t)) is not None:
            return found
    return None


def _is_person(actor: Actor) -> bool:
    return actor.kind == ActorKind.PERSON


def _apposed(noun: Token, registry: Resolver, kinds: set[str]) -> list[Actor]:
    """The actors of that sort a dash sets off after a noun in its sentence (`the two states -
    A and B - signed`): what the noun names, whatever the parse hung them on."""
    sent = noun.sent
    dashes = [t.i for t in tokens_of(sent) if t.i > noun.i and t.text in _DASHES and t.whitespace_]
    if not dashes:
        return []
    end = dashes[1] if len(dashes) > 1 else sent.end
    named = (registry.record(t) for t in noun.doc[dashes[0] + 1:end] if t.pos_ == "PROPN" and t.dep_ != "compound")
    return [a for a in named if a is not None and a.kind in kinds]


def _pair(token: Token, registry: Resolver, at: int) -> list[Actor]:
    """`the two nations' foreign ministers`, `the two leaders`: the two actors of that sort a
    dash sets off after these words, else the last two the article named before them."""
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    for noun in (owner, token):
        if noun is None or not any(c.lower_ in ("two", "both") for c in noun.children):
            continue
        lemma = noun.lemma_.lower()
        kinds = {"country"} if lemma in _PAIR_OF_STATES else {"person"} if lemma in _PAIR_OF_PEOPLE else set()
        if len(apposed := _apposed(noun, registry, kinds)) == 2:
            return apposed
        picked: list[Actor] = []
        for actor in reversed(registry.named_before(at)):
            if actor.kind in kinds and all(actor.country != p.country for p in picked):
                picked.append(actor)
            if len(picked) == 2:
                return list(reversed(picked))
    return []


def _side(token: Token, registry: Resolver, at: int, *, places: bool,
          voices: Voices = ()) -> _Side | None:
    """The one actor a token names, or (when `places`) the country of a place it names."""
    indirect = token.pos_ in ("PRON", "NOUN")
    start = at - token.idx  # the page offset of the token's doc

    def resolve(t: Token) -> Actor | None:
        t = _antecedent(t)
        if t.pos_ == "PRON" and t.lower_ in _FIRST_PERSON:
            return next((a for lo, hi, a in voices if lo <= start + t.idx < hi), None)
        if t.pos_ == "PRON":
            return registry.referent(t, start + t.idx) or _group_before(t, registry)
        return registry.record(t) or registry.record_group(t)  # `police`, `Russian troops`

    actor = resolve_subject(token, resolve, _is_person)
    if actor is not None:
        return _Side(actor, indirect)
    found = registry.record_place(token) if places and token.pos_ != "PRON" else None
    return _Side(found[0], indirect, found[1]) if found is not None else None


_RELATIVE = frozenset({"who", "that", "which"})


def _antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for (`police, who fired teargas`: the police)."""
    if token.lower_ in _RELATIVE and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "relcl" \
            and token.head.head.i != token.head.i:
        return token.head.head
    return token


def _owner(token: Token, registry: Resolver, voices: Voices = (), start: int = 0) -> _Side | None:
    """The country owning an object that is no actor (`criticised the US policy shift`,
    `rejected China's claims`): the event's target, as GDELT codes it."""
    if token.pos_ != "NOUN" or token.dep_ not in _OWNED_DEPS:
        return None
    owners = [c for c in token.lefts if c.dep_ in ("poss", "amod", "compound")]
    # `a Hong Kong court ruling`: the name may sit one compound further in
    owners += [g for c in owners if c.dep_ == "compound" for g in c.lefts if g.dep_ == "compound"]
    # `tariffs on imports from the EU`: goods or people from a state are that state's
    owners += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
               for g in c.children if g.dep_ == "pobj"]
    owners += _authors(token)  # `the ruling of the European Court`
    for child in owners:
        if child.lower_ in ("our", "my"):  # `"Japan attacked our ships," the spokesman said`
            speaker = next((a for lo, hi, a in voices if lo <= start + child.idx < hi), None)
            if speaker is not None and speaker.country:
                return _Side(speaker, True)
            continue
        if (actor := registry.record(child)) is not None and (
                actor.kind == ActorKind.COUNTRY or (actor.code or "").startswith("IGO")):
            return _Side(actor, True)
    for agent in (g for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN"  # `the move announced by X`
                  for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"):
        if (actor := registry.record(agent)) is not None:
            return _Side(actor, True)
    return None


def _actors(tokens: Sequence[Token], registry: Resolver, offset: int, *,
            places: bool, owners: bool = False, voices: Voices = ()) -> list[_Side]:
    """The actors the tokens name; with `owners`, a non-actor object's owning country."""
    found: list[_Side] = []
    for token in tokens:
        at = offset + token.idx
        reporter = implied.reporting_pair(token)  # `Both men said they ...`
        pair = _pair(reporter if reporter is not None else token, registry, at)
        each = () if pair else registry.record_each(token)  # `the Russian and Syrian defence ministries`
        single = None if each else _side(token, registry, at, places=places, voices=voices)
        if single is None and owners and not each:
            single = _owner(token, registry, voices, offset)
        candidates = [_Side(a, True) for a in pair] if pair else [_Side(a, False) for a in each] if each \
            else [s for s in [single] if s is not None]
        for side in candidates:
            if all(side.actor.id != s.actor.id for s in found):
                found.append(side)
    return found


Found = list[_Side]


@functools.cache
def _place_codes() -> tuple[str, ...]:
    """The CAMEO codes and code prefixes of `data/place_events.tsv`."""
    text = resources.files("dateline.events").joinpath("data/place_events.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t")[0].strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(rows[1:])  # the first is the header row


def _takes_places(pattern: Pattern) -> bool:
    """Whether a place can be a side of the pattern's events (`shelled Kharkiv`, `aid to Gaza`)."""
    return pattern.cameo.startswith(_place_codes())


def _parties(pattern: Pattern, verb: Token, obj: Token | None, registry: Resolver,
             offset: int, voices: Voices = (), history: Sequence[Coded] = ()) -> tuple[Found, Found] | None:
    """Sources and targets of the event, or None when the sentence does not name them; a
    symmetric event without a target pairs its coordinated subjects (`X and Y met`)."""
    places = _takes_places(pattern)
    sources = next((found for level in _subject_levels(verb)
                    if (found := _actors(level, registry, offset, places=places, voices=voices))), [])
    named = _targets(pattern, verb, obj) if pattern.target != "none" else []
    if len(sources) > 1 and any(_reciprocal(t) for t in named):  # `A and B attacked each other's plans`
        return sources[:1], sources[1:]
    if not sources and pattern.symmetric and pattern.target == "between":  # `talks were held between A and B`
        pair = _actors(named, registry, offset, places=places, voices=voices)
        return (pair[:1], pair[1:]) if len(pair) > 1 else None
    if not sources and (implied_sides := _implied_parties(pattern, verb, named, registry, offset, voices)):
        return implied_sides
    if not sources and _agentless(verb):  # `More tariffs were imposed on China in 2019`
        sources = _first_doer(pattern, history, registry, offset + verb.idx)
    if not sources:  # `The decision breaks with UN resolutions`: the act's doer did it
        sources = _acting_subject(verb, history)
    if not sources:  # `steps, including calling for a summit`; `China's efforts to persuade X`
        sources = _listed_doer(verb, registry, offset, places=places, voices=voices) \
            or _attempter(verb, registry, offset, places=places, voices=voices)
    if not sources:
        return None
    sources = _placed_groups(pattern, verb, sources, registry)
    owners = pattern.target == "dobj" or pattern.target.startswith("prep:")
    targets = _actors(named, registry, offset, places=places, owners=owners, voices=voices)
    if not targets and any(implied.own_state(t) for t in named):  # `asked their governments to help`
        targets = _own_states(sources, registry)
    if not targets and pattern.cameo.startswith("01"):  # `claimed responsibility for downing X`
        targets = _indirect(_actors(implied.responsibility_object(verb), registry, offset, places=False,
                                    owners=True, voices=voices))
    if not targets and pattern.target == "obj.poss" and obj is not None:
        targets = _claimant(obj, sources, history)
    if not targets and obj is not None and pattern.target.startswith("prep:") and not pattern.symmetric:
        targets = _counterpart(pattern, obj, sources, history)
    if not targets and obj is not None and pattern.target in ("dobj", "obj.poss"):
        targets = _act_doer(obj, sources, history)  # `Turkey condemned the move`
    if pattern.target != "none" and not targets:
        if not (pattern.symmetric and len(sources) > 1):
            return None
        return sources[:1], sources[1:]
    return sources, targets


# Nouns for what one side said of or asked of another: rejecting one answers its maker.
_CLAIM_NOUNS = frozenset({"accusation", "allegation", "claim", "charge", "criticism", "demand", "call",
                          "request", "proposal", "ultimatum", "threat", "complaint"})
_CLAIM_ROOTS = ("02", "10", "11", "12", "13")


def _claimant(obj: Token, sources: Found, history: Sequence[Coded]) -> Found:
    """`Beijing rejected the accusations`, `denied these claims`: the side that last made such
    a claim against one of the sources, earlier in the article (indirect: read from the
    article, not the clause)."""
    if obj.lemma_.lower() not in _CLAIM_NOUNS:
        return []
    accused = {s.actor.id for s in sources}
    for earlier in reversed(history):
        if earlier.target is not None and earlier.target.id in accused \
                and earlier.pattern.cameo.startswith(_CLAIM_ROOTS) and earlier.source.id not in accused:
            return [_Side(earlier.source, True)]
    return []


# Nouns that stand for an act the article has named (`the move`, `the decision`), and the
# determiners that make them point back to it.
_ACT_NOUNS = frozenset({"decision", "move", "announcement", "step", "plan", "policy"})
_ACT_DETERMINERS = frozenset({"the", "this", "that", "such", "any"})
# The acts a later `the move` or `the decision` may name: pledges, recognition, agreements,
# cooperation, aid, concessions, inquiries, force, sanctions, coercion, violence; not what is
# said, asked, met about or answered (comments, appeals, talks, praise, criticism, rejection).
_ACT_ROOTS = ("03", "054", "055", "056", "057", "06", "07", "08", "09", "15", "16", "17", "18", "19", "20")


def _act_doer(token: Token, sources: Found, history: Sequence[Coded]) -> Found:
    """`Brazil imposed tariffs on X. Turkey condemned the move.`: an act noun with no owner in
    its phrase (`the decision`, `any decision likely to ...`) stands for the latest act the
    article reported by someone other than the sources (a deed, not words); its doer owns
    it (indirect: read from the article, not the clause). `the announcement` may be a statement."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or lemma not in _ACT_NOUNS:
        return []
    if not any(c.dep_ == "det" and c.lower_ in _ACT_DETERMINERS for c in token.children):
        return []
    if any(c.dep_ in ("poss", "compound") or (c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of"))
           or (c.dep_ == "acl" and any(a.dep_ == "agent" for a in c.children)) for c in token.children):
        return []  # `its decision`, `the US decision`, `the move (announced) by Hungary`: an owner of its own
    ids = {s.actor.id for s in sources}
    for earlier in reversed(history):
        if earlier.target is not None and earlier.target.id not in ids and _answers_owned_act(earlier.verb):
            return [_Side(earlier.target, True)]  # `Egypt criticised the US policy shift`: the US acted
        if earlier.source.id in ids or earlier.verb.dep_ in _BACKGROUND:
            continue
        if not earlier.pattern.cameo.startswith(_ACT_ROOTS) and not (
                lemma == "announcement" and earlier.pattern.cameo.startswith("01")):
            continue
        return [_Side(earlier.source, True)]
    return []


# Clauses that describe a side, not the news: `the two states to have signed treaties with X`.
_BACKGROUND = frozenset({"relcl", "acl", "amod"})


def _answers_owned_act(verb: Token) -> bool:
    """`criticised the US policy shift`, `hailed Japan's announcement`, `criticism over its
    decision`: an event answering an act noun its target owns, which names that act."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any((o.lemma_.lower() in _ACT_NOUNS or any(c.dep_ == "compound" and c.lemma_.lower() in _ACT_NOUNS
                                                      for c in o.children))
               and any(c.dep_ in ("poss", "compound", "amod") for c in o.children) for o in objects)


def _acting_subject(verb: Token, history: Sequence[Coded]) -> Found:
    """`The decision breaks with UN resolutions`: an act noun as the verb's own subject acts
    for its doer (`_act_doer`)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return _act_doer(subject, [], history) if subject is not None else []


# Nouns whose `of` phrase names their author or the body that sits, not what they act on: `the
# ruling of the court`, `resolutions of the Security Council`, `a meeting of the Arab League`.
_AUTHORED = frozenset({"ruling", "rulings", "verdict", "judgment", "judgement", "resolution", "resolutions",
                       "meeting", "session", "debate", "summit", "hearing"})


def _authors(token: Token) -> list[Token]:
    """The author an `of` phrase names for such a noun (`defied the ruling of the court`)."""
    if token.lemma_.lower() not in _AUTHORED and token.lower_ not in _AUTHORED:
        return []
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


def _listed_doer(verb: Token, registry: Resolver, offset: int, *, places: bool, voices: Voices = ()) -> Found:
    """`a series of moves by Sweden, including recognising X`, `said it would take steps, including
    calling for a summit`: a gerund listing one of the acts a noun names is done by that noun's
    doer: its owner or `by` phrase, else the subject of the verb the noun is the object of."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "including":
        return []
    noun = verb.head.head
    nouns = [noun]  # `the latest in a series of moves by X`: the nouns down the `in`/`of` chain
    for _ in range(3):
        nouns += [g for c in nouns[-1].children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                  for g in c.children if g.dep_ == "pobj"][:1]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        nouns.append(noun.head.head)
    owners = [c for n in nouns for c in n.children if c.dep_ == "poss"]
    owners += [g for n in nouns for c in n.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    if found := _actors(owners, registry, offset, places=places, voices=voices) or \
            _actors(_governing(owners), registry, offset, places=places, voices=voices):
        return [_Side(s.actor, True, s.place) for s in found]
    doer = nouns[-1] if nouns[-1].pos_ in ("VERB", "AUX") else nouns[-1].head
    if doer.pos_ not in ("VERB", "AUX") or not any(n.dep_ == "dobj" and n.head.i == doer.i for n in nouns + [noun]):
        return []
    return next((found for level in _subject_levels(doer)
                 if (found := _actors(level, registry, offset, places=places, voices=voices))), [])


# Nouns for an attempt: their infinitive is done (tried) by their owner (`China's efforts to urge X`).
_ATTEMPTS = frozenset({"effort", "attempt", "bid", "push", "campaign", "drive"})


def _attempter(verb: Token, registry: Resolver, offset: int, *, places: bool, voices: Voices = ()) -> Found:
    """`China stepped up its efforts to urge Iran to talk`: the infinitive of an attempt noun is
    done by the noun's owner or `by` phrase (`any efforts to urge Iran` names nobody: no event)."""
    noun = verb.head
    if verb.dep_ != "acl" or noun.pos_ != "NOUN" or noun.lemma_.lower() not in _ATTEMPTS:
        return []
    owners = [c for c in noun.children if c.dep_ == "poss"]
    owners += [g for c in noun.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    found = _actors(owners, registry, offset, places=places, voices=voices) or \
        _actors(_governing(owners), registry, offset, places=places, voices=voices)
    return [_Side(s.actor, True, s.place) for s in found]


# Nouns for the government a leader heads: `Trump's administration` acts for the leader's state.
_GOVERNMENTS = frozenset({"administration", "government", "cabinet", "regime"})


def _governing(owners: Sequence[Token]) -> list[Token]:
    """`Lula's administration`: the leader owning a government noun that names no actor itself."""
    return [c for o in owners if o.lemma_.lower() in _GOVERNMENTS for c in o.children if c.dep_ == "poss"]


def _lister(verb: Token) -> Token:
    """`said it would take steps, including calling for a summit`: a listed gerund is as sure
    as the verb whose acts it lists (`would take`: planned)."""
    if verb.dep_ != "pcomp" or verb.head.lower_ != "including":
        return verb
    return next((a for a in verb.head.ancestors if a.pos_ in ("VERB", "AUX")), verb)


def _agentless(verb: Token) -> bool:
    """A passive verb that names no agent (`tariffs were raised`, `the talks were suspended`)."""
    return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)


# Words saying a measure answers an earlier one by its target: `retaliatory tariffs imposed by China`.
_RETALIATORY = frozenset({"retaliatory", "retaliation", "counter", "countermeasure"})


def _first_doer(pattern: Pattern, history: Sequence[Coded], registry: Resolver, at: int) -> Found:
    """The doer an agentless measure leaves out (`_previous_doer`), except that when the last
    such measure was a retaliation, the measures being answered are its target's: `Retaliatory
    tariffs imposed by China hurt US farmers. Tariffs have also been imposed on X` (the US's)."""
    for earlier in reversed(history):
        if earlier.pattern.cameo[:3] != pattern.cameo[:3]:
            continue
        if earlier.target is not None and earlier.target.country and _retaliation(earlier.verb):
            state = next((a for a in reversed(registry.named_before(at))
                          if a.kind == ActorKind.COUNTRY and a.country == earlier.target.country), None)
            return [_Side(state, True)] if state is not None else []
        break
    return _previous_doer(pattern, history)


def _retaliation(token: Token) -> bool:
    """`retaliatory tariffs`, `imposed retaliatory tariffs`, `tariffs imposed in retaliation`."""
    nouns = [token] + [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    return any(c.lemma_.lower() in _RETALIATORY or any(g.lemma_.lower() in _RETALIATORY for g in c.children)
               for n in nouns for c in n.children if c.dep_ in ("amod", "compound", "prep"))


def _previous_doer(pattern: Pattern, history: Sequence[Coded]) -> Found:
    """The agent an agentless passive leaves out, when the article has just named who does
    this kind of act: the source of the last event earlier in the article with the same
    code (`The US imposed tariffs on China. More tariffs were imposed in May.`), indirect."""
    for earlier in reversed(history):
        if earlier.pattern.cameo[:3] == pattern.cameo[:3]:
            return [_Side(earlier.source, True)]
    return []


# Nouns for a process two sides share: ending or joining one answers the other side.
_SHARED_NOUNS = frozenset({"talks", "talk", "negotiation", "negotiations", "dialogue", "deal", "agreement",
                           "accord", "ceasefire", "truce", "summit", "meeting", "meetings", "partnership"})
_SHARED_ROOTS = ("03", "04", "05", "06")
# Acts that end or refuse a shared process (`scuttled the talks`, `rejected the deal`); asking
# for one (`called for talks`) names no partner: it may be others' talks.
_ENDING_ROOTS = ("12", "16")


def _counterpart(pattern: Pattern, obj: Token, sources: Found, history: Sequence[Coded]) -> Found:
    """`Trump scuttled the talks`: the other side of the talks the article last reported one of
    the sources (or its state) in, earlier in the article (indirect)."""
    if not pattern.cameo.startswith(_ENDING_ROOTS) or len(sources) > 1:
        return []
    if obj.lemma_.lower() not in _SHARED_NOUNS and obj.lower_ not in _SHARED_NOUNS:
        return []
    ids = {s.actor.id for s in sources}
    states = {s.actor.country for s in sources if s.actor.country}
    for earlier in reversed(history):
        if earlier.target is None or not earlier.pattern.cameo.startswith(_SHARED_ROOTS):
            continue
        if earlier.source.id in ids or (earlier.source.country in states and earlier.target.country not in states):
            return [_Side(earlier.target, True)]
    return []


def _reciprocal(token: Token) -> bool:
    """`each other`, `one another`: the coordinated subjects act on one another."""
    return (token.lower_ == "other" and any(c.lower_ == "each" for c in token.subtree)) or (
        token.lower_ == "another" and any(c.lower_ == "one" for c in token.subtree)) or (
        token.lower_ == "other" and token.i > 0 and token.doc[token.i - 1].lower_ == "each")


# Force and threats of force that CAMEO codes as repression when security forces turn them on
# the people of their own place (civilians, protesters, students, workers): 175 `use tactics of
# violent repression` for 190, 137 `threaten with repression` for 138; not war between states.
_REPRESSION = {"190": "175", "138": "137"}
_FORCES = ("COP", "MIL")
_PEOPLE = ("OPP", "CVL", "EDU", "LAB", "AGR")


def _repression(pattern: Pattern, parties: tuple[Found, Found]) -> Pattern:
    """The pattern recoded as repression when every source is police (or its own state's
    troops) and every target a group of civilians of the same country (police and protesters
    not yet placed are the story's own: the same place)."""
    code = _REPRESSION.get(pattern.cameo)
    sources, targets = parties
    if code is None or not sources or not targets:
        return pattern
    for source in sources:
        role = (source.actor.code or "")[-3:]
        if role not in _FORCES:
            return pattern
        for target in targets:
            if (target.actor.code or "")[-3:] not in _PEOPLE:
                return pattern
            mine, theirs = source.actor.country, target.actor.country
            same = mine == theirs if role == "MIL" else mine is None or theirs is None or mine == theirs
            if not same:
                return pattern
    return replace(pattern, cameo=code)


def _place_fits(pattern: Pattern, verb: Token, obj: Token | None, registry: Resolver,
                parties: tuple[Found, Found]) -> bool:
    """A pattern asking for a third location (`met in Antalya`) holds only for a place that is
    not the home of either side: meeting in one side's capital is a plain meeting."""
    if pattern.modifier is None or ELSEWHERE not in pattern.modifier[1]:
        return True
    homes = {s.actor.country for side in parties for s in side}
    holders = [verb] + ([obj] if obj is not None else [])
    for place in (p for h in holders for p in _preps(h, pattern.modifier[0])):
        actor = registry.lookup(place)
        found = registry.place_of(place) if actor is None else None  # `met in Geneva`
        if found is not None:
            if found[0] not in homes:
                return True
            continue
        if actor is None and place.ent_type_ in _PLACE_ENTS:
            return True
        if actor is not None and actor.kind == "country" and actor.country not in homes:
            return True
    return False


def _all_states(parties: tuple[Found, Found]) -> bool:
    """Both sides are states (`Russia beat Croatia`), as the teams of a sports report are."""
    sources, targets = parties
    return bool(sources) and bool(targets) and all(s.actor.kind == ActorKind.COUNTRY for s in sources + targets)


def _modality(pattern: Pattern, verb: Token, registry: Resolver) -> Modality:
    """An expression of intent (root 03: `ready to work with Kyiv`, `planning to meet Xi`) is
    itself the event: saying so happened, so the intent markers do not make it planned."""
    modality = event_modality(_lister(verb), registry)
    if modality == Modality.PLANNED and pattern.cameo.startswith("03"):
        return Modality.ASSERTED
    return modality


def code_sentence(sent: Span, registry: Resolver, dictionary: Mapping[str, Sequence[Pattern]], *,
                  offset: int = 0,
                  nouns: Mapping[str, Sequence[Pattern]] | None = None, voices: Voices = (),
                  history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """The events a sentence reports, in order of their verbs, then those its nouns name, then
    its speakers' verdicts. `registry` resolves the article's phrases and pronouns (`he`, `it`,
    `the two leaders`, from the article's coreference state); `offset` is the page offset of
    the sentence's doc; `voices` the quotations read so far with their speakers (`we` inside
    one is its speaker); `history` the events coded so far (`rejected the accusations`). A
    conditional inside a quotation is the speaker's opinion (`"We could talk to Kyiv"`), not
    an event."""
    for coded in _code_sentence(sent, registry, dictionary, offset=offset, nouns=nouns,
                                voices=voices, history=history):
        at = offset + coded.verb.idx
        if coded.modality == Modality.HYPOTHETICAL and any(lo <= at < hi for lo, hi, _ in voices):
            continue
        yield coded


def _code_sentence(sent: Span, registry: Resolver, dictionary: Mapping[str, Sequence[Pattern]], *,
                  offset: int = 0,
                  nouns: Mapping[str, Sequence[Pattern]] | None = None, voices: Voices = (),
                  history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """The events of `code_sentence`, before opinions are set aside. The most specific pattern
    wins; a less specific one is tried when the first finds no sides or its place requirement
    fails. A noun a verb's pattern already coded (`held talks with`) is not coded again."""
    used: set[int] = set()
    for verb in tokens_of(sent):
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        for pattern, obj in _patterns_for(verb, dictionary):
            parties = _parties(pattern, verb, obj, registry, offset, voices, history)
            if parties is None:  # a less specific row may name sides this one did not find
                continue
            if not _place_fits(pattern, verb, obj, registry, parties):
                continue
            if is_contest(pattern.cameo, verb, obj, states=_all_states(parties)):
                break
            used.add(obj.i if obj is not None else verb.i)
            if not pattern.symmetric and any(_reciprocal(t) for t in _targets(pattern, verb, obj)):
                pattern = replace(pattern, symmetric=True)  # each did it to the other
            pattern = _repression(pattern, parties)
            yield from _coded(pattern, verb, parties, _modality(pattern, verb, registry))
            yield from _held_in_exchange(verb, registry, offset, voices)
            break
        yield from _faced(verb, registry, offset, voices, history)
    yield from nominal_events(sent, registry, load_nouns() if nouns is None else nouns,
                              offset=offset, used=used, voices=voices, history=history)
    yield from chain_events(sent, registry, offset=offset, voices=voices, history=history)
    yield from verdict_events(sent, registry, offset=offset, voices=voices, history=history)


def verdict_events(sent: Span, registry: Resolver, *, offset: int = 0,
                   voices: Voices = (), history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """A speaker's verdict on an actor's act (`France said Russia's decision was illegal`):
    the speaker disapproves of (or praises) the actor. The actor is the judged noun's owner
    when the noun is an act, so the event is indirect."""
    for verdict in verdicts(sent, load_verdicts()):
        sources = next((found for level in _subject_levels(verdict.verb)
                        if (found := _actors(level, registry, offset, places=False, voices=voices))), [])
        if not sources or verdict.judged.lower_ in _IT:
            continue
        target = _judged(verdict.judged, registry, offset, voices)
        if target is None:  # `China said the accusations were baseless`: the accusers
            target = next(iter(_claimant(verdict.judged, sources, history)), None)
        if target is None:  # `Spain said the decision was illegal`: the act's doer
            target = next(iter(_act_doer(verdict.judged, sources, history)), None)
        if target is None:
            continue
        modality = event_modality(verdict.verb, registry)
        if modality == Modality.PLANNED and held_now(verdict):  # `considers X illegal`
            modality = Modality.ASSERTED
        yield from _coded(verdict.pattern, verdict.verb, (sources, [target]), modality)


def _judged(token: Token, registry: Resolver, offset: int, voices: Voices = ()) -> _Side | None:
    """The actor a verdict is about: the judged noun's actor, else its owner (`Russia's
    decision`, `the American move`, `the move by Hungary`, `the move announced by Hungary`)."""
    direct = _actors([token], registry, offset, places=False, voices=voices)
    if direct:
        return direct[0]
    owners = [c for c in token.lefts if c.dep_ in ("poss", "amod", "compound")]
    owners += [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
               for g in c.children if g.dep_ == "pobj"]
    owners += [g for c in token.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
               for g in a.children if g.dep_ == "pobj"]
    for owner in owners:
        if owner.lower_ in _IT:
            continue
        found = _actors([owner], registry, offset, places=False, voices=voices)
        if found:
            return _Side(found[0].actor, True)
    return None


def _coded(pattern: Pattern, verb: Token, parties: tuple[Found, Found], modality: Modality) -> Iterator[Coded]:
    """One event per source and target (coordination multiplies); symmetric ones both ways."""
    sources, targets = parties
    for source in sources:
        if not targets:
            yield Coded(pattern, verb, source.actor, None, modality, source.indirect, source.place)
        for target in targets:
            if target.actor.id == source.actor.id or (target.own and target.actor.country != source.actor.country):
                continue
            indirect, place = source.indirect or target.indirect, target.place or source.place
            yield Coded(pattern, verb, source.actor, target.actor, modality, indirect, place)
            if pattern.symmetric:
                yield Coded(pattern, verb, target.actor, source.actor, modality, indirect, place)


def nominal_events(sent: Span, registry: Resolver, nouns: Mapping[str, Sequence[Pattern]], *,
                   offset: int = 0, used: set[int] | None = None,
                   voices: Voices = (), history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """The events the sentence names with a noun (`Trump's call with Zelensky`, `US sanctions
    against Iran`), as sure as the clause the noun stands in; a side from a pronoun or an
    owner's adjective is indirect, as for verbs."""
    for frame in noun_frames(sent, nouns, used or set()):
        parties = _frame_parties(frame, registry, offset, voices, history)
        if parties is None:
            continue
        modality = event_modality(frame.clause, registry, own=False) if frame.clause is not None else Modality.ASSERTED
        if frame.definite and modality == Modality.NEGATED:  # `not to lose sight of the occupation`
            modality = Modality.ASSERTED
        if frame.definite and frame.judged and modality == Modality.PLANNED:  # `considers X's annexation illegal`
            modality = Modality.ASSERTED
        if frame.pending and modality in (Modality.ASSERTED, Modality.NEGATED):
            modality = Modality.PLANNED
        yield from _coded(frame.pattern, frame.noun, parties, modality)


def _frame_parties(frame: NounFrame, registry: Resolver, offset: int,
                   voices: Voices = (), history: Sequence[Coded] = ()) -> tuple[Found, Found] | None:
    """Sources and targets of a noun's event: its owners (or the subject of the light verb
    that does it: `launched an investigation into`), and the target its pattern names, else
    whoever undergoes it (`Washington faced criticism from Moscow`); a symmetric noun with two
    owners and no target pairs them (`US-China talks`), as does `between A and B`."""
    places = _takes_places(frame.pattern)
    sources = _actors(frame.sources, registry, offset, places=places, voices=voices)
    if not sources and frame.doer is not None:
        sources = next((found for level in _subject_levels(frame.doer)
                        if (found := _actors(level, registry, offset, places=places, voices=voices))), [])
    if not sources and not frame.sources and frame.pattern.cameo.startswith(_IMPOSED):
        sources = _first_doer(frame.pattern, history, registry, offset + frame.noun.idx)  # `Tariffs on imports from X rose`
    targets = _actors(frame.targets, registry, offset, places=places, owners=True, voices=voices)
    if not targets and frame.undergoer is not None and frame.pattern.target != "none":
        targets = _actors([frame.undergoer], registry, offset, places=places, owners=True, voices=voices)
    if frame.pattern.symmetric and not targets and len(sources) > 1:
        return sources[:1], sources[1:]
    if frame.pattern.symmetric and not sources and len(targets) > 1:
        return targets[:1], targets[1:]
    if not sources or (frame.pattern.target != "none" and not targets):
        return None
    return sources, targets


# Sides the story implies (`implied.py`): every side found this way is indirect.
_RELEASE_PERSONS = Pattern("0841", "hold", None, frozenset(), None, "dobj", False, kind="implied")


def _indirect(found: Found) -> Found:
    return [_Side(s.actor, True, s.place, s.own) for s in found]


def _voice_at(at: int, voices: Voices) -> Actor | None:
    return next((a for lo, hi, a in voices if lo <= at < hi), None)


def _implied_parties(pattern: Pattern, verb: Token, named: Sequence[Token], registry: Resolver, offset: int,
                     voices: Voices) -> tuple[Found, Found] | None:
    """The sides of a verb whose doer the clause does not name, when the story implies it:
    captives released by those who held them, a gerund done by whoever claimed responsibility
    for it, an attack done by the one attacker the sentence names, an unnamed attack in the
    words of a side's spokesman done by that side."""
    def resolve(tokens: Sequence[Token], owners: bool = False) -> Found:
        return _indirect(_actors(tokens, registry, offset, places=False, owners=owners, voices=voices))

    if (captive := implied.captives(verb)) is not None and (sources := resolve(implied.holders(captive))):
        targets = resolve(implied.nationals(captive) or [captive], owners=True)
        return (sources, targets) if targets else None
    if (claim := implied.claimant(verb)) is not None:
        sources = next((found for level in _subject_levels(claim)
                        if (found := _actors(level, registry, offset, places=False, voices=voices))), [])
        targets = resolve(named, owners=True)
        return (_indirect(sources), targets) if sources and targets else None
    if _agentless(verb) and pattern.cameo.startswith(("18", "19", "20")) \
            and (attacker := implied.attacker_named(verb)) is not None:
        sources, targets = resolve([attacker]), resolve(named, owners=True)
        return (sources, targets) if sources and targets else None
    speaker = _voice_at(offset + verb.idx, voices)
    if speaker is None or not pattern.cameo.startswith(implied.FORCE_ROOTS) or not implied.speaks_for_a_side(speaker):
        return None
    thing = implied.headline_passive(verb)
    if thing is None and not _agentless(verb):
        return None
    undergoer = thing if thing is not None else _object(verb)
    targets = resolve(implied.owners(thing)) if thing is not None else resolve(named, owners=True)
    if not targets and undergoer is not None and (owner := implied.pronoun_owner(undergoer)) is not None:
        targets = resolve([owner])
    if not targets or any(t.actor.id == speaker.id or (speaker.country and t.actor.country == speaker.country)
                          for t in targets):
        return None  # `"our tank was hit," the army said`: not the speaker's own act
    return [_Side(speaker, True)], targets


def _own_states(sources: Found, registry: Resolver) -> Found:
    """Each source's own state (paired with its own source only, in `_coded`)."""
    found: Found = []
    for code in dict.fromkeys(s.actor.country for s in sources if s.actor.country):
        if (state := registry.record_state(code)) is not None:
            found.append(_Side(state, True, None, True))
    return found


def _placed_groups(pattern: Pattern, verb: Token, sources: Found, registry: Resolver) -> Found:
    """`were abducted by gunmen in the capital`: a group of no country that abducts, detains or
    attacks takes the country of the place the clause happens in."""
    if not pattern.cameo.startswith(("17", "18", "19")) or all(s.actor.country for s in sources):
        return sources
    code = next((found for place in implied.scene_places(verb) if (found := _place_country(place, registry))), None)
    if code is None:
        return sources
    return [_Side(replace(s.actor, country=code, code=actor_code(code, None, s.actor.code)), True, s.place)
            if s.actor.kind == ActorKind.GROUP and not s.actor.country else s for s in sources]


def _place_country(place: Token, registry: Resolver) -> str | None:
    """The country of a place phrase: a place of the tables, or a country or capital's name."""
    found = registry.place_of(place)
    if found is not None and found[0]:
        return found[0]
    actor = registry.lookup(place)
    return actor.country if actor is not None and actor.kind == ActorKind.COUNTRY else None


def _held_in_exchange(verb: Token, registry: Resolver, offset: int, voices: Voices) -> Iterator[Coded]:
    """`X swapped two hostages for three fighters held by Y`: Y released the fighters (0841) to
    their own side (`its fighters`: the swap's subject), indirect."""
    exchanged = implied.exchanged(verb)
    if exchanged is None:
        return
    captive, holder_tokens = exchanged
    sources = _indirect(_actors(holder_tokens, registry, offset, places=False, voices=voices))
    targets: Found = []
    if any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in captive.children):
        targets = next((found for level in _subject_levels(verb)
                        if (found := _actors(level, registry, offset, places=False, voices=voices))), [])
    targets = _indirect(targets or _actors([captive], registry, offset, places=False, voices=voices))
    if sources and targets:
        yield from _coded(_RELEASE_PERSONS, verb, (sources, targets), event_modality(verb, registry))


def _faced(verb: Token, registry: Resolver, offset: int, voices: Voices,
           history: Sequence[Coded]) -> Iterator[Coded]:
    """`they faced rubber bullets`, `came under fire`: the one police or military force the
    events of the sentence and the two before it name did it (175 or 190) to the subject,
    indirect."""
    found = implied.faced_force(verb)
    if found is None:
        return
    code, subject = found
    force = implied.force_nearby(_nearby_sides(verb, history))
    targets = _indirect(_actors([subject], registry, offset, places=False, voices=voices))
    if force is None or not targets or any(t.actor.id == force.id for t in targets):
        return
    pattern = Pattern(code, verb.lemma_.lower(), None, frozenset(), None, "nsubj", False, kind="implied")
    yield from _coded(pattern, verb, ([_Side(force, True)], targets), event_modality(verb, registry))


def _nearby_sides(verb: Token, history: Sequence[Coded]) -> list[Actor]:
    """The sides of the events coded in the verb's sentence and the two before it; in the
    first sentences of a paragraph, those of the paragraph before too."""
    sents = list(verb.doc.sents)
    here = next(i for i, s in enumerate(sents) if s.start <= verb.i < s.end)
    first = sents[max(0, here - 2)].start
    near = [c for c in history if c.verb.doc is verb.doc and c.verb.i >= first]
    if here < 2:
        earlier = [c for c in history if c.verb.doc is not verb.doc]
        last_doc = earlier[-1].verb.doc if earlier else None
        near = [c for c in earlier if c.verb.doc is last_doc] + near
    return [a for c in near for a in (c.source, c.target) if a is not None]


# Measures a state imposes whose imposer an article names once (`The US imposed tariffs on X`)
# and leaves out after (`tariffs on imports from X rose`): sanctions, embargoes, tariffs, bans.
_IMPOSED = ("163", "172")


def chain_events(sent: Span, registry: Resolver, *, offset: int = 0, voices: Voices = (),
                 history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """The refusals, disagreements and rulings on goods a sentence names (`refusal_events`,
    `odds_events`, `ruling_events`): one lookup per token, the parse read only for candidates."""
    for token in tokens_of(sent):
        word = token.lower_
        if word == "odds":
            yield from odds_events(token, registry, offset=offset, voices=voices)
            continue
        lemma = token.lemma_.lower()
        if lemma in REFUSAL_NOUNS and (frame := refusal_frame(token)) is not None:
            yield from refusal_events(frame, registry, offset=offset, voices=voices, history=history)
        elif lemma in _RULING:
            yield from ruling_events(token, registry, offset=offset, voices=voices)


def refusal_events(frame: RefusalFrame, registry: Resolver, *, offset: int = 0, voices: Voices = (),
                   history: Sequence[Coded] = ()) -> Iterator[Coded]:
    """`Hungary's reluctance to lift sanctions on Serbia` (1244): the owner refuses the act the
    infinitive names. Without a target in the phrase, refusing to ease sanctions answers whom the
    article last named the owner imposing them on (indirect)."""
    pattern = Pattern(frame.cameo, frame.noun.lemma_.lower(), None, frozenset(), None, "prep:on", False,
                      kind="noun")
    sources = _actors(frame.sources, registry, offset, places=False, voices=voices)
    targets = _actors(frame.targets, registry, offset, places=False, owners=True, voices=voices)
    if sources and not targets and frame.cameo == "1244":
        ids = {s.actor.id for s in sources}
        targets = next(([_Side(e.target, True)] for e in reversed(history) if e.target is not None
                        and e.source.id in ids and e.pattern.cameo.startswith("16")), [])
    if not sources or not targets:
        return
    modality = event_modality(frame.clause, registry, own=False) if frame.clause is not None else Modality.ASSERTED
    if modality == Modality.NEGATED:
        return
    yield from _coded(pattern, frame.noun, (sources, targets), modality)


# Verbs that put their object at odds with someone (`puts France at odds with Germany`), and
# those whose subject is (`Spain is at odds with Italy`, `found itself at odds with`).
_PUTTING = frozenset({"put", "leave", "place", "set"})
_BEING = frozenset({"be", "remain", "find", "stay", "appear", "seem"})
_ODDS_CODE = Pattern("110", "odds", None, frozenset(), None, "prep:with", False, kind="noun")


def odds_events(odds: Token, registry: Resolver, *, offset: int = 0, voices: Voices = ()) -> Iterator[Coded]:
    """`The vote puts France at odds with Germany`: France disagrees with Germany (110)."""
    if odds.head.lower_ != "at" or odds.dep_ != "pobj":
        return
    verb = odds.head.head
    lemma = verb.lemma_.lower()
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
        return
    withs = [g for h in (odds, verb) for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
             for p in c.children if p.dep_ == "pobj" for g in conjuncts(p)]
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma in _PUTTING and obj is not None and obj.pos_ != "PRON":
        holders = conjuncts(obj)
    elif lemma in _BEING:
        holders = [t for s in verb.children if s.dep_ == "nsubj" for t in conjuncts(s)]
    else:
        return
    sources = _actors(holders, registry, offset, places=False, voices=voices)
    targets = _actors(withs, registry, offset, places=False, owners=True, voices=voices)
    if sources and targets:
        yield from _coded(_ODDS_CODE, odds, (sources, targets), event_modality(verb, registry))


# A ruling or order that others must restrict a state's goods is a sanction on that state (163):
# `a court ruled that shops must label products made in X`, `ordered retailers to ban goods from X`.
_RULING = frozenset({"rule", "order", "decide", "decree", "require"})
_RESTRICTING = frozenset({"label", "ban", "boycott", "identify", "mark", "block", "bar", "embargo"})
_GOODS = frozenset({"product", "products", "good", "goods", "import", "imports", "export", "exports", "produce"})
_RULING_CODE = Pattern("163", "rule", None, frozenset(), None, "prep:from", False, kind="ruling")


def ruling_events(verb: Token, registry: Resolver, *, offset: int = 0, voices: Voices = ()) -> Iterator[Coded]:
    """`A court in Oslo ruled that shops must label products made in X`: the ruler sanctions
    the state the goods come from (the goods' `from` or `made in` place, or their owner)."""
    if verb.pos_ != "VERB" or any(c.dep_ == "neg" for c in verb.children):
        return
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl", "xcomp")):
        if clause.lemma_.lower() not in _RESTRICTING or any(c.dep_ == "neg" for c in clause.children):
            continue
        if clause.dep_ != "xcomp" and not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in clause.children):
            continue
        goods = next((c for c in clause.children if c.dep_ == "dobj"
                      and (c.lemma_.lower() in _GOODS or c.lower_ in _GOODS)), None)
        if goods is None:
            continue
        # `products made in X`, `goods from X`, `ban goods from X` (the parse may hang it on the verb)
        holders = [goods] + [a for a in goods.children if a.dep_ == "acl"]
        places = [g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("from", "in")
                  for g in c.children if g.dep_ == "pobj"]
        places += [g for c in clause.children if c.dep_ == "prep" and c.lower_ == "from"
                   for g in c.children if g.dep_ == "pobj"]
        targets = _actors(places, registry, offset, places=True, owners=True, voices=voices)
        sources = next((found for level in _subject_levels(verb)
                        if (found := _actors(level, registry, offset, places=False, voices=voices))), [])
        if sources and targets:
            yield from _coded(_RULING_CODE, clause, (sources, targets), event_modality(verb, registry))
        return
