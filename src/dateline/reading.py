"""Reading an article: the sentence-by-sentence loop above the language and events stages.

An article is read once, in order, because a `he`, an `it` or `the two leaders` refers to what
was read before it. For each sentence the language stage reads its actors, dates and
quotations (`language.analyse.ArticleReading`); the event coder then codes its events
(`events.coder.code_sentence`), asking the article's actors through its `Resolver` interface,
in the same coreference state the quotations were attributed in; then the language stage notes
who the sentence says spoke. Neither stage imports the other: this module holds them together.

Pure: it takes articles and the spaCy docs of their paragraphs (parsed in batches here, by
`language.nlp`) and returns model records. Docs never leave it.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from dateline.events.assemble import SentenceEvents, assemble_events
from dateline.events.coder import Coded, code_sentence
from dateline.events.dictionary import load_dictionary
from dateline.language.analyse import ArticleReading, analysis_texts
from dateline.language.gazetteer import Gazetteer, load_gazetteer
from dateline.language.nlp import parse
from dateline.language.version import ANALYSER
from dateline.model import Article, ArticleAnalysis

__all__ = ["ANALYSER", "analyse_article", "analyse_articles", "analysis_texts"]


def analyse_articles(
    articles: Sequence[Article], *, nlp: Language | None = None, gazetteer: Gazetteer | None = None
) -> list[ArticleAnalysis]:
    """Analyses of `articles`, in order; their paragraphs are parsed in one batch."""
    gazetteer = gazetteer or load_gazetteer()
    texts = [analysis_texts(a) for a in articles]
    docs = list(parse((t for ts in texts for t in ts), nlp=nlp))
    # Headlines are parsed only when they hold a quotation mark: most do not.
    quoted = [a for a in articles if any(m in a.headline for m in "'\"\u2018\u2019\u201c\u201d")]
    headlines = dict(zip((a.id for a in quoted), parse((a.headline for a in quoted), nlp=nlp)))
    analyses: list[ArticleAnalysis] = []
    at = 0
    for article, ts in zip(articles, texts):
        analyses.append(analyse_article(article, docs[at:at + len(ts)], gazetteer=gazetteer,
                                        headline=headlines.get(article.id)))
        at += len(ts)
    return analyses


def analyse_article(article: Article, docs: Sequence[Doc], *, gazetteer: Gazetteer,
                    headline: Doc | None = None) -> ArticleAnalysis:
    """Analyse `article` given the docs of its paragraphs (as from `analysis_texts`), and of
    its headline when given (for quotations that appear only there)."""
    reading = ArticleReading.start(article, docs, gazetteer)
    dictionary = load_dictionary()
    sentences: list[SentenceEvents] = []
    history: list[Coded] = []  # the events coded so far, in order
    for paragraph, doc in zip(article.paragraphs, docs):
        for read in reading.read(paragraph, doc):
            coded = tuple(code_sentence(read.sent, reading.registry, dictionary, offset=read.offset,
                                        voices=read.voices, history=history))
            history.extend(coded)
            sentences.append(SentenceEvents(read.sent, read.offset, read.tense, read.dates, coded))
    actors, quotes = reading.finish(headline)
    # a side coded before the article settled its country (a group, a person) takes it now
    events = assemble_events(article, sentences, gazetteer=gazetteer, actors={a.id: a for a in actors})
    return ArticleAnalysis(article.id, actors, tuple(reading.mentions), quotes, tuple(reading.dates), events)
