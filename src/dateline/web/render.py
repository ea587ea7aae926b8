"""HTML marks inside an article's paragraphs: mentions, quotations, dates and event evidence.

Article text is untrusted, so every piece of it goes through `markupsafe.escape`; `Markup` only
ever wraps tags we write ourselves, with escaped attribute values. Escaping leaves the Unicode
bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) in place, and a
right-to-left override in a headline would reverse the text after it on screen, so they are
shown as `[U+202E]` instead (`show_controls`, also the pages' template filter for every value).
The marks LRM, RLM and ALM stay: Arabic and Hebrew text needs them and they reorder nothing. Annotations may overlap or
cross (a quotation spanning two evidence sentences), so the paragraph is cut at every boundary
and each piece is wrapped in the annotations covering it: an element left open across pieces
stays open, one that crosses another is closed and reopened, which keeps the HTML well formed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from dateline.events.cameo import load_cameo
from dateline.model import DateMention, Event, Mention, Paragraph, Quote

__all__ = ["Span", "actor_url", "article_url", "cameo_name", "event_label", "mark_paragraph",
           "quote_speaker", "show_controls", "spans_for"]

_BIDI_CONTROLS = {c: f"[U+{c:04X}]" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}

# Outer layers first: evidence sentences hold quotations, which hold dates and mentions.
_EVENT, _QUOTE, _DATE, _MENTION = range(4)


@dataclass(frozen=True, slots=True)
class Span:
    """One annotation to draw: a page-offset range, its layer, and its opening tag."""

    start: int
    end: int
    layer: int
    tag: str  # ours: "a", "mark", "span" or "time"
    attrs: tuple[tuple[str, str], ...]  # values are escaped when drawn
    anchor: str | None = None  # an id for the first piece drawn (`s-{start}`)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.layer, self.start, -self.end)

    @property
    def close_tag(self) -> Markup:
        return Markup(f"</{self.tag}>")


def show_controls(value: object) -> object:
    """A text with its bidi controls made visible (`[U+202E]`); other values as they are.

    Used as the templates' `finalize`, so it sees every value a page prints, in text and in
    attributes alike; the replacement holds no markup, so Markup stays safe.
    """
    if not isinstance(value, str):
        return value
    shown = str.translate(value, _BIDI_CONTROLS)
    return Markup(shown) if isinstance(value, Markup) else shown


def _visible(text: str) -> str:
    return text.translate(_BIDI_CONTROLS)


def actor_url(actor_id: str) -> str:
    return "/actors/" + url_quote(actor_id, safe="")


def article_url(article_id: str, start: int | None = None) -> str:
    url = "/articles/" + url_quote(article_id, safe="")
    return url if start is None else f"{url}#s-{start}"


def cameo_name(code: str) -> str:
    entry = load_cameo().get(code)
    return entry.name if entry is not None else code


def quote_speaker(q: Quote) -> str:
    """`Wang Wenbin (spokesman, CHN)`: who said it, as the hover text and side list show it."""
    extra = ", ".join(x for x in (q.speaker_role, q.speaker_country) if x)
    who = q.speaker or "unattributed"
    return f"{who} ({extra})" if extra else who


def event_label(e: Event) -> str:
    """`China – 042 make a visit – Russia (planned)`: the codes an evidence sentence carries."""
    target = e.target or "—"
    return f"{e.source} – {e.cameo} {cameo_name(e.cameo)} – {target} ({e.modality})"


def _date_span(d: DateMention) -> Span:
    resolved = d.date.isoformat() + (f"..{d.date_end.isoformat()}" if d.date_end else "")
    attrs = (("class", "date"), ("datetime", d.date.isoformat()), ("title", resolved))
    return Span(d.start, d.end, _DATE, "time", attrs)


def _quote_span(q: Quote) -> Span:
    attrs = (("class", "quote"), ("title", "said by " + quote_speaker(q)))
    return Span(q.start, q.end, _QUOTE, "span", attrs, anchor=f"s-{q.start}")


def _event_spans(events: Sequence[Event]) -> list[Span]:
    """One highlight per evidence sentence, titled with every event coded from it."""
    by_sentence: dict[tuple[int, int], list[str]] = {}
    for e in events:
        by_sentence.setdefault((e.start, e.end), []).append(event_label(e))
    return [Span(start, end, _EVENT, "mark", (("class", "evidence"), ("title", "; ".join(labels))),
                 anchor=f"s-{start}")
            for (start, end), labels in by_sentence.items()]


def _mention_spans(mentions: Sequence[Mention]) -> list[Span]:
    """Links to actors; a mention inside a longer one is dropped (links cannot nest)."""
    spans: list[Span] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.start - m.end)):
        if spans and m.start < spans[-1].end:
            continue
        spans.append(Span(m.start, m.end, _MENTION, "a", (("class", "mention"), ("href", actor_url(m.actor_id)))))
    return spans


def spans_for(mentions: Sequence[Mention], quotes: Sequence[Quote], dates: Sequence[DateMention],
              events: Sequence[Event]) -> list[Span]:
    """Every annotation of an article as spans to draw."""
    return [*_event_spans(events), *(_quote_span(q) for q in quotes), *(_date_span(d) for d in dates),
            *_mention_spans(mentions)]


def mark_paragraph(paragraph: Paragraph, spans: Sequence[Span], anchors: set[str]) -> Markup:
    """The paragraph as escaped HTML with its spans drawn; `anchors` collects ids already used
    on the page, so each `s-{start}` id appears once."""
    inside = [s for s in spans if s.start < paragraph.end and paragraph.start < s.end and s.start < s.end]
    cuts = sorted({paragraph.start, paragraph.end, *(max(s.start, paragraph.start) for s in inside),
                   *(min(s.end, paragraph.end) for s in inside)})
    out: list[Markup] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:]):
        active = sorted((s for s in inside if s.start <= a and b <= s.end), key=lambda s: s.key)
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend(s.close_tag for s in reversed(stack[keep:]))
        del stack[keep:]
        for s in active[keep:]:
            out.append(_opening(s, anchors))
            stack.append(s)
        out.append(escape(_visible(paragraph.text[a - paragraph.start:b - paragraph.start])))
    out.extend(s.close_tag for s in reversed(stack))
    return Markup("").join(out)


def _opening(span: Span, anchors: set[str]) -> Markup:
    """The span's opening tag, with its anchor id the first time that id is drawn."""
    attrs = list(span.attrs)
    if span.anchor is not None and span.anchor not in anchors:
        anchors.add(span.anchor)
        attrs.insert(0, ("id", span.anchor))
    drawn = Markup("").join(Markup(' {}="{}"').format(Markup(name), _visible(value)) for name, value in attrs)
    return Markup(f"<{span.tag}") + drawn + Markup(">")
