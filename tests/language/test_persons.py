"""People named in a sentence, with the role, country and affiliation the words around give."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.language.gazetteer import Gazetteer
from dateline.language.persons import PersonMention, find_persons, role_head


def _person(nlp: Language, gaz: Gazetteer, text: str, name: str, default: str | None = None) -> PersonMention:
    found = {p.name: p for p in find_persons(nlp(text), gaz, default_country=default)}
    assert name in found, f"{name} not in {sorted(found)}"
    return found[name]


@pytest.mark.parametrize(("text", "name", "role", "country"), [
    ("Chinese President Xi Jinping arrived in Moscow on Monday.", "Xi Jinping", "president", "CHN"),
    ("Indian Prime Minister Rahul Mehta said the talks were useful.", "Rahul Mehta", "prime minister", "IND"),
    ("The talks were useful, said Kenyan Foreign Minister Grace Wanjiru.", "Grace Wanjiru", "foreign minister", "KEN"),
    ("German Chancellor Heike Vogel flew to Rome.", "Heike Vogel", "chancellor", "DEU"),
])
def test_persons_title_with_country_adjective(nlp: Language, gaz: Gazetteer, text: str, name: str,
                                              role: str, country: str) -> None:
    p = _person(nlp, gaz, text, name)
    assert (p.role, p.country, p.affiliation) == (role, country, None)


@pytest.mark.parametrize(("default", "country"), [("CHN", "CHN"), ("EGY", "EGY"), (None, None)])
def test_persons_spokeswoman_without_country_takes_the_dateline_country(
        nlp: Language, gaz: Gazetteer, default: str | None, country: str | None) -> None:
    text = "Foreign ministry spokeswoman Hua Lin told a regular briefing the claims were false."
    p = _person(nlp, gaz, text, "Hua Lin", default)
    assert (p.role, p.country) == ("foreign ministry spokeswoman", country)


@pytest.mark.parametrize(("text", "name", "role", "country"), [
    ("White House spokesman Tom Reed said the talks were useful.", "Tom Reed", "white house spokesman", "USA"),
    ("Kremlin spokesman Ivan Petrov told reporters there was nothing to discuss.", "Ivan Petrov",
     "kremlin spokesman", "RUS"),
])
def test_persons_seat_of_government_gives_its_country_not_the_dateline(
        nlp: Language, gaz: Gazetteer, text: str, name: str, role: str, country: str) -> None:
    p = _person(nlp, gaz, text, name, default="CHN")
    assert (p.role, p.country) == (role, country)


@pytest.mark.parametrize(("text", "name", "role", "country"), [
    ("German Chancellor Heike Vogel met her French counterpart Luc Moreau in Paris.", "Luc Moreau",
     "counterpart", "FRA"),
    ("The premier called his Polish counterpart, Jan Nowak, on Friday.", "Jan Nowak", "counterpart", "POL"),
])
def test_persons_counterpart_in_apposition(nlp: Language, gaz: Gazetteer, text: str, name: str,
                                           role: str, country: str) -> None:
    p = _person(nlp, gaz, text, name)
    assert (p.role, p.country) == (role, country)


@pytest.mark.parametrize(("text", "name", "role", "affiliation", "code"), [
    ("NATO chief Henrik Dahl warned Moscow against escalation.", "Henrik Dahl", "chief", "NATO", "IGONAT"),
    ("NATO chief Lars Eklund said on Tuesday that the alliance was ready.", "Lars Eklund", "chief", "NATO",
     "IGONAT"),
    ("EU foreign policy chief Marta Ruiz said the bloc was united.", "Marta Ruiz", "foreign policy chief",
     "European Union", "IGOEEC"),
    ("Arab League spokesman Omar Haddad said the talks were constructive.", "Omar Haddad", "spokesman",
     "Arab League", "IGOARL"),
])
def test_persons_organisation_gives_affiliation_and_no_country(
        nlp: Language, gaz: Gazetteer, text: str, name: str, role: str, affiliation: str, code: str) -> None:
    p = _person(nlp, gaz, text, name, default="CHN")
    assert (p.role, p.country, p.affiliation, p.affiliation_code) == (role, None, affiliation, code)


@pytest.mark.parametrize("text", [
    "Rina Sato, an associate professor at Kyoto University, said the plan was risky.",
    '"This is a serious mistake," said Rina Sato, an associate professor at Kyoto University.',
])
def test_persons_appositive_role_and_affiliation_after_the_name(nlp: Language, gaz: Gazetteer, text: str) -> None:
    p = _person(nlp, gaz, text, "Rina Sato", default="KOR")
    # the university's city gives the academic's country (never the dateline's default)
    assert (p.role, p.country, p.affiliation) == ("associate professor", "JPN", "Kyoto University")


def test_persons_appositive_organisation_from_the_tables(nlp: Language, gaz: Gazetteer) -> None:
    text = '"The talks were constructive," said Omar Haddad, a spokesman for the Arab League.'
    p = _person(nlp, gaz, text, "Omar Haddad", default="EGY")
    assert (p.role, p.country, p.affiliation, p.affiliation_code) == ("spokesman", None, "Arab League", "IGOARL")


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Turkey's Mehmet Demir said Ankara would not accept the terms.", "Mehmet Demir", "TUR"),
    ("Brazil's Carla Mendes told the summit that the forest was burning.", "Carla Mendes", "BRA"),
    ("Poland's Jan Nowak met officials in Warsaw.", "Jan Nowak", "POL"),
])
def test_persons_possessive_country(nlp: Language, gaz: Gazetteer, text: str, name: str, country: str) -> None:
    p = _person(nlp, gaz, text, name)
    assert (p.role, p.country) == (None, country)


def test_persons_offsets_and_head_point_at_the_name(nlp: Language, gaz: Gazetteer) -> None:
    text = "Chinese President Xi Jinping arrived in Moscow on Monday."
    doc = nlp(text)
    [p] = find_persons(doc, gaz)
    assert text[p.start:p.end] == "Xi Jinping"
    assert doc[p.head].text == "Jinping"
    assert p.words == ("Xi", "Jinping")


@pytest.mark.parametrize("text", [
    "Officials in Moscow and Kyiv traded accusations.",
    "The Kremlin said the United Nations had failed.",
    "President Putin spoke.",
])
def test_persons_places_bodies_and_single_names_are_not_persons(nlp: Language, gaz: Gazetteer, text: str) -> None:
    assert find_persons(nlp(text), gaz) == []


@pytest.mark.parametrize(("role", "head"), [
    ("foreign ministry spokeswoman", "spokeswoman"), ("associate professor", "professor"),
    ("prime minister", "minister"), ("white house spokesman", "spokesman"), (None, None), ("", None),
])
def test_persons_role_head(role: str | None, head: str | None) -> None:
    assert role_head(role) == head


def test_persons_small_particles_inside_a_name(nlp: Language, gaz: Gazetteer) -> None:
    p = _person(nlp, gaz, "Former German president Karl von Weiden died in 2015.", "Karl von Weiden")
    assert p.country == "DEU"


@pytest.mark.parametrize(("text", "name"), [
    ("Lt Col Peter Hale testified on Tuesday.", "Peter Hale"),  # rank titles are not the name
    ("Questioning Hale's account, Peter Hale's lawyer objected.", "Peter Hale"),  # no possessive
])
def test_persons_titles_and_possessives_are_not_part_of_a_name(nlp: Language, gaz: Gazetteer, text: str,
                                                                name: str) -> None:
    names = {p.name for p in find_persons(nlp(text), gaz)}
    assert name in names and not any(n.endswith(("'s", "\u2019s")) or n.startswith("Lt") for n in names)


@pytest.mark.parametrize("text", [
    "Protesters gathered near the embassy. Photo: Omar HASSAN / AFP",
    "The story first appeared in the Hartford Courant on Monday.",
    "Speaking to Lt Col on the phone, he said nothing.",
])
def test_persons_credits_newspapers_and_bare_titles_are_not_people(nlp: Language, gaz: Gazetteer, text: str) -> None:
    assert find_persons(nlp(text), gaz) == []
