"""The shape of a store: every field's type, one schema for the reader and
for `foi doctor`.

A store is a JSON object of tables (``meta``, ``requests``, ``authorities``,
``config``); each table is an object of entries keyed by a number; a request
is keyed by its own ``id`` and is its list of events.  The tables below give
each known field its type (and, for a few, the values it may take); a field
not listed is allowed (so a newer helper's field does not make an older
store unreadable) but a listed one must have its type.

:func:`problems` yields every problem as ``(check, message)``;
:func:`first_problem` is the reader's: it stops at the first.  The reader
refuses a store exactly when :func:`problems` yields anything, and doctor
reports exactly those as errors, so the two cannot disagree.

The checks are most of the cost of reading a big store, hence flat loops
over per-field specs that remember the valid dates seen so far (figures in
``bench/RESULTS.md``); a reader skips them for bytes that carry the writer's receipt
(:mod:`.receipt`), and makes them in full on anything else.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from ..vocab import Nation, Regime
from .migrations import SCHEMA_VERSION, schema_version_of

__all__ = ["SCHEMA_VERSION", "first_problem", "json_type", "problems", "schema_version_of", "shape_problem"]

_NAMES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number"}


def json_type(value: Any) -> str:
    """``object``, ``array``, ``string``, ``number``, ``true/false``, ``null``."""
    return _article(value).split(" ", 1)[-1]


def _article(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is bool:
        return "true/false"
    return _NAMES.get(type(value), type(value).__name__)


class _Spec:
    """A field: the Python types its JSON may have, what to call that, and
    an optional extra check of the value (returns a problem or ``None``)."""

    __slots__ = ("types", "want", "extra")

    def __init__(self, types: tuple, want: str, extra=None, null: bool = False):
        self.types = frozenset(types + ((type(None),) if null else ()))
        self.want = want + (" or null" if null else "")
        self.extra = extra


_good_dates: set[str] = set()


def _iso_date(value: str) -> str | None:
    if value in _good_dates:
        return None
    try:
        if len(value) == 10 and value[4] == "-" and date.fromisoformat(value):
            _good_dates.add(value)
            return None
    except ValueError:
        pass
    return f"is not a date like 2026-11-23 ({value!r})"


def _one_of(choices) -> Any:
    allowed = frozenset(choices)

    def check(value: str) -> str | None:
        if value in allowed:
            return None
        return f"{value!r} is not one of {', '.join(choices)}"

    return check


def _strings(value: list) -> str | None:
    for x in value:
        if type(x) is not str:
            return f"holds {_article(x)}, not only strings"
    return None


def _string_values(value: dict) -> str | None:
    for k, x in value.items():
        if type(x) is not str:
            return f"{k!r} is {_article(x)}, not a string"
    return None


def _objects(value: list) -> str | None:
    for i, item in enumerate(value, 1):
        if type(item) is not dict:
            return f"its item {i} is {_article(item)}, not an object"
    return None


def _not_negative(value: int) -> str | None:
    return None if value >= 0 else f"is negative ({value})"


def _positive(value: int) -> str | None:
    return None if value >= 1 else f"is not above 0 ({value})"


_HEX = frozenset("0123456789abcdef")


def _sha256(value: str) -> str | None:
    return None if len(value) == 64 and _HEX.issuperset(value) else f"is not a SHA-256 ({value[:70]!r})"


def _attachments(value: list) -> str | None:
    for i, a in enumerate(value, 1):
        if type(a) is not dict:
            return f"{i} is {_article(a)}, not an object"
        name, sha, size, file = a.get("name"), a.get("sha256"), a.get("size", 0), a.get("file")
        if type(sha) is not str or len(sha) != 64 or not _HEX.issuperset(sha):
            return f"{i} has no sha256 (64 hex digits)"
        if type(file) is not str or not file:
            return f"{i} has no file name ({file!r})"
        if "/" in file or "\\" in file or file in (".", ".."):
            return f"{i} points outside the attachments folder ({file!r})"
        if name is not None and type(name) is not str:
            return f"{i} has a name that is {_article(name)}, not a string"
        if type(size) is not int or size < 0:
            return f"{i} has a size that is not a number of bytes ({size!r})"
    return None


def _holidays(value: list) -> str | None:
    for i, h in enumerate(value, 1):
        if type(h) is not dict:
            return f"{i} is {_article(h)}, not an object"
        when, action, nation = h.get("date"), h.get("action"), h.get("nation")
        if type(when) is not str or _iso_date(when):
            return f"{i} has no date like 2026-11-23 ({when!r})"
        if action not in ("add", "remove"):
            return f"{i} has the action {action!r}, not add or remove"
        if nation not in Nation.HOLIDAY:
            return f"{i} has the nation {nation!r}, not one of {', '.join(Nation.HOLIDAY)}"
        if type(h.get("name", "")) not in (str, type(None)):
            return f"{i} has a name that is not a string"
    return None


_STR = _Spec((str,), "a string")
_OPT_STR = _Spec((str,), "a string", null=True)
_OPT_BOOL = _Spec((bool,), "true/false", null=True)
_DATE = _Spec((str,), "a date", _iso_date)
_OPT_DATE = _Spec((str,), "a date", _iso_date, null=True)
_STRINGS = _Spec((list,), "an array of strings", _strings)
_OPT_STRINGS = _Spec((list,), "an array of strings", _strings, null=True)

#: A request's fields (``events`` is checked by :data:`EVENT`).
REQUEST: dict[str, _Spec] = {
    "id": _Spec((int,), "a number", _positive),
    "uid": _OPT_STR,  # (its form and uniqueness: _check_uids)
    "regime": _Spec((str,), "a string", _one_of(Regime.ALL)),
    "nation": _Spec((str,), "a string", _one_of(Nation.ALL), null=True),
    "authority_id": _STR,
    "authority_name": _STR,
    "authority_kind": _OPT_STR,
    "subject": _STR,
    "campaign": _OPT_STR,
    "template": _OPT_STR,
    "to_email": _OPT_STR,
    "email_verified": _Spec((bool, str), "true/false", null=True),
    "wdtk_url_name": _OPT_STR,
    "created": _OPT_DATE,
    "vars": _Spec((dict,), "an object of strings", _string_values),
    "findings": _Spec((dict,), "an object"),
    "events": _Spec((list,), "an array of objects"),
    # a coalition's (issue 16): who drafted it, in whose name, who handles it,
    # and the conflicts a merge left for `foi resolve`
    "created_by": _OPT_STR,
    "requester": _Spec((dict,), "an object of strings", _string_values),
    "member": _OPT_STR,
    "conflicts": _Spec((list,), "an array of conflict records", _objects),
}
REQUEST_REQUIRED = ("regime", "events")

#: An event's fields, whatever its type.
EVENT: dict[str, _Spec] = {
    "type": _STR,  # (and "date", checked with the order of the events)
    "uid": _OPT_STR,  # (its form and uniqueness: _check_uids)
    "kind": _OPT_STR,
    "template": _OPT_STR,
    "letter": _STR,  # (older stores, and a letter not saved yet)
    "letter_sha256": _Spec((str,), "a SHA-256 (64 hex digits)", _sha256),
    "body_sha256": _Spec((str,), "a SHA-256 (64 hex digits)", _sha256),
    "raw_sha256": _Spec((str,), "a SHA-256 (64 hex digits)", _sha256),
    "sent": _OPT_BOOL,
    "sent_on": _OPT_DATE,
    "via": _OPT_STR,
    "letter_kind": _OPT_STR,
    "note": _OPT_STR,
    "ref": _OPT_STR,
    "outcome": _OPT_STR,
    "until": _OPT_DATE,
    "amount": _Spec((str, int, float), "a string or number", null=True),
    "exemptions": _OPT_STRINGS,
    "attachments": _Spec((list,), "an array of attachment records", _attachments),
}

AUTHORITY: dict[str, _Spec] = {
    "id": _STR,
    "name": _STR,
    "kind": _OPT_STR,
    "nation": _OPT_STR,
    "regime": _OPT_STR,
    "foi_email": _OPT_STR,
    "email_verified": _Spec((bool, str), "a string", null=True),
    "wdtk_url_name": _OPT_STR,
    "home_page": _OPT_STR,
    "ods_code": _OPT_STR,
    "gss_code": _OPT_STR,
    "police_api_id": _OPT_STR,
    "source": _OPT_STR,
    "tags": _OPT_STRINGS,
}
AUTHORITY_REQUIRED = ("id",)

CONFIG: dict[str, _Spec] = {
    "name": _OPT_STR,
    "email": _OPT_STR,
    "address": _OPT_STR,
    "organisation": _OPT_STR,
    "holidays": _Spec((list,), "an array of holiday changes", _holidays),
}

META: dict[str, _Spec] = {
    "schema_version": _Spec((int,), "a number", _not_negative),
    "next_id": _Spec((int,), "a number", _positive),
    "conflicts": _Spec((list,), "an array of conflict records", _objects),
}


def _check_fields(doc: dict, specs: dict[str, _Spec], where: str, out: list) -> None:
    for key, value in doc.items():
        spec = specs.get(key)
        if spec is None:
            continue
        if type(value) not in spec.types:
            out.append(f"{where}: {key} is {_article(value)}, not {spec.want}")
        elif spec.extra is not None and value is not None:
            problem = spec.extra(value)
            if problem:
                out.append(f"{where}: {key} {problem}")


def _check_events(key: str, events: list, out: list) -> None:
    previous = None
    for i, e in enumerate(events, 1):
        if type(e) is not dict:
            out.append(f"request {key}: event {i} is {_article(e)}, not an object")
            continue
        kind = e.get("type")
        when = e.get("date")
        if kind is None:
            out.append(f"request {key}: event {i} has no type")
        if type(when) is not str or (when not in _good_dates and _iso_date(when)):  # (also if missing)
            out.append(f"request {key}: event {i} ({kind}) has no valid date ({when!r})")
            when = None
        n = len(out)
        _check_fields(e, EVENT, f"request {key}: event {i}", out)
        if len(out) > n or when is None or "date" not in e:
            continue
        if previous is not None and when < previous[1]:
            out.append(
                f"request {key}: events out of date order: {kind} on {when} comes after {previous[0]} on {previous[1]}"
            )
        previous = (kind, when)


def _check_uids(key: str, doc: dict, seen: dict, out: list) -> None:
    """Each uid well formed, and no two requests or events sharing one
    (merges and mail match on them); worded as :func:`foi.ids.uid_problems`."""
    from ..ids import is_uid

    pairs = [(f"request {key}", doc.get("uid"))]
    pairs += [
        (f"request {key} event {i} ({e.get('type')})", e.get("uid"))
        for i, e in enumerate(doc["events"], 1)
        if type(e) is dict
    ]
    for what, uid in pairs:
        if type(uid) is not str or not uid:
            continue
        if not is_uid(uid):
            out.append(f"{what} has a malformed uid {uid!r} (26 characters of uppercase Crockford base32)")
        elif uid in seen:
            out.append(f"{what} has the same uid {uid} as {seen[uid]}")
        else:
            seen[uid] = what


def shared_uid(table: dict) -> str | None:
    """Whether two requests or events of ``table`` share a uid (the one
    check of a commit that needs every request, not just the changed ones)."""
    seen: set[str] = set()
    count = 0
    for doc in table.values():
        uids = [doc.get("uid")] + [e.get("uid") for e in doc.get("events") or () if type(e) is dict]
        uids = [u for u in uids if type(u) is str and u]
        seen.update(uids)
        count += len(uids)
        if len(seen) != count:
            return f"request {doc.get('id')} shares a uid with another request or event"
    return None


def _check_requests(table: dict, out: list, stop: bool) -> None:
    uids: dict[str, str] = {}
    for key, doc in table.items():
        if type(doc) is not dict:
            out.append(f"entry {key!r} of table 'requests' is a JSON {json_type(doc)}, not an object")
        else:
            rid = doc.get("id")
            if type(rid) is not int or str(rid) != key:
                problem = _key_problem("requests", key)
                out.append(problem or f"request {key!r} has the id {rid!r}, not {int(key)}")
            else:
                for field in REQUEST_REQUIRED:
                    if field not in doc:
                        out.append(f"request {key} has no {field}")
                _check_fields(doc, REQUEST, f"request {key}", out)
                events = doc.get("events")
                if type(events) is list:
                    _check_events(key, events, out)
                    _check_uids(key, doc, uids, out)
        if stop and out:
            return


def _key_problem(name: str, key: str) -> str | None:
    if not (key.isascii() and key.isdigit()) or key != str(int(key)):
        return f"entry {key!r} of table {name!r} has a key that is not a number"
    return None


def _check_table(name: str, table: dict, out: list, fields: bool) -> None:
    specs, required, what = {
        "authorities": (AUTHORITY, AUTHORITY_REQUIRED, "authority"),
        "config": (CONFIG, (), "config"),
        "meta": (META, (), "meta"),
    }.get(name, (None, (), name))
    for key, doc in table.items():
        if type(doc) is not dict:
            out.append(f"entry {key!r} of table {name!r} is a JSON {json_type(doc)}, not an object")
            continue
        problem = _key_problem(name, key)
        if problem:
            out.append(problem)
            continue
        if fields and name == "campaigns":
            from ..domain.findings import shape_problem as declaration_problem

            problem = declaration_problem(doc)
            if problem:
                out.append(f"the declaration of campaign {doc.get('name')!r} is broken: {problem}")
            continue
        if fields and specs is not None:
            where = what if name in ("config", "meta") else f"{what} {key}"
            for field in required:
                if field not in doc:
                    out.append(f"{where} has no {field}")
            _check_fields(doc, specs, where, out)


def _problem_list(data: Any, stop: bool, fields: bool | None = None) -> list[str]:
    out: list[str] = []
    if not isinstance(data, dict):
        return [f"the top level is a JSON {json_type(data)}, not an object"]
    if fields is None:
        fields = _is_current(data)
    for name, table in data.items():
        if not isinstance(table, dict):
            out.append(f"table {name!r} is a JSON {json_type(table)}, not an object")
        elif name == "requests" and fields:
            _check_requests(table, out, stop)
        elif name == "requests":
            _check_table(name, table, out, fields=False)
            _check_request_ids(table, out)
        else:
            _check_table(name, table, out, fields)
        if stop and out:
            break
    return out


def _check_request_ids(table: dict, out: list) -> None:
    for key, doc in table.items():
        if type(doc) is dict and (type(doc.get("id")) is not int or str(doc["id"]) != key):
            if not _key_problem("requests", key):
                out.append(f"request {key!r} has the id {doc.get('id')!r}, not {int(key)}")


def _is_current(data: dict) -> bool:
    meta = data.get("meta")
    if type(meta) is not dict or type(meta.get("1")) is not dict:
        return False
    return meta["1"].get("schema_version") == SCHEMA_VERSION


def problems(data: Any, fields: bool | None = None) -> Iterator[tuple[str, str]]:
    """Every problem with a parsed store, as ``(check, message)``; ``check``
    is ``schema``, ``ids`` or ``events`` (doctor's names).  A store of an
    older schema gets the layout checks only (its fields are the
    migration's business; the upgraded store is checked again), unless
    ``fields`` says otherwise."""
    for message in _problem_list(data, False, fields):
        yield _check_name(message), message


def first_problem(data: Any, fields: bool | None = None) -> str | None:
    """The first problem :func:`problems` would give, or ``None``."""
    found = _problem_list(data, True, fields)
    return found[0] if found else None


#: The name this check had before the field schema (kept for callers).
shape_problem = first_problem


def _check_name(message: str) -> str:
    if " uid " in message:
        return "ids"
    if "has the id" in message or "not a number" in message and "key" in message:
        return "ids"
    if ": event " in message or "events out of date order" in message or "has no events" in message:
        return "events"
    return "schema"
