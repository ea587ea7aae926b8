"""The event dictionary: predicate patterns mapped to CAMEO codes, kept as a data file.

Each row of `data/dictionary.tsv` is one pattern: a verb lemma, optionally a particle (`call
for`), a required object noun for nominal events (`hold talks`, `make a visit`), a required
prepositional modifier (`talk by phone`), where the target actor is found, and whether the
event is symmetric (`X and Y held talks`: each met the other). The file's header documents the
columns; `rule` ids are `lemma[+particle][:object][@modifier]` so a reader can find the row.
A row may end with an example sentence it must code (the tests read every one).

`data/nouns.tsv` holds the events news names with a noun and no verb to code (`Trump's call
with Zelensky`, `US sanctions against Iran`, `the talks between A and B`): the noun's owner is
the source, a preposition under the noun the target. They load as patterns too (`noun` set,
rule ids `noun:lemma[>target]`), so the coder and the records treat both alike; so do the
words of `data/verdicts.tsv` (`said the move was illegal`: rule ids `verdict:word`). The
format of the three files: docs/event-dictionary.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["TARGETS", "Pattern", "load_dictionary", "load_nouns", "load_verdicts", "read_rows"]

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
    kind: str = "verb"  # `noun` for nouns.tsv rows, `verdict` for verdicts.tsv words
    example: str = ""  # a sentence the row must code, written for the tests

    @property
    def rule(self) -> str:
        if self.kind != "verb":
            return f"{self.kind}:{self.verb}" + (f">{self.target}" if self.target != "none" else "")
        rule = self.verb + (f"+{self.particle}" if self.particle else "")
        if self.obj:
            rule += ":" + "|".join(sorted(self.obj))
        if self.modifier:
            rule += f"@{self.modifier[0]}:" + "|".join(sorted(self.modifier[1]))
        return rule

    @property
    def specificity(self) -> int:
        """More required parts fire first (`hold talks` before a bare `hold`)."""
        named = self.modifier is not None and "*" not in self.modifier[1]  # `xcomp:mediate` before `xcomp:*`
        return 2 * bool(self.obj) + 2 * bool(self.modifier) + bool(self.particle) + named


def _words(cell: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in cell.split("|") if w.strip() and w.strip() != "-")


def _parse(line: str, number: int) -> list[Pattern]:
    """The patterns of one row: one per verb of a `|`-separated verb cell (`mull|consider`)."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) not in (6, 7):
        raise ValueError(f"dictionary.tsv line {number}: expected 6 or 7 columns, got {len(cells)}")
    cameo, verbs, obj, modifier, target, symmetric = (c.strip() for c in cells[:6])
    example = cells[6].strip() if len(cells) == 7 else ""
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
        patterns.append(Pattern(cameo, verb.strip().lower(), particle, _words(obj), mod, target, symmetric == "yes",
                                example=example))
    return patterns


def _noun_row(line: str, number: int) -> list[Pattern]:
    """The patterns of one nouns.tsv row: cameo, nouns (`|`-separated lemmas, a compound noun
    written with it: `phone call`), target, symmetric, example."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 5:
        raise ValueError(f"nouns.tsv line {number}: expected 5 columns, got {len(cells)}")
    cameo, nouns, target, symmetric, example = (c.strip() for c in cells)
    if target not in TARGETS and not target.startswith("prep:"):
        raise ValueError(f"nouns.tsv line {number}: unknown target {target!r}")
    return [Pattern(cameo, noun.strip().lower(), None, frozenset(), None, target, symmetric == "yes", kind="noun",
                    example=example) for noun in nouns.split("|") if noun.strip()]


def read_rows(name: str) -> list[tuple[int, str]]:
    """The numbered data rows of a packaged table, comments and its header row left out."""
    text = resources.files("dateline.events").joinpath(f"data/{name}").read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    return lines[1:]


@lru_cache(maxsize=1)
def load_dictionary() -> Mapping[str, tuple[Pattern, ...]]:
    """Patterns by verb lemma, most specific first."""
    by_verb: dict[str, list[Pattern]] = {}
    for number, line in read_rows("dictionary.tsv"):
        for pattern in _parse(line, number):
            by_verb.setdefault(pattern.verb, []).append(pattern)
    return {verb: tuple(sorted(ps, key=lambda p: -p.specificity)) for verb, ps in by_verb.items()}


@lru_cache(maxsize=1)
def load_nouns() -> Mapping[str, tuple[Pattern, ...]]:
    """Noun patterns by the noun's last word (`call` for `phone call`): a compound's rows
    first (`humanitarian aid` before `aid`), else in file order."""
    by_noun: dict[str, list[Pattern]] = {}
    for number, line in read_rows("nouns.tsv"):
        for pattern in _noun_row(line, number):
            by_noun.setdefault(pattern.verb.split()[-1], []).append(pattern)
    return {noun: tuple(sorted(ps, key=lambda p: " " not in p.verb)) for noun, ps in by_noun.items()}


@lru_cache(maxsize=1)
def load_verdicts() -> Mapping[str, Pattern]:
    """Verdict words (`illegal`, `a sham`, `constructive`) by lemma, each as the pattern of the
    event a speaker's verdict on an actor's act is (111 disapprove, 051 praise)."""
    found: dict[str, Pattern] = {}
    for number, line in read_rows("verdicts.tsv"):
        cells = line.rstrip("\n").split("\t")
        if len(cells) != 3:
            raise ValueError(f"verdicts.tsv line {number}: expected 3 columns, got {len(cells)}")
        cameo, words, example = (c.strip() for c in cells)
        for word in words.split("|"):
            found[word.strip().lower()] = Pattern(cameo, word.strip().lower(), None, frozenset(), None, "dobj", False,
                                                  kind="verdict", example=example)
    return found
