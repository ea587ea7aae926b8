"""Article-body scoring as the AEB benchmark does it: 4-word shingles, per-page normalised counts.

Kept next to extraction so benchmarks and tests judge bodies exactly as the published numbers
were measured (tokens are `\\w+` with case kept; shingles are multisets; precision and recall are
averaged over pages, and F1 is the harmonic mean of the two averages).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["PRF", "benchmark_prf", "page_counts", "shingles"]

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PRF:
    """Averaged precision, recall and their harmonic mean over the scored pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of `n`-token shingles; a text shorter than `n` tokens is one shingle."""
    tokens = _TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)))


def page_counts(pred: str, truth: str) -> tuple[int, int, int]:
    """Raw (tp, fp, fn) shingle counts of one page."""
    p, t = shingles(pred), shingles(truth)
    tp = sum(min(count, t[key]) for key, count in p.items())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def benchmark_prf(pairs: Iterable[tuple[str, str]]) -> PRF:
    """Score (prediction, truth) pairs. Pages where both are empty are skipped; a page with no
    error counts precision and recall 1; a page contributes precision only if it predicted or
    matched something, and recall only if the truth or matches are non-empty."""
    precisions: list[float] = []
    recalls: list[float] = []
    for pred, truth in pairs:
        tp, fp, fn = page_counts(pred, truth)
        total = tp + fp + fn
        if not total:
            continue
        perfect = fp == 0 and fn == 0
        if tp + fp:
            precisions.append(1.0 if perfect else tp / (tp + fp))
        if tp + fn:
            recalls.append(1.0 if perfect else tp / (tp + fn))
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(precision, recall, f1, max(len(precisions), len(recalls)))
