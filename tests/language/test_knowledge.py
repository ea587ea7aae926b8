"""The knowledge base that ships: office holders with dates, looked up by name, surname and office
for the article's date, and used only where the text leaves a person's state open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pycountry
import pytest
from spacy.language import Language

from dateline.language.actors import ArticleActors
from dateline.language.gazetteer import Gazetteer
from dateline.language.knowledge import load_knowledge
from dateline.language.persons import find_persons
from dateline.model import Actor


def _resolve(nlp: Language, gaz: Gazetteer, texts: Sequence[str], word: str, day: dt.date | None) -> Actor | None:
    registry = ArticleActors(gaz, "article-k", None, date=day)
    docs = [nlp(t) for t in texts]
    for doc in docs:
        for person in find_persons(doc, gaz):
            registry.add_person(person, doc_key=id(doc))
    token = next(t for t in docs[-1] if t.text == word)
    return registry.record(token)


def test_every_row_is_well_formed() -> None:
    kb = load_knowledge()
    rows = {h for holders in kb.by_name.values() for h in holders}
    assert len(rows) > 150
    for h in rows:
        assert h.source and h.role == h.role.lower(), h
        assert h.end is None or h.start < h.end, h
        assert h.org is not None or pycountry.countries.get(alpha_3=h.country) is not None, h


def test_the_holder_of_an_office_depends_on_the_date() -> None:
    kb = load_knowledge()
    march_2023 = kb.holder("CHN", "foreign minister", dt.date(2023, 3, 10))
    in_2025 = kb.holder("CHN", "foreign minister", dt.date(2025, 3, 10))
    assert march_2023 is not None and march_2023.name == "Qin Gang"
    assert in_2025 is not None and in_2025.name == "Wang Yi"
    assert kb.holder("CHN", "foreign minister", None) is None  # an undated article names no one


def test_a_surname_names_the_one_holder_in_office_then() -> None:
    kb = load_knowledge()
    for day in (dt.date(2019, 6, 1), dt.date(2025, 6, 1)):
        found = kb.surname("Trump", day)
        assert found is not None and found.name == "Donald Trump" and found.country == "USA"
    assert kb.surname("Trump", dt.date(2022, 6, 1)) is None  # out of office: the text must say
    assert kb.surname("Smith", dt.date(2019, 6, 1)) is None


@pytest.mark.parametrize("day", [dt.date(2019, 11, 5), dt.date(2025, 2, 3)])
def test_mr_surname_of_a_head_of_state_gets_the_state(nlp: Language, gaz: Gazetteer, day: dt.date) -> None:
    actor = _resolve(nlp, gaz, ["Mr. Trump told reporters he would sign the bill."], "Trump", day)
    assert actor is not None and actor.name == "Donald Trump" and actor.country == "USA"


def test_a_full_name_the_text_leaves_open_gets_its_state(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, ["Xi Jinping met the visiting delegation on Monday."], "Jinping",
                     dt.date(2024, 5, 1))
    assert actor is not None and actor.country == "CHN" and actor.code == "CHNGOV"
    assert actor.roles and actor.roles[0].role == "president" and actor.roles[0].valid_from == dt.date(2013, 3, 14)
    assert actor.roles[0].source and actor.roles[0].valid_until is None


def test_an_international_official_gets_the_organisation_code(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, ["Jens Stoltenberg warned the allies on Tuesday."], "Stoltenberg",
                     dt.date(2022, 3, 1))
    assert actor is not None and actor.country is None and actor.code == "IGONAT"


def test_the_text_wins_over_the_table(nlp: Language, gaz: Gazetteer) -> None:
    # a namesake the article says is French stays French
    actor = _resolve(nlp, gaz, ["French banker Mark Rutte said rates would rise."], "Rutte", dt.date(2025, 1, 1))
    assert actor is not None and actor.country == "FRA"


@pytest.mark.parametrize(("day", "name"), [(dt.date(2023, 3, 7), "Qin Gang"), (dt.date(2025, 3, 7), "Wang Yi")])
def test_an_unnamed_office_is_its_holder_on_the_article_date(
        nlp: Language, gaz: Gazetteer, day: dt.date, name: str) -> None:
    actor = _resolve(nlp, gaz, ["China's foreign minister said the talks had been useful."], "minister", day)
    assert actor is not None and actor.name == name and actor.country == "CHN"


def test_a_former_office_is_nobody_in_office(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, ["China's former foreign minister said the talks had been useful."], "minister",
                     dt.date(2025, 3, 7))
    assert actor is None or actor.name != "Wang Yi"


@pytest.mark.parametrize(("text", "word", "country"), [
    ("Samsung chief executive Daniel Park said sales had grown.", "Park", "KOR"),
    ("Apple CEO Tim Cook told investors the quarter was strong.", "Cook", "USA"),
])
def test_a_company_officer_is_of_the_company_country(
        nlp: Language, gaz: Gazetteer, text: str, word: str, country: str) -> None:
    actor = _resolve(nlp, gaz, [text], word, dt.date(2024, 1, 1))
    assert actor is not None and actor.country == country and actor.code == country + "BUS"


def test_an_undated_surname_names_its_one_holder_by_the_years_mentioned() -> None:
    kb = load_knowledge()
    latest = kb.surname("Trump", None)
    assert latest is not None and latest.start == dt.date(2025, 1, 20)  # no years: the latest office
    in_2019 = kb.surname("Trump", None, (2016, 2019))
    assert in_2019 is not None and in_2019.start == dt.date(2017, 1, 20)
    later = kb.surname("Trump", None, (2022, 2023))  # written in 2023 or after: the next term
    assert later is not None and later.start == dt.date(2025, 1, 20)
    assert kb.surname("Obama", None, (2022, 2023)) is None  # out of office before the last year mentioned
    assert kb.surname("Smith", None) is None


def test_president_and_a_surname_in_an_undated_article(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, ["President Trump signed the bill on Tuesday."], "Trump", None)
    assert actor is not None and actor.country == "USA"
