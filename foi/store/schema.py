"""The shape of a store: what the reader accepts.

A store is a JSON object of tables (``meta``, ``requests``, ``authorities``,
``config``); each table is an object of entries keyed by a number; a request
is keyed by its own ``id`` and has a list of event objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import StoreError
from .files import recovery_advice
from .migrations import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "json_type", "schema_version_of", "shape_problem"]

_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "true/false",
    type(None): "null",
}


def json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def shape_problem(data: Any) -> str | None:
    """Describe what is wrong with the shape of a parsed store, or ``None``.

    Runs on every read, so the request table (the big one) is checked in a
    single tight loop."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {json_type(data)}, not an object"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a JSON {json_type(table)}, not an object"
        problem = _requests_problem(table) if name == "requests" else _table_problem(name, table)
        if problem:
            return problem
    return None


def _entry_problem(name: str, key: str, doc: Any) -> str | None:
    if type(doc) is not dict:
        return f"entry {key!r} of table {name!r} is a JSON {json_type(doc)}, not an object"
    if not (key.isascii() and key.isdigit()) or key != str(int(key)):
        return f"entry {key!r} of table {name!r} has a key that is not a number"
    return None


def _table_problem(name: str, table: dict) -> str | None:
    for key, doc in table.items():
        problem = _entry_problem(name, key, doc)
        if problem:
            return problem
    return None


def _requests_problem(table: dict) -> str | None:
    for key, doc in table.items():
        rid = doc.get("id") if type(doc) is dict else None
        if type(rid) is int and str(rid) == key:  # also proves the key is a number
            events = doc.get("events", ())
            if type(events) is list:
                for e in events:
                    if type(e) is not dict:
                        return f"the events of request {key} are not a list of objects"
                continue
            if events != ():
                return f"the events of request {key} are not a list of objects"
            continue
        return _entry_problem("requests", key, doc) or f"request {key!r} has the id {rid!r}, not {int(key)}"
    return None


def schema_version_of(data: dict, path: Path | None = None) -> int:
    meta = (data.get("meta") or {}).get("1") or {}
    if not meta:
        return 0
    version = meta.get("schema_version")
    if type(version) is not int or version < 0:
        where = f"the store {path}" if path is not None else "the store"
        advice = f": {recovery_advice(path)}" if path is not None else ""
        raise StoreError(f"{where} has a broken schema_version: {version!r}{advice}", hint="`foi doctor` checks it")
    return version
