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
    is_about_header,
    is_attributed_quote,
    is_boilerplate,
    is_caption,
    is_comment_meta,
    is_credit_line,
    is_link_intro,
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

# Headers of lists and comment threads, and lines introducing a list, are no longer than this.
_HEADER_CHARS = 200
# Words of prose after which a list header ends the body rather than being navigation above it.
_PROSE_BEFORE_LIST = 40.0
# A list header inside or after the story, and the score (words) of a line that is surely a
# paragraph of prose rather than a list item or a one-sentence lede.
_LIST_HEADER_COST = 20.0
_PARAGRAPH = 25.0
# The score of a line that continues a paragraph, where a teaser's headline or lone lede would not.
_MORE_PROSE = 10.0
# Items of a list the story introduces: how many make a list, how many are looked at, and the
# score per word (up to ten words) of each.
_MIN_ITEMS = 3
_MIN_ROWS = 5  # a table under a heading rather than a colon needs more rows to be believed
_MAX_ITEMS = 100
_ITEM = 0.5
# A sentence shorter than a paragraph with no prose within two lines either side, and what
# such a lone line loses: teasers, captions and promos stand alone, story paragraphs seldom do.
_LONE = _PARAGRAPH
_LONE_COST = 10.0
# Two furniture lines in a row open a block of furniture (a footer, a widget).
_CHROME_GAP = 1
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
    if is_attributed_quote(text):
        return float(words)
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
    scores = _lone_lines(_with_lists(lines[start:], [line_score(line, chrome) for line in lines[start:]]))
    begin = 0 if anchored else _start_after_break(scores, [b - start for b in breaks if b >= start])
    tail = _until_list(lines[start + begin:], scores[begin:])
    first, last, total = _best_run(tail)
    if total <= 0:
        return []
    inside = range(start + begin + first, start + begin + last + 1)
    kept = _drop_repeats(lines, [
        i for i in inside if tail[i - start - begin] > _CHROME and not is_caption(lines[i].text)
    ])
    while kept and tail[kept[-1] - start - begin] <= 0:  # a dropped copy may leave furniture last
        kept.pop()
    return kept


def _lone_lines(scores: list[float]) -> list[float]:
    """Discount a short sentence standing alone among furniture: more often a teaser, a
    caption or a promo than a paragraph of the story."""
    out = list(scores)
    for i in range(1, len(scores) - 1):
        if 0 < scores[i] < _LONE and all(s <= 0 for s in scores[max(0, i - 2):i]) \
                and all(s <= 0 for s in scores[i + 1:i + 3]):
            out[i] = scores[i] - _LONE_COST
    return out


def _with_lists(lines: Sequence[Line], scores: list[float]) -> list[float]:
    """Credit the items of a list that the story introduces (`The tour dates:`, a table after
    `Final standings after 36 races:`): short lines of one shape that are part of the story,
    although each alone looks like a menu entry."""
    i = 1
    while i < len(lines):
        if len(lines[i].text) > _HEADER_CHARS:  # an introduction or a heading is short
            i += 1
            continue
        colon = _introduces_list(lines, scores, i)
        if colon or _titles_table(lines, scores, i):
            items = _list_items(lines, scores, i + 1)
            if len(items) >= _MIN_ITEMS and (colon or _is_table(lines, items)):
                scores[i] = max(scores[i], 0.0)
                for j in items:
                    scores[j] = max(scores[j], _ITEM * min(lines[j].words, 10))
                i = items[-1]
        i += 1
    return scores


def _introduces_list(lines: Sequence[Line], scores: Sequence[float], i: int) -> bool:
    """A line of the story that ends in a colon, with prose just above it."""
    text = lines[i].text
    if not text.endswith(":") or scores[i] <= _CHROME or len(text.split()) < 4 or is_link_intro(text):
        return False
    return any(s > 0 for s in scores[max(0, i - 3):i])


def _titles_table(lines: Sequence[Line], scores: Sequence[float], i: int) -> bool:
    """A heading right below the story's prose (`Tour Dates`) that may title a table."""
    text = lines[i].text
    return scores[i - 1] > 0 and is_headline_shaped(text) and not is_link_intro(text)


def _is_table(lines: Sequence[Line], items: Sequence[int]) -> bool:
    """Rows of data (dates, scores, figures): several, nearly all with a number. Headlines of
    other stories, which also follow stories in a column, seldom have one."""
    with_digit = sum(any(c.isdigit() for c in lines[j].text) for j in items)
    return len(items) >= _MIN_ROWS and with_digit * 10 >= 9 * len(items)


def _list_items(lines: Sequence[Line], scores: Sequence[float], first: int) -> list[int]:
    """The lines from `first` on that read as items of one list: short, not furniture, and
    opening the same way (all with a digit, all capitalised, all with a bullet)."""
    if first + 1 >= len(lines):
        return []
    kind = _opening(lines[first + 1].text)  # the first line may be a table's header row
    items: list[int] = []
    for j in range(first, min(len(lines), first + _MAX_ITEMS)):
        text = lines[j].text
        if scores[j] <= _CHROME or not 2 <= len(text.split()) <= 30 or (_opening(text) != kind and j > first):
            break
        if is_list_header(text):
            break
        items.append(j)
    return items


def _opening(text: str) -> str:
    first = text[:1]
    return "9" if first.isdigit() else "A" if first.isupper() else "a" if first.isalpha() else first


def _drop_repeats(lines: Sequence[Line], indices: Sequence[int]) -> list[int]:
    """Drop copies of the story: pages often print it twice (a mobile copy, a flattened copy),
    and one copy is enough. A copy is a run of lines that repeat earlier text; a lone repeated
    sentence (a sidebar quoting the main story, as wire copies do) stays."""
    seen: set[tuple[str, ...]] = set()
    long: list[int] = []  # positions in `indices` of lines long enough to judge
    repeat: list[bool] = []
    for n, i in enumerate(indices):
        tokens = lines[i].text.split()
        if len(tokens) < 8:
            continue
        grams = {tuple(tokens[k:k + 4]) for k in range(len(tokens) - 3)}
        long.append(n)
        repeat.append(len(grams & seen) * 2 > len(grams))
        seen |= grams
    dropped = {
        long[k] for k in range(len(long))
        if repeat[k] and ((k > 0 and repeat[k - 1]) or (k + 1 < len(long) and repeat[k + 1]))
    }
    return [i for n, i in enumerate(indices) if n not in dropped]


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
    """Scores with what follows the story discounted. Once there is some prose, a comment
    thread or an `About X` section ends the story outright; a list header (`Related`, `More:`)
    costs `_LIST_HEADER_COST`, and two furniture lines in a row open a block of furniture. In
    either, lines count as furniture until prose resumes (a full paragraph followed by more
    prose): a list inside the story (a `More:` box) is bridged, while a list of other stories,
    each a headline and a lone paragraph of lede, is not."""
    out = list(scores)
    prose = 0.0
    in_list = False
    for i, line in enumerate(lines):
        score = out[i]
        header = prose >= _PROSE_BEFORE_LIST and len(line.text) <= _HEADER_CHARS
        if header and (is_thread_header(line.text) or is_about_header(line.text)):
            return out[:i]
        if header and is_list_header(line.text):
            out[i], in_list = -_LIST_HEADER_COST, True
            continue
        if prose >= _PROSE_BEFORE_LIST and score <= _CHROME and _CHROME in scores[i + 1:i + 1 + _CHROME_GAP]:
            in_list = True  # furniture again at once: a footer or a widget begins
            continue
        if in_list and (score < _PARAGRAPH or not _prose_follows(lines, scores, i)):
            out[i] = min(score, -1.0)
        else:
            in_list = False
        prose += max(score, 0.0)
    return out


def _prose_follows(lines: Sequence[Line], scores: Sequence[float], i: int) -> bool:
    """The line after `i` is more prose, not a teaser's headline cut short (`...`)."""
    if i + 1 >= len(lines) or scores[i + 1] < _MORE_PROSE:
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
