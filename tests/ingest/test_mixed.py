"""A mixed directory (text dump, HTML, gzipped HTML, WARC, JSONL) ingested in one run."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.store import connect, list_articles, list_records, list_sources

BODY = (
    "The foreign ministers of Norway and Chile met in Oslo on Tuesday to discuss a joint proposal on "
    "fisheries monitoring in the South Pacific, officials from both governments said.\n\n"
    "The talks lasted three hours and ended with an agreement to set up a technical working group "
    "that will report back before the end of the year, according to a statement from Oslo.\n\n"
    "\"We came here to listen and we leave with a plan,\" the Chilean minister told reporters after "
    "the meeting, adding that the two navies would share satellite data from next month."
)
OTHER = (
    "Kenya and Tanzania signed an agreement on Friday to build a new rail link between their ports, "
    "the two governments said in a joint statement issued in Nairobi.\n\n"
    "Work on the line is due to begin next year and will be financed by a consortium of regional "
    "banks, the statement said, without giving the cost of the project."
)
HTML = """<!DOCTYPE html><html><head><title>{title} | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post"><meta name="date" content="2024-05-14"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{paras}</article><footer>Copyright 2024 Harbour Post</footer></body></html>"""


def _html(title: str, body: str) -> str:
    return HTML.format(title=title, paras="".join(f"<p>{p}</p>" for p in body.split("\n\n")))


def _response(w: WARCWriter, url: str, html: str, status: str = "200 OK", ctype: str = "text/html") -> None:
    data = html.encode()
    headers = StatusAndHeaders(status, [("Content-Type", f"{ctype}; charset=utf-8")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(data), length=len(data),
                                        http_headers=headers,
                                        warc_headers_dict={"WARC-Date": "2024-05-15T08:00:00Z"}))


@pytest.fixture(scope="module")
def mixed(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, sqlite3.Connection]:
    root = tmp_path_factory.mktemp("mixed")
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "dump.txt").write_text(next(iter(sorted(seeds_dir.glob("*.txt")))).read_text(encoding="utf-8"))
    (inputs / "page.html").write_text(_html("Norway and Chile agree fisheries plan", BODY), encoding="utf-8")
    (inputs / "other.html.gz").write_bytes(gzip.compress(_html("Kenya and Tanzania sign rail deal", OTHER).encode()))
    with (inputs / "crawl.warc.gz").open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
        _response(w, "https://wire.example/norway-chile", _html("Oslo talks end with fisheries plan", BODY))
        _response(w, "https://wire.example/missing", "<html>gone</html>", status="404 Not Found")
    lines = [json.dumps({"url": "https://feed.example/1", "title": "Norway, Chile agree plan", "text": BODY,
                         "date": "2024-05-14", "authors": "Ana Soto and Lars Berg", "source": "Feed"}),
             "this is not json", json.dumps(["not", "an", "object"])]
    (inputs / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = root / "mixed.db"
    report = ingest([str(inputs)], db=db, settings=IngestSettings(workers=1, analyse=False))
    assert report.failed == 1  # the JSONL file, for its two bad lines
    conn = connect(db)
    return inputs, conn


def test_mixed_every_file_and_record_is_accounted_for(mixed: tuple[Path, sqlite3.Connection]) -> None:
    inputs, conn = mixed
    sources = {Path(s.path).name: s for s in list_sources(conn)}
    assert {n: s.format for n, s in sources.items()} == {
        "dump.txt": "text", "page.html": "html", "other.html.gz": "html", "crawl.warc.gz": "warc",
        "export.jsonl": "jsonl"}
    assert sources["crawl.warc.gz"].reason == "3 records: 1 ingested, 2 skipped, 0 failed"
    assert sources["export.jsonl"].status == "failed"
    records = list_records(conn)
    by_source: dict[str, list[str]] = {}
    for r in records:
        by_source.setdefault(Path(str(r["source"])).name, []).append(str(r["status"]))
    assert sorted(by_source["export.jsonl"]) == ["failed", "failed", "ingested"]
    assert all(r["reason"] for r in records if r["status"] != "ingested")


def test_mixed_articles_have_the_same_fields_and_their_urls(mixed: tuple[Path, sqlite3.Connection]) -> None:
    _, conn = mixed
    mains = {a.headline: a for a in list_articles(conn, kind=None, all_copies=True) if a.kind == "main"}
    warc = mains["Oslo talks end with fisheries plan"]
    assert warc.url == "https://wire.example/norway-chile" and warc.crawl_date is not None
    feed = mains["Norway, Chile agree plan"]
    assert (feed.url, feed.authors, feed.site) == ("https://feed.example/1", ("Ana Soto", "Lars Berg"), "Feed")
    assert mains["Kenya and Tanzania sign rail deal"].body.startswith("Kenya and Tanzania signed")


def test_mixed_wire_copies_form_one_story_listed_once(mixed: tuple[Path, sqlite3.Connection]) -> None:
    _, conn = mixed
    copies = [a for a in list_articles(conn, all_copies=True) if "fisheries" in a.body and a.kind == "main"]
    assert len(copies) == 3 and len({a.story_id for a in copies}) == 1
    assert {a.copies for a in copies} == {3}
    shown = [a for a in list_articles(conn) if "fisheries" in a.body and a.kind == "main"]
    assert len(shown) == 1
    assert [a for a in list_articles(conn) if "rail link" in a.body]  # a different story stays apart
