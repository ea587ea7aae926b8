"""Find the article body among a page's lines.

Each line gets a score from line-level evidence (prose is positive, chrome negative, short
fragments slightly negative) and the body is the contiguous run of lines with the highest total
(a maximum-sum subarray), with chrome lines inside it dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.extract.chrome import SiteChrome
from dateline.extract.lines import Line
from dateline.extract.shapes import (
    is_boilerplate,
    is_comment_meta,
    is_credit_line,
    is_link_row,
    prose_words,
    is_headline_shaped,
    is_list_header,
    is_promo_link,
    is_sentence,
    is_thread_header,
    subheading_text,
)

__all__ = ["is_chrome_line", "line_score", "select_body"]

# Words of prose after which a list header ends the body rather than being navigation above it.
_PROSE_BEFORE_LIST = 40.0
# A list header inside or after the story, and the score (words) of a line that is surely a
# paragraph of prose rather than a list item or a one-sentence lede.
_LIST_HEADER_COST = 20.0
_PARAGRAPH = 25.0
# The score of furniture lines; they are also dropped from inside the body.
_CHROME = -8.0
# Share of the best run's prose that must follow a headline for the body to start below it.
_AFTER_BREAK = 0.5


def is_chrome_line(line: Line, chrome: SiteChrome) -> bool:
    """Furniture wherever it stands: site-frequent lines, calls to action, promos, comment meta."""
    text = line.text
    if chrome.frequent and line in chrome:
        return True
    return is_boilerplate(text) or is_promo_link(text) or is_comment_meta(text) or is_credit_line(text)


def line_score(line: Line, chrome: SiteChrome) -> float:
    """How much a line looks like article prose (> 0) or like page furniture (< 0)."""
    if is_chrome_line(line, chrome):
        return _CHROME
    text = line.text
    words = prose_words(text, len(text.split()))
    if is_link_row(text, words):
        return _CHROME
    if is_sentence(text, words):
        return float(min(words, 80))
    if words >= 20:
        return min(words, 80) * 0.5
    if subheading_text(text) is not None:
        return 0.0
    if words <= 3:
        return -3.0
    if is_headline_shaped(text):
        return -1.0
    return -2.0


def select_body(
    lines: Sequence[Line],
    *,
    chrome: SiteChrome,
    start: int = 0,
    anchored: bool = False,
    breaks: Sequence[int] = (),
) -> list[int]:
    """Indices of the body lines among `lines[start:]`.

    With `anchored`, the body is known to begin at or just after `start` (below a byline or
    dateline). Otherwise `breaks` are header lines (the headline where it repeats the title)
    after which the body may begin: the best run is cut at the last one that keeps most of it,
    so that prose above the headline (teasers, menus) does not join the story.
    """
    scores = [line_score(line, chrome) for line in lines[start:]]
    begin = 0 if anchored else _start_after_break(scores, [b - start for b in breaks if b >= start])
    tail = _until_list(lines[start + begin:], scores[begin:])
    first, last, total = _best_run(tail)
    if total <= 0:
        return []
    kept = _drop_repeats(lines, [start + begin + i for i in range(first, last + 1) if tail[i] > _CHROME])
    while kept and tail[kept[-1] - start - begin] <= 0:  # a dropped copy may leave furniture last
        kept.pop()
    return kept


def _drop_repeats(lines: Sequence[Line], indices: Sequence[int]) -> list[int]:
    """Drop lines that mostly repeat text already in the body: pages often print the story
    twice (a mobile copy, a flattened copy), and one copy is enough."""
    seen: set[tuple[str, ...]] = set()
    kept: list[int] = []
    for i in indices:
        tokens = lines[i].text.split()
        if len(tokens) < 8:
            kept.append(i)
            continue
        grams = {tuple(tokens[k:k + 4]) for k in range(len(tokens) - 3)}
        if len(grams & seen) * 2 > len(grams):
            continue
        seen |= grams
        kept.append(i)
    return kept


def _start_after_break(scores: Sequence[float], breaks: Sequence[int]) -> int:
    """Where to begin looking for the body: after the last header line that precedes most of
    the best-scoring run, else the top of the page."""
    first, last, total = _best_run(scores)
    if total <= 0:
        return 0
    for brk in sorted(set(breaks), reverse=True):
        if brk >= last:
            continue
        if sum(max(s, 0.0) for s in scores[max(brk + 1, first):last + 1]) >= _AFTER_BREAK * total:
            return brk + 1
    return 0


def _until_list(lines: Sequence[Line], scores: Sequence[float]) -> list[float]:
    """Scores with lists of other stories (`Related Links`, `More:`) discounted. A list header
    that follows some prose costs `_LIST_HEADER_COST` (a comment thread ends the story outright), and the short items below it count as
    furniture until prose resumes (a full paragraph followed by more prose): a list inside the
    story (a `More:` box) is then bridged, while a list of other stories, each a headline and a
    lone paragraph of lede, is not."""
    out = list(scores)
    prose = 0.0
    in_list = False
    for i, line in enumerate(lines):
        score = out[i]
        if prose >= _PROSE_BEFORE_LIST and is_thread_header(line.text):
            return out[:i]
        if prose >= _PROSE_BEFORE_LIST and is_list_header(line.text):
            out[i], in_list = -_LIST_HEADER_COST, True
            continue
        if in_list and (score < _PARAGRAPH or not _prose_follows(lines, scores, i)):
            out[i] = min(score, -1.0)
        else:
            in_list = False
        prose += max(score, 0.0)
    return out


def _prose_follows(lines: Sequence[Line], scores: Sequence[float], i: int) -> bool:
    """The line after `i` is more prose, not a teaser's headline cut short (`...`)."""
    if i + 1 >= len(lines) or scores[i + 1] <= 0:
        return False
    return not lines[i + 1].text.endswith(("...", "…"))


def _best_run(scores: Sequence[float]) -> tuple[int, int, float]:
    """The contiguous run with the largest sum (Kadane)."""
    best = (0, -1, 0.0)
    run_sum, run_start = 0.0, 0
    for i, score in enumerate(scores):
        if run_sum <= 0:
            run_sum, run_start = 0.0, i
        run_sum += score
        if run_sum > best[2]:
            best = (run_start, i, run_sum)
    return best
