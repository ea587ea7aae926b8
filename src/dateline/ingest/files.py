"""Finding input files and turning their bytes into text, with a reason for every refusal."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Found", "Loaded", "discover", "load"]

_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Found:
    """A path met while walking the inputs; `problem` is set when it cannot be read at all."""

    path: str
    problem: str = ""


@dataclass(frozen=True, slots=True)
class Loaded:
    """A file's bytes as text, or why not.

    `reason` explains a refusal, or records a recovery such as a fallback codec.
    """

    path: str
    sha256: str
    size: int
    format: str
    text: str | None
    status: str  # "ok", "skipped" or "failed"
    reason: str = ""


def discover(paths: Iterable[str]) -> Iterator[Found]:
    """Every file under `paths` (directories recursively, sorted), each exactly once.

    Symbolic links are followed; a directory reached twice (a link loop) and a dangling or
    looping link are reported instead of followed.
    """
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[str] = set()
    for given in paths:
        yield from _walk(Path(os.path.abspath(given)), seen_dirs, seen_files)


def _walk(path: Path, seen_dirs: set[tuple[int, int]], seen_files: set[str]) -> Iterator[Found]:
    try:
        st = path.stat()
    except OSError as exc:
        yield Found(str(path), _stat_problem(path, exc))
        return
    if path.is_dir():
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            yield Found(str(path), "symlink loop: directory already visited")
            return
        seen_dirs.add(key)
        try:
            children = sorted(path.iterdir())
        except OSError as exc:
            yield Found(str(path), f"cannot list directory: {exc.strerror or exc}")
            return
        for child in children:
            yield from _walk(child, seen_dirs, seen_files)
    elif str(path) not in seen_files:
        seen_files.add(str(path))
        yield Found(str(path))


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink" if path.is_symlink() else "no such file"
    return f"cannot read: {exc.strerror or exc}"


def load(path: str, *, max_bytes: int) -> Loaded:
    """Read and decode one file. Pure apart from reading `path`."""
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return Loaded(path, "", size, "", None, "skipped",
                          f"file too large: {size:,} bytes > limit {max_bytes:,} (--max-bytes)")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return Loaded(path, "", 0, "", None, "failed", f"cannot read: {exc.strerror or exc}")
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return Loaded(path, sha, len(data), "", None, "skipped", "empty file")
    text, note = _decode(data)
    if text is None:
        return Loaded(path, sha, len(data), "binary", None, "skipped", note)
    fmt = _sniff_format(text)
    if fmt != "text":
        return Loaded(path, sha, len(data), fmt, None, "skipped", f"unsupported format: {fmt}")
    return Loaded(path, sha, len(data), fmt, text, "ok", note)


def _decode(data: bytes) -> tuple[str | None, str]:
    """Text and a note on how it was decoded; None and the reason for binary data."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), "" if codec == "utf-8-sig" else f"decoded as {codec} (BOM)"
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:_SNIFF]:
        return None, "binary file (NUL bytes), not text"
    note = ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        note = f"not valid UTF-8 (byte {exc.start}); decoded as "
        try:
            text, note = data.decode("cp1252"), note + "cp1252"
        except UnicodeDecodeError:
            text, note = data.decode("latin-1"), note + "latin-1"
    head = text[:_SNIFF]
    controls = sum(1 for c in head if ord(c) < 32 and c not in "\t\n\r\f\v")
    if controls > len(head) * 0.05:
        return None, "binary file (control characters), not text"
    return text, note


def _sniff_format(text: str) -> str:
    head = text[:1024].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<html" in head[:200]:
        return "html"
    if head.startswith("warc/"):
        return "warc"
    return "text"
