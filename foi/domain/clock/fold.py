"""The clock as a fold: each event of a request's timeline, in order, updates a
small state (:class:`Clock`).  One handler per event type, each citing the rule
it applies; the numbers come from the regime's :class:`RegimeRules`.

Vocabulary: ``start`` is day 0 of the current count (the day of receipt, or
of the clarification, proof of identity or fee that started the count
again); ``pause`` is the time that does not count (working days, or calendar
days for a SAR); ``due_now()`` is the response deadline in force when an
event happens, which decides whether a notice came in time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta

from ...errors import InvalidEvent
from ...vocab import Event as ev
from ...vocab import Stage
from ..calendars import WorkingCalendar
from .months import month_deadline, months_beginning_with
from .regimes import PAUSE, RESTART, VOID, RegimeRules
from .results import human

DRAFT = Stage.DRAFT
AWAITING_RESPONSE = Stage.AWAITING_RESPONSE
EXTENDED = Stage.EXTENDED
AWAITING_CLARIFICATION = Stage.AWAITING_CLARIFICATION  # also: waiting for proof of identity (SAR)
FEE_PENDING = Stage.FEE_PENDING
CLOSED = Stage.CLOSED  # the fee was not paid in time: the request lapsed
ANSWERED = Stage.ANSWERED
AWAITING_REVIEW = Stage.AWAITING_REVIEW
REVIEW_ANSWERED = Stage.REVIEW_ANSWERED
COMPLAINT_LODGED = Stage.COMPLAINT_LODGED
DECISION = Stage.DECISION
APPEALED = Stage.APPEALED
WITHDRAWN = Stage.WITHDRAWN

_D1 = timedelta(days=1)


class Clock:
    """The state of one request's clocks after the events seen so far."""

    __slots__ = (
        "rules", "cal", "stage", "sent", "start", "received", "pause", "pause_wd", "pauses",
        "restarted", "waiting", "clar_asked", "id_asked", "fee_notice", "lapsed", "ext", "ext_until",
        "answered", "outcome", "review_requested", "review_answered", "complaint", "decision",
        "akeys", "warnings",
    )  # fmt: skip

    def __init__(self, rules: RegimeRules, cal: WorkingCalendar):
        self.rules = rules
        self.cal = cal
        self.stage = DRAFT
        self.sent = self.start = self.received = None  # the day it went out; day 0 of the current count
        self.pause = self.pause_wd = 0  # time that does not count (in the limit's unit; in working days)
        self.pauses: tuple[tuple[date, date, str], ...] = ()  # (from, to, why), both days included
        self.restarted = None  # "clarification" | "identity" | "fee": what started the count again
        self.waiting = None  # the latest thing the clock waits for from the requester
        self.clar_asked = self.id_asked = self.fee_notice = None  # unanswered requests, by date
        self.lapsed = None  # (notice, last day to pay) once a fee was paid too late
        self.ext = self.ext_until = None
        self.answered = self.outcome = None
        self.review_requested = self.review_answered = self.complaint = self.decision = None
        self.akeys: tuple[str, ...] = ()  # ASSUMPTIONS keys that shaped the result
        self.warnings: tuple[str, ...] = ()

    # -- arithmetic --------------------------------------------------------

    def due_now(self) -> date:
        """The response deadline in force now, before any extension."""
        limit = self.rules.response
        if limit.days is not None:
            return self.cal.add_working_days(self.start, limit.days + self.pause)
        return month_deadline(self.start, limit.months, self.cal, self.pause)

    def add_pause(self, first: date, last: date, why: str) -> None:
        """``first`` to ``last``, both included, do not count (FOIA s.10(2), DPA s.54(3C))."""
        before = first - _D1
        wd = self.cal.working_days_between(before if before > self.start else self.start, last)
        self.pause += wd if self.rules.working_days else (last - first).days + 1
        self.pause_wd += wd
        self.pauses += ((first, last, why),)

    def restart(self, day: date, why: str) -> None:
        """A fresh time limit from ``day`` (FOIA s.1(3), DPA s.54(3)(b)-(c))."""
        self.start = day
        self.pause = self.pause_wd = 0
        self.pauses = ()
        self.clar_asked = self.id_asked = self.fee_notice = self.waiting = None
        self.ext = self.ext_until = None
        self.restarted = why
        self.stage = AWAITING_RESPONSE

    def resume(self) -> None:
        self.waiting = None
        self.stage = EXTENDED if self.ext is not None else AWAITING_RESPONSE

    def last_day_to_pay(self, notice: date) -> date | None:
        lapse = self.rules.fees.lapse
        if lapse is None:
            return None  # SAR: no statutory lapse
        if lapse.months:
            return months_beginning_with(notice, lapse.months)  # FOIA s.9(2), FOISA s.9(4)
        return self.cal.add_working_days(notice, lapse.days)  # EIR reg 8(5), EISR reg 8

    def open(self) -> bool:
        """True while the response clock runs: sent, not answered."""
        return self.sent is not None and self.answered is None

    def warn(self, text: str, key: str | None = None) -> None:
        self.warnings += (text,)
        if key:
            self.akeys += (key,)

    def assume(self, key: str) -> None:
        """Note that the reading ASSUMPTIONS[key] shaped the result (foi explain shows it)."""
        self.akeys += (key,)


# -- the handlers: one per event type ----------------------------------------


def on_sent(c: Clock, e: Mapping, d: date) -> None:
    """FOIA s.10(1) and the rest: time runs from receipt.  By post, receipt is assumed
    on the second working day after posting (Interpretation Act 1978 s.7, CPR 6.26)."""
    if c.sent is None:
        c.sent = c.start = d
        if e.get("via") == "post":
            c.start = c.cal.add_working_days(d, 2)
            c.assume("posted")
        c.stage = AWAITING_RESPONSE


def on_received(c: Clock, e: Mapping, d: date) -> None:
    """The day the authority actually received the request (recorded later): day 0."""
    if c.open() and c.restarted is None and c.received is None:
        c.start = c.received = d
        c.akeys = tuple(k for k in c.akeys if k != "posted") + ("received",)


def on_response(c: Clock, e: Mapping, d: date) -> None:
    if c.sent is None and c.answered is None:  # (an imported, merged or hand-edited timeline)
        c.warn(
            f"a response is recorded on {human(d)} but the request was never recorded as sent: "
            "no time limit can be counted (record the day it went with `foi send ID --on DATE`)"
        )
    if c.answered is None:
        c.answered = d
        c.outcome = e.get("outcome")
        if c.fee_notice is not None and c.rules.fees.effect == PAUSE:
            c.add_pause(c.fee_notice, d, "fee")  # answered unpaid: the pause ran until the answer
        if c.clar_asked is not None and c.rules.clarification.effect == PAUSE:
            c.add_pause(c.clar_asked, d, "clarification")
        c.clar_asked = c.id_asked = c.fee_notice = c.waiting = None
    c.stage = ANSWERED


def on_clarification_requested(c: Clock, e: Mapping, d: date) -> None:
    """FOIA/FOISA s.1(3) (no time limit to ask); EIR/EISR reg 9(2)(a) (ask within 20
    working days, else reg 9(4) restarts nothing); SAR: DPA s.54(3C) stops the clock."""
    if not c.open():
        return
    cl = c.rules.clarification
    limit = c.cal.add_working_days(c.start, cl.within_days) if cl.within_days else c.due_now()
    if d > limit:
        what = "restarts" if cl.effect == RESTART else "pauses"
        if cl.late == VOID:
            key = "sar-pause" if cl.effect == PAUSE else "eir-late-clarification"
            c.warn(
                f"the authority asked you to clarify on {human(d)}, after its deadline of {human(limit)} "
                f"({cl.cite}): that {what} nothing, and the deadline stands",
                key,
            )
            return
        c.warn(
            f"the authority asked you to clarify on {human(d)}, after its deadline of {human(limit)}: it was "
            f"already late; {c.rules.name} sets no time limit for asking ({cl.cite}), so the clock {what} when "
            "you answer",
            "foia-late-clarification",
        )
    c.clar_asked = d
    c.waiting = "clarification"
    c.stage = AWAITING_CLARIFICATION


def on_clarified(c: Clock, e: Mapping, d: date) -> None:
    """RESTART: 20 fresh working days from the clarification (FOIA s.1(3), EIR reg 9(4)).
    PAUSE: the days from asking to answering, both included, do not count (DPA s.54(3C))."""
    if c.clar_asked is None or not c.open():
        return
    if c.rules.clarification.effect == RESTART:
        c.restart(d, "clarification")
    else:
        c.add_pause(c.clar_asked, d, "clarification")
        c.clar_asked = None
        c.assume("sar-pause")
        c.resume()


def on_id_requested(c: Clock, e: Mapping, d: date) -> None:
    """SAR: the controller asks for proof of identity (UK GDPR Art. 12(6), DPA s.52(4))."""
    if c.rules.identity is None or not c.open():
        return
    if d > c.due_now():
        c.warn(f"the controller asked for proof of identity on {human(d)}, after the deadline of {human(c.due_now())}")
    c.id_asked = d
    c.waiting = "identity"
    c.stage = AWAITING_CLARIFICATION
    c.assume("sar-identity")


def on_id_received(c: Clock, e: Mapping, d: date) -> None:
    """SAR: the month runs from when the controller receives the proof (Art. 12A, DPA s.54(3)(b))."""
    if c.id_asked is not None and c.open():
        c.restart(d, "identity")


def on_fee_notice(c: Clock, e: Mapping, d: date) -> None:
    """FOIA/FOISA s.9(1): a fees notice only within the time for complying; EIR reg 8(4):
    within 20 working days.  A late one pauses nothing."""
    if not c.open():
        return
    due = c.due_now()
    if d > due and c.rules.fees.notice_late == VOID:
        c.warn(
            f"the fees notice of {human(d)} came after the deadline of {human(due)}: {c.rules.fees.late_cite} "
            "allows one only within the time for answering, so it pauses nothing and the request is overdue",
            "late-fee-notice",
        )
        return
    c.fee_notice = d
    c.waiting = "fee"
    c.stage = FEE_PENDING


def on_fee_paid(c: Clock, e: Mapping, d: date) -> None:
    """Paid in time: FOIA s.10(2) / EIR reg 8(6) pause, or SAR restart (DPA s.54(3)(c)).
    Paid too late (FOIA s.9(2), EIR reg 8(5)): the request lapsed; nothing revives it."""
    notice = c.fee_notice
    if notice is None or not c.open():
        return
    fees = c.rules.fees
    last = c.last_day_to_pay(notice)
    if last is not None and d > last:
        c.lapsed = (notice, last)
        c.fee_notice = c.waiting = None
        c.stage = CLOSED
        c.warn(
            f"the fee was paid on {human(d)}, after the last day to pay, {human(last)} ({fees.lapse.rule}): "
            "the request lapsed and the authority need not answer it; to pursue it, make a new request",
            fees.lapse_assumption,
        )
        return
    if fees.effect == PAUSE:
        c.add_pause(notice, d, "fee")
        c.fee_notice = None
        c.resume()
    else:
        c.assume("sar-fee")
        c.restart(d, "fee")


def on_extended(c: Clock, e: Mapping, d: date) -> None:
    """FOIA s.10(3) + s.17(2), EIR/EISR reg 7, SAR Art. 12A / DPA s.54(3A)-(3B): the
    notice must come within the time limit; FOISA has no extension."""
    if not c.open():
        return
    x = c.rules.extension
    if x.kind == "none":
        c.warn(f"{c.rules.name} has no power to extend the 20 working days ({x.cite}): the deadline stands")
        return
    due = c.due_now()
    if d > due:
        if x.late == VOID:
            c.warn(
                f"the extension was notified on {human(d)}, after the deadline of {human(due)} "
                f"({x.late_cite} requires notice within the time limit): it extends nothing, and the deadline stands",
                x.late_assumption,
            )
            return
        c.warn(
            f"the extension was notified on {human(d)}, after the first month ended on {human(due)}: "
            f"{x.late_cite} requires the requester to be told within one month",
            x.late_assumption,
        )
    c.ext = d
    c.ext_until = _date(e, "until") if e.get("until") else None
    if c.stage == AWAITING_RESPONSE:
        c.stage = EXTENDED


def on_review_requested(c: Clock, e: Mapping, d: date) -> None:
    c.review_requested = d
    c.review_answered = None
    c.stage = AWAITING_REVIEW


def on_review_response(c: Clock, e: Mapping, d: date) -> None:
    c.review_answered = d
    c.stage = REVIEW_ANSWERED


def on_complaint(c: Clock, e: Mapping, d: date) -> None:
    """A complaint to the regulator answers nothing: the response (or review) is still owed."""
    c.complaint = d
    c.stage = COMPLAINT_LODGED


def on_decision(c: Clock, e: Mapping, d: date) -> None:
    c.decision = d
    c.stage = DECISION


def on_appeal(c: Clock, e: Mapping, d: date) -> None:
    c.stage = APPEALED


def on_withdrawn(c: Clock, e: Mapping, d: date) -> None:
    c.stage = WITHDRAWN


HANDLERS: dict[str, Callable[[Clock, Mapping, date], None]] = {
    ev.SENT: on_sent,
    ev.RECEIVED: on_received,
    ev.RESPONSE: on_response,
    ev.CLARIFICATION_REQUESTED: on_clarification_requested,
    ev.CLARIFIED: on_clarified,
    ev.ID_REQUESTED: on_id_requested,
    ev.ID_RECEIVED: on_id_received,
    ev.FEE_NOTICE: on_fee_notice,
    ev.FEE_PAID: on_fee_paid,
    ev.EXTENDED: on_extended,
    ev.REVIEW_REQUESTED: on_review_requested,
    ev.REVIEW_RESPONSE: on_review_response,
    ev.COMPLAINT: on_complaint,
    ev.DECISION: on_decision,
    ev.APPEAL: on_appeal,
    ev.WITHDRAWN: on_withdrawn,
}
# drafted, acknowledged, chased and notes change no clock


def fold(rules: RegimeRules, cal: WorkingCalendar, events, today: date) -> Clock:
    """Run the events through their handlers.  Events after ``today`` have not happened
    yet (``--today`` replays an earlier day).  Events that change no clock (notes,
    acknowledgements, chasers, drafts) are not looked at."""
    c = Clock(rules, cal)
    get = HANDLERS.get
    iso = date.fromisoformat
    for e in events:
        handler = get(e["type"])
        if handler is None:
            continue
        try:
            d = iso(e["date"])
        except (TypeError, ValueError, KeyError):
            d = _date(e)
        if d <= today:
            handler(c, e, d)
    return c


def _date(e: Mapping, key: str = "date") -> date:
    v = e.get(key)
    if v.__class__ is str:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    elif isinstance(v, date):
        return v
    raise InvalidEvent(f"event {e.get('type')!r} has no valid {key}: {v!r}", "dates in events are ISO, like 2026-11-23")
