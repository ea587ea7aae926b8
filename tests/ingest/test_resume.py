"""An ingest killed with SIGKILL half-way resumes to the store an uninterrupted run makes.

For real: `python -m dateline ingest DIR --workers 2` runs as a subprocess over a few hundred
pages, is SIGKILLed once the store shows progress, then re-run to completion. No timing is
asserted: if a run finishes before it could be killed, the next attempt is bigger and is killed
earlier (during the first pass).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from resume_helpers import assert_intact, count, dump, kill_mid_run, run

PLACES = ("Beijing", "Paris", "Washington", "Kyiv", "Nairobi", "Lima", "Tokyo", "Cairo", "Berlin")
AGENCIES = ("AFP", "UPI", "AP")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WORDS = ("minister talks government officials said statement agreement ceasefire border trade "
         "election council security economy reporters spokesman week region troops summit "
         "parliament vote budget energy climate delegation meeting capital visit").split()
SITES = ("Daily Planet Wire", "Harbour Gazette", "Northern Ledger")
TABLES = ("sources", "pages", "articles", "line_stats", "line_counted")
# (pages in the corpus, the query whose first row triggers the kill)
ATTEMPTS = (
    (300, "SELECT 1 FROM sources WHERE status = 'ingested' LIMIT 1"),  # during the second pass
    (300, "SELECT 1 FROM line_counted LIMIT 1"),  # during the first pass
    (1200, "SELECT 1 FROM line_counted LIMIT 1"),
)


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 24))).capitalize() + "."


def _generated_page(rnd: random.Random, n: int) -> str:
    site = SITES[n % len(SITES)]
    headline = f"{rnd.choice(PLACES)} {rnd.choice(WORDS)} {rnd.choice(WORDS)} as story {n} unfolds"
    dateline = f"{rnd.choice(PLACES)} ({rnd.choice(AGENCIES)}) {rnd.choice(MONTHS)} {rnd.randint(1, 28)}, 2024"
    paragraphs = [" ".join(_sentence(rnd) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(4, 9))]
    return "\n".join([
        site, "Home | World | Business | Sport | Subscribe", "WORLD", headline, headline,
        f"By {rnd.choice(['Anna Berg', 'Li Wei', 'Omar Haddad', 'Staff Writers'])}", dateline, "",
        *(p + "\n" for p in paragraphs),
        "Related Links", "Subscribe Free To Our Daily Newsletters", f"Copyright {site}", "",
    ])


def _seed_variant(text: str, rnd: random.Random, n: int) -> str:
    """A seed page with one paragraph changed: new bytes, mostly the same lines."""
    lines = text.split("\n")
    i = rnd.choice([i for i, line in enumerate(lines) if len(line) > 150])
    lines[i] += f" Edition {n} adds {rnd.choice(WORDS)} and {rnd.choice(WORDS)}."
    return "\n".join(lines)


def _corpus(root: Path, seeds: list[str], pages: int) -> Path:
    """`pages` pages (a third seed variants, the rest generated) in 7 folders, and some bad input."""
    rnd = random.Random(pages)
    for n in range(pages):
        text = _seed_variant(seeds[n % len(seeds)], rnd, n) if n % 3 == 0 else _generated_page(rnd, n)
        folder = root / f"d{n % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")
    (root / "d3" / "copy.txt").write_bytes((root / "d1" / "0001.txt").read_bytes())
    (root / "d5" / "empty.txt").write_bytes(b"")
    (root / "d5" / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (root / "d6" / "legacy.txt").write_bytes(b"Harbour Gazette\n" + _sentence(rnd).encode() + b" caf\xe9\n")
    (root / "d6" / "menu.txt").write_text("Harbour Gazette\nHome | World\nSubscribe\n", encoding="utf-8")
    return root


def _ingested(db: Path) -> int:
    return count(db, "SELECT count(*) FROM sources WHERE status = 'ingested'")


def test_resume_after_sigkill_equals_an_uninterrupted_run(seeds_dir: Path, tmp_path: Path) -> None:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for attempt, (pages, trigger) in enumerate(ATTEMPTS):
        corpus = _corpus(tmp_path / f"corpus{attempt}", seeds, pages)
        whole, killed = tmp_path / f"whole{attempt}.db", tmp_path / f"killed{attempt}.db"
        run(corpus, whole)
        expected = _ingested(whole)
        assert expected >= pages  # the seed variants and generated pages all have an article
        if kill_mid_run(corpus, killed, trigger) and _ingested(killed) < expected:
            break
    else:
        pytest.fail("every ingest finished before it could be killed")

    assert_intact(killed)  # a kill leaves a consistent store, with only whole batches in it
    run(corpus, killed)
    assert_intact(killed)
    assert_intact(whole)
    resumed, uninterrupted = dump(killed, TABLES), dump(whole, TABLES)
    for table in uninterrupted:
        assert resumed[table] == uninterrupted[table], table
