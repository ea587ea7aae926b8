"""Inputs named by URI (`s3://bucket/key`, `gs://…`, `hdfs://…`, `file:///…`), read through pyarrow's
file systems.

pyarrow is already a dependency (the Parquet output) and its file systems are maintained with
it: S3 (and S3-compatible stores), Google Cloud Storage, HDFS, Azure and local files, with the
usual credential chains (environment, profile, instance role). `smart_open`, in the locks only
because spaCy's tooling pulls it in, would need boto3 for S3; Hadoop's own `s3a://` needs jars
that PySpark does not ship. So a URI input costs no new dependency.

The readers (`dateline.ingest.inputs`) take local paths and seek in them (a WARC chunk is read
from its first record), so a task copies the object it reads to its scratch directory, streamed,
reads the copy with the embedded ingest's functions, records the file under its URI, and
deletes the copy. Each pass reads the object once, as the embedded ingest reads a file once
per pass.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["is_uri", "list_uri", "local_copy", "read_text", "resolve"]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_COPY_CHUNK = 1 << 20


def is_uri(path: str) -> bool:
    """True for `scheme://…` (a local path has no scheme)."""
    return bool(_SCHEME.match(path))


def _fs(uri: str) -> tuple[Any, str]:
    from pyarrow import fs  # type: ignore[import-untyped]

    filesystem, path = fs.FileSystem.from_uri(uri)
    return filesystem, str(path)


def list_uri(uri: str) -> list[str]:
    """The files a URI names: itself if it is a file, else every file under it (recursively,
    sorted, as `discover` walks a directory). Raises OSError when it names nothing."""
    from pyarrow import fs

    filesystem, root = _fs(uri)
    info = filesystem.get_file_info(root)
    if info.type == fs.FileType.File:
        return [uri]
    if info.type != fs.FileType.Directory:
        raise FileNotFoundError(f"no such file or directory: {uri}")
    base = uri.rstrip("/")
    root = root.rstrip("/")
    found = filesystem.get_file_info(fs.FileSelector(root, recursive=True))
    return [base + i.path[len(root):] for i in sorted(found, key=lambda i: i.path) if i.type == fs.FileType.File]


def read_text(uri: str) -> str:
    """A small text object's contents (a list of inputs), gunzipped when its name ends in .gz."""
    import gzip

    filesystem, path = _fs(uri)
    with filesystem.open_input_stream(path, compression=None) as fh:
        data = fh.read()
    return (gzip.decompress(data) if uri.endswith(".gz") else data).decode("utf-8")


def resolve(base: str, line: str) -> str:
    """An entry of a list at URI `base`: itself when absolute (a URI or a path), else relative
    to the list's folder."""
    if is_uri(line) or os.path.isabs(line):
        return line
    return base.rsplit("/", 1)[0] + "/" + line


@contextmanager
def local_copy(uri: str, directory: str | None = None) -> Iterator[str]:
    """The object at `uri` copied to a local file (streamed, as it is: no decompression), for the
    length of the block; the copy is deleted after it."""
    import shutil

    filesystem, path = _fs(uri)
    folder = tempfile.mkdtemp(dir=directory)
    local = os.path.join(folder, os.path.basename(path.rstrip("/")) or "input")  # its name hints its format
    try:
        with open(local, "wb") as out, filesystem.open_input_stream(path, compression=None) as fh:
            while chunk := fh.read(_COPY_CHUNK):
                out.write(chunk)
        yield local
    finally:
        shutil.rmtree(folder, ignore_errors=True)
