"""Schema versions and the migrations between them.

Bump :data:`SCHEMA_VERSION` and add ``MIGRATIONS[old] = function`` whenever
the layout changes.  A migration takes the parsed store (a dict of tables)
and returns it in the next layout; it raises :class:`foi.errors.StoreError`
if the store cannot be upgraded.  The first write after a migration keeps
the old file as ``<store>.v<old>.bak``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import StoreError

if TYPE_CHECKING:
    from pathlib import Path

#: Version of the layout written by this foi.
SCHEMA_VERSION = 3


def _migrate_0_to_1(data: dict) -> dict:
    """Version 0 (foi before 0.1 had a schema): requests in ``_default`` with
    their id as a field and no meta table.  Move them to ``requests`` keyed
    by their own id and start the id counter after the largest one."""
    old = data.pop("_default", {}) or {}
    requests = dict(data.get("requests") or {})
    for key, doc in old.items():
        try:
            rid = int(str(doc.get("id", key)).lstrip("#"))
        except ValueError:
            raise StoreError(f"request {key!r} has an id that is not a number: {doc.get('id')!r}") from None
        doc = dict(doc)
        doc["id"] = rid
        if str(rid) in requests and requests[str(rid)] != doc:
            raise StoreError(f"two requests have the id {rid}")
        requests[str(rid)] = doc
    data["requests"] = requests
    biggest = max((int(k) for k in requests), default=0)
    data["meta"] = {"1": {"schema_version": 1, "next_id": biggest + 1}}
    return data


def _migrate_1_to_2(data: dict) -> dict:
    """Version 2 gives every request and event a permanent ``uid`` (a ULID,
    :mod:`foi.ids`).  They are derived from the data, so members who upgrade
    copies of one shared store apart get the same uids and can still merge."""
    from ..ids import add_derived_uids

    requests = data.get("requests")
    if isinstance(requests, dict):
        data["requests"] = {k: add_derived_uids(v) if isinstance(v, dict) else v for k, v in requests.items()}
    return data


def _migrate_2_to_3(data: dict) -> dict:
    """Version 3 keeps the text of letters out of the JSON, in files beside
    the store named by their SHA-256 (``letters/<sha256>.txt``; an event
    refers to its letter by ``letter_sha256``).  Writing files is not a
    migration's business (it runs in memory, for a read too): the text
    stays in the event's ``letter`` here, and the first write of the
    upgraded store moves every letter out, byte for byte, into its file
    before the store refers to it (``Store._letters_out``)."""
    return data


#: ``MIGRATIONS[n]`` upgrades a store of schema version ``n`` to ``n + 1``.
MIGRATIONS = {0: _migrate_0_to_1, 1: _migrate_1_to_2, 2: _migrate_2_to_3}


def schema_version_of(data: dict, path: Path | None = None) -> int:
    meta = (data.get("meta") or {}).get("1") or {}
    if not meta:
        return 0
    version = meta.get("schema_version")
    if type(version) is not int or version < 0:
        where = f"the store {path}" if path is not None else "the store"
        from .files import recovery_advice

        advice = f": {recovery_advice(path)}" if path is not None else ""
        raise StoreError(f"{where} has a broken schema_version: {version!r}{advice}", hint="`foi doctor` checks it")
    return version
