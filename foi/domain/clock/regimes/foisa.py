"""Freedom of Information (Scotland) Act 2002: Scottish public authorities."""

from __future__ import annotations

from .base import PAUSE, RESTART, VOID, WARN, Clarification, Extension, Fees, RegimeRules, Regulator, Review, TimeLimit

SIC_AFTER_REVIEW = TimeLimit(months=6, cite="FOISA s.47(4)(a)", text="6 months after the review response")
SIC_REVIEW_SILENCE = TimeLimit(months=6, cite="FOISA s.47(4)(b)", text="6 months after the s.21 period ended")
COURT_OF_SESSION = TimeLimit(
    calendar_days=42, cite="FOISA s.56", text="appeal to the Court of Session on a point of law"
)

FOISA = RegimeRules(
    key="foisa",
    name="FOISA",
    act="Freedom of Information (Scotland) Act 2002",
    calendar_cite="FOISA s.73",  # Scottish bank holidays only
    response=TimeLimit(days=20, cite="FOISA s.10(1)", text="20 working days after receipt"),
    very_overdue_days=40,
    clarification=Clarification(
        effect=RESTART,  # s.1(3), s.10(1)(b): 20 working days from receipt of the further information
        cite="FOISA s.1(3), s.10(1)(b)",
        waiting="FOISA s.1(3): the clock stops until you clarify; 20 fresh working days then start",
        within_days=None,
        late=WARN,
    ),
    identity=None,
    fees=Fees(
        effect=PAUSE,  # s.10(2): notice to payment does not count
        cite="FOISA s.9, s.10(2)",
        notice_late=VOID,  # s.9(1): a fees notice within the time for complying
        late_cite="FOISA s.9(1)",
        lapse=TimeLimit(months=3, cite="FOISA s.9(4)", text="pay within 3 months of the fees notice"),
        lapse_assumption="fee-3-months",
        waiting="FOISA s.9(4): pay within 3 months of the fees notice",
        pause_cite="s.10(2)",
    ),
    extension=Extension(kind="none", cite="FOISA s.10", text="FOISA has no power to extend the 20 working days"),
    review=Review(
        label="require a review (s.20)",
        ask=TimeLimit(
            days=40,
            cite="FOISA s.20(5)",
            text="40 working days after the s.10 deadline (or after a late response)",
        ),
        ask_from="deadline",  # s.20(5)(a): from the deadline; (b): from a late response
        late_ask=TimeLimit(days=40, cite="FOISA s.20(5)(a)", text="40 working days after the s.10 deadline"),
        answer=TimeLimit(
            days=20, cite="FOISA s.21(1)", text="review within 20 working days after the requirement for review"
        ),
    ),
    regulator=Regulator(
        label="apply to the Scottish Information Commissioner",
        window="sic-application",
        silence=None,  # s.47(1): a review must be required first
        review_silence=SIC_REVIEW_SILENCE,
        after_review=SIC_AFTER_REVIEW,
        after_review_assumption="sic-6-months",
        appeal=COURT_OF_SESSION,
        appeal_label="appeal to the Court of Session",
        appeal_assumption="scottish-appeal",
    ),
    citations=("FOISA 2002 s.1(3), s.9, s.10, s.20(5), s.21(1), s.47(4), s.56, s.73",),
)
