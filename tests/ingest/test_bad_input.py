"""Bad input never stops an ingest and never passes silently.

Every kind of bad input ends as a row in `sources` with a status and a clear reason, through the
real code path (discover, load, extract, store); the CLI exits 0 when everything was ingested or
skipped, 1 when something failed, 2 on usage errors, and its summary names the problem files.
"""

from __future__ import annotations

import errno
import os
import pathlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import dateline.ingest.files as files
import dateline.ingest.run as run
from dateline.cli import main
from dateline.config import IngestSettings
from dateline.extract import extract_page
from dateline.ingest import IngestReport, ingest
from dateline.ingest.inputs import InputRecord
from dateline.model import Source
from dateline.store import connect, list_articles, list_sources

ONE = IngestSettings(workers=1)
NO_ARTICLE = "Military Space News\nHome | About | Contact\nSubscribe Free To Our Daily Newsletters\nTweet\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _ingest(paths: list[Path], db: Path, settings: IngestSettings = ONE) -> tuple[IngestReport, dict[str, Source]]:
    report = ingest([str(p) for p in paths], db=db, settings=settings)
    conn = connect(db)
    try:
        return report, {Path(s.path).name: s for s in list_sources(conn)}
    finally:
        conn.close()


def _page(seeds_dir: Path) -> str:
    return sorted(seeds_dir.glob("*.txt"))[1].read_text(encoding="utf-8")


def _row(seeds_dir: Path, tmp_path: Path, name: str, make: Callable[[Path], None]) -> tuple[IngestReport, Source]:
    """Ingest a directory holding one good page and the bad input `name`; return its row."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(_page(seeds_dir), encoding="utf-8")
    make(inputs / name)
    report, rows = _ingest([inputs], tmp_path / "s.db")
    assert rows["good.txt"].status == "ingested"
    assert report.seen == len(rows)  # every input has its row
    return report, rows[Path(name).name]


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as fh:
            fh.truncate(size)  # instant, and takes no disk space

    return make


def _bytes(data: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


@pytest.mark.parametrize("name, make, status, reason", [
    ("empty.txt", _bytes(b""), "skipped", "empty file"),
    ("blank.txt", _bytes(b"\n \n\t\n"), "skipped", "empty file"),
    ("image.png", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8), "skipped",
     "binary file (NUL bytes), not text"),
    ("controls.dat", _bytes(bytes(range(1, 32)) * 64), "skipped", "binary file (control characters), not text"),
    ("page.html", _bytes(b"<!DOCTYPE html><html><body><p>News</p></body></html>"), "skipped",
     "no recognisable article: body too short (1 words)"),
    ("huge.txt", _sparse(100 * 1024 * 1024), "skipped",
     "file too large: 104,857,600 bytes > limit 33,554,432 (--max-bytes)"),
    ("menu.txt", _bytes(NO_ARTICLE.encode()), "skipped", "no recognisable article: no article body found"),
    ("self", _link("self"), "failed", "symlink loop"),
    ("dangling", _link("nowhere.txt"), "failed", "broken symlink"),
    ("pipe", os.mkfifo, "skipped", "not a regular file (named pipe)"),
])
def test_bad_input_is_recorded_with_status_and_reason(seeds_dir: Path, tmp_path: Path, name: str,
                                                     make: Callable[[Path], None], status: str,
                                                     reason: str) -> None:
    report, row = _row(seeds_dir, tmp_path, name, make)
    assert (row.status, row.reason, row.articles) == (status, reason, 0)
    assert row in report.problems
    assert report.ok == (status != "failed")


def test_bad_input_too_large_file_is_not_read(seeds_dir: Path, tmp_path: Path) -> None:
    """Sized before it is read: only its head is sniffed for the format, its bytes are never
    hashed, and the reason is the size, not binary."""
    _, row = _row(seeds_dir, tmp_path, "huge.txt", _sparse(100 * 1024 * 1024))
    assert (row.sha256, row.size, row.format) == ("", 100 * 1024 * 1024, "text")


@pytest.mark.parametrize("link", ["up", "sub/deeper/up"])
def test_bad_input_directory_link_to_an_ancestor_is_skipped(seeds_dir: Path, tmp_path: Path, link: str) -> None:
    def make(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(tmp_path / "in")

    report, row = _row(seeds_dir, tmp_path, link, make)
    assert (row.status, row.reason) == ("skipped", f"symlink loop: links back to {tmp_path / 'in'}, already visited")
    assert (report.seen, report.ingested, report.skipped, report.failed) == (2, 1, 1, 0)


@pytest.mark.parametrize("data, codec", [
    ("café \u201cquoted\u201d".encode("cp1252"), "cp1252"),
    (b"caf\xe9 \x81", "latin-1"),  # 0x81 is undefined in cp1252
])
def test_bad_input_invalid_utf8_is_ingested_and_the_reason_says_how(seeds_dir: Path, tmp_path: Path,
                                                                    data: bytes, codec: str) -> None:
    page = _page(seeds_dir).replace("\u2019", "'").encode("ascii", errors="replace")
    marker = page.index(b"\n\n") + 2
    _, row = _row(seeds_dir, tmp_path, "legacy.txt", _bytes(page[:marker] + data + b"\n\n" + page[marker:]))
    assert row.status == "ingested" and row.articles > 0
    assert row.reason == f"not valid UTF-8 (byte {marker + 3}); decoded as {codec}"  # after "caf"
    text = connect(tmp_path / "s.db").execute("SELECT text FROM pages WHERE source = ?", (row.path,)).fetchone()[0]
    assert data.decode(codec) in text


@pytest.fixture()
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make one file unreadable: chmod 000, or, as root (who reads it anyway), refuse its open."""
    refused: set[str] = set()
    real_open = os.open

    def guarded_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) in refused:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    def make(path: Path) -> None:
        path.write_text("Site\nHeadline\n", encoding="utf-8")
        if IS_ROOT:
            refused.add(str(path))
            monkeypatch.setattr("dateline.ingest.files.os.open", guarded_open)
        else:
            path.chmod(0)

    return make


def test_bad_input_unreadable_file_fails(seeds_dir: Path, tmp_path: Path, unreadable: Callable[[Path], None]) -> None:
    report, row = _row(seeds_dir, tmp_path, "secret.txt", unreadable)
    assert (row.status, row.reason) == ("failed", "cannot read: Permission denied")
    assert not report.ok and report.failed == 1


def test_bad_input_unreadable_directory_fails(seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def make(path: Path) -> None:
        path.mkdir()
        (path / "inside.txt").write_text(_page(seeds_dir), encoding="utf-8")
        if IS_ROOT:  # root lists a mode-000 directory anyway: refuse the listing instead
            real_iterdir = pathlib.Path.iterdir

            def guarded_iterdir(self: Path) -> Iterator[Path]:
                if self == path:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
                return real_iterdir(self)

            monkeypatch.setattr(pathlib.Path, "iterdir", guarded_iterdir)
        else:
            path.chmod(0)

    try:
        report, row = _row(seeds_dir, tmp_path, "private", make)
    finally:
        (tmp_path / "in" / "private").chmod(0o755)
    assert (row.status, row.reason) == ("failed", "cannot list directory: Permission denied")
    assert report.failed == 1


def test_bad_input_file_name_not_utf8_is_ingested_under_an_escaped_name(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    raw = os.path.join(os.fsencode(inputs), b"caf\xe9.txt")
    with open(raw, "wb") as fh:
        fh.write(_page(seeds_dir).encode())
    report, rows = _ingest([inputs], tmp_path / "s.db")
    row = rows["caf\\xe9.txt"]
    assert (row.status, report.ingested) == ("ingested", 1)
    assert row.reason == "file name is not valid UTF-8 (recorded with \\x escapes)"
    assert {a.source for a in list_articles(connect(tmp_path / "s.db"))} == {row.path}


def test_bad_input_file_deleted_after_discovery_fails(seeds_dir: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_discover = files.discover

    def discover_then_delete(paths: Any) -> Iterator[files.Found]:
        found = list(real_discover(paths))
        Path(tmp_path / "in" / "gone.txt").unlink()
        return iter(found)

    monkeypatch.setattr("dateline.ingest.run.discover", discover_then_delete)
    report, row = _row(seeds_dir, tmp_path, "gone.txt", _bytes(_page(seeds_dir).encode() + b"\nmore\n"))
    assert row.status == "failed"
    assert row.reason == "gone while ingesting: the file was deleted or moved after it was listed; run again"
    assert report.failed == 1


def test_bad_input_file_changed_between_the_passes_fails_and_a_rerun_ingests_it(
        seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(seeds_dir)
    calls: list[str] = []
    real_inputs = run._inputs

    def read_then_edit(path: str, settings: IngestSettings, from_key: str = "",
                       from_byte: int = 0) -> Iterator[InputRecord]:
        yield from real_inputs(path, settings, from_key, from_byte)
        if path.endswith("moving.txt") and not calls:  # after the first pass has read it
            calls.append(path)
            Path(path).write_text(page + "\nA late correction.\n", encoding="utf-8")

    monkeypatch.setattr(run, "_inputs", read_then_edit)
    report, row = _row(seeds_dir, tmp_path, "moving.txt", _bytes((page + "\nFirst version.\n").encode()))
    assert row.status == "failed" and row.reason.startswith("changed while ingesting")
    assert tuple(connect(tmp_path / "s.db").execute("SELECT count(*) FROM pages WHERE source = ?",
                                                    (row.path,)).fetchone()) == (0,)
    monkeypatch.undo()
    again = ingest([str(tmp_path / "in")], db=tmp_path / "s.db", settings=ONE)
    assert (again.ingested, again.unchanged, again.failed) == (1, 1, 0)


def test_bad_input_file_deleted_between_the_passes_is_reported_gone(
        seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_inputs = run._inputs

    def read_then_delete(path: str, settings: IngestSettings, from_key: str = "",
                         from_byte: int = 0) -> Iterator[InputRecord]:
        yield from real_inputs(path, settings, from_key, from_byte)
        if path.endswith("fleeting.txt") and Path(path).exists():  # after the first pass read it
            Path(path).unlink()

    monkeypatch.setattr(run, "_inputs", read_then_delete)
    report, row = _row(seeds_dir, tmp_path, "fleeting.txt",
                       _bytes((_page(seeds_dir) + "\nA short-lived copy.\n").encode()))
    assert row.status == "failed" and not report.ok
    assert row.reason == "gone while ingesting: the file was deleted or moved after it was listed; run again"


def test_bad_input_extraction_crash_fails_one_file_only(seeds_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = extract_page

    def fragile_extract(text: str, **kwargs: Any) -> Any:
        if "trigger the bug" in text:
            raise ValueError("unexpected layout")
        return real_extract(text, **kwargs)

    monkeypatch.setattr("dateline.ingest.run.extract_page", fragile_extract)
    report, row = _row(seeds_dir, tmp_path, "odd.txt", _bytes(_page(seeds_dir).encode() + b"\ntrigger the bug\n"))
    assert (row.status, row.reason) == ("failed", "cannot process: ValueError: unexpected layout")
    assert (report.ingested, report.failed) == (1, 1)


def test_bad_input_two_paths_to_one_file_ingest_it_once(seeds_dir: Path, tmp_path: Path) -> None:
    report, row = _row(seeds_dir, tmp_path, "link.txt", _link("good.txt"))
    assert (row.status, row.reason) == ("skipped", f"duplicate of {tmp_path / 'in' / 'good.txt'}")
    assert (report.ingested, report.duplicates) == (1, 1)
    assert tuple(connect(tmp_path / "s.db").execute("SELECT count(*) FROM pages").fetchone()) == (1,)


def _fts_ok(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_bad_input_changed_file_replaces_its_page_and_articles(seeds_dir: Path, tmp_path: Path) -> None:
    pages = sorted(seeds_dir.glob("*.txt"))
    target = tmp_path / "in" / "page.txt"
    target.parent.mkdir()
    target.write_text(pages[0].read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "s.db"
    ingest([str(target.parent)], db=db, settings=ONE)
    assert list_articles(connect(db), search="Kuleba")
    target.write_text(pages[1].read_text(encoding="utf-8"), encoding="utf-8")

    report = ingest([str(target.parent)], db=db, settings=ONE)

    assert (report.ingested, report.unchanged) == (1, 0)
    conn = connect(db)
    [source] = list_sources(conn)
    [(page_id, page_source)] = conn.execute("SELECT id, source FROM pages").fetchall()
    assert (source.status, page_id, page_source) == ("ingested", source.sha256, str(target))
    assert tuple(conn.execute("SELECT count(*) FROM articles WHERE page_id != ?", (page_id,)).fetchone()) == (0,)
    assert tuple(conn.execute("SELECT count(*) FROM articles").fetchone()) == (source.articles,)
    assert list_articles(conn, search="Kuleba") == []  # the old page's words left the index
    assert list_articles(conn, search='"Mao Ning"')
    _fts_ok(db)


def _dump(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        rows: list[tuple[object, ...]] = []
        for table in ("sources", "pages", "articles", "line_stats", "line_counted"):
            rows += [(table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        conn.close()


def _mixed_inputs(seeds_dir: Path, root: Path) -> Path:
    root.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    for n in range(12):
        (root / f"{n:02d}.txt").write_text(texts[n % 2] + f"\nEdition {n}.\n", encoding="utf-8")
    (root / "copy.txt").write_text(texts[0] + "\nEdition 0.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(range(256)))
    (root / "legacy.txt").write_bytes(texts[1].replace("\u2019", "'").encode("ascii", "replace") + b"\ncaf\xe9\n")
    (root / "menu.txt").write_text(NO_ARTICLE, encoding="utf-8")
    (root / "dangling").symlink_to("nowhere")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    os.mkfifo(root / "pipe")
    return root


def test_bad_input_two_workers_store_what_one_worker_stores(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = _mixed_inputs(seeds_dir, tmp_path / "in")
    one = ingest([str(inputs)], db=tmp_path / "one.db", settings=IngestSettings(workers=1))
    two = ingest([str(inputs)], db=tmp_path / "two.db", settings=IngestSettings(workers=2))
    assert (one.ingested, one.duplicates, one.skipped, one.failed) == (13, 1, 5, 1)
    assert (two.ingested, two.duplicates, two.skipped, two.failed) == (13, 1, 5, 1)
    assert _dump(tmp_path / "one.db") == _dump(tmp_path / "two.db")


# Through the command line


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_bad_input_cli_exits_1_and_names_every_problem_file(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = _mixed_inputs(seeds_dir, tmp_path / "in")
    code, out = _cli("ingest", str(inputs), "--db", str(tmp_path / "s.db"), "--workers", "2")
    assert code == 1, out
    assert "ingested 13" in out and "failed 1" in out
    for status, name, reason in [
        ("failed", "dangling", "broken symlink"),
        ("skipped", "empty.txt", "empty file"),
        ("skipped", "binary.bin", "binary file (NUL bytes), not text"),
        ("skipped", "menu.txt", "no recognisable article"),
        ("skipped", "pipe", "not a regular file (named pipe)"),
        ("skipped", os.path.join("sub", "up"), "symlink loop"),
    ]:
        assert f"  {status}: {inputs / name}: {reason}" in out, (name, out)


def test_bad_input_cli_exits_0_when_everything_was_ingested_or_skipped(seeds_dir: Path, tmp_path: Path) -> None:
    inputs = _mixed_inputs(seeds_dir, tmp_path / "in")
    (inputs / "dangling").unlink()
    with (inputs / "huge.txt").open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    code, out = _cli("ingest", str(inputs), "--db", str(tmp_path / "s.db"), "--workers", "1")
    assert code == 0, out
    assert f"  skipped: {inputs / 'huge.txt'}: file too large: 104,857,600 bytes" in out
    code, out = _cli("ingest", str(inputs), "--db", str(tmp_path / "s.db"), "--workers", "1")
    assert code == 0 and "unchanged 13" in out


def test_bad_input_cli_missing_input_fails(tmp_path: Path) -> None:
    code, out = _cli("ingest", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"))
    assert code == 1 and f"failed: {tmp_path / 'missing.txt'}: no such file" in out


@pytest.mark.parametrize("args", [
    ["ingest"],
    ["ingest", "x.txt", "--workers", "0"],
    ["ingest", "x.txt", "--max-bytes", "lots"],
    ["ingest", "x.txt", "--no-such-option"],
])
def test_bad_input_cli_usage_errors_exit_2(tmp_path: Path, args: list[str]) -> None:
    code, _ = _cli(*args, "--db", str(tmp_path / "s.db"))
    assert code == 2
    assert not (tmp_path / "s.db").exists()


_BODY = ("<p>" + "The port authority said on Monday that the north quay had reopened after two weeks "
         "of repairs to the storm wall. " * 4 + "</p>")


@pytest.mark.parametrize(("html", "why"), [
    ("<html><head><title>Quay</title></head><body>" + "<div>" * 100_000 + _BODY + "</div>" * 100_000
     + "</body></html>", "the markup nests 100,002 elements deep; the HTML parser reads 256"),
    ('<html><head><title>Quay</title></head><body><div data-x="' + "a" * 10_500_000 + '">' + _BODY
     + "</div></body></html>", "10,500,013 bytes in one tag or text; the HTML parser reads at most 10,000,000 in one attribute or text"),
], ids=["deep tree", "huge attribute"])
def test_bad_input_a_page_beyond_the_html_parser_s_limits_says_why(tmp_path: Path, html: str, why: str) -> None:
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    _, rows = _ingest([tmp_path / "page.html"], tmp_path / "s.db")
    row = rows["page.html"]
    assert row.status == "skipped"
    assert row.reason == f"no recognisable article: no article body found in HTML ({why})"


def test_bad_input_ordinary_markup_is_not_blamed_on_the_parser() -> None:
    sloppy = "<html><body>" + "<p>One more line of text" * 400 + "<ul>" + "<li>item" * 400 + "</ul></body></html>"
    assert run._beyond_parser_limits(sloppy) == ""
    assert run._beyond_parser_limits("<div>" * 200 + "</div>" * 200) == ""
