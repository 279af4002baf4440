"""The deadline clock: from a request's events to its stage and due dates.

Pure: no I/O, no click, no rich.  Built like the ``holidays`` package's
countries:

* :mod:`.regimes` -- one frozen :class:`~.regimes.base.RegimeRules` per law
  (FOIA, FOISA, EIR, EISR, SAR), each value beside its section;
* :mod:`.fold` -- the clock as a fold over the timeline: one handler per
  event type;
* :mod:`.assessment` -- the response deadline and one view per stage;
* :mod:`.explaining` -- the day-by-day count, each date labelled;
* :mod:`.assumptions` -- every contestable reading, in one place;
* :mod:`.months` -- calendar months (as ``dateutil.relativedelta`` counts them).

Vocabulary: WD = working day of the regime's calendar
(:mod:`foi.domain.calendars`).  "Day 0" is the date of receipt; a deadline of
N WD is the N-th working day after it.

Entry points: :func:`assess` (the hot path: ``foi list`` runs it on every
request), :func:`response_due_date` (``foi deadline``), :func:`explain` and
:func:`explain_count` (``foi explain``, ``foi deadline --explain``).
"""

from __future__ import annotations

from datetime import date

from ...errors import UsageError
from ..calendars import Calendars, default_calendars
from .assessment import REVIEW_WARN_DAYS, to_assessment
from .assumptions import ASSUMPTIONS
from .fold import fold
from .months import add_months, month_deadline, months_beginning_with
from .regimes import RULES, RegimeRules, rules_for
from .results import Assessment, Explanation, Window, human

__all__ = [
    "ASSUMPTIONS",
    "REVIEW_WARN_DAYS",
    "RULES",
    "Assessment",
    "Explanation",
    "RegimeRules",
    "Window",
    "add_months",
    "assess",
    "explain",
    "explain_count",
    "months_beginning_with",
    "response_due_date",
    "rules_for",
]


def assess(regime: str, nation: str, events, today: date, calendars: Calendars | None = None) -> Assessment:
    """Where a request stands on ``today``: stage, who acts next, due date, open windows.

    ``events`` are the stored event dicts (``type``, ISO ``date``), in order.
    """
    rules = RULES.get(regime) or rules_for(regime)
    cal = (calendars if calendars is not None else default_calendars()).for_regime(regime, nation)
    return to_assessment(fold(rules, cal, events, today), today)[0]


def explain(regime: str, nation: str, events, today: date, calendars: Calendars | None = None) -> Explanation:
    """Why :func:`assess` gives what it gives: the count behind the date that matters now,
    each date labelled, the calendar, the warnings, the windows and the assumptions."""
    rules = rules_for(regime)
    cal = (calendars if calendars is not None else default_calendars()).for_regime(regime, nation)
    c = fold(rules, cal, events, today)
    a, dl = to_assessment(c, today)
    from .explaining import explain_clock  # (foi explain only: not imported by every assessment)

    return explain_clock(c, a, dl, nation)


def response_due_date(
    regime: str, nation: str, received: date, calendars: Calendars | None = None, days: int | None = None
) -> date:
    """The response deadline for a request received on ``received`` (day 0).

    ``days`` overrides the number of working days (default: the regime's limit; for SAR
    one calendar month, and ``days`` counts working days of the authority's nation instead).
    """
    rules = rules_for(regime)
    cal = (calendars if calendars is not None else default_calendars()).for_regime(regime, nation)
    if days is None:
        if not rules.working_days:
            return month_deadline(received, rules.response.months, cal)  # Art. 12(3)
        days = rules.response.days  # FOIA s.10(1), FOISA s.10(1), reg 5(2)
    if days < 0:
        raise UsageError(f"days must be 0 or more, not {days}")
    return cal.add_working_days(received, days)


def explain_count(
    regime: str, nation: str, received: date, days: int | None = None, calendars: Calendars | None = None
) -> Explanation:
    """The day-by-day count behind :func:`response_due_date`."""
    from .explaining import month_lines, wd_lines

    rules = rules_for(regime)
    cal = (calendars if calendars is not None else default_calendars()).for_regime(regime, nation)
    due = response_due_date(regime, nation, received, calendars, days)
    assumptions = []
    if regime == "sar" and nation == "uk":
        assumptions.append(ASSUMPTIONS["uk-body"])
    if not rules.working_days and days is None:
        lines = month_lines(cal, received, rules.response.months, "received")
        assumptions.append(ASSUMPTIONS["sar-month"])
        return Explanation(cal.name, rules.response.rule, due, lines, assumptions, [], "Response due")
    n = rules.response.days if days is None else days
    rule = rules.response.rule if days is None else f"{n} working day{'s' if n != 1 else ''} after {human(received)}"
    lines = wd_lines(cal, received, due, "received (day 0)")
    return Explanation(cal.name, rule, due, lines, assumptions, [], "Response due" if days is None else "Due")
