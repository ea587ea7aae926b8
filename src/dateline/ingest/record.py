"""`InputRecord`: one document read out of an input file, or why it could not be.

Kept apart from the readers so that each container reader (whole files, WARC, JSONL) builds the
same record without importing the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = ["InputRecord", "refused", "sha256_of"]


def _no_fields() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class InputRecord:
    """One document inside an input file.

    `key` names the document within its file: "" for a whole file (a text dump, an HTML page),
    "offset=<n>" for a WARC record (the byte offset of the record in the file as stored, so in
    the compressed file for `.warc.gz`), "line=<n>" (1-based) for a JSONL line. `format` is the
    container's format ("text", "html", "warc", "jsonl"); `content_type` says what `body` holds
    ("text" or "html"). `body` is None when the record was skipped or failed, and `reason` then
    says why; on an "ok" record `reason` notes a recovery such as a fallback encoding.
    `sha256` hashes the document's own bytes: the (decompressed) file, the WARC payload, the line.
    `fields` holds metadata mapped to our names (JSONL: title, date, authors, source, text, html).
    `start` is the byte offset of a plain JSONL line, where a later reader can begin to reach it
    (`read_inputs(from_key=key, from_byte=start)`); 0 where the key says it itself (a WARC record,
    see `warc.start_of`) or where only a read from the file's start reaches the record.
    """

    key: str
    format: str
    content_type: str
    body: str | None
    sha256: str
    url: str | None = None
    crawl_date: dt.date | None = None
    fields: Mapping[str, Any] = field(default_factory=_no_fields)
    status: str = "ok"
    reason: str = ""
    start: int = 0


def refused(key: str, fmt: str, status: str, reason: str, *, sha256: str = "",
            content_type: str = "", url: str | None = None,
            crawl_date: dt.date | None = None, start: int = 0) -> InputRecord:
    """A record that carries no body: skipped or failed, with the reason."""
    return InputRecord(key, fmt, content_type, None, sha256, url, crawl_date, status=status,
                       reason=reason, start=start)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
