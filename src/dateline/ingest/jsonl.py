"""Reading JSONL exports (one JSON object per line, optionally gzipped) as input records.

Scrapers and news APIs name their fields differently, so each of our names (`FIELDS`) is looked
up by a dotted path that the caller may override (`--field text=content.body`). A bad line is
one failed record with its line number; reading goes on with the next line.

A reader may start at a line instead of the file's start (`line_start`), so that extracting a big
export chunk by chunk reads each line about once, not once per chunk.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import IO, Any, BinaryIO

from dateline.extract.dateline import find_date
from dateline.ingest.record import InputRecord, refused, sha256_of

__all__ = ["FIELDS", "field_paths", "line_start", "read_jsonl"]

# Our name → where it is found by default. `date` is the article's publication date;
# `crawl_date` (when it was fetched) is only filled from a field that says so.
FIELDS: Mapping[str, str] = MappingProxyType({
    "url": "url", "title": "title", "text": "text", "html": "html", "date": "date",
    "authors": "authors", "source": "source", "crawl_date": "crawl_date",
})
_AUTHOR_SPLIT = re.compile(r"\s*(?:[,;&]|\band\b)\s*", re.I)
_CHUNK = 1 << 16
_LINE_KEY = re.compile(r"line=([1-9][0-9]*)")


def field_paths(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The default paths with `overrides` applied; ValueError for a name we do not know.

    Callers (the CLI) can call this before reading, to report a mistyped `--field` at once.
    """
    paths = dict(FIELDS)
    for name, path in (overrides or {}).items():
        if name not in FIELDS:
            raise ValueError(f"unknown field {name!r}; known: {', '.join(FIELDS)}")
        if not path.strip(" ."):
            raise ValueError(f"empty path for field {name!r}")
        paths[name] = path
    return paths


def line_start(key: str, at: int) -> tuple[int, int]:
    """Where a reader can start to reach the line keyed `key` that an earlier read of the file
    found at byte `at` (its `InputRecord.start`): (byte offset, line number) for `read_jsonl`.

    The file's start, (0, 1), when `key` is no line's or `at` is unknown (0): keys number lines
    from the file's start, so a line's number can only be trusted with its offset.
    """
    m = _LINE_KEY.fullmatch(key)
    return (at, int(m.group(1))) if m and at > 0 else (0, 1)


def read_jsonl(raw: BinaryIO, *, gz: bool, fields: Mapping[str, str] | None, max_bytes: int,
               start: tuple[int, int] = (0, 1)) -> Iterator[InputRecord]:
    """One record per non-blank line; a line longer than `max_bytes` is skipped unread.

    Reading begins at byte `start[0]`, the start of line `start[1]` (see `line_start`), and the
    bytes before it are not read, so that the chunks of a big export together read it about once.
    A gzipped file is one stream that cannot be entered mid-way: it is read from its start
    whatever `start` says (the caller skips the records it does not want), and its records'
    `start` is 0.
    """
    paths = field_paths(fields)
    at, n = (0, 1) if gz else start
    if at:
        raw.seek(at)
    stream: IO[bytes] | gzip.GzipFile = gzip.GzipFile(fileobj=raw, mode="rb") if gz else raw
    while True:
        here = 0 if gz else at
        try:
            line, size = _line(stream, max_bytes)
        except (OSError, EOFError, zlib.error) as exc:
            yield refused(f"line={n}", "jsonl", "failed", _broken(exc), start=here)
            return
        at += size
        if line is None:
            yield refused(f"line={n}", "jsonl", "skipped",
                          f"line too long: over {max_bytes:,} bytes (--max-bytes)", start=here)
        elif not line:
            return
        elif line.strip():
            yield _parse(line.removeprefix(b"\xef\xbb\xbf") if n == 1 else line, n, paths, here)
        n += 1


def _line(stream: IO[bytes] | gzip.GzipFile, max_bytes: int) -> tuple[bytes | None, int]:
    """The next line (b"" at the end), or None for one over `max_bytes` (then skipped unread),
    with the bytes it took, which tell where the next line starts."""
    line = stream.readline(max_bytes + 1)
    if len(line) <= max_bytes or line.endswith(b"\n"):
        return line, len(line)
    size = len(line)
    while True:
        rest = stream.readline(_CHUNK)
        size += len(rest)
        if not rest or rest.endswith(b"\n"):
            return None, size


def _broken(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return f"truncated gzip stream: {exc}"
    return f"cannot read: {getattr(exc, 'strerror', None) or exc}"


def _parse(line: bytes, n: int, paths: Mapping[str, str], start: int) -> InputRecord:
    """Line `n`, found at byte `start`, as a record: text or HTML with its metadata, or failed
    with the reason."""
    key, own = f"line={n}", line.rstrip(b"\r\n")
    sha = sha256_of(own)
    try:
        obj = json.loads(own)
    except ValueError as exc:
        return refused(key, "jsonl", "failed", f"not JSON: {exc}", sha256=sha, start=start)
    if not isinstance(obj, dict):
        return refused(key, "jsonl", "failed", f"not a JSON object but {_kind(obj)}", sha256=sha,
                       start=start)
    found = {name: _lookup(obj, path) for name, path in paths.items()}
    html, text = _text(found["html"]), _text(found["text"])
    url = _text(found["url"])
    if html is None and text is None:
        return refused(key, "jsonl", "failed",
                       f"no text or html (looked for {paths['text']!r} and {paths['html']!r})",
                       sha256=sha, url=url, start=start)
    ctype, body = ("html", html) if html and html.strip() else ("text", text or html or "")
    crawl, crawl_note = _date(found["crawl_date"], "crawl_date")
    if not body.strip():
        return refused(key, "jsonl", "skipped", f"empty {ctype}", sha256=sha, content_type=ctype,
                       url=url, crawl_date=crawl, start=start)
    meta, notes = _metadata(found, html, text)
    reason = "; ".join(x for x in (*notes, crawl_note) if x)
    return InputRecord(key, "jsonl", ctype, body, sha, url, crawl, MappingProxyType(meta),
                       reason=reason, start=start)


def _metadata(found: Mapping[str, Any], html: str | None,
              text: str | None) -> tuple[dict[str, Any], list[str]]:
    """title, date, authors, source (and both text and html) under our names, with notes."""
    date, note = _date(found["date"], "date")
    meta: dict[str, Any] = {"title": _text(found["title"]), "date": date,
                            "authors": _authors(found["authors"]), "source": _text(found["source"]),
                            "text": text, "html": html}
    return {k: v for k, v in meta.items() if v}, [note]


def _lookup(obj: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted `path` (`content.body`, `authors.0.name`); None when absent.

    A key that itself contains dots (`"og.title"`) is found as is first.
    """
    if path in obj:
        return obj[path]
    value: Any = obj
    for part in path.split("."):
        if isinstance(value, Mapping):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _date(value: Any, name: str) -> tuple[dt.date | None, str]:
    """A date from an ISO or common written form, or epoch seconds; a note when not understood."""
    if value is None or value == "":
        return None, ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date(), ""
        except (OverflowError, OSError, ValueError):
            pass
    elif isinstance(value, str):
        found = find_date(value)
        if found is not None:
            return found, ""
    return None, f"{name} not understood: {str(value)[:60]!r}"


def _authors(value: Any) -> tuple[str, ...]:
    """Names from a list (of strings or {"name": ...}) or a string split on `,` `;` `&` `and`."""
    if isinstance(value, str):
        names = _AUTHOR_SPLIT.split(value)
    elif isinstance(value, list):
        names = [v if isinstance(v, str) else _text(v.get("name")) if isinstance(v, dict) else None
                 for v in value]
    else:
        return ()
    tidy = (" ".join(n.split()) for n in names if n)
    return tuple(dict.fromkeys(n for n in tidy if n))


def _kind(value: Any) -> str:
    return {list: "an array", str: "a string", bool: "a boolean", int: "a number",
            float: "a number"}.get(type(value), "null")
