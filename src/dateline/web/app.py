"""The Starlette application: API routes, pages and one error shape, over a read-only store.

The store is opened read-only (`mode=ro`) for every request, so the server can run beside an
ingest that is writing (WAL) and always reads a consistent snapshot; it never writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute

from dateline.errors import NotFoundError, QueryError, StoreError
from dateline.store import connect

__all__ = ["ServeSettings", "create_app", "error_response", "read_store"]


@dataclass(frozen=True, slots=True)
class ServeSettings:
    """How `dateline serve` runs: the store, where it listens, and the largest page of results."""

    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    page_size: int = 50
    max_page_size: int = 500


@contextmanager
def read_store(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the app's store for one request."""
    settings: ServeSettings = request.app.state.settings
    conn = connect(settings.db, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def error_response(status: int, message: str, *, parameter: str | None = None) -> JSONResponse:
    """The one JSON error shape: {"error": {"status", "message", "parameter"}}."""
    return JSONResponse({"error": {"status": status, "message": message, "parameter": parameter}},
                        status_code=status)


async def _query_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, QueryError)
    return error_response(400, str(exc), parameter=exc.field)


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_response(404, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    return error_response(503, f"the store cannot be read: {exc}")


def create_app(settings: ServeSettings, *, routes: list[BaseRoute]) -> Starlette:
    """The app over the store in `settings.db` (which must exist), serving `routes`."""
    app = Starlette(routes=routes, exception_handlers={
        QueryError: _query_error, NotFoundError: _not_found, StoreError: _store_error,
    })
    app.state.settings = settings
    return app
