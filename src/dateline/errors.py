"""Errors dateline raises, one hierarchy with context a caller can act on.

    DatelineError
    ├── InputError        an input file cannot be read or understood (carries the path)
    ├── StoreError        the database cannot be opened, migrated or queried
    │   └── QueryError    a filter or search expression is invalid (carries the value)
    └── NotFoundError     a requested record does not exist (carries the id)
"""

from __future__ import annotations

__all__ = ["DatelineError", "InputError", "NotFoundError", "QueryError", "StoreError"]


class DatelineError(Exception):
    """Base of every error dateline raises on purpose."""


class InputError(DatelineError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(DatelineError):
    pass


class QueryError(StoreError):
    def __init__(self, field: str, value: str, reason: str) -> None:
        super().__init__(f"invalid {field} {value!r}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason


class NotFoundError(DatelineError):
    def __init__(self, kind: str, ident: str) -> None:
        super().__init__(f"no {kind} with id {ident!r}")
        self.kind = kind
        self.ident = ident
