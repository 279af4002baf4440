"""`foi undo` and `foi edit`: correct a request's timeline (the rules are in
:mod:`foi.domain.corrections`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..domain import corrections as dc
from ..errors import FoiError


@dataclass(frozen=True)
class Correction:
    """One event changed: the request before and after, the event before
    (None if added) and after (None if removed)."""

    before: dict
    after: dict
    old: dict | None
    new: dict | None


def last_event(store, rid: int) -> tuple[int, dict]:
    """The event `foi undo` would remove (the one recorded last) and its number."""
    req = store.get_request(rid)
    index = dc.last_recorded(req.get("events", ()))
    return index + 1, dict(req["events"][index])


def undo(store, rid: int, today: date, expected_uid: str | None = None, dry_run: bool = False) -> Correction:
    """Remove the event recorded last on request ``rid``.  ``expected_uid``:
    the event the person was shown; if someone else recorded another since,
    nothing is removed."""
    req = store.get_request(rid)
    index = dc.last_recorded(req.get("events", ()))
    event = req["events"][index]
    if expected_uid is not None and event.get("uid") != expected_uid:
        raise FoiError(
            f"request {rid} changed while you were asked (another event was recorded); nothing was removed",
            f"run `foi undo {rid}` again",
        )
    after, removed = dc.remove_event(req, index, today)
    if not dry_run:
        store.update_requests([after])
    return Correction(req, after, removed, None)


def edit(store, rid: int, which: str | None, changes: Mapping, today: date, dry_run: bool = False) -> Correction:
    """Change fields of one event of request ``rid`` (``which``: its number on
    `foi show`, its type, or None for the event recorded last); it keeps its uid."""
    req = store.get_request(rid)
    index = dc.find_event(req.get("events", ()), which, rid)
    after, old, new = dc.edit_event(req, index, changes, today)
    if not dry_run:
        store.update_requests([after])
    return Correction(req, after, old, new)


def changes_of(on: date | None, outcome: str | None, exemptions: Sequence[str] | None, ref, note) -> dict:
    """The fields `foi edit` was asked to change (an empty --exemption list
    given as ``[""]`` clears them)."""
    out: dict = {}
    if on is not None:
        out["date"] = on.isoformat()
    if outcome is not None:
        out["outcome"] = outcome
    if exemptions:
        out["exemptions"] = [e.strip() for e in exemptions if e.strip()]
    if ref is not None:
        out["ref"] = ref
    if note is not None:
        out["note"] = note
    return out
