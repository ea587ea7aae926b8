"""Settings, built once at the edge (CLI or caller) and passed down frozen."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["DEFAULT_DB", "DEFAULT_MAX_BYTES", "DEFAULT_WORKERS", "IngestSettings"]

DEFAULT_DB = "dateline.db"
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_WORKERS = os.cpu_count() or 1


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """How ingest treats its inputs.

    `max_bytes`: larger files are skipped with a reason rather than read into memory.
    `min_chrome_pages`: a line seen on this many pages of one site is that site's chrome.
    `batch_size`: files written per transaction (a crash loses at most one uncommitted batch).
    `analyse`: run the language stage (actors, quotes, dates, events) on stored articles.
    `format`: read every input as this format ("text", "html", "warc", "jsonl") instead of
    telling it from the content. `fields`: JSONL field overrides, (our name, dotted path) pairs.
    """

    workers: int = DEFAULT_WORKERS
    max_bytes: int = DEFAULT_MAX_BYTES
    min_chrome_pages: int = 2
    batch_size: int = 64
    analyse: bool = True
    format: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
