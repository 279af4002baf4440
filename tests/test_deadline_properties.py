"""Properties of the deadline engine (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from foi.domain.calendars import Calendars, default_calendars
from foi.domain.clock import add_months, assess, response_due_date
from foi.vocab import Event

WD_REGIMES = ("foia", "foisa", "eir", "eisr")
NATIONS = ("england", "wales", "scotland", "northern_ireland", "uk")
OVERRIDE_NATIONS = ("all", "england", "wales", "scotland", "northern_ireland")

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2044, 6, 30))
regimes = st.sampled_from(WD_REGIMES)
nations = st.sampled_from(NATIONS)


@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.integers(-30, 30))
def test_add_months_counts_as_relativedelta(d, n):
    """The clock's month arithmetic is python-dateutil's (which it no longer imports)."""
    from dateutil.relativedelta import relativedelta

    assert add_months(d, n) == d + relativedelta(months=n)


def cal_for(regime, nation, calendars=None):
    return (calendars or default_calendars()).for_regime(regime, nation)


@settings(max_examples=300, deadline=None)
@given(regimes, nations, dates)
def test_due_is_a_working_day_with_exactly_20_before_it(regime, nation, received):
    due = response_due_date(regime, nation, received)
    cal = cal_for(regime, nation)
    assert cal.is_working_day(due)
    assert cal.working_days_between(received, due) == 20
    assert cal.working_days_between(received, due - timedelta(days=1)) == 19


@settings(max_examples=300, deadline=None)
@given(regimes, dates, st.integers(min_value=0, max_value=400))
def test_add_working_days_counts_exactly_n(regime, received, n):
    cal = cal_for(regime, "england")
    due = cal.add_working_days(received, n)
    assert cal.working_days_between(received, due) == n
    assert cal.working_days_between(due, received) == -n
    if n:
        assert cal.is_working_day(due)
        assert cal.next_working_day_on_or_after(due) == due


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WD_REGIMES + ("sar",)), nations, dates, st.integers(0, 40))
def test_later_receipt_never_gives_earlier_due(regime, nation, received, gap):
    a = response_due_date(regime, nation, received)
    b = response_due_date(regime, nation, received + timedelta(days=gap))
    assert b >= a


@settings(max_examples=300, deadline=None)
@given(nations, dates)
def test_sar_due_is_first_working_day_on_or_after_a_month(nation, received):
    cal = cal_for("sar", nation)
    due = response_due_date("sar", nation, received)
    month = add_months(received, 1)
    assert cal.is_working_day(due)
    assert month <= due
    assert cal.working_days_between(month - timedelta(days=1), due - timedelta(days=1)) == 0
    assert month.day == received.day or month.month != (month + timedelta(days=1)).month


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(WD_REGIMES + ("sar",)), nations, dates, st.integers(-10, 60), st.sampled_from(OVERRIDE_NATIONS))
def test_adding_a_holiday_never_makes_a_date_earlier(regime, nation, received, offset, where):
    extra = received + timedelta(days=offset)
    c = Calendars([{"date": extra.isoformat(), "action": "add", "nation": where, "name": "new"}])
    assert response_due_date(regime, nation, received, calendars=c) >= response_due_date(regime, nation, received)
    assert cal_for(regime, nation, c).add_working_days(received, 45) >= cal_for(regime, nation).add_working_days(
        received, 45
    )


@settings(max_examples=300, deadline=None)
@given(regimes, nations, dates, st.integers(0, 25), st.integers(0, 60))
def test_fee_pause_moves_the_due_date_by_exactly_k(regime, nation, received, notice_off, paid_off):
    cal = cal_for(regime, nation)
    base = response_due_date(regime, nation, received)
    notice = received + timedelta(days=notice_off)
    if notice > base:
        notice = base
    paid = notice + timedelta(days=paid_off)
    events = [
        {"type": "sent", "date": received.isoformat()},
        {"type": "fee-notice", "date": notice.isoformat()},
        {"type": "fee-paid", "date": paid.isoformat()},
    ]
    a = assess(regime, nation, events, paid)
    # k = the working days from notice to payment, both included (day 0 never counts)
    first = max(notice - timedelta(days=1), received)
    k = cal.working_days_between(first, paid)
    assert cal.working_days_between(base, a.response_due) == k
    assert a.response_due == cal.add_working_days(base, k)
    # and exactly 20 counted working days remain outside the pause
    assert cal.working_days_between(received, a.response_due) - k == 20


@settings(max_examples=200, deadline=None)
@given(regimes, nations, dates, st.integers(0, 90))
def test_assess_days_left_matches_due(regime, nation, received, later):
    today = received + timedelta(days=later)
    a = assess(regime, nation, [{"type": "sent", "date": received.isoformat()}], today)
    cal = cal_for(regime, nation)
    assert a.due == a.response_due
    assert a.days_left == cal.working_days_between(today, a.due)
    assert a.overdue == (today > a.due)
    assert a.working_days_late == max(0, cal.working_days_between(a.due, today))


#: every event a person can record, and a second `sent` (ignored)
TYPES = (Event.SENT,) + Event.LOGGABLE


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(WD_REGIMES + ("sar",)),
    nations,
    dates,
    st.lists(st.tuples(st.sampled_from(TYPES), st.integers(0, 30)), max_size=8),
    st.integers(0, 400),
)
def test_any_timeline_is_assessed_and_explained(regime, nation, start, steps, later):
    from foi.domain.clock import explain

    events, d = [{"type": "sent", "date": start.isoformat(), "via": "post" if later % 2 else "email"}], start
    for t, gap in steps:
        d += timedelta(days=gap)
        e = {"type": t, "date": d.isoformat()}
        if t == "response":
            e["outcome"] = "refused"
        events.append(e)
    today = d + timedelta(days=later)
    a = assess(regime, nation, events, today)
    assert list(a.windows) == sorted(a.windows, key=lambda w: w.closes)
    assert all(w.closes >= today for w in a.windows)
    assert not a.overdue or a.actor == "authority"
    assert (a.days_left is None) == (a.due is None)
    ex = explain(regime, nation, events, today)
    assert ex.to_text() and ex.to_dict()["calendar"]


@settings(max_examples=200, deadline=None)
@given(regimes, nations, dates)
def test_a_posted_request_counts_from_the_second_working_day_after_posting(regime, nation, posted):
    """Issue 13 bug 9: by post, day 0 is the 2nd working day after posting."""
    cal = cal_for(regime, nation)
    a = assess(regime, nation, [{"type": "sent", "date": posted.isoformat(), "via": "post"}], posted)
    assert a.response_due == response_due_date(regime, nation, cal.add_working_days(posted, 2))
    assert a.sent == posted


@settings(max_examples=200, deadline=None)
@given(
    regimes,
    nations,
    dates,
    st.integers(1, 60),
    st.sampled_from((Event.FEE_NOTICE, Event.EXTENDED, "eir-particulars")),
)
def test_a_notice_after_the_deadline_never_moves_it(regime, nation, received, after, kind):
    """Issue 12 cases 1, 5, 6: a fees notice, an extension or (EIR/EISR) a request for
    particulars given after the 20 working days changes nothing."""
    sent = [{"type": "sent", "date": received.isoformat()}]
    due = response_due_date(regime, nation, received)
    late = (due + timedelta(days=after)).isoformat()
    if kind == "eir-particulars":
        if regime not in ("eir", "eisr"):
            return
        events = sent + [{"type": Event.CLARIFICATION_REQUESTED, "date": late}, {"type": Event.CLARIFIED, "date": late}]
    elif kind == Event.FEE_NOTICE:
        events = sent + [{"type": kind, "date": late}, {"type": Event.FEE_PAID, "date": late}]
    else:
        events = sent + [{"type": kind, "date": late, "until": (due + timedelta(days=after + 10)).isoformat()}]
    a = assess(regime, nation, events, due + timedelta(days=after + 1))
    assert a.response_due == due and a.overdue and a.warnings
