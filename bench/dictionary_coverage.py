"""The event dictionary's coverage per CAMEO root, ours against PETRARCH2's synonym sets.

usage: .venv/bin/python bench/dictionary_coverage.py [PETRARCH2 verb-pattern file]
Ours: the verb lemmas of `events/data/dictionary.tsv`, the nouns of `nouns.tsv` and the words of
`verdicts.tsv` whose rows code each root (a word counts once per root), and the rows. PETRARCH2
(MIT, `../shared/reference/petrarch2/CAMEO.verbpatterns.150430.txt`, read for this count only):
its synonym sets (`--- NAME [code] ---` blocks) by the root of their default code, the verbs
listed in them, and its phrase patterns by the root of the code each one gives. `shared` is how
many of PETRARCH2's verbs for a root are lemmas of ours for that root. Prints a Markdown table
(the one in docs/event-dictionary.md).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from dateline.events.dictionary import _noun_row, _parse, read_rows

REPO = Path(__file__).resolve().parent.parent
PETRARCH = REPO.parent / "shared" / "reference" / "petrarch2" / "CAMEO.verbpatterns.150430.txt"
ROOTS = [f"{n:02d}" for n in range(1, 21)]
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([0-9]{3,4})[^\]]*\]")
_CODE = re.compile(r"\[([0-9]{3,4})\]")


def ours() -> tuple[dict[str, set[str]], dict[str, int]]:
    words: dict[str, set[str]] = defaultdict(set)
    rows: dict[str, int] = defaultdict(int)
    for number, line in read_rows("dictionary.tsv"):
        patterns = _parse(line, number)
        rows[patterns[0].cameo[:2]] += 1
        for p in patterns:
            words[p.cameo[:2]].add(p.verb)
    for number, line in read_rows("nouns.tsv"):
        patterns = _noun_row(line, number)
        rows[patterns[0].cameo[:2]] += 1
        for p in patterns:
            words[p.cameo[:2]].add(p.verb)
    for _, line in read_rows("verdicts.tsv"):
        cameo, cell, _ = line.split("\t")
        rows[cameo[:2]] += 1
        words[cameo[:2]].update(w.strip() for w in cell.split("|"))
    return words, rows


def petrarch(path: Path) -> tuple[dict[str, int], dict[str, set[str]], dict[str, int]]:
    sets: dict[str, int] = defaultdict(int)
    verbs: dict[str, set[str]] = defaultdict(set)
    patterns: dict[str, int] = defaultdict(int)
    root: str | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if (block := _BLOCK.match(line)) is not None:
            root = block.group(2)[:2]
            sets[root] += 1
        elif line.startswith("---"):
            root = None  # a set without a code of its own
        elif line.startswith("-"):
            if (code := _CODE.search(line)) is not None:
                patterns[code.group(1)[:2]] += 1
        elif root is not None and line.strip() and not line.startswith("#"):
            verb = line.split("#")[0].split("{")[0].strip().lower().replace("_", " ")
            if verb:
                verbs[root].add(verb)
    return sets, verbs, patterns


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PETRARCH
    words, rows = ours()
    sets, verbs, patterns = petrarch(path)
    print("| root | our rows | our verbs, nouns and words | PETRARCH2 synonym sets | their verbs | shared | their phrase patterns |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for root in ROOTS:
        shared = len(verbs[root] & words[root])
        print(f"| {root} | {rows[root]} | {len(words[root])} | {sets[root]} | {len(verbs[root])} | {shared} | {patterns[root]} |")
    total = sum(len(w) for w in words.values())
    print(f"| all | {sum(rows.values())} | {total} | {sum(sets.values())} | {sum(len(v) for v in verbs.values())} | "
          f"{sum(len(verbs[r] & words[r]) for r in ROOTS)} | {sum(patterns.values())} |")


if __name__ == "__main__":
    main()
