"""``foi explain`` and ``foi deadline --explain``: the day-by-day count behind a
date, each date labelled (response deadline, review window, ...), the rule,
the calendar and the assumptions that shaped it."""

from __future__ import annotations

from datetime import date, timedelta

from ..calendars import WorkingCalendar
from .assessment import Deadline
from .assumptions import ASSUMPTIONS
from .fold import (
    AWAITING_CLARIFICATION,
    AWAITING_RESPONSE,
    AWAITING_REVIEW,
    COMPLAINT_LODGED,
    EXTENDED,
    FEE_PENDING,
    Clock,
)
from .months import add_months
from .regimes.base import PAUSE
from .results import Assessment, Explanation, human

_D1 = timedelta(days=1)
_PAUSED = {
    "fee": "not counted: fees notice to payment",
    "clarification": "not counted: clarification asked for to answer received",
}

# -- the day-by-day lines -------------------------------------------------------


def wd_lines(cal: WorkingCalendar, start: date, due: date, start_text: str, pauses=()) -> list[tuple[date, str]]:
    """Each day from ``start`` (day 0) to ``due``: counted, skipped (and why) or paused."""
    lines = [(start, start_text)]
    n = 0
    for o in range(start.toordinal() + 1, due.toordinal() + 1):
        d = date.fromordinal(o)
        reason = cal.skip_reason(d)
        paused = next((f"{_PAUSED[why]} ({cite})" for a, b, why, cite in pauses if a <= d <= b), None)
        if reason:
            lines.append((d, f"skipped: {reason}"))
        elif paused:
            lines.append((d, paused))
        else:
            n += 1
            lines.append((d, f"working day {n}"))
    return lines


def month_lines(cal: WorkingCalendar, start: date, months: int, start_text: str, pauses=()) -> list[tuple[date, str]]:
    """A SAR month: the same date ``months`` later (or the month's last day), plus the days the
    clock was stopped, then the next working day."""
    plain = add_months(start, months)
    unit = f"{months} calendar month{'s' if months > 1 else ''}"
    lines = [(start, start_text + " (day 1 of the month)")]
    stopped = 0
    for a, b, _why, cite in pauses:
        days = (b - a).days + 1
        stopped += days
        lines.append((a, f"clock stopped: clarification asked for ({cite})"))
        lines.append((b, f"clarification received: {days} day{'s' if days != 1 else ''} not counted"))
    if plain.day != start.day:
        lines.append((plain, f"{unit}: no {start.day} {plain:%B}, so the last day of the month"))
    else:
        lines.append((plain, f"{unit}: the same date"))
    end = plain + timedelta(days=stopped)
    if stopped:
        lines.append((end, f"plus the {stopped} day{'s' if stopped != 1 else ''} the clock was stopped"))
    d = end
    while reason := cal.skip_reason(d):
        lines.append((d, f"skipped: {reason}"))
        d += _D1
    if d != end:
        lines.append((d, "next working day: due"))
    return lines


# -- explaining an assessed request ----------------------------------------------


_START_TEXT = {
    None: "received",
    "clarification": "clarification received",
    "identity": "proof of identity received",
    "fee": "fee received",
}


def explain_clock(c: Clock, a: Assessment, dl: Deadline, nation: str) -> Explanation:
    """The Explanation of an assessed request (see :func:`foi.domain.clock.explain`)."""
    rules, cal = c.rules, c.cal
    if rules.key == "sar" and nation == "uk":
        c.assume("uk-body")
    if a.stage == AWAITING_REVIEW and a.review_due is not None:
        label, rule, due, lines = "Review due", rules.review.answer.rule, a.review_due, _review_lines(c, a)
    elif dl.due is not None:
        label, rule, due, lines = "Response due", dl.rule, dl.due, _response_lines(c, dl)
    elif a.stage == FEE_PENDING and a.due is not None:
        label, rule, due, lines = "Last day to pay the fee", a.rule, a.due, []
    else:
        label, rule, due, lines = "Response due", a.rule, None, []
    exp = Explanation(cal.name, rule, due, lines, [], _notes(c, a, dl), label, _dates(c, a, dl, due))
    seen = set()
    for k in c.akeys:
        if k and k not in seen:
            seen.add(k)
            exp.assumptions.append(ASSUMPTIONS[k])
    return exp


def _response_lines(c: Clock, dl: Deadline) -> list[tuple[date, str]]:
    pauses = [(a, b, why, _pause_cite(c, why)) for a, b, why in c.pauses]
    text = _START_TEXT[c.restarted]
    if c.rules.working_days:
        if c.restarted is None and c.received is None and c.start != c.sent:
            text += " (day 0): assumed, the 2nd working day after posting"
        else:
            text += " (day 0)"
        lines = wd_lines(c.cal, c.start, dl.due, text, pauses)
    else:
        months = c.rules.response.months + (c.rules.extension.extra_months if c.ext else 0)
        if c.restarted is None and c.received is None and c.start != c.sent:
            text += " (assumed, the 2nd working day after posting)"
        lines = month_lines(c.cal, c.start, months, text, pauses)
        c.assume("sar-month")
    if c.sent is not None and c.sent < c.start and c.restarted is None:
        lines.insert(0, (c.sent, "posted" if c.received is None else "sent"))
    return lines


def _review_lines(c: Clock, a: Assessment) -> list[tuple[date, str]]:
    if c.rules.review.answer.days is not None:
        return wd_lines(c.cal, a.review_requested, a.review_due, "review requested (day 0)")
    return month_lines(c.cal, a.review_requested, 1, "review requested")


def _pause_cite(c: Clock, why: str) -> str:
    return c.rules.fees.pause_cite if why == "fee" else c.rules.clarification.cite


def _dates(c: Clock, a: Assessment, dl: Deadline, counted: date | None) -> list[tuple[str, date]]:
    """The other dates a campaigner needs, each with what it is."""
    out: list[tuple[str, date]] = []
    if c.lapsed is not None:
        out.append(("Last day to pay the fee (passed)", c.lapsed[1]))
    if dl.first is not None and dl.first != dl.due:
        out.append(("Original one-month deadline", dl.first))
    if dl.due is not None and counted != dl.due:
        out.append(("Response due" if a.answered is None else "Response was due", dl.due))
    if a.very_overdue is not None and a.stage in (AWAITING_RESPONSE, EXTENDED, AWAITING_REVIEW, COMPLAINT_LODGED):
        out.append(("Very overdue after", a.very_overdue))
    for w in a.windows:
        if w.fixed and w.kind != "fee-payment":
            out.append((f"Last day to {w.label}", w.closes))
    return out


def _notes(c: Clock, a: Assessment, dl: Deadline) -> list[str]:
    notes = [f"stage: {a.stage}" + (f"; next: {a.actor}" if a.actor else "")]
    if c.lapsed is not None:
        notes[0] += " (the request lapsed: the fee was not paid in time)"
    why = _why_stopped_or_owed(c, a)
    if why:
        notes.append(why)
    if a.due is not None:
        left = a.days_left or 0
        when = f"{-left} {a.days_unit} late" if left < 0 else f"{left} {a.days_unit} left"
        notes.append(f"{_due_what(c, a)} {human(a.due)}: {when}")
    if dl.first is not None and dl.first != dl.due:
        notes.append(f"the first month ended {human(dl.first)}; the extension moved the deadline to {human(dl.due)}")
    if a.very_overdue is not None:
        notes.append(f"very overdue after {human(a.very_overdue)}")
    if a.answered is not None:
        msg = f"answered {human(a.answered)}"
        if a.working_days_taken is not None:  # (None: never recorded as sent)
            msg += f" after {a.working_days_taken} working days"
        notes.append(msg + (f" ({a.working_days_late} late)" if a.working_days_late else ""))
    elif a.working_days_late and a.due != dl.due:
        notes.append(f"{a.working_days_late} working days late so far")
    if a.review_due is not None and a.due != a.review_due:
        notes.append(f"review due {human(a.review_due)} ({c.rules.review.answer.rule})")
    for w in a.windows:
        until = f"until {human(w.closes)}" if w.fixed else f"now (no fixed limit; shown as {human(w.closes)})"
        notes.append(f"you can {w.label} {until} ({w.rule})")
    notes.extend(f"warning: {w}" for w in a.warnings)
    return notes


def _why_stopped_or_owed(c: Clock, a: Assessment) -> str | None:
    """Why the response clock is not running, or why it still runs after a complaint."""
    if c.fee_notice is not None and c.rules.fees.effect == PAUSE:
        return f"the response clock stopped on {human(c.fee_notice)}, the day of the fees notice, until the fee is paid"
    if a.stage == AWAITING_CLARIFICATION and c.waiting == "identity":
        return f"the clock stopped on {human(c.id_asked)}, when the controller asked for proof of identity"
    if a.stage == AWAITING_CLARIFICATION and c.waiting == "clarification":
        return f"the clock stopped on {human(c.clar_asked)}, when the authority asked you to clarify"
    if a.stage == COMPLAINT_LODGED and a.actor == "authority":
        owed = "response" if a.answered is None else "review"
        return f"complained on {human(c.complaint)}: a complaint answers nothing, the {owed} is still owed"
    return None


def _due_what(c: Clock, a: Assessment) -> str:
    """What ``a.due`` is, in words."""
    if a.actor == "authority":
        return "review due" if a.stage == AWAITING_REVIEW else "response due"
    if a.stage == FEE_PENDING:
        return "last day to pay the fee"
    w = next((w for w in a.windows if w.closes == a.due), None)
    return f"last day to {w.label}" if w else "due"
