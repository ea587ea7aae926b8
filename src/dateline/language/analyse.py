"""One article's analysis: actors, mentions, quotations, dates and events, from parsed paragraphs.

Pure: it takes the article and the spaCy docs of its paragraphs (parsed elsewhere, in batches)
and returns model records. Docs never leave this stage. The article is read once, sentence by
sentence, because what a `he`, an `it` or `the two leaders` refers to depends on what was read
before it: quotations and events are both resolved in that reading order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.events.assemble import SentenceEvents, assemble_events
from dateline.events.coder import code_sentence
from dateline.events.dictionary import Pattern, load_dictionary
from dateline.language.actors import ArticleActors
from dateline.language.attribution import attribute, is_cue, resolve_subject, speech_subject
from dateline.language.dates import resolve_dates
from dateline.language.gazetteer import Gazetteer
from dateline.language.persons import find_persons
from dateline.language.quotes import QuoteSpan, find_quote_spans, is_so_called, is_title, quote_kind
from dateline.language.tense import Tense, sentence_tense
from dateline.model import (
    Actor,
    ActorKind,
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


def analyse_article(article: Article, docs: Sequence[Doc], *, gazetteer: Gazetteer,
                    headline: Doc | None = None) -> ArticleAnalysis:
    """Analyse `article` given the docs of its paragraphs (as from `analysis_texts`), and of
    its headline when given (for quotations that appear only there)."""
    place = gazetteer.lookup(article.place) if article.place else None
    # A city dateline (GENEVA, NEW YORK) is often where diplomats meet, not whose officials speak.
    home = place.country if place is not None and not place.is_place else None
    registry = ArticleActors(gazetteer, article.id, home, date=article.date or article.crawl_date)
    for doc in docs:
        for person in find_persons(doc, gazetteer, default_country=registry.default_country):
            registry.add_person(person, doc_key=id(doc))
    reading = _Reading(article, registry, load_dictionary())
    for paragraph, doc in zip(article.paragraphs, docs):
        reading.read(paragraph, doc)
    actors = {a.id: a for a in registry.actors.values()}
    for actor in registry.person_actors():
        actors[actor.id] = actor
    events = assemble_events(article, reading.sentences, gazetteer=gazetteer)
    quotes = reading.quotes + (_headline_quotes(article, headline, registry, reading.quotes) if headline else [])
    return ArticleAnalysis(article.id, tuple(actors.values()), tuple(reading.mentions), tuple(quotes),
                           tuple(reading.dates), events)


def _headline_quotes(article: Article, doc: Doc, registry: ArticleActors, body: Sequence[Quote]) -> list[Quote]:
    """Quotations in the headline (single marks are usual there) that the body does not
    repeat: a repeated one is the same quotation, already attributed in the body."""
    said = {_plain(q.text) for q in body}
    spans = find_quote_spans(doc.text, single=True)
    bounds = [(s.start, s.end) for s in spans]
    found: list[Quote] = []
    for span in spans:
        if _plain(doc.text[span.start:span.end]) in said:
            continue
        attribution = attribute(doc, span.start, span.end, quotes=bounds,
                                speaks=lambda token: registry.resolve(token) is not None)
        speaker = _speaker(attribution.subject, registry) if attribution and attribution.subject is not None else None
        start = article.start + span.start
        found.append(Quote(
            id=content_id(article.id, "quote", "headline", str(span.start)), article_id=article.id,
            text=doc.text[span.start:span.end], kind=quote_kind(doc.text, span),
            speaker_id=speaker.id if speaker else None, speaker=speaker.name if speaker else None,
            speaker_kind=speaker.kind if speaker else None,
            speaker_country=speaker.country if speaker else None,
            speaker_role=speaker.roles[0].role if speaker and speaker.roles else None,
            cue=attribution.cue if attribution else None, start=start, end=article.start + span.end,
        ))
    return found


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().strip(" ,.;:'\"").split())


@dataclass(slots=True)
class _Reading:
    """The state of reading one article in order, and what it has found so far."""

    article: Article
    registry: ArticleActors
    dictionary: Mapping[str, Sequence[Pattern]]
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    sentences: list[SentenceEvents] = field(default_factory=list)
    recent: list[tuple[int, Actor]] = field(default_factory=list)
    previous_speaker: Actor | None = None

    def read(self, paragraph: Paragraph, doc: Doc) -> None:
        spans = find_quote_spans(paragraph.text)
        bounds = [(s.start, s.end) for s in spans]
        pending = list(spans)
        found: list[Quote] = []
        anchor = self.article.date or self.article.crawl_date
        for sent in doc.sents:
            for mention in _mentions(self.article.id, paragraph, sent, self.registry):
                self.mentions.append(mention)
                if (actor := self.registry.actors.get(mention.actor_id)) is not None:
                    self.recent.append((mention.start, actor))
            tense = sentence_tense(sent)
            when = tuple(_dates(self.article.id, paragraph, sent, anchor, tense)) if anchor else ()
            self.dates.extend(when)
            while pending and pending[0].start < sent.end_char:
                quote = _quote(self.article.id, paragraph, doc, pending.pop(0), bounds, self.registry,
                               self.previous_speaker)
                if quote is not None:
                    found.append(quote)
            coded = tuple(code_sentence(sent, self.registry, self.dictionary, recent=self.recent,
                                        offset=paragraph.start))
            self.sentences.append(SentenceEvents(sent, paragraph.start, tense, when, coded))
            _note_people(sent, bounds, self.registry)
        self.quotes.extend(found)
        self.previous_speaker = self.registry.actors.get(found[-1].speaker_id or "") if found else None


def _note_people(sent: Span, bounds: list[tuple[int, int]], registry: ArticleActors) -> None:
    """Who the sentence, outside its quotes, names as speaking or as its main subject: the
    people a later `he said` can refer to."""
    for token in sent:
        if any(a <= token.idx < b for a, b in bounds):
            continue
        if is_cue(token):
            subject = speech_subject(token)
            if subject is not None and subject.pos_ != "PRON":
                registry.note_speaker(registry.resolve(subject))
        elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON" and _main_clause(token.head):
            registry.note_subject(registry.resolve(token))


def _main_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _quote(article_id: str, paragraph: Paragraph, doc: Doc, span: QuoteSpan, bounds: list[tuple[int, int]],
           registry: ArticleActors, previous_speaker: Actor | None) -> Quote | None:
    if is_so_called(paragraph.text, span) or is_title(paragraph.text[span.start:span.end]):
        return None
    attribution = attribute(doc, span.start, span.end, quotes=bounds,
                            speaks=lambda token: registry.resolve(token) is not None)
    speaker: Actor | None = None
    cue: str | None = None
    if attribution is not None:
        cue = attribution.cue
        speaker = _speaker(attribution.subject, registry) if attribution.subject is not None else None
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


def _speaker(subject: Token, registry: ArticleActors) -> Actor | None:
    """The actor a speech verb's subject names; the `he` of `X said he told Y "..."` is X."""
    return resolve_subject(subject, registry.resolve, lambda actor: actor.kind == ActorKind.PERSON)


def _opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return not text[:span.open_at].strip()


def _is_term(text: str, span: QuoteSpan) -> bool:
    """A short quoted phrase with no speech verb anywhere near it is a term, not speech."""
    return len(text[span.start:span.end].split()) <= 4


def _mentions(article_id: str, paragraph: Paragraph, sent: Span, registry: ArticleActors) -> Iterator[Mention]:
    """Spans of the sentence that name an actor: a name with its title (`Chinese President Xi
    Jinping`), or a noun phrase (`Russian forces`, `the foreign ministry`)."""
    for token in sent:
        if token.pos_ not in ("PROPN", "NOUN") or token.dep_ == "compound":
            continue
        actor = registry.resolve(token)
        if actor is None:
            continue
        span = sent.doc[token.left_edge.i:token.i + 1]
        start = paragraph.start + span.start_char
        yield Mention(article_id, actor.id, span.text, start, start + len(span.text))


def _dates(article_id: str, paragraph: Paragraph, sent: Span, anchor: dt.date, tense: Tense) -> Iterator[DateMention]:
    for found in resolve_dates(sent.text, anchor=anchor, tense=tense, offset=paragraph.start + sent.start_char):
        yield DateMention(article_id, found.text, found.start, found.end, found.date, found.date_end, found.precision)
