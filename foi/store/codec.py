"""The store's bytes: canonical serialisation and parsing.

Canonical JSON is indent 2, sorted keys, non-ASCII kept, a trailing newline
(:func:`dumps` is the reference; :func:`dump_bytes` is the same bytes, fast).
Parsing refuses an object with the same key twice: the json module would
silently keep only the last one, and a bad git merge of two stores that
both added request 5 would lose one of them.
"""

from __future__ import annotations

from typing import Any

#: Below this size a store is parsed by the json module: importing orjson
#: (which imports json, dataclasses...) costs more than it saves on a small
#: file, and `foi overdue` on a small store must start as fast as click.
SMALL = 200_000


class _Lazy:
    """orjson, imported on first use (``None`` if it is not installed)."""

    def __getattr__(self, name: str):
        global _orjson
        try:
            import orjson
        except ImportError:  # pragma: no cover - orjson is a dependency; stay correct without it
            _orjson = None
            raise AttributeError(name) from None
        _orjson = orjson
        return getattr(orjson, name)

    def __bool__(self) -> bool:
        try:
            self.loads  # noqa: B018 (imports it)
        except AttributeError:  # pragma: no cover
            return False
        return True


_orjson = _Lazy()


class DuplicateKey(ValueError):
    """An object with the same key twice."""


def dump_bytes(data: Any) -> bytes:
    """The store's canonical serialisation, as UTF-8 bytes: indent 2, sorted
    keys, non-ASCII kept, trailing newline (see :func:`canonical_bytes`)."""
    return canonical_bytes(data)[0]


def canonical_bytes(data: Any) -> tuple[bytes, bool]:
    """:func:`dump_bytes`, and whether orjson wrote them (then orjson also
    reads them back exactly, which lets a reader trust the writer's receipt).

    ``json.dumps`` with ``indent`` cannot use its C encoder, which made a
    write into a big store spend most of its time here;
    orjson writes byte-identical output (checked by the tests) far faster.
    Anything orjson refuses (a lone surrogate, an integer beyond 64 bits)
    goes through the json module, which gives the precise error."""
    if _orjson:
        try:
            options = _orjson.OPT_INDENT_2 | _orjson.OPT_SORT_KEYS | _orjson.OPT_APPEND_NEWLINE
            return _orjson.dumps(data, option=options), True
        except TypeError:
            pass
    return dumps(data).encode("utf-8"), False


def loads_trusted(raw: bytes) -> Any:
    """Parse bytes this foi wrote and checked (see :mod:`.receipt`): orjson,
    or the json module for a small file (the same data: both read standard
    JSON exactly, and orjson wrote it)."""
    if len(raw) >= SMALL and _orjson:
        return _orjson.loads(raw)
    import json

    return json.loads(raw)


def dumps(data: Any) -> str:
    """The store's canonical serialisation (the reference the fast path must match)."""
    import json

    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook`` refusing an object with the same key twice."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def parse_store_bytes(raw: bytes) -> Any:
    """Parse a store's bytes (UTF-8, BOM allowed) exactly.

    Refuses (``ValueError``) what would not come back as it is written: an
    object with the same key twice (:class:`DuplicateKey`), ``NaN`` and
    ``Infinity`` (not JSON; orjson would write them back as ``null``), a
    number too large for a float, and a lone surrogate escape such as
    ``"\\ud800"`` (:class:`BadText`: not text; it would crash whatever
    prints it).  Integers of any size are kept exactly.  Also raises
    ``UnicodeDecodeError`` and ``json.JSONDecodeError``.

    Fast path: orjson parses the bytes, and the result is accepted only if
    writing it back gives the very same bytes (``dump_bytes(data) == raw``).
    That proves nothing was lost: a key written twice, an integer orjson
    read as a float, any escape it changed would make the bytes differ.
    foi writes every store in that canonical form, so the check passes on
    any store foi wrote; anything else (a hand edit, another layout, a bad
    merge) takes the exact path: the json module with hooks that refuse the
    above.  (The earlier check counted entry lines and could be fooled by a
    table written on one line.)"""
    return parse_checked(raw)[0]


def parse_checked(raw: bytes) -> tuple[Any, bool]:
    """:func:`parse_store_bytes`, and whether :func:`loads_trusted` would read
    these very bytes to the same data (they are what a receipt may vouch for:
    canonical bytes orjson reads back, or a small file the json module reads)."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    if len(body) >= SMALL and _orjson:
        try:
            data = _orjson.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict):
            try:
                same = dump_bytes(data) == body
            except (TypeError, ValueError):
                same = False
            if same:
                return data, body is raw
    return _parse_exactly(body.decode("utf-8")), body is raw and len(body) < SMALL


class BadText(ValueError):
    """A string that is not text (a lone surrogate)."""


class NotJSON(ValueError):
    """Something Python's json accepts but JSON does not (NaN, Infinity, 1e400)."""


def _no_constants(name: str) -> Any:
    raise NotJSON(f"{name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise NotJSON(f"the number {text[:20]} is too large")
    return value


def _parse_exactly(text: str) -> Any:
    import json

    data = json.loads(text, object_pairs_hook=no_duplicate_keys, parse_constant=_no_constants, parse_float=_finite)
    if "\\u" in text:  # an escape might have made a lone surrogate
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            where = bad_text(data) or "a value"
            raise BadText(f"{where} holds a lone surrogate escape (\\ud800-\\udfff), which is not text") from None
    return data


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
