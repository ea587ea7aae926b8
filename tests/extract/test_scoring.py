"""The benchmark's shingle scoring, on cases small enough to count by hand."""

from __future__ import annotations

import pytest

from dateline.extract.scoring import benchmark_prf, page_counts, shingles


def test_scoring_shingles_keep_case_and_split_on_non_words() -> None:
    assert shingles("A b, c-d e") == {("A", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("a B") == {("a", "B"): 1}  # shorter than 4 tokens: one shingle
    assert shingles("") == {}


def test_scoring_shingles_are_a_multiset() -> None:
    assert shingles("a b c d a b c d")[("a", "b", "c", "d")] == 2


def test_scoring_page_counts() -> None:
    # pred shingles: (a b c d), (b c d e); truth: (a b c d), (b c d f)
    assert page_counts("a b c d e", "a b c d f") == (1, 1, 1)
    assert page_counts("a b c d", "A b c d") == (0, 1, 1)  # case is kept


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([("a b c d e", "a b c d f")], (0.5, 0.5, 0.5)),
        # page 1: P 1/2, R 1/2; page 2: perfect
        ([("a b c d e", "a b c d f"), ("x y z w", "x y z w")], (0.75, 0.75, 0.75)),
        # both empty: skipped; empty prediction: recall 0 only; empty truth: precision 0 only
        ([("", ""), ("a b c d", "a b c d")], (1.0, 1.0, 1.0)),
        ([("", "a b c d"), ("a b c d", "a b c d")], (1.0, 0.5, 2 / 3)),
        ([("a b c d", ""), ("a b c d", "a b c d")], (0.5, 1.0, 2 / 3)),
        # pred 3 shingles, 2 right (tp 2, fp 1); truth 2 shingles (fn 0)
        ([("a b c d e f", "a b c d e")], (2 / 3, 1.0, 0.8)),
    ],
)
def test_scoring_benchmark_prf(pairs: list[tuple[str, str]], expected: tuple[float, float, float]) -> None:
    prf = benchmark_prf(pairs)
    assert (prf.precision, prf.recall, prf.f1) == pytest.approx(expected)


def test_scoring_nothing_to_score() -> None:
    prf = benchmark_prf([("", "")])
    assert (prf.precision, prf.recall, prf.f1, prf.pages) == (0.0, 0.0, 0.0, 0)
