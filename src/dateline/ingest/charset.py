"""Decoding HTML bytes: the page's declared encoding counts when its bytes are not UTF-8.

Text dumps carry no declaration, so they go straight to `files._decode` (BOM, UTF-8, then
cp1252 or latin-1). HTML pages often do: a legacy page (cp1251, Shift_JIS, latin-1) that says
so only in `<meta charset>` must not be read as cp1252.
"""

from __future__ import annotations

import codecs
import re

from dateline.ingest.files import _decode

__all__ = ["decode_html", "decode_text", "declared_charset"]

_PRESCAN = 8192
_META = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML = re.compile(rb"""<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Labels browsers read as windows-1252 (WHATWG Encoding): a page "in latin-1" uses its extras.
_AS_CP1252 = frozenset({"iso8859-1", "ascii"})


def decode_text(data: bytes) -> tuple[str | None, str]:
    """A text dump's bytes as text and a note on how; None and the reason for binary data."""
    return _decode(data)


def decode_html(data: bytes, declared: str | None = None) -> tuple[str | None, str]:
    """An HTML page's bytes as text and a note on how; None and the reason for binary data.

    Order: byte-order mark; valid UTF-8 (pages labelled latin-1 but served as UTF-8 are common,
    while legacy text that happens to be valid UTF-8 is rare); the charset `declared` by the
    transport (HTTP Content-Type), then the one the page declares (`<meta charset>`,
    `http-equiv`, `<?xml encoding>`); cp1252, then latin-1.
    """
    if data.startswith(_BOMS) or b"\x00" in data[:_PRESCAN]:
        return _decode(data)
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError as exc:
        bad = exc.start
    for label, origin in ((declared, "the HTTP Content-Type"), (declared_charset(data), "the page")):
        codec = _codec(label)
        if codec is None:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return text, f"not valid UTF-8 (byte {bad}); decoded as {codec} (declared in {origin})"
    return _decode(data)


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page names for itself in its first bytes, if any."""
    head = data[:_PRESCAN]
    m = _META.search(head) or _XML.search(head)
    return m.group(1).decode("ascii") if m else None


def _codec(label: str | None) -> str | None:
    """Python's codec for a declared charset label; None when unknown or not usable here.

    UTF-8 is left out (the bytes were just found not to be UTF-8), and so are UTF-16/32: a page
    whose bytes are ASCII-compatible enough to declare its charset in markup is not UTF-16.
    """
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(("utf-8", "utf-16", "utf-32")):
        return None
    return name
