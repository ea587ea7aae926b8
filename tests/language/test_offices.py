"""Offices nobody named holds: `Norway's prime minister`, `Latvian officials`, `a senior US
official` speak for their country's body (NORGOV, LVAGOV, USAGOV), and a named holder wins."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from dateline.language.actors import ArticleActors, actor_id
from dateline.language.gazetteer import Gazetteer
from dateline.language.nlp import load_nlp
from dateline.language.persons import find_persons
from dateline.model import Actor, ActorKind, ArticleAnalysis

Resolve = Callable[..., Actor | None]
Analyse = Callable[..., ArticleAnalysis]
Summary = tuple[str, ActorKind, str | None, str | None]


@pytest.fixture(scope="module")
def resolve(gaz: Gazetteer) -> Resolve:
    """The actor the first `word` of the last text heads, earlier texts naming people."""
    nlp = load_nlp()

    def _resolve(text: str, word: str, *, before: Sequence[str] = (), default: str | None = None) -> Actor | None:
        registry = ArticleActors(gaz, "article-offices", default)
        docs = [nlp(t) for t in [*before, text]]
        for doc in docs:
            for person in find_persons(doc, gaz, default_country=default):
                registry.add_person(person, doc_key=id(doc))
        return registry.record(next(t for t in docs[-1] if t.text == word))
    return _resolve


def _summary(actor: Actor | None) -> Summary | None:
    return None if actor is None else (actor.name, actor.kind, actor.country, actor.code)


@pytest.mark.parametrize(("text", "word", "expected", "role"), [
    # a country's possessive office
    ("Norway's prime minister said the ferry would sail.", "minister",
     ("Norway's government", ActorKind.ORG, "NOR", "NORGOV"), "prime minister"),
    # an adjective and a body named before the office: the body speaks
    ("The Chilean foreign ministry spokesman said the talks were useful.", "spokesman",
     ("Chile's foreign ministry", ActorKind.ORG, "CHL", "CHLGOV"), "foreign ministry spokesman"),
    # officials in the plural
    ("Latvian officials said the border was calm.", "officials",
     ("Latvia's government", ActorKind.ORG, "LVA", "LVAGOV"), "officials"),
    # an unnamed official with a nationality
    ("A senior US official said the shipment had left.", "official",
     ("United States' government", ActorKind.ORG, "USA", "USAGOV"), "senior official"),
    ("An official from Ecuador said the shipment had left.", "official",
     ("Ecuador's government", ActorKind.ORG, "ECU", "ECUGOV"), "official"),
    # the military
    ("Russian forces crossed the river at dawn.", "forces",
     ("Russia's military", ActorKind.ORG, "RUS", "RUSMIL"), "forces"),
    ("A Bolivian general said the unit was ready.", "general",
     ("Bolivia's military", ActorKind.ORG, "BOL", "BOLMIL"), "general"),
    ("Pakistan's army chief toured the valley.", "chief", ("Pakistan's army", ActorKind.ORG, "PAK", "PAKMIL"),
     "army chief"),
    # other sectors, and a seat of government before the office
    ("Indian lawmakers voted against the levy.", "lawmakers",
     ("India's parliament", ActorKind.ORG, "IND", "INDLEG"), "lawmakers"),
    ("A Kremlin spokesman said the offer stood.", "spokesman", ("Kremlin", ActorKind.ORG, "RUS", "RUSGOV"),
     "spokesman"),
])
def test_offices_unnamed_holder_speaks_for_the_body(resolve: Resolve, text: str, word: str,
                                                     expected: Summary, role: str) -> None:
    actor = resolve(text, word)
    assert _summary(actor) == expected
    assert actor is not None and [r.role for r in actor.roles] == [role]


@pytest.mark.parametrize(("text", "word"), [
    ("Party officials said the vote was fair.", "officials"),  # no state's office
    ("The Belarusian opposition leader said the vote was rigged.", "leader"),
    ("Rebel commanders said the road was open.", "commanders"),
    ("The former Polish president said the vote was fair.", "president"),  # held no more
    ("An official who toured Peru said the vote was fair.", "official"),  # Peru is in the clause
    ("Officials said the vote was fair.", "Officials"),  # no country at all
])
def test_offices_that_speak_for_no_state(resolve: Resolve, text: str, word: str) -> None:
    assert resolve(text, word) is None


def test_offices_a_body_named_without_country_takes_the_dateline(resolve: Resolve) -> None:
    actor = resolve("The defence ministry spokesman said the drill was over.", "spokesman", default="EST")
    assert _summary(actor) == ("Estonia's defence ministry", ActorKind.ORG, "EST", "ESTMIL")


def test_offices_one_actor_per_country_and_body(resolve: Resolve) -> None:
    """However the text names Norway's government, it is one actor, with an id from its content."""
    ids = {a.id for a in [resolve("Norway's prime minister said the ferry would sail.", "minister"),
                          resolve("Norwegian officials said the ferry would sail.", "officials"),
                          resolve("The Norwegian government said the ferry would sail.", "government")] if a}
    assert ids == {actor_id(ActorKind.ORG, "NOR:government")}


@pytest.mark.parametrize(("text", "word", "before"), [
    ("Japan's prime minister Aiko Mori said the ferry would sail.", "Mori", ()),
    ("Japan's prime minister said the ferry would sail.", "minister", ("Prime Minister Aiko Mori landed in Osaka.",)),
    ("Japan's prime minister said the ferry would sail.", "minister",
     ("Prime Minister Aiko Mori and Foreign Minister Ken Sato landed in Osaka.",)),
])
def test_offices_a_named_holder_wins(resolve: Resolve, text: str, word: str, before: Sequence[str]) -> None:
    actor = resolve(text, word, before=before)
    assert actor is not None and (actor.name, actor.kind) == ("Aiko Mori", ActorKind.PERSON)


def test_offices_a_minister_is_not_the_prime_minister(resolve: Resolve) -> None:
    actor = resolve("Japan's prime minister said the ferry would sail.", "minister",
                    before=["Japanese Foreign Minister Ken Sato landed in Osaka."])
    assert _summary(actor) == ("Japan's government", ActorKind.ORG, "JPN", "JPNGOV")


def test_offices_a_leader_is_the_named_president(resolve: Resolve) -> None:
    actor = resolve("The Kenyan leader said the road would open.", "leader",
                    before=["Kenyan President Daniel Mwangi visited Kampala."])
    assert actor is not None and actor.name == "Daniel Mwangi"


@pytest.mark.parametrize(("paragraph", "speaker", "country", "role"), [
    # (an office whose holder on the article's date the knowledge base does not list: Norway's
    # prime minister in 2024 is a Factbook row, a person; tests/language/test_factbook.py)
    ('"The bridge will reopen," Norway\'s foreign minister said.', "Norway's government", "NOR", "foreign minister"),
    ('"The talks were useful," the Chilean foreign ministry spokesman told reporters.',
     "Chile's foreign ministry", "CHL", "foreign ministry spokesman"),
    ('"The border is calm," Latvian officials said.', "Latvia's government", "LVA", "officials"),
    ('"We expect an answer," a senior US official said.', "United States' government", "USA", "senior official"),
    ('"We hold the bridge," Russian forces said in a statement.', "Russia's military", "RUS", "forces"),
])
def test_offices_quotations_get_a_speaker_with_a_country(analyse: Analyse, paragraph: str, speaker: str,
                                                         country: str, role: str) -> None:
    [quote] = analyse(paragraph).quotes
    assert (quote.speaker, quote.speaker_kind, quote.speaker_country, quote.speaker_role) == (
        speaker, ActorKind.ORG, country, role)


def test_offices_the_body_itself_reports_no_office(analyse: Analyse) -> None:
    """The role belongs to the mention: after the foreign minister, the government speaks as itself."""
    analysis = analyse('"The bridge will reopen," Norway\'s foreign minister said.',
                       '"Repairs start today," the Norwegian government said.')
    assert [(q.speaker, q.speaker_role) for q in analysis.quotes] == [
        ("Norway's government", "foreign minister"), ("Norway's government", None)]
    [government] = [a for a in analysis.actors if a.name == "Norway's government"]
    assert [r.role for r in government.roles] == ["foreign minister"]


def test_offices_a_named_speaker_wins_in_quotations(analyse: Analyse) -> None:
    analysis = analyse('"The bridge will reopen," Norway\'s prime minister Ola Lunde said.')
    assert [(q.speaker, q.speaker_kind, q.speaker_country) for q in analysis.quotes] == [
        ("Ola Lunde", ActorKind.PERSON, "NOR")]


@pytest.mark.parametrize(("noun", "body"), [
    ("official", "government"), ("Minister", "government"), ("general", "military"), ("troop", "military"),
    ("senator", "parliament"), ("chief", ""), ("analyst", None), ("ministry", None),
])
def test_offices_table_gives_the_default_body(gaz: Gazetteer, noun: str, body: str | None) -> None:
    assert gaz.office(noun) == body


def test_offices_table_bodies_are_ministries_and_leaders_lead(gaz: Gazetteer) -> None:
    assert all(gaz.ministry(body) is not None for body in gaz.offices.values() if body)
    assert gaz.leads("prime minister") and gaz.leads("president") and not gaz.leads("minister")
