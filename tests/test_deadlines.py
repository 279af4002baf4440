"""The deadline engine against hand-counted dates (worked out on a printed calendar).

Each case names the rule of LAW.md it checks.
"""

from __future__ import annotations

from datetime import date

import pytest

from foi.domain.calendars import Calendars
from foi.domain.clock import (
    ASSUMPTIONS,
    Assessment,
    Explanation,
    add_months,
    assess,
    explain,
    explain_count,
    response_due_date,
)
from foi.errors import InvalidEvent, UsageError

D = date


def ev(type_, day, **kw):
    return {"type": type_, "date": day, **kw}


SENT_6_JUL = [ev("drafted", "2026-07-01"), ev("sent", "2026-07-06")]


# ---------------------------------------------------------------------------
# response_due_date: the `foi deadline` calculator


@pytest.mark.parametrize(
    "regime, nation, received, due",
    [
        # LAW.md illustrative dates
        ("foia", "england", D(2026, 7, 6), D(2026, 8, 5)),  # 13 Jul (NI) and 3 Aug (Scot) skipped
        ("foisa", "scotland", D(2026, 7, 6), D(2026, 8, 4)),  # only 3 Aug skipped
        ("foia", "england", D(2026, 11, 21), D(2026, 12, 21)),  # received on a Saturday; 30 Nov skipped
        ("sar", "england", D(2027, 1, 29), D(2027, 3, 1)),  # no 29 Feb 2027; 28 Feb a Sunday
        # EIR / EISR share the FOIA / FOISA calendars
        ("eir", "england", D(2026, 7, 6), D(2026, 8, 5)),
        ("eisr", "scotland", D(2026, 7, 6), D(2026, 8, 4)),
        # one-off bank holidays since 2020
        ("foia", "england", D(2020, 5, 1), D(2020, 6, 2)),  # 8 May 2020 (VE Day), 25 May
        ("foia", "england", D(2022, 5, 25), D(2022, 6, 24)),  # 2 and 3 June 2022
        ("foia", "england", D(2022, 9, 12), D(2022, 10, 11)),  # 19 Sep 2022
        ("foia", "england", D(2023, 4, 28), D(2023, 5, 31)),  # 1 May, 8 May (Coronation), 29 May
        ("foisa", "scotland", D(2026, 6, 8), D(2026, 7, 7)),  # 15 June 2026, Scotland only
        ("foia", "wales", D(2026, 6, 8), D(2026, 7, 7)),  # ... also stops the FOIA clock
        # the same date differs under FOIA and FOISA
        ("foia", "northern_ireland", D(2026, 3, 16), D(2026, 4, 16)),  # 17 Mar, Good Fri, Easter Mon
        ("foisa", "scotland", D(2026, 3, 16), D(2026, 4, 14)),  # Good Friday only
        # Christmas and New Year
        ("foia", "england", D(2026, 12, 14), D(2027, 1, 15)),  # 25, 28 Dec, 1 and 4 Jan skipped
        ("foisa", "scotland", D(2026, 12, 14), D(2027, 1, 15)),
        ("foia", "england", D(2026, 12, 25), D(2027, 1, 27)),  # received on Christmas Day
        # SAR month ends and 29 February
        ("sar", "england", D(2027, 1, 31), D(2027, 3, 1)),  # 28 Feb 2027 is a Sunday
        ("sar", "england", D(2028, 1, 31), D(2028, 2, 29)),  # leap year: Tue 29 Feb 2028
        ("sar", "england", D(2028, 2, 29), D(2028, 3, 29)),
        ("sar", "england", D(2027, 3, 31), D(2027, 4, 30)),  # no 31 April
        ("sar", "wales", D(2026, 8, 31), D(2026, 9, 30)),
        ("sar", "england", D(2026, 11, 25), D(2026, 12, 29)),  # 25 Dec, w/e, 28 Dec (Boxing Day obs.)
        ("sar", "england", D(2026, 7, 30), D(2026, 9, 1)),  # 30 Aug Sun, 31 Aug bank holiday
        ("sar", "scotland", D(2026, 7, 30), D(2026, 8, 31)),  # 31 Aug works in Scotland
        ("sar", "uk", D(2026, 7, 30), D(2026, 9, 1)),  # UK-wide body: England assumed
        ("sar", "scotland", D(2026, 5, 15), D(2026, 6, 16)),  # 15 June 2026 Scotland
        ("sar", "england", D(2026, 5, 15), D(2026, 6, 15)),
    ],
)
def test_response_due_date(regime, nation, received, due):
    assert response_due_date(regime, nation, received) == due


def test_response_due_date_with_days():
    assert response_due_date("foia", "england", D(2026, 7, 6), days=40) == D(2026, 9, 3)
    assert response_due_date("foia", "england", D(2026, 7, 6), days=0) == D(2026, 7, 6)
    assert response_due_date("sar", "scotland", D(2026, 7, 6), days=20) == D(2026, 8, 4)
    with pytest.raises(UsageError):
        response_due_date("foia", "england", D(2026, 7, 6), days=-1)
    with pytest.raises(UsageError):
        response_due_date("gdpr", "england", D(2026, 7, 6))


def test_response_due_date_uses_overrides():
    c = Calendars([{"date": "2026-07-20", "action": "add", "nation": "wales", "name": "Sioe"}])
    assert response_due_date("foia", "england", D(2026, 7, 6), calendars=c) == D(2026, 8, 6)
    assert response_due_date("foisa", "scotland", D(2026, 7, 6), calendars=c) == D(2026, 8, 4)


@pytest.mark.parametrize(
    "d, n, out",
    [
        (D(2027, 1, 31), 1, D(2027, 2, 28)),
        (D(2028, 1, 31), 1, D(2028, 2, 29)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 5, 31), -1, D(2026, 4, 30)),
    ],
)
def test_add_months(d, n, out):
    assert add_months(d, n) == out


# ---------------------------------------------------------------------------
# assess: stages


def test_draft():
    a = assess("foia", "england", [ev("drafted", "2026-07-01")], D(2026, 7, 2))
    assert isinstance(a, Assessment)
    assert a.stage == "draft" and a.due is None and a.sent is None and not a.overdue
    assert a.response_due is None and a.working_days_late == 0


def test_awaiting_response_foia():
    a = assess("foia", "england", SENT_6_JUL + [ev("acknowledged", "2026-07-07", ref="X1")], D(2026, 7, 20))
    assert a.stage == "awaiting-response" and a.actor == "authority"
    assert a.sent == D(2026, 7, 6)
    assert a.due == a.response_due == D(2026, 8, 5)
    assert a.very_overdue == D(2026, 9, 3)  # 40 WD; 31 Aug (England) skipped
    assert a.days_unit == "working days"
    # (20 Jul, 5 Aug]: 21-24, 27-31 Jul, 4-5 Aug = 11
    assert a.days_left == 11
    assert not a.overdue and not a.is_very_overdue
    assert "s.10" in a.rule
    assert a.windows == () and a.working_days_late == 0


def test_overdue_and_very_overdue():
    a = assess("foia", "england", SENT_6_JUL, D(2026, 9, 4))
    assert a.overdue and a.is_very_overdue
    assert a.days_left == -21
    assert a.working_days_late == 21
    a = assess("foia", "england", SENT_6_JUL, D(2026, 8, 5))
    assert not a.overdue and a.days_left == 0
    a = assess("foia", "england", SENT_6_JUL, D(2026, 8, 6))
    assert a.overdue and not a.is_very_overdue and a.working_days_late == 1


def test_unanswered_foia_complaint_window():
    a = assess("foia", "england", SENT_6_JUL, D(2026, 8, 10))
    kinds = {w.kind: w for w in a.windows}
    # no fixed limit: kept open, shown as 6 weeks from today
    assert kinds["complaint"].closes == D(2026, 9, 21)
    assert assess("foia", "england", SENT_6_JUL, D(2027, 8, 10)).windows[0].closes == D(2027, 9, 21)
    assert "s.50" in kinds["complaint"].rule


def test_unanswered_foisa_review_window():
    a = assess("foisa", "scotland", SENT_6_JUL, D(2026, 8, 10))
    assert a.overdue and a.response_due == D(2026, 8, 4)
    (w,) = a.windows
    assert w.kind == "review" and w.closes == D(2026, 9, 29)  # s.20(5)(a): 40 WD after deadline
    assert "s.20(5)" in w.rule
    (w,) = assess("eisr", "scotland", SENT_6_JUL, D(2026, 8, 10)).windows
    assert w.closes == D(2026, 9, 29) and "reg 16" in w.rule


def test_unanswered_eir_windows():
    a = assess("eir", "england", SENT_6_JUL, D(2026, 8, 10))
    kinds = [w.kind for w in a.windows]
    assert kinds == ["complaint", "review"]  # soonest first
    assert a.windows[1].closes == D(2026, 10, 1)  # reg 11(2): 40 WD after 5 Aug (31 Aug skipped)


# ---------------------------------------------------------------------------
# clarification (s.1(3)) and fees (s.9, s.10(2))


def test_clarification_restarts_the_clock():
    events = SENT_6_JUL + [ev("clarification-requested", "2026-07-08")]
    a = assess("foia", "england", events, D(2026, 7, 10))
    assert a.stage == "awaiting-clarification" and a.actor == "requester"
    assert a.due is None and a.response_due is None and not a.overdue
    a = assess("foia", "england", events + [ev("clarified", "2026-07-20")], D(2026, 7, 21))
    assert a.stage == "awaiting-response"
    assert a.response_due == a.due == D(2026, 8, 18)  # a fresh 20 WD from 20 Jul
    assert a.sent == D(2026, 7, 6)
    assert "s.1(3)" in a.rule


def test_sar_clock_starts_on_id():
    events = [ev("sent", "2027-02-10"), ev("id-requested", "2027-02-11"), ev("id-received", "2027-03-15")]
    a = assess("sar", "england", events, D(2027, 3, 16))
    assert a.response_due == D(2027, 4, 15)
    assert a.days_unit == "days" and a.days_left == 30
    assert "54(3)(b)" in a.rule


def test_fee_pause():
    events = SENT_6_JUL + [ev("fee-notice", "2026-07-08", amount=25)]
    a = assess("foia", "england", events, D(2026, 7, 9))
    assert a.stage == "fee-pending" and a.actor == "requester"
    (w,) = a.windows
    assert w.kind == "fee-payment" and w.closes == D(2026, 10, 7)  # 3 months beginning 8 Jul
    assert a.due == D(2026, 10, 7) and a.days_unit == "days"
    # 8, 9, 10 July do not count: 3 WD more
    a = assess("foia", "england", events + [ev("fee-paid", "2026-07-10")], D(2026, 7, 13))
    assert a.stage == "awaiting-response"
    assert a.response_due == D(2026, 8, 10)


def test_fee_pause_over_a_bank_holiday():
    events = SENT_6_JUL + [ev("fee-notice", "2026-07-31"), ev("fee-paid", "2026-08-04")]
    a = assess("foia", "england", events, D(2026, 8, 4))
    assert a.response_due == D(2026, 8, 7)  # 31 Jul and 4 Aug paused; 3 Aug a holiday anyway


def test_fee_lapses():
    events = SENT_6_JUL + [ev("fee-notice", "2026-07-08")]
    a = assess("foia", "england", events, D(2026, 10, 7))
    assert a.stage == "fee-pending"
    a = assess("foia", "england", events, D(2026, 10, 8))
    assert a.stage == "closed" and a.actor is None and a.windows == ()
    assert any("3 months" in w for w in a.warnings)


# ---------------------------------------------------------------------------
# extensions


def test_foia_extension_without_date():
    a = assess("foia", "england", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 6))
    assert a.stage == "extended" and a.actor == "authority"
    assert a.due == a.response_due == D(2026, 9, 3) and not a.overdue
    ex = explain("foia", "england", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 6))
    assert ASSUMPTIONS["foia-extension-no-date"] in ex.assumptions


def test_foia_extension_with_date():
    a = assess("foia", "england", SENT_6_JUL + [ev("extended", "2026-08-03", until="2026-08-20")], D(2026, 8, 6))
    assert a.due == D(2026, 8, 20) and a.warnings == ()


def test_foia_extension_beyond_20_extra_days():
    a = assess("foia", "england", SENT_6_JUL + [ev("extended", "2026-08-03", until="2026-09-30")], D(2026, 9, 4))
    assert a.due == D(2026, 9, 3) and a.overdue
    assert any("more than 20 extra working days" in w for w in a.warnings)


def test_late_extension_notice_warns():
    a = assess("foia", "england", SENT_6_JUL + [ev("extended", "2026-08-10", until="2026-08-20")], D(2026, 8, 11))
    assert any("s.17" in w for w in a.warnings)


def test_eir_extension():
    a = assess("eir", "england", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 6))
    assert a.stage == "extended" and a.due == D(2026, 9, 3)
    assert "reg 7" in a.rule


def test_eisr_extension():
    a = assess("eisr", "scotland", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 6))
    assert a.due == D(2026, 9, 1)  # 40 WD, Scottish calendar (31 Aug works)


def test_foisa_has_no_extension():
    a = assess("foisa", "scotland", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 5))
    assert a.stage == "awaiting-response"
    assert a.due == D(2026, 8, 4) and a.overdue
    assert any("no power to extend" in w for w in a.warnings)


def test_sar_extension():
    events = [ev("sent", "2027-01-29"), ev("extended", "2027-02-10")]
    a = assess("sar", "england", events, D(2027, 3, 2))
    assert a.stage == "extended" and a.due == D(2027, 4, 29) and not a.overdue
    events = [ev("sent", "2026-11-30"), ev("extended", "2026-12-10")]
    assert assess("sar", "england", events, D(2027, 1, 1)).due == D(2027, 3, 1)


# ---------------------------------------------------------------------------
# responses and reviews


def test_answered_late_with_review_window():
    events = SENT_6_JUL + [ev("response", "2026-08-10", outcome="refused")]
    a = assess("foia", "england", events, D(2026, 8, 12))
    assert a.stage == "answered" and a.actor == "requester"
    assert a.answered == D(2026, 8, 10)
    assert a.working_days_taken == 23 and a.working_days_late == 3
    (w,) = a.windows
    assert w.kind == "review" and w.closes == D(2026, 10, 6)
    assert a.due == D(2026, 10, 6) and a.days_unit == "working days"
    assert not a.overdue
    assert a.warnings == ()
    # warn before the window closes (s.45 Code: a late review request may be refused)
    a = assess("foia", "england", events, D(2026, 9, 30))  # (30 Sep, 6 Oct]: 4 WD
    assert any("closes on Tue 6 Oct 2026" in w for w in a.warnings)
    # after the window closes nothing is left to do
    a = assess("foia", "england", events, D(2026, 10, 7))
    assert a.windows == () and a.actor is None and a.due is None


def test_granted_opens_no_review_window():
    events = SENT_6_JUL + [ev("response", "2026-07-30", outcome="granted")]
    a = assess("foia", "england", events, D(2026, 8, 1))
    assert a.windows == () and a.actor is None and a.working_days_late == 0
    assert a.working_days_taken == 17  # 7-10, 14-17, 20-24, 27-30 Jul (13 Jul skipped)


def test_foisa_review_window_on_time_and_late():
    on_time = SENT_6_JUL + [ev("response", "2026-07-30", outcome="partial")]
    a = assess("foisa", "scotland", on_time, D(2026, 8, 1))
    assert a.windows[0].closes == D(2026, 9, 29)  # 40 WD after the s.10 deadline (4 Aug)
    late = SENT_6_JUL + [ev("response", "2026-08-10", outcome="partial")]
    a = assess("foisa", "scotland", late, D(2026, 8, 11))
    assert a.windows[0].closes == D(2026, 10, 5)  # 40 WD after the late response


def test_sar_has_no_review_window():
    events = [ev("sent", "2027-01-29"), ev("response", "2027-02-20", outcome="partial")]
    a = assess("sar", "england", events, D(2027, 2, 21))
    assert a.stage == "answered" and a.windows == ()


@pytest.mark.parametrize(
    "regime, nation, due, very",
    [
        ("foia", "england", D(2026, 9, 29), D(2026, 10, 27)),  # s.45 Code: 20 WD, 40 very overdue
        ("foisa", "scotland", D(2026, 9, 29), None),  # s.21(1)
        ("eir", "england", D(2026, 10, 27), None),  # reg 11(4): 40 WD
        ("eisr", "scotland", D(2026, 9, 29), None),  # reg 16(4)
    ],
)
def test_review_due(regime, nation, due, very):
    events = SENT_6_JUL + [ev("response", "2026-08-03", outcome="refused"), ev("review-requested", "2026-09-01")]
    a = assess(regime, nation, events, D(2026, 9, 2))
    assert a.stage == "awaiting-review" and a.actor == "authority"
    assert a.review_requested == D(2026, 9, 1)
    assert a.review_due == a.due == due
    assert a.very_overdue == very


def test_sar_review_one_month():
    events = [
        ev("sent", "2026-12-01"),
        ev("response", "2026-12-20", outcome="partial"),
        ev("review-requested", "2027-01-31"),
    ]
    a = assess("sar", "england", events, D(2027, 2, 1))
    assert a.review_due == D(2027, 3, 1)
    assert ASSUMPTIONS["sar-review"] in explain("sar", "england", events, D(2027, 2, 1)).assumptions


def test_foia_review_very_overdue_opens_complaint():
    events = SENT_6_JUL + [ev("response", "2026-08-03", outcome="refused"), ev("review-requested", "2026-09-01")]
    a = assess("foia", "england", events, D(2026, 10, 27))
    assert a.overdue and not a.is_very_overdue and a.windows == ()
    a = assess("foia", "england", events, D(2026, 10, 28))
    assert a.is_very_overdue
    (w,) = a.windows
    assert w.kind == "complaint" and w.closes == D(2026, 12, 9)  # 6 weeks from today


def test_foisa_review_unanswered_opens_sic_window():
    events = SENT_6_JUL + [ev("response", "2026-08-03", outcome="refused"), ev("review-requested", "2026-09-01")]
    a = assess("foisa", "scotland", events, D(2026, 9, 30))
    (w,) = a.windows
    assert w.kind == "sic-application" and w.closes == D(2027, 3, 29)
    assert "s.47(4)" in w.rule


def test_review_answered_windows():
    events = SENT_6_JUL + [
        ev("response", "2026-08-03", outcome="refused"),
        ev("review-requested", "2026-09-01"),
        ev("review-response", "2026-09-29", outcome="upheld"),
    ]
    a = assess("foia", "england", events, D(2026, 10, 1))
    assert a.stage == "review-answered" and a.actor == "requester"
    assert a.review_answered == D(2026, 9, 29)
    (w,) = a.windows
    assert w.kind == "complaint" and w.closes == D(2026, 11, 10)  # 6 calendar weeks
    assert a.due == D(2026, 11, 10) and a.days_unit == "days" and a.days_left == 40
    a = assess("foisa", "scotland", events, D(2026, 10, 1))
    (w,) = a.windows
    assert w.kind == "sic-application" and w.closes == D(2027, 3, 29)  # 6 months


def test_complaint_decision_appeal():
    base = SENT_6_JUL + [
        ev("response", "2026-08-03", outcome="refused"),
        ev("review-requested", "2026-09-01"),
        ev("review-response", "2026-09-29", outcome="upheld"),
        ev("complaint", "2026-10-10"),
    ]
    a = assess("foia", "england", base, D(2026, 10, 11))
    assert a.stage == "complaint-lodged" and a.actor is None and a.windows == ()
    decided = base + [ev("decision", "2027-03-03")]
    a = assess("foia", "england", decided, D(2027, 3, 4))
    assert a.stage == "decision" and a.actor == "requester"
    (w,) = a.windows
    assert w.kind == "appeal" and w.closes == D(2027, 3, 31)  # r.22: 28 days
    assert a.due == D(2027, 3, 31) and a.days_left == 27
    assert assess("foia", "england", decided, D(2027, 4, 1)).windows == ()
    a = assess("foisa", "scotland", decided, D(2027, 3, 4))
    assert a.windows[0].closes == D(2027, 4, 14)  # 42 days (assumed)
    a = assess("foia", "england", decided + [ev("appeal", "2027-03-20")], D(2027, 3, 21))
    assert a.stage == "appealed" and a.actor is None


def test_withdrawn():
    a = assess("foia", "england", SENT_6_JUL + [ev("withdrawn", "2026-07-10")], D(2026, 9, 1))
    assert a.stage == "withdrawn" and a.actor is None and not a.overdue
    assert a.working_days_late == 0


def test_notes_do_not_change_the_stage():
    events = SENT_6_JUL + [
        ev("note", "2026-07-07", note="x"),
        ev("chased", "2026-08-06"),
        ev("drafted", "2026-08-06", kind="chaser"),
    ]
    a = assess("foia", "england", events, D(2026, 8, 7))
    assert a.stage == "awaiting-response" and a.overdue


def test_bad_event_date():
    with pytest.raises(InvalidEvent):
        assess("foia", "england", [ev("sent", "23/11/2026")], D(2026, 11, 24))


def test_accepts_date_objects():
    a = assess("foia", "england", [ev("sent", D(2026, 7, 6))], D(2026, 7, 7))
    assert a.response_due == D(2026, 8, 5)


# ---------------------------------------------------------------------------
# explain


def test_explain_count_lines():
    ex = explain_count("foia", "england", D(2026, 7, 6))
    assert isinstance(ex, Explanation)
    assert ex.due == D(2026, 8, 5)
    assert ex.calendar.startswith("FOIA s.10(6)")
    lines = dict(ex.lines)
    assert lines[D(2026, 7, 6)].startswith("received")
    assert lines[D(2026, 7, 13)] == "skipped: bank holiday in Northern Ireland: Battle of the Boyne (observed)"
    assert lines[D(2026, 8, 3)] == "skipped: bank holiday in Scotland: Summer Bank Holiday"
    assert lines[D(2026, 7, 11)] == "skipped: Saturday"
    assert lines[D(2026, 8, 5)] == "working day 20"
    d = ex.to_dict()
    assert d["due"] == "2026-08-05" and d["lines"][0] == {"date": "2026-07-06", "text": lines[D(2026, 7, 6)]}
    text = ex.to_text()
    assert "Wed 5 Aug 2026" in text and "working day 20" in text


def test_explain_count_sar():
    ex = explain_count("sar", "uk", D(2027, 1, 29))
    assert ex.due == D(2027, 3, 1)
    assert ASSUMPTIONS["uk-body"] in ex.assumptions
    assert any("Sunday" in t for _, t in ex.lines)


def test_explain_shows_pause_and_assumptions():
    events = SENT_6_JUL + [ev("fee-notice", "2026-07-08"), ev("fee-paid", "2026-07-10")]
    ex = explain("foia", "england", events, D(2026, 7, 13))
    assert ex.due == D(2026, 8, 10)
    lines = dict(ex.lines)
    assert "not counted" in lines[D(2026, 7, 9)]
    assert lines[D(2026, 8, 10)] == "working day 20"
    assert ASSUMPTIONS["fee-pause"] in ex.assumptions
    assert any("stage: awaiting-response" in n for n in ex.notes)
    assert "Assumptions:" in ex.to_text()


def test_explain_review():
    events = SENT_6_JUL + [ev("response", "2026-08-03", outcome="refused"), ev("review-requested", "2026-09-01")]
    ex = explain("foia", "england", events, D(2026, 9, 2))
    assert ex.due == D(2026, 9, 29)
    assert dict(ex.lines)[D(2026, 9, 29)] == "working day 20"
    assert ASSUMPTIONS["foia-review"] in ex.assumptions


def test_explain_warnings_in_notes():
    ex = explain("foisa", "scotland", SENT_6_JUL + [ev("extended", "2026-08-03")], D(2026, 8, 5))
    assert any("no power to extend" in n for n in ex.notes)


# ---------------------------------------------------------------------------
# speed: `foi list` runs assess on 10,000 requests


def test_ico_complaint_about_silence_has_no_fixed_window():
    """FOIA s.50 sets no time limit for complaining about a missing response:
    the window is marked open-ended, so nothing reports it as 'closing'."""
    from datetime import date as _date

    from foi.domain.clock import assess as _assess

    events = [{"type": "sent", "date": "2026-06-01"}]
    a = _assess("foia", "england", events, _date(2026, 11, 23))
    [w] = [w for w in a.windows if w.kind == "complaint"]
    assert w.fixed is False


def test_events_after_today_are_not_counted_when_replaying_an_earlier_day():
    """`--today` before a recorded event: the request is seen as it stood that day."""
    from datetime import date as _date

    from foi.domain.clock import assess as _assess

    events = [
        {"type": "sent", "date": "2026-11-02"},
        {"type": "clarification-requested", "date": "2026-11-25"},
        {"type": "clarified", "date": "2026-11-27"},
    ]
    then = _assess("foia", "england", events, _date(2026, 11, 19))
    # as on Thu 19 Nov 2026: waiting for the answer, due Tue 1 Dec 2026 (30 Nov skipped)
    assert then.stage == "awaiting-response" and then.due == _date(2026, 12, 1)
    mid = _assess("foia", "england", events, _date(2026, 11, 26))
    assert mid.stage == "awaiting-clarification" and mid.actor == "requester"
