"""A small generated corpus for the Spark tests: a WARC of news pages with wire copies (an exact
copy on another site and an edited one), a page fetched twice, and a file that cannot be read.

Every sentence here is written for these tests.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_PAGE = ("<!doctype html><html><head><title>{title}</title>"
         '<meta property="article:published_time" content="{date}"></head><body><article><h1>{title}</h1>'
         "{paragraphs}</article><footer>{site} - all rights reserved</footer></body></html>")

_STORIES = {
    "harbour": [
        "The foreign minister of Norway met her Chilean counterpart in Oslo on Tuesday to discuss a "
        "fisheries agreement that has been stalled for two years.",
        "\u201cWe are closer than we have ever been,\u201d the Norwegian minister told reporters after "
        "the meeting, adding that both teams would meet again next month.",
        "Chile has asked for quotas that reflect the migration of stocks further south, officials "
        "said, while Norway wants a joint monitoring body with inspectors from both countries.",
        "The talks were the third round this year and followed a visit by a Chilean trade delegation "
        "to the northern port of Tromso in the spring.",
    ],
    "grid": [
        "Kenya and Ethiopia signed an agreement on Wednesday to build a second power line across "
        "their border, the energy ministries of both countries said in a joint statement.",
        "The line will carry hydroelectric power from Ethiopian dams to Nairobi and is expected to "
        "be finished within three years, according to the statement.",
        "\u201cThis connection will lower prices for families and factories alike,\u201d the Kenyan "
        "energy minister said at the signing ceremony in Addis Ababa.",
        "Engineers from both countries will survey the route before the end of the year, and the "
        "African Development Bank has offered to finance part of the work.",
    ],
    "drought": [
        "Farmers in southern Spain protested in Seville on Thursday against new limits on water "
        "drawn from the Guadalquivir river during the drought.",
        "Regional officials said the limits were needed to keep drinking water flowing to towns "
        "until the autumn rains, and promised compensation for the worst hit growers.",
        "A spokesman for the farmers said the compensation offered so far covered less than a "
        "third of the losses expected on olive and citrus farms this season.",
    ],
}


def _html(story: str, *, site: str, title: str, date: str, edit: bool = False) -> bytes:
    paragraphs = list(_STORIES[story])
    if edit:  # what syndication does: a trimmed last paragraph and another headline
        paragraphs[-1] = paragraphs[-1].split(",")[0] + "."
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return _PAGE.format(title=title, date=date, paragraphs=body, site=site).encode("utf-8")


def _response(writer: WARCWriter, url: str, body: bytes, *, date: str, status: str = "200 OK",
              ctype: str = "text/html; charset=utf-8") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
        warc_headers_dict={"WARC-Date": date}))


def write_warc(path: Path) -> Path:
    """A gzipped WARC: three stories, an exact wire copy, an edited wire copy, the same page
    fetched twice, a 404 and a PDF."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "dateline tests"}))
        pages = [
            ("https://north.example/world/fisheries-talks", "harbour", "north.example",
             "Norway and Chile edge closer on fisheries deal", "2024-05-14"),
            ("https://east.example/energy/power-line", "grid", "east.example",
             "Kenya and Ethiopia agree second power line", "2024-05-15"),
            ("https://south.example/spain/water", "drought", "south.example",
             "Spanish farmers protest water limits", "2024-05-16"),
            ("https://wire.example/fisheries", "harbour", "wire.example",
             "Oslo talks: fisheries deal closer", "2024-05-14"),
            ("https://daily.example/africa/power", "grid", "daily.example",
             "Power line deal signed in Addis Ababa", "2024-05-16"),
        ]
        for n, (url, story, site, title, date) in enumerate(pages):
            _response(w, url, _html(story, site=site, title=title, date=date, edit=n == 4),
                      date=f"{date}T08:00:00Z")
        # the same page fetched twice: the second record is a duplicate of the first
        _response(w, pages[2][0] + "?again", _html("drought", site="south.example", title=pages[2][3],
                                                    date="2024-05-16"), date="2024-05-16T09:00:00Z")
        _response(w, "https://north.example/gone", b"<html>gone</html>", date="2024-05-16T09:00:00Z",
                  status="404 Not Found")
        _response(w, "https://north.example/report.pdf", b"%PDF-1.4 ...", date="2024-05-16T09:00:00Z",
                  ctype="application/pdf")
    return path


def write_corpus(folder: Path) -> list[Path]:
    """The generated inputs: the WARC, and a gzip file cut short (it cannot be read)."""
    folder.mkdir(parents=True, exist_ok=True)
    warc = write_warc(folder / "crawl.warc.gz")
    broken = folder / "broken.warc.gz"
    broken.write_bytes(warc.read_bytes()[:700])
    return [warc, broken]
