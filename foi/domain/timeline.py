"""Rules for adding an event to a request's timeline (pure, no I/O).

The timeline is legal evidence: dates decide whether an authority broke the
law.  So an event may not be dated in the future, nor before the statutory
event it follows, and an event that makes no sense yet (a response to a
request never sent, a fee paid with no fee notice) is refused with what to do
instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..dates import human
from ..errors import InvalidEvent
from ..vocab import Event, Regime

#: Which event records that a drafted letter of each kind went out.
SENDS = {
    "request": Event.SENT,
    "chaser": Event.CHASED,
    "review-chaser": Event.CHASED,
    "review": Event.REVIEW_REQUESTED,
    "complaint": Event.COMPLAINT,
}

# event -> (events one of which must come before it, what to do instead)
_NEEDS: dict[str, tuple[tuple[str, ...], str]] = {
    Event.RECEIVED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.ACKNOWLEDGED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.ID_REQUESTED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.ID_RECEIVED: (
        (Event.ID_REQUESTED,),
        "record the controller's request for proof of identity first: `foi log {id} id-requested --on DATE`",
    ),
    Event.CLARIFICATION_REQUESTED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.CLARIFIED: (
        (Event.CLARIFICATION_REQUESTED,),
        "record the authority's request for clarification first: `foi log {id} clarification-requested --on DATE`",
    ),
    Event.FEE_NOTICE: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.FEE_PAID: ((Event.FEE_NOTICE,), "record the fees notice first: `foi log {id} fee-notice --on DATE`"),
    Event.EXTENDED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.RESPONSE: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.CHASED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.REVIEW_REQUESTED: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.REVIEW_RESPONSE: (
        (Event.REVIEW_REQUESTED,),
        "record that you asked for a review first: `foi log {id} review-requested --on DATE`",
    ),
    Event.COMPLAINT: ((Event.SENT,), "record that the request went out first: `foi send {id}`"),
    Event.DECISION: ((Event.COMPLAINT,), "record the complaint first: `foi log {id} complaint --on DATE`"),
    Event.APPEAL: ((Event.DECISION,), "record the regulator's decision first: `foi log {id} decision --on DATE`"),
    Event.WITHDRAWN: ((Event.SENT, Event.DRAFTED), ""),
}

#: Events about the response clock, which mean nothing once the authority has
#: answered (an extension or a fees notice after the answer is a mistake).
_BEFORE_RESPONSE = (Event.CLARIFICATION_REQUESTED, Event.FEE_NOTICE, Event.EXTENDED, Event.ID_REQUESTED)

#: Events that happen at most once in a request's life.
_ONCE = {Event.SENT: "sent", Event.WITHDRAWN: "withdrawn", Event.RECEIVED: "recorded as received"}

#: Events that mean the authority had the request: it cannot have received it after them.
_AFTER_RECEIPT = frozenset(
    (
        Event.ACKNOWLEDGED,
        Event.CLARIFICATION_REQUESTED,
        Event.ID_REQUESTED,
        Event.FEE_NOTICE,
        Event.EXTENDED,
        Event.RESPONSE,
    )
)


class AlreadyDone(InvalidEvent):
    """What a command would record is already on the timeline (the same event,
    a letter already sent): a command over many requests skips it and says so."""


class AlreadyAnswered(InvalidEvent):
    """A second response to a request (correct the first with --replace or `foi edit`)."""


def statutory_events(events: Sequence[Mapping]) -> list[Mapping]:
    """The events that carry legal dates (drafts are foi's own bookkeeping)."""
    return [e for e in events if e.get("type") != Event.DRAFTED]


def check_new_event(request: Mapping, event: Mapping, today: date) -> None:
    """Raise :class:`InvalidEvent` if ``event`` cannot be added to ``request``."""
    rid = request.get("id", "?")
    kind = event["type"]
    when = date.fromisoformat(event["date"])
    if when > today:
        raise InvalidEvent(
            f"{kind} on {when.isoformat()} is in the future (today is {today.isoformat()})",
            "give the date it happened with --on DATE",
        )
    existing = statutory_events(request.get("events", ()))
    if kind == Event.DRAFTED:
        return
    seen = {e["type"] for e in existing}
    if kind in _ONCE and kind in seen:
        first = next(e for e in existing if e["type"] == kind)
        raise InvalidEvent(f"request {rid} was already {_ONCE[kind]} on {first['date']}")
    if kind == Event.RESPONSE and kind in seen:
        # a second response merged the outcomes and exemptions of both (issue 13, bug 5)
        answered = next(e for e in existing if e["type"] == kind)
        raise AlreadyAnswered(
            f"request {rid} was already answered on {human(date.fromisoformat(answered['date']))}"
            f" ({answered.get('outcome') or 'no outcome'}); nothing was changed",
            f"to correct it: foi respond {rid} --replace ..., or foi edit {rid} --event response",
        )
    # notes, and the messages `foi mail fetch` files, are facts of any day:
    # they are not refused after a withdrawal nor out of date order
    free = kind == Event.NOTE or kind in Event.MAIL
    if Event.WITHDRAWN in seen and not free:
        raise InvalidEvent(f"request {rid} was withdrawn; only notes can be added now")
    needs = _NEEDS.get(kind)
    if needs and not (seen & set(needs[0])):
        hint = needs[1].format(id=rid) if needs[1] else None
        raise InvalidEvent(f"cannot record {kind} on request {rid}: it has no {' or '.join(needs[0])} event yet", hint)
    if kind in _BEFORE_RESPONSE and Event.RESPONSE in seen:
        answered = next(e for e in existing if e["type"] == Event.RESPONSE)
        raise InvalidEvent(
            f"cannot record {kind} on request {rid}: it was answered on {answered['date']}, "
            "and this only changes the clock of an unanswered request",
            f'if something else happened, keep it as a note: foi log {rid} note --note "..."',
        )
    if kind in (Event.RECEIVED, Event.ID_REQUESTED, Event.ID_RECEIVED):
        _check_receipt_or_identity(request, event, existing)
        if kind == Event.RECEIVED:
            return  # recorded once known (often from the acknowledgement): it may come before later events
    if existing and not free:
        ordered = (e for e in existing if e["type"] != Event.NOTE and e["type"] not in Event.MAIL)
        last = max(ordered, key=lambda e: e["date"], default=None)
        if last is not None and event["date"] < last["date"]:
            raise InvalidEvent(
                f"{kind} on {event['date']} would come before the {last['type']} of {last['date']}",
                "events must be recorded in date order; check the date",
            )


def _check_receipt_or_identity(request: Mapping, event: Mapping, existing: Sequence[Mapping]) -> None:
    """``received``: on or after the day the request was sent, and not after anything the
    authority did about it.  ``id-requested`` / ``id-received``: subject access only."""
    rid, kind, day = request.get("id", "?"), event["type"], event["date"]
    if kind != Event.RECEIVED:
        if request.get("regime") != Regime.SAR:
            raise InvalidEvent(
                f"cannot record {kind} on request {rid}: proof of identity is asked for only in a subject access request",
                f"if the authority asked what you meant, record: foi log {rid} clarification-requested --on DATE",
            )
        return
    sent = next((e for e in existing if e["type"] == Event.SENT), None)
    if sent is not None and day < sent["date"]:
        raise InvalidEvent(f"received on {day} would be before the request was sent, on {sent['date']}")
    later = next((e for e in existing if e["type"] in _AFTER_RECEIPT and e["date"] < day), None)
    if later is not None:
        raise InvalidEvent(
            f"received on {day} would be after the {later['type']} of {later['date']}: "
            "the authority had the request by then",
            "give the day it arrived (the acknowledgement often says)",
        )


def insert_event(events: list[dict], event: dict) -> list[dict]:
    """A new list with ``event`` placed after every event on or before its date."""
    out = list(events)
    pos = len(out)
    while pos > 0 and out[pos - 1]["date"] > event["date"]:
        pos -= 1
    out.insert(pos, event)
    return out


def pending_draft(events: Sequence[Mapping]) -> tuple[int, Mapping] | None:
    """The newest drafted letter that has not gone out yet, with its index."""
    for i in range(len(events) - 1, -1, -1):
        e = events[i]
        if e.get("type") != Event.DRAFTED:
            continue
        if e.get("sent_on"):
            return None
        return i, e
    return None


def first(events: Sequence[Mapping], kind: str) -> Mapping | None:
    for e in events:
        if e.get("type") == kind:
            return e
    return None


def last(events: Sequence[Mapping], kind: str) -> Mapping | None:
    for e in reversed(events):
        if e.get("type") == kind:
            return e
    return None
