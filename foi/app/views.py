"""What the commands show of a request: its derived state (stage, due
dates: never stored, :func:`assess` works them out) and its stable JSON shape.

A request record in the store::

    {"id": 12, "authority_id": "...", "authority_name": "...", "authority_kind": "...",
     "nation": "england", "regime": "foia", "subject": "...", "campaign": "hiu" | null,
     "template": "hiu-scheme", "to_email": "..." | "", "email_verified": false,
     "wdtk_url_name": "...", "created": "2026-11-23", "vars": {...},
     "events": [...], "findings": {...},
     "uid": "01J...", "created_by": "Sam Smith", "requester": {"name", "email", "address"}}

``uid`` (and each event's ``uid``) is the permanent id (:mod:`foi.ids`);
``created_by`` is who drafted it and ``requester`` the person in whose name
the letter went, whose details every follow-up letter repeats.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ..domain.timeline import first
from ..vocab import Event, Nation

_assess = None


def assess(req: Mapping, today: date, calendars=None):
    global _assess
    if _assess is None:  # the deadline engine is imported on first use (called per request)
        from ..domain.clock import assess as _assess

    return _assess(req["regime"], req.get("nation", Nation.DEFAULT), req.get("events", ()), today, calendars)


def request_view(req: Mapping, today: date, calendars=None) -> dict:
    """The stable JSON shape of a request in `foi list --json` and friends."""
    a = assess(req, today, calendars)
    response = first(req.get("events", ()), Event.RESPONSE)
    sent, due, very, response_due, answered = a.sent, a.due, a.very_overdue, a.response_due, a.answered
    return {
        "id": req["id"],
        "uid": req.get("uid"),
        "member": req.get("member") or req.get("created_by") or None,  # (member_of, inline: once per request)
        "conflicts": len(req.get("conflicts") or ()),
        "authority": req.get("authority_name", ""),
        "authority_id": req.get("authority_id", ""),
        "authority_kind": req.get("authority_kind", ""),
        "regime": req["regime"],
        "campaign": req.get("campaign"),
        "subject": req.get("subject", ""),
        "stage": a.stage,
        "actor": a.actor,
        "sent": sent.isoformat() if sent is not None else None,
        "due": due.isoformat() if due is not None else None,
        "very_overdue": very.isoformat() if very is not None else None,
        "days_left": a.days_left,
        "days_unit": a.days_unit,
        "overdue": a.overdue,
        "response_due": response_due.isoformat() if response_due is not None else None,
        "answered": answered.isoformat() if answered is not None else None,
        "outcome": response.get("outcome") if response else None,
        "working_days_late": a.working_days_late,
        "rule": a.rule,
        "warnings": list(a.warnings),
    }


def member_of(req: Mapping) -> str | None:
    """Who in the coalition handles the request: whoever it was assigned to
    (`foi assign`), else whoever drafted it."""
    return req.get("member") or req.get("created_by") or None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def letter_of(req: Mapping, store=None) -> str:
    """The text of the request's letter (its first drafted event): from its
    file beside the store (``store.letter_text``), or the text a request
    not stored yet carries."""
    e = first(req.get("events", ()), Event.DRAFTED)
    if e is None:
        return ""
    if store is not None:
        return store.letter_text(e)
    return e.get("letter", "")


def public_request(req: Mapping) -> dict[str, Any]:
    """The stored request as `foi show --json` gives it (dates already ISO)."""
    return {k: req[k] for k in sorted(req)}


def list_requests(
    app, status: str | None = None, campaign: str | None = None, authority: str | None = None, member: str | None = None
) -> list[dict]:
    """`foi list`: the views of the requests chosen, in id order."""
    from ..vocab import status_matches
    from .selection import check_campaign, filter_requests, resolve_authority

    store = app.read()
    requests = store.requests()
    check_campaign(requests, campaign)
    authority_id = resolve_authority(authority, app.authorities(store))["id"] if authority else None
    calendars = app.calendars(store)
    shown = []
    for req in filter_requests(requests, campaign, authority_id):
        if member is not None and (member_of(req) or "").casefold() != member.strip().casefold():
            continue
        view = request_view(req, app.today, calendars)
        if status_matches(status, view["stage"], view["overdue"]):
            shown.append(view)
    return shown
