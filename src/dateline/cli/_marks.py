"""Plain-text marks for `dateline show`: mentions, quotations and dates inside the text.

`[Xi Jinping]` marks a mention of an actor, `{next week = 2023-03-20..2023-03-26}` a resolved
date, and `⟨Wang Wenbin, CHN⟩` follows each quotation with its speaker. Plain characters rather
than colours, so the marks survive pipes and files.
"""

from __future__ import annotations

from collections.abc import Sequence

from dateline.model import DateMention, Mention, Paragraph, Quote

__all__ = ["mark_paragraph"]


def _date_label(d: DateMention) -> str:
    span = f"{d.date.isoformat()}..{d.date_end.isoformat()}" if d.date_end else d.date.isoformat()
    return f" = {span}"


def mark_paragraph(paragraph: Paragraph, mentions: Sequence[Mention], quotes: Sequence[Quote],
                   dates: Sequence[DateMention]) -> str:
    """The paragraph's text with its annotations marked (offsets are page offsets)."""
    inserts: list[tuple[int, int, str]] = []  # (position, order, text): closers sort before openers

    def inside(start: int, end: int) -> bool:
        return paragraph.start <= start and end <= paragraph.end

    taken: list[tuple[int, int]] = []
    for d in dates:
        if inside(d.start, d.end):
            inserts += [(d.start, 1, "{"), (d.end, 0, _date_label(d) + "}")]
            taken.append((d.start, d.end))
    for m in mentions:
        if inside(m.start, m.end) and not any(a < m.end and m.start < b for a, b in taken):
            inserts += [(m.start, 1, "["), (m.end, 0, "]")]
            taken.append((m.start, m.end))
    for q in quotes:
        if inside(q.start, q.end):
            who = ", ".join(x for x in (q.speaker or "unattributed", q.speaker_country) if x)
            close = q.end + 1 if paragraph.text[q.end - paragraph.start:q.end - paragraph.start + 1] in "\"\u201d'\u2019" else q.end
            inserts.append((min(close, paragraph.end), -1, f" \u27e8{who}\u27e9"))
    text = paragraph.text
    for pos, _, mark in sorted(inserts, key=lambda x: (x[0], x[1]), reverse=True):
        at = pos - paragraph.start
        text = text[:at] + mark + text[at:]
    return text
