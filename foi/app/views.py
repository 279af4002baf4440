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

from collections.abc import Iterable, Iterator, Mapping
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
    return next(request_views((req,), today, calendars))


class _IsoDates(dict):
    """``d.isoformat()`` of each date (``None`` stays ``None``), each worked out once:
    the requests of a store share most of their dates."""

    def __missing__(self, d: date) -> str:
        text = self[d] = d.isoformat()
        return text


def request_views(requests: Iterable[Mapping], today: date, calendars=None) -> Iterator[dict]:
    """:func:`request_view` of each request in turn (the outcome is the clock's: that of
    the response it counted)."""
    global _assess
    if _assess is None:  # the deadline engine is imported on first use
        from ..domain.clock import assess as _assess
    iso = _IsoDates({None: None})
    default_nation = Nation.DEFAULT
    for req in requests:
        get = req.get
        a = _assess(req["regime"], get("nation", default_nation), get("events", ()), today, calendars)
        yield {
            "id": req["id"],
            "uid": get("uid"),
            "member": get("member") or get("created_by") or None,  # (member_of, inline: once per request)
            "conflicts": len(get("conflicts") or ()),
            "authority": get("authority_name", ""),
            "authority_id": get("authority_id", ""),
            "authority_kind": get("authority_kind", ""),
            "regime": req["regime"],
            "campaign": get("campaign"),
            "subject": get("subject", ""),
            "stage": a.stage,
            "actor": a.actor,
            "sent": iso[a.sent],
            "due": iso[a.due],
            "very_overdue": iso[a.very_overdue],
            "days_left": a.days_left,
            "days_unit": a.days_unit,
            "overdue": a.overdue,
            "response_due": iso[a.response_due],
            "answered": iso[a.answered],
            "outcome": a.outcome,
            "working_days_late": a.working_days_late,
            "rule": a.rule,
            "warnings": a.warnings,  # (a tuple: JSON writes it as a list)
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
    from .context import gc_paused
    from .selection import check_campaign, filter_requests, resolve_authority

    store = app.read()
    requests = store.requests()
    check_campaign(requests, campaign)
    authority_id = resolve_authority(authority, app.authorities(store))["id"] if authority else None
    calendars = app.calendars(store)
    chosen = filter_requests(requests, campaign, authority_id)
    if member is not None:
        who = member.strip().casefold()
        chosen = [req for req in chosen if (member_of(req) or "").casefold() == who]
    with gc_paused() as keep:  # (a view per request, all kept: see gc_paused)
        shown = request_views(chosen, app.today, calendars)
        if status is None:
            return keep(list(shown))
        return keep([view for view in shown if status_matches(status, view["stage"], view["overdue"])])
