"""One article's language analysis: actors, mentions, quotations and dates, from parsed paragraphs.

Pure: it takes the article and the spaCy docs of its paragraphs (parsed elsewhere, in batches)
and returns model records. Docs never leave this stage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span

from dateline.language.actors import ArticleActors
from dateline.language.attribution import attribute, is_cue, speech_subject
from dateline.language.dates import resolve_dates
from dateline.language.gazetteer import Gazetteer
from dateline.language.persons import find_persons
from dateline.language.quotes import QuoteSpan, find_quote_spans, quote_kind
from dateline.language.tense import sentence_tense
from dateline.model import (
    Actor,
    Article,
    ArticleAnalysis,
    DateMention,
    Mention,
    Paragraph,
    Quote,
    content_id,
)

__all__ = ["ArticleAnalysis", "analyse_article", "analysis_texts"]


def analysis_texts(article: Article) -> list[str]:
    """The texts to parse for an article: its paragraphs (a teaser's lede included)."""
    return [p.text for p in article.paragraphs]


def analyse_article(article: Article, docs: Sequence[Doc], *, gazetteer: Gazetteer) -> ArticleAnalysis:
    """Analyse `article` given the docs of its paragraphs (as from `analysis_texts`)."""
    place = gazetteer.lookup(article.place) if article.place else None
    registry = ArticleActors(gazetteer, article.id, place.country if place else None)
    for doc in docs:
        for person in find_persons(doc, gazetteer, default_country=registry.default_country):
            registry.add_person(person, doc_key=id(doc))
    quotes: list[Quote] = []
    mentions: list[Mention] = []
    dates: list[DateMention] = []
    anchor = article.date or article.crawl_date
    previous_speaker: Actor | None = None
    for paragraph, doc in zip(article.paragraphs, docs):
        mentions.extend(_mentions(article.id, paragraph, doc, registry))
        if anchor is not None:
            dates.extend(_dates(article.id, paragraph, doc, anchor))
        found = list(_quotes(article.id, paragraph, doc, registry, previous_speaker))
        quotes.extend(found)
        previous_speaker = registry.actors.get(found[-1].speaker_id or "") if found else None
    actors = {a.id: a for a in registry.actors.values()}
    for actor in registry.person_actors():
        actors[actor.id] = actor
    return ArticleAnalysis(article.id, tuple(actors.values()), tuple(mentions), tuple(quotes), tuple(dates))


def _quotes(article_id: str, paragraph: Paragraph, doc: Doc, registry: ArticleActors,
            previous_speaker: Actor | None) -> Iterator[Quote]:
    """The paragraph's quotations, sentence by sentence, so that `he said` refers to the last
    person named as speaking before it (with or without quotation marks)."""
    spans = find_quote_spans(paragraph.text)
    bounds = [(s.start, s.end) for s in spans]
    pending = list(spans)
    for sent in doc.sents:
        while pending and pending[0].start < sent.end_char:
            span = pending.pop(0)
            quote = _quote(article_id, paragraph, doc, span, bounds, registry, previous_speaker)
            if quote is not None:
                yield quote
        for token in sent:
            if is_cue(token) and not any(a <= token.idx < b for a, b in bounds):
                subject = speech_subject(token)
                if subject is not None and subject.pos_ != "PRON":
                    registry.note_speaker(registry.resolve(subject))


def _quote(article_id: str, paragraph: Paragraph, doc: Doc, span: QuoteSpan, bounds: list[tuple[int, int]],
           registry: ArticleActors, previous_speaker: Actor | None) -> Quote | None:
    attribution = attribute(doc, span.start, span.end, quotes=bounds,
                            speaks=lambda token: registry.resolve(token) is not None)
    speaker: Actor | None = None
    cue: str | None = None
    if attribution is not None:
        cue = attribution.cue
        speaker = registry.resolve(attribution.subject) if attribution.subject is not None else None
    elif _opens_paragraph(paragraph.text, span) and previous_speaker is not None:
        speaker = previous_speaker  # an unattributed quoted paragraph runs on from the last one
    elif _is_term(paragraph.text, span):
        return None
    registry.note_speaker(speaker)
    start = paragraph.start + span.start
    return Quote(
        id=content_id(article_id, "quote", str(start)), article_id=article_id,
        text=paragraph.text[span.start:span.end], kind=quote_kind(paragraph.text, span),
        speaker_id=speaker.id if speaker else None, speaker=speaker.name if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        speaker_country=speaker.country if speaker else None,
        speaker_role=speaker.roles[0].role if speaker and speaker.roles else None,
        cue=cue, start=start, end=paragraph.start + span.end,
    )


def _opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return not text[:span.open_at].strip()


def _is_term(text: str, span: QuoteSpan) -> bool:
    """A short quoted phrase with no speech verb anywhere near it is a term, not speech."""
    return len(text[span.start:span.end].split()) <= 4


def _mentions(article_id: str, paragraph: Paragraph, doc: Doc, registry: ArticleActors) -> Iterator[Mention]:
    for token in doc:
        if token.pos_ not in ("PROPN", "NOUN", "PRON") or token.dep_ == "compound":
            continue
        actor = registry.resolve(token) if token.pos_ != "PRON" else None
        if actor is None:
            continue
        span: Span = doc[token.left_edge.i:token.i + 1] if token.pos_ == "PROPN" else doc[token.i:token.i + 1]
        start = paragraph.start + span.start_char
        yield Mention(article_id, actor.id, span.text, start, start + len(span.text))


def _dates(article_id: str, paragraph: Paragraph, doc: Doc, anchor: dt.date) -> Iterator[DateMention]:
    for sent in doc.sents:
        tense = sentence_tense(sent)
        for found in resolve_dates(sent.text, anchor=anchor, tense=tense,
                                   offset=paragraph.start + sent.start_char):
            yield DateMention(article_id, found.text, found.start, found.end, found.date,
                              found.date_end, found.precision)
