"""From the folded state (:class:`~.fold.Clock`) to an :class:`Assessment`: the
response deadline, then one view per stage (who acts next, by when, which
windows are open to the requester)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from .fold import (
    ANSWERED,
    APPEALED,
    AWAITING_CLARIFICATION,
    AWAITING_RESPONSE,
    AWAITING_REVIEW,
    CLOSED,
    COMPLAINT_LODGED,
    DECISION,
    DRAFT,
    EXTENDED,
    FEE_PENDING,
    REVIEW_ANSWERED,
    WITHDRAWN,
    Clock,
)
from .months import add_months, month_deadline
from .regimes.base import RESTART, TimeLimit
from .results import Window, human, make_assessment

#: Warn when the requester's review window closes within this many working days.
REVIEW_WARN_DAYS = 5
#: The rolling horizon shown for a complaint with no fixed time limit (the ICO's usual 6 weeks).
ROLLING = timedelta(days=42)

# -- the response deadline ----------------------------------------------------


class Deadline:
    """The response deadline and what it rests on."""

    __slots__ = ("due", "very", "rule", "first")

    def __init__(self, due=None, very=None, rule="", first=None):
        self.due, self.very, self.rule, self.first = due, very, rule, first


def response_deadline(c: Clock) -> Deadline:
    """Due date of the response, or an empty Deadline while the clock waits for the requester."""
    if c.sent is None or c.clar_asked or c.id_asked or c.fee_notice or c.lapsed:
        return Deadline()
    if c.rules.working_days:
        return _working_day_deadline(c)
    return _month_deadline(c)


def _start_rule(c: Clock) -> str:
    r = c.rules
    if c.restarted == "clarification":
        return f"{r.clarification.cite}: {r.response.text.replace('receipt', 'the clarification')}"
    if c.restarted == "identity":
        return f"{r.identity.cite}: {r.response.text.replace('receipt', 'the proof of identity')}"
    if c.restarted == "fee":
        return f"{r.fees.cite}: {r.response.text.replace('receipt', 'the fee was paid')}"
    return r.response.rule


def _working_day_deadline(c: Clock) -> Deadline:
    r = c.rules
    add = c.cal.add_working_days
    base = add(c.start, r.response.days + c.pause)  # FOIA s.10(1), FOISA s.10(1), reg 5(2)
    rule = r.response.rule if c.restarted is None else _start_rule(c)
    if c.pause:
        c.assume("fee-pause")
        rule += f", plus {c.pause} paused working day{'s' if c.pause != 1 else ''} ({r.fees.pause_cite})"
    if c.ext is None:
        return Deadline(base, None, rule)
    due, rule = _extend(c, base, add(c.start, r.response.days + r.extension.extra_days + c.pause), rule)
    return Deadline(due, None, rule)


def very_overdue(c: Clock, dl: Deadline) -> date | None:
    """40 working days after receipt, plus any paused days (Alaveteli's "long overdue", not
    statute: ASSUMPTIONS["very-overdue"]); worked out only for the stages that show it."""
    if dl.very is None and dl.due is not None and c.rules.very_overdue_days is not None:
        dl.very = c.cal.add_working_days(c.start, c.rules.very_overdue_days + c.pause)
    return dl.very


def _extend(c: Clock, base: date, most: date, rule: str) -> tuple[date, str]:
    """FOIA s.10(3) (ICO: at most 20 extra working days) or EIR/EISR reg 7(1) (40 in all)."""
    x, until = c.rules.extension, c.ext_until
    if x.assumption:
        c.assume(x.assumption)
    if x.kind == "public-interest":
        if until is None:
            c.assume("foia-extension-no-date")
            return most, f"{x.cite}: {x.text}, 40 working days assumed"
        if until > most:
            c.warn(
                f"the authority extended to {human(until)}, more than 20 extra working days: the ICO "
                f"treats a reply after {human(most)} as overdue ({x.cite})",
                "foia-extension-cap",
            )
            return most, f"{x.cite}, ICO guidance: extension capped at 20 extra working days (40 in total)"
        if until > base:
            return until, f"{x.cite}: {x.text} to {human(until)}"
        return base, rule
    if until is not None and until > most:
        c.warn(f"the authority extended to {human(until)}, but {x.cite} allows at most 40 working days ({human(most)})")
    if until is not None and base < until < most:
        return until, f"{x.cite}: {x.text}"
    return most, f"{x.cite}: {x.text}"


def _month_deadline(c: Clock) -> Deadline:
    """SAR: one month (Art. 12(3), DPA s.54(2)), plus the days stopped for clarification
    (s.54(3C)); extended: two further months (s.54(3A))."""
    r = c.rules
    first = month_deadline(c.start, r.response.months, c.cal, c.pause)
    rule = _start_rule(c)
    if c.pause:
        rule += f", plus {c.pause} day{'s' if c.pause != 1 else ''} stopped for clarification ({r.clarification.cite})"
    if c.ext is None:
        return Deadline(first, None, rule, first)
    due = month_deadline(c.start, r.response.months + r.extension.extra_months, c.cal, c.pause)
    return Deadline(due, None, f"{r.extension.cite}: {r.extension.text}", first)


# -- the stage views -----------------------------------------------------------


class View:
    """Who acts next and by when, for the current stage."""

    __slots__ = ("actor", "due", "very", "rule", "windows", "wd_unit")

    def __init__(self, rule: str = "", wd_unit: bool = True):
        self.actor = self.due = self.very = None
        self.rule = rule
        self.windows: tuple[Window, ...] = ()
        self.wd_unit = wd_unit


def _rolling(c: Clock, limit: TimeLimit, today: date) -> Window:
    """A complaint with no fixed time limit (FOIA s.50 about silence): a rolling horizon."""
    c.assume("ico-no-deadline")
    return Window(c.rules.regulator.window, today + ROLLING, limit.rule, c.rules.regulator.label, fixed=False)


def view_draft(c: Clock, dl: Deadline, today: date) -> View:
    v = View("not sent yet")
    v.actor = "requester"
    return v


def view_awaiting_response(c: Clock, dl: Deadline, today: date) -> View:
    """The authority must answer by ``dl.due``; once late, the requester's windows open."""
    v = View(dl.rule, c.rules.working_days)
    v.actor, v.due, v.very = "authority", dl.due, very_overdue(c, dl)
    if v.very is not None:
        c.assume("very-overdue")
    if dl.due is None or today <= dl.due:
        return v
    late_ask, silence = c.rules.review.late_ask, c.rules.regulator.silence
    if late_ask is not None:  # FOISA s.20(5)(a), EIR reg 11(2), EISR reg 16(2)
        closes = c.cal.add_working_days(dl.due, late_ask.days)
        v.windows += (Window("review", closes, late_ask.rule, c.rules.review.label),)
    if silence is not None:  # FOIA s.50: complain about the missing response
        v.windows += (_rolling(c, silence, today),)
    return v


def view_awaiting_clarification(c: Clock, dl: Deadline, today: date) -> View:
    r = c.rules
    v = View(r.identity.waiting if c.waiting == "identity" else r.clarification.waiting)
    v.actor = "requester"
    return v


def view_fee_pending(c: Clock, dl: Deadline, today: date) -> View:
    """Pay by the last day (FOIA s.9(2): 3 months; EIR reg 8(5): 60 working days); after it
    the request has lapsed.  A SAR fee has no time limit (ASSUMPTIONS["sar-fee"])."""
    fees = c.rules.fees
    if fees.lapse is None:
        c.assume("sar-fee")
        v = View(fees.waiting, False)
        v.actor = "requester"
        return v
    closes = c.last_day_to_pay(c.fee_notice)
    c.assume(fees.lapse_assumption)
    if today > closes:
        c.stage = CLOSED
        c.lapsed = (c.fee_notice, closes)
        c.warn(
            f"the fee was not paid by {human(closes)} ({fees.lapse.rule}): the request lapsed and "
            "the authority need not answer it; to pursue it, make a new request"
        )
        return View(fees.lapse.rule)
    v = View(fees.lapse.rule, fees.lapse.days is not None)
    v.actor, v.due = "requester", closes
    v.windows += (Window("fee-payment", closes, fees.lapse.rule, "pay the fee"),)
    return v


def view_closed(c: Clock, dl: Deadline, today: date) -> View:
    return View(f"{c.rules.fees.lapse.cite}: lapsed, the fee was not paid in time; make a new request")


def view_answered(c: Clock, dl: Deadline, today: date) -> View:
    """The requester may ask for a review (FOIA s.45 Code, FOISA s.20(5), EIR reg 11(2))."""
    v = View("answered")
    rv = c.rules.review
    if c.outcome == "granted" or rv.ask is None:
        return v
    frm = c.answered
    if rv.ask_from == "deadline" and dl.due is not None and c.answered <= dl.due:
        frm = dl.due  # FOISA s.20(5)(a): 40 WD after the deadline, unless the response was late
    if rv.assumption:
        c.assume(rv.assumption)
    closes = c.cal.add_working_days(frm, rv.ask.days)
    if closes >= today:
        v.windows += (Window("review", closes, rv.ask.rule, rv.label),)
        if c.cal.working_days_between(today, closes) <= REVIEW_WARN_DAYS:
            c.warn(f"the window to {rv.label} closes on {human(closes)}")  # a later review may be refused
    return v


def view_awaiting_review(c: Clock, dl: Deadline, today: date) -> View:
    rv, reg = c.rules.review, c.rules.regulator
    v = View(rv.answer.rule, rv.answer.days is not None)
    v.actor, v.due, v.very = "authority", c_review_due(c), c_review_very(c)
    silence = reg.review_silence
    if silence is None or today <= (v.very or v.due):
        return v
    if silence.months:  # FOISA s.47(4)(b): 6 months after the s.21 period ended
        c.assume(reg.after_review_assumption)
        v.windows += (Window(reg.window, add_months(v.due, silence.months), silence.rule, reg.label),)
    else:  # FOIA s.50 / EIR reg 18: complain about the missing review
        v.windows += (_rolling(c, silence, today),)
    return v


def view_review_answered(c: Clock, dl: Deadline, today: date) -> View:
    """ICO: 6 weeks after the review outcome; SIC: 6 months (FOISA s.47(4)(a))."""
    v = View("review answered")
    reg = c.rules.regulator
    after = reg.after_review
    if after is not None:
        if after.months:
            closes = add_months(c.review_answered, after.months)
        else:
            closes = c.review_answered + timedelta(days=after.calendar_days)
        v.windows += (Window(reg.window, closes, after.rule, reg.label),)
        c.assume(reg.after_review_assumption)
    return v


def view_complaint_lodged(c: Clock, dl: Deadline, today: date) -> View:
    """A complaint answers nothing: a response (or review) never given is still owed, and
    stays overdue until it comes."""
    v = View("with the regulator")
    if c.answered is None and dl.due is not None:
        v.actor, v.due, v.very = "authority", dl.due, very_overdue(c, dl)
        v.rule = f"with the regulator; the response is still owed ({dl.rule})"
        if v.very is not None:
            c.assume("very-overdue")
    elif c.review_requested is not None and c.review_answered is None:
        v.actor, v.due, v.very = "authority", c_review_due(c), c_review_very(c)
        v.rule = f"with the regulator; the review is still owed ({c.rules.review.answer.rule})"
        v.wd_unit = c.rules.review.answer.days is not None
    return v


def view_decision(c: Clock, dl: Deadline, today: date) -> View:
    """Appeal: First-tier Tribunal, 28 days (GRC Rules r.22); Court of Session (FOISA s.56)."""
    v = View("decision notice issued")
    reg = c.rules.regulator
    if reg.appeal is not None:
        closes = c.decision + timedelta(days=reg.appeal.calendar_days)
        v.windows += (Window("appeal", closes, reg.appeal.rule, reg.appeal_label),)
        c.assume(reg.appeal_assumption)
    return v


def view_appealed(c: Clock, dl: Deadline, today: date) -> View:
    return View("with the tribunal/court")


def view_withdrawn(c: Clock, dl: Deadline, today: date) -> View:
    return View("withdrawn")


def c_review_due(c: Clock) -> date | None:
    """The authority's review deadline (FOIA s.45 Code 20 WD, FOISA s.21(1), EIR reg 11(4)...)."""
    if c.review_requested is None:
        return None
    answer = c.rules.review.answer
    if answer.days is not None:
        return c.cal.add_working_days(c.review_requested, answer.days)
    return month_deadline(c.review_requested, answer.months, c.cal)


def c_review_very(c: Clock) -> date | None:
    days = c.rules.review.very_days
    if c.review_requested is None or days is None:
        return None
    return c.cal.add_working_days(c.review_requested, days)  # s.45 Code: 40 WD at most


VIEWS: dict[str, Callable[[Clock, Deadline, date], View]] = {
    DRAFT: view_draft,
    AWAITING_RESPONSE: view_awaiting_response,
    EXTENDED: view_awaiting_response,
    AWAITING_CLARIFICATION: view_awaiting_clarification,
    FEE_PENDING: view_fee_pending,
    CLOSED: view_closed,
    ANSWERED: view_answered,
    AWAITING_REVIEW: view_awaiting_review,
    REVIEW_ANSWERED: view_review_answered,
    COMPLAINT_LODGED: view_complaint_lodged,
    DECISION: view_decision,
    APPEALED: view_appealed,
    WITHDRAWN: view_withdrawn,
}

_AUTHORITY_STAGES = frozenset((AWAITING_RESPONSE, EXTENDED, AWAITING_REVIEW))
_REQUESTER_WINDOW_STAGES = frozenset((ANSWERED, REVIEW_ANSWERED, DECISION))


def to_assessment(c: Clock, today: date):
    """The :class:`Assessment` of the folded clock on ``today`` (and the response Deadline)."""
    dl = response_deadline(c)
    v = VIEWS[c.stage](c, dl, today)
    windows = _open_windows(c, v, today) if v.windows else ()
    if c.review_requested is not None and c.rules.review.assumption:
        c.assume(c.rules.review.assumption)
    between = c.cal.working_days_between
    due, answered, taken, late = dl.due, c.answered, None, 0
    if answered is not None and c.start is not None:
        taken = between(c.start, answered) - c.pause_wd
        if due is not None and answered > due:
            late = between(due, answered)
    elif due is not None and today > due and c.stage is not WITHDRAWN and c.stage is not CLOSED:
        late = between(due, today)
    days_left = None
    if v.due is not None:
        days_left = between(today, v.due) if v.wd_unit else (v.due - today).days
    review_due = c_review_due(c) if c.review_requested is not None else None
    return make_assessment(
        c.stage, v.actor, v.due, v.very, days_left, "working days" if v.wd_unit else "days", v.rule,
        v.actor == "authority" and v.due is not None and today > v.due,  # overdue
        v.very is not None and today > v.very,  # very overdue
        windows, c.warnings, c.sent, due, answered, taken, late,
        c.review_requested, review_due, c.review_answered,
        c.lapsed[1] if c.lapsed is not None else None, c.outcome,
    ), dl  # fmt: skip


def _open_windows(c: Clock, v: View, today: date) -> tuple[Window, ...]:
    """The windows still open, soonest first; the nearest one is the requester's due date
    when nobody else has one."""
    ws = v.windows
    if len(ws) == 1:  # (most: one window, nothing to sort)
        windows = [ws[0]] if ws[0].closes >= today else []
    else:
        windows = sorted((w for w in ws if w.closes >= today), key=_closes)
    if windows and v.due is None and c.stage not in _AUTHORITY_STAGES:
        w = windows[0]
        v.actor, v.due, v.rule, v.wd_unit = "requester", w.closes, w.rule, w.kind == "review"
    if windows and c.stage in _REQUESTER_WINDOW_STAGES:
        v.actor = "requester"
    return tuple(windows)


def _closes(w: Window) -> date:
    return w.closes


__all__ = ["REVIEW_WARN_DAYS", "RESTART", "to_assessment", "response_deadline"]
