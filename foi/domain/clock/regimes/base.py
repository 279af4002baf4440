"""What a regime's rules are made of: one frozen :class:`RegimeRules` per law.

Shaped like the ``holidays`` package's countries: a regime is data (its time
limit, calendar, what pauses or restarts its clock, how it may be extended,
when a fee lapses, the requester's review and complaint windows), each value
next to the section that sets it.  The clock (:mod:`foi.domain.clock.fold`)
reads these values; it has no ``if regime == ...`` of its own.

The parts of a regime are small immutable classes (:class:`_Frozen`: fields
by position or name as a named tuple takes them, immutable and equal by value
like a frozen dataclass), without the code a named tuple or a dataclass
generates at import, which every command that assesses would pay at start-up
(bench/RESULTS.md); :class:`TimeLimit` and :class:`RegimeRules` work out a
value once (read for every request).

Units: ``days`` are working days of the regime's calendar (day 0 = the date
of receipt; the deadline is the N-th working day after it); ``months`` are
calendar months (see :mod:`foi.domain.clock.months`).
"""

from __future__ import annotations

#: What an event does to the response clock.
RESTART = "restart"  # a fresh time limit from the day the answer arrives
PAUSE = "pause"  # the days from the request to the answer, both included, do not count

#: What happens when a notice (fees, extension, clarification) comes after the time limit.
VOID = "void"  # it changes nothing: the deadline stands and the request is overdue
WARN = "warn"  # it still has its effect, with a warning


class _Frozen:
    """Immutable, equal by value, shown by its fields: what a frozen dataclass
    gives, written out (``dataclass`` writes and compiles these methods when
    the module is imported, at every start-up of a command that assesses)."""

    __slots__ = ()
    _defaults: dict = {}

    def __init__(self, *args, **kwargs) -> None:
        """The fields by position or by name, as a named tuple takes them."""
        names = self.__slots__
        positional = dict(zip(names, args))
        if len(args) > len(names) or any(name not in names or name in positional for name in kwargs):
            raise TypeError(f"{type(self).__name__}{(args, kwargs)!r}: unknown or repeated fields")
        values = {**self._defaults, **positional, **kwargs}
        missing = [name for name in names if name not in values]
        if missing:
            raise TypeError(f"{type(self).__name__}: missing {', '.join(missing)}")
        for name in names:
            _set(self, name, values[name])

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name, value):
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set {name!r}")

    __delattr__ = __setattr__

    def __eq__(self, other):
        return self._values() == other._values() if other.__class__ is self.__class__ else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


_set = object.__setattr__


class TimeLimit(_Frozen):
    """A time limit with its source: ``days`` working days, ``months`` calendar months or
    ``calendar_days`` days; none of them: no fixed limit (a rolling horizon).
    ``rule`` is "cite: text"."""

    __slots__ = ("days", "months", "calendar_days", "cite", "text", "rule")

    def __init__(
        self,
        days: int | None = None,
        months: int | None = None,
        calendar_days: int | None = None,
        cite: str = "",
        text: str = "",
    ) -> None:
        for name, value in zip(self.__slots__, (days, months, calendar_days, cite, text, f"{cite}: {text}")):
            _set(self, name, value)


class Clarification(_Frozen):
    """The authority asks the requester what they mean (FOIA s.1(3), EIR reg 9(2)...)."""

    __slots__ = ("effect", "cite", "waiting", "within_days", "late")
    _defaults = {"within_days": None, "late": WARN}

    effect: str  # RESTART or PAUSE
    cite: str
    waiting: str  # the rule shown while the clock waits for the requester
    within_days: int | None  # = None; must be asked within this many working days...
    late: str  # = WARN; ...else VOID (restarts nothing) or WARN (restarts, with a warning)


class Identity(_Frozen):
    """Proof of identity asked for (SAR): the time limit starts again when it arrives."""

    __slots__ = ("cite", "waiting")

    cite: str
    waiting: str


class Fees(_Frozen):
    """A fees notice / advance charge: what it does to the clock and when it lapses."""

    __slots__ = ("effect", "cite", "notice_late", "late_cite", "lapse", "lapse_assumption", "waiting", "pause_cite")
    _defaults = {"lapse_assumption": None, "waiting": "", "pause_cite": ""}

    effect: str  # PAUSE (FOI law) or RESTART (SAR: the month starts when the fee is paid)
    cite: str
    notice_late: str  # VOID: a notice after the time limit pauses nothing; WARN: it counts, with a warning
    late_cite: str  # the rule that limits when a notice may be given
    lapse: TimeLimit | None  # unpaid after this, the request lapses (None: no statutory lapse)
    lapse_assumption: str | None  # = None; ASSUMPTIONS key for how the lapse is counted
    waiting: str  # = ""; the rule shown while the fee is unpaid
    pause_cite: str  # = ""; the rule that sets the paused days aside


class Extension(_Frozen):
    """How the authority may extend the time limit, and what a late notice does."""

    __slots__ = (
        "kind",
        "cite",
        "text",
        "extra_days",
        "extra_months",
        "late",
        "late_cite",
        "late_assumption",
        "assumption",
    )
    _defaults = {
        "extra_days": 0,
        "extra_months": 0,
        "late": VOID,
        "late_cite": "",
        "late_assumption": None,
        "assumption": None,
    }

    kind: str  # "none" | "public-interest" | "complex" | "months"
    cite: str
    text: str
    extra_days: int  # = 0; at most this many more working days
    extra_months: int  # = 0
    late: str  # = VOID
    late_cite: str  # = ""; the rule that requires the notice in time
    late_assumption: str | None  # = None
    assumption: str | None  # = None


class Review(_Frozen):
    """The requester's review (or reconsideration) and the authority's time to answer it."""

    __slots__ = ("label", "ask", "ask_from", "late_ask", "answer", "very_days", "assumption")
    _defaults = {"very_days": None, "assumption": None}

    label: str  # "ask for an internal review"
    ask: TimeLimit | None  # the requester's window after a response (None: no window)
    ask_from: str  # "response", or "deadline" where it runs from the deadline (FOISA s.20(5))
    late_ask: TimeLimit | None  # the window after a missed deadline, where the law gives one
    answer: TimeLimit  # the authority's time to answer the review
    very_days: int | None  # = None; very overdue after this many working days
    assumption: str | None  # = None


class Regulator(_Frozen):
    """Where the requester goes next (ICO or Scottish Information Commissioner), and when."""

    __slots__ = (
        "label",
        "window",
        "silence",
        "review_silence",
        "after_review",
        "after_review_assumption",
        "appeal",
        "appeal_label",
        "appeal_assumption",
    )
    _defaults = {"appeal_label": "", "appeal_assumption": None}

    label: str  # "complain to the ICO"
    window: str  # the Window kind: "complaint" | "sic-application"
    silence: TimeLimit | None  # about a response never given (no days/months: no fixed limit)
    review_silence: TimeLimit | None  # about a review never answered
    after_review: TimeLimit | None  # after the review outcome
    after_review_assumption: str | None
    appeal: TimeLimit | None  # against the regulator's decision
    appeal_label: str  # = ""
    appeal_assumption: str | None  # = None


class RegimeRules(_Frozen):
    """Every time rule of one regime, each with its source (LAW.md, "Rules").

    key, name, act; ``calendar_cite``: which days count (the calendar itself:
    foi.domain.calendars); ``response``: the time limit; ``very_overdue_days``:
    WhatDoTheyKnow's "long overdue" (not statute); ``clarification``,
    ``identity`` (None: none), ``fees``, ``extension``, ``review``,
    ``regulator``; ``citations``.  ``working_days`` (read for every request):
    True if the time limit counts working days (False: calendar months)."""

    __slots__ = (
        "key",
        "name",
        "act",
        "calendar_cite",
        "response",
        "very_overdue_days",
        "clarification",
        "identity",
        "fees",
        "extension",
        "review",
        "regulator",
        "citations",
        "working_days",
    )

    def __init__(
        self,
        key: str,
        name: str,
        act: str,
        calendar_cite: str,
        response: TimeLimit,
        very_overdue_days: int | None,
        clarification: Clarification,
        identity: Identity | None,
        fees: Fees,
        extension: Extension,
        review: Review,
        regulator: Regulator,
        citations: tuple[str, ...],
    ) -> None:
        values = (key, name, act, calendar_cite, response, very_overdue_days, clarification, identity, fees)
        values += (extension, review, regulator, citations, response.days is not None)
        for slot, value in zip(self.__slots__, values):
            _set(self, slot, value)
