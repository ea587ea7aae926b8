"""Every route `dateline serve` mounts: the JSON API, then the HTML pages."""

from __future__ import annotations

from starlette.routing import BaseRoute

__all__ = ["all_routes"]


def all_routes() -> list[BaseRoute]:
    """The API's routes before the pages' (its `/api/...` catch-all answers JSON 404s)."""
    from dateline.web.api import api_routes
    from dateline.web.pages import page_routes
    return [*api_routes(), *page_routes()]
