"""No filter combination makes a page or an API route fail: every answer is a 200, or a 400
naming the parameter (404 for an unknown actor on its page). Parameters are drawn at random
(seeded, so a failure repeats) from valid values and hostile ones, for every route at once."""

from __future__ import annotations

import random
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.web.api import Listing, endpoints
from dateline.web.app import ServeSettings, create_app
from dateline.web.routes import all_routes

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

HOSTILE = ["", " ", "0", "-1", "1e9", "999999999999999999999", "²", "NaN", "true", "maybe", "'", '"', '"unbalanced',
           "AND", "a::b", "NEAR(", "*", "%", "_", "\\", "' OR 1=1 --", "<script>alert(1)</script>", "\u202e\u0645",
           "\x00", "x" * 1001, "2023-02-30", "2023-13-01", "9999-12-31", "0001-01-01", "2023-03", "CHN", "chn",
           "China", "Xi", "Xi Jinping", "Qin Gang", "04", "042", "12345", "abc", "1", "4", "5", "-date", "date",
           "name", "-events", "speaker", "year,month", "speaker,nope", "main", "teaser", "asserted", "ingested"]
PAGE_PARAMS = {
    "/": ["search", "site", "kind", "since", "until", "speaker", "country", "sort"],
    "/articles": ["search", "site", "kind", "since", "until", "all_copies", "sort", "page"],
    "/quotes": ["search", "speaker", "country", "site", "since", "until", "teasers", "sort", "page"],
    "/events": ["source", "target", "code", "quad", "modality", "since", "until", "teasers", "sort", "page"],
    "/actors": ["search", "country", "kind", "sort", "page"],
    "/actors/China": ["with", "code", "keyword", "teasers", "sort", "page"],
}


@pytest.fixture(scope="module")
def client(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    db = tmp_path_factory.mktemp("fuzz") / "seeds.db"
    ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1))
    with TestClient(create_app(ServeSettings(db=db), routes=all_routes()), raise_server_exceptions=False) as c:
        yield c


def _draw(rng: random.Random, names: list[str]) -> dict[str, str]:
    chosen = rng.sample(names, min(rng.choice([1, 1, 1, 2, 3, 4]), len(names)))
    return {n: rng.choice(HOSTILE) for n in chosen}


def _routes() -> list[tuple[str, list[str]]]:
    api = [(e.path + suffix, [p.name for p in e.params] + ["limit", "cursor"])
           for e in endpoints() if isinstance(e, Listing) for suffix in ("", ".csv")]
    return api + list(PAGE_PARAMS.items())


@pytest.mark.parametrize(("path", "names"), _routes())
def test_no_parameter_combination_is_a_server_error(client: TestClient, path: str, names: list[str]) -> None:
    rng = random.Random(f"{path}-16")
    seen = {200: 0, 400: 0}
    for _ in range(100):
        params = _draw(rng, names)
        if path == "/api/timeline" or path == "/api/timeline.csv":
            params.setdefault("actor", rng.choice(["China", "Qin Gang", "nobody", "CHN", "x" * 1001]))
        response = client.get(path, params=params)
        assert response.status_code in (200, 400), (path, params, response.status_code, response.text[:300])
        seen[response.status_code] += 1
        if response.status_code == 400 and path.startswith("/api"):
            assert response.json()["error"]["parameter"] is not None, (path, params)
    assert seen[200] and seen[400]  # the draws reached both answers: the test can fail both ways


def test_facet_links_and_paging_links_are_never_a_server_error(client: TestClient) -> None:
    """Every link a list page offers (facets, pages, exports) answers, and narrows or pages."""
    import re
    for start in ("/quotes", "/events", "/articles", "/actors", "/actors/China", "/"):
        html = client.get(start).text
        links = sorted(set(re.findall(r'href="(/[^"#]*\?[^"#]*)"', html)))
        assert links, start
        for link in links[:40]:
            response = client.get(link.replace("&amp;", "&"))
            assert response.status_code == 200, (start, link, response.text[:300])
