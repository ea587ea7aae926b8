"""Organisations named in an article: each one an actor, with the country its name, a table,
or the words around it give; and the people who work for them, with their employer's country."""

from __future__ import annotations

import pytest
from spacy.language import Language

from dateline.language.actors import home_country
from dateline.language.gazetteer import Gazetteer, read_table
from dateline.language.nlp import load_nlp
from dateline.language.organisations import find_organisations, read_organisation
from dateline.language.persons import find_persons
from dateline.model import ActorKind
from tests.language.conftest import Analyse


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


# -- the table of institutions ----------------------------------------------------------------

def test_every_institution_row_has_a_code_a_sector_a_year_and_a_source() -> None:
    rows = list(read_table("institutions.tsv"))
    assert len(rows) > 300
    for row in rows:
        assert row["source"] and row["since"].isdigit(), row
        assert row["code"].startswith(row["country"] or ("IGO", "REB")), row
        assert row["sector"] in {"business", "academic", "ngo", "gov", "leg", "cop", "mil", "jud", "spy",
                                 "party", "rebel", "igo"}, row


@pytest.mark.parametrize(("name", "country", "code"), [
    ("Harvard University", "USA", "USAEDU"),
    ("Ubisoft", "FRA", "FRABUS"),
    ("Tax Foundation", "USA", "USANGO"),
    ("Taliban", "AFG", "AFGREB"),
    ("Hezbollah", "LBN", "LBNREB"),
    ("Democratic Progressive Party", "TWN", "TWNPTY"),
])
def test_a_table_names_the_institution(gaz: Gazetteer, name: str, country: str, code: str) -> None:
    entry, found, _ = read_organisation(name, gaz)
    assert entry is not None and (found, entry.code) == (country, code)


# -- reading a name ---------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "country", "sector"), [
    ("Israeli Institute for Water Policy", "ISR", "academic"),  # an adjective inside the name
    ("Alliance for Canadian Shipbuilding", "CAN", "ngo"),
    ("University of Ohio at Lakeside", "USA", "academic"),  # a US state inside the name
    ("Texas Roads Authority", "USA", "gov"),
    ("Osaka Freight Company", "JPN", "business"),  # a city of a million inside the name
    ("Westbrook Analytics", None, None),  # nothing says whose it is
])
def test_a_name_says_whose_body_it_is(gaz: Gazetteer, name: str, country: str | None, sector: str | None) -> None:
    entry, found, kind = read_organisation(name, gaz)
    assert (entry, found, kind) == (None, country, sector)


def test_a_state_in_front_of_a_table_name_keeps_the_table_entry(gaz: Gazetteer) -> None:
    entry, country, _ = read_organisation("U.S. Customs and Border Protection", gaz)
    assert entry is not None and entry.code == "USACOP" and country == "USA"


def test_two_states_in_one_name_give_no_country(gaz: Gazetteer) -> None:
    assert read_organisation("French-German Youth Office", gaz)[1] is None


def test_a_lower_case_last_word_still_finds_the_table(gaz: Gazetteer) -> None:
    entry, country, _ = read_organisation("Democratic Progressive party", gaz)
    assert entry is not None and country == "TWN"


@pytest.mark.parametrize("text", [
    "Avi Cohen, a senior fellow at the Marlow Policy Forum, an Israeli think tank, said the plan was legal.",
    "An Israeli think tank, the Marlow Policy Forum, published the study on Monday.",
])
def test_an_apposition_says_whose_body_it_is(nlp: Language, gaz: Gazetteer, text: str) -> None:
    found = {o.name: o for o in find_organisations(nlp(text), gaz)}
    assert found["Marlow Policy Forum"].country == "ISR"


def test_a_place_or_a_country_is_not_an_organisation(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("The United Nations and Reuters reported from Chicago.")
    names = {o.name for o in find_organisations(doc, gaz)}
    assert "Reuters" not in names and "Chicago" not in names


# -- people and their employers ----------------------------------------------------------------

@pytest.mark.parametrize(("text", "name", "country"), [
    ("Maria Olsen, a senior fellow at the Tax Foundation, said the levy was regressive.", "Maria Olsen", "USA"),
    ("Maria Olsen of the Brookings Institution said the levy was regressive.", "Maria Olsen", "USA"),
    ("Ubisoft senior VP Paul Grant said sales were up.", "Paul Grant", "FRA"),
    ("Paul Grant, a Harvard economist, said sales were up.", "Paul Grant", "USA"),
    ("Paul Grant, a researcher at the University of Ohio, said the mice recovered.", "Paul Grant", "USA"),
])
def test_a_person_gets_the_employer_s_country(nlp: Language, gaz: Gazetteer, text: str, name: str,
                                              country: str) -> None:
    found = {p.name: p for p in find_persons(nlp(text), gaz)}
    assert found[name].country == country


def test_a_party_and_state_tag_marks_a_us_legislator(nlp: Language, gaz: Gazetteer) -> None:
    found = {p.name: p for p in find_persons(nlp("Rep. Dana Whitfield (D-Ore.) voted against the bill."), gaz)}
    assert found["Dana Whitfield"].country == "USA"


def test_an_ambassador_serves_the_sender_not_the_host(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("He said U.S. Ambassador to the European Union David Miller and Energy Secretary John Smith met on Friday.")
    p = {p.name: p for p in find_persons(doc, gaz)}["David Miller"]
    assert p.country == "USA" and p.affiliation is None


def test_a_country_before_a_specialist_is_the_subject_not_the_nationality(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("Lawmakers questioned Jonas Weber, a Ukraine specialist on the National Security Council, on Tuesday.")
    assert {p.name: p for p in find_persons(doc, gaz)}["Jonas Weber"].country == "USA"


# -- in an article ------------------------------------------------------------------------------

def test_every_mention_of_an_organisation_covers_its_name(analyse: Analyse) -> None:
    analysis = analyse("The Peterson Institute for International Economics said the tariffs would cost jobs.")
    assert "The Peterson Institute for International Economics" in {m.text for m in analysis.mentions}


def test_an_acronym_beside_a_state_s_own_body_is_that_body(analyse: Analyse) -> None:
    analysis = analyse("The CDC said the risk was low.", "The Chinese CDC has said there is no need to worry.")
    actors = {a.id: a for a in analysis.actors}
    said = {m.text: actors[m.actor_id].country for m in analysis.mentions if "CDC" in m.text}
    assert said == {"The CDC": "CHN", "The Chinese CDC": "CHN"}


def test_the_country_an_article_is_about_is_given_to_those_it_leaves_open(analyse: Analyse) -> None:
    analysis = analyse("Kenya's government raised fuel taxes, and Kenyan unions protested in Nairobi.",
                       "Kenyan lawmakers said Kenya would review the tax.",
                       "Wanjiku Otieno, the chief executive of Savanna Freight, said costs would rise.")
    person = next(a for a in analysis.actors if a.name == "Wanjiku Otieno")
    assert person.kind == ActorKind.PERSON and person.country == "KEN"


def test_home_country_needs_a_clear_majority() -> None:
    assert home_country(["USA", "USA", "USA", "CHN"]) == "USA"
    assert home_country(["USA", "USA", "USA", "CHN", "CHN"]) is None
    assert home_country(["USA", "USA"]) is None


def test_a_name_after_a_kind_of_body_is_the_body_not_a_person(analyse: Analyse) -> None:
    analysis = analyse("Prosecutors looked into the Dutch shipping company Maersland last year.",
                       "Maersland denied any wrongdoing.")
    actors = {a.id: a for a in analysis.actors}
    named = {actors[m.actor_id].kind for m in analysis.mentions if "Maersland" in m.text}
    assert named == {ActorKind.ORG}


def test_the_employer_with_a_country_is_read_past_one_without(nlp: Language, gaz: Gazetteer) -> None:
    doc = nlp("A paper by Jean Dupont of the Institute for Plant Signals at the National Center for Scientific "
              "Research in France and his colleagues was published.")
    assert {p.name: p for p in find_persons(doc, gaz)}["Jean Dupont"].country == "FRA"
