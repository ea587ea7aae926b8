"""Inputs named by URI: listed and read through pyarrow's file systems (`dateline.spark.remote`),
then ingested by the same task functions as local files, recorded under their URI. `file://`
URIs take the same path as `s3://` ones (pyarrow's `FileSystem.from_uri`), without a network."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest
from spark_corpus import write_corpus

from dateline.config import IngestSettings
from dateline.spark.job import _files, expand_inputs
from dateline.spark.remote import is_uri, list_uri, local_copy, resolve
from dateline.spark.tasks import FileItem, extract_file, scan_file

_SETTINGS = IngestSettings()


def _rows(item: FileItem) -> list[tuple[str, Any]]:
    _, scan = scan_file(item, _SETTINGS)
    return sorted(extract_file(item, scan, {}, {}, _SETTINGS), key=repr)


def _renamed(rows: list[tuple[str, Any]], old: str, new: str) -> list[tuple[str, Any]]:
    return sorted(((t, tuple(v.replace(old, new) if isinstance(v, str) else v for v in row)) for t, row in rows),
                  key=repr)


def test_is_uri_tells_a_scheme_from_a_path() -> None:
    assert is_uri("s3://bucket/crawl/a.warc.gz") and is_uri("file:///tmp/a") and is_uri("hdfs://nn:8020/x")
    assert not is_uri("/tmp/a.warc.gz") and not is_uri("crawl/a.warc.gz") and not is_uri("C:\\data")


def test_list_uri_walks_a_folder_sorted_and_names_a_file_itself(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/2.warc.gz", "a.txt", "b/1.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    base = tmp_path.as_uri()
    assert list_uri(base + "/") == [f"{base}/a.txt", f"{base}/b/1.html", f"{base}/b/2.warc.gz"]
    assert list_uri(f"{base}/a.txt") == [f"{base}/a.txt"]
    with pytest.raises(OSError):
        list_uri(f"{base}/missing")


def test_a_list_at_a_uri_names_inputs_relative_to_itself(tmp_path: Path) -> None:
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(b"# inputs\none.warc.gz\ns3://other/two.warc.gz\n/abs/three.warc\n"))
    base = tmp_path.as_uri()
    assert expand_inputs([listing.as_uri()]) == [f"{base}/one.warc.gz", "s3://other/two.warc.gz", "/abs/three.warc"]
    assert resolve("s3://b/lists/x.paths", "crawl/a.warc.gz") == "s3://b/lists/crawl/a.warc.gz"


def test_uris_and_paths_keep_the_order_given_and_a_missing_uri_is_a_failed_input(tmp_path: Path) -> None:
    (tmp_path / "local.txt").write_text("x", encoding="utf-8")
    remote = tmp_path / "remote"
    remote.mkdir()
    (remote / "r.txt").write_text("y", encoding="utf-8")
    files = _files([str(tmp_path / "local.txt"), remote.as_uri(), f"{remote.as_uri()}/gone.warc.gz"])
    assert [(f.number, f.path) for f in files] == [
        (0, str(tmp_path / "local.txt")), (1, f"{remote.as_uri()}/r.txt"), (2, f"{remote.as_uri()}/gone.warc.gz")]
    assert [bool(f.problem) for f in files] == [False, False, True]
    rows = _rows(files[2])
    assert [(t, r[0], r[4]) for t, r in rows] == [("sources", f"{remote.as_uri()}/gone.warc.gz", "failed")]
    assert rows[0][1][5].startswith("cannot read")


def test_a_warc_read_by_uri_gives_the_rows_of_the_same_file_read_by_path(tmp_path: Path) -> None:
    warc, broken = write_corpus(tmp_path / "corpus")
    for path in (warc, broken):
        by_path = _rows(FileItem(0, str(path)))
        by_uri = _rows(FileItem(0, path.as_uri()))
        assert by_uri == _renamed(by_path, str(path), path.as_uri())
        assert any(t == "sources" and r[0] == path.as_uri() for t, r in by_uri)
    assert any(t == "articles" for t, _ in _rows(FileItem(0, warc.as_uri())))


def test_a_local_copy_is_the_object_byte_for_byte_and_is_removed_after(tmp_path: Path) -> None:
    data = gzip.compress(b"WARC/1.0\r\n" * 1000)  # compressed bytes stay compressed
    (tmp_path / "x.warc.gz").write_bytes(data)
    with local_copy((tmp_path / "x.warc.gz").as_uri(), str(tmp_path)) as local:
        assert Path(local).read_bytes() == data and local.endswith("x.warc.gz")
    assert not Path(local).exists()
