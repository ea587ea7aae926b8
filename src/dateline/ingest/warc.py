"""Reading WARC files (plain or gzipped) record by record, streaming, through damage.

We frame the records ourselves and hand fastwarc one record at a time, so that whatever goes
wrong inside a record (a payload that claims gzip but is not, a broken chunked encoding, a
payload too large to read) costs that record and no other. Framing is also where damage shows:
`_Source` inflates gzip members itself (a broken or truncated member is caught with its byte
offset, and member starts give each record's offset in the compressed file), and a record is
only taken as read once its block ended where its Content-Length said and the next bytes are
another record or the end of the file. When they are not, the reader resynchronises on the next
`WARC/1.x` version line: a record whose header has no usable Content-Length, or whose length
runs over the next record, is one failed record, and so is each stretch of garbage between
records. In a `.warc.gz`, a broken or foreign gzip member is one failed record too, and reading
goes on at the next member that inflates to a record. Memory stays flat: one 64 KiB chunk at a time, and at most one record's payload
(bounded by `max_bytes`).

A reader may start at a record instead of the file's start (`start_of`), so that extracting a
big file chunk by chunk reads each byte about once, not once per chunk. Framing depends only on
the bytes from a record on, so a reader started there sees what a reader from the start sees.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from fastwarc import ArchiveIterator, WarcRecord, WarcRecordType

from dateline.ingest.charset import decode_html
from dateline.ingest.record import InputRecord, refused, sha256_of

__all__ = ["read_warc", "start_of"]

_CHUNK = 1 << 16
_MAX_HEADER = 1 << 16
_NOT_SPACE = re.compile(rb"[^\r\n\t ]")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$", re.I | re.M)
_VERSION_LINE = re.compile(rb"WARC/1\.[0-9]\r?\n")
_OVERLAP = 12  # longer than a version line, so a search across two chunks misses none
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_OFFSET_KEY = re.compile(r"offset=([0-9]+)")


class _Source:
    """The WARC bytes: the file as is, or inflated member by member, with a look-ahead buffer.

    `pos` is the stream offset of the first unconsumed byte (`buf[0]`). Stream offsets count from
    byte `start` of the file (a record's start, see `start_of`), so a plain WARC's stream offsets
    are its file offsets; `members` maps a gzip member's first stream offset to its file offset.
    `damage` says why the bytes stopped early (a broken gzip member, a read error): the stream
    then ends there, as if the file ended. `rewind` goes back to an earlier offset of the current
    record (to look inside a block whose length proved wrong): it seeks the file, and for gzip
    inflates again from the member that holds the offset.
    """

    def __init__(self, raw: BinaryIO, gz: bool, start: int = 0) -> None:
        self.raw, self.gz = raw, gz
        self.members: list[tuple[int, int]] = []  # (stream offset, file offset), ascending
        self.buf = bytearray()
        self._reset(start, start)

    def _reset(self, pos: int, file_pos: int) -> None:
        self.raw.seek(file_pos)
        self.pos = pos
        self.buf.clear()
        self.inflater: zlib._Decompress | None = None
        self.pending = b""
        self.consumed = file_pos  # bytes of the file consumed, counted from its start
        self.damage = ""
        self.ended = False

    # reading

    def _fill(self) -> bool:
        """Append the next chunk to `buf`; False at the end of the stream (or at damage)."""
        if self.ended:
            return False
        data = self._inflate() if self.gz else self._plain()
        if not data:
            self.ended = True
            return False
        self.buf += data
        return True

    def peek(self, n: int) -> bytes:
        while len(self.buf) < n and self._fill():
            pass
        return bytes(self.buf[:n])

    def take(self, n: int) -> bytes:
        """Up to `n` bytes, consumed; b"" only at the end of the stream."""
        if not self.buf and not self._fill():
            return b""
        out = bytes(self.buf[:n])
        del self.buf[:n]
        self.pos += len(out)
        return out

    def skip_space(self) -> bool:
        """Drop the whitespace between records; False when the stream ends first."""
        while True:
            m = _NOT_SPACE.search(self.buf)
            gap = m.start() if m is not None else len(self.buf)
            self.pos += gap
            del self.buf[:gap]
            if self.buf:
                return True
            if not self._fill():
                return False

    def header(self) -> bytes | None:
        """The record header at `pos` through its blank line, not consumed; None when there is no
        end of header within 64 KiB or before the stream ends."""
        seen = 0
        while True:
            m = _HEADER_END.search(self.buf, max(0, seen - 3), _MAX_HEADER + 4)
            if m is not None:
                return bytes(self.buf[:m.end()])
            seen = len(self.buf)
            if seen > _MAX_HEADER or not self._fill():
                return None

    def scan(self, limit: int | None = None) -> bool:
        """Consume bytes up to the next `WARC/1.x` version line starting before stream offset
        `limit` (any, when None); True when found (`pos` is then at it)."""
        while True:
            end = len(self.buf) if limit is None else max(0, min(len(self.buf), limit - self.pos))
            m = _VERSION_LINE.search(self.buf, 0, end + _OVERLAP)
            if m is not None and m.start() < end:
                self.pos += m.start()
                del self.buf[:m.start()]
                return True
            drop = max(0, end - _OVERLAP) if end == len(self.buf) else end
            self.pos += drop
            del self.buf[:drop]
            if (limit is not None and self.pos >= limit) or not self._fill():
                if limit is None or not self.buf:
                    self.pos += len(self.buf)
                    self.buf.clear()
                return False

    def rewind(self, pos: int) -> None:
        """Go back to stream offset `pos` (not before the current record's start)."""
        if not self.gz:
            self._reset(pos, pos)
            return
        stream_pos, file_pos = max((m for m in self.members if m[0] <= pos), default=(pos, pos))
        self._reset(stream_pos, file_pos)
        while self.pos < pos and self.take(pos - self.pos):
            pass

    def resume(self) -> bool:
        """After damage in a `.warc.gz`, go on at the next gzip member that holds a WARC record;
        False when there is none (or the file is plain, where damage is the end of the data).

        A member is found by its magic bytes and taken only when it inflates to `WARC/`, so that
        the same bytes inside compressed data are not mistaken for one.
        """
        if not self.gz or not self.damage or not self.members:
            return False
        found = self._find_member(self.members[-1][1] + 1)
        if found < 0:
            return False
        self.pos += len(self.buf)
        self.buf.clear()
        self.raw.seek(found)
        self.inflater, self.pending, self.consumed = None, b"", found
        self.damage, self.ended = "", False
        return True

    def _find_member(self, at: int) -> int:
        """The file offset of the first gzip member from byte `at` on that starts a WARC record."""
        try:
            self.raw.seek(at)
            window = self.raw.read(_CHUNK * 2)
            while window:
                i = window.find(b"\x1f\x8b\x08")
                while i >= 0:
                    more = b"" if len(window) - i >= _CHUNK else self.raw.read(_CHUNK)
                    window += more
                    try:
                        head = zlib.decompressobj(31).decompress(window[i:i + _CHUNK], 5)
                    except zlib.error:
                        head = b""
                    if head == b"WARC/":
                        return at + i
                    i = window.find(b"\x1f\x8b\x08", i + 1)
                keep = window[-2:]
                at += len(window) - len(keep)
                more = self.raw.read(_CHUNK * 2)
                window = keep + more if more else b""
        except OSError:
            pass
        return -1

    def _plain(self) -> bytes:
        try:
            data = self.raw.read(_CHUNK)
        except OSError as exc:
            self._damaged(f"cannot read at byte {self.consumed}: {exc.strerror or exc}")
            return b""
        self.consumed += len(data)
        return data

    def _inflate(self) -> bytes:
        """The next inflated bytes; b"" at the end or on damage (then `damage` says which)."""
        while True:
            if self.inflater is None and not self._next_member():
                return b""
            assert self.inflater is not None
            try:
                out = self.inflater.decompress(self.pending, _CHUNK)
            except zlib.error as exc:
                self._damaged(f"corrupt gzip data in the member at byte {self.members[-1][1]}: {exc}")
                return b""
            left = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
            self.consumed += len(self.pending) - len(left)
            self.pending = left
            if self.inflater.eof:
                self.inflater = None
            elif not self.pending and len(out) < _CHUNK and not self._more():
                self._damaged(f"truncated gzip stream at byte {self.consumed}")
                return b""
            if out:
                return out

    def _next_member(self) -> bool:
        """Start inflating the next gzip member; False at a clean end or on damage."""
        if len(self.pending) < 2 and not self._more() and not self.pending:
            return False
        member = (self.pos + len(self.buf), self.consumed)
        if self.members and self.members[-1][0] == member[0]:
            self.members[-1] = member  # the one before gave no bytes (damage, then `resume`)
        elif not self.members or self.members[-1][0] < member[0]:
            self.members.append(member)
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
        self.damage = self.damage or reason
        self.ended = True

    # record keys

    def key(self, offset: int) -> str:
        """The record key of stream `offset`: its byte offset in the file as stored.

        A record that does not begin its own gzip member (a file compressed as one stream) is
        `offset=<member>+<bytes into the inflated member>`, which stays unique.
        """
        if not self.gz:
            return f"offset={offset}"
        start, at = offset, offset
        for stream_pos, file_pos in self.members:
            if stream_pos > offset:
                break
            start, at = stream_pos, file_pos
        return f"offset={at}" if start == offset else f"offset={at}+{offset - start}"

    def release(self, offset: int) -> None:
        """Forget gzip members before the one holding `offset` (records arrive in order)."""
        keep = sum(1 for m in self.members if m[0] <= offset)
        if keep > 1:
            del self.members[:keep - 1]

    def cut(self) -> str:
        """Why the stream ended inside a record."""
        return self.damage or f"truncated: the data ends inside this record (at byte {self.consumed} of the file)"


class _Block:
    """One record for fastwarc: its header, then at most `length` bytes of its block from the
    source, then the blank lines that close a record. `left` > 0 afterwards when the stream
    ended inside the block."""

    def __init__(self, source: _Source, head: bytes, length: int) -> None:
        self.source, self.head, self.left = source, head, length
        self.tail = b"\r\n\r\n"
        self.given = 0

    def read(self, size: int = -1) -> bytes:
        size = size if size > 0 else _CHUNK
        if self.head:
            out, self.head = self.head[:size], self.head[size:]
        elif self.left:
            out = self.source.take(min(size, self.left))
            self.left -= len(out)
            if not out:
                self.tail = b""
        else:
            out, self.tail = self.tail[:size], self.tail[size:]
        self.given += len(out)
        return out

    def drain(self) -> None:
        """Consume what fastwarc left of the block, without holding it."""
        while self.left:
            got = len(self.source.take(min(_CHUNK, self.left)))
            if not got:
                return
            self.left -= got

    def tell(self) -> int:
        return self.given

    def seek(self, offset: int, whence: int = 0) -> int:
        raise OSError("a WARC record is read forwards only")

    def close(self) -> None:
        """The source owns the file."""


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
    records, others skipped, damaged ones failed (one record for each damage, keyed by the
    offset where it starts), then reading goes on at the next record.

    `start` is 0 or a record's `start_of`; the bytes before it are not read.
    """
    source = _Source(raw, gz, start)
    while True:
        if not source.skip_space():
            if not source.damage:
                return
            yield refused(source.key(source.pos), "warc", "failed", source.damage)
            if not source.resume():
                return
            continue
        at = source.pos
        source.release(at)
        head = source.header()
        if head is None and source.ended and (source.damage or _may_be_header(source.peek(5))):
            yield refused(source.key(at), "warc", "failed", source.cut())
            if not source.resume():
                return
            continue
        if head is None or not head.startswith(b"WARC/"):
            yield refused(source.key(at), "warc", "failed",
                          "not a WARC record (no WARC/ version line)"
                          if not source.peek(5).startswith(b"WARC/") else
                          "no WARC record header (no end of header within 64 KiB)")
            source.take(1)
            source.scan()
            continue
        length = _length(head)
        if isinstance(length, str):
            yield refused(source.key(at), "warc", "failed", length)
            source.take(len(head))
            source.scan()
            continue
        source.take(len(head))
        block_start = source.pos
        block = _Block(source, head, length)
        out = _parse(block, source.key(at), max_bytes)
        block.drain()
        if block.left and source.damage:
            yield refused(source.key(at), "warc", "failed", source.damage)
            if not source.resume():
                return
            continue
        if block.left or not _next_is_record(source):
            # The block ran to the end of the data, or other bytes follow it: either the length
            # is wrong (a record begins inside the block) or the record is sound.
            cut, end = (source.cut() if block.left else ""), source.pos
            source.rewind(block_start)
            if source.scan(end):
                yield refused(source.key(at), "warc", "failed",
                              f"WARC record without Content-Length (its {length:,} bytes run "
                              "over the next record)")
                continue
            if cut:
                yield refused(source.key(at), "warc", "failed", cut)
                return
        yield out


def _length(head: bytes) -> int | str:
    """A header's Content-Length, or why there is none to trust."""
    m = _LENGTH.search(head)
    if m is None:
        return "WARC record without Content-Length"
    value = m.group(1)
    if not value.isdigit() or len(value) > 18:
        shown = value[:24].decode("ascii", "replace")
        return f"WARC record without Content-Length (it gives {shown!r}, not a length)"
    return int(value)


def _may_be_header(first: bytes) -> bool:
    """Whether a record's first bytes are (the start of) a `WARC/` version line."""
    return first.startswith(b"WARC/") or b"WARC/".startswith(first)


def _next_is_record(source: _Source) -> bool:
    """Whether the bytes after a block are another record's start, or the end of the data."""
    if not source.skip_space():
        return True
    return source.peek(5) == b"WARC/"


def _parse(block: _Block, key: str, max_bytes: int) -> InputRecord:
    """One record read by fastwarc; whatever it raises fails this record only."""
    try:
        records = ArchiveIterator(block, parse_http=True, stream_detect=False, auto_decode="all")
        rec = next(iter(records), None)
        if rec is None:
            return refused(key, "warc", "failed", "unreadable WARC record header")
        return _record(rec, key, max_bytes)
    except Exception as exc:  # noqa: BLE001 - one bad payload must not end the file
        return refused(key, "warc", "failed", f"cannot read record: {exc}")


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
