"""`foi send`, `foi respond`, `foi log`, `foi finding` over a selection of
requests: each one change per request, all saved in one write (:mod:`foi.app.bulk`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from ..domain.timeline import AlreadyDone
from ..vocab import Event
from . import bulk, timeline


def send(store, requests, on: date, via: str, today: date, details=None, dry_run=False) -> bulk.Outcome:
    """Record that each request's pending draft went out (detail: the letter kind);
    requests already sent, with no new draft, are skipped."""

    def change(req):
        return timeline.send(req, on, via, today, details=details)

    return bulk.run(store, requests, change, dry_run)


def _response_index(req: Mapping) -> int | None:
    for i, e in enumerate(req.get("events", ())):
        if e.get("type") == Event.RESPONSE:
            return i
    return None


def record(
    store,
    requests: Sequence[Mapping],
    event: Mapping,
    today: date,
    files: Sequence[Path] = (),
    replace: bool = False,
    dry_run: bool = False,
) -> bulk.Outcome:
    """Add ``event`` (a copy for each request) to every request's timeline
    (detail: the event added).  A second response is refused unless
    ``replace``: then it takes the place of the first, keeping its uid, so a
    coalition's merge sees the correction.  Files come with it (copied beside
    the store once everything has been checked)."""
    event = {k: v for k, v in event.items() if v not in (None, "", [], ())}

    def change(req, with_files=()):
        new_event = dict(event, attachments=list(with_files)) if with_files else dict(event)
        index = _response_index(req) if event["type"] == Event.RESPONSE and replace else None
        if index is None:
            new = timeline.add_event(req, new_event, today)
            return new, new_event
        from ..domain.corrections import replace_event

        old = req["events"][index]
        if {k: v for k, v in old.items() if k != "uid"} == new_event:
            raise AlreadyDone(f"request {req['id']} already has this response; nothing was changed")
        return replace_event(req, index, new_event, today), new_event

    if not files:
        return bulk.run(store, requests, change, dry_run)
    bulk.run(store, requests, change, dry_run=True)  # check everything before copying a file
    if dry_run:
        return bulk.run(store, requests, change, dry_run=True)
    attached = timeline.store_attachments(store.path, list(files))
    return bulk.run(store, requests, lambda req: change(req, attached), dry_run)


def findings(store, requests: Sequence[Mapping], pairs: Sequence[str], dry_run: bool = False) -> bulk.Outcome:
    """Apply ``key=value`` pairs to each request's findings (detail: the findings)."""
    from ..export import apply_findings
    from . import campaigns

    changed = [p.partition("=")[0].strip().lower() for p in pairs]

    def change(req):
        found = apply_findings(req.get("findings"), pairs)
        checked = campaigns.checked_findings(campaigns.get(store, req.get("campaign")), found, changed)
        return {**req, "findings": checked}, checked

    return bulk.run(store, requests, change, dry_run)
