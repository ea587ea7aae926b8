"""Query parameters of the HTTP API: declared once, parsed strictly, described in OpenAPI.

Each route declares its parameters as `Param`s; the same declaration parses a request (every
bad value becomes a `QueryError` naming the parameter, which the app turns into a 400) and
writes the route's OpenAPI entry, so the schema cannot list a parameter the route ignores.
Paging cursors live here too: opaque tokens tied to the filters they were issued for.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from starlette.requests import Request

from dateline.errors import QueryError

__all__ = ["MAX_TEXT", "Param", "decode_cursor", "encode_cursor", "parse_query"]

MAX_TEXT = 1000  # longest string filter accepted; longer is a client error, not a slow query
MAX_OFFSET = 2**53  # cursors past this are forged (and would overflow SQLite's integers)
_TRUE = frozenset({"", "1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

Kind = Literal["string", "date", "integer", "boolean"]


@dataclass(frozen=True, slots=True)
class Param:
    """One query parameter: its name (the CLI option's, `-` as `_`), type and constraints."""

    name: str
    kind: Kind
    doc: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False
    pattern: str | None = None  # a string's shape (a regular expression it must match whole)

    def parse(self, raw: str) -> object:
        """The typed value of `raw`, or a QueryError saying what was expected."""
        if self.kind == "date":
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                raise QueryError(self.name, raw, "not a date (YYYY-MM-DD)") from None
        if self.kind == "integer":
            return self._integer(raw)
        if self.kind == "boolean":
            if raw.lower() in _TRUE:
                return True
            if raw.lower() in _FALSE:
                return False
            raise QueryError(self.name, raw, "not a boolean (true or false)")
        if len(raw) > MAX_TEXT:
            raise QueryError(self.name, raw[:40] + "...", f"longer than {MAX_TEXT} characters")
        if self.pattern is not None and not re.fullmatch(self.pattern, raw):
            raise QueryError(self.name, raw[:40], f"not of the form {self.pattern}")
        if self.choices and raw not in self.choices:
            raise QueryError(self.name, raw, "expected one of " + ", ".join(self.choices))
        return raw

    def _integer(self, raw: str) -> int:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            raise QueryError(self.name, raw, "not a whole number")
        value = int(raw)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            bounds = f"{self.minimum if self.minimum is not None else ''}..{self.maximum if self.maximum is not None else ''}"
            raise QueryError(self.name, raw, f"out of range {bounds}")
        return value

    def schema(self) -> dict[str, Any]:
        """This parameter as an OpenAPI 3 parameter object."""
        schema: dict[str, Any] = {"type": self.kind}
        if self.kind == "date":
            schema = {"type": "string", "format": "date"}
        if self.choices:
            schema["enum"] = list(self.choices)
        if self.pattern is not None:
            schema["pattern"] = self.pattern
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return {"name": self.name, "in": "query", "required": self.required, "description": self.doc,
                "schema": schema}


def parse_query(request: Request, params: Sequence[Param], *, blank_is_absent: bool = False) -> dict[str, Any]:
    """Every declared parameter's value (None, or False for a flag, when absent).

    Unknown and repeated parameters are refused: a misspelt filter silently ignored would
    return unfiltered results that look filtered. `blank_is_absent` (the pages: a form sends
    its empty fields) reads an empty or blank value as no value.
    """
    declared = {p.name: p for p in params}
    for name in request.query_params:
        if name not in declared:
            raise QueryError(name, request.query_params[name][:40], "unknown parameter; known: " + ", ".join(declared))
        if len(request.query_params.getlist(name)) > 1:
            raise QueryError(name, request.query_params[name][:40], "given more than once")
    values: dict[str, Any] = {}
    for p in params:
        raw = request.query_params.get(p.name)
        if raw is not None and blank_is_absent and p.kind != "boolean":
            raw = raw.strip() or None
        if raw is None:
            if p.required:
                raise QueryError(p.name, "", "required")
            values[p.name] = False if p.kind == "boolean" else None
        else:
            values[p.name] = p.parse(raw)
    return values


def _digest(scope: str, filters: Mapping[str, Any], offset: int) -> str:
    canonical = json.dumps({"scope": scope, "filters": filters, "offset": offset}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:24]


def encode_cursor(scope: str, filters: Mapping[str, Any], offset: int) -> str:
    """An opaque token for the page starting at `offset` of this route with these filters."""
    token = f"{offset}.{_digest(scope, filters, offset)}".encode()
    return base64.urlsafe_b64encode(token).decode().rstrip("=")


def decode_cursor(token: str, scope: str, filters: Mapping[str, Any]) -> int:
    """The offset a cursor stands for; a 400 if it was altered or issued for other filters.

    The digest is an integrity check, not a secret: a forged cursor can only name an offset,
    which is harmless on a read-only store.
    """
    try:
        text = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True).decode()
        offset_text, digest = text.split(".")
        offset = int(offset_text) if offset_text.isdigit() and len(offset_text) <= 16 else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise QueryError("cursor", token, "not a cursor this server issued") from None
    if not 0 <= offset <= MAX_OFFSET or digest != _digest(scope, filters, offset):
        raise QueryError("cursor", token, "altered, or issued for other filters (start again without it)")
    return offset
