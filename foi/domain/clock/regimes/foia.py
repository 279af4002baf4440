"""Freedom of Information Act 2000: England, Wales, Northern Ireland and UK-wide bodies."""

from __future__ import annotations

from .base import PAUSE, RESTART, VOID, WARN, Clarification, Extension, Fees, RegimeRules, Regulator, Review, TimeLimit

ICO_SILENCE = TimeLimit(cite="FOIA s.50", text="complaint to the ICO (no fixed time limit)")
ICO_AFTER_REVIEW = TimeLimit(calendar_days=42, cite="FOIA s.50, ICO guidance", text="6 weeks after the review outcome")
TRIBUNAL = TimeLimit(calendar_days=28, cite="GRC Rules 2009 r.22", text="28 days after the decision notice")

FOIA = RegimeRules(
    key="foia",
    name="FOIA",
    act="Freedom of Information Act 2000",
    calendar_cite="FOIA s.10(6)",  # any part of the UK
    response=TimeLimit(days=20, cite="FOIA s.10(1)", text="20 working days after receipt"),
    very_overdue_days=40,  # Alaveteli's "long overdue" (ASSUMPTIONS["very-overdue"])
    clarification=Clarification(
        effect=RESTART,  # s.1(3), s.10(6)(b): 20 fresh working days from the clarification
        cite="FOIA s.1(3), s.10(6)(b)",
        waiting="FOIA s.1(3): the clock stops until you clarify; 20 fresh working days then start",
        within_days=None,  # s.1(3) sets no time limit for asking...
        late=WARN,  # ...so a late request still restarts the clock, with a warning
    ),
    identity=None,
    fees=Fees(
        effect=PAUSE,  # s.10(2): notice to payment, both included, does not count
        cite="FOIA s.9, s.10(2)",
        notice_late=VOID,  # s.9(1): a fees notice only "within the period for complying"
        late_cite="FOIA s.9(1)",
        lapse=TimeLimit(months=3, cite="FOIA s.9(2)", text="pay within 3 months of the fees notice"),
        lapse_assumption="fee-3-months",
        waiting="FOIA s.9(2): pay within 3 months of the fees notice",
        pause_cite="s.10(2)",
    ),
    extension=Extension(
        kind="public-interest",  # s.10(3): "reasonable" extra time to weigh the public interest
        cite="FOIA s.10(3)",
        text="public interest extension",
        extra_days=20,  # the ICO's maximum (ASSUMPTIONS["foia-extension-cap"])
        late=VOID,  # s.17(2): the notice must come within the 20 working days
        late_cite="FOIA s.17(2)",
        late_assumption="foia-late-extension",
    ),
    review=Review(
        label="ask for an internal review",
        ask=TimeLimit(days=40, cite="FOIA s.45 Code of Practice", text="ask within 40 working days after the response"),
        ask_from="response",
        late_ask=None,  # no review window runs from a missed deadline: complain to the ICO
        answer=TimeLimit(
            days=20,
            cite="FOIA s.45 Code of Practice",
            text="review within 20 working days (40 in exceptional cases)",
        ),
        very_days=40,  # s.45 Code, Part 5: 40 working days at most
        assumption="foia-review",
    ),
    regulator=Regulator(
        label="complain to the ICO",
        window="complaint",
        silence=ICO_SILENCE,
        review_silence=TimeLimit(cite="FOIA s.50", text="complaint to the ICO (review 40 working days late)"),
        after_review=ICO_AFTER_REVIEW,
        after_review_assumption="ico-6-weeks",
        appeal=TRIBUNAL,
        appeal_label="appeal to the First-tier Tribunal",
        appeal_assumption="decision-date",
    ),
    citations=(
        "FOIA 2000 s.1(3), s.9, s.10(1)-(3), s.10(6), s.17(2), s.50",
        "Section 45 Code of Practice (2018), Part 5",
        "Tribunal Procedure (First-tier Tribunal) (General Regulatory Chamber) Rules 2009, r.22",
    ),
)
