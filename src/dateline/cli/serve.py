"""`dateline serve`: the read-only HTTP API (and pages) over a store, on uvicorn."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from dateline.cli._common import db_option
from dateline.errors import StoreError
from dateline.store import connect

__all__ = ["serve_cmd"]


def _check_store(db: Path) -> None:
    """Refuse to start over a missing or unreadable store: every request would fail otherwise."""
    if not db.is_file():
        raise click.ClickException(f"no store at {db}: run `dateline ingest PATH --db {db}` first")
    try:
        conn = connect(db, readonly=True)
        try:
            conn.execute("SELECT 1 FROM articles LIMIT 1").fetchall()
        finally:
            conn.close()
    except (StoreError, sqlite3.DatabaseError) as exc:
        raise click.ClickException(f"{db} is not a readable dateline store: {exc}") from exc


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; give another than 127.0.0.1 only to expose the server.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")
def serve_cmd(db: Path, host: str, port: int) -> None:
    """Serve the store read-only over HTTP: the JSON API under /api (OpenAPI at /openapi.json).

    The store is opened read-only for every request, so the server can run beside an ingest
    that is writing. It listens on the loopback address unless --host says otherwise.

    \b
    Example:
      dateline serve --db news.db --port 8000
      curl 'http://127.0.0.1:8000/api/events?source=CHN&code=04&limit=20'
    """
    import uvicorn

    from dateline.web.app import MAX_REQUEST_HEAD, ServeSettings, create_app
    from dateline.web.routes import all_routes

    _check_store(db)
    settings = ServeSettings(db=db, host=host, port=port)
    click.echo(f"dateline: serving {db} read-only at http://{host}:{port}/ (API under /api, Ctrl-C stops)",
               err=True)
    # h11 reads a request head up to this size, so that a long one reaches the app and is
    # answered 414/431 (h11's default cut resets the connection while the client still sends).
    uvicorn.run(create_app(settings, routes=all_routes()), host=host, port=port, log_level="warning",
                http="h11", h11_max_incomplete_event_size=MAX_REQUEST_HEAD)
