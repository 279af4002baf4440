"""What the clock returns: :class:`Assessment` (where a request stands), its
:class:`Window` s (what the requester may do, until when) and, for ``foi
explain``, an :class:`Explanation`.

:class:`Assessment` and :class:`Window` are immutable named tuples (read by
name: ``a.stage``, ``w.closes``): `foi list` makes one per request, and a
tuple is much cheaper to make than a frozen dataclass and smaller (see
``bench/RESULTS.md``)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ...dates import human


class Window(NamedTuple):
    """A window in which the REQUESTER may or must act."""

    kind: str  # "review" | "complaint" | "sic-application" | "appeal" | "fee-payment"
    closes: date  # last day
    rule: str
    label: str
    fixed: bool = True  # False: no statutory limit; ``closes`` is only a rolling horizon


class Assessment(NamedTuple):
    """Where a request stands on ``today``.

    ``due`` is the date the party who must act next (``actor``) must act by:
    the authority's response or review deadline, or the requester's nearest
    window.  ``response_due`` is always the response deadline.
    """

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
    fee_lapsed: date | None = None  # the last day to pay, once the request lapsed unpaid (stage closed)
    outcome: str | None = None  # the outcome of the response counted (``answered``), as recorded


_tuple_new = tuple.__new__


def make_assessment(*values) -> Assessment:
    """``Assessment(*values)``, without the generated ``__new__``'s keyword handling."""
    return _tuple_new(Assessment, values)


class Explanation:
    """How a date was reached: the calendar, the rule, each day counted or skipped.

    ``due`` is the date the day-by-day ``lines`` count to, and ``due_label`` says
    which date it is ("Response due", "Review due"...).  ``dates`` are the other
    labelled dates a campaigner needs beside it (the original one-month date of an
    extended SAR, the window to ask for a review, ...).  (A plain class: a
    dataclass would be generated at import, on every start-up that assesses.)"""

    def __init__(
        self,
        calendar: str,
        rule: str,
        due: date | None,
        lines: list[tuple[date, str]] | None = None,
        assumptions: list[str] | None = None,
        notes: list[str] | None = None,
        due_label: str = "Due",
        dates: list[tuple[str, date]] | None = None,
    ) -> None:
        self.calendar, self.rule, self.due, self.due_label = calendar, rule, due, due_label
        self.lines = lines if lines is not None else []
        self.assumptions = assumptions if assumptions is not None else []
        self.notes = notes if notes is not None else []
        self.dates = dates if dates is not None else []

    def __eq__(self, other) -> bool:
        return vars(self) == vars(other) if other.__class__ is Explanation else NotImplemented

    def __repr__(self) -> str:
        return "Explanation(" + ", ".join(f"{k}={v!r}" for k, v in vars(self).items()) + ")"

    def to_dict(self) -> dict:
        return {
            "calendar": self.calendar,
            "rule": self.rule,
            "due": self.due.isoformat() if self.due else None,
            "due_label": self.due_label,
            "dates": [{"label": k, "date": d.isoformat()} for k, d in self.dates],
            "lines": [{"date": d.isoformat(), "text": t} for d, t in self.lines],
            "assumptions": list(self.assumptions),
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        heads = [(self.due_label, self.due), *self.dates]
        width = max(9, *(len(k) + 1 for k, _ in heads))
        out = [f"{'Rule:':<{width}} {self.rule}", f"{'Calendar:':<{width}} {self.calendar}"]
        out.extend(f"{k + ':':<{width}} {human(d)}" for k, d in heads)
        if self.lines:
            out.append("")
            for d, t in self.lines:
                out.append(f"  {human(d):<16} {t}")
        if self.notes:
            out.append("")
            out.extend(f"- {n}" for n in self.notes)
        if self.assumptions:
            out.append("")
            out.append("Assumptions:")
            out.extend(f"- {a}" for a in self.assumptions)
        return "\n".join(out) + "\n"
