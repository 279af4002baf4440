"""What a regime's rules are made of: one frozen :class:`RegimeRules` per law.

Shaped like the ``holidays`` package's countries: a regime is data (its time
limit, calendar, what pauses or restarts its clock, how it may be extended,
when a fee lapses, the requester's review and complaint windows), each value
next to the section that sets it.  The clock (:mod:`foi.domain.clock.fold`)
reads these values; it has no ``if regime == ...`` of its own.

The parts of a regime are named tuples (immutable, equal by value, and made at
import without the code generation of a frozen dataclass, which every command
that assesses would pay: bench/RESULTS.md); :class:`TimeLimit` and
:class:`RegimeRules` stay frozen dataclasses for their cached properties, read
for every request.

Units: ``days`` are working days of the regime's calendar (day 0 = the date
of receipt; the deadline is the N-th working day after it); ``months`` are
calendar months (see :mod:`foi.domain.clock.months`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

#: What an event does to the response clock.
RESTART = "restart"  # a fresh time limit from the day the answer arrives
PAUSE = "pause"  # the days from the request to the answer, both included, do not count

#: What happens when a notice (fees, extension, clarification) comes after the time limit.
VOID = "void"  # it changes nothing: the deadline stands and the request is overdue
WARN = "warn"  # it still has its effect, with a warning


@dataclass(frozen=True)
class TimeLimit:
    """A time limit with its source: ``days`` working days, ``months`` calendar months or
    ``calendar_days`` days; none of them: no fixed limit (a rolling horizon)."""

    days: int | None = None
    months: int | None = None
    calendar_days: int | None = None
    cite: str = ""
    text: str = ""

    @cached_property
    def rule(self) -> str:
        return f"{self.cite}: {self.text}"


class Clarification(NamedTuple):
    """The authority asks the requester what they mean (FOIA s.1(3), EIR reg 9(2)...)."""

    effect: str  # RESTART or PAUSE
    cite: str
    waiting: str  # the rule shown while the clock waits for the requester
    within_days: int | None = None  # must be asked within this many working days...
    late: str = WARN  # ...else VOID (restarts nothing) or WARN (restarts, with a warning)


class Identity(NamedTuple):
    """Proof of identity asked for (SAR): the time limit starts again when it arrives."""

    cite: str
    waiting: str


class Fees(NamedTuple):
    """A fees notice / advance charge: what it does to the clock and when it lapses."""

    effect: str  # PAUSE (FOI law) or RESTART (SAR: the month starts when the fee is paid)
    cite: str
    notice_late: str  # VOID: a notice after the time limit pauses nothing; WARN: it counts, with a warning
    late_cite: str  # the rule that limits when a notice may be given
    lapse: TimeLimit | None  # unpaid after this, the request lapses (None: no statutory lapse)
    lapse_assumption: str | None = None  # ASSUMPTIONS key for how the lapse is counted
    waiting: str = ""  # the rule shown while the fee is unpaid
    pause_cite: str = ""  # the rule that sets the paused days aside


class Extension(NamedTuple):
    """How the authority may extend the time limit, and what a late notice does."""

    kind: str  # "none" | "public-interest" | "complex" | "months"
    cite: str
    text: str
    extra_days: int = 0  # at most this many more working days
    extra_months: int = 0
    late: str = VOID
    late_cite: str = ""  # the rule that requires the notice in time
    late_assumption: str | None = None
    assumption: str | None = None


class Review(NamedTuple):
    """The requester's review (or reconsideration) and the authority's time to answer it."""

    label: str  # "ask for an internal review"
    ask: TimeLimit | None  # the requester's window after a response (None: no window)
    ask_from: str  # "response", or "deadline" where it runs from the deadline (FOISA s.20(5))
    late_ask: TimeLimit | None  # the window after a missed deadline, where the law gives one
    answer: TimeLimit  # the authority's time to answer the review
    very_days: int | None = None  # very overdue after this many working days
    assumption: str | None = None


class Regulator(NamedTuple):
    """Where the requester goes next (ICO or Scottish Information Commissioner), and when."""

    label: str  # "complain to the ICO"
    window: str  # the Window kind: "complaint" | "sic-application"
    silence: TimeLimit | None  # about a response never given (no days/months: no fixed limit)
    review_silence: TimeLimit | None  # about a review never answered
    after_review: TimeLimit | None  # after the review outcome
    after_review_assumption: str | None
    appeal: TimeLimit | None  # against the regulator's decision
    appeal_label: str = ""
    appeal_assumption: str | None = None


@dataclass(frozen=True)
class RegimeRules:
    """Every time rule of one regime, each with its source (LAW.md, "Rules")."""

    key: str
    name: str
    act: str
    calendar_cite: str  # which days count (the calendar itself: foi.domain.calendars)
    response: TimeLimit
    very_overdue_days: int | None  # WhatDoTheyKnow's "long overdue" (not statute)
    clarification: Clarification
    identity: Identity | None
    fees: Fees
    extension: Extension
    review: Review
    regulator: Regulator
    citations: tuple[str, ...]

    @cached_property  # (read for every request)
    def working_days(self) -> bool:
        """True if the time limit counts working days (False: calendar months)."""
        return self.response.days is not None
