"""The CAMEO table is data every event depends on: check its shape, a few published values,
and that lookups fail clearly."""

from __future__ import annotations

import pytest

from dateline.errors import DatelineError
from dateline.events.cameo import (
    QUAD_NAMES,
    CameoCode,
    UnknownCodeError,
    cameo_code,
    is_code,
    load_cameo,
)

ROOTS = [f"{n:02d}" for n in range(1, 21)]


def _quad_of_root(root: str) -> int:
    n = int(root)
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 14 else 4


def test_every_root_is_present() -> None:
    table = load_cameo()
    assert [c for c in table if len(c) == 2] == ROOTS


def test_codes_are_well_formed_and_unique() -> None:
    table = load_cameo()
    for code, entry in table.items():
        assert code == entry.code
        assert code.isdigit() and len(code) in (2, 3, 4), code
        assert entry.name.strip() == entry.name and entry.name, code
    # the loader refuses duplicates; the mapping keys are the codes
    assert len(set(table)) == len(table)


def test_every_code_has_its_parents() -> None:
    table = load_cameo()
    for code, entry in table.items():
        assert entry.root == code[:2]
        assert entry.root in table, code
        if len(code) == 4:
            assert code[:3] in table, code


def test_every_root_has_an_unspecified_base_code() -> None:
    table = load_cameo()
    for root in ROOTS:
        assert f"{root}0" in table, root


def test_quad_follows_root() -> None:
    for code, entry in load_cameo().items():
        assert entry.quad == _quad_of_root(entry.root), code
        assert entry.quad in QUAD_NAMES


def test_goldstein_in_range() -> None:
    for code, entry in load_cameo().items():
        assert -10.0 <= entry.goldstein <= 10.0, code


def test_row_counts() -> None:
    table = load_cameo()
    assert sum(len(c) == 2 for c in table) == 20
    assert sum(len(c) == 3 for c in table) == 149
    assert sum(len(c) == 4 for c in table) == 147


@pytest.mark.parametrize(
    ("code", "goldstein", "quad"),
    [
        ("010", 0.0, 1),
        ("020", 3.0, 1),
        ("036", 4.0, 1),
        ("040", 1.0, 1),
        ("041", 1.0, 1),
        ("042", 1.9, 1),
        ("043", 2.8, 1),
        ("045", 5.0, 1),
        ("046", 7.0, 1),
        ("051", 3.4, 1),
        ("057", 8.0, 1),
        ("0874", 10.0, 2),
        ("111", -2.0, 3),
        ("112", -2.0, 3),
        ("130", -4.4, 3),
        ("163", -8.0, 4),
        ("173", -5.0, 4),
        ("180", -9.0, 4),
        ("190", -10.0, 4),
    ],
)
def test_known_values(code: str, goldstein: float, quad: int) -> None:
    entry = cameo_code(code)
    assert entry.goldstein == goldstein
    assert entry.quad == quad


def test_entry_fields() -> None:
    assert cameo_code("0211") == CameoCode(
        "0211", "Appeal for economic cooperation", 3.4, 1, "02"
    )
    assert cameo_code("04").name == "Consult"
    assert cameo_code("111").name == "Criticize or denounce"
    assert cameo_code("19").quad_name == "material conflict"
    assert cameo_code("13").goldstein == -6.0  # the root's own value, not 130's


def test_is_code() -> None:
    assert is_code("010")
    assert is_code("10")
    assert is_code("2042")
    assert not is_code("10a")
    assert not is_code("21")
    assert not is_code("")
    assert not is_code("0100")


@pytest.mark.parametrize("bad", ["999", "21", "10 ", "", "1"])
def test_unknown_code_raises(bad: str) -> None:
    with pytest.raises(UnknownCodeError) as info:
        cameo_code(bad)
    assert isinstance(info.value, DatelineError)
    assert isinstance(info.value, KeyError)
    assert info.value.code == bad
    assert str(info.value) == f"unknown CAMEO event code {bad!r}"


def test_table_is_read_only_and_cached() -> None:
    table = load_cameo()
    assert load_cameo() is table
    with pytest.raises(TypeError):
        table["999"] = table["010"]  # type: ignore[index]
