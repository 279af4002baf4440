"""Correcting a request's timeline (pure): replacing the response, undoing
the last event, editing an event's date, outcome, exemptions, reference or note.

The timeline is evidence, and coalitions merge it (:mod:`foi.domain.merge`):

* an edited or replaced event keeps its permanent ``uid``, so a three-way
  merge sees a *change* of that event (field by field), not a removal and an
  unrelated addition;
* an undone event is removed: a merge keeps it removed (unless another member
  changed it meanwhile, which is then a recorded conflict);
* after a correction every event is checked again against the ones before
  it, with the same rules as when it was recorded (:func:`check_correction`):
  a correction cannot leave a response before the request was sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..errors import InvalidEvent, UsageError
from ..vocab import Event
from .timeline import SENDS, check_new_event, insert_event

#: Fields `foi edit` may change, and the event types each applies to (None: any).
EDITABLE: dict[str, tuple[str, ...] | None] = {
    "date": None,
    "outcome": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION, Event.APPEAL),
    "exemptions": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION),
    "ref": None,
    "note": None,
    "via": tuple(dict.fromkeys(SENDS.values())),
}


def timeline_problems(req: Mapping, today: date) -> list[InvalidEvent]:
    """Every event checked against those before it, as if recorded in order:
    what :func:`foi.domain.timeline.check_new_event` would refuse."""
    events = list(req.get("events", ()))
    found = []
    for i, e in enumerate(events):
        if e.get("type") == Event.DRAFTED:
            continue
        try:
            check_new_event({**req, "events": events[:i]}, e, today)
        except InvalidEvent as exc:
            found.append(exc)
    return found


def check_correction(before: Mapping, after: Mapping, today: date) -> None:
    """Refuse a correction that leaves the timeline with a problem it did not
    have (one it already had, say from an older version of foi, is no reason
    to refuse an unrelated correction)."""
    old = {str(p) for p in timeline_problems(before, today)}
    for problem in timeline_problems(after, today):
        if str(problem) not in old:
            raise InvalidEvent(
                f"that would leave request {before.get('id', '?')} wrong: {problem.message}", problem.hint
            )


def last_recorded(events: Sequence[Mapping]) -> int:
    """The index of the event recorded last: the largest uid (uids are made
    in time order), else the last one on the timeline."""
    if not events:
        raise InvalidEvent("the request has no events")
    with_uid = [(str(e.get("uid") or ""), i) for i, e in enumerate(events)]
    uid, index = max(with_uid)
    return index if uid else len(events) - 1


def find_event(events: Sequence[Mapping], which: str | None, rid) -> int:
    """The index of the event ``which`` names: its number on `foi show`'s
    timeline (1 is the first), a type (the latest event of that type), or
    None for the event recorded last."""
    if which is None:
        return last_recorded(events)
    which = which.strip()
    if which.isdigit():
        n = int(which)
        if not 1 <= n <= len(events):
            raise UsageError(
                f"request {rid} has {len(events)} events: there is no event {n}",
                f"`foi show {rid}` numbers them",
            )
        return n - 1
    for i in range(len(events) - 1, -1, -1):
        if events[i].get("type") == which:
            return i
    known = sorted({e.get("type") for e in events if e.get("type")})
    raise UsageError(f"request {rid} has no {which} event", f"its events: {', '.join(known)}")


def replace_event(req: Mapping, index: int, event: Mapping, today: date) -> dict:
    """The request with event ``index`` replaced by ``event`` (same uid),
    placed by its date and the whole timeline checked again."""
    events = list(req.get("events", ()))
    old = events.pop(index)
    new = {"uid": old["uid"], **{k: v for k, v in event.items() if k != "uid"}} if old.get("uid") else dict(event)
    out = {**req, "events": insert_event(events, new)}
    check_correction(req, out, today)
    return out


def edit_event(req: Mapping, index: int, changes: Mapping, today: date) -> tuple[dict, dict, dict]:
    """Apply ``changes`` (fields of :data:`EDITABLE`; an empty value removes
    the field) to event ``index``.  Returns (request, old event, new event)."""
    events = req.get("events", ())
    old = events[index]
    kind = old.get("type")
    if kind == Event.DRAFTED and "date" in changes:
        raise UsageError("a drafted letter's date is the day it was written", "edit the event that sent it")
    for name in changes:
        allowed = EDITABLE.get(name, ())
        if allowed is not None and kind not in allowed:
            raise UsageError(f"a {kind} event has no {name}", f"{name} is for {', '.join(allowed or ())} events")
    new = dict(old)
    for name, value in changes.items():
        if value in (None, "", [], ()):
            new.pop(name, None)
        else:
            new[name] = value
    from .known_values import event_problems

    made = [p for p in event_problems(new) if p not in event_problems(old)]
    if made:
        raise UsageError(made[0], "see `foi edit --help` for the values each field takes")
    if new == old:
        raise UsageError(
            "that changes nothing", "give the new value with --on, --outcome, --exemption, --ref, --note or --via"
        )
    out = replace_event(req, index, new, today)
    return out, dict(old), new


def remove_event(req: Mapping, index: int, today: date) -> tuple[dict, dict]:
    """The request without event ``index`` (undo), and the event removed.

    Undoing a send (``sent``, ``chased``, ``review-requested``,
    ``complaint`` recorded by `foi send`) makes its letter a pending draft
    again.  A request's first draft cannot be undone: it is the request."""
    events = list(req.get("events", ()))
    if index == 0 and len(events) == 1:
        raise InvalidEvent(
            f"request {req.get('id', '?')} has only its drafted letter: there is nothing to undo",
            f"a request sent by mistake to the wrong body can be withdrawn: foi log {req.get('id', '?')} withdrawn",
        )
    removed = events.pop(index)
    kind = removed.get("type")
    for i in range(len(events) - 1, -1, -1):
        e = events[i]
        if (
            e.get("type") == Event.DRAFTED
            and e.get("sent_on") == removed.get("date")
            and SENDS.get(e.get("kind", "request")) == kind
            and removed.get("letter_kind", e.get("kind", "request")) == e.get("kind", "request")
        ):
            events[i] = {k: v for k, v in e.items() if k != "sent_on"}
            break
    out = {**req, "events": events}
    check_correction(req, out, today)
    return out, removed
