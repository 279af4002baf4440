"""Contestable readings, in one place.  The clock refers to them by key and
``foi explain`` prints the ones that shaped a result.

The rule for choosing: where a time limit binds the requester (asking for a
review, complaining, paying a fee) foi takes the earlier date; where it binds
the authority, the statutory reading.
"""

from __future__ import annotations

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
        "such date, its last day (a notice of 31 August can be paid until 30 November). It "
        "counts from the date you logged for the notice: if the notice is dated earlier, log "
        "that date (the earlier date is the safe one)."
    ),
    "eir-fee-60": (
        "EIR reg 8(5): the authority need not answer unless the advance charge is paid no later "
        "than 60 working days after the date it gave the notification; foi counts from the date "
        "you logged for the notice (log the date on the notice if it is earlier)."
    ),
    "eisr-fee": (
        "EISR reg 8 is read as EIR reg 8: the clock stops from the fees notice to the payment, "
        "and the fee must be paid within 60 working days of the notice (Scottish calendar), "
        "counted from the date you logged for the notice. foi checked this against the "
        "regulators' and councils' published summaries, not the regulation's own words."
    ),
    "late-fee-notice": (
        "A fees notice (or advance charge) given after the response deadline pauses nothing: "
        "FOIA s.9(1) and FOISA s.9(1) allow one only within the time for complying, EIR reg 8(4) "
        "requires it within 20 working days, and a notice cannot stop a clock that has already "
        "run out. The request stays overdue."
    ),
    "foia-late-extension": (
        "FOIA: a public interest extension (s.10(3)) notified after the 20th working day "
        "extends nothing, since s.17(2) requires the notice within the 20 working days (as EIR "
        "and EISR reg 7 do): the original deadline stands and the request is overdue."
    ),
    "foia-late-clarification": (
        "FOIA s.1(3) and FOISA s.1(3) set no time limit for asking you to clarify: a request for "
        "clarification made after the 20th working day still restarts the clock when you "
        "answer, but the authority was already late when it asked, and foi says so."
    ),
    "eir-late-clarification": (
        "EIR/EISR reg 9(2)(a): the authority must ask for more particulars within 20 working "
        "days; asked later, the request for particulars restarts nothing (reg 9(4) applies "
        "only to a request made in time) and the original deadline stands."
    ),
    "sar-fee": (
        "SAR: a fee may be charged only for a manifestly unfounded or excessive request or for "
        "further copies (UK GDPR Art. 12(5)). The law sets no time to pay it: foi shows no "
        "deadline for paying, and the month starts again on the day the fee is paid "
        "(Art. 12A; DPA s.54(3)(c))."
    ),
    "sar-identity": (
        "SAR: when the controller asks for proof of identity, the month runs from the day it "
        "receives the proof (UK GDPR Art. 12A; DPA s.54(3)(b)). The ICO expects it to ask "
        "promptly; foi warns if it asked only after the month had ended."
    ),
    "sar-pause": (
        "SAR clarification (UK GDPR Art. 12A; DPA s.54(3C)): the days from the day the "
        "controller asks to the day it receives your answer, both included, do not count. foi "
        "adds them to the end of the month (and of the extension-notice window) before moving "
        "the deadline off a weekend or bank holiday. A request for clarification made after "
        "the deadline pauses nothing."
    ),
    "sar-late-extension": (
        "SAR: an extension must be notified before the first month ends (UK GDPR Art. 12A; DPA "
        "s.54(3B)(a)); a notice given later is not a valid extension, so foi keeps the one-month "
        "deadline (the request is overdue after it) and warns. foi takes the end of the month "
        "after moving it off a weekend or bank holiday."
    ),
    "sar-review": (
        "SAR: there is no statutory internal review; foi uses one calendar month (rolled to "
        "the next working day) as good practice."
    ),
    "sar-month": (
        "SAR: one calendar month counting the day of receipt as day 1, so the deadline is the "
        "same date next month, or the last day of that month if the date does not exist, moved "
        "to the next working day if it falls on a weekend or bank holiday (ICO guidance). The "
        "law's words, 'the period of one month beginning with' the day of receipt (UK GDPR "
        "Art. 12A, DPA s.54(2)), could be read as ending a day earlier; foi follows the ICO."
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
        "is received, both included, do not count (FOIA s.10(2), FOISA s.10(2), EIR reg 8(6))."
    ),
    "posted": (
        "A request sent by post is taken to arrive on the second working day after posting "
        "(first class: the 'ordinary course of post' of Interpretation Act 1978 s.7, as CPR "
        "6.26 counts it); the time limit runs from that day. If you know the day it arrived "
        "(the authority's acknowledgement often says), record it: foi log ID received --on DATE."
    ),
    "received": (
        "The time limit runs from the day of receipt you recorded with `foi log ID received`, "
        "not from the day you sent the request."
    ),
}
