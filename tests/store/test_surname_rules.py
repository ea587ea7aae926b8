"""Which surname-only persons are linked to a full-name person (store.surnames.surname_links)."""

from __future__ import annotations

from dateline.store.surnames import Person, surname_links


def _links(*people: tuple[str, str | None]) -> dict[str, str]:
    """Links by name, for people given as (name, country); ids are the names."""
    return surname_links([Person(name, name, country) for name, country in people])


def test_a_surname_is_the_one_full_name_ending_in_it() -> None:
    assert _links(("Tomas Dolansky", "EST"), ("Dolansky", None), ("Lena Harwick", None)) == {
        "Dolansky": "Tomas Dolansky"}


def test_two_full_names_with_the_word_leave_it_apart() -> None:
    assert _links(("Wang Yi", "CHN"), ("Wang Wenbin", "CHN"), ("Wang", None)) == {}
    assert _links(("Lena Harwick", None), ("Paul Harwick", None), ("Harwick", None)) == {}


def test_a_first_name_is_not_a_surname() -> None:
    assert _links(("Tomas Dolansky", "EST"), ("Tomas", None)) == {}
    assert _links(("Wang Yi", "CHN"), ("Wang", None)) == {}
    # also someone's first name: which one is meant is unclear
    assert _links(("Ida Tomas", None), ("Tomas Dolansky", None), ("Tomas", None)) == {}


def test_countries_must_not_conflict_when_both_are_known() -> None:
    assert _links(("Tomas Dolansky", "EST"), ("Dolansky", "LVA")) == {}
    assert _links(("Tomas Dolansky", "EST"), ("Dolansky", "EST")) == {"Dolansky": "Tomas Dolansky"}
    assert _links(("Tomas Dolansky", None), ("Dolansky", "EST")) == {"Dolansky": "Tomas Dolansky"}


def test_names_compare_by_their_words() -> None:
    assert _links(("Ana Ruiz-Vega", None), ("Vega", None)) == {"Vega": "Ana Ruiz-Vega"}
    assert _links(("Amos Kiprono's", None), ("KIPRONO", None)) == {"KIPRONO": "Amos Kiprono's"}
