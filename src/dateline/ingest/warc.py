"""Reading WARC files (plain or gzipped) record by record, streaming.

fastwarc parses the records, but it ends quietly where a file is cut or its gzip stream breaks.
So the bytes it reads come through `_Source`, which inflates gzip members itself (a broken or
truncated member is caught with its byte offset, and member starts give each record's offset in
the compressed file) and follows record boundaries (`_Frames`), so that a file that ends inside
a record is told from one that ends cleanly. Memory stays flat: one 64 KiB chunk at a time, and
at most one record's payload (bounded by `max_bytes`).

A reader may start at a record instead of the file's start (`start_of`), so that extracting a
big file chunk by chunk reads each byte about once, not once per chunk.
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc import ArchiveIterator, WarcRecord, WarcRecordType

from dateline.ingest.charset import decode_html
from dateline.ingest.record import InputRecord, refused, sha256_of

__all__ = ["read_warc", "start_of"]

_CHUNK = 1 << 16
_MAX_HEADER = 1 << 16
_GAP = re.compile(rb"[^\r\n\t ]")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?$", re.I | re.M)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_OFFSET_KEY = re.compile(r"offset=([0-9]+)")


class _Frames:
    """Follows WARC record boundaries in a byte stream, to tell a clean end from a cut one.

    `start` is the offset of the record being read (-1 between records); `starts` keeps the
    offsets of records not yet released by the reader; `problem` is set when the bytes stop looking like WARC records.
    """

    def __init__(self, pos: int = 0) -> None:
        self.pos = pos
        self.start = -1
        self.need = 0
        self.head = bytearray()
        self.starts: deque[int] = deque()
        self.problem = ""

    def feed(self, data: bytes) -> None:
        i, n = 0, len(data)
        while i < n and not self.problem:
            if self.need:
                take = min(self.need, n - i)
                self.need -= take
                i += take
                if not self.need:
                    self.start = -1
            elif self.start < 0:
                m = _GAP.search(data, i)
                if m is None:
                    break
                i = m.start()
                self.start = self.pos + i
                self.starts.append(self.start)
            else:
                i = self._header(data, i)
        self.pos += n

    def _header(self, data: bytes, i: int) -> int:
        """Take header bytes from `data[i:]`; returns where the record's content begins."""
        old = len(self.head)
        self.head += data[i:i + _MAX_HEADER]
        m = _HEADER_END.search(self.head, max(0, old - 3))
        if m is None:
            if len(self.head) > _MAX_HEADER:
                self.problem = "no WARC record header (no end of header within 64 KiB)"
            return len(data)
        head, self.head = bytes(self.head[:m.start()]), bytearray()
        length = _LENGTH.search(head)
        if not head.startswith(b"WARC/"):
            self.problem = "not a WARC record (no WARC/ version line)"
        elif length is None:
            self.problem = "WARC record without Content-Length"
        else:
            self.need = int(length.group(1))
            self.start = self.start if self.need else -1
        return i + m.end() - old

    def cut(self) -> str:
        """At the end of the stream: why it ends badly, or "" when it ends between records."""
        if self.problem:
            return self.problem
        return "truncated: the data ends inside this record" if self.start >= 0 else ""


class _Source:
    """The WARC bytes fastwarc reads: the file as is, or inflated member by member.

    `damage` is (offset of the damaged record in the stream, reason) once reading went wrong;
    reading then ends there, as if the file ended. Reading begins at byte `start` of the file (a
    record's start, see `start_of`), and stream offsets count from there: fastwarc takes its
    first offset from `tell`, so a plain WARC's stream offsets stay its file offsets.
    """

    def __init__(self, raw: BinaryIO, gz: bool, start: int = 0) -> None:
        self.raw, self.gz = raw, gz
        self.frames = _Frames(start)
        self.members: deque[tuple[int, int]] = deque()  # (stream offset, file offset) of members
        self.inflater: zlib._Decompress | None = None
        self.pending = b""
        self.consumed = start  # bytes of the file consumed, counted from its start
        self.damage: tuple[int, str] | None = None
        self.ended = False

    def read(self, size: int = -1) -> bytes:
        if self.ended:
            return b""
        data = self._inflate(size) if self.gz else self._plain(size)
        self.frames.feed(data)
        if not data:
            self.ended = True
            cut = self.frames.cut()
            if cut and self.damage is None:
                self._damaged(f"{cut} (at byte {self.consumed} of the file)")
        return data

    def tell(self) -> int:
        return self.frames.pos

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a WARC stream is read forwards only")

    def close(self) -> None:
        """The caller owns the file."""

    def _plain(self, size: int) -> bytes:
        try:
            data = self.raw.read(size if size > 0 else _CHUNK)
        except OSError as exc:
            self._damaged(f"cannot read at byte {self.consumed}: {exc.strerror or exc}")
            return b""
        self.consumed += len(data)
        return data

    def _inflate(self, size: int) -> bytes:
        """Up to `size` inflated bytes; b"" at the end or on damage (then `damage` says which)."""
        want = size if size > 0 else _CHUNK
        while True:
            if self.inflater is None and not self._next_member():
                return b""
            assert self.inflater is not None
            try:
                out = self.inflater.decompress(self.pending, want)
            except zlib.error as exc:
                self._damaged(f"corrupt gzip data in the member at byte {self.members[-1][1]}: {exc}")
                return b""
            left = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            self.consumed += len(self.pending) - len(left)
            self.pending = left
            if self.inflater.eof:
                self.inflater = None
            elif not self.pending and len(out) < want and not self._more():
                self._damaged(f"truncated gzip stream at byte {self.consumed}")
                return b""
            if out:
                return out

    def _next_member(self) -> bool:
        """Start inflating the next gzip member; False at a clean end or on damage."""
        if len(self.pending) < 2 and not self._more() and not self.pending:
            return False
        self.members.append((self.frames.pos, self.consumed))
        if not self.pending.startswith(b"\x1f\x8b"):
            self._damaged(f"not gzip data at byte {self.consumed}")
            return False
        self.inflater = zlib.decompressobj(31)
        return True

    def _more(self) -> bool:
        try:
            more = self.raw.read(_CHUNK)
        except OSError as exc:
            self._damaged(f"cannot read at byte {self.consumed}: {exc.strerror or exc}")
            return False
        self.pending += more
        return bool(more)

    def _damaged(self, reason: str) -> None:
        if self.damage is None:
            at = self.frames.start if self.frames.start >= 0 else self.frames.pos
            self.damage = (at, reason)
            self.ended = True

    def key(self, offset: int) -> str:
        """The record key of stream `offset`: its byte offset in the file as stored.

        A record that does not begin its own gzip member (a file compressed as one stream) is
        `offset=<member>+<bytes into the inflated member>`, which stays unique.
        """
        if not self.gz:
            return f"offset={offset}"
        start, at = 0, 0
        for stream_pos, file_pos in self.members:
            if stream_pos > offset:
                break
            start, at = stream_pos, file_pos
        return f"offset={at}" if start == offset else f"offset={at}+{offset - start}"

    def release(self, offset: int) -> None:
        """Forget gzip members and record starts before `offset` (records arrive in order)."""
        while len(self.members) > 1 and self.members[1][0] <= offset:
            self.members.popleft()
        starts = self.frames.starts
        while starts and starts[0] < offset:
            starts.popleft()

    def next_start(self, after: int) -> int:
        """The first record offset seen after `after`, else where reading stopped."""
        return next((s for s in self.frames.starts if s > after), self.frames.pos)


def start_of(key: str) -> int:
    """Where in the file a reader can start to reach the record keyed `key` (see `_Source.key`).

    A plain WARC's record, or one that begins its own gzip member (the usual gzip-per-record
    layout), starts at its offset. A record inside a bigger member (a file compressed as one gzip
    stream) can only be reached by inflating from the stream's start: 0, the whole file is read.
    """
    m = _OFFSET_KEY.fullmatch(key)
    return int(m.group(1)) if m else 0


def read_warc(raw: BinaryIO, *, gz: bool, max_bytes: int, start: int = 0) -> Iterator[InputRecord]:
    """Every record of a WARC file from byte `start` on, in order: HTML responses as html
    records, others skipped.

    `start` is 0 or a record's `start_of`; the bytes before it are not read. Records before any
    damage are kept; the damage ends the file as one failed record keyed by the offset of the
    record it hit. Each record is held back until the next one is parsed, so that a record found
    cut short is reported once, as failed, not also as read.
    """
    source = _Source(raw, gz, start)
    held: tuple[int, InputRecord] | None = None
    try:
        raw.seek(start)
        for rec in ArchiveIterator(source, parse_http=True, stream_detect=False, auto_decode="all"):
            offset = rec.stream_pos
            source.release(offset)
            try:
                out = _record(rec, source.key(offset), max_bytes)
            except Exception as exc:  # noqa: BLE001 - one bad payload must not end the file
                out = refused(source.key(offset), "warc", "failed", f"cannot read record: {exc}")
            if held is not None:
                yield held[1]
            held = (offset, out)
        while source.read(_CHUNK):  # to the end, so that a cut after the last record shows
            pass
    except Exception as exc:  # noqa: BLE001 - fastwarc's errors end the file, not the run
        if source.damage is None:
            source.damage = (source.next_start(held[0] if held else -1), f"unreadable WARC data: {exc}")
    if held is not None and (source.damage is None or held[0] < source.damage[0]):
        yield held[1]
    if source.damage is not None:
        yield refused(source.key(source.damage[0]), "warc", "failed", source.damage[1])


def _record(rec: WarcRecord, key: str, max_bytes: int) -> InputRecord:
    """One WARC record as an input record: an HTML page, or skipped with the reason."""
    url = rec.headers.get("WARC-Target-URI")
    crawl = rec.record_date.date() if rec.headers.get("WARC-Date") else None
    why = _not_a_page(rec)
    if why:
        return refused(key, "warc", "skipped", why, url=url, crawl_date=crawl)
    payload = rec.reader.read(max_bytes + 1)
    if len(payload) > max_bytes:
        return refused(key, "warc", "skipped",
                       f"record too large: over {max_bytes:,} bytes (--max-bytes)",
                       content_type="html", url=url, crawl_date=crawl)
    sha = sha256_of(payload)
    if not payload.strip():
        return refused(key, "warc", "skipped", "empty payload", sha256=sha, content_type="html",
                       url=url, crawl_date=crawl)
    body, note = decode_html(payload, rec.http_charset)
    if body is None:
        return refused(key, "warc", "skipped", note, sha256=sha, content_type="html", url=url,
                       crawl_date=crawl)
    return InputRecord(key, "warc", "html", body, sha, url, crawl, reason=note)


def _not_a_page(rec: WarcRecord) -> str:
    """Why a record is not an HTML page fetched with success; "" when it is one."""
    kind = rec.record_type
    if kind != WarcRecordType.response:
        return f"{kind} record"
    if not rec.is_http:
        return "response record without an HTTP payload"
    status = rec.http_headers.status_code
    if status != 200:
        return f"HTTP {status}" if status is not None else "HTTP response without a status"
    ctype = (rec.http_content_type or "").split(";")[0].strip().lower()
    if ctype not in _HTML_TYPES:
        return f"content type {ctype}" if ctype else "no content type"
    return ""
