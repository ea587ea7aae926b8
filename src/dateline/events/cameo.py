"""The CAMEO event code table: name, Goldstein value and quad class for every code.

Events carry a CAMEO code; everything derived from it (root, quad class, Goldstein weight, a
readable name) comes from `data/cameo.tsv`, so rules never hard-code those numbers and the
table can be checked on its own. Codes are strings with their leading zeros ("010", "0211"):
as integers "010" and "10" would collide.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

from dateline.errors import DatelineError

__all__ = ["QUAD_NAMES", "CameoCode", "UnknownCodeError", "cameo_code", "is_code", "load_cameo"]

QUAD_NAMES: Mapping[int, str] = MappingProxyType({
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
})

_COLUMNS = ["code", "name", "goldstein", "quad"]


class UnknownCodeError(DatelineError, KeyError):
    """A string that is not a CAMEO event code was looked up.

    Also a `KeyError`, so callers treating the table as a mapping catch it as they expect.
    """

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown CAMEO event code {code!r}")
        self.code = code

    def __str__(self) -> str:
        # KeyError would repr() the message; keep it readable.
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code. `root` is its two-digit root ("04" for "042")."""

    code: str
    name: str
    goldstein: float
    quad: int
    root: str

    @property
    def quad_name(self) -> str:
        return QUAD_NAMES[self.quad]


def _parse(line: str, number: int) -> CameoCode:
    """One table row; a malformed row is a packaging bug, so it fails loudly with its line."""
    cells = line.split("\t")
    if len(cells) != len(_COLUMNS):
        raise ValueError(f"cameo.tsv line {number}: expected {len(_COLUMNS)} columns, got {len(cells)}")
    code, name, goldstein, quad = (c.strip() for c in cells)
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise ValueError(f"cameo.tsv line {number}: bad code {code!r}")
    return CameoCode(code, name, float(goldstein), int(quad), code[:2])


@functools.cache
def load_cameo() -> Mapping[str, CameoCode]:
    """Every code in the packaged table, in codebook order, read once per process."""
    text = resources.files("dateline.events").joinpath("data", "cameo.tsv").read_text(encoding="utf-8")
    table: dict[str, CameoCode] = {}
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            if line.split("\t") != _COLUMNS:
                raise ValueError(f"cameo.tsv line {number}: expected header {_COLUMNS}")
            header_seen = True
            continue
        entry = _parse(line, number)
        if entry.code in table:
            raise ValueError(f"cameo.tsv line {number}: duplicate code {entry.code!r}")
        table[entry.code] = entry
    return MappingProxyType(table)


def is_code(code: str) -> bool:
    """Whether `code` is a CAMEO event code exactly as written ("010" is, "10" is a root, "10a" is not)."""
    return code in load_cameo()


def cameo_code(code: str) -> CameoCode:
    """The entry for `code`; raises `UnknownCodeError` (a `DatelineError` and a `KeyError`)."""
    try:
        return load_cameo()[code]
    except KeyError:
        raise UnknownCodeError(code) from None
