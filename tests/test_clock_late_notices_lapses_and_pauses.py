"""Late notices change nothing, lapsed fees stay lapsed, a SAR clarification pauses
the clock (issue 12, cases 1-6), with the issue's and LAW.md's own dates.

Hand counts: FOIA calendar (any UK bank holiday); ``d0`` is the day of receipt.
FOIA d0 Mon 2 Nov 2026: 3-6 Nov (4); 9-13 (9); 16-20 (14); 23-27 (19);
Mon 30 Nov St Andrew's Day skip; Tue 1 Dec (20) -> due Tue 1 Dec 2026.
"""

from __future__ import annotations

from datetime import date

import pytest

from foi.domain.clock import ASSUMPTIONS, assess, explain

D = date.fromisoformat
SENT_2_NOV = [{"type": "sent", "date": "2026-11-02"}]


def ev(type_, day, **kw):
    return {"type": type_, "date": day, **kw}


def run(regime, events, today, nation="england"):
    return assess(regime, nation, events, D(today)), explain(regime, nation, events, D(today))


# -- 1. a fees notice after the 20 working days pauses nothing (FOIA s.9(1), s.10(2)) ---------


@pytest.mark.parametrize("regime, nation", [("foia", "england"), ("eir", "england")])
def test_1_late_fees_notice_pauses_nothing(regime, nation):
    events = SENT_2_NOV + [ev("fee-notice", "2026-12-10"), ev("fee-paid", "2026-12-14")]
    a, ex = run(regime, events, "2026-12-15", nation)
    assert a.stage == "awaiting-response" and a.due == a.response_due == D("2026-12-01")
    assert a.overdue and a.working_days_late == 10  # 2-4, 7-11, 14, 15 Dec
    assert "paused" not in a.rule
    assert any("came after the deadline of Tue 1 Dec 2026" in w and "pauses nothing" in w for w in a.warnings)
    assert ex.due == D("2026-12-01") and ex.lines[-1] == (D("2026-12-01"), "working day 20")
    assert not any("working day 21" in t or "not counted" in t for _, t in ex.lines)
    assert ASSUMPTIONS["late-fee-notice"] in ex.assumptions


def test_1_foisa_late_fees_notice_pauses_nothing():
    # FOISA (Scottish calendar, 30 Nov is a holiday there too): due Tue 1 Dec 2026
    events = SENT_2_NOV + [ev("fee-notice", "2026-12-10"), ev("fee-paid", "2026-12-14")]
    a, _ = run("foisa", events, "2026-12-15", "scotland")
    assert a.due == D("2026-12-01") and a.overdue and any("FOISA s.9(1)" in w for w in a.warnings)


def test_1_a_notice_on_the_last_day_still_pauses():
    # notice Tue 1 Dec (day 20, in time), paid Thu 3 Dec: 1-3 Dec do not count.  Counted 3-27 Nov
    # (19); 30 Nov skip; 1-3 Dec paused; Fri 4 Dec (20)
    events = SENT_2_NOV + [ev("fee-notice", "2026-12-01"), ev("fee-paid", "2026-12-03")]
    a, _ = run("foia", events, "2026-12-04")
    assert a.due == D("2026-12-04") and a.warnings == ()


# -- 2. a fee paid after the 3-month lapse revives nothing (FOIA s.9(2)) ----------------------


def test_2_fee_paid_after_the_lapse_leaves_the_request_lapsed():
    # notice Tue 10 Nov 2026: 3 months beginning with it end Tue 9 Feb 2027; paid Mon 15 Feb
    events = SENT_2_NOV + [ev("fee-notice", "2026-11-10"), ev("fee-paid", "2027-02-15")]
    a, ex = run("foia", events, "2027-03-01")
    assert a.stage == "closed" and a.due is None and a.response_due is None and not a.overdue
    assert a.fee_lapsed == D("2027-02-09")
    (w,) = a.warnings  # kept in the state, not only printed once by `foi log`
    assert "Mon 15 Feb 2027" in w and "Tue 9 Feb 2027" in w and "make a new request" in w
    assert ex.due is None and ("Last day to pay the fee (passed)", D("2027-02-09")) in ex.dates
    assert "lapsed" in ex.notes[0]


def test_2_fee_paid_on_the_last_day_counts():
    events = SENT_2_NOV + [ev("fee-notice", "2026-11-10"), ev("fee-paid", "2027-02-09")]
    a, _ = run("foia", events, "2027-02-10")
    assert a.stage == "awaiting-response" and a.warnings == ()


# -- 3. EIR/EISR advance charges lapse after 60 working days; SAR fees never lapse -----------


def test_3_eir_charge_payable_for_60_working_days():
    # LAW.md: notice Mon 1 Mar 2027 -> payable until Fri 28 May 2027.  FOIA calendar: 2-5 Mar (4);
    # 8-12 (9); 15, 16 (11); 17 St Patrick skip; 18, 19 (13); 22-25 (17); 26 Good Fri, 29 Easter Mon
    # skip; 30, 31 (19); 1, 2 Apr (21); 5-9 (26); 12-16 (31); 19-23 (36); 26-30 (41); 3 May skip;
    # 4-7 (45); 10-14 (50); 17-21 (55); 24-28 (60)
    events = [ev("sent", "2027-02-22"), ev("fee-notice", "2027-03-01")]
    a, ex = run("eir", events, "2027-05-28")
    assert a.stage == "fee-pending" and a.due == D("2027-05-28") and a.days_unit == "working days"
    assert [(w.kind, w.closes) for w in a.windows] == [("fee-payment", D("2027-05-28"))]
    assert "reg 8(5)" in a.rule and ASSUMPTIONS["eir-fee-60"] in ex.assumptions
    lapsed = assess("eir", "england", events, D("2027-06-01"))
    assert lapsed.stage == "closed" and lapsed.fee_lapsed == D("2027-05-28")


def test_3_eisr_charge_payable_for_60_scottish_working_days():
    # Scottish calendar: 2-5 Mar (4); 8-12 (9); 15-19 (14); 22-25 (18); 26 Good Fri skip; 29 Mar
    # (Easter Mon works) -31 (21); 1, 2 Apr (23); 5-9 (28); 12-16 (33); 19-23 (38); 26-30 (43);
    # 3 May skip; 4-7 (47); 10-14 (52); 17-21 (57); 24-26 (60) -> Wed 26 May 2027
    events = [ev("sent", "2027-02-22"), ev("fee-notice", "2027-03-01")]
    a, ex = run("eisr", events, "2027-03-02", "scotland")
    assert a.due == D("2027-05-26") and ASSUMPTIONS["eisr-fee"] in ex.assumptions


def test_3_eir_charge_paid_in_time_pauses_the_clock():
    # EIR d0 Mon 22 Feb 2027, notice Mon 1 Mar, paid Fri 5 Mar: 1-5 Mar (5 WD) do not count.
    # counted 23-26 Feb (4); 8-12 Mar (9); 15, 16 (11); 17 skip; 18, 19 (13); 22-25 (17); 26, 29 skip;
    # 30, 31 (19); Thu 1 Apr (20)
    events = [ev("sent", "2027-02-22"), ev("fee-notice", "2027-03-01"), ev("fee-paid", "2027-03-05")]
    a, _ = run("eir", events, "2027-03-08")
    assert a.due == D("2027-04-01") and "reg 8(6)" in a.rule


def test_3_sar_fee_has_no_lapse_and_restarts_the_month():
    events = [ev("sent", "2027-03-01"), ev("fee-notice", "2027-03-03")]
    a, ex = run("sar", events, "2027-09-01")
    assert a.stage == "fee-pending" and a.actor == "requester" and a.due is None and a.windows == ()
    assert ASSUMPTIONS["sar-fee"] in ex.assumptions
    # paid six months later: the month runs from the payment (DPA s.54(3)(c)) -> Fri 1 Oct 2027
    a = assess("sar", "england", events + [ev("fee-paid", "2027-09-01")], D("2027-09-02"))
    assert a.stage == "awaiting-response" and a.due == D("2027-10-01") and a.warnings == ()


# -- 4. SAR clarification stops the clock (UK GDPR Art. 12A, DPA s.54(3C)) --------------------


def test_4_sar_clarification_pauses_the_month():
    # LAW.md: sent 1 Mar 2027 (due Thu 1 Apr), asked 5 Mar, answered 15 Mar: 11 days don't count
    # -> Mon 12 Apr 2027 (not Thu 15 Apr, as a restart would give)
    events = [ev("sent", "2027-03-01"), ev("clarification-requested", "2027-03-05")]
    waiting = assess("sar", "england", events, D("2027-03-10"))
    assert waiting.stage == "awaiting-clarification" and waiting.due is None and "54(3C)" in waiting.rule
    a, ex = run("sar", events + [ev("clarified", "2027-03-15")], "2027-03-16")
    assert a.stage == "awaiting-response" and a.due == D("2027-04-12")
    assert "11 days stopped" in a.rule and "s.54(3C)" in a.rule
    assert (D("2027-04-12"), "plus the 11 days the clock was stopped") in ex.lines
    assert ASSUMPTIONS["sar-pause"] in ex.assumptions


def test_4_the_pause_also_moves_the_extension_notice_window():
    # first month now ends Mon 12 Apr: an extension told on Sat 10 Apr is in time.  3 months from
    # 1 Mar = Tue 1 Jun, + 11 days = Sat 12 Jun -> Mon 14 Jun 2027
    events = [
        ev("sent", "2027-03-01"),
        ev("clarification-requested", "2027-03-05"),
        ev("clarified", "2027-03-15"),
        ev("extended", "2027-04-10"),
    ]
    a, ex = run("sar", events, "2027-04-12")
    assert a.stage == "extended" and a.due == D("2027-06-14") and a.warnings == ()
    assert ("Original one-month deadline", D("2027-04-12")) in ex.dates


def test_4_a_clarification_asked_after_the_month_pauses_nothing():
    events = [ev("sent", "2027-03-01"), ev("clarification-requested", "2027-04-05"), ev("clarified", "2027-04-08")]
    a = assess("sar", "england", events, D("2027-04-09"))
    assert a.due == D("2027-04-01") and a.overdue and any("pauses nothing" in w for w in a.warnings)


def test_4_proof_of_identity_restarts_the_month():
    # DPA s.54(3)(b): sent Mon 1 Mar 2027, ID asked 5 Mar, received Mon 15 Mar -> Thu 15 Apr 2027
    events = [ev("sent", "2027-03-01"), ev("id-requested", "2027-03-05"), ev("id-received", "2027-03-15")]
    a, ex = run("sar", events, "2027-03-16")
    assert a.due == D("2027-04-15") and "54(3)(b)" in a.rule
    assert ex.lines[0] == (D("2027-03-15"), "proof of identity received (day 1 of the month)")


def test_id_events_mean_nothing_outside_subject_access():
    events = SENT_2_NOV + [ev("id-requested", "2026-11-05"), ev("id-received", "2026-11-20")]
    assert assess("foia", "england", events, D("2026-11-23")).due == D("2026-12-01")


# -- 5. a late FOIA public interest extension extends nothing (s.17(2)) -----------------------


def test_5_late_foia_extension_keeps_the_original_deadline():
    events = SENT_2_NOV + [ev("extended", "2026-12-03", until="2026-12-31")]
    a, ex = run("foia", events, "2026-12-04")
    assert a.stage == "awaiting-response" and a.due == D("2026-12-01") and a.overdue
    assert any("s.17(2)" in w and "extends nothing" in w for w in a.warnings)
    assert ASSUMPTIONS["foia-late-extension"] in ex.assumptions


def test_5_an_extension_on_day_20_still_counts():
    events = SENT_2_NOV + [ev("extended", "2026-12-01", until="2026-12-15")]
    a = assess("foia", "england", events, D("2026-12-04"))
    assert a.stage == "extended" and a.due == D("2026-12-15") and a.warnings == ()


def test_5_late_sar_extension_keeps_the_one_month_deadline():
    # received Mon 1 Mar 2027 -> due Thu 1 Apr 2027; told of an extension on Fri 2 Apr: DPA s.54(3B)(a)
    # requires the notice before the first month ends, so it extends nothing
    events = [ev("sent", "2027-03-01"), ev("extended", "2027-04-02")]
    a, ex = run("sar", events, "2027-04-06")
    assert a.due == D("2027-04-01") and a.overdue
    assert any("s.54(3B)" in w and "extends nothing" in w for w in a.warnings)
    assert ASSUMPTIONS["sar-late-extension"] in ex.assumptions
    on_time = assess("sar", "england", [ev("sent", "2027-03-01"), ev("extended", "2027-04-01")], D("2027-04-06"))
    assert on_time.due == D("2027-06-01") and not on_time.overdue  # 1 Jun 2027: three months after receipt


# -- 6. EIR: more particulars asked after 20 working days restart nothing (reg 9(2)(a), 9(4)) --


def test_6_eir_late_request_for_particulars_restarts_nothing():
    events = SENT_2_NOV + [ev("clarification-requested", "2026-12-03"), ev("clarified", "2026-12-10")]
    a, ex = run("eir", events, "2026-12-11")
    assert a.stage == "awaiting-response" and a.due == D("2026-12-01") and a.overdue
    assert any("reg 9(2)(a)" in w and "restarts nothing" in w for w in a.warnings)
    assert ASSUMPTIONS["eir-late-clarification"] in ex.assumptions


def test_6_eir_request_for_particulars_in_time_restarts():
    # asked Fri 20 Nov, answered Wed 25 Nov: 26, 27 (2); 30 skip; 1-4 Dec (6); 7-11 (11);
    # 14-18 (16); 21-24 (20) -> Thu 24 Dec 2026
    events = SENT_2_NOV + [ev("clarification-requested", "2026-11-20"), ev("clarified", "2026-11-25")]
    a = assess("eir", "england", events, D("2026-11-26"))
    assert a.due == D("2026-12-24") and a.warnings == ()


def test_6_foia_late_clarification_restarts_with_a_warning():
    # s.1(3) sets no limit: restart from Thu 10 Dec 2026: 11 (1); 14-18 (6); 21-24 (10); 25, 28
    # skip; 29-31 (13); 1 Jan, 4 Jan (Scotland's 2 Jan substitute) skip; 5-8 (17); 11-13 (20)
    events = SENT_2_NOV + [ev("clarification-requested", "2026-12-03"), ev("clarified", "2026-12-10")]
    a, ex = run("foia", events, "2026-12-11")
    assert a.due == D("2027-01-13") and not a.overdue
    assert any("already late" in w and "s.1(3)" in w for w in a.warnings)
    assert ASSUMPTIONS["foia-late-clarification"] in ex.assumptions


# -- a response with no sent event (an imported, merged or hand-edited timeline) ----------------


@pytest.mark.parametrize("regime", ["foia", "foisa", "eir", "eisr", "sar"])
def test_a_response_never_sent_is_answered_with_a_warning_and_no_count(regime):
    from foi.domain.attention import items_for
    from foi.domain.clock import default_calendars

    nation = "scotland" if regime in ("foisa", "eisr") else "england"
    events = [{"type": "response", "date": "2026-11-10", "outcome": "granted"}]
    today = date(2026, 11, 30)
    a = assess(regime, nation, events, today)
    assert a.stage == "answered" and a.answered == date(2026, 11, 10)
    assert a.sent is None and a.working_days_taken is None and a.working_days_late == 0
    assert any("never recorded as sent" in w and "foi send ID --on DATE" in w for w in a.warnings)
    x = explain(regime, nation, events, today)
    assert "answered Tue 10 Nov 2026" in x.notes  # (no "after None working days")
    assert any("never recorded as sent" in n for n in x.notes)
    req = {"id": 1, "regime": regime, "nation": nation, "events": events, "authority_name": "A"}
    assert items_for(req, today, default_calendars()) == []
