"""The language stage over many articles: one batched parse, then per-article analysis."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language

from dateline.language.analyse import analyse_article, analysis_texts
from dateline.language.gazetteer import Gazetteer, load_gazetteer
from dateline.language.nlp import parse
from dateline.language.version import ANALYSER
from dateline.model import Article, ArticleAnalysis

__all__ = ["ANALYSER", "analyse_articles"]


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
