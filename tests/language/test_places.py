"""Places (cities, provinces) are not actors: the gazetteer knows their country, an actor's
spelling wins over a place's, a place never speaks by itself, and an office of a place speaks
for its country's body (`Kharkiv's governor`). Sentences are invented for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.language.gazetteer import Gazetteer
from dateline.model import ActorKind, ArticleAnalysis

Analyse = Callable[..., ArticleAnalysis]


@pytest.mark.parametrize(("name", "canonical", "country", "kind"), [
    ("Kharkiv", "Kharkiv", "UKR", "city"),
    ("Kharkov's", "Kharkiv", "UKR", "city"),
    ("Gaza Strip", "Gaza", "PSE", "region"),
    ("XINJIANG", "Xinjiang", "CHN", "region"),
    ("St. Petersburg", "St Petersburg", "RUS", "city"),
])
def test_places_know_their_country_and_kind(gaz: Gazetteer, name: str, canonical: str, country: str,
                                            kind: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and entry.is_place
    assert (entry.name, entry.country, entry.place) == (canonical, country, kind)
    assert gaz.place_country(name) == country


@pytest.mark.parametrize(("name", "via", "country"), [
    ("Hong Kong", "name", "HKG"),  # an ISO territory, not a Chinese city
    ("Kyiv", "capital", "UKR"),
    ("Taipei", "capital", "TWN"),
    ("Georgia", "name", "GEO"),  # the country, never the US state
    ("Jordan", "name", "JOR"),
])
def test_places_an_actors_spelling_wins(gaz: Gazetteer, name: str, via: str, country: str) -> None:
    entry = gaz.lookup(name)
    assert entry is not None and not entry.is_place
    assert (entry.via, entry.country) == (via, country)


@pytest.mark.parametrize("word", ["Nice", "Victoria", "Kashmir", "Punjab", "Reading", "kharkiv"])
def test_places_ambiguous_or_uncased_names_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.place_country(word) is None


def test_places_are_not_countries_to_country_of(gaz: Gazetteer) -> None:
    """A city names no state: `country_of` (adjectives, capitals) ignores it."""
    assert gaz.country_of("Kharkiv") is None
    assert gaz.country_of("Kyiv") == "UKR"


def test_places_never_speak_by_themselves(analyse: Analyse) -> None:
    analysis = analyse('"The shelters are full," Mykolaiv said on Sunday.',
                       'Odesa said: "We need more generators."')
    assert [q.speaker for q in analysis.quotes] == [None, None]
    assert all(a.name not in ("Mykolaiv", "Odesa") for a in analysis.actors)


def test_places_are_not_mentions_of_their_country(analyse: Analyse) -> None:
    analysis = analyse("Trains from Lviv reached the border before noon.")
    assert analysis.mentions == ()


def test_places_an_office_of_a_place_speaks_for_its_country(analyse: Analyse) -> None:
    """`Kharkiv's governor` speaks for Ukraine's government, as `a Ukrainian governor` would:
    a regional governor is an office of the state, and GDELT codes it UKRGOV."""
    quote = analyse('"The shelters are full," Kharkiv\'s governor said on Sunday.').quotes[0]
    assert (quote.speaker, quote.speaker_kind, quote.speaker_country, quote.speaker_role) == (
        "Ukraine's government", ActorKind.ORG, "UKR", "governor")


def test_places_a_state_named_in_the_office_wins_over_the_place(analyse: Analyse) -> None:
    quote = analyse('"Order is restored," Crimea\'s Russian governor said.').quotes[0]
    assert (quote.speaker, quote.speaker_country) == ("Russia's government", "RUS")


def test_places_a_city_dateline_is_not_the_home_of_unnamed_bodies(analyse: Analyse) -> None:
    """GENEVA datelines diplomacy: `the foreign ministry` there is not Switzerland's."""
    quote = analyse('"We are ready," the foreign ministry said.', place="GENEVA").quotes[0]
    assert (quote.speaker_kind, quote.speaker_country) == (ActorKind.ORG, None)


def test_places_a_body_of_a_place_is_its_countrys(analyse: Analyse) -> None:
    quote = analyse('"The wards are full," Basra\'s health ministry said.').quotes[0]
    assert quote.speaker_country == "IRQ"
