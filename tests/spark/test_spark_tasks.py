"""The keyed steps of the Spark job as plain functions: they must decide as the embedded ingest
does (store.stories, ingest.run) for any order of the rows Spark hands them."""

from __future__ import annotations

import random
from pathlib import Path

from dateline.spark.job import expand_inputs
from dateline.spark.tasks import StoryArticle, band_pairs, best_near_copy, earliest_key, exact_parents
from dateline.stories import StorySettings

_SETTINGS = StorySettings()


def _article(article_id: str, order: tuple[int, int], *, kind: str = "main", fingerprint: str = "f",
             date: str | None = None, body: bool = True) -> StoryArticle:
    return StoryArticle(article_id, order, kind, fingerprint, body, earliest_key(article_id, date, None))


def test_band_pairs_pairs_each_article_with_the_earlier_ones_whatever_the_order_given() -> None:
    members = [((0, 2), "c"), ((0, 0), "a"), ((1, 0), "d"), ((0, 1), "b")]
    random.Random(3).shuffle(members)
    pairs = sorted(p for p, _ in band_pairs(members))
    assert pairs == sorted([("b", "a"), ("c", "a"), ("c", "b"), ("d", "a"), ("d", "b"), ("d", "c")])


def test_exact_parents_join_the_earliest_dated_copy_stored_before() -> None:
    first = _article("z1", (0, 0), date="2024-05-10")
    older = _article("y2", (1, 0), date="2024-05-01")  # stored later, dated earlier
    third = _article("x3", (2, 0), date="2024-05-20")
    teaser = _article("w4", (3, 0), kind="teaser")
    parents = dict(exact_parents([third, teaser, older, first]))
    assert parents == {"y2": "z1", "x3": "y2"}  # x3 joins the earliest dated copy before it


def test_exact_parents_leave_an_empty_body_alone() -> None:
    assert dict(exact_parents([_article("a", (0, 0)), _article("b", (0, 1), body=False)])) == {}


def test_best_near_copy_takes_the_most_similar_above_the_threshold() -> None:
    body = ("The ministers of both countries met in the capital on Monday to sign a trade pact that "
            "cuts tariffs on grain, steel and machinery over the next five years.")
    close = body.replace("Monday", "Tuesday")
    far = "A storm closed the airport for a day and flights resumed on Wednesday morning after repairs."
    best = best_near_copy(body, [("far", 5, far), ("close", 3, close)], _SETTINGS)
    assert best is not None and best[0] == "close" and 0.4 <= best[1] < 1.0
    assert best_near_copy(body, [("far", 9, far)], _SETTINGS) is None


def test_best_near_copy_verifies_only_the_candidates_sharing_most_bands() -> None:
    body = " ".join(f"word{i}" for i in range(40))
    candidates = [(f"c{i:02d}", 20, "unrelated text " * 10) for i in range(_SETTINGS.max_candidates)]
    candidates.append(("copy", 1, body))  # shares fewest bands: not among the verified ones
    assert best_near_copy(body, candidates, _SETTINGS) is None


def test_list_files_name_inputs_relative_to_themselves(tmp_path: Path) -> None:
    listing = tmp_path / "warc.paths"
    listing.write_text("# inputs\na/one.warc.gz\n\n/abs/two.warc.gz\n", encoding="utf-8")
    assert expand_inputs([str(listing), "other"]) == [str(tmp_path / "a" / "one.warc.gz"), "/abs/two.warc.gz",
                                                      "other"]


def test_analysis_tasks_are_small_enough_to_keep_every_core_busy_and_never_tiny() -> None:
    from dateline.spark.job import _analysis_parts

    assert _analysis_parts(0, 2) == (2, 2)  # at least one task per core
    for articles, cores in ((30, 2), (91, 2), (232, 2), (500, 4), (5_000, 2), (100_000, 64)):
        analysis, write = _analysis_parts(articles, cores)
        assert analysis >= cores and write >= cores
        per_task = articles / analysis
        assert per_task <= 64  # never more than a batch of the embedded analysis, on average
        # small inputs: no more tasks than a dozen articles each (one short task at most)
        assert analysis == cores or articles / (analysis - 1) >= 12
        assert analysis <= 4 * cores or per_task > 60  # several tasks a core only while they are small
        assert write <= analysis
    assert _analysis_parts(91, 2)[0] >= 4  # 91 articles on two cores: more tasks than cores


def test_local_jvm_uses_the_class_archive_only_when_there_is_one(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    from dateline.spark import cds, job

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(cds, "ARCHIVE", tmp_path / "missing.jsa")
    assert job.local_jvm_options() == job.LOCAL_JVM_OPTIONS
    archive = tmp_path / "spark-classes.jsa"
    archive.write_bytes(b"")
    monkeypatch.setattr(cds, "ARCHIVE", archive)
    options = job.local_jvm_options()
    assert options.startswith(job.LOCAL_JVM_OPTIONS) and f"-XX:SharedArchiveFile={archive}" in options
