"""The article registry: what a noun phrase, surname, role description or pronoun refers to."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dateline.language.actors import ArticleActors, actor_id
from dateline.language.gazetteer import Gazetteer, load_gazetteer
from dateline.language.persons import find_persons
from dateline.model import Actor, ActorKind

Resolve = Callable[..., Actor | None]


def _registry(nlp: Language, gaz: Gazetteer, texts: Sequence[str],
              default: str | None = None) -> tuple[ArticleActors, list[Doc]]:
    registry = ArticleActors(gaz, "article-1", default)
    docs = [nlp(t) for t in texts]
    for doc in docs:
        for person in find_persons(doc, gaz, default_country=default):
            registry.add_person(person, doc_key=id(doc))
    return registry, docs


@pytest.fixture(scope="module")
def resolve(nlp: Language, gaz: Gazetteer) -> Resolve:
    """The actor the word `word` of the last text heads, earlier texts introducing people."""
    def _resolve(text: str, word: str, *, before: Sequence[str] = (), default: str | None = None) -> Actor | None:
        registry, docs = _registry(nlp, gaz, [*before, text], default)
        token = next(t for t in docs[-1] if t.text == word)
        return registry.record(token)
    return _resolve


def _summary(actor: Actor | None) -> tuple[str, ActorKind, str | None, str | None] | None:
    return None if actor is None else (actor.name, actor.kind, actor.country, actor.code)


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Germany condemned the strike.", "Germany", ("Germany", ActorKind.COUNTRY, "DEU", "DEU")),
    ("The US said the strike hit a depot.", "US", ("United States", ActorKind.COUNTRY, "USA", "USA")),
    ("Britain recalled its envoy.", "Britain", ("United Kingdom", ActorKind.COUNTRY, "GBR", "GBR")),
])
def test_actors_countries(resolve: Resolve, text: str, word: str, expected: object) -> None:
    assert _summary(resolve(text, word)) == expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Moscow said the drills were defensive.", "Moscow", ("Russia", ActorKind.COUNTRY, "RUS", "RUS")),
    ("Paris said it was alarmed by the reports.", "Paris", ("France", ActorKind.COUNTRY, "FRA", "FRA")),
    ("Ankara rejected the terms.", "Ankara", ("Turkey", ActorKind.COUNTRY, "TUR", "TUR")),
])
def test_actors_capitals_stand_for_their_state(resolve: Resolve, text: str, word: str, expected: object) -> None:
    assert _summary(resolve(text, word)) == expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The White House said it would respond.", "House", ("White House", ActorKind.ORG, "USA", "USAGOV")),
    ("The Kremlin said there was nothing to discuss.", "Kremlin", ("Kremlin", ActorKind.ORG, "RUS", "RUSGOV")),
    ("The Pentagon said the strike hit a depot.", "Pentagon", ("Pentagon", ActorKind.ORG, "USA", "USAMIL")),
])
def test_actors_seats_of_government(resolve: Resolve, text: str, word: str, expected: object) -> None:
    assert _summary(resolve(text, word)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Beijing's foreign ministry said the report was groundless.",
     ("China's foreign ministry", ActorKind.ORG, "CHN", "CHNGOV")),
    ("The Chinese foreign ministry said the report was groundless.",
     ("China's foreign ministry", ActorKind.ORG, "CHN", "CHNGOV")),
    ("Germany's foreign ministry said it was deeply concerned.",
     ("Germany's foreign ministry", ActorKind.ORG, "DEU", "DEUGOV")),
    ("China's defence ministry said the report was groundless.",
     ("China's defence ministry", ActorKind.ORG, "CHN", "CHNMIL")),
])
def test_actors_ministries_of_a_named_country(resolve: Resolve, text: str, expected: object) -> None:
    assert _summary(resolve(text, "ministry")) == expected


@pytest.mark.parametrize(("default", "expected"), [
    ("EGY", ("Egypt's foreign ministry", ActorKind.ORG, "EGY", "EGYGOV")),
    (None, None),
])
def test_actors_ministry_without_country_is_the_dateline_country(
        resolve: Resolve, default: str | None, expected: object) -> None:
    actor = resolve("The foreign ministry said the report was groundless.", "ministry", default=default)
    assert _summary(actor) == expected


def test_actors_same_ministry_however_named_is_one_actor(resolve: Resolve) -> None:
    a = resolve("Beijing's foreign ministry said the report was groundless.", "ministry")
    b = resolve("The Chinese foreign ministry said the report was groundless.", "ministry")
    assert a is not None and b is not None and a.id == b.id


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Western leaders said the vote was a sham.", "leaders", ("Western leaders", ActorKind.GROUP, "WST", "WST")),
    ("European diplomats said the vote was a sham.", "diplomats",
     ("European diplomats", ActorKind.GROUP, "EUR", "EUR")),
    # a country's officials are no group: they speak for its government (see test_offices.py)
    ("Turkish officials said the talks were frank.", "officials",
     ("Turkey's government", ActorKind.ORG, "TUR", "TURGOV")),
    ("Leaders said the vote was a sham.", "Leaders", None),
])
def test_actors_groups(resolve: Resolve, text: str, word: str, expected: object) -> None:
    assert _summary(resolve(text, word)) == expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("NATO said the strike hit a depot.", "NATO", ("NATO", ActorKind.ORG, None, "IGONAT")),
    ("The United Nations said the strike hit a depot.", "Nations",
     ("United Nations", ActorKind.ORG, None, "IGOUNO")),
])
def test_actors_international_organisations(resolve: Resolve, text: str, word: str, expected: object) -> None:
    assert _summary(resolve(text, word)) == expected


@pytest.mark.parametrize("text", ["AFP reported the strike.", "Officials told us the strike hit a depot."])
def test_actors_media_and_ordinary_words_are_not_actors(resolve: Resolve, text: str) -> None:
    word = text.split()[0] if text.startswith("AFP") else "us"
    assert resolve(text, word) is None


INTRO = "German Chancellor Heike Vogel met her French counterpart Luc Moreau in Paris."


@pytest.mark.parametrize(("text", "word", "name"), [
    ("Vogel said Europe must stand together.", "Vogel", "Heike Vogel"),
    ("Moreau agreed.", "Moreau", "Luc Moreau"),
    ("The German chancellor said Europe must stand together.", "chancellor", "Heike Vogel"),
    ("The chancellor said Europe must stand together.", "chancellor", "Heike Vogel"),
])
def test_actors_later_mentions_by_surname_and_role(resolve: Resolve, text: str, word: str, name: str) -> None:
    actor = resolve(text, word, before=[INTRO])
    assert actor is not None and (actor.name, actor.kind) == (name, ActorKind.PERSON)


def test_actors_role_of_another_country_is_not_the_holder(resolve: Resolve) -> None:
    """Nobody named holds the Spanish office: it speaks for Spain's government, not for Vogel."""
    actor = resolve("The Spanish chancellor said nothing.", "chancellor", before=[INTRO])
    assert _summary(actor) == ("Spain's government", ActorKind.ORG, "ESP", "ESPGOV")


@pytest.mark.parametrize(("text", "name"), [
    ('"The budget is safe," the finance minister said.', "Lena Brandt"),
    ('"The army is ready," the defence minister said.', "Karl Berg"),
])
def test_actors_role_modifiers_pick_one_of_several_holders(resolve: Resolve, text: str, name: str) -> None:
    intro = "Finance Minister Lena Brandt and Defence Minister Karl Berg met on Monday."
    actor = resolve(text, "minister", before=[intro])
    assert actor is not None and actor.name == name


def test_actors_ambiguous_role_resolves_to_nobody(resolve: Resolve) -> None:
    intro = "Finance Minister Lena Brandt and Defence Minister Karl Berg met on Monday."
    assert resolve('"We agree," the minister said.', "minister", before=[intro]) is None


def test_actors_the_analyst_is_the_person_described_so(resolve: Resolve) -> None:
    intro = "Rina Sato, an analyst at Kyoto University, said the plan was risky."
    actor = resolve("The analyst said Tokyo would pay a price.", "analyst", before=[intro])
    assert actor is not None and actor.name == "Rina Sato"


def test_actors_surname_shared_by_two_people_is_ambiguous(resolve: Resolve) -> None:
    intro = "Anna Berg and Karl Berg, both lawmakers, voted against the bill."
    assert resolve("Berg said the vote was rigged.", "Berg", before=[intro]) is None


def test_actors_person_carries_role_country_and_code(resolve: Resolve) -> None:
    actor = resolve("Vogel said Europe must stand together.", "Vogel", before=[INTRO])
    assert actor is not None
    assert (actor.country, actor.code, [r.role for r in actor.roles]) == ("DEU", "DEUGOV", ["chancellor"])
    assert actor.id == actor_id(ActorKind.PERSON, "heike vogel")


def test_actors_affiliated_person_gets_the_organisation_code(resolve: Resolve) -> None:
    actor = resolve("Dahl said the alliance was ready.", "Dahl",
                    before=["NATO chief Henrik Dahl warned Moscow against escalation."])
    assert actor is not None and (actor.country, actor.code) == (None, "IGONAT")


def test_actors_pronoun_is_the_last_person_who_spoke(nlp: Language, gaz: Gazetteer) -> None:
    registry, docs = _registry(nlp, gaz, [INTRO, "She said Europe must stand together."])
    vogel = registry.record(next(t for t in docs[0] if t.text == "Vogel"))
    registry.coreference.note_speaker(vogel)
    she = registry.record(docs[1][0])
    assert she is not None and she.name == "Heike Vogel"


def test_actors_pronoun_follows_a_newer_subject(nlp: Language, gaz: Gazetteer) -> None:
    registry, docs = _registry(nlp, gaz, [INTRO, "He said the summit went well."])
    registry.coreference.note_speaker(registry.record(next(t for t in docs[0] if t.text == "Vogel")))
    registry.coreference.note_subject(registry.record(next(t for t in docs[0] if t.text == "Moreau")))
    he = registry.record(docs[1][0])
    assert he is not None and he.name == "Luc Moreau"


def test_actors_it_is_the_last_body_that_spoke(nlp: Language, gaz: Gazetteer) -> None:
    registry, docs = _registry(nlp, gaz, ["The Kremlin rejected the offer.", "It said talks were over."])
    registry.coreference.note_speaker(registry.record(docs[0][1]))
    it = registry.record(docs[1][0])
    assert it is not None and it.name == "Kremlin"


def test_actors_pronoun_with_nobody_before_is_nobody(nlp: Language, gaz: Gazetteer) -> None:
    registry, docs = _registry(nlp, gaz, ["She said the summit went well."])
    assert registry.record(docs[0][0]) is None


def test_actors_lookup_records_nothing(nlp: Language, gaz: Gazetteer) -> None:
    """A lookup answers what a phrase names and leaves the registry as it was: a surname met for
    the first time, a country, an office's body are actors of the article only once recorded."""
    registry, docs = _registry(nlp, gaz, ["Mr. Halvorsen met French officials in the Kremlin."])
    words = {t.text: t for t in docs[0]}
    before = (dict(registry.persons), dict(registry.actors))
    found = {w: registry.lookup(words[w]) for w in ("Halvorsen", "officials", "Kremlin")}
    assert all(a is not None for a in found.values())
    assert (dict(registry.persons), dict(registry.actors)) == before
    kept = registry.record(words["Halvorsen"])
    assert kept == found["Halvorsen"] and kept is not None and kept.id in registry.actors
    assert set(registry.actors) == {kept.id}


def test_actors_find_then_keep_is_record(nlp: Language, gaz: Gazetteer) -> None:
    """`keep(find(t))` adds what `find` staged: the same actors as `record` on a fresh registry."""
    text = "Mr. Halvorsen said the French foreign ministry disagreed."
    first, docs_a = _registry(nlp, gaz, [text])
    second, docs_b = _registry(nlp, gaz, [text])
    for a, b in zip(docs_a[0], docs_b[0]):
        first.record(a)
        second.keep(second.find(b))
    assert list(first.actors.items()) == list(second.actors.items())
    assert list(first.persons) == list(second.persons)


def test_common_nouns_that_name_nothing_are_not_resolved_but_bodies_are(nlp: Language) -> None:
    doc = nlp("The harvest failed, and Peru's farm ministry blamed the weather in a statement.")
    registry = ArticleActors(load_gazetteer(), "a1")
    found = {t.text: registry.record(t) for t in doc if t.pos_ == "NOUN"}
    assert found["harvest"] is None and found["weather"] is None
    assert found["ministry"] is not None and found["ministry"].country == "PER"


def test_a_lookup_is_asked_again_once_the_registry_changes(nlp: Language, gaz: Gazetteer) -> None:
    """A surname names the one person of the article who has it; a second such person, added
    after the first lookup, makes it ambiguous, and the next lookup says so."""
    registry, docs = _registry(nlp, gaz, ["Finance Minister Ana Duarte spoke first.", "Duarte said no."])
    duarte = next(t for t in docs[-1] if t.text == "Duarte")
    assert registry.lookup(duarte) is not None and registry.lookup(duarte).name == "Ana Duarte"  # type: ignore[union-attr]
    later = nlp("Her brother Rui Duarte, a banker, agreed.")
    for person in find_persons(later, gaz):
        registry.add_person(person, doc_key=id(later))
    assert registry.lookup(duarte) is None


def test_a_lookup_sees_an_actor_another_stage_changed(nlp: Language, gaz: Gazetteer) -> None:
    registry, docs = _registry(nlp, gaz, ["Chile said the talks would resume."])
    chile = next(t for t in docs[-1] if t.text == "Chile")
    first = registry.record(chile)
    assert first is not None and first.aliases == ()
    registry.actors[first.id] = replace(first, aliases=("the Chilean state",))
    again = registry.record(chile)
    assert again is not None and again.aliases == ("the Chilean state",)
