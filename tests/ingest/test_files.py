"""Finding input files and decoding their bytes: `discover` and `load`."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from dateline.ingest.files import Found, discover, load, recorded_path

MAX = 1024 * 1024


def _found(*paths: Path | str) -> list[Found]:
    return list(discover([str(p) for p in paths]))


def _names(found: list[Found], root: Path) -> list[str]:
    return [os.path.relpath(f.path, root) for f in found]


# discover


def test_files_discover_walks_directories_recursively_in_sorted_order(tmp_path: Path) -> None:
    for rel in ("b.txt", "a/z.txt", "a/b/c.txt", "c.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    found = _found(tmp_path)
    assert _names(found, tmp_path) == ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]
    assert all(f.problem == "" for f in found)


def test_files_discover_reports_each_file_once_when_given_twice(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    found = _found(tmp_path / "a.txt", tmp_path / "a.txt", tmp_path)
    assert _names(found, tmp_path) == ["a.txt"]


def test_files_discover_reports_a_directory_given_twice_as_skipped(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    found = _found(tmp_path / "d", tmp_path / "d")
    assert [(f.problem, f.status) for f in found] == [("", "failed"), ("directory given more than once", "skipped")]


def test_files_discover_missing_path_is_a_failure(tmp_path: Path) -> None:
    [f] = _found(tmp_path / "nope.txt")
    assert (f.problem, f.status) == ("no such file", "failed")


def test_files_discover_dangling_symlink_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone.txt")
    [f] = _found(tmp_path)
    assert (f.path, f.problem, f.status) == (str(tmp_path / "dangling"), "broken symlink", "failed")


def test_files_discover_self_link_is_a_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "self").symlink_to(tmp_path / "self")
    [f] = _found(tmp_path)
    assert (f.problem, f.status) == ("symlink loop", "failed")


def test_files_discover_link_to_ancestor_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "in" / "sub" / "up").symlink_to(tmp_path / "in")
    found = _found(tmp_path / "in")
    assert _names(found, tmp_path) == ["in/a.txt", "in/sub/up"]
    loop = found[1]
    assert loop.status == "skipped" and loop.problem.startswith("symlink loop")


def test_files_discover_directory_reached_by_two_routes_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "latest").symlink_to(tmp_path / "2024")
    found = _found(tmp_path)
    assert _names(found, tmp_path) == ["2024/a.txt", "latest"]
    assert found[1].status == "skipped" and "already visited as" in found[1].problem


# load


def _write(tmp_path: Path, data: bytes, name: str = "f.txt") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_files_load_reads_utf8_text(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, "Café — “quoted”\n".encode()), max_bytes=MAX)
    assert (loaded.status, loaded.format, loaded.text, loaded.reason) == ("ok", "text", "Café — “quoted”\n", "")
    assert loaded.size == len("Café — “quoted”\n".encode()) and len(loaded.sha256) == 64


def test_files_load_utf8_bom_is_dropped_silently(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, codecs.BOM_UTF8 + b"News\n"), max_bytes=MAX)
    assert (loaded.status, loaded.text, loaded.reason) == ("ok", "News\n", "")


@pytest.mark.parametrize("data, text, codec", [
    (b"caf\xe9 \x93quoted\x94", "café “quoted”", "cp1252"),
    (b"caf\xe9 \x81 undefined in cp1252", "café \x81 undefined in cp1252", "latin-1"),
])
def test_files_load_invalid_utf8_falls_back_and_says_so(tmp_path: Path, data: bytes, text: str,
                                                         codec: str) -> None:
    loaded = load(_write(tmp_path, data), max_bytes=MAX)
    assert (loaded.status, loaded.text) == ("ok", text)
    assert loaded.reason == f"not valid UTF-8 (byte 3); decoded as {codec}"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_files_load_utf16_with_bom(tmp_path: Path, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    loaded = load(_write(tmp_path, bom + "Kyiv (AFP) – talks\n".encode(codec)), max_bytes=MAX)
    assert (loaded.status, loaded.text) == ("ok", "Kyiv (AFP) – talks\n")
    assert loaded.reason == "decoded as utf-16 (BOM)"


@pytest.mark.parametrize("data, reason", [
    (b"text\x00with a NUL byte\n", "binary file (NUL bytes), not text"),
    ("plain".encode("utf-16-le"), "binary file (NUL bytes), not text"),  # UTF-16 without a BOM
    (bytes(range(1, 32)) * 20, "binary file (control characters), not text"),
    (b"\x01\x02\x03\x04\x05\x06 mostly control \x07\x08\x0e\x0f\x10\x11\x12\x13\x14", "binary file (control characters), not text"),
    # a UTF-32 BOM starts with the UTF-16 one; decoded as UTF-16 it is full of NUL characters
    (codecs.BOM_UTF32_LE + "some text here\n".encode("utf-32-le"), "binary file (control characters), not text"),
])
def test_files_load_binary_is_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    loaded = load(_write(tmp_path, data), max_bytes=MAX)
    assert (loaded.status, loaded.format, loaded.text, loaded.reason) == ("skipped", "binary", None, reason)


def test_files_load_a_few_control_characters_are_tolerated(tmp_path: Path) -> None:
    data = b"\x1b" + b"A long enough line of ordinary words. " * 10
    loaded = load(_write(tmp_path, data), max_bytes=MAX)
    assert loaded.status == "ok" and loaded.text == data.decode()


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\t\r\n", "empty file"),
    (codecs.BOM_UTF8, "empty file (only a byte-order mark)"),
    (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file (only a byte-order mark)"),
])
def test_files_load_empty_is_skipped(tmp_path: Path, data: bytes, reason: str) -> None:
    loaded = load(_write(tmp_path, data), max_bytes=MAX)
    assert (loaded.status, loaded.text, loaded.reason) == ("skipped", None, reason)


@pytest.mark.parametrize("head, fmt", [
    ("<!DOCTYPE html>\n<html><body>News</body></html>", "html"),
    ("  <html lang='en'><p>News</p></html>", "html"),
    ("<?xml version='1.0'?><rss></rss>", "html"),
    ("\n<head></head><html>", "html"),
    ("WARC/1.0\r\nWARC-Type: response\r\n", "warc"),
])
def test_files_load_sniffs_unsupported_formats(tmp_path: Path, head: str, fmt: str) -> None:
    loaded = load(_write(tmp_path, head.encode()), max_bytes=MAX)
    assert (loaded.status, loaded.format, loaded.text) == ("skipped", fmt, None)
    assert loaded.reason == f"unsupported format: {fmt}"


def test_files_load_text_mentioning_html_later_is_text(tmp_path: Path) -> None:
    text = b"Site\n" + b"A long line of the page. " * 10 + b"\nHow to write <html> pages\n"
    loaded = load(_write(tmp_path, text), max_bytes=MAX)
    assert (loaded.status, loaded.format) == ("ok", "text")


def test_files_load_too_large_is_skipped_by_its_size(tmp_path: Path) -> None:
    loaded = load(_write(tmp_path, b"x" * 101), max_bytes=100)
    assert (loaded.status, loaded.size, loaded.text, loaded.sha256) == ("skipped", 101, None, "")
    assert loaded.reason == "file too large: 101 bytes > limit 100 (--max-bytes)"
    assert load(_write(tmp_path, b"x" * 100), max_bytes=100).status == "ok"


def test_files_load_missing_file_fails(tmp_path: Path) -> None:
    loaded = load(str(tmp_path / "gone.txt"), max_bytes=MAX)
    assert (loaded.status, loaded.reason) == ("failed", "cannot read: No such file or directory")


def test_files_load_fifo_is_skipped_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes to it: a blocking open would hang forever
    loaded = load(str(fifo), max_bytes=MAX)
    assert (loaded.status, loaded.reason) == ("skipped", "not a regular file (named pipe)")


def test_files_load_directory_is_skipped(tmp_path: Path) -> None:
    loaded = load(str(tmp_path), max_bytes=MAX)
    assert (loaded.status, loaded.reason) == ("skipped", "not a regular file (directory)")


def test_files_load_same_bytes_same_sha(tmp_path: Path) -> None:
    a = load(_write(tmp_path, b"News page\n", "a.txt"), max_bytes=MAX)
    b = load(_write(tmp_path, b"News page\n", "b.txt"), max_bytes=MAX)
    c = load(_write(tmp_path, b"News page!\n", "c.txt"), max_bytes=MAX)
    assert a.sha256 == b.sha256 != c.sha256


def test_files_recorded_path_escapes_undecodable_bytes() -> None:
    assert recorded_path("/in/café.txt") == "/in/café.txt"
    raw = os.fsdecode(b"/in/caf\xe9.txt")
    assert recorded_path(raw) == "/in/caf\\xe9.txt"
    recorded_path(raw).encode("utf-8")  # storable
