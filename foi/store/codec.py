"""The store's bytes: canonical serialisation and parsing.

Canonical JSON is indent 2, sorted keys, non-ASCII kept, a trailing newline
(:func:`dumps` is the reference; :func:`dump_bytes` is the same bytes, fast).
Parsing refuses an object with the same key twice: the json module would
silently keep only the last one, and a bad git merge of two stores that
both added request 5 would lose one of them.
"""

from __future__ import annotations

import json
from typing import Any

try:  # orjson: the same bytes as the json module below, 5-10x faster (see dump_bytes)
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; stay correct without it
    _orjson = None


class DuplicateKey(ValueError):
    pass


def dump_bytes(data: Any) -> bytes:
    """The store's canonical serialisation, as UTF-8 bytes: indent 2, sorted
    keys, non-ASCII kept, trailing newline.

    ``json.dumps`` with ``indent`` cannot use its C encoder, which made a
    write into a store of 10,000 requests spend most of its time here;
    orjson writes byte-identical output (checked by the tests) far faster.
    Anything orjson refuses (a lone surrogate, an integer beyond 64 bits)
    goes through the json module, which gives the precise error."""
    if _orjson is not None:
        try:
            return _orjson.dumps(data, option=_orjson.OPT_INDENT_2 | _orjson.OPT_SORT_KEYS | _orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            pass
    return dumps(data).encode("utf-8")


def dumps(data: Any) -> str:
    """The store's canonical serialisation (the reference the fast path must match)."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook`` refusing an object with the same key twice."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def parse_store_bytes(raw: bytes, check_duplicates: bool = True) -> Any:
    """Parse a store's bytes (UTF-8, BOM allowed), refusing duplicate keys.

    Raises ``UnicodeDecodeError``, ``json.JSONDecodeError`` or ``ValueError``
    (duplicate key).

    Fast path: orjson, then a check that the file holds exactly as many
    entries as were parsed.  In the canonical layout every entry of a table
    (a request, an authority...) starts a line indented by four spaces, so
    counting those lines finds an entry that appears twice (json keeps only
    the last one, silently).  A file in any other layout, or one that fails
    to parse, goes through the json module with a duplicate-refusing hook,
    which is exact and gives precise errors."""
    if _orjson is not None:
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        try:
            data = _orjson.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict) and (not check_duplicates or _entry_lines(body) == _entry_count(data)):
            return data
    return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=no_duplicate_keys)


def _entry_lines(body: bytes) -> int:
    return body.count(b'\n    "')


def _entry_count(data: dict) -> int:
    return sum(len(t) for t in data.values() if isinstance(t, dict))


def bad_text(value: Any, where: str = "") -> str | None:
    """Where in ``value`` a string holds a lone surrogate (undecodable input)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where or "a value"
        return None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and bad_text(key) is not None:
            return f"{where} key".strip()
        found = bad_text(item, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None
