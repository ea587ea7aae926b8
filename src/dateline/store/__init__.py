"""The embedded SQLite store (WAL, FTS5): schema, writes, and read queries."""

from dateline.store.db import connect, transaction
from dateline.store.queries import get_article, list_articles, list_records, list_sources, summarise
from dateline.store.schema import SCHEMA_VERSION, migrate

__all__ = [
    "SCHEMA_VERSION",
    "connect",
    "get_article",
    "list_articles",
    "list_records",
    "list_sources",
    "migrate",
    "summarise",
    "transaction",
]
