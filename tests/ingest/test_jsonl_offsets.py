"""JSONL readers that start at a line's byte offset, and the chunked extraction built on them.

Extracting a big JSONL export goes in chunks of 64 records; each chunk's reader starts at its
first line (its offset found in the first pass) instead of the file's start, so the chunks
together read the file about once. Started at a line, a reader must give exactly what a full read
gives from that line on, keys (`line=N`) included, without touching the bytes before it. The
records are invented: sentences drawn from a small word list.
"""

from __future__ import annotations

import gzip
import io
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from resume_helpers import TABLES, Watched, dump

from dateline.config import IngestSettings
from dateline.ingest import ingest, inputs, run
from dateline.ingest.inputs import InputRecord, read_inputs
from dateline.ingest.jsonl import line_start, read_jsonl

MAX = 1 << 20
WORDS = ("quay ferry council harbour tide pier dredging berth crane pilots lighthouse keeper storm "
         "warning fishing fleet auction market ropes gulls timetable").split()


def _article(rnd: random.Random, n: int) -> str:
    """An invented article's JSON line, different for every `n`."""
    text = " ".join(f"{' '.join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 20))).capitalize()}."
                    for _ in range(rnd.randint(2, 4)))
    return json.dumps({"url": f"https://pier.example/notes/{n}", "title": f"Pier note {n}",
                       "text": f"{text} This is pier note {n}.", "date": "2024-05-02"})


def _lines(count: int) -> list[str]:
    """`count` articles with what a real export holds besides: a byte-order mark, a blank line, a
    line that is not JSON, one that is no object, a CRLF ending, and an exact copy of an earlier
    line (a duplicate, so that chunks are not runs of consecutive lines)."""
    rnd = random.Random(count)
    lines = [_article(rnd, n) for n in range(count)]
    lines[0] = "\ufeff" + lines[0]
    lines[7] = lines[7] + "\r"
    lines[count // 2] = lines[3]
    lines[20:20] = ["", '{"url": "https://pier.example/cut", "text": "half a rec', "[1, 2]"]
    return lines


def _jsonl(path: Path, lines: list[str], *, gz: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def _read(path: Path, start: tuple[int, int] = (0, 1), *, gz: bool = False,
          max_bytes: int = MAX) -> list[InputRecord]:
    with path.open("rb") as fh:
        return list(read_jsonl(fh, gz=gz, fields=None, max_bytes=max_bytes, start=start))


# a reader started at a line


def test_jsonl_offsets_a_reader_started_at_a_line_yields_the_rest(tmp_path: Path) -> None:
    lines = _lines(30)
    lines[12] = json.dumps({"text": "overlong " * 400})  # over max_bytes: skipped unread
    path = _jsonl(tmp_path / "a.jsonl", lines)
    whole = _read(path, max_bytes=1500)
    assert [r.key for r in whole] == [f"line={n}" for n in range(1, 34) if n != 21]  # 21 is blank
    assert [r.status for r in whole].count("failed") == 2 and whole[12].status == "skipped"
    data = path.read_bytes()
    for i, record in enumerate(whole):
        n = int(record.key.removeprefix("line="))
        assert record.start == (0 if n == 1 else len(b"\n".join(data.split(b"\n")[:n - 1])) + 1)
        assert _read(path, line_start(record.key, record.start), max_bytes=1500) == whole[i:]
        assert list(read_inputs(str(path), max_bytes=1500, from_key=record.key,
                                from_byte=record.start)) == whole[i:]


def test_jsonl_offsets_a_reader_started_at_a_line_reads_nothing_before_it(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", _lines(40))
    whole = _read(path)
    for i in (1, len(whole) // 2, len(whole) - 1):
        start = whole[i].start
        assert start > 0
        raw = Watched(path)
        with io.BufferedReader(raw) as fh:  # as `read_inputs` opens it
            assert list(read_jsonl(fh, gz=False, fields=None, max_bytes=MAX,
                                   start=line_start(whole[i].key, start))) == whole[i:]
        assert raw.reads and min(at for at, n in raw.reads if n) == start
        assert sum(n for _, n in raw.reads) == path.stat().st_size - start


def test_jsonl_offsets_gzip_is_read_from_the_start(tmp_path: Path) -> None:
    """One gzip stream cannot be entered mid-way: whatever the start, the whole file is read."""
    path = _jsonl(tmp_path / "a.jsonl.gz", _lines(30), gz=True)
    whole = _read(path, gz=True)
    assert len(whole) == 32 and {r.start for r in whole} == {0}
    plain = _read(_jsonl(tmp_path / "a.jsonl", _lines(30)))
    assert [r.key for r in whole] == [r.key for r in plain]
    later = plain[25]
    assert _read(path, line_start(later.key, later.start), gz=True) == whole
    assert list(read_inputs(str(path), max_bytes=MAX, from_key=later.key, from_byte=later.start)) == whole


def test_jsonl_offsets_line_start_keys() -> None:
    assert [line_start(k, at) for k, at in (("line=1", 0), ("line=5", 120), ("line=5", 0),
                                            ("offset=9", 40), ("line=0", 7), ("", 0))] == [
        (0, 1), (120, 5), (0, 1), (0, 1), (0, 1), (0, 1)]


# chunked extraction

_Edit = Callable[[Path], None]


def _ingest(path: Path, db: Path) -> run.IngestReport:
    return ingest([str(path)], db=db, settings=IngestSettings(workers=1, analyse=False))


def _whole_file_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    """As before chunks could seek: one reader over the whole file for every record."""
    monkeypatch.setattr(run, "_CHUNK", 10**6)
    monkeypatch.setattr(inputs, "line_start", lambda key, at: (0, 1))


def _edit_after_pass_one(monkeypatch: pytest.MonkeyPatch, edit: _Edit) -> None:
    """Change the file once the first pass has read it, before any chunk is extracted."""
    real = run._inputs

    def read_then_edit(path: str, settings: IngestSettings, from_key: str = "",
                       from_byte: int = 0) -> Iterator[InputRecord]:
        yield from real(path, settings, from_key, from_byte)
        if not from_key:
            edit(Path(path))

    monkeypatch.setattr(run, "_inputs", read_then_edit)


def test_jsonl_offsets_chunks_start_at_their_first_line_and_store_the_same_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _jsonl(tmp_path / "feed.jsonl", _lines(150))
    starts: list[tuple[int, int]] = []
    real = inputs.read_jsonl

    def spy(raw: Any, **kw: Any) -> Iterator[InputRecord]:
        starts.append(kw["start"])
        return real(raw, **kw)

    monkeypatch.setattr(inputs, "read_jsonl", spy)
    report = _ingest(path, tmp_path / "chunked.db")
    _whole_file_reader(monkeypatch)
    whole = _ingest(path, tmp_path / "whole.db")

    ok = [r for r in _read(path) if r.status == "ok"]
    todo = ok[:75] + ok[76:]  # the copy of line 4 (line 79) is settled as a duplicate in pass one
    assert len(todo) == 149 and starts[0] == (0, 1)
    assert starts[1:4] == [line_start(todo[at].key, todo[at].start) for at in (0, 64, 128)]
    assert starts[1] == (0, 1) and 0 < starts[2][0] < starts[3][0]
    assert (report.ingested, report.failed) == (whole.ingested, whole.failed) == (0, 1)
    assert report.records == whole.records
    assert dump(tmp_path / "chunked.db", TABLES) == dump(tmp_path / "whole.db", TABLES)
    records = dump(tmp_path / "chunked.db", ("records",))["records"]
    assert len(records) == 152  # 150 articles, a line that is not JSON and one that is no object
    failed = sorted((r[1], r[3]) for r in records if r[2] == "failed")
    assert [key for key, _ in failed] == ["line=22", "line=23"]
    assert failed[0][1].startswith("not JSON: ")


def _shift(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(json.dumps({"text": "A late notice from the harbour master."}).encode() + b"\n" + data)


def _cut(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) * 2 // 3])


@pytest.mark.parametrize("edit", [_shift, _cut], ids=["line-added-on-top", "cut-short"])
def test_jsonl_offsets_a_file_changed_between_the_passes_is_accounted_for_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: _Edit) -> None:
    """Offsets from the first pass may then point anywhere (mid-line, past the end): what is read
    there differs from the first pass, and the records fail as with a whole-file reader."""
    for name in ("chunked", "whole"):
        (tmp_path / name).mkdir()
        _jsonl(tmp_path / name / "feed.jsonl", _lines(150))
    _edit_after_pass_one(monkeypatch, edit)
    report = _ingest(tmp_path / "chunked" / "feed.jsonl", tmp_path / "chunked.db")
    _whole_file_reader(monkeypatch)
    whole = _ingest(tmp_path / "whole" / "feed.jsonl", tmp_path / "whole.db")

    assert report.records == whole.records and report.failed == whole.failed == 1
    chunked_rows, whole_rows = (dump(tmp_path / db, TABLES) for db in ("chunked.db", "whole.db"))
    # a record's url is that of what was read in its place: a whole line, or a piece of one
    outcomes = [[(r[1], r[2], str(r[3]).replace(f"/{name}/", "/"), r[6]) for r in rows["records"]]
                for name, rows in (("chunked", chunked_rows), ("whole", whole_rows))]
    assert outcomes[0] == outcomes[1]
    changed = [r for r in outcomes[0] if r[2].startswith("changed while ingesting")]
    assert len(changed) > 40  # the shifted lines, or those cut off
    assert len(chunked_rows["articles"]) == len(whole_rows["articles"])

    monkeypatch.undo()
    again = _ingest(tmp_path / "chunked" / "feed.jsonl", tmp_path / "chunked.db")
    assert again.unchanged == 0 and again.records["ok"] > 100
    rows = dump(tmp_path / "chunked.db", ("records",))["records"]
    now = {r.key for r in _read(tmp_path / "chunked" / "feed.jsonl")}  # a cut file keeps old rows
    assert not [r for r in rows if r[1] in now and str(r[3]).startswith("changed while ingesting")]
