"""The spaCy pipeline: loaded once per process, run over paragraphs in batches.

Which components run, and why: the parser gives sentences, subjects and the verbs that govern
quotations; the tagger and lemmatizer give tense and cue lemmas (`said` → `say`); NER proposes
person names. NER labels are only a hint: our own tables and the parse decide what an actor is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dateline.language.version import MODEL

__all__ = ["load_nlp", "parse"]

_BATCH = 64


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline, loaded from the installed package (never downloaded), once per process."""
    return spacy.load(MODEL)


def parse(texts: Iterable[str], *, nlp: Language | None = None, batch_size: int = _BATCH) -> Iterator[Doc]:
    """Docs for `texts`, in order."""
    return (nlp or load_nlp()).pipe(texts, batch_size=batch_size)
