"""Input readers: text, HTML, WARC and JSONL files (gzipped or not) turned into records."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import random
import tracemalloc
import zlib
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.ingest.inputs import InputRecord, detect_format, field_paths, read_inputs

MAX = 1024 * 1024
_WORDS = "talks peace minister said on Thursday Beijing Kyiv call phone envoy plan".split()
PAGE = "<!doctype html><html><head><title>Talks</title></head><body><p>{}</p></body></html>"


def _read(path: Path, *, max_bytes: int = MAX, format: str | None = None,
          fields: dict[str, str] | None = None) -> list[InputRecord]:
    return list(read_inputs(str(path), format=format, fields=fields, max_bytes=max_bytes))


def _statuses(records: list[InputRecord]) -> Counter[str]:
    return Counter(r.status for r in records)


def _response(writer: WARCWriter, url: str, body: bytes, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8", date: str = "2023-03-17T10:00:00Z") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
        warc_headers_dict={"WARC-Date": date}))


def _warc(path: Path, *, gz: bool, pages: int = 2, extras: bool = True, pad: int = 0) -> Path:
    """A WARC: warcinfo, `pages` HTML pages, then a 404, a PDF and a request record."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(pages):
            words = random.Random(i).choices(_WORDS, k=pad)  # varied, so gzip does not hide size
            text = f"Story {i} " + " ".join(words)
            _response(w, f"https://news.example/{i}", PAGE.format(text).encode(),
                      date=f"2023-03-{10 + i % 9:02d}T10:00:00Z")
        if extras:
            _response(w, "https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
            _response(w, "https://news.example/a.pdf", b"%PDF-1.4 ...", ctype="application/pdf")
            get = b"GET /0 HTTP/1.1\r\n\r\n"
            w.write_record(w.create_warc_record("https://news.example/0", "request",
                                                payload=io.BytesIO(get), length=len(get)))
    return path


# detection


@pytest.mark.parametrize("gz", [False, True])
def test_inputs_detect_format_from_content_whatever_the_name(tmp_path: Path, gz: bool) -> None:
    data = _warc(tmp_path / "x.warc", gz=gz).read_bytes()
    assert detect_format(data[:8192], "notes.txt") == "warc"
    assert detect_format(b'{"url": "u", "text": "t"}\n{"url": "v"}\n', "a.txt") == "jsonl"
    assert detect_format(b"\n<!DOCTYPE html>\n<html><p>x</p>", "page.txt") == "html"
    assert detect_format(b"<head><meta charset=utf-8>", "x") == "html"
    assert detect_format(b"Space Daily\nChina says...", "page.html") == "text"
    assert detect_format(gzip.compress(b'{"text": "t"}\n'), "dump.txt.gz") == "jsonl"
    assert detect_format(gzip.compress(b"Plain words\n"), "a.html.gz") == "text"


def test_inputs_detect_format_uses_the_name_only_to_break_ties() -> None:
    assert detect_format(b"<div>fragment</div>", "a.html") == "html"
    assert detect_format(b"<div>fragment</div>", "a.txt") == "text"
    cut = b'{"text": "' + b"x" * 100  # a first line longer than the head
    assert detect_format(cut, "a.jsonl") == "jsonl"
    assert detect_format(b"{curly notes}", "a.txt") == "text"
    assert detect_format(b"[1, 2]\n", "a.jsonl") == "text"


def test_inputs_a_warc_named_txt_is_read_as_warc(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(_warc(tmp_path / "x.warc.gz", gz=True).read_bytes())
    records = _read(path)
    assert {r.format for r in records} == {"warc"}
    assert _statuses(records) == {"ok": 2, "skipped": 4}


# WARC


@pytest.mark.parametrize("gz", [False, True])
def test_inputs_warc_accounts_for_every_record(tmp_path: Path, gz: bool) -> None:
    records = _read(_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), gz=gz))
    assert [r.status for r in records] == ["skipped", "ok", "ok", "skipped", "skipped", "skipped"]
    assert [r.reason for r in records if r.status == "skipped"] == [
        "warcinfo record", "HTTP 404", "content type application/pdf", "request record"]
    ok = [r for r in records if r.status == "ok"]
    assert [(r.url, r.crawl_date) for r in ok] == [
        ("https://news.example/0", dt.date(2023, 3, 10)), ("https://news.example/1", dt.date(2023, 3, 11))]
    assert all(r.content_type == "html" and r.body and "Story" in r.body for r in ok)
    assert len({r.key for r in records}) == len(records)
    assert records[0].key == "offset=0" and all(r.key.startswith("offset=") for r in records)


def test_inputs_warc_gz_keys_are_offsets_in_the_compressed_file(tmp_path: Path) -> None:
    path = _warc(tmp_path / "a.warc.gz", gz=True)
    data = path.read_bytes()
    for record in _read(path):
        offset = int(record.key.removeprefix("offset="))
        member = zlib.decompressobj(31).decompress(data[offset:])
        assert member.startswith(b"WARC/1")
        if record.url and record.status == "ok":
            assert record.url.encode() in member


def test_inputs_warc_payload_hash_and_legacy_charset_from_http_header(tmp_path: Path) -> None:
    body = PAGE.format("Привет, мир").encode("cp1251")
    with (tmp_path / "a.warc").open("wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://ru.example/", body,
                  ctype="text/html; charset=windows-1251")
    (record,) = _read(tmp_path / "a.warc")
    assert record.status == "ok" and record.body is not None and "Привет, мир" in record.body
    assert "HTTP Content-Type" in record.reason
    import hashlib
    assert record.sha256 == hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize("cut_in", ["payload", "header"])
def test_inputs_truncated_warc_gz_keeps_earlier_records_and_fails_at_the_cut(
        tmp_path: Path, cut_in: str) -> None:
    whole = _read(_warc(tmp_path / "whole.warc.gz", gz=True, extras=False, pages=3))
    data = (tmp_path / "whole.warc.gz").read_bytes()
    last = int(whole[-1].key.removeprefix("offset="))
    cut = last + (len(data) - last) // 2 if cut_in == "payload" else last + 12
    (tmp_path / "cut.warc.gz").write_bytes(data[:cut])
    records = _read(tmp_path / "cut.warc.gz")
    assert records[:-1] == whole[:-1]
    assert records[-1].status == "failed" and records[-1].key == f"offset={last}"
    assert records[-1].reason == f"truncated gzip stream at byte {cut}"


@pytest.mark.parametrize("cut_at", [60, 400])
def test_inputs_truncated_plain_warc_fails_at_the_cut_record(tmp_path: Path, cut_at: int) -> None:
    whole = _read(_warc(tmp_path / "whole.warc", gz=False, extras=False, pages=3))
    data = (tmp_path / "whole.warc").read_bytes()
    last = int(whole[-1].key.removeprefix("offset="))
    (tmp_path / "cut.warc").write_bytes(data[:last + cut_at])
    records = _read(tmp_path / "cut.warc")
    assert records[:-1] == whole[:-1]
    assert (records[-1].status, records[-1].key) == ("failed", f"offset={last}")
    assert "truncated" in records[-1].reason


def test_inputs_corrupt_warc_gz_member_fails_with_its_offset_and_reading_goes_on(tmp_path: Path) -> None:
    whole = _read(_warc(tmp_path / "whole.warc.gz", gz=True, extras=False, pages=3))
    data = bytearray((tmp_path / "whole.warc.gz").read_bytes())
    bad = int(whole[2].key.removeprefix("offset="))
    data[bad + 20:bad + 40] = b"\xff" * 20
    (tmp_path / "bad.warc.gz").write_bytes(bytes(data))
    records = _read(tmp_path / "bad.warc.gz")
    assert records[:2] == whole[:2] and records[3:] == whole[3:]
    assert len(records) == len(whole) and records[2].status == "failed"
    assert records[2].key == f"offset={bad}" and "gzip" in records[2].reason


def test_inputs_warc_gzipped_as_one_stream_keeps_unique_keys(tmp_path: Path) -> None:
    plain = _warc(tmp_path / "a.warc", gz=False).read_bytes()
    (tmp_path / "one.warc.gz").write_bytes(gzip.compress(plain))
    records = _read(tmp_path / "one.warc.gz")
    assert _statuses(records) == {"ok": 2, "skipped": 4}
    assert len({r.key for r in records}) == len(records)
    assert [r.body for r in records] == [r.body for r in _read(tmp_path / "a.warc")]


def test_inputs_warc_trailing_garbage_is_a_failed_record(tmp_path: Path) -> None:
    data = _warc(tmp_path / "a.warc.gz", gz=True).read_bytes()
    (tmp_path / "b.warc.gz").write_bytes(data + b"not gzip at all")
    records = _read(tmp_path / "b.warc.gz")
    assert _statuses(records) == {"ok": 2, "skipped": 4, "failed": 1}
    assert records[-1].key == f"offset={len(data)}"
    assert records[-1].reason == f"not gzip data at byte {len(data)}"


def test_inputs_warc_payload_over_max_bytes_is_skipped(tmp_path: Path) -> None:
    records = _read(_warc(tmp_path / "a.warc", gz=False, pad=200), max_bytes=1000)
    assert _statuses(records) == {"skipped": 6}
    assert sum("record too large" in r.reason for r in records) == 2


def _peak(path: Path) -> int:
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_inputs(str(path), max_bytes=MAX))
        assert count > 100
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("gz", [False, True])
def test_inputs_warc_memory_does_not_grow_with_the_file(tmp_path: Path, gz: bool) -> None:
    small = _warc(tmp_path / "1x.warc", gz=gz, pages=250, pad=600)
    large = _warc(tmp_path / "4x.warc", gz=gz, pages=1000, pad=600)
    assert large.stat().st_size > 3.5 * small.stat().st_size
    _peak(small)  # warm up imports and caches
    one, four = _peak(small), _peak(large)
    assert four < one * 1.5 + 64 * 1024, (one, four)


# JSONL


def _jsonl(path: Path, lines: list[str], gz: bool = False) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_inputs_jsonl_default_mapping_and_bad_lines(tmp_path: Path, gz: bool) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [
        json.dumps({"url": "https://a.example/1", "title": "Talks", "text": "Body one.",
                    "date": "2023-03-17T08:00:00Z", "authors": "Ann Lee and Bo Chen, Cy Diaz",
                    "source": "Space Daily"}),
        "",
        json.dumps({"text": "plain", "html": "<p>rich</p>", "authors": ["Ann Lee", {"name": "Bo"}]}),
        "[1, 2, 3]",
        "{not json",
        json.dumps({"title": "no body"}),
        json.dumps({"text": "   "}),
    ], gz=gz)
    records = _read(path)
    assert [(r.key, r.status) for r in records] == [
        ("line=1", "ok"), ("line=3", "ok"), ("line=4", "failed"), ("line=5", "failed"),
        ("line=6", "failed"), ("line=7", "skipped")]
    first, second = records[0], records[1]
    assert (first.content_type, first.body, first.url) == ("text", "Body one.", "https://a.example/1")
    assert dict(first.fields) == {"title": "Talks", "date": dt.date(2023, 3, 17), "text": "Body one.",
                                  "authors": ("Ann Lee", "Bo Chen", "Cy Diaz"), "source": "Space Daily"}
    assert first.crawl_date is None
    assert (second.content_type, second.body) == ("html", "<p>rich</p>")
    assert second.fields["authors"] == ("Ann Lee", "Bo") and second.fields["text"] == "plain"
    assert records[2].reason == "not a JSON object but an array"
    assert records[3].reason.startswith("not JSON")
    assert records[4].reason.startswith("no text or html")
    assert {r.format for r in records} == {"jsonl"}


def test_inputs_jsonl_field_overrides_follow_dotted_paths(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [json.dumps({
        "headline": "Talks", "content": {"body": "Body."}, "meta": {"fetched": "March 18, 2023"},
        "byline": [{"name": "Ann Lee"}], "published": "2023-03-17"})])
    (record,) = _read(path, fields={"text": "content.body", "title": "headline",
                                    "crawl_date": "meta.fetched", "authors": "byline",
                                    "date": "published"})
    assert (record.status, record.body, record.crawl_date) == ("ok", "Body.", dt.date(2023, 3, 18))
    assert record.fields["title"] == "Talks" and record.fields["authors"] == ("Ann Lee",)
    assert record.fields["date"] == dt.date(2023, 3, 17)
    with pytest.raises(ValueError, match="unknown field"):
        field_paths({"body": "x"})


def test_inputs_jsonl_unparsed_date_is_noted_not_fatal(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [json.dumps({"text": "x", "date": "someday"})])
    (record,) = _read(path)
    assert record.status == "ok" and "date" not in record.fields
    assert "date not understood" in record.reason


def test_inputs_truncated_jsonl_gz_keeps_earlier_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"story {i} " + "words " * 50}) for i in range(40)]
    data = _jsonl(tmp_path / "a.jsonl.gz", lines, gz=True).read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    records = _read(tmp_path / "cut.jsonl.gz")
    assert all(r.status == "ok" for r in records[:-1]) and len(records) > 2
    assert records[-1].status == "failed" and records[-1].key == f"line={len(records)}"
    assert records[-1].reason.startswith("truncated gzip stream")


def test_inputs_jsonl_overlong_line_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "a.jsonl", [json.dumps({"text": "x" * 5000}), json.dumps({"text": "y"})])
    records = _read(path, max_bytes=1000)
    assert [(r.key, r.status) for r in records] == [("line=1", "skipped"), ("line=2", "ok")]


# whole files


def test_inputs_html_in_a_legacy_encoding_declared_only_in_meta(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1251"><title>Новости</title></head><body>Мир</body></html>'
    (tmp_path / "a.html").write_bytes(page.encode("cp1251"))
    (record,) = _read(tmp_path / "a.html")
    assert (record.status, record.format, record.content_type, record.body) == ("ok", "html", "html", page)
    assert "decoded as cp1251 (declared in the page)" in record.reason
    equiv = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">é'
    (tmp_path / "b.html").write_bytes(equiv.encode("latin-1"))
    assert _read(tmp_path / "b.html")[0].body == equiv


def test_inputs_html_that_is_valid_utf8_ignores_a_wrong_declaration(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body>Zürich</body></html>'
    (tmp_path / "a.html").write_bytes(page.encode("utf-8"))
    (record,) = _read(tmp_path / "a.html")
    assert (record.body, record.reason) == (page, "")


def test_inputs_empty_html_page_is_skipped_as_empty(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"  \n")
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b""))
    for name in ("a.html", "b.html.gz"):
        (record,) = _read(tmp_path / name)
        assert (record.status, record.reason, record.body) == ("skipped", "empty file", None)
    (tmp_path / "c.html").write_bytes(b"<html><body></body></html>")
    assert _read(tmp_path / "c.html")[0].status == "ok"  # markup without text: extraction decides


def test_inputs_gzip_text_dump_and_limits(tmp_path: Path) -> None:
    text = "Space Daily\n\nChina says talks\n\nBeijing (AFP) March 17, 2023 - Words.\n"
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(text.encode()))
    (record,) = _read(tmp_path / "a.txt.gz")
    assert (record.status, record.format, record.content_type, record.body, record.key) == (
        "ok", "text", "text", text, "")
    (tmp_path / "long.txt.gz").write_bytes(gzip.compress(text.encode() * 50))
    (big,) = _read(tmp_path / "long.txt.gz", max_bytes=len(text) * 20)
    assert big.status == "skipped" and "too large" in big.reason and "decompressed" in big.reason
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(text.encode())[:-12])
    (cut,) = _read(tmp_path / "b.txt.gz")
    assert cut.status == "failed" and cut.reason.startswith("truncated gzip stream")


def test_inputs_text_fallback_encoding_and_oversize(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Café society\n".encode("cp1252"))
    (record,) = _read(tmp_path / "a.txt")
    assert record.body == "Café society\n" and "decoded as cp1252" in record.reason
    (big,) = _read(tmp_path / "a.txt", max_bytes=4)
    assert big.status == "skipped" and big.reason.startswith("file too large: 13 bytes")


def test_inputs_unreadable_paths_are_one_record_each(tmp_path: Path) -> None:
    (missing,) = _read(tmp_path / "nope.warc")
    assert (missing.key, missing.status) == ("", "failed") and "cannot read" in missing.reason
    (directory,) = _read(tmp_path)
    assert directory.status == "skipped" and "not a regular file" in directory.reason
    with pytest.raises(ValueError, match="unknown format"):
        _read(tmp_path / "nope.warc", format="pdf")


def test_inputs_forced_format_overrides_detection(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("<html><body>x</body></html>", encoding="utf-8")
    assert _read(tmp_path / "a.txt")[0].format == "html"
    assert _read(tmp_path / "a.txt", format="text")[0].format == "text"


def test_inputs_warc_record_without_length_is_failed_once(tmp_path: Path) -> None:
    good = _warc(tmp_path / "a.warc", gz=False, extras=False, pages=1).read_bytes()
    (tmp_path / "b.warc").write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxxxx")
    records = _read(tmp_path / "b.warc")
    assert [r.status for r in records] == ["skipped", "ok", "failed"]
    assert records[-1].key == f"offset={len(good)}"
    assert records[-1].reason.startswith("WARC record without Content-Length")
