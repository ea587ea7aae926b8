"""Our near-duplicate test set: syndication-style copies of our own sample stories.

Bases are the main and sidebar stories of `examples/corpus` (invented for the project), read
with `extract_page`. Each base gets the copies syndication makes (another headline on another
site, a trimmed last paragraph or two, a site footer, curly quote marks, a dateline added, a
sentence reworded, a promo line, and all of these at once). Follow-up stories written for the
test (`data/syndication.json`) share a topic and a verbatim background paragraph with a base
and must stay apart. Used by `test_stories.py` and `bench/stories.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from dateline.extract import extract_page
from dateline.model import Article, ArticleKind, Page, Paragraph, content_id
from dateline.store.db import write_page

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = REPO / "examples" / "corpus"
DATA = HERE / "data" / "syndication.json"
SITES = ("Harbour Times", "Inland Courier", "Ridge Post", "Valley Ledger", "Coastline Daily")


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the set and the story it truly belongs to."""

    story: str
    variant: str
    article: Article


def make_article(ident: str, paragraphs: Iterable[str], **fields: Any) -> Article:
    """An article whose paragraph offsets index its own body (the page text in the store)."""
    paras, at = [], 0
    for text in paragraphs:
        paras.append(Paragraph(text, at, at + len(text)))
        at += len(text) + 2
    return Article(id=ident, source=f"neardup/{ident}", kind=fields.pop("kind", ArticleKind.MAIN),
                   headline=fields.pop("headline", ""), start=0, end=max(at - 2, 0),
                   paragraphs=tuple(paras), **fields)


def store_article(conn: sqlite3.Connection, article: Article) -> None:
    """Write an article as its own page (its body is the page text)."""
    page = Page(source=article.source, text=article.body, site=article.site, articles=(article,))
    write_page(conn, page, page_id=f"page-{article.id}", site_key=(article.site or "").lower())


def base_articles() -> dict[str, Article]:
    """`file/main` and `file/sidebar/N` of every page of the sample corpus."""
    bases: dict[str, Article] = {}
    for path in sorted(CORPUS.glob("*.txt")):
        page = extract_page(path.read_text(encoding="utf-8"), source=path.name, page_id=path.stem)
        sidebars = 0
        for art in page.articles:
            if art.kind == ArticleKind.MAIN:
                bases[f"{path.name}/main"] = art
            elif art.kind == ArticleKind.SIDEBAR:
                sidebars += 1
                bases[f"{path.name}/sidebar/{sidebars}"] = art
    return bases


def curly(text: str) -> str:
    """Straight quote marks to typographic ones, opening and closing by position."""
    out, opened = [], False
    for i, c in enumerate(text):
        if c == '"':
            out.append("\u201d" if opened else "\u201c")
            opened = not opened
        elif c == "'":
            before = text[i - 1] if i else " "
            out.append("\u2019" if before.isalnum() else "\u2018")
        else:
            out.append(c)
    return "".join(out)


def _reword(paras: list[str], old: str, new: str) -> list[str]:
    hits = [i for i, p in enumerate(paras) if old in p]
    if not hits:
        raise ValueError(f"reword text not found: {old!r}")
    return [p.replace(old, new) if i == hits[0] else p for i, p in enumerate(paras)]


def _dateline(base: Article) -> str:
    place = (base.place or "London").upper()
    return f"{place} ({base.agency or 'Staff'}) - "


def variants(base: Article, edits: dict[str, Any], footer: str, promo: str) -> dict[str, list[str]]:
    """Bodies of the syndication copies of one base, by variant name."""
    paras = [p.text for p in base.paragraphs]
    reworded = _reword(paras, *edits["reword"])
    out = {
        "base": paras,
        "headline": paras,
        "trim1": paras[:-1],
        "footer": paras + [footer],
        "quotes": [curly(p) for p in paras],
        "dateline": [_dateline(base) + paras[0]] + paras[1:],
        "reword": reworded,
        "promo": paras[:3] + [promo] + paras[3:],
        "combined": [curly(p) for p in ([_dateline(base) + reworded[0]] + reworded[1:-1] + [footer])],
    }
    if len(paras) >= 8:
        out["trim2"] = paras[:-2]
    return out


def build_set() -> list[Item]:
    """Every copy of every base, then the follow-up stories (each its own story)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    bases = base_articles()
    items: list[Item] = []
    for n, (key, edits) in enumerate(sorted(data["bases"].items())):
        base = bases[key]
        day = base.date or dt.date(2025, 3, 1)
        bodies = variants(base, edits, data["footers"][n % len(data["footers"])], data["promo"])
        for m, (name, body) in enumerate(bodies.items()):
            headline = base.headline if name == "base" else edits["headline"]
            art = make_article(content_id("neardup", key, name), body, headline=headline,
                               site=SITES[m % len(SITES)], date=day + dt.timedelta(days=m % 2),
                               crawl_date=day + dt.timedelta(days=1), place=base.place,
                               agency=base.agency, kind=base.kind)
            items.append(Item(key, name, art))
    for f in data["followups"]:
        day = (bases[f["base"]].date or dt.date(2025, 3, 1)) + dt.timedelta(days=1)
        art = make_article(content_id("followup", f["headline"]), f["paragraphs"],
                           headline=f["headline"], site=SITES[0], date=day)
        items.append(Item(f"followup:{f['headline']}", "followup", art))
    return items


def pair_scores(items: list[Item], story_of: Callable[[Item], str]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against the true stories."""
    tp = fp = fn = 0
    for a, b in combinations(items, 2):
        same, grouped = a.story == b.story, story_of(a) == story_of(b)
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall

