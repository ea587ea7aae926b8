"""Errors and headers of `dateline serve`: every failure is an answer, never a traceback.

A store deleted or replaced by a file that is not a database answers 503 (JSON under /api, an
HTML page elsewhere); a request target or header block too long answers 414 / 431, over a real
socket too, where h11 would otherwise cut the connection; and every kind of response carries
`X-Content-Type-Options: nosniff`.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from serving import free_port, stop
from starlette.exceptions import StarletteDeprecationWarning
from starlette.routing import Route

from dateline.config import IngestSettings
from dateline.ingest import ingest
from dateline.web.app import MAX_TARGET, ServeSettings, create_app
from dateline.web.routes import all_routes

with warnings.catch_warnings():  # starlette 1.x prefers httpx2, which the lock does not carry
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("errors") / "seeds.db"
    assert ingest([str(seeds_dir)], db=db, settings=IngestSettings(workers=1, analyse=False)).ok
    return db


def _boom(request: object) -> None:
    raise RuntimeError("a bug")


def _client(db: Path) -> TestClient:
    routes = [Route("/api/boom", _boom), Route("/boom", _boom), *all_routes()]
    return TestClient(create_app(ServeSettings(db=db), routes=routes), raise_server_exceptions=False)


@pytest.fixture()
def store(seeds_db: Path, tmp_path: Path) -> Path:
    """A copy of the store that a test may break."""
    db = tmp_path / "copy.db"
    shutil.copyfile(seeds_db, db)
    return db


@pytest.fixture()
def client(store: Path) -> Iterator[TestClient]:
    with _client(store) as test_client:
        yield test_client


def _article_id(client: TestClient) -> str:
    items = client.get("/api/articles", params={"limit": "1"}).json()["items"]
    return str(items[0]["id"])


@pytest.mark.parametrize("damage", ["replaced", "deleted", "emptied"])
def test_errors_an_unreadable_store_is_503_json_on_the_api_and_html_on_pages(
        client: TestClient, store: Path, damage: str) -> None:
    article = _article_id(client)
    if damage == "replaced":
        store.write_bytes(b"this is not a database\n" * 500)
    elif damage == "deleted":
        store.unlink()
    else:
        store.write_bytes(b"")
    api = client.get("/api/articles")
    assert api.status_code == 503 and api.headers["content-type"] == "application/json"
    assert api.json()["error"]["message"].startswith("the store cannot be read")
    for path in ("/", f"/articles/{article}", "/actors/CHN"):
        page = client.get(path)
        assert page.status_code == 503, path
        assert page.headers["content-type"].startswith("text/html")
        assert "<h1>Store unavailable</h1>" in page.text and "Traceback" not in page.text


def test_errors_a_bug_is_a_500_without_its_traceback(client: TestClient) -> None:
    api = client.get("/api/boom")
    assert api.status_code == 500 and api.json()["error"]["status"] == 500
    page = client.get("/boom")
    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    assert "a bug" not in api.text + page.text and "Traceback" not in api.text + page.text


def test_errors_every_response_type_carries_nosniff(client: TestClient, store: Path) -> None:
    article = _article_id(client)
    requests = {
        "json 200": ("GET", "/api/articles"), "json 400": ("GET", "/api/articles?since=nope"),
        "json 404": ("GET", "/api/articles/ffffffffffff"), "json 404 route": ("GET", "/api/nope"),
        "openapi": ("GET", "/openapi.json"), "html 200": ("GET", f"/articles/{article}"),
        "html 400": ("GET", "/?since=nope"), "html 404": ("GET", "/articles/ffffffffffff"),
        "plain 404": ("GET", "/no/such/page"), "plain 405": ("POST", "/"),
        "css": ("GET", "/static/dateline.css"), "500": ("GET", "/api/boom"),
        "414": ("GET", "/?q=" + "a" * (MAX_TARGET + 1)),
        "405 api": ("DELETE", "/api/articles"),
    }
    seen = set()
    for name, (method, path) in requests.items():
        response = client.request(method, path)
        seen.add(response.status_code)
        assert response.headers.get("x-content-type-options") == "nosniff", name
    big = client.get("/api/articles", headers={"x-filler": "b" * 20000})
    assert big.status_code == 431 and big.headers["x-content-type-options"] == "nosniff"
    store.write_bytes(b"not a database")
    gone = client.get("/api/articles")
    assert gone.status_code == 503 and gone.headers["x-content-type-options"] == "nosniff"
    assert seen >= {200, 400, 404, 405, 414, 500}


def test_errors_a_long_request_target_is_414_json_on_the_api_and_html_on_pages(
        client: TestClient) -> None:
    api = client.get("/api/articles?search=" + "a" * 60_000)
    assert api.status_code == 414 and api.json()["error"]["status"] == 414
    page = client.get("/?q=" + "a" * 60_000)
    assert page.status_code == 414 and "<h1>Address too long</h1>" in page.text


def _raw(port: int, request: bytes) -> bytes:
    """Send a raw request and read the whole answer (the server closes or it is complete)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n\r\n" not in answer or len(answer.split(b"\r\n\r\n", 1)[1]) < _length(answer):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def _length(answer: bytes) -> int:
    for line in answer.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def test_errors_dateline_serve_answers_a_1_mb_query_string_with_414(seeds_db: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", str(seeds_db),
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline and proc.poll() is None, "server did not start"
                time.sleep(0.2)
        query = b"a" * 1_000_000
        for path in (b"/api/articles?search=", b"/?q="):
            answer = _raw(port, b"GET " + path + query + b" HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert answer.startswith(b"HTTP/1.1 414 "), answer[:80]
            assert b"x-content-type-options: nosniff" in answer.lower()
        headers = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"c" * 1000) for i in range(40))
        answer = _raw(port, b"GET /api/articles HTTP/1.1\r\nHost: localhost\r\n" + headers + b"\r\n")
        assert answer.startswith(b"HTTP/1.1 431 "), answer[:80]
        ok = _raw(port, b"GET /api/articles?limit=1 HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert ok.startswith(b"HTTP/1.1 200 ")
    finally:
        stop(proc)
