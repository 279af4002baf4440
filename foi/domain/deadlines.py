"""The deadline engine: from a request's events to its stage and due dates.

Pure: no I/O, no click, no rich.  Every statutory rule of LAW.md ("Rules")
is implemented here, with its source beside it.  Readings that are uncertain
are collected in :data:`ASSUMPTIONS` (one place, so they can change) and
surfaced by :func:`explain`.

Vocabulary: WD = working day of the regime's calendar
(:mod:`foi.domain.calendars`).  "Day 0" is the date of receipt; a deadline of
N WD is the N-th working day after it.

* :func:`assess` -- the hot path (``foi list`` runs it on every request):
  stage, who must act, due date, open windows for the requester.
* :func:`response_due_date` -- the calculator behind ``foi deadline``.
* :func:`explain` / :func:`explain_count` -- the day-by-day count, the rule,
  the calendar and the assumptions, for ``foi explain``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ..dates import human as _human
from ..errors import InvalidEvent, UsageError
from ..vocab import Regime
from .calendars import Calendars, WorkingCalendar, default_calendars

# ---------------------------------------------------------------------------
# Uncertain readings, in one place.  Keys are referred to below; explain()
# lists the ones that affected a result.

ASSUMPTIONS: dict[str, str] = {
    "foia-extension-no-date": (
        "The authority extended the deadline under FOIA s.10(3) without giving a date: foi "
        "assumes the ICO's maximum, 20 extra working days (40 in total)."
    ),
    "foia-extension-cap": (
        "FOIA s.10(3) allows a 'reasonable' extension; the ICO expects at most 20 extra working "
        "days (40 in total), so foi treats anything later than that as overdue (LAW.md)."
    ),
    "very-overdue": (
        "'Very overdue' is 40 working days after receipt, as WhatDoTheyKnow (Alaveteli) counts "
        "'long overdue'; it is not a statutory limit."
    ),
    "foia-review": (
        "FOIA internal reviews rest on the s.45 Code of Practice, not statute: foi treats 20 "
        "working days as due and 40 as very overdue; the authority may refuse a review asked "
        "for more than 40 working days after its response."
    ),
    "ico-no-deadline": (
        "The ICO sets no fixed limit for a complaint about a request or review that was never "
        "answered: foi keeps that window open for as long as there is no answer, shown as "
        "closing 6 calendar weeks from today (the ICO's usual 6 weeks). Complain promptly."
    ),
    "ico-6-weeks": (
        "The ICO expects a complaint within 6 calendar weeks of the internal review outcome "
        "(ICO guidance, not statute)."
    ),
    "fee-3-months": (
        "A fees notice lapses if the fee is not paid within the period of 3 months beginning "
        "with the day the notice is given (FOIA s.9(2), FOISA s.9(4)): foi takes the last day "
        "to pay as the day before the same date 3 months later, or, where that month has no "
        "such date, its last day (a notice of 31 August can be paid until 30 November). The "
        "same rule is applied to EIR/EISR charges and to SAR fees."
    ),
    "foia-late-extension": (
        "FOIA: a public interest extension (s.10(3)) notified after the 20th working day is a "
        "breach of s.17(2), but the Act does not say it is void; foi still applies it and "
        "warns. (Under EIR/EISR, reg 7(3) makes a late notice ineffective: the deadline stands.)"
    ),
    "sar-fee": (
        "SAR: when a fee is asked for (UK GDPR Art. 12(5)), foi starts the one-month clock "
        "afresh on the day the fee is paid (ICO right of access guidance)."
    ),
    "sar-review": (
        "SAR: there is no statutory internal review; foi uses one calendar month (rolled to "
        "the next working day) as good practice."
    ),
    "sar-month": (
        "SAR: one calendar month counting the day of receipt as day 1, so the deadline is the "
        "same date next month, or the last day of that month if the date does not exist, moved "
        "to the next working day if it falls on a weekend or bank holiday (ICO guidance)."
    ),
    "uk-body": (
        "UK-wide bodies (British Transport Police, MoD Police, Civil Nuclear Constabulary) are "
        "assumed to be headquartered in England: their SAR deadlines use England's bank "
        "holidays."
    ),
    "eisr-extension": (
        "EISR reg 7 allows a Scottish authority to extend by up to 20 working days (40 in "
        "total) for complex and voluminous requests, as EIR reg 7 does; FOISA has no "
        "extension at all."
    ),
    "scottish-appeal": (
        "FOISA/EISR: an appeal against the Scottish Information Commissioner's decision goes "
        "to the Court of Session on a point of law (FOISA s.56); foi assumes 42 days from the "
        "decision."
    ),
    "decision-date": (
        "The appeal window is counted from the date you logged for the decision notice; the "
        "Tribunal counts 28 days from the date it was sent, so log the date on the notice. "
        "foi never moves that last day off a weekend or holiday (the Tribunal's rules may "
        "allow the next working day, but the earlier date is the safe one to aim for)."
    ),
    "sic-6-months": (
        "The 6 months to apply to the Scottish Information Commissioner (FOISA s.47(4)) run to "
        "the same date 6 months later (the month's last day where it has no such date), and "
        "foi does not move that day off a weekend or holiday: aim for the date shown."
    ),
    "fee-pause": (
        "Fee pause: the working days from the day the fees notice is given to the day the fee "
        "is received, both included, do not count (FOIA s.10(2), FOISA s.10(2))."
    ),
}

# ---------------------------------------------------------------------------
# Rules, with their sources.

RESPONSE_RULE = {
    "foia": "FOIA s.10(1): 20 working days after receipt",  # s.10(1), s.10(6)
    "foisa": "FOISA s.10(1): 20 working days after receipt",  # s.10(1), s.73
    "eir": "EIR reg 5(2): 20 working days after receipt",  # reg 5(2)
    "eisr": "EISR reg 5(2): 20 working days after receipt",  # EISR reg 5(2)
    "sar": "UK GDPR Art. 12(3): one calendar month after receipt",  # Art. 12(3); DPA s.54
}
RESTART_RULE = {
    "foia": "FOIA s.1(3), s.10(6)(b): 20 working days after the clarification",
    "foisa": "FOISA s.1(3), s.10(1): 20 working days after the clarification",
    "eir": "EIR reg 9(4): 20 working days after the clarification",
    "eisr": "EISR reg 9: 20 working days after the clarification",
    "sar": "UK GDPR Art. 12(3), DPA s.54(3C): one calendar month after the ID/clarification",
}
CLARIFY_RULE = {
    "foia": "FOIA s.1(3): the clock stops until you clarify; 20 fresh working days then start",
    "foisa": "FOISA s.1(3): the clock stops until you clarify; 20 fresh working days then start",
    "eir": "EIR reg 9(4): the clock stops until you clarify; 20 fresh working days then start",
    "eisr": "EISR reg 9: the clock stops until you clarify; 20 fresh working days then start",
    "sar": "DPA s.54(3C), ICO guidance: the month starts when the ID/clarification arrives",
}
FEE_RULE = {
    "foia": "FOIA s.9(2): pay within 3 months of the fees notice",
    "foisa": "FOISA s.9(4): pay within 3 months of the fees notice",
    "eir": "EIR reg 8: pay the advance charge (3 months assumed)",
    "eisr": "EISR reg 8: pay the advance charge (3 months assumed)",
    "sar": "UK GDPR Art. 12(5): pay the fee (3 months assumed)",
}
REVIEW_WINDOW_RULE = {
    "foia": "FOIA s.45 Code of Practice: ask within 40 working days after the response",
    "foisa": "FOISA s.20(5): 40 working days after the s.10 deadline (or after a late response)",
    "eir": "EIR reg 11(2): 40 working days after the response",
    "eisr": "EISR reg 16(2): 40 working days after the response",
}
_LATE_REVIEW_RULE = {
    "foisa": "FOISA s.20(5)(a): 40 working days after the s.10 deadline",
    "eisr": "EISR reg 16(2): 40 working days after the missed reg 5(2) deadline",
}
REVIEW_DUE_RULE = {
    "foia": "FOIA s.45 Code of Practice: review within 20 working days (40 in exceptional cases)",
    "foisa": "FOISA s.21(1): review within 20 working days after the requirement for review",
    "eir": "EIR reg 11(4): reconsideration within 40 working days",
    "eisr": "EISR reg 16(4): review within 20 working days",
    "sar": "no statutory review for SAR: one calendar month assumed as good practice",
}
REVIEW_DAYS = {"foia": 20, "foisa": 20, "eir": 40, "eisr": 20}

_REVIEW_LABEL = {
    "foia": "ask for an internal review",
    "foisa": "require a review (s.20)",
    "eir": "ask for reconsideration (reg 11)",
    "eisr": "require a review (reg 16)",
}

#: Warn when the requester's review window closes within this many working days.
REVIEW_WARN_DAYS = 5

SCOTTISH = Regime.SCOTTISH

_D42 = timedelta(days=42)
_D28 = timedelta(days=28)
_D1 = timedelta(days=1)


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class Window:
    """A window in which the REQUESTER may or must act."""

    kind: str  # "review" | "complaint" | "sic-application" | "appeal" | "fee-payment" | "clarification"
    closes: date  # last day
    rule: str
    label: str
    fixed: bool = True  # False: no statutory limit; ``closes`` is only a rolling horizon


@dataclass(frozen=True)
class Assessment:
    """Where a request stands on ``today``.  See the module docstring."""

    stage: str
    actor: str | None
    due: date | None
    very_overdue: date | None
    days_left: int | None
    days_unit: str
    rule: str
    overdue: bool
    is_very_overdue: bool
    windows: tuple[Window, ...]
    warnings: tuple[str, ...]
    sent: date | None
    response_due: date | None
    answered: date | None
    working_days_taken: int | None
    working_days_late: int
    review_requested: date | None
    review_due: date | None
    review_answered: date | None


_ASSESSMENT_FIELDS = tuple(Assessment.__dataclass_fields__)
_new = object.__new__


def _assessment(*values) -> Assessment:
    """``Assessment(*values)`` at half the cost: a frozen dataclass's
    ``__init__`` sets each of its 19 fields through ``object.__setattr__``
    (about 1 us per request, 2% of `foi stats` on 10,000 requests).  The
    result is the same frozen, equal, hashable object."""
    a = _new(Assessment)
    a.__dict__.update(zip(_ASSESSMENT_FIELDS, values))
    return a


@dataclass
class Explanation:
    """How a due date was reached: the calendar, the rule, each day counted or skipped."""

    calendar: str
    rule: str
    due: date | None
    lines: list[tuple[date, str]] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "calendar": self.calendar,
            "rule": self.rule,
            "due": self.due.isoformat() if self.due else None,
            "lines": [{"date": d.isoformat(), "text": t} for d, t in self.lines],
            "assumptions": list(self.assumptions),
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        out = [f"Rule:     {self.rule}", f"Calendar: {self.calendar}"]
        out.append(f"Due:      {_human(self.due)}")
        if self.lines:
            out.append("")
            for d, t in self.lines:
                out.append(f"  {_human(d):<16} {t}")
        if self.notes:
            out.append("")
            out.extend(f"- {n}" for n in self.notes)
        if self.assumptions:
            out.append("")
            out.append("Assumptions:")
            out.extend(f"- {a}" for a in self.assumptions)
        return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Calendar-month arithmetic


_MDAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_len(y: int, m: int) -> int:
    if m == 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
        return 29
    return _MDAYS[m - 1]


def add_months(d: date, n: int) -> date:
    """The same date ``n`` months later, clamped to the last day of a shorter month."""
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    m = m0 + 1
    last = _month_len(y, m)
    return date(y, m, d.day if d.day <= last else last)


def months_beginning_with(d: date, n: int) -> date:
    """Last day of the period of ``n`` months beginning with ``d`` (the
    corresponding-date rule): the day before the same date ``n`` months
    later, or, if that month has no such date, its last day.  31 Aug + 3
    months -> 30 Nov; 30 Nov 2026 -> 28 Feb 2027; 1 Mar -> 31 May."""
    y, m0 = divmod(d.month - 1 + n, 12)
    y += d.year
    m = m0 + 1
    last = _month_len(y, m)
    if d.day > last:
        return date(y, m, last)
    return date(y, m, d.day) - _D1


def sar_month_deadline(received: date, months: int, cal: WorkingCalendar) -> date:
    """UK GDPR Art. 12(3): the day of receipt is day 1; same date ``months`` later (or that
    month's last day), moved to the next working day of the authority's nation."""
    return cal.next_working_day_on_or_after(add_months(received, months))


# ---------------------------------------------------------------------------
# The engine


def _calendars(calendars: Calendars | None) -> Calendars:
    return calendars if calendars is not None else default_calendars()


def _check(regime: str) -> None:
    if regime not in RESPONSE_RULE:
        raise UsageError(f"unknown regime {regime!r}", "use one of foia, foisa, eir, eisr, sar")


def _d(ev, key: str = "date") -> date:
    v = ev.get(key)
    if v.__class__ is str:
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    elif isinstance(v, date):
        return v
    raise InvalidEvent(
        f"event {ev.get('type')!r} has no valid {key}: {v!r}", "dates in events are ISO, like 2026-11-23"
    )


def _run(regime: str, nation: str, events, today: date, cals: Calendars, detail: bool):
    """One pass over the events.  Returns (Assessment, context dict or None)."""
    if regime not in RESPONSE_RULE:
        _check(regime)
    cal = cals.for_regime(regime, nation)
    sar = regime == "sar"
    add = cal.add_working_days
    between = cal.working_days_between
    # Replaying an earlier day (--today): what happened after it has not happened yet
    if any(_d(e) > today for e in events):
        events = [e for e in events if _d(e) <= today]

    sent = start = None
    late_extension = False  # an EIR/EISR extension notified too late (reg 7(3))
    clar_pending = None  # date of an unanswered clarification request
    clarified = None
    fee_notice = None  # date of an unpaid fees notice
    pause = 0  # WDs that do not count (s.10(2))
    pauses = []  # (notice, paid) for explanations
    ext = ext_until = None
    answered = outcome = None
    rreq = rresp = None
    decision = None
    stage = "draft"
    akeys = []  # ASSUMPTIONS keys that apply
    warnings = []

    for ev in events:
        t = ev["type"]
        if t == "sent":
            if sent is None:
                sent = start = _d(ev)
                stage = "awaiting-response"
        elif t == "note" or t == "acknowledged" or t == "chased" or t == "drafted":
            continue
        elif t == "response":
            if answered is None:
                answered = _d(ev)
                outcome = ev.get("outcome")
                if fee_notice is not None and not sar:
                    # answered without the fee being paid: the pause ran until the answer
                    o0 = fee_notice - _D1
                    k = between(o0 if o0 > start else start, answered)
                    pause += k
                    pauses.append((fee_notice, answered))
                    fee_notice = None
                clar_pending = None
            stage = "answered"
        elif t == "review-requested":
            rreq = _d(ev)
            rresp = None
            stage = "awaiting-review"
        elif t == "review-response":
            rresp = _d(ev)
            stage = "review-answered"
        elif t == "clarification-requested":
            if answered is None:
                clar_pending = _d(ev)
                stage = "awaiting-clarification"
        elif t == "clarified":
            if answered is None and sent is not None:
                # s.1(3): a fresh 20 WD from receipt of the clarification (SAR: DPA s.54(3C))
                start = clarified = _d(ev)
                clar_pending = fee_notice = ext = ext_until = None
                pause = 0
                pauses = []
                stage = "awaiting-response"
        elif t == "fee-notice":
            if answered is None:
                fee_notice = _d(ev)
                stage = "fee-pending"
        elif t == "fee-paid":
            if fee_notice is not None and answered is None:
                paid = _d(ev)
                if sar:
                    start = paid  # ICO: the month starts when the fee arrives
                    akeys.append("sar-fee")
                else:
                    # s.9(2), s.10(2): the WDs from notice to payment, both included, don't count
                    o0 = fee_notice - _D1
                    pause += between(o0 if o0 > start else start, paid)
                    pauses.append((fee_notice, paid))
                fee_notice = None
                stage = "extended" if ext is not None and regime != "foisa" else "awaiting-response"
        elif t == "extended":
            if answered is None:
                ext = _d(ev)
                u = ev.get("until")
                ext_until = _d(ev, "until") if u else None
                if stage == "awaiting-response" and regime != "foisa":
                    stage = "extended"
        elif t == "complaint":
            stage = "complaint-lodged"
        elif t == "decision":
            decision = _d(ev)
            stage = "decision"
        elif t == "appeal":
            stage = "appealed"
        elif t == "withdrawn":
            stage = "withdrawn"

    # -- the response deadline ------------------------------------------------
    response_due = very = None
    rule = ""
    wd_unit = not sar
    if sent is not None and clar_pending is None and (fee_notice is None):
        if sar:
            response_due = sar_month_deadline(start, 1, cal)  # Art. 12(3)
            rule = RESPONSE_RULE["sar"] if clarified is None else RESTART_RULE["sar"]
            if nation == "uk":
                akeys.append("uk-body")
            if ext is not None:
                # Art. 12(3): two further months, requester told within the first month
                first = response_due
                response_due = sar_month_deadline(start, 3, cal)
                rule = "UK GDPR Art. 12(3): extended by two further months (3 months after receipt)"
                if ext > first:
                    warnings.append(
                        "the extension was notified after the first month: Art. 12(3) requires "
                        "the requester to be told within one month"
                    )
        else:
            base = add(start, 20 + pause)  # 20 WD (+ fee pause)
            very = add(start, 40 + pause)  # Alaveteli "long overdue"
            if pause:
                akeys.append("fee-pause")
            response_due = base
            rule = RESPONSE_RULE[regime] if clarified is None else RESTART_RULE[regime]
            if pause:
                rule += f", plus {pause} paused working day{'s' if pause != 1 else ''} (s.10(2))"
            if ext is not None:
                if regime == "foisa":
                    warnings.append("FOISA has no power to extend the 20 working days (s.10): the deadline stands")
                elif regime == "foia":
                    if ext_until is None:
                        # s.10(3) without a date: assume the ICO maximum
                        response_due = very
                        rule = "FOIA s.10(3): public interest extension, 40 working days assumed"
                        akeys.append("foia-extension-no-date")
                    elif ext_until > very:
                        # ICO: more than 20 extra WD is treated as overdue
                        response_due = very
                        rule = "FOIA s.10(3), ICO guidance: extension capped at 20 extra working days (40 in total)"
                        warnings.append(
                            f"the authority extended to {_human(ext_until)}, more than 20 extra "
                            f"working days: the ICO treats a reply after {_human(very)} as "
                            "overdue (s.10(3))"
                        )
                        akeys.append("foia-extension-cap")
                    elif ext_until > base:
                        response_due = ext_until
                        rule = f"FOIA s.10(3): public interest extension to {_human(ext_until)}"
                    if ext > base:
                        warnings.append(
                            "the extension notice came after the 20 working-day deadline: "
                            "s.17(2) requires it within 20 working days"
                        )
                        akeys.append("foia-late-extension")
                elif ext > base:
                    # EIR/EISR reg 7(1) needs the notice within the 20 WD (reg 7(3)):
                    # one that comes later extends nothing, and the request is late
                    warnings.append(
                        "the extension was notified after the 20 working-day deadline: reg 7(3) "
                        "requires notice within 20 working days, so the deadline stands"
                    )
                    late_extension = True
                else:  # EIR reg 7 / EISR reg 7: up to 40 WD if complex and voluminous
                    response_due = very
                    if ext_until is not None and base < ext_until < very:
                        response_due = ext_until
                    rule = (
                        "EIR reg 7(1): extended to 40 working days (complex and voluminous)"
                        if regime == "eir"
                        else "EISR reg 7(1): extended to 40 working days (complex and voluminous)"
                    )
                    if ext_until is not None and ext_until > very:
                        warnings.append(
                            f"the authority extended to {_human(ext_until)}, but reg 7 allows at "
                            f"most 40 working days ({_human(very)})"
                        )
                    if regime == "eisr":
                        akeys.append("eisr-extension")

    if late_extension and stage == "extended":
        stage = "awaiting-response"
    response_rule = rule

    # -- derived figures ------------------------------------------------------
    working_days_taken = None
    working_days_late = 0
    if answered is not None and start is not None:
        working_days_taken = between(start, answered) - pause
        if response_due is not None and answered > response_due:
            working_days_late = between(response_due, answered)
    elif response_due is not None and today > response_due and stage != "withdrawn" and stage != "closed":
        working_days_late = between(response_due, today)

    review_due = review_very = None
    if rreq is not None:
        if sar:
            review_due = sar_month_deadline(rreq, 1, cal)
            akeys.append("sar-review")
        else:
            review_due = add(rreq, REVIEW_DAYS[regime])
            if regime == "foia":
                review_very = add(rreq, 40)  # s.45 Code: 40 WD at most
                akeys.append("foia-review")

    # -- the current stage ----------------------------------------------------
    actor = None
    due = None
    very_overdue = None
    windows = []
    if stage == "draft":
        actor = "requester"
        rule = "not sent yet"
    elif stage == "awaiting-response" or stage == "extended":
        actor = "authority"
        due = response_due
        very_overdue = very
        if very is not None:
            akeys.append("very-overdue")
        if response_due is not None and today > response_due:
            if regime in SCOTTISH:
                # FOISA s.20(5)(a) / EISR reg 16: 40 WD after the deadline
                windows.append(
                    Window("review", add(response_due, 40), _LATE_REVIEW_RULE[regime], _REVIEW_LABEL[regime])
                )
            elif not sar:
                if regime == "eir":
                    # reg 11(2): 40 WD after the failure to comply
                    windows.append(
                        Window(
                            "review",
                            add(response_due, 40),
                            "EIR reg 11(2): 40 working days after the missed deadline",
                            _REVIEW_LABEL[regime],
                        )
                    )
                # s.50: complain to the ICO about the missing response
                windows.append(
                    Window(
                        "complaint",
                        today + _D42,  # no fixed limit: rolling
                        "FOIA s.50: complaint to the ICO (no fixed time limit)",
                        "complain to the ICO",
                        fixed=False,
                    )
                )
                akeys.append("ico-no-deadline")
    elif stage == "awaiting-clarification":
        actor = "requester"
        rule = CLARIFY_RULE[regime]
    elif stage == "fee-pending":
        closes = months_beginning_with(fee_notice, 3)  # s.9(2): 3 months beginning with notice
        akeys.append("fee-3-months")
        if today > closes:
            stage = "closed"
            warnings.append("fee not paid within 3 months: the authority need not answer")
            rule = FEE_RULE[regime]
        else:
            actor = "requester"
            due = closes
            wd_unit = False
            rule = FEE_RULE[regime]
            windows.append(Window("fee-payment", closes, rule, "pay the fee"))
    elif stage == "answered":
        if outcome != "granted" and not sar:
            if regime == "foisa":
                # s.20(5): after the deadline, or after receipt of a late response
                frm = response_due if (response_due is not None and answered <= response_due) else answered
                closes = add(frm, 40)
            else:
                closes = add(answered, 40)
                if regime == "foia":
                    akeys.append("foia-review")
            if closes >= today:
                windows.append(Window("review", closes, REVIEW_WINDOW_RULE[regime], _REVIEW_LABEL[regime]))
                if between(today, closes) <= REVIEW_WARN_DAYS:
                    # s.45 Code: a review asked for after 40 WD may be refused -- warn in time
                    warnings.append(f"the window to {_REVIEW_LABEL[regime]} closes on {_human(closes)}")
        rule = "answered"
    elif stage == "awaiting-review":
        actor = "authority"
        due = review_due
        very_overdue = review_very
        rule = REVIEW_DUE_RULE[regime]
        wd_unit = not sar
        if regime == "foia":
            if today > review_very:
                windows.append(
                    Window(
                        "complaint",
                        today + _D42,  # no fixed limit: rolling
                        "FOIA s.50: complaint to the ICO (review 40 working days late)",
                        "complain to the ICO",
                        fixed=False,
                    )
                )
                akeys.append("ico-no-deadline")
        elif regime == "eir":
            if today > review_due:
                windows.append(
                    Window(
                        "complaint",
                        today + _D42,  # no fixed limit: rolling
                        "EIR reg 18, FOIA s.50: complaint to the ICO (no reconsideration)",
                        "complain to the ICO",
                        fixed=False,
                    )
                )
                akeys.append("ico-no-deadline")
        elif regime in SCOTTISH:
            if today > review_due:
                # s.47(4)(b): 6 months after the end of the s.21 period
                windows.append(
                    Window(
                        "sic-application",
                        add_months(review_due, 6),
                        "FOISA s.47(4)(b): 6 months after the s.21 period ended",
                        "apply to the Scottish Information Commissioner",
                    )
                )
                akeys.append("sic-6-months")
    elif stage == "review-answered":
        rule = "review answered"
        if regime in SCOTTISH:
            # s.47(4)(a): within 6 months of the review response (EISR reg 17 applies s.47)
            windows.append(
                Window(
                    "sic-application",
                    add_months(rresp, 6),
                    "FOISA s.47(4)(a): 6 months after the review response",
                    "apply to the Scottish Information Commissioner",
                )
            )
            akeys.append("sic-6-months")
        elif not sar:
            # s.50, ICO guidance: 6 calendar weeks after the review outcome
            windows.append(
                Window(
                    "complaint",
                    rresp + _D42,
                    "FOIA s.50, ICO guidance: 6 weeks after the review outcome",
                    "complain to the ICO",
                )
            )
            akeys.append("ico-6-weeks")
    elif stage == "complaint-lodged":
        rule = "with the regulator"
    elif stage == "decision":
        rule = "decision notice issued"
        if regime in SCOTTISH:
            windows.append(
                Window(
                    "appeal",
                    decision + _D42,
                    "FOISA s.56: appeal to the Court of Session on a point of law",
                    "appeal to the Court of Session",
                )
            )
            akeys.append("scottish-appeal")
        elif not sar:
            # Tribunal Procedure (FTT) (GRC) Rules 2009 r.22: 28 days after the notice was sent
            windows.append(
                Window(
                    "appeal",
                    decision + _D28,
                    "GRC Rules 2009 r.22: 28 days after the decision notice",
                    "appeal to the First-tier Tribunal",
                )
            )
            akeys.append("decision-date")
    elif stage == "appealed":
        rule = "with the tribunal/court"
    elif stage == "withdrawn":
        rule = "withdrawn"

    if windows:
        windows = [w for w in windows if w.closes >= today]
        if len(windows) > 1:
            windows.sort(key=lambda w: w.closes)
    if due is None and windows and stage != "awaiting-response" and stage != "extended" and stage != "awaiting-review":
        w = windows[0]
        actor = "requester"
        due = w.closes
        rule = w.rule
        wd_unit = w.kind == "review"
    if windows and stage in ("answered", "review-answered", "decision"):
        actor = "requester"

    days_left = None
    if due is not None:
        days_left = between(today, due) if wd_unit else (due - today).days

    a = _assessment(
        stage,
        actor,
        due,
        very_overdue,
        days_left,
        "working days" if wd_unit else "days",
        rule,
        actor == "authority" and due is not None and today > due,
        very_overdue is not None and today > very_overdue,
        tuple(windows),
        tuple(warnings),
        sent,
        response_due,
        answered,
        working_days_taken,
        working_days_late,
        rreq,
        review_due,
        rresp,
    )
    if not detail:
        return a, None
    ctx = {
        "cal": cal,
        "start": start,
        "response_rule": response_rule,
        "pause": pause,
        "pauses": pauses,
        "akeys": akeys,
        "clarified": clarified,
        "ext": ext,
    }
    return a, ctx


def assess(regime: str, nation: str, events, today: date, calendars: Calendars | None = None) -> Assessment:
    """Where a request stands on ``today``: stage, who acts next, due date, open windows.

    ``events`` are the stored event dicts (``type``, ISO ``date``), in order.
    """
    return _run(regime, nation, events, today, calendars if calendars is not None else default_calendars(), False)[0]


def response_due_date(
    regime: str, nation: str, received: date, calendars: Calendars | None = None, days: int | None = None
) -> date:
    """The response deadline for a request received on ``received`` (day 0).

    ``days`` overrides the number of working days (default 20; for SAR the
    default is one calendar month, and ``days`` counts working days of the
    authority's nation instead).
    """
    _check(regime)
    cal = _calendars(calendars).for_regime(regime, nation)
    if days is None:
        if regime == "sar":
            return sar_month_deadline(received, 1, cal)  # Art. 12(3)
        days = 20  # s.10(1), FOISA s.10(1), reg 5(2)
    if days < 0:
        raise UsageError(f"days must be 0 or more, not {days}")
    return cal.add_working_days(received, days)


# ---------------------------------------------------------------------------
# Explanations


def _wd_lines(cal: WorkingCalendar, start: date, due: date, start_text: str, pauses=()) -> list[tuple[date, str]]:
    lines = [(start, start_text)]
    n = 0
    o = start.toordinal() + 1
    end = due.toordinal()
    while o <= end:
        d = date.fromordinal(o)
        reason = cal.skip_reason(d)
        if reason:
            lines.append((d, f"skipped: {reason}"))
        elif any(a <= d <= b for a, b in pauses):
            lines.append((d, "not counted: fees notice to payment (s.10(2))"))
        else:
            n += 1
            lines.append((d, f"working day {n}"))
        o += 1
    return lines


def _sar_lines(cal: WorkingCalendar, start: date, months: int, start_text: str):
    plain = add_months(start, months)
    lines = [(start, start_text + " (day 1 of the month)")]
    if plain.day != start.day:
        lines.append(
            (
                plain,
                f"{months} calendar month{'s' if months > 1 else ''}: no "
                f"{start.day} {plain:%B}, so the last day of the month",
            )
        )
    else:
        lines.append((plain, f"{months} calendar month{'s' if months > 1 else ''}: the same date"))
    d = plain
    while True:
        reason = cal.skip_reason(d)
        if not reason:
            break
        lines.append((d, f"skipped: {reason}"))
        d += _D1
    if d != plain:
        lines.append((d, "next working day: due"))
    return lines


def explain_count(
    regime: str, nation: str, received: date, days: int | None = None, calendars: Calendars | None = None
) -> Explanation:
    """The day-by-day count behind :func:`response_due_date`."""
    _check(regime)
    cal = _calendars(calendars).for_regime(regime, nation)
    due = response_due_date(regime, nation, received, calendars, days)
    assumptions = []
    if regime == "sar" and nation == "uk":
        assumptions.append(ASSUMPTIONS["uk-body"])
    if regime == "sar" and days is None:
        rule = RESPONSE_RULE["sar"]
        lines = _sar_lines(cal, received, 1, "received")
        assumptions.append(ASSUMPTIONS["sar-month"])
    else:
        n = 20 if days is None else days
        rule = (
            RESPONSE_RULE[regime]
            if days is None
            else f"{n} working day{'s' if n != 1 else ''} after {_human(received)}"
        )
        lines = _wd_lines(cal, received, due, "received (day 0)")
    return Explanation(cal.name, rule, due, lines, assumptions, [])


def explain(regime: str, nation: str, events, today: date, calendars: Calendars | None = None) -> Explanation:
    """Why :func:`assess` gives what it gives: the count of the current due date, the
    calendar, the warnings, the open windows and the assumptions behind them."""
    _check(regime)
    a, ctx = _run(regime, nation, events, today, _calendars(calendars), True)
    cal = ctx["cal"]
    lines: list[tuple[date, str]] = []
    notes: list[str] = []
    akeys = list(ctx["akeys"])
    start = ctx["start"]
    rule, due = a.rule, a.due

    if a.stage == "awaiting-review" and a.review_due is not None:
        if regime == "sar":
            lines = _sar_lines(cal, a.review_requested, 1, "review requested")
        else:
            lines = _wd_lines(cal, a.review_requested, a.review_due, "review requested (day 0)")
    elif a.response_due is not None:
        if a.stage not in ("awaiting-response", "extended"):
            rule, due = ctx["response_rule"], a.response_due
        label = "clarification received (day 0)" if ctx["clarified"] else "received (day 0)"
        if regime == "sar":
            months = 3 if ctx["ext"] is not None else 1
            lines = _sar_lines(cal, start, months, label.replace(" (day 0)", ""))
            akeys.append("sar-month")
        else:
            lines = _wd_lines(cal, start, a.response_due, label, ctx["pauses"])

    notes.append(f"stage: {a.stage}" + (f"; next: {a.actor}" if a.actor else ""))
    if a.due is not None:
        unit = a.days_unit
        if a.days_left is not None and a.days_left < 0:
            notes.append(f"due {_human(a.due)}: {-a.days_left} {unit} late")
        else:
            notes.append(f"due {_human(a.due)}: {a.days_left} {unit} left")
    if a.response_due is not None and a.due != a.response_due:
        notes.append(f"response due {_human(a.response_due)}")
    if a.very_overdue is not None:
        notes.append(f"very overdue after {_human(a.very_overdue)}")
    if a.answered is not None:
        msg = f"answered {_human(a.answered)} after {a.working_days_taken} working days"
        if a.working_days_late:
            msg += f" ({a.working_days_late} late)"
        notes.append(msg)
    elif a.working_days_late:
        notes.append(f"{a.working_days_late} working days late so far")
    if a.review_due is not None:
        notes.append(f"review due {_human(a.review_due)} ({REVIEW_DUE_RULE[regime]})")
    for w in a.windows:
        notes.append(f"you can {w.label} until {_human(w.closes)} ({w.rule})")
    for w in a.warnings:
        notes.append(f"warning: {w}")
    seen = set()
    assumptions = []
    for k in akeys:
        if k not in seen:
            seen.add(k)
            assumptions.append(ASSUMPTIONS[k])
    return Explanation(cal.name, rule, due, lines, assumptions, notes)
