"""Subject access requests: UK GDPR Art. 12, 12A, 15; DPA 2018 s.45, s.54 (police law-enforcement data)."""

from __future__ import annotations

from .base import (
    PAUSE,
    RESTART,
    VOID,
    WARN,
    Clarification,
    Extension,
    Fees,
    Identity,
    RegimeRules,
    Regulator,
    Review,
    TimeLimit,
)

SAR = RegimeRules(
    key="sar",
    name="SAR",
    act="UK GDPR and the Data Protection Act 2018",
    calendar_cite="UK GDPR Art. 12(3): the bank holidays of the authority's nation",
    response=TimeLimit(months=1, cite="UK GDPR Art. 12(3)", text="one calendar month after receipt"),
    very_overdue_days=None,
    clarification=Clarification(
        # Art. 12A, DPA s.54(3C): from the day the controller asks to the day it receives the
        # answer, both included, the time does not count (nor towards the extension notice)
        effect=PAUSE,
        cite="UK GDPR Art. 12A, DPA 2018 s.54(3C)",
        waiting="UK GDPR Art. 12A, DPA s.54(3C): the clock is stopped until you clarify",
        within_days=None,
        late=VOID,  # asked after the deadline: the days after it do not count anyway
    ),
    identity=Identity(
        # Art. 12A, DPA s.54(3)(b): the month runs from when the controller receives the ID
        cite="UK GDPR Art. 12(6), Art. 12A, DPA 2018 s.54(3)(b)",
        waiting="UK GDPR Art. 12A, DPA s.54(3)(b): the month starts when your proof of identity arrives",
    ),
    fees=Fees(
        effect=RESTART,  # Art. 12A, DPA s.54(3)(c): the month runs from when the fee is paid
        cite="UK GDPR Art. 12(5), Art. 12A, DPA 2018 s.54(3)(c)",
        notice_late=WARN,  # no statutory time to ask for the fee
        late_cite="",
        lapse=None,  # no statutory lapse for a SAR fee
        waiting="UK GDPR Art. 12A, DPA s.54(3)(c): the month starts when the fee is paid (no time limit to pay)",
    ),
    extension=Extension(
        kind="months",  # Art. 12A, DPA s.54(3A)-(3B): two further months, told within the first
        cite="UK GDPR Art. 12(3), Art. 12A, DPA 2018 s.54(3A)",
        text="extended by two further months (3 months after receipt)",
        extra_months=2,
        late=VOID,  # DPA s.54(3B)(a): the notice "must be given before the end of" the first month
        late_cite="UK GDPR Art. 12A / DPA s.54(3B)",
        late_assumption="sar-late-extension",
    ),
    review=Review(
        label="ask the controller to look again",
        ask=None,  # no statutory internal review for a SAR
        ask_from="response",
        late_ask=None,
        answer=TimeLimit(
            months=1, cite="no statutory review for SAR", text="one calendar month assumed as good practice"
        ),
        assumption="sar-review",
    ),
    regulator=Regulator(
        label="complain to the ICO",
        window="complaint",
        silence=None,
        review_silence=None,
        after_review=None,
        after_review_assumption=None,
        appeal=None,
    ),
    citations=("UK GDPR Art. 12(3), (5), (6), Art. 12A, Art. 15, Art. 77", "DPA 2018 s.45, s.54(2)-(3C), s.165"),
)
