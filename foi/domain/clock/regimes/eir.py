"""Environmental Information Regulations 2004 (SI 2004/3391): environmental information, FOIA's bodies."""

from __future__ import annotations

from .base import PAUSE, RESTART, VOID, Clarification, Extension, Fees, RegimeRules, Regulator, Review, TimeLimit
from .foia import ICO_AFTER_REVIEW, ICO_SILENCE, TRIBUNAL

EIR = RegimeRules(
    key="eir",
    name="EIR",
    act="Environmental Information Regulations 2004",
    calendar_cite="EIR reg 2(1) (the FOIA s.10(6) calendar)",
    response=TimeLimit(days=20, cite="EIR reg 5(2)", text="20 working days after receipt"),
    very_overdue_days=40,
    clarification=Clarification(
        effect=RESTART,  # reg 9(4): 20 working days from receipt of the further particulars
        cite="EIR reg 9(2)(a), reg 9(4)",
        waiting="EIR reg 9(4): the clock stops until you clarify; 20 fresh working days then start",
        within_days=20,  # reg 9(2)(a): ask within 20 working days...
        late=VOID,  # ...a later request restarts nothing
    ),
    identity=None,
    fees=Fees(
        effect=PAUSE,  # reg 8(6): notification to payment is disregarded
        cite="EIR reg 8(4)-(6)",
        notice_late=VOID,  # reg 8(4): notify the advance charge within 20 working days
        late_cite="EIR reg 8(4)",
        lapse=TimeLimit(days=60, cite="EIR reg 8(5)", text="pay within 60 working days of the notification"),
        waiting="EIR reg 8(5): pay the advance charge within 60 working days",
        lapse_assumption="eir-fee-60",
        pause_cite="reg 8(6)",
    ),
    extension=Extension(
        kind="complex",  # reg 7(1): 40 working days if complex and voluminous
        cite="EIR reg 7(1)",
        text="extended to 40 working days (complex and voluminous)",
        extra_days=20,
        late=VOID,  # reg 7(3): told within 20 working days, else no extension
        late_cite="EIR reg 7(3)",
    ),
    review=Review(
        label="ask for reconsideration (reg 11)",
        ask=TimeLimit(days=40, cite="EIR reg 11(2)", text="40 working days after the response"),
        ask_from="response",
        late_ask=TimeLimit(days=40, cite="EIR reg 11(2)", text="40 working days after the missed deadline"),
        answer=TimeLimit(days=40, cite="EIR reg 11(4)", text="reconsideration within 40 working days"),
    ),
    regulator=Regulator(
        label="complain to the ICO",
        window="complaint",
        silence=ICO_SILENCE,
        review_silence=TimeLimit(cite="EIR reg 18, FOIA s.50", text="complaint to the ICO (no reconsideration)"),
        after_review=ICO_AFTER_REVIEW,
        after_review_assumption="ico-6-weeks",
        appeal=TRIBUNAL,
        appeal_label="appeal to the First-tier Tribunal",
        appeal_assumption="decision-date",
    ),
    citations=("EIR 2004 reg 5(2), reg 7, reg 8(4)-(6), reg 9(2)(a), reg 9(4), reg 11, reg 18", "FOIA 2000 s.50"),
)
