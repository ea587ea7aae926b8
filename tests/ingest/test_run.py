from __future__ import annotations

import sqlite3
from pathlib import Path

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.store import connect, list_articles, list_sources


def _dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    rows: list[tuple[object, ...]] = []
    for table in ("sources", "pages", "articles", "line_stats", "line_counted"):
        rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
    return rows


def test_run_ingests_the_seeds(seeds_dir: Path, db_path: Path) -> None:
    report = ingest([str(seeds_dir)], db=db_path, settings=IngestSettings(workers=1))
    assert (report.seen, report.ingested, report.failed) == (2, 2, 0)
    assert report.articles == {"main": 2, "sidebar": 2, "teaser": 58}
    conn = connect(db_path)
    assert {s.status for s in list_sources(conn)} == {"ingested"}
    assert len(list_articles(conn, kind=None, search="Kuleba")) == 3


def test_run_is_idempotent(seeds_dir: Path, db_path: Path) -> None:
    ingest([str(seeds_dir)], db=db_path, settings=IngestSettings(workers=1))
    before = _dump(db_path)
    again = ingest([str(seeds_dir)], db=db_path, settings=IngestSettings(workers=1))
    assert (again.ingested, again.unchanged) == (0, 2)
    assert _dump(db_path) == before


def test_run_same_result_with_workers(seeds_dir: Path, tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    for n, src in enumerate(sorted(seeds_dir.glob("*.txt")) * 3):
        (pages / f"{n}.txt").write_text(src.read_text(encoding="utf-8") + f"\n{n}\n", encoding="utf-8")
    ingest([str(pages)], db=tmp_path / "one.db", settings=IngestSettings(workers=1))
    ingest([str(pages)], db=tmp_path / "two.db", settings=IngestSettings(workers=2))
    assert _dump(tmp_path / "one.db") == _dump(tmp_path / "two.db")


def test_run_counts_a_copy_once(seeds_dir: Path, tmp_path: Path) -> None:
    src = next(seeds_dir.glob("*.txt"))
    (tmp_path / "a.txt").write_bytes(src.read_bytes())
    (tmp_path / "b.txt").write_bytes(src.read_bytes())
    report = ingest([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], db=tmp_path / "s.db",
                    settings=IngestSettings(workers=1))
    assert (report.ingested, report.duplicates) == (1, 1)
    reasons = {Path(s.path).name: s.reason for s in list_sources(connect(tmp_path / "s.db"))}
    assert reasons["b.txt"].startswith("duplicate of ") and reasons["b.txt"].endswith("a.txt")


def test_run_a_large_container_is_stored_in_chunks_with_one_source_row(tmp_path: Path) -> None:
    import json

    lines = [json.dumps({"url": f"https://feed.example/{n}", "title": f"Report number {n} on harbour works",
                         "text": f"Harbour authority report {n} says dredging in berth {n} finished on time "
                                 f"and that {n} ships used the new quay during the first week."})
             for n in range(150)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest([str(tmp_path / "feed.jsonl")], db=tmp_path / "s.db",
                    settings=IngestSettings(workers=1, analyse=False))
    conn = connect(tmp_path / "s.db")
    (source,) = list_sources(conn)
    assert (report.ingested, source.articles) == (1, 150)
    assert source.reason == "150 records: 150 ingested, 0 skipped, 0 failed"
    assert len(list_articles(conn, all_copies=True)) == 150
