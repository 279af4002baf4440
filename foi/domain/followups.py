"""Follow-up letters: chaser, internal review, complaint, review chaser.

Decides whether a follow-up makes sense at this point of a request's life,
refusing with the reason and what to do instead, and builds the facts the
letter needs from the timeline.  No click, no rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ..dates import human
from ..errors import InvalidEvent
from ..vocab import Event, LetterKind, Nation, Regime, Stage
from .clock import Assessment, assess
from .timeline import first, last

#: what `foi chase|review|complain` asks for -> letter kind -> template name
TEMPLATES = {"chaser": "chaser", "review-chaser": "review-chaser", "review": "review", "complaint": "complaint"}

#: Events that open a new stage of the request (a follow-up drafted before
#: the latest of these belongs to an earlier stage).
_STAGE_EVENTS = {
    Event.SENT,
    Event.CLARIFICATION_REQUESTED,
    Event.CLARIFIED,
    Event.FEE_NOTICE,
    Event.FEE_PAID,
    Event.EXTENDED,
    Event.RESPONSE,
    Event.REVIEW_REQUESTED,
    Event.REVIEW_RESPONSE,
    Event.COMPLAINT,
    Event.DECISION,
    Event.APPEAL,
}


def decide(req: Mapping, action: str, today: date, calendars=None) -> tuple[str, Assessment]:
    """The letter kind for ``action`` (chase | review | complain) now, or
    :class:`InvalidEvent` saying why not and what to do instead."""
    a = assess(req["regime"], req.get("nation", Nation.DEFAULT), req.get("events", ()), today, calendars)
    rid = req["id"]
    if a.stage in Stage.NOT_OPEN:
        what = {
            Stage.DRAFT: "has not been sent yet (record that with `foi send %s`)" % rid,
            Stage.WITHDRAWN: "was withdrawn",
            Stage.CLOSED: "is closed",
        }[a.stage]
        raise InvalidEvent(f"request {rid} {what}; there is nothing to {action}")
    decider = {"chase": _chase, "review": _review, "complain": _complain}.get(action)
    if decider is None:
        raise ValueError(action)
    return decider(req, a, today), a


def _chase(req: Mapping, a: Assessment, today: date) -> str:
    rid = req["id"]
    if a.stage in Stage.AWAITING:
        if not a.overdue:
            raise InvalidEvent(
                f"request {rid} is not overdue: the response is due {human(a.due)}",
                "a chaser sent early loses goodwill; `foi overdue` lists it when it is late",
            )
        return LetterKind.CHASER
    if a.stage == Stage.AWAITING_REVIEW:
        if not (a.review_due and today > a.review_due):
            raise InvalidEvent(
                f"the internal review of request {rid} is not overdue: due {human(a.review_due)}",
                "`foi overdue` lists it when it is late",
            )
        return LetterKind.REVIEW_CHASER
    raise InvalidEvent(
        f"request {rid} is {a.stage}: nothing is owed by the authority to chase", f"see `foi show {rid}`"
    )


def _review(req: Mapping, a: Assessment, today: date) -> str:
    rid = req["id"]
    if a.stage == Stage.ANSWERED:
        return LetterKind.REVIEW
    if a.stage in Stage.AWAITING and a.overdue:
        # FOISA s.20(1) and EIR reg 11 allow a review of a failure to respond;
        # under FOIA the ICO accepts a complaint, but a review is still a reasonable first step
        return LetterKind.REVIEW
    if a.stage in (Stage.AWAITING_RESPONSE, Stage.EXTENDED, Stage.AWAITING_CLARIFICATION, Stage.FEE_PENDING):
        raise InvalidEvent(
            f"request {rid} has had no response yet (due {human(a.due)}): there is nothing to review",
            f"wait for the response, or chase it once it is late: `foi chase {rid}`",
        )
    if a.stage == Stage.AWAITING_REVIEW:
        raise InvalidEvent(
            f"you already asked for a review of request {rid} on {human(a.review_requested)}",
            f"if it is late, chase it: `foi chase {rid}`",
        )
    raise InvalidEvent(f"request {rid} is past the review stage ({a.stage})", f"see `foi show {rid}`")


def _complain(req: Mapping, a: Assessment, today: date) -> str:
    rid, regime = req["id"], req["regime"]
    if a.stage == Stage.REVIEW_ANSWERED:
        return LetterKind.COMPLAINT
    if a.stage == Stage.AWAITING_REVIEW:
        limit = a.very_overdue or a.review_due
        if limit is not None and today > limit:
            return LetterKind.COMPLAINT
        raise InvalidEvent(
            f"the internal review of request {rid} is not answered yet and not late enough to complain "
            f"(the regulator expects you to wait until {human(limit)})",
            f"chase it once it is late: `foi chase {rid}`",
        )
    if a.stage in Stage.AWAITING and a.is_very_overdue and regime in (Regime.FOIA, Regime.EIR):
        return LetterKind.COMPLAINT
    if a.stage == Stage.ANSWERED:
        raise InvalidEvent(
            f"request {rid} was answered but no internal review was asked for: the "
            f"{'Commissioner' if regime in Regime.SCOTTISH else 'ICO'} expects a review first",
            f"ask for one: `foi review {rid}`",
        )
    if a.stage in (Stage.COMPLAINT_LODGED, Stage.DECISION, Stage.APPEALED):
        raise InvalidEvent(f"request {rid} is already with the regulator ({a.stage})", f"see `foi show {rid}`")
    raise InvalidEvent(
        f"request {rid} cannot go to the regulator yet ({a.stage}): the response is not answered or late enough",
        f"chase it when it is late (`foi chase {rid}`), then ask for a review",
    )


def already_drafted(req: Mapping, kind: str) -> Mapping | None:
    """A draft of ``kind`` made since the current stage began, if any."""
    events = req.get("events", ())
    stage_start = ""
    for e in events:
        if e.get("type") in _STAGE_EVENTS:
            stage_start = e["date"]
    for e in reversed(events):
        if e.get("type") == Event.DRAFTED and e.get("kind") == kind and e["date"] >= stage_start:
            return e
    return None


def _timeline_type(e: Mapping) -> str:
    """The event's type for a letter's timeline; a chaser of an internal
    review is told apart from a chaser of the response."""
    if e.get("type") == Event.CHASED and e.get("letter_kind") == "review-chaser":
        return "review-chased"
    return e["type"]


def letter_facts(req: Mapping, a: Assessment, grounds: str) -> dict:
    """The ``request`` and ``grounds`` parts of a follow-up letter's context."""
    events = req.get("events", ())
    response = first(events, Event.RESPONSE)
    review = last(events, Event.REVIEW_RESPONSE)
    ack = first(events, Event.ACKNOWLEDGED)
    ref = ""
    for e in (review, response, ack):
        if e and e.get("ref"):
            ref = e["ref"]
            break
    exemptions: list[str] = []
    for e in events:
        for x in e.get("exemptions", ()) or ():
            if x not in exemptions:
                exemptions.append(x)
    timeline = [
        {"date": date.fromisoformat(e["date"]), "type": _timeline_type(e), "note": e.get("note", "")}
        for e in events
        if e.get("type") not in (Event.DRAFTED, Event.NOTE)
    ]
    # a month-based deadline (SAR) is late by calendar days, as `foi list` counts it
    calendar_days = a.days_unit == "days" and a.answered is None
    return {
        "id": req["id"],
        "subject": req.get("subject", ""),
        "sent": a.sent,
        "response_due": a.response_due,
        "days_late": max(0, -(a.days_left or 0)) if calendar_days else a.working_days_late,
        "late_unit": "day" if calendar_days else "working day",
        "ref": ref,
        "answered": a.answered,
        "outcome": (response or {}).get("outcome"),
        "exemptions": exemptions,
        "review_requested": a.review_requested,
        "review_due": a.review_due,
        "review_answered": a.review_answered,
        "review_outcome": (review or {}).get("outcome"),
        "review_days_late": (
            0 if not a.review_due else max(0, -(a.days_left or 0)) if a.stage == Stage.AWAITING_REVIEW else 0
        ),
        "timeline": timeline,
    }
