"""The Starlette application: API routes, pages and one error shape, over a read-only store.

The store is opened read-only (`mode=ro`), so the server can run beside an ingest that is
writing (WAL) and always reads committed data; it never writes. Each worker thread keeps its
connection while the store file stays the same (`read_store`).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dateline.errors import NotFoundError, QueryError, StoreError
from dateline.store import connect

__all__ = ["MAX_REQUEST_HEAD", "ServeSettings", "create_app", "error_response", "read_store"]


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How `dateline serve` runs: the store, where it listens, and the largest page of results."""

    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    page_size: int = 50
    max_page_size: int = 500


_OPEN = threading.local()  # each worker thread's connection: (path, the file's identity, connection)


def _identity(path: Path) -> tuple[int, int, int, int]:
    """What changes when the store file is replaced, emptied or checkpointed into."""
    st = os.stat(path)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


@contextmanager
def read_store(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the app's store for one request.

    Each worker thread keeps its connection between requests (as datasette does): opening one
    parses the schema and starts with an empty page cache, which cost more than a page's
    queries on a large store. A connection is opened afresh when the file is not the one it
    was opened on (replaced, emptied, or written by a checkpoint); a store that is gone is a
    StoreError (503). Each statement reads the latest committed state (WAL), as before.
    """
    settings: ServeSettings = request.app.state.settings
    path = Path(settings.db)
    try:
        identity = _identity(path)
    except OSError as exc:
        raise StoreError(f"cannot open store {path}: {exc}") from exc
    cached = getattr(_OPEN, "store", None)
    if cached is not None and cached[:2] == (path, identity):
        conn = cached[2]
    else:
        if cached is not None:
            cached[2].close()
            _OPEN.store = None
        conn = connect(path, readonly=True)
    _OPEN.store = None
    try:
        yield conn
    except (QueryError, NotFoundError):  # a bad filter or an unknown id: the connection is fine
        _OPEN.store = (path, identity, conn)
        raise
    except BaseException:  # anything else: the next request opens a fresh connection
        conn.close()
        raise
    _OPEN.store = (path, identity, conn)


_NOSNIFF = (b"x-content-type-options", b"nosniff")
# Longest request target and header block the app answers; longer gets 414 / 431. uvicorn reads
# requests up to MAX_REQUEST_HEAD (serve.py), so a long one is read whole and answered, not cut.
MAX_TARGET = 8 << 10
MAX_HEADERS = 16 << 10
MAX_REQUEST_HEAD = 4 << 20


def error_response(status: int, message: str, *, parameter: str | None = None) -> JSONResponse:
    """The one JSON error shape: {"error": {"status", "message", "parameter"}}."""
    return JSONResponse({"error": {"status": status, "message": message, "parameter": parameter}},
                        status_code=status, headers={"X-Content-Type-Options": "nosniff"})


def _error(request: Request, status: int, message: str, *, parameter: str | None = None) -> Response:
    """The JSON error under /api (and /openapi.json), an HTML error page anywhere else."""
    path = request.url.path
    if path == "/api" or path.startswith(("/api/", "/openapi.json")):
        return error_response(status, message, parameter=parameter)
    from dateline.web.pages import error_page  # the pages import this module
    return error_page(status, message)


async def _query_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryError)
    return _error(request, 400, str(exc), parameter=exc.field)


async def _not_found(request: Request, exc: Exception) -> Response:
    return _error(request, 404, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    """503 for a store that cannot be read: gone, locked, or replaced by a file that is not one
    (SQLite's "file is not a database" comes at the first query, as a DatabaseError)."""
    return _error(request, 503, f"the store cannot be read: {exc}")


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error(request, 500, "internal error (the server's log has the details)")


class _Guard:
    """Outermost layer: every response carries `X-Content-Type-Options: nosniff` (JSON, plain
    404/405, static files, errors), and a request whose target or headers are too long is
    answered 414 or 431 before any route sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_nosniff(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == _NOSNIFF[0] for name, _ in headers):
                    headers.append(_NOSNIFF)
                message = {**message, "headers": headers}
            await send(message)

        too_long = _too_long(scope)
        if too_long is not None:
            response = _error(Request(scope), *too_long)
            await response(scope, receive, send_nosniff)
            return
        await self.app(scope, receive, send_nosniff)


def _too_long(scope: Scope) -> tuple[int, str] | None:
    target = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
    if target > MAX_TARGET:
        return 414, f"request target too long: {target:,} bytes (at most {MAX_TARGET:,})"
    headers = sum(len(k) + len(v) + 4 for k, v in scope.get("headers", []))
    if headers > MAX_HEADERS:
        return 431, f"request headers too large: {headers:,} bytes (at most {MAX_HEADERS:,})"
    return None


def create_app(settings: ServeSettings, *, routes: list[BaseRoute]) -> Starlette:
    """The app over the store in `settings.db` (which must exist), serving `routes`."""
    app = Starlette(routes=routes, middleware=[Middleware(_Guard)], exception_handlers={
        QueryError: _query_error, NotFoundError: _not_found, StoreError: _store_error,
        sqlite3.DatabaseError: _store_error, Exception: _server_error,
    })
    app.state.settings = settings
    return app
