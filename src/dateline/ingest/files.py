"""Finding input files and turning their bytes into text, with a reason for every refusal."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Found", "Loaded", "discover", "load", "recorded_path"]

_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class Found:
    """A path met while walking the inputs; `problem` is set when it is not to be read.

    `status` says what the problem makes of it: "failed" (it cannot be reached, as a dangling
    link) or "skipped" (nothing is lost, as a directory already walked by another path).
    """

    path: str
    problem: str = ""
    status: str = "failed"


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

    Symbolic links are followed; a directory reached twice (a link to an ancestor, or the same
    directory by two routes) and a dangling or looping link are reported instead of followed.
    The walk keeps its own stack rather than recursing, so no depth of nesting can stop it.
    """
    seen_dirs: dict[tuple[int, int], Path] = {}
    seen_files: set[str] = set()
    for given in paths:
        stack = [Path(os.path.abspath(given))]
        while stack:
            path = stack.pop()
            children, found = _visit(path, seen_dirs, seen_files)
            if found is not None:
                yield found
            stack.extend(reversed(children))


def _visit(path: Path, seen_dirs: dict[tuple[int, int], Path],
           seen_files: set[str]) -> tuple[list[Path], Found | None]:
    """A directory's children to walk, or what to report for `path` (None: nothing)."""
    try:
        st = path.stat()
    except OSError as exc:
        return [], Found(str(path), _stat_problem(path, exc))
    if stat.S_ISDIR(st.st_mode):
        key = (st.st_dev, st.st_ino)
        first = seen_dirs.get(key)
        if first is not None:
            return [], Found(str(path), _revisit_problem(path, first), "skipped")
        seen_dirs[key] = path
        try:
            return sorted(path.iterdir()), None
        except OSError as exc:
            return [], Found(str(path), f"cannot list directory: {exc.strerror or exc}")
    if str(path) in seen_files:
        return [], None
    seen_files.add(str(path))
    return [], Found(str(path))


def _revisit_problem(path: Path, first: Path) -> str:
    if first == path:
        return "directory given more than once"
    if first in path.parents:
        return f"symlink loop: links back to {first}, already visited"
    return f"directory already visited as {first}"


def _stat_problem(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink" if path.is_symlink() else "no such file"
    return f"cannot read: {exc.strerror or exc}"


def load(path: str, *, max_bytes: int) -> Loaded:
    """Read and decode one file. Pure apart from reading `path`.

    Only regular files are read. The file is opened without blocking and checked through its
    descriptor, so a FIFO or device (or a file swapped for one after discovery) is skipped
    instead of hanging the run, and at most `max_bytes + 1` bytes are ever read, so a file that
    grows after it was measured cannot exhaust memory.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return Loaded(path, "", 0, "", None, "failed", f"cannot read: {exc.strerror or exc}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return Loaded(path, "", 0, "", None, "skipped", f"not a regular file ({_file_kind(st.st_mode)})")
        if st.st_size > max_bytes:
            return _too_large(path, st.st_size, max_bytes)
        with open(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return Loaded(path, "", 0, "", None, "failed", f"cannot read: {exc.strerror or exc}")
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        return _too_large(path, len(data), max_bytes)
    sha = hashlib.sha256(data).hexdigest()
    if not data.strip():
        return Loaded(path, sha, len(data), "", None, "skipped", "empty file")
    text, note = _decode(data)
    if text is None:
        return Loaded(path, sha, len(data), "binary", None, "skipped", note)
    if not text.strip():
        return Loaded(path, sha, len(data), "", None, "skipped", "empty file (only a byte-order mark)")
    fmt = _sniff_format(text)
    if fmt != "text":
        return Loaded(path, sha, len(data), fmt, None, "skipped", f"unsupported format: {fmt}")
    return Loaded(path, sha, len(data), fmt, text, "ok", note)


def _too_large(path: str, size: int, max_bytes: int) -> Loaded:
    return Loaded(path, "", size, "", None, "skipped",
                  f"file too large: {size:,} bytes > limit {max_bytes:,} (--max-bytes)")


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "named pipe"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISDIR, "directory")):
        if test(mode):
            return name
    return "special file"


def recorded_path(path: str) -> str:
    """`path` as the store records it.

    SQLite text must be valid UTF-8, but POSIX file names are bytes: a name that is not UTF-8
    reaches Python with surrogate escapes and cannot be stored as is. Such bytes are kept as
    `\\xNN` escapes, so the record stays readable and distinct from other names.
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _decode(data: bytes) -> tuple[str | None, str]:
    """Text and a note on how it was decoded; None and the reason for binary data.

    Text decoded from a byte-order mark goes through the same control-character check as the
    rest: a UTF-16 BOM can open binary data (and a UTF-32 one starts with the UTF-16 mark).
    """
    text: str | None = None
    note = ""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                break
            note = "" if codec == "utf-8-sig" else f"decoded as {codec} (BOM)"
            break
    if text is None:
        if b"\x00" in data[:_SNIFF]:
            return None, "binary file (NUL bytes), not text"
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
