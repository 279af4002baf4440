"""Environmental Information (Scotland) Regulations 2004 (SSI 2004/520): Scottish bodies."""

from __future__ import annotations

from .base import PAUSE, RESTART, VOID, Clarification, Extension, Fees, RegimeRules, Regulator, Review, TimeLimit
from .foisa import COURT_OF_SESSION, SIC_AFTER_REVIEW, SIC_REVIEW_SILENCE

EISR = RegimeRules(
    key="eisr",
    name="EISR",
    act="Environmental Information (Scotland) Regulations 2004",
    calendar_cite="EISR reg 2(1) (the FOISA s.73 calendar)",
    response=TimeLimit(days=20, cite="EISR reg 5(2)", text="20 working days after receipt"),
    very_overdue_days=40,
    clarification=Clarification(
        effect=RESTART,  # reg 9(4): 20 working days from receipt of the further particulars
        cite="EISR reg 9(2)(a), reg 9(4)",
        waiting="EISR reg 9: the clock stops until you clarify; 20 fresh working days then start",
        within_days=20,  # reg 9(2)(a), as EIR reg 9(2)(a)
        late=VOID,
    ),
    identity=None,
    fees=Fees(
        effect=PAUSE,  # reg 8: notification to payment is not counted (as EIR reg 8(6))
        cite="EISR reg 8",
        notice_late=VOID,  # a notice after the deadline cannot pause a clock that has run out
        late_cite="EISR reg 8",
        lapse=TimeLimit(days=60, cite="EISR reg 8", text="pay within 60 working days of the notification"),
        lapse_assumption="eisr-fee",
        waiting="EISR reg 8: pay the fee within 60 working days of the notice",
        pause_cite="reg 8",
    ),
    extension=Extension(
        kind="complex",  # reg 7(1): up to 20 more working days if complex and voluminous
        cite="EISR reg 7(1)",
        text="extended to 40 working days (complex and voluminous)",
        extra_days=20,
        late=VOID,  # reg 7: notice within the 20 working days
        late_cite="EISR reg 7",
        assumption="eisr-extension",
    ),
    review=Review(
        label="require a review (reg 16)",
        ask=TimeLimit(days=40, cite="EISR reg 16(2)", text="40 working days after the response"),
        ask_from="response",
        late_ask=TimeLimit(days=40, cite="EISR reg 16(2)", text="40 working days after the missed reg 5(2) deadline"),
        answer=TimeLimit(days=20, cite="EISR reg 16(4)", text="review within 20 working days"),
    ),
    regulator=Regulator(
        label="apply to the Scottish Information Commissioner",
        window="sic-application",
        silence=None,
        review_silence=SIC_REVIEW_SILENCE,  # reg 17 applies FOISA s.47
        after_review=SIC_AFTER_REVIEW,
        after_review_assumption="sic-6-months",
        appeal=COURT_OF_SESSION,
        appeal_label="appeal to the Court of Session",
        appeal_assumption="scottish-appeal",
    ),
    citations=("EISR 2004 reg 5(2), reg 7, reg 8, reg 9, reg 16, reg 17", "FOISA 2002 s.47, s.56"),
)
