"""The HTTP API: the CLI's records, strict parameters, cursor paging, and no 500 on hostile input."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from serving import free_port, stop
from click.testing import CliRunner
from starlette.exceptions import StarletteDeprecationWarning

from dateline.cli import main
from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.model import ActorKind
from dateline.records import actor_record, article_record, source_record
from dateline.store import connect, list_articles, list_records, list_sources
from dateline.store.events import list_events
from dateline.store.export import event_records, quote_records
from dateline.store.language import actor_directory, list_quotes
from dateline.store.export import actor_records
from dateline.web.api import Listing, api_routes, endpoints
from dateline.web.app import ServeSettings, create_app

with warnings.catch_warnings():  # starlette 1.x prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

PAGE, MAX_PAGE = 7, 20
TABLES = ("sources", "records", "pages", "articles", "actors", "actor_aliases", "mentions", "quotes",
          "date_mentions", "events")
HOSTILE = ("' OR 1=1 --", '"; DROP TABLE articles; --', '"unclosed', "AND OR", "*", "%_\\", "\x00", "ü" * 1200)


@pytest.fixture(scope="module")
def store(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("api") / "seeds.db"
    report = ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1))
    assert report.ok
    return db


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[TestClient]:
    app = create_app(ServeSettings(db=store, page_size=PAGE, max_page_size=MAX_PAGE), routes=api_routes())
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture()
def conn(store: Path) -> Iterator[sqlite3.Connection]:
    connection = connect(store, readonly=True)
    yield connection
    connection.close()


def walk(client: TestClient, path: str, params: dict[str, str], limit: int | None = None) -> list[dict[str, Any]]:
    """Every item of a listing, following `next` until it is null."""
    query = dict(params, **({"limit": str(limit)} if limit else {}))
    items: list[dict[str, Any]] = []
    for _ in range(1000):
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next"} and len(body["items"]) <= (limit or PAGE)
        items += body["items"]
        if body["next"] is None:
            return items
        query["cursor"] = body["next"]
    raise AssertionError("paging never ended")


def counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        return {t: c.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def cli_jsonl(store: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, [*args, "--db", str(store), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def _canon(records: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True) for r in records)


@pytest.mark.parametrize("path, params, cli", [
    ("/api/articles", {}, ["articles"]),
    ("/api/articles", {"all_copies": "true"}, ["articles", "--all-copies"]),
    ("/api/quotes", {}, ["quotes"]),
    ("/api/quotes", {"teasers": "1"}, ["quotes", "--teasers"]),
    ("/api/actors", {}, ["actors"]),
    ("/api/events", {}, ["events"]),
    ("/api/events", {"teasers": "yes"}, ["events", "--teasers"]),
    ("/api/timeline", {"actor": "China"}, ["timeline", "China"]),
    ("/api/timeline", {"actor": "China", "with": "UKR"}, ["timeline", "China", "--with", "UKR"]),
    ("/api/sources", {}, ["sources"]),
    ("/api/sources", {"records": "true"}, ["sources", "--records"]),
])
def test_every_listing_returns_the_cli_records(client: TestClient, store: Path, path: str,
                                               params: dict[str, str], cli: list[str]) -> None:
    expected = cli_jsonl(store, *cli)
    assert expected, "the seeds should give every listing something"
    assert _canon(walk(client, path, params)) == _canon(expected)


Lister = Callable[[sqlite3.Connection], list[dict[str, Any]]]


@pytest.mark.parametrize("path, params, library", [
    ("/api/articles", {"kind": "main", "since": "2024-01-01"},
     lambda c: [article_record(a) for a in list_articles(c, kind="main", since=_day("2024-01-01"), offset=0)]),
    ("/api/articles", {"site": "military space news", "search": "Xi"},
     lambda c: [article_record(a) for a in list_articles(c, site="military space news", search="Xi", offset=0)]),
    ("/api/quotes", {"country": "chn", "until": "2024-01-01"},
     lambda c: quote_records(c, list_quotes(c, country="chn", until=_day("2024-01-01"), offset=0))),
    ("/api/quotes", {"speaker": "Qin Gang", "search": "peace OR talks"},
     lambda c: quote_records(c, list_quotes(c, speaker="Qin Gang", search="peace OR talks", offset=0))),
    ("/api/quotes", {"speaker": "qin gang", "sort": "-date"},
     lambda c: quote_records(c, list_quotes(c, speaker="Qin Gang", sort="-date", offset=0))),
    ("/api/actors", {"kind": "person"},
     lambda c: actor_records(c, actor_directory(c, kind=ActorKind.PERSON, offset=0))),
    ("/api/actors", {"country": "CHN", "sort": "-mentions"},
     lambda c: actor_records(c, actor_directory(c, country="CHN", sort="-mentions", offset=0))),
    ("/api/events", {"source": "CHN", "code": "04"},
     lambda c: event_records(c, list_events(c, source="CHN", code="04", offset=0))),
    ("/api/events", {"quad": "1", "modality": "asserted", "since": "2023-01-01", "target": "RUS"},
     lambda c: event_records(c, list_events(c, quad=1, modality="asserted", since=_day("2023-01-01"),
                                            target="RUS", offset=0))),
    ("/api/sources", {"status": "ingested"}, lambda c: [source_record(s) for s in list_sources(c, status="ingested")]),
    ("/api/sources", {"status": "ingested", "records": "on"}, lambda c: list_records(c, status="ingested")),
])
def test_filters_give_the_library_results_in_order(client: TestClient, conn: sqlite3.Connection, path: str,
                                                   params: dict[str, str], library: Lister) -> None:
    expected = library(conn)
    assert expected and walk(client, path, params, limit=3) == expected


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize("params, expected", [
    ({"kind": "sidebar"}, 2), ({"kind": "main", "since": "2024-01-01"}, 1), ({"search": "Kirby"}, 1),
    ({"until": "2023-03-16", "kind": "sidebar"}, 2), ({"site": "military space news", "kind": "main"}, 2),
])
def test_article_filters_count_as_the_cli_does(client: TestClient, params: dict[str, str], expected: int) -> None:
    assert len(walk(client, "/api/articles", params)) == expected


@pytest.mark.parametrize("path, params", [("/api/articles", {}), ("/api/events", {"teasers": "true"}),
                                          ("/api/quotes", {}), ("/api/timeline", {"actor": "China"})])
def test_paging_walks_every_item_exactly_once(client: TestClient, path: str, params: dict[str, str]) -> None:
    whole = client.get(path, params={**params, "limit": str(MAX_PAGE)}).json()
    everything = walk(client, path, params, limit=MAX_PAGE)
    ids = [r["id"] for r in everything]
    assert len(ids) == len(set(ids)) and whole["items"] == everything[:MAX_PAGE]
    for limit in (1, 2, 5):
        assert [r["id"] for r in walk(client, path, params, limit=limit)] == ids


def test_limit_is_capped_and_defaults_to_the_page_size(client: TestClient) -> None:
    capped = client.get("/api/articles", params={"limit": "100000"}).json()
    assert len(capped["items"]) == MAX_PAGE and capped["next"] is not None
    assert len(client.get("/api/articles").json()["items"]) == PAGE


@pytest.mark.parametrize("params, parameter", [
    ({"limit": "0"}, "limit"), ({"limit": "-3"}, "limit"), ({"limit": "ten"}, "limit"), ({"limit": "²"}, "limit"),
    ({"since": "2023-02-30"}, "since"), ({"until": "yesterday"}, "until"), ({"kind": "lede"}, "kind"),
    ({"all_copies": "maybe"}, "all_copies"), ({"sort": "newest"}, "sort"), ({"facet": "speaker"}, "facet"), ({"all-copies": "1"}, "all-copies"),
])
def test_bad_parameters_are_400_naming_the_parameter(client: TestClient, params: dict[str, str],
                                                     parameter: str) -> None:
    response = client.get("/api/articles", params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["parameter"] == parameter and parameter in error["message"]


def test_repeated_parameter_is_400(client: TestClient) -> None:
    response = client.get("/api/articles?kind=main&kind=teaser")
    assert response.status_code == 400 and response.json()["error"]["parameter"] == "kind"


def _tampered(cursor: str) -> str:
    return ("A" if cursor[0] != "A" else "B") + cursor[1:]


def test_bad_cursors_are_400(client: TestClient) -> None:
    cursor = client.get("/api/articles", params={"limit": "2"}).json()["next"]
    assert client.get("/api/articles", params={"limit": "2", "cursor": cursor}).status_code == 200
    for path, params in [
        ("/api/articles", {"cursor": "not-a-cursor"}), ("/api/articles", {"cursor": "%%%"}),
        ("/api/articles", {"cursor": _tampered(cursor)}), ("/api/articles", {"cursor": cursor, "kind": "main"}),
        ("/api/quotes", {"cursor": cursor}), ("/api/articles", {"cursor": ""}),
    ]:
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, params)
        assert response.json()["error"]["parameter"] == "cursor"


def _hostile_cases() -> list[tuple[str, str]]:
    return [(e.path, p.name) for e in endpoints() if isinstance(e, Listing) for p in e.params] + \
        [(e.path, name) for e in endpoints() if isinstance(e, Listing) for name in ("limit", "cursor")]


@pytest.mark.parametrize("path, name", _hostile_cases())
def test_hostile_values_in_every_filter_are_never_a_500(client: TestClient, store: Path, path: str,
                                                        name: str) -> None:
    before = counts(store)
    for value in HOSTILE:
        params = {"actor": "China"} if path == "/api/timeline" else {}
        response = client.get(path, params={**params, name: value})
        assert response.status_code in (200, 400), (name, value, response.text)
        body = response.json()
        if response.status_code == 400:
            assert body["error"]["parameter"] == name, body
        else:
            assert set(body) == {"items", "next"}
    assert counts(store) == before


@pytest.mark.parametrize("path", ["/api/articles/{}", "/api/actors/{}"])
def test_hostile_and_unknown_ids_are_404(client: TestClient, store: Path, path: str) -> None:
    before = counts(store)
    for ident in ("ffffffffffffffff", "' OR 1=1 --", "x'; DROP TABLE articles; --", "%25", "abc"):
        response = client.get(path.format(ident))
        assert response.status_code == 404, (ident, response.text)
        assert response.json()["error"]["status"] == 404
    assert counts(store) == before


def test_article_carries_its_quotes_mentions_dates_and_events(client: TestClient, store: Path,
                                                              conn: sqlite3.Connection) -> None:
    first = next(a for a in list_articles(conn, kind="main") if a.place)
    body = client.get(f"/api/articles/{first.id[:8]}").json()
    shown = json.loads(CliRunner().invoke(main, ["show", first.id, "--db", str(store), "--format", "json"]).output)
    assert {k: body[k] for k in shown} | {"mentions": shown["mentions"], "dates": shown["dates"]} == shown
    assert [{k: v for k, v in m.items() if k != "article_id"} for m in body["mentions"]] == shown["mentions"]
    assert [{k: v for k, v in d.items() if k != "article_id"} for d in body["dates"]] == shown["dates"]
    events = event_records(conn, [e for e in list_events(conn, teasers=True) if e.article_id == first.id])
    assert body["events"] and sorted(body["events"], key=lambda e: e["id"]) == sorted(events, key=lambda e: e["id"])


def test_record_offsets_index_the_body_the_article_record_hands_out(client: TestClient,
                                                                    conn: sqlite3.Connection) -> None:
    """`body[start:end]` is the quotation, the mention, the date; an event's is its sentence."""
    checked = 0
    listed = {q["id"]: q for q in walk(client, "/api/quotes", {"teasers": "1"})}
    for a in list_articles(conn):
        body = client.get(f"/api/articles/{a.id}").json()
        for r in [*body["quotes"], *body["mentions"], *body["dates"]]:
            if r["start"] is not None:  # None: in the headline, which `body` does not hold
                assert body["body"][r["start"]:r["end"]] == r["text"]
                checked += 1
        for e in body["events"]:
            if e["start"] is not None:
                assert " ".join(body["body"][e["start"]:e["end"]].split()) == " ".join(e["sentence"].split())
        for q in body["quotes"]:
            assert q["id"] not in listed or listed[q["id"]]["start"] == q["start"]  # a listing's offsets mean the same
    assert checked > 100


def test_actor_by_id_or_name_is_its_listing_record(client: TestClient, conn: sqlite3.Connection) -> None:
    listed = actor_records(conn, actor_directory(conn))
    for record in listed:
        assert client.get(f"/api/actors/{record['id']}").json() == record
    china = next(r for r in listed if r["name"] == "China")
    assert client.get("/api/actors/china").json() == china and china["events"] > 0


def test_unknown_routes_and_missing_timeline_actor(client: TestClient) -> None:
    assert client.get("/api/nothing").json()["error"]["status"] == 404
    missing = client.get("/api/timeline")
    assert missing.status_code == 400 and missing.json()["error"]["parameter"] == "actor"
    unknown = client.get("/api/timeline", params={"actor": "Nobody At All"})
    assert unknown.status_code == 400 and unknown.json()["error"]["parameter"] == "actor"


def test_openapi_lists_every_route_and_parameter(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {e.path for e in endpoints()}
    for e in endpoints():
        operation = document["paths"][e.path]["get"]
        names = {p["name"] for p in operation["parameters"]}
        expected = {p.name for p in e.params} | {"limit", "cursor"} if isinstance(e, Listing) else {"id"}
        assert names == expected and operation["summary"], e.path


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no store at" in result.output
    assert "Example:" in CliRunner().invoke(main, ["serve", "--help"]).output


def test_dateline_serve_answers_over_loopback(store: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(store), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline, response = time.monotonic() + 30, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/articles", params={"limit": "3"}, timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None, proc.stderr.read().decode() if proc.poll() is not None and proc.stderr else ""
        assert response.status_code == 200 and len(response.json()["items"]) == 3
    finally:
        stop(proc)


def test_count_and_facets_describe_every_page(client: TestClient) -> None:
    first = client.get("/api/quotes", params={"count": "true", "facet": "speaker,year", "limit": "5"}).json()
    everything = walk(client, "/api/quotes", {})
    assert first["total"] == len(everything) and len(first["items"]) == 5
    by_speaker = {f["value"]: f["count"] for f in first["facets"]["speaker"]}
    for speaker_id, n in list(by_speaker.items())[:3]:
        assert n == sum(1 for q in everything if q["speaker_id"] == speaker_id)
        narrowed = client.get("/api/quotes", params={"speaker": speaker_id, "count": "1"}).json()
        assert narrowed["total"] == n
    assert sum(f["count"] for f in first["facets"]["year"]) == sum(1 for q in everything if q["date"])
    csv_text = client.get("/api/quotes.csv", params={"limit": "5"}).text
    assert csv_text.splitlines()[0].split(",")[:3] == ["id", "article_id", "text"]
    assert len(csv_text.splitlines()) >= 6


def test_a_total_or_facet_over_its_budget_is_null_not_slow(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import dateline.web.api as api
    monkeypatch.setattr(api, "COUNT_BUDGET", -1.0)
    monkeypatch.setattr(api, "FACET_BUDGET", -1.0)
    body = client.get("/api/events", params={"count": "1", "facet": "root,month", "limit": "3"}).json()
    assert body["total"] is None and body["facets"] == {"root": None, "month": None} and len(body["items"]) == 3
