"""Quotation marks paired per paragraph, straight and curly, and the kind of each quotation.

spaCy marks apostrophes as quote tokens, so possessives (`countries'`) break any pairing built
on `Token.is_quote`; we pair the marks ourselves on the characters of one paragraph. A quote
left open at the end of a paragraph runs on (news style reopens it in the next paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.model import QuoteKind

__all__ = ["QuoteSpan", "find_quote_spans", "inner_quotes", "is_so_called", "is_title", "quote_kind"]

_OPENERS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
_CLOSERS = {"\u201d", "\u00bb"}
_DOUBLED = {"\u2019": "\u2019\u2019", "'": "''"}
_BEFORE_OPEN = set(" \t\n([{\u2014\u2013-/:;,")
_END_PUNCT = (",", ".", "?", "!", "\u2026", ";")
_SO_CALLED = re.compile(r"\bso[- ]called\s*$", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+$")
# Words a title leaves in lower case (`Takin' It to the Streets`, `The Art of War`).
_TITLE_SMALL = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of",
                          "on", "or", "over", "the", "to", "up", "with", "vs"})
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_INNER_BREAK = re.compile(r"[.!?\u2026]\s+\S")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted words: `start`/`end` delimit the words, `open_at`/`close_at` the marks.

    `close_at` is None when the quote runs past the end of the paragraph.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    single: bool = False

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def _is_opening(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _BEFORE_OPEN and not after.isspace()


def _double_quotes(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if open_at is not None and ch in _DOUBLED and text.startswith(_DOUBLED[ch], i):
            # `voters,’’ the fact-checker said`: two closing singles typed for one closing double
            spans.append(QuoteSpan(open_at + 1, i, open_at, i + 1))
            open_at = None
        elif ch in _OPENERS and open_at is None:
            open_at = i
        elif ch in _CLOSERS and open_at is not None:
            spans.append(QuoteSpan(open_at + 1, i, open_at, i))
            open_at = None
        elif ch == '"':
            if open_at is None and _is_opening(text, i):
                open_at = i
            elif open_at is not None:
                spans.append(QuoteSpan(open_at + 1, i, open_at, i))
                open_at = None
    if open_at is not None and len(text) - open_at > 1:
        spans.append(QuoteSpan(open_at + 1, len(text.rstrip()), open_at, None))
    return [s for s in spans if text[s.start:s.end].strip()]


def _single_quotes(text: str, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """`'good thing'`, `‘as soon as possible’`: single marks pair only around words, so that
    apostrophes (`don't`, `countries'`) never open or close a quote."""
    spans: list[QuoteSpan] = []
    for m in re.finditer(r"(?<![\w'\u2019])['\u2018](?=\w)(.+?)(?<=[\w.,?!])['\u2019](?![\w'\u2019])", text):
        if any(t.open_at <= m.start() < t.outer_end for t in taken):
            continue
        if len(m.group(1).split()) <= 20:
            spans.append(QuoteSpan(m.start(1), m.end(1), m.start(), m.end() - 1, single=True))
    return spans


def inner_quotes(text: str, outer: list[QuoteSpan]) -> list[QuoteSpan]:
    """`"... you have not fixed the 'Giuliani problem'?"`: words in single marks inside a
    quotation, which its speaker says too. At least two words, so that a scare-quoted word
    (`the 'free' tier`) is left as part of the quotation around it."""
    found: list[QuoteSpan] = []
    for span in outer:
        if span.single:
            continue
        inside = text[:span.end]
        for m in _single_quotes(inside, []):
            if span.start <= m.open_at and len(text[m.start:m.end].split()) >= 2:
                found.append(m)
    return found


def find_quote_spans(text: str, *, single: bool = False) -> list[QuoteSpan]:
    """Quotations in one paragraph (or headline), in order. With `single`, single marks count
    too, as headlines use them; bodies use double marks for speech."""
    spans = _double_quotes(text)
    if single:
        spans += _single_quotes(text, spans)
    return sorted(spans, key=lambda s: s.start)


def quote_kind(text: str, span: QuoteSpan) -> QuoteKind:
    """Direct when the quote opens its sentence and closes it (or its clause, before the
    attribution); partial when it is a fragment of the reporter's own sentence."""
    before = text[:span.open_at].rstrip()
    opens_sentence = not before or before.endswith(":") or bool(_SENTENCE_BREAK.search(text[:span.open_at]))
    if not opens_sentence:
        return QuoteKind.PARTIAL
    if span.close_at is None:
        return QuoteKind.DIRECT
    words = text[span.start:span.end].rstrip()
    after = text[span.outer_end:].lstrip()
    if words.endswith(_END_PUNCT) or not after or after[0] in ",.;:?!":
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def is_title(words: str) -> bool:
    """`"Takin' It to the Streets"`, `"Beyond Finances"`: quoted words that are all capitalised
    but the small ones name a work, a programme or a firm; nobody said them. One capitalised
    word alone (`"Yes"`) may be speech, so a title has at least two."""
    if _INNER_BREAK.search(words.strip()):  # `"Yes. No."`: two sentences are speech
        return False
    found = _WORD.findall(words)
    big = [w for w in found if w.casefold() not in _TITLE_SMALL]
    return len(found) >= 2 and len(big) >= 1 and all(w[0].isupper() for w in big) \
        and found[0][0].isupper()


def is_so_called(text: str, span: QuoteSpan) -> bool:
    """`a so-called "peace dividend"`: the marks set off a term the reporter keeps at a
    distance, not anyone's words."""
    return bool(_SO_CALLED.search(text[:span.open_at]))
