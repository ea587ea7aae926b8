"""Input readers: one input file in, its documents out as `InputRecord`s. No store, no extraction.

A file is a text dump, an HTML page, a WARC file or a JSONL export, each optionally gzipped, and
its format is told from its content (a WARC named `.txt` is still a WARC); the name only breaks
ties. Bad input never raises: every document, and every problem, is a record with a reason.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import zlib
from collections.abc import Generator, Mapping
from typing import BinaryIO

from dateline.ingest.charset import decode_html, decode_text
from dateline.ingest.files import _file_kind
from dateline.ingest.jsonl import FIELDS, field_paths, line_start, read_jsonl
from dateline.ingest.record import InputRecord, refused, sha256_of
from dateline.ingest.warc import read_warc, start_of

__all__ = ["FIELDS", "FORMATS", "InputRecord", "detect_format", "field_paths", "read_inputs"]

FORMATS = ("text", "html", "warc", "jsonl")
_GZIP = b"\x1f\x8b"
_SNIFF = 8192
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<body", "<meta", "<title")
_NAME_HINTS = {".warc": "warc", ".arc": "warc", ".jsonl": "jsonl", ".ndjson": "jsonl",
               ".json": "jsonl", ".html": "html", ".htm": "html", ".xhtml": "html",
               ".txt": "text", ".text": "text"}


def detect_format(head: bytes, name: str) -> str:
    """"text", "html", "warc" or "jsonl" from a file's first bytes; `name` only breaks ties.

    Gzip is looked through: a `.gz` file's format is that of what it holds.
    """
    if head.startswith(_GZIP):
        try:
            head = zlib.decompressobj(31).decompress(head, 8 * _SNIFF)
        except zlib.error:
            head = b""
    hint = _name_hint(name)
    text = _sniff_text(head).lstrip("\ufeff \t\r\n")
    if text.startswith("WARC/"):
        return "warc"
    if text.startswith("{"):
        verdict = _jsonl_verdict(text)
        if verdict or (verdict is None and (text.startswith('{"') or hint == "jsonl")):
            return "jsonl"
    low = text[:1024].lower()
    if low.startswith(_HTML_STARTS) or "<html" in low or (low.startswith("<") and hint == "html"):
        return "html"
    return "text"


def _name_hint(name: str) -> str:
    """The format a file name suggests ("" for none), `.gz` looked through."""
    base = name.lower().removesuffix(".gz")
    return next((fmt for ext, fmt in _NAME_HINTS.items() if base.endswith(ext)), "")


def _sniff_text(head: bytes) -> str:
    """The first bytes as text, well enough to recognise markup, JSON and WARC headers."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    return head.decode("utf-8", "replace")


def _jsonl_verdict(text: str) -> bool | None:
    """Whether the first line is a JSON object; None when it may be cut short by the head.

    Only the first line counts: a JSONL file with a bad line later is still JSONL.
    """
    first, _, rest = text.partition("\n")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return None if not rest else False


def read_inputs(path: str, *, format: str | None = None, fields: Mapping[str, str] | None = None,
                max_bytes: int, from_key: str = "",
                from_byte: int = 0) -> Generator[InputRecord, None, None]:
    """The documents of one input file, in order, each ok, skipped or failed with a reason.

    `format` forces one of `FORMATS` (ValueError otherwise); `fields` overrides where JSONL
    fields are found (see `field_paths`). `max_bytes` bounds what is held in memory: a whole
    file (text, HTML; decompressed size for `.gz`), a WARC payload, a JSONL line. WARC and
    JSONL files are streamed, whatever their size.

    `from_key` is the key of the first record the caller wants, and `from_byte` its `start` as
    an earlier read of the file gave it: the file is then read from that record on when it can
    be, so that earlier records may be left out. A WARC record's key says where it starts (see
    `warc.start_of`); a JSONL line's needs `from_byte` (see `jsonl.line_start`). A file
    compressed as one gzip stream, and any other format, is read from its start.
    """
    if format is not None and format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")
    opened = _open(path)
    if isinstance(opened, InputRecord):
        yield opened
        return
    fh, size = opened
    with fh:
        try:
            head = fh.read(_SNIFF)
            fh.seek(0)
        except OSError as exc:
            yield refused("", format or "", "failed", f"cannot read: {exc.strerror or exc}")
            return
        fmt = format or detect_format(head, os.path.basename(path))
        gz = head.startswith(_GZIP)
        if fmt == "warc":
            yield from read_warc(fh, gz=gz, max_bytes=max_bytes, start=start_of(from_key))
        elif fmt == "jsonl":
            yield from read_jsonl(fh, gz=gz, fields=fields, max_bytes=max_bytes,
                                  start=line_start(from_key, from_byte))
        else:
            yield _whole(fh, fmt, gz=gz, size=size, max_bytes=max_bytes)


def _open(path: str) -> tuple[BinaryIO, int] | InputRecord:
    """The file opened for reading and its size, or the record saying why it cannot be read.

    Opened without blocking and checked through its descriptor, as `files.load` does, so a
    FIFO or device is skipped instead of hanging the run.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return refused("", "", "failed", f"cannot read: {exc.strerror or exc}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            return refused("", "", "skipped", f"not a regular file ({_file_kind(st.st_mode)})")
        return open(fd, "rb"), st.st_size
    except OSError as exc:
        os.close(fd)
        return refused("", "", "failed", f"cannot read: {exc.strerror or exc}")


def _whole(fh: BinaryIO, fmt: str, *, gz: bool, size: int, max_bytes: int) -> InputRecord:
    """A text dump or an HTML page (gzipped or not) as one record."""
    if size > max_bytes:
        return refused("", fmt, "skipped",
                       f"file too large: {size:,} bytes > limit {max_bytes:,} (--max-bytes)")
    try:
        data = (gzip.GzipFile(fileobj=fh, mode="rb") if gz else fh).read(max_bytes + 1)
    except EOFError as exc:
        return refused("", fmt, "failed", f"truncated gzip stream: {exc}")
    except (OSError, zlib.error) as exc:
        return refused("", fmt, "failed", f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    if len(data) > max_bytes:
        return refused("", fmt, "skipped", f"file too large: over {max_bytes:,} bytes "
                       f"decompressed > limit {max_bytes:,} (--max-bytes)")
    sha = sha256_of(data)
    if not data.strip():
        return refused("", fmt, "skipped", "empty file", sha256=sha, content_type=fmt)
    text, note = decode_html(data) if fmt == "html" else decode_text(data)
    if text is None:
        return refused("", fmt, "skipped", note, sha256=sha, content_type=fmt)
    if not text.strip():
        return refused("", fmt, "skipped", "empty file (only a byte-order mark)", sha256=sha,
                       content_type=fmt)
    return InputRecord("", fmt, fmt, text, sha, reason=note)
