"""The use cases `foi send`, `foi respond`, `foi log` and `foi finding`, each
over a selection of requests (:class:`foi.app.selection.Selection`): one
change per request, all saved in one write or none (:mod:`foi.app.bulk`).
The rules for one event are in :mod:`foi.app.timeline`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.timeline import AlreadyDone
from ..errors import UsageError
from ..vocab import Event
from . import bulk, timeline
from .selection import Selection, select


@dataclass(frozen=True)
class Done:
    """One request changed: as stored now, where it stands, and what was
    recorded (the letter kind sent, or the event added)."""

    request: dict
    assessment: Any
    what: Any


def _run(app, sel: Selection, change, dry_run: bool) -> bulk.Outcome:
    """Select under the lock (or from a read, for a dry run) and run ``change``."""
    from .views import assess

    def with_state(store):
        calendars = app.calendars(store)
        requests = select(store, sel, app.today, calendars)

        def changed(req):
            new, what = change(store, requests, req)
            return new, Done(new, assess(new, app.today, calendars), what)

        return requests, changed

    if dry_run:
        store = app.read()
        requests, changed = with_state(store)
        return bulk.run(store, requests, changed, dry_run=True)
    with app.write() as store:
        requests, changed = with_state(store)
        return bulk.run(store, requests, changed)


def send_drafts(app, sel: Selection, on: date, via: str, url: str | None = None, dry_run=False) -> bulk.Outcome:
    """Record that the newest unsent draft of each request went out; a
    request already sent with no new draft is skipped (sending is idempotent)."""

    def change(store, requests, req):
        page = timeline.check_public_url(url, via, [r["id"] for r in requests])
        return timeline.send(req, on, via, app.today, details={"url": page} if page else None)

    return _run(app, sel, change, dry_run)


def _response_index(req: Mapping) -> int | None:
    return next((i for i, e in enumerate(req.get("events", ())) if e.get("type") == Event.RESPONSE), None)


def record(
    app, sel: Selection, event: Mapping, files: Sequence[str | Path] = (), replace=False, dry_run=False
) -> bulk.Outcome:
    """Add ``event`` to each request's timeline.  A second response is
    refused, for the whole command, unless ``replace``: it then takes the
    place of the first and keeps its uid, so a coalition's merge sees a
    correction.  Files come with it, copied beside the store only once every
    request has accepted the event."""
    event = {k: v for k, v in event.items() if v not in (None, "", [], ())}
    attached: list[dict] = []

    def change(store, requests, req):
        new_event = dict(event, attachments=attached) if attached else dict(event)
        index = _response_index(req) if replace and event["type"] == Event.RESPONSE else None
        if index is None:
            return timeline.add_event(req, new_event, app.today), new_event
        from ..domain.corrections import replace_event

        if {k: v for k, v in req["events"][index].items() if k != "uid"} == new_event:
            raise AlreadyDone(f"request {req['id']} already has this response; nothing was changed")
        return replace_event(req, index, new_event, app.today), new_event

    if not files or dry_run:
        return _run(app, sel, change, dry_run)
    with app.write() as store:
        calendars = app.calendars(store)
        requests = select(store, sel, app.today, calendars)
        bulk.run(store, requests, lambda r: change(store, requests, r), dry_run=True)  # check first
        attached.extend(timeline.store_attachments(app.store_path, [Path(f) for f in files]))
        from .views import assess

        def changed(req):
            new, what = change(store, requests, req)
            return new, Done(new, assess(new, app.today, calendars), what)

        return bulk.run(store, requests, changed)


def respond(
    app,
    sel: Selection,
    outcome: str,
    on: date,
    exemptions=(),
    ref=None,
    note=None,
    files=(),
    replace=False,
    dry_run=False,
) -> bulk.Outcome:
    """`foi respond`: the authority's response, on each selected request."""
    event = {
        "type": Event.RESPONSE,
        "date": on.isoformat(),
        "outcome": outcome,
        "exemptions": [e.strip() for e in exemptions if e.strip()],
        "ref": ref,
        "note": note,
    }
    return record(app, sel, event, files, replace=replace, dry_run=dry_run)


@dataclass(frozen=True)
class Logged:
    """What `foi log` was given (the options that apply to some events only)."""

    note: str | None = None
    until: date | None = None
    ref: str | None = None
    outcome: str | None = None
    exemptions: Sequence[str] = ()
    amount: str | None = None
    files: Sequence[str | Path] = ()


def log_event(app, sel: Selection, event_type: str, on: date, given: Logged, dry_run=False) -> bulk.Outcome:
    """`foi log`: any other event, on each selected request."""
    check_log_options(event_type, on, given)
    event = {
        "type": event_type,
        "date": on.isoformat(),
        "note": given.note,
        "ref": given.ref,
        "outcome": given.outcome,
        "exemptions": [e.strip() for e in given.exemptions if e.strip()],
        "amount": given.amount,
        "until": given.until.isoformat() if given.until else None,
    }
    return record(app, sel, event, given.files, dry_run=dry_run)


#: `foi log` options that only mean something for some events (the others
#: would be stored and never used, and the user would think they counted).
_LOG_OPTION_EVENTS = {
    "until": (Event.EXTENDED,),
    "amount": (Event.FEE_NOTICE, Event.FEE_PAID),
    "outcome": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION, Event.APPEAL),
    "exemptions": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION),
}


def check_log_options(event_type: str, on: date, given: Logged) -> None:
    """Refuse options that mean nothing for ``event_type``, and events that
    miss what they need."""
    from ..dates import human
    from ..vocab import Outcome, ReviewOutcome

    for name, allowed in _LOG_OPTION_EVENTS.items():
        if getattr(given, name) and event_type not in allowed:
            option = "--" + name.rstrip("s")
            raise UsageError(
                f"{option} does not apply to {event_type}",
                f"it is for {_or(allowed)} only; leave it out, or put it in --note",
            )
    if given.until is not None and given.until <= on:
        raise UsageError(
            f"--until {human(given.until)} is not after the day of the extension ({human(on)})",
            "give the new date the authority promised its response by",
        )
    if event_type == Event.NOTE and not given.note:
        raise UsageError("a note needs text", 'use --note "..."')
    if event_type == Event.REVIEW_RESPONSE and given.outcome and given.outcome not in ReviewOutcome.ALL:
        raise UsageError(f"unknown review outcome {given.outcome!r}", f"use one of {', '.join(ReviewOutcome.ALL)}")
    if event_type == Event.RESPONSE and given.outcome not in Outcome.ALL:
        raise UsageError("a response needs --outcome", f"use one of {', '.join(Outcome.ALL)}, or `foi respond`")


def _or(words) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def findings(app, sel: Selection, pairs: Sequence[str], dry_run=False) -> bulk.Outcome:
    """`foi finding`: ``key=value`` pairs applied to each request's findings."""
    from ..export import apply_findings
    from . import campaigns

    changed_keys = [p.partition("=")[0].strip().lower() for p in pairs]

    def change(store, requests, req):
        found = apply_findings(req.get("findings"), pairs)
        checked = campaigns.checked_findings(campaigns.get(store, req.get("campaign")), found, changed_keys)
        return {**req, "findings": checked}, checked

    return _run(app, sel, change, dry_run)
