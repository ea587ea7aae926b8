"""From coded sentences to event records: dates, place, evidence, ids, one event per report.

Dates come from the time expression of the event's own clause (or of the clause it completes:
`said on Tuesday it backed`). A simple-past event without one takes the day named in the
sentence just before (news narrates a day in order: `held a phone call on Thursday. Qin urged
...`), and a simple-past speech act (a statement, appeal, accusation) the article's own date;
a present-perfect state (`has accused`), a meeting or a historical act stays undated. The place
is the place a side was named by (`shelled Kharkiv`), or a country, capital or place of
places.tsv the sentence puts the event in (`met in Geneva`), or else the dateline. An article
reports an event once per (source, code, target, date), however many sentences repeat it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dateline.events.cameo import cameo_code
from dateline.events.coder import Coded
from dateline.language.gazetteer import Gazetteer
from dateline.language.phrases import compound_text, place_names, span_text
from dateline.language.tense import Tense
from dateline.model import Actor, ActorKind, Article, DateMention, DatePrecision, Event, Modality, content_id

__all__ = ["SentenceEvents", "assemble_events", "sentence_dates"]

_PLACE_PREPS = frozenset({"in", "at", "to"})
_NOUN_PLACE_PREPS = frozenset({"in", "at"})  # `talks in Beijing`; `aid to Kyiv` is not where
# Speech acts reported without a date are dated with the report: statements, appeals,
# demands, disapproval, rejections, threats and protests (not meetings, which happen apart).
_SPEECH_ROOTS = frozenset({"01", "02", "10", "11", "12", "13", "14"})


@dataclass(frozen=True, slots=True)
class SentenceEvents:
    """A sentence's coded events with what is needed to date and place them."""

    sent: Span
    offset: int  # page offset of the sentence's doc
    tense: Tense
    dates: tuple[DateMention, ...]
    coded: tuple[Coded, ...]


def _governing_verb(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _dates_by_verb(s: SentenceEvents) -> dict[int, DateMention]:
    """Each time expression of the sentence, under the verb it modifies."""
    by_verb: dict[int, DateMention] = {}
    doc = s.sent.doc
    for d in s.dates:
        span = doc.char_span(d.start - s.offset, d.end - s.offset, alignment_mode="expand")
        verb = _governing_verb(span.root) if span is not None and len(span) else None
        if verb is not None:
            by_verb.setdefault(verb.i, d)
    return by_verb


def _own_date(coded: Coded, by_verb: dict[int, DateMention]) -> DateMention | None:
    """The date of the event's clause, or of the clause it completes (`said on Tuesday it
    backed`), or of a clause inside its object (`spur a deal to restore ties ... last week`);
    never one of a coordinated or adverbial clause beside it."""
    node = coded.verb
    for _ in range(8):
        if node.i in by_verb:
            return by_verb[node.i]
        if node.dep_ in ("advcl", "conj") or node.head.i == node.i:
            break
        node = node.head
    for token in coded.verb.subtree:
        if token.i in by_verb and token.i != coded.verb.i and _inside_object(token, coded.verb):
            return by_verb[token.i]
    return None


def _inside_object(token: Token, verb: Token) -> bool:
    """Is `token` a clause completing a noun the verb governs (`a deal to restore ties`), not a
    clause of its own or a relative clause about something else (`the war Moscow launched`)?"""
    while token.i != verb.i:
        if token.dep_ in ("advcl", "conj", "ccomp", "parataxis", "relcl", "pcomp"):
            return False
        token = token.head
    return True


def _simple_past(coded: Coded) -> bool:
    """`held`, `urged`, `was criticised`: a past act (`has accused`, a present-perfect state,
    is not)."""
    verb = coded.verb
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    passive_past = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)
    return verb.tag_ == "VBD" or passive_past


def _location(coded: Coded, gazetteer: Gazetteer, article: Article) -> str | None:
    """The place a side was named by (`shelled Kharkiv`), else a country, capital or place the
    event's verb or its object puts it in (`held talks in Geneva`: the place often hangs on the
    noun), else none: the dateline says where the story was filed, not where the event happened
    (a phone call reported from Beijing did not happen there)."""
    if coded.location is not None:
        return coded.location
    nouns = [c for c in coded.verb.children if c.dep_ in ("dobj", "nsubjpass")]
    preps = [(c, _PLACE_PREPS) for c in coded.verb.children]
    preps += [(c, _NOUN_PLACE_PREPS) for n in nouns for c in n.children]
    for prep, words in preps:
        if prep.dep_ == "prep" and prep.lower_ in words:
            for obj in prep.children:
                found = _place_named(obj, gazetteer) if obj.dep_ == "pobj" else None
                if found is not None:
                    return found
    return None


def _place_named(obj: Token, gazetteer: Gazetteer) -> str | None:
    """The place a preposition's object names: a country or capital as written (`in Beijing`),
    a place of places.tsv by its table name (`in St. Petersburg`, `in the Swiss city of
    Geneva`, `in the Kharkiv region`)."""
    for name in [obj, *(place_names(obj) if gazetteer.is_place_noun(obj.lemma_) else [])]:
        for text in dict.fromkeys((compound_text(name), name.text)):
            entry = gazetteer.lookup(text)
            if entry is not None and entry.is_place:
                return entry.name
            if entry is not None and entry.kind == "country":
                return text
    return None


def _confidence(coded: Coded) -> float:
    base = 0.6 + 0.1 * min(coded.pattern.specificity, 3)
    if coded.indirect:
        base -= 0.15
    if coded.target is None:
        base -= 0.1
    return round(max(0.1, min(base, 0.95)), 2)


def assemble_events(article: Article, sentences: Iterable[SentenceEvents], *,
                    gazetteer: Gazetteer, actors: Mapping[str, Actor] | None = None) -> tuple[Event, ...]:
    """Event records of one article, deduplicated, in order of first report. `actors` are the
    article's actors as known after the whole article was read: a side coded before its
    country was known (a person or group the article settles in its home country at the end)
    takes that country."""
    events: dict[tuple[str, str, str | None, dt.date | None], Event] = {}
    previous_day: DateMention | None = None
    for s in sentences:
        by_verb = _dates_by_verb(s) if s.coded and s.dates else {}
        for coded in s.coded:
            code = cameo_code(coded.pattern.cameo)
            when = _own_date(coded, by_verb)
            if when is None and _simple_past(coded) and coded.modality != Modality.PLANNED:
                when = previous_day or (_article_day(article, s) if code.root in _SPEECH_ROOTS else None)
            modality = _dated_modality(coded.modality, when, article)
            source, target = _settled(coded.source, actors) or coded.source, _settled(coded.target, actors)
            key = (source.id, code.code, target.id if target else None, when.date if when else None)
            if key in events:
                events[key] = replace(events[key], mentions=events[key].mentions + 1)
                continue
            start = s.offset + s.sent.start_char
            where = _location(coded, gazetteer, article)
            events[key] = Event(
                id=content_id(article.id, "event", *(str(k) for k in key)), article_id=article.id,
                source_id=source.id, source=source.name, source_code=source.code,
                source_country=source.country, target_id=target.id if target else None,
                target=target.name if target else None, target_code=target.code if target else None,
                target_country=target.country if target else None, cameo=code.code, root=code.root,
                quad=code.quad, goldstein=code.goldstein, date=when.date if when else None,
                date_end=when.date_end if when else None,
                date_precision=when.precision if when else None, modality=modality,
                location=where, sentence=span_text(s.sent), start=start,
                end=start + len(span_text(s.sent)), rule=coded.pattern.rule, confidence=_confidence(coded),
                location_type=_location_type(where, gazetteer) if where else None,
            )
        days = [d for d in s.dates if d.precision == DatePrecision.DAY]
        previous_day = days[-1] if days else None
    return tuple(events.values())


def _location_type(location: str, gazetteer: Gazetteer) -> int | None:
    """GDELT's geographic resolution of an event's place, from our tables when the event is
    coded (the store and its exports read it, and never the tables): 1 for a country named by
    name or adjective, 4 (world city) for a capital; a place of places.tsv by its kind: 3 (US
    city) or 4 for a city, 2 (US state) or 5 (world state) for a region; else unknown."""
    entry = gazetteer.lookup(location)
    if entry is None or entry.kind != ActorKind.COUNTRY:
        return None
    if entry.is_place:
        return _PLACE_GEO_TYPES.get((entry.place or "", entry.country == "USA"))
    return {"name": 1, "adjective": 1, "capital": 4}.get(entry.via)


# GDELT's geographic resolution for a place of places.tsv, by (kind, in the United States).
_PLACE_GEO_TYPES = {("city", True): 3, ("city", False): 4, ("region", True): 2, ("region", False): 5}


def _settled(actor: Actor | None, actors: Mapping[str, Actor] | None) -> Actor | None:
    """The actor with the country the article settled on it after reading, when it had none."""
    if actor is None or actor.country or not actors:
        return actor
    known = actors.get(actor.id)
    if known is None or not known.country:
        return actor
    return replace(actor, name=known.name, country=known.country, code=known.code or actor.code)


def _dated_modality(modality: Modality, when: DateMention | None, article: Article) -> Modality:
    """An event asserted for a day after the article's own (`hosts Japan next week`) has not
    happened yet: it is planned."""
    if modality == Modality.ASSERTED and when is not None and article.date is not None and when.date > article.date:
        return Modality.PLANNED
    return modality


def _article_day(article: Article, s: SentenceEvents) -> DateMention | None:
    """The article's own date, as a date mention without words (a statement reported as news)."""
    if article.date is None:
        return None
    at = s.offset + s.sent.start_char
    return DateMention(article.id, "", at, at, article.date, None, DatePrecision.DAY)


def sentence_dates(dates: Sequence[DateMention], sent: Span, offset: int) -> tuple[DateMention, ...]:
    """The date mentions inside a sentence (page offsets)."""
    lo, hi = offset + sent.start_char, offset + sent.end_char
    return tuple(d for d in dates if lo <= d.start < hi)
