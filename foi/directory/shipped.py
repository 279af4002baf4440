"""The shipped list (``data/authorities.csv``) and merging it with the user's records."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from foi.errors import StoreError, UsageError
from foi.resources import data_dir

from .records import RECORD_FIELDS, SHIPPED_FILE, _tags, _text, normalise_record, slugify


def _read_shipped(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        result: dict[str, dict] = {}
        for row in reader:
            rec = {f: (row.get(f) or "").strip() for f in RECORD_FIELDS}
            rec["tags"] = _tags(rec["tags"])
            rec["source"] = "shipped"
            result[rec["id"]] = rec
    return result


@cache
def shipped_authorities() -> dict[str, dict]:
    """The authorities shipped in ``data/authorities.csv``, id -> record (``source="shipped"``).

    Cached: the same dict is returned every time, so do not change it; use
    :func:`merge` to combine it with the user's records (it copies).
    """
    return _read_shipped(data_dir() / SHIPPED_FILE)


_EMAIL_FIELDS = ("email_verified", "email_source", "email_checked", "email_note", "email_status")


def overlay(base: dict, raw: dict) -> dict:
    """A shipped record with a stored record's changes laid over it (not validated).

    Only the fields the stored record fills in change; an empty one keeps the
    shipped value, so correcting an address never touches kind, nation or law.
    The verification, source, date and status of an address belong to it: when
    the stored record gives a new address they come from the stored record
    too.  Tags are the shipped ones plus the stored record's.
    """
    rec = {f: base.get(f, "") for f in RECORD_FIELDS}
    given = {f: raw.get(f) for f in RECORD_FIELDS if f != "tags" and _text(raw.get(f))}
    if "foi_email" in given and given["foi_email"] != base.get("foi_email"):
        for field in _EMAIL_FIELDS:
            rec[field] = ""
    rec.update(given)
    rec["tags"] = _tags([*(base.get("tags") or []), *_tags(raw.get("tags"))])
    return rec


def merge(shipped: dict, user: Iterable[dict]) -> dict[str, dict]:
    """Shipped records plus the user's, by id.

    A stored record with its own id is the user's (``source="yours"``).  One
    with a shipped authority's id changes that authority (``source="edited"``)
    as :func:`overlay` says.  Inputs are not changed.  A stored record that is
    not valid raises :class:`foi.errors.StoreError`.
    """
    result: dict[str, dict] = {}
    for aid, rec in shipped.items():
        copy = dict(rec)
        copy["tags"] = list(rec.get("tags") or [])
        result[aid] = copy
    for raw in user:
        ident = (raw.get("id") or raw.get("name")) if isinstance(raw, dict) else None
        try:
            base = (
                shipped.get(_text(raw.get("id")) or slugify(_text(raw.get("name")))) if isinstance(raw, dict) else None
            )
            rec = normalise_record(overlay(base, raw) if base is not None else raw)
        except UsageError as exc:
            raise StoreError(
                f"stored authority '{ident or '?'}' is invalid: {exc.message}",
                hint="fix or remove it with `foi authorities` commands",
            ) from None
        rec["source"] = "edited" if base is not None else "yours"
        result[rec["id"]] = rec
    return result
