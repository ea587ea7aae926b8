"""One article's language reading: actors, mentions, quotations and dates, sentence by sentence.

Pure: it takes the article and the spaCy docs of its paragraphs (parsed elsewhere, in batches)
and returns model records. Docs never leave the reading. The article is read once, sentence by
sentence, because what a `he`, an `it` or `the two leaders` refers to depends on what was read
before it. `ArticleReading.read` yields each sentence once its actors, dates and quotations are
read and before the people it names as speaking are noted, so that the reading loop above this
stage (`dateline.reading`) codes its events at that point, in the same coreference state
(`coreference.Coreference`, owned by the article's `actors.ArticleActors`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dateline.language.actors import ArticleActors, home_country
from dateline.language.attribution import attribute, is_cue, quoted_modifier, speech_subject
from dateline.language.dates import resolve_dates
from dateline.language.gazetteer import Gazetteer
from dateline.language.groups import group_home, settle_groups, story_scene
from dateline.language.organisations import find_organisations
from dateline.language.persons import find_persons
from dateline.language.phrases import span_text, tokens_of
from dateline.language.quotes import QuoteSpan, find_quote_spans, inner_quotes, is_so_called, is_title, quote_kind
from dateline.language.speakers import can_speak, continues, named_speaker, speaker_of
from dateline.language.tense import Tense, sentence_tense
from dateline.model import (
    Actor,
    ActorKind,
    Article,
    DateMention,
    Mention,
    Paragraph,
    Quote,
    content_id,
)

__all__ = ["ArticleReading", "ReadSentence", "analysis_texts"]

_SENTENCE_BREAK = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+$")


def analysis_texts(article: Article) -> list[str]:
    """The texts to parse for an article: its paragraphs (a teaser's lede included)."""
    return [p.text for p in article.paragraphs]


_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


def _years(article: Article) -> tuple[int, int] | None:
    """The first and last year an undated article mentions: a bound on when it was written, for
    whom a bare surname of the knowledge base names (`Mr. Trump` beside `the 2019 budget`)."""
    found = [int(y) for p in article.paragraphs for y in _YEAR.findall(p.text)]
    return (min(found), max(found)) if found else None


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
                                speaks=lambda token: registry.lookup(token) is not None)
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


def _repeated(reading: ArticleReading) -> list[Quote]:
    """Quoted words with no speaker of their own (a subheading's `"Not some irregular
    channel"`, a lede's) that repeat part of an attributed quotation elsewhere in the article:
    the same words, the same speaker. Short ones that repeat nothing stay terms, not speech.
    Returns the article's body quotations with those speakers given."""
    said = [(f" {_words(q.text)} ", q) for q in reading.quotes if q.speaker_id is not None]

    def source(paragraph: Paragraph, span: QuoteSpan) -> Actor | None:
        words = _words(paragraph.text[span.start:span.end])
        if len(words.split()) < 3:
            return None
        at = paragraph.start + span.start
        found = next((q for text, q in said if f" {words} " in text and q.start != at), None)
        return reading.registry.actors.get(found.speaker_id or "") if found is not None else None

    quotes: list[Quote] = []
    for quote in reading.quotes:
        if quote.speaker_id is None and (where := reading.spans.get(quote.start)) is not None:
            if (speaker := source(*where)) is not None:
                quote = _record(reading.article.id, where[0], where[1], speaker, quote.cue)
        quotes.append(quote)
    for paragraph, span in reading.terms:
        if (speaker := source(paragraph, span)) is not None:
            quotes.append(_record(reading.article.id, paragraph, span, speaker, None))
    return sorted(quotes, key=lambda q: q.start)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.replace("\u2019", "'").lower()))


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().strip(" ,.;:'\"").split())


@dataclass(frozen=True, slots=True)
class ReadSentence:
    """A sentence whose actors, dates and quotations are read: what its events are coded with."""

    sent: Span
    offset: int  # page offset of the sentence's doc
    tense: Tense
    dates: tuple[DateMention, ...]
    voices: tuple[tuple[int, int, Actor], ...]  # the paragraph's quotations so far: page span, speaker


@dataclass(slots=True)
class ArticleReading:
    """The state of reading one article in order, and what it has found so far."""

    article: Article
    registry: ArticleActors
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    previous_speaker: Actor | None = None
    last_voice: Actor | None = None  # whoever spoke last, quoted or reported: `the statement said`
    terms: list[tuple[Paragraph, QuoteSpan]] = field(default_factory=list)
    spans: dict[int, tuple[Paragraph, QuoteSpan]] = field(default_factory=dict)
    scene: str | None = None  # where the story happens, for its unplaced police and protesters

    @classmethod
    def start(cls, article: Article, docs: Sequence[Doc], gazetteer: Gazetteer) -> ArticleReading:
        """The reading of `article` given the docs of its paragraphs (as from `analysis_texts`),
        with every full name and organisation of the article already known, so that a
        description can point forward (`China's foreign minister` before `Qin Gang`)."""
        place = gazetteer.lookup(article.place) if article.place else None
        # A city dateline (GENEVA, NEW YORK) is often where diplomats meet, not whose officials speak.
        home = place.country if place is not None and not place.is_place else None
        day = article.date or article.crawl_date
        registry = ArticleActors(gazetteer, article.id, home, date=day, years=None if day else _years(article))
        for doc in docs:
            for person in find_persons(doc, gazetteer, default_country=registry.default_country):
                registry.add_person(person, doc_key=id(doc))
            for org in find_organisations(doc, gazetteer):
                registry.add_organisation(org, doc_key=id(doc))
        scene = story_scene(docs, gazetteer, place.country if place is not None else None)
        return cls(article, registry, scene=scene)

    def finish(self, headline: Doc | None = None) -> tuple[tuple[Actor, ...], tuple[Quote, ...]]:
        """After the last paragraph: the article's actors (its own country given to those it
        leaves without one, `ArticleActors.settle`) and its quotations, those of the headline
        (`headline`, its doc when it holds a quotation mark) included."""
        registry, gazetteer = self.registry, self.registry.gazetteer
        countries = [a.country for m in self.mentions if (a := registry.actors.get(m.actor_id)) is not None
                     and a.country is not None and a.country.isalpha() and len(a.country) == 3
                     and a.country in gazetteer.names]
        if (home_code := home_country(countries)) is not None:
            registry.settle(home_code)
        # police and residents a story leaves unplaced are where it happens (groups.py)
        place = gazetteer.lookup(self.article.place) if self.article.place else None
        where = home_code or group_home(countries, place.country if place is not None else None)
        settle_groups(registry, where, scene=self.scene)
        actors = {a.id: a for a in registry.actors.values()}
        for actor in registry.person_actors():
            actors[actor.id] = actor
        body = _repeated(self)
        quotes = body + (_headline_quotes(self.article, headline, registry, body) if headline else [])
        return tuple(actors.values()), tuple(quotes)

    def read(self, paragraph: Paragraph, doc: Doc) -> Iterator[ReadSentence]:
        """Read a paragraph, yielding each sentence when its actors, dates and quotations are
        read; the people it names as speaking are noted when the caller asks for the next."""
        outer = find_quote_spans(paragraph.text)
        inner = inner_quotes(paragraph.text, outer)
        spans = sorted(outer + inner, key=lambda s: s.start)
        bounds = [(s.start, s.end) for s in outer]
        pending = list(spans)
        found: list[Quote] = []
        last: tuple[QuoteSpan, Actor | None] | None = None  # the paragraph's last quotation so far
        anchor = self.article.date or self.article.crawl_date
        reported: Actor | None = None  # who the previous sentence says spoke (`Erekat said it was ...`)
        quoted_in_sentence = False
        for sent in doc.sents:
            for mention in _mentions(self.article.id, paragraph, sent, self.registry):
                self.mentions.append(mention)
                if (actor := self.registry.actors.get(mention.actor_id)) is not None:
                    self.registry.coreference.note_mention(mention.start, actor)
            tense = sentence_tense(sent)
            when = tuple(_dates(self.article.id, paragraph, sent, anchor, tense)) if anchor else ()
            self.dates.extend(when)
            quoted_in_sentence = False
            while pending and pending[0].start < sent.end_char:
                span = pending.pop(0)
                quoted_in_sentence = True
                if span in inner:  # words quoted inside a quotation: said by its speaker
                    around = next((q for q in reversed(found) if q.start <= paragraph.start + span.start), None)
                    if around is not None and around.speaker_id is not None \
                            and not _voiced_by_another(paragraph.text[:span.open_at]):
                        found.append(_record(self.article.id, paragraph, span, self.registry.actors.get(around.speaker_id),
                                             around.cue))
                    continue
                if last is not None:
                    runs_on = last[1] if continues(paragraph.text, last[0], span.open_at) else None
                else:
                    runs_on = self.previous_speaker if _opens_paragraph(paragraph.text, span) else None
                quote = _quote(self.article.id, paragraph, doc, span, bounds, self.registry, runs_on,
                               reported=reported, last_voice=self.last_voice)
                if quote is not None:
                    found.append(quote)
                    self.spans[quote.start] = (paragraph, span)
                    last = (span, self.registry.actors.get(quote.speaker_id or ""))
                    self.last_voice = last[1] or self.last_voice
                elif not is_so_called(paragraph.text, span):
                    self.terms.append((paragraph, span))
            voices = tuple((q.start, q.end, a) for q in found if (a := self.registry.actors.get(q.speaker_id or "")))
            yield ReadSentence(sent, paragraph.start, tense, when, voices)
            reported = _note_people(sent, bounds, self.registry)
            self.last_voice = reported or self.last_voice
        self.quotes.extend(found)
        if _is_aside(paragraph.text) and not found:
            return  # a photo caption or a link between two paragraphs of one quotation
        # The next paragraph's opening quotation runs on from this one's last, unless the
        # reporter's prose came after it (`"A," X said. Prose.`) or it named nobody; or it
        # is the words of the one this paragraph's last sentence reports (`Erekat said it was
        # ...` followed by a paragraph in quotation marks).
        self.previous_speaker = None
        if last is not None and last[1] is not None and (
                last[0].close_at is None or continues(paragraph.text + " \u201c", last[0], len(paragraph.text) + 1)):
            self.previous_speaker = last[1]
        elif not quoted_in_sentence and reported is not None:
            self.previous_speaker = reported


def _note_people(sent: Span, bounds: list[tuple[int, int]], registry: ArticleActors) -> Actor | None:
    """Who the sentence, outside its quotes, names as speaking or as its main subject: the
    people a later `he said` can refer to. Returns the last speaker it names."""
    said: Actor | None = None
    for token in tokens_of(sent):
        if bounds and any(a <= token.idx < b for a, b in bounds):
            continue
        if is_cue(token):
            subject = speech_subject(token)
            if subject is not None and subject.pos_ != "PRON" and not any(a <= subject.idx < b for a, b in bounds):
                found = registry.record(subject)
                if found is None:  # `Volker said he ...`: Volker, known or not
                    found = named_speaker(subject, registry)
                registry.coreference.note_speaker(found)
                said = found or said
            elif subject is not None and subject.pos_ == "PRON" and not any(a <= subject.idx < b for a, b in bounds):
                said = speaker_of(subject, registry) or said  # `he said`: whom it refers to
        elif token.dep_ in ("nsubj", "nsubjpass") and token.pos_ != "PRON" and _main_clause(token.head):
            registry.coreference.note_subject(registry.record(token))
    return said


def _main_clause(verb: Token) -> bool:
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _quote(article_id: str, paragraph: Paragraph, doc: Doc, span: QuoteSpan, bounds: list[tuple[int, int]],
           registry: ArticleActors, runs_on: Actor | None, *, reported: Actor | None = None,
           last_voice: Actor | None = None) -> Quote | None:
    """The quotation at `span`, with the speaker its cue names (known to the actor layer or not);
    with no cue that names one, `runs_on`, the speaker of the quotation it continues; with no
    cue at all, `reported`, the one the previous sentence reports speaking (`Howitt says.
    Just because ..., "that doesn't mean ..."`), unless the words are one word or only modify a
    noun: a scare-quoted term of the reporter's (`two "deliveries" a year`)."""
    if is_so_called(paragraph.text, span) or is_title(paragraph.text[span.start:span.end]):
        return None
    attribution = attribute(doc, span.start, span.end, quotes=bounds,
                            speaks=lambda token: can_speak(token, registry))
    speaker: Actor | None = None
    cue: str | None = None
    if attribution is not None:
        cue = attribution.cue
        speaker = speaker_of(attribution.subject, registry, last=last_voice) if attribution.subject is not None else None
    if speaker is None and runs_on is not None and _opens_sentence(paragraph.text, span):
        speaker = runs_on  # `"A," X said. "B."`: B is X's too
    elif attribution is None and reported is not None and len(paragraph.text[span.start:span.end].split()) > 1 \
            and not quoted_modifier(doc, span.start, span.end):
        speaker = reported
    elif attribution is None and _is_term(paragraph.text, span):
        return None
    registry.coreference.note_speaker(speaker)
    return _record(article_id, paragraph, span, speaker, cue)


# `they might think, 'Wow'`: the speaker quotes someone else's words (not `I said, 'No'`).
_ANOTHER_VOICE = re.compile(r"\b(\w+)\s+(?:\w+\s+)?(?:think|thought|thinks|say|says|said|ask|asks|asked|wonder|"
                            r"wonders|wondered|tell|tells|told)\b\W*$", re.IGNORECASE)


def _voiced_by_another(before: str) -> bool:
    found = _ANOTHER_VOICE.search(before)
    return found is not None and found.group(1).lower() not in ("i", "we")


def _record(article_id: str, paragraph: Paragraph, span: QuoteSpan, speaker: Actor | None, cue: str | None) -> Quote:
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
    return speaker_of(subject, registry)


def _opens_sentence(text: str, span: QuoteSpan) -> bool:
    before = text[:span.open_at].rstrip()
    return not before or before.endswith(":") or bool(_SENTENCE_BREAK.search(text[:span.open_at]))


# `... in size (Image: GETTY )`, `SEE MORE: ...`: a caption's credit or a link that a page sets
# between two paragraphs of the story.
_ASIDE = re.compile(r"\((?:image|photo|picture|photograph|pic|credit)s?\s*:[^()]*\)\s*$"
                    r"|^(?:see|read|watch) (?:more|also)\s*:|^related\s*:", re.IGNORECASE)


def _is_aside(text: str) -> bool:
    """A paragraph that is no part of the story's prose, which quotations run on across."""
    return bool(_ASIDE.search(text.strip()))


def _opens_paragraph(text: str, span: QuoteSpan) -> bool:
    return not text[:span.open_at].strip()


def _is_term(text: str, span: QuoteSpan) -> bool:
    """A short quoted phrase with no speech verb anywhere near it is a term, not speech."""
    return len(text[span.start:span.end].split()) <= 4


def _mentions(article_id: str, paragraph: Paragraph, sent: Span, registry: ArticleActors) -> Iterator[Mention]:
    """Spans of the sentence that name an actor: a name with its title (`Chinese President Xi
    Jinping`), or a noun phrase (`Russian forces`, `the foreign ministry`)."""
    for token in tokens_of(sent):
        if token.pos_ not in ("PROPN", "NOUN") or (token.dep_ == "compound" and not registry.names_someone(token)):
            continue
        actor = registry.record(token)
        if actor is None:
            continue
        named = registry.span_of(token)
        first = min(token.left_edge.i, named[0]) if named else token.left_edge.i
        span = sent.doc[first:max(token.i + 1, named[1]) if named else token.i + 1]
        start, text = paragraph.start + span.start_char, span_text(span)
        yield Mention(article_id, actor.id, text, start, start + len(text))


def _dates(article_id: str, paragraph: Paragraph, sent: Span, anchor: dt.date, tense: Tense) -> Iterator[DateMention]:
    for found in resolve_dates(span_text(sent), anchor=anchor, tense=tense, offset=paragraph.start + sent.start_char):
        yield DateMention(article_id, found.text, found.start, found.end, found.date, found.date_end, found.precision)
