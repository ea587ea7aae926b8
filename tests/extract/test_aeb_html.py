"""HTML extraction on the AEB benchmark's development pages (91 real pages), against trafilatura.

Our HTML path adds metadata and dateline work on top of trafilatura; this test holds it to not
costing body quality: its F1 must stay at or above trafilatura's own default `extract` on the
same pages in the same run (minus 0.005), and above the floor last reached.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import trafilatura

from dateline.extract.html import extract_html
from dateline.extract.scoring import benchmark_prf

AEB = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "aeb"
# F1 reached when this floor was set (0.9765; trafilatura's default extract 0.9622), rounded down.
F1_FLOOR = 0.97


def test_aeb_html_body_f1_not_below_trafilatura() -> None:
    if not (AEB / "ground-truth.json").is_file():
        pytest.skip(f"AEB data not found at {AEB}")
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    ours, theirs = [], []
    for pid, record in truth.items():
        html = gzip.decompress((AEB / "html" / f"{pid}.html.gz").read_bytes()).decode("utf-8", "replace")
        page = extract_html(html, source=f"{pid}.html", page_id=pid, url=record["url"])
        ours.append((page.articles[0].body if page.articles else "", record["articleBody"]))
        theirs.append((trafilatura.extract(html) or "", record["articleBody"]))
    mine, reference = benchmark_prf(ours), benchmark_prf(theirs)
    assert len(ours) == 91
    assert mine.f1 >= reference.f1 - 0.005, (mine, reference)
    assert mine.f1 >= F1_FLOOR, mine
