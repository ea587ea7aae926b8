"""The event dictionary: predicate patterns mapped to CAMEO codes, kept as a data file.

Each row of `data/dictionary.tsv` is one pattern: a verb lemma, optionally a particle (`call
for`), a required object noun for nominal events (`hold talks`, `make a visit`), a required
prepositional modifier (`talk by phone`), where the target actor is found, and whether the
event is symmetric (`X and Y held talks`: each met the other). The file's header documents the
columns; `rule` ids are `lemma[+particle][:object][@modifier]` so a reader can find the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["TARGETS", "Pattern", "load_dictionary"]

# Where a pattern's target is: the direct object; the object of a preposition under the verb
# or under its object noun (`prep:with`); both sides of `between A and B`; or no target.
# `dative` is the indirect object (`give Slovakia systems`), `obj.poss` the actor owning the object
# noun (`rejected Kyiv's proposal`, `expelled Russian diplomats`).
TARGETS = frozenset({"dobj", "dative", "obj.poss", "prep:with", "prep:to", "prep:against", "prep:on",
                     "prep:for", "prep:from", "prep:in", "prep:at", "prep:of", "prep:into", "between",
                     "none"})


@dataclass(frozen=True, slots=True)
class Pattern:
    """One dictionary row."""

    cameo: str
    verb: str
    particle: str | None
    obj: frozenset[str]
    modifier: tuple[str, frozenset[str]] | None
    target: str
    symmetric: bool

    @property
    def rule(self) -> str:
        rule = self.verb + (f"+{self.particle}" if self.particle else "")
        if self.obj:
            rule += ":" + "|".join(sorted(self.obj))
        if self.modifier:
            rule += f"@{self.modifier[0]}:" + "|".join(sorted(self.modifier[1]))
        return rule

    @property
    def specificity(self) -> int:
        """More required parts fire first (`hold talks` before a bare `hold`)."""
        return 2 * bool(self.obj) + 2 * bool(self.modifier) + bool(self.particle)


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip() and w.strip() != "-")


def _parse(line: str, number: int) -> list[Pattern]:
    """The patterns of one row: one per verb of a `|`-separated verb cell (`mull|consider`)."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 6:
        raise ValueError(f"dictionary.tsv line {number}: expected 6 columns, got {len(cells)}")
    cameo, verbs, obj, modifier, target, symmetric = (c.strip() for c in cells)
    mod: tuple[str, frozenset[str]] | None = None
    if modifier != "-":
        prep, _, nouns = modifier.partition(":")
        mod = (prep.lower(), _words(nouns))
    if target not in TARGETS and not target.startswith("prep:"):
        raise ValueError(f"dictionary.tsv line {number}: unknown target {target!r}")
    patterns = []
    for verb in verbs.split("|"):
        particle = None
        if "+" in verb:
            verb, particle = verb.split("+", 1)
        patterns.append(Pattern(cameo, verb.strip().lower(), particle, _words(obj), mod, target, symmetric == "yes"))
    return patterns


@lru_cache(maxsize=1)
def load_dictionary() -> Mapping[str, tuple[Pattern, ...]]:
    """Patterns by verb lemma, most specific first."""
    text = resources.files("dateline.events").joinpath("data/dictionary.tsv").read_text(encoding="utf-8")
    by_verb: dict[str, list[Pattern]] = {}
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    for number, line in lines[1:]:  # the first is the header row
        for pattern in _parse(line, number):
            by_verb.setdefault(pattern.verb, []).append(pattern)
    return {verb: tuple(sorted(ps, key=lambda p: -p.specificity)) for verb, ps in by_verb.items()}
