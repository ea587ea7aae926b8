"""An ingest SIGKILLed in the middle of a WARC file resumes to the store an uninterrupted run makes.

For real: `python -m dateline ingest DIR --workers 2 --no-analyse` runs as a subprocess over a
directory holding a WARC file (gzip per record: HTML responses, some of them copies of one
another's story, and request, 404, PDF and duplicate records) and two JSONL exports. The language
stage is left out (`--no-analyse`) to keep the test fast: what is under test is the extraction
pass, where a WARC's records are extracted in chunks of 64 and several chunks are committed
before the file's own `sources` row. The run is SIGKILLed once the store holds ingested WARC
records but not yet the WARC's row, then re-run to completion; every table and the full-text
index must equal those of an uninterrupted run. No timing is asserted: if a run finishes
before it could be killed there, the next attempt has a bigger WARC.
"""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest
from resume_helpers import assert_intact, count, dump, kill_mid_run, run
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = ("minister talks government officials said statement agreement ceasefire border trade "
         "election council security economy reporters spokesman week region troops summit "
         "parliament vote budget energy climate delegation meeting capital visit").split()
PLACES = ("Beijing", "Paris", "Washington", "Kyiv", "Nairobi", "Lima", "Tokyo", "Cairo", "Berlin")
SITES = (("Harbour Post", "harbour.example"), ("Northern Ledger", "ledger.example"),
         ("Meridian Times", "meridian.example"))
TABLES = ("sources", "records", "pages", "articles", "line_stats", "line_counted", "story_bands",
          "article_stories")
NO_ANALYSE = "--no-analyse"
# Ingested WARC records in the store, the WARC's own row not yet: killed in the middle of the WARC.
# (A transaction holds 8 chunks of 64 records, so a WARC needs more than 512 records for that.)
TRIGGER = ("SELECT 1 FROM records WHERE status = 'ingested' AND key LIKE 'offset=%'"
           " AND NOT EXISTS (SELECT 1 FROM sources WHERE path LIKE '%.warc.gz')")
ATTEMPTS = (700, 1400)  # HTML responses in the WARC


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 24))).capitalize() + "."


def _story(rnd: random.Random, n: int) -> tuple[str, list[str]]:
    headline = f"{rnd.choice(PLACES)} {rnd.choice(WORDS)} {rnd.choice(WORDS)} as story {n} unfolds"
    return headline, [" ".join(_sentence(rnd) for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(4, 8))]


def _html(site: str, headline: str, paragraphs: list[str], n: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline} | {site}</title>'
            f'<meta property="og:site_name" content="{site}">'
            f'<meta property="article:published_time" content="2024-05-{1 + n % 28:02d}"></head>'
            f'<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav>'
            f"<article><h1>{headline}</h1><p>By Staff Writers</p>{body}</article>"
            f'<aside><h2>Related</h2><ul><li><a href="/r/{n}">More news {n}</a></li></ul></aside>'
            f"<footer>Copyright 2024 {site}</footer></body></html>")


def _response(w: WARCWriter, url: str, payload: bytes, *, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8", day: int = 1) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload), length=len(payload),
                                        http_headers=headers,
                                        warc_headers_dict={"WARC-Date": f"2024-05-{day:02d}T08:00:00Z"}))


def _corpus(root: Path, pages: int) -> Path:
    """A WARC of `pages` HTML responses (a quarter near or exact copies of an earlier story on
    another site) with request, 404, PDF and duplicate records; two JSONL exports, one of them
    with copies of WARC stories and a bad line."""
    rnd = random.Random(pages)
    root.mkdir(parents=True)
    stories: list[tuple[str, list[str]]] = []
    with (root / "crawl.warc.gz").open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "test_resume_warc"}))
        for n in range(pages):
            site, host = SITES[n % len(SITES)]
            if n % 4 == 3 and stories:  # a copy of an earlier story (often in an earlier chunk)
                headline, paragraphs = rnd.choice(stories)
                paragraphs = list(paragraphs)
                if n % 8 == 3:  # a near copy: one sentence added
                    paragraphs[-1] += f" Edition {n} adds {rnd.choice(WORDS)}."
            else:
                headline, paragraphs = _story(rnd, n)
                stories.append((headline, paragraphs))
            url = f"https://{host}/world/{n}"
            request = StatusAndHeaders("GET /world HTTP/1.1", [("Host", host)], is_http_request=True)
            w.write_record(w.create_warc_record(url, "request", http_headers=request))
            _response(w, url, _html(site, headline, paragraphs, n).encode(), day=1 + n % 28)
            if n % 50 == 7:
                _response(w, f"https://{host}/gone/{n}", b"<html>gone</html>", status="404 Not Found")
                _response(w, f"https://{host}/doc/{n}.pdf", b"%PDF-1.4 ...", ctype="application/pdf")
                _response(w, f"https://{host}/again/{n}", _html(site, headline, paragraphs, n).encode())
    lines = [json.dumps({"url": f"https://feed.example/{i}", "title": h, "text": "\n\n".join(p),
                         "date": "2024-05-20", "source": "Feed"}) for i, (h, p) in enumerate(stories[:40:3])]
    lines.insert(5, "this is not json")
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    own = [json.dumps({"url": f"https://own.example/{i}", "title": h, "text": "\n\n".join(p)})
           for i, (h, p) in enumerate(_story(rnd, 10_000 + i) for i in range(30))]
    (root / "own.jsonl").write_text("\n".join(own) + "\n", encoding="utf-8")
    return root


def test_resume_mid_warc_after_sigkill_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    for attempt, pages in enumerate(ATTEMPTS):
        corpus = _corpus(tmp_path / f"corpus{attempt}", pages)
        whole, killed = tmp_path / f"whole{attempt}.db", tmp_path / f"killed{attempt}.db"
        run(corpus, whole, NO_ANALYSE, status=1)  # feed.jsonl's bad line
        warc_ingested = "SELECT count(*) FROM records WHERE status = 'ingested' AND key LIKE 'offset=%'"
        assert count(whole, warc_ingested) == pages  # every story and every copy of one
        if (kill_mid_run(corpus, killed, TRIGGER, NO_ANALYSE)
                and count(killed, "SELECT count(*) FROM sources WHERE path LIKE '%.warc.gz'") == 0):
            break
    else:
        pytest.fail("every ingest finished the WARC before it could be killed")

    assert_intact(killed)  # a kill leaves a consistent store, with only whole transactions in it
    run(corpus, killed, NO_ANALYSE, status=1)
    assert_intact(killed)
    assert_intact(whole)
    resumed, uninterrupted = dump(killed, TABLES), dump(whole, TABLES)
    for table in uninterrupted:
        assert resumed[table] == uninterrupted[table], table
