"""WARC readers that start at a record's offset, and the chunked extraction built on them.

Extracting a big WARC goes in chunks of 64 records; each chunk's reader starts at its first
record instead of the file's start, so the chunks together read the file about once. Started at
a record, a reader must give exactly what a full read gives from that record on, without touching
the bytes before it. The pages are invented: sentences drawn from a small word list.
"""

from __future__ import annotations

import gzip
import io
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from resume_helpers import TABLES, Watched, dump
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import IngestSettings
from dateline.ingest import ingest, inputs, run
from dateline.ingest.inputs import InputRecord, read_inputs
from dateline.ingest.warc import read_warc, start_of

MAX = 1 << 20
WORDS = ("harbour council ferry timetable bridge repairs mayor said residents vote budget port "
         "workers strike talks river flood barrier museum reopened festival tram line").split()


def _page(rnd: random.Random, n: int) -> bytes:
    """An invented news page, different for every `n`."""
    paras = "".join(f"<p>{' '.join(rnd.choice(WORDS) for _ in range(rnd.randint(14, 22))).capitalize()}.</p>"
                    for _ in range(rnd.randint(3, 5)))
    return (f"<!DOCTYPE html><html><head><title>Harbour report {n} | Quay Courier</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>Harbour report {n}: council weighs ferry plan</h1>"
            f"{paras}<p>This is report {n} of the series.</p></article><footer>Quay Courier</footer>"
            f"</body></html>").encode()


def _response(w: WARCWriter, url: str, payload: bytes, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload), length=len(payload),
                                        http_headers=http,
                                        warc_headers_dict={"WARC-Date": "2024-06-03T07:00:00Z"}))


def _warc(path: Path, pages: int, *, gz: bool = True) -> Path:
    """A WARC of `pages` HTML responses, each after a request record, with a 404 every tenth page
    and one exact copy of an earlier page, so that chunks are not runs of consecutive records."""
    rnd = random.Random(pages)
    first = b""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test_warc_offsets"}))
        for n in range(pages):
            url = f"https://quay.example/harbour/{n}"
            get = f"GET /harbour/{n} HTTP/1.1\r\n\r\n".encode()
            w.write_record(w.create_warc_record(url, "request", payload=io.BytesIO(get), length=len(get)))
            payload = first if n == pages // 2 else _page(rnd, n)
            first = first or payload
            _response(w, url, payload)
            if n % 10 == 9:
                _response(w, f"{url}/gone", b"<html>gone</html>", status="404 Not Found")
    return path


def _read(path: Path, gz: bool, start: int = 0) -> list[InputRecord]:
    with path.open("rb") as fh:
        return list(read_warc(fh, gz=gz, max_bytes=MAX, start=start))


# a reader started at a record


@pytest.mark.parametrize("gz", [False, True])
def test_warc_offsets_a_reader_started_at_a_record_yields_the_rest(tmp_path: Path, gz: bool) -> None:
    path = _warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), 12, gz=gz)
    whole = _read(path, gz)
    assert all("+" not in r.key for r in whole)  # a plain file, or gzip member per record
    for i, record in enumerate(whole):
        assert _read(path, gz, start_of(record.key)) == whole[i:]
        assert list(read_inputs(str(path), max_bytes=MAX, from_key=record.key)) == whole[i:]


@pytest.mark.parametrize("gz", [False, True])
def test_warc_offsets_a_reader_started_at_a_record_reads_nothing_before_it(tmp_path: Path, gz: bool) -> None:
    path = _warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), 12, gz=gz)
    whole = _read(path, gz)
    for i in (1, len(whole) // 2, len(whole) - 1):
        start = start_of(whole[i].key)
        assert start > 0
        with Watched(path) as fh:
            assert list(read_warc(fh, gz=gz, max_bytes=MAX, start=start)) == whole[i:]
        assert fh.reads and min(at for at, n in fh.reads if n) == start
        assert sum(n for _, n in fh.reads) == path.stat().st_size - start


def test_warc_offsets_a_cut_file_read_from_a_record_fails_where_a_full_read_does(tmp_path: Path) -> None:
    data = _warc(tmp_path / "whole.warc.gz", 6).read_bytes()
    last = int(_read(tmp_path / "whole.warc.gz", True)[-1].key.removeprefix("offset="))
    cut = last + (len(data) - last) // 2
    (tmp_path / "cut.warc.gz").write_bytes(data[:cut])
    whole = _read(tmp_path / "cut.warc.gz", True)
    assert (whole[-1].status, whole[-1].key) == ("failed", f"offset={last}")
    assert whole[-1].reason == f"truncated gzip stream at byte {cut}"
    assert _read(tmp_path / "cut.warc.gz", True, start_of(whole[3].key)) == whole[3:]


def test_warc_offsets_one_gzip_stream_is_read_from_the_start(tmp_path: Path) -> None:
    """A record inside one big gzip member cannot be reached by seeking: the whole file is read."""
    plain = _warc(tmp_path / "a.warc", 5, gz=False).read_bytes()
    (tmp_path / "one.warc.gz").write_bytes(gzip.compress(plain))
    whole = _read(tmp_path / "one.warc.gz", True)
    later = whole[4].key
    assert "+" in later and start_of(later) == 0
    assert list(read_inputs(str(tmp_path / "one.warc.gz"), max_bytes=MAX, from_key=later)) == whole


def test_warc_offsets_start_of_keys() -> None:
    assert [start_of(k) for k in ("offset=0", "offset=1234", "offset=99+512", "", "line=3")] == [0, 1234, 0, 0, 0]


# chunked extraction


def _ingest(warc: Path, db: Path) -> run.IngestReport:
    return ingest([str(warc)], db=db, settings=IngestSettings(workers=1, analyse=False))


def test_warc_offsets_chunks_seek_to_their_first_record_and_store_the_same_rows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warc = _warc(tmp_path / "crawl.warc.gz", 140)
    starts: list[int] = []
    real = inputs.read_warc

    def spy(raw: Any, **kw: Any) -> Iterator[InputRecord]:
        starts.append(kw.get("start", 0))
        return real(raw, **kw)

    monkeypatch.setattr(inputs, "read_warc", spy)
    report = _ingest(warc, tmp_path / "chunked.db")
    # the reference: as before, one reader over the whole file for every record
    monkeypatch.setattr(run, "_CHUNK", 10**6)
    monkeypatch.setattr(inputs, "start_of", lambda key: 0)
    whole = _ingest(warc, tmp_path / "whole.db")

    ok = [r for r in _read(warc, True) if r.status == "ok"]
    todo = ok[:70] + ok[71:]  # page 70 is a copy of page 0, settled as a duplicate in pass one
    assert len(todo) == 139 and starts[0] == 0
    assert starts[1:4] == [start_of(todo[at].key) for at in (0, 64, 128)]
    assert 0 < starts[1] < starts[2] < starts[3]
    assert (report.ingested, report.failed) == (whole.ingested, whole.failed) == (1, 0)
    assert report.records == whole.records
    assert dump(tmp_path / "chunked.db", TABLES) == dump(tmp_path / "whole.db", TABLES)
    records = dump(tmp_path / "chunked.db", ("records",))["records"]
    assert len(records) == 1 + 140 * 2 + 14  # warcinfo, request and response per page, 404s
