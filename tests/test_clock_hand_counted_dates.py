"""Independent audit of the deadline engine against LAW.md, row by row.

Every expected date below was counted by hand on a printed calendar (Python's
``calendar.month`` output, Monday first), using the gov.uk bank-holiday lists
typed out in ``GOV_UK`` below -- never by calling the code under test.  Each
row says how it was counted.  ``d0`` is the day of receipt (day 0), ``(n)``
is the running working-day count, "skip" marks a day that does not count.

Cases are chosen to be ones the older tests (test_deadlines.py,
test_calendars.py, test_deadline_properties.py, test_overdue.py) do not cover:
Easter, both Christmas / New Year runs of 2026-27 and 2027-28 with their
substitute days, Scotland's 2 January, 12 July and 17 March falling at a
weekend, SAR month ends, nation-only holidays for SAR, fee pauses ending at a
weekend or holiday, clarification arriving on a holiday, reviews, windows and
config overrides.

Rows marked ``xfail(strict=True, reason="BUG: ...")`` are cases where the code
disagrees with LAW.md after the hand count was re-checked.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from foi.domain.calendars import Calendars
from foi.domain.clock import ASSUMPTIONS, assess, explain, explain_count, response_due_date

D = date.fromisoformat


def ev(type_, day, **kw):
    return {"type": type_, "date": day, **kw}


# ---------------------------------------------------------------------------
# The calendar, typed from the gov.uk bank-holiday pages (weekday dates only;
# substitute days included).  2028 is not yet on gov.uk and follows the
# standing rules of the Banking and Financial Dealings Act 1971 and the
# annual NI proclamation.  15 June 2026 (Scotland) is the one-off named in
# LAW.md.

GOV_UK = {
    "england_wales": {
        2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
        2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",  # 26 Dec Sat -> Mon 28
        2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",  # 25/26 Dec Sat/Sun
        2028: "01-03 04-14 04-17 05-01 05-29 08-28 12-25 12-26",  # 1 Jan Sat -> Mon 3
    },
    "scotland": {
        2025: "01-01 01-02 04-18 05-05 05-26 08-04 12-01 12-25 12-26",  # St Andrew Sun -> Mon 1 Dec
        2026: "01-01 01-02 04-03 05-04 05-25 06-15 08-03 11-30 12-25 12-28",
        2027: "01-01 01-04 03-26 05-03 05-31 08-02 11-30 12-27 12-28",  # 2 Jan Sat -> Mon 4
        2028: "01-03 01-04 04-14 05-01 05-29 08-07 11-30 12-25 12-26",  # 1, 2 Jan Sat/Sun -> 3, 4
    },
    "northern_ireland": {
        2025: "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26",  # 12 Jul Sat -> Mon 14
        2026: "01-01 03-17 04-03 04-06 05-04 05-25 07-13 08-31 12-25 12-28",  # 12 Jul Sun -> Mon 13
        2027: "01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27 12-28",
        2028: "01-03 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26",
    },
}


def _days(where: str) -> set[date]:
    return {D(f"{y}-{md}") for y, mds in GOV_UK[where].items() for md in mds.split()}


ENG = _days("england_wales")
SCT = _days("scotland")
NIR = _days("northern_ireland")


def _weekdays(y0: int, y1: int):
    d = date(y0, 1, 1)
    while d.year <= y1:
        if d.weekday() < 5:
            yield d
        d += timedelta(days=1)


@pytest.mark.parametrize(
    "regime, nation, holidays",
    [
        ("foia", "england", ENG | SCT | NIR),  # s.10(6): any part of the UK
        ("eir", "wales", ENG | SCT | NIR),  # EIR reg 2(1): the FOIA calendar
        ("foisa", "scotland", SCT),  # s.73: Scotland only
        ("eisr", "scotland", SCT),
        ("sar", "england", ENG),  # SAR: the authority's nation
        ("sar", "wales", ENG),
        ("sar", "uk", ENG),  # UK-wide bodies: England assumed
        ("sar", "scotland", SCT),
        ("sar", "northern_ireland", NIR),
    ],
)
def test_calendar_matches_gov_uk_2025_2028(regime, nation, holidays):
    cal = Calendars(()).for_regime(regime, nation)
    wrong = [d for d in _weekdays(2025, 2028) if cal.is_working_day(d) == (d in holidays)]
    assert wrong == []


# ---------------------------------------------------------------------------
# Response deadlines: `foi deadline`, response_due_date, explain_count.
# LAW.md rows: FOIA/FOISA/EIR/EISR response (20 WD, day 0 = receipt, even on a
# weekend or holiday); SAR response (same date next month, else the month's
# last day, then the next working day of the authority's nation).

RESPONSE = [
    # --- Easter -----------------------------------------------------------
    # FOIA d0 Good Friday 3 Apr 26; Mon 6 Easter Mon skip; 7-10 (4); 13-17 (9); 20-24 (14);
    # 27-30 (18); Fri 1 May (19); Mon 4 May skip; Tue 5 May (20)
    ("foia", "england", "2026-04-03", "2026-05-05"),
    # FOISA d0 Good Friday 3 Apr 26; Easter Mon 6 Apr works in Scotland (1); 7-10 (5); 13-17 (10);
    # 20-24 (15); 27-30 (19); Fri 1 May (20)
    ("foisa", "scotland", "2026-04-03", "2026-05-01"),
    # FOIA d0 Easter Mon 6 Apr 26: day 1 is Tue 7 Apr, then as above -> Tue 5 May
    ("foia", "northern_ireland", "2026-04-06", "2026-05-05"),
    # FOISA d0 Easter Mon 6 Apr 26 (a Scottish working day, still day 0): 7-10 (4); 13-17 (9);
    # 20-24 (14); 27-30 (18); 1 May (19); 4 May skip; Tue 5 May (20)
    ("foisa", "scotland", "2026-04-06", "2026-05-05"),
    # EIR d0 Easter Mon 29 Mar 27: 30, 31, 1, 2 Apr (4); 5-9 (9); 12-16 (14); 19-23 (19); Mon 26 (20)
    ("eir", "england", "2027-03-29", "2027-04-26"),
    # FOIA d0 Thu 25 Mar 27: Good Fri 26 skip, Easter Mon 29 skip; 30 Mar-2 Apr (4); 5-9 (9);
    # 12-16 (14); 19-23 (19); Mon 26 Apr (20)
    ("foia", "england", "2027-03-25", "2027-04-26"),
    # FOISA d0 Thu 25 Mar 27: 26 skip; Easter Mon 29 (1); 30 Mar-2 Apr (5); 5-9 (10); 12-16 (15);
    # 19-23 (20) -> Fri 23 Apr
    ("foisa", "scotland", "2027-03-25", "2027-04-23"),
    # FOIA d0 Tue 9 Mar 27: 10-12 (3); 15, 16 (5); Wed 17 St Patrick skip; 18, 19 (7); 22-25 (11);
    # 26 GF, 29 EM skip; 30 Mar-2 Apr (15); 5-9 (20) -> Fri 9 Apr
    ("foia", "england", "2027-03-09", "2027-04-09"),
    # FOISA same d0: 10-12 (3); 15-19 (8, 17 Mar works); 22-25 (12); 26 skip; 29 Mar-2 Apr (17);
    # 5, 6, 7 (20) -> Wed 7 Apr
    ("foisa", "scotland", "2027-03-09", "2027-04-07"),
    # --- Christmas / New Year 2026-27 (26 Dec Sat -> Mon 28; 2 Jan Sat -> Mon 4 Jan in Scotland)
    # FOIA d0 Mon 21 Dec 26: 22-24 (3); 25 Fri, 28 Mon skip; 29-31 (6); 1 Jan skip; Mon 4 Jan
    # skip (Scotland, any part of the UK); 5-8 (10); 11-15 (15); 18-22 (20) -> Fri 22 Jan
    ("foia", "england", "2026-12-21", "2027-01-22"),
    ("foisa", "scotland", "2026-12-21", "2027-01-22"),  # Scotland has the same four days
    # SAR d0 Fri 4 Dec 26 -> Mon 4 Jan 27: a working day in England and NI, a holiday in Scotland
    ("sar", "england", "2026-12-04", "2027-01-04"),
    ("sar", "northern_ireland", "2026-12-04", "2027-01-04"),
    ("sar", "scotland", "2026-12-04", "2027-01-05"),
    # --- Christmas / New Year 2027-28 (25/26 Dec Sat/Sun -> Mon 27, Tue 28; 1 Jan Sat -> Mon 3;
    # Scotland's 2 Jan Sun -> Tue 4)
    # FOIA d0 Mon 20 Dec 27: 21-24 (4); 27, 28 skip; 29-31 (7); 3, 4 Jan skip; 5-7 (10);
    # 10-14 (15); 17-21 (20) -> Fri 21 Jan 28
    ("foia", "england", "2027-12-20", "2028-01-21"),
    ("foisa", "scotland", "2027-12-20", "2028-01-21"),
    # EIR d0 Christmas Eve Fri 24 Dec 27: 27, 28 skip; 29-31 (3); 3, 4 skip; 5-7 (6); 10-14 (11);
    # 17-21 (16); 24-27 (20) -> Thu 27 Jan 28
    ("eir", "wales", "2027-12-24", "2028-01-27"),
    # SAR d0 1 Dec 27 -> Sat 1 Jan 28; Sun 2; Mon 3 holiday everywhere; Tue 4 holiday in Scotland only
    ("sar", "england", "2027-12-01", "2028-01-04"),
    ("sar", "northern_ireland", "2027-12-01", "2028-01-04"),
    ("sar", "scotland", "2027-12-01", "2028-01-05"),
    # SAR d0 Sat 27 Nov 27 -> Mon 27 Dec (holiday), Tue 28 (holiday) -> Wed 29 Dec, every nation
    ("sar", "england", "2027-11-27", "2027-12-29"),
    ("sar", "scotland", "2027-11-27", "2027-12-29"),
    # --- Scotland's 2 January and St Andrew's Day, 2025-26
    # FOIA d0 Fri 5 Dec 25: 8-12 (5); 15-19 (10); 22-24 (13); 25, 26 skip; 29-31 (16);
    # Thu 1 Jan skip; Fri 2 Jan skip (Scotland); 5-8 (20) -> Thu 8 Jan 26
    ("foia", "england", "2025-12-05", "2026-01-08"),
    # FOIA d0 Fri 28 Nov 25: Mon 1 Dec (St Andrew's, observed) skip; 2-5 (4); 8-12 (9); 15-19 (14);
    # 22-24 (17); 25, 26 skip; 29-31 (20) -> Wed 31 Dec
    ("foia", "england", "2025-11-28", "2025-12-31"),
    ("foisa", "scotland", "2025-11-28", "2025-12-31"),
    # SAR d0 2 Dec 25 -> Fri 2 Jan 26: works in England and Wales; Scottish holiday -> Mon 5 Jan
    ("sar", "england", "2025-12-02", "2026-01-02"),
    ("sar", "wales", "2025-12-02", "2026-01-02"),
    ("sar", "scotland", "2025-12-02", "2026-01-05"),
    # --- 12 July at a weekend (2025: Sat -> Mon 14 Jul in NI)
    # FOIA d0 Mon 30 Jun 25: 1-4 Jul (4); 7-11 (9); 14 skip; 15-18 (13); 21-25 (18); 28, 29 (20)
    ("foia", "england", "2025-06-30", "2025-07-29"),
    # FOISA same d0: 14 Jul works: 1-4 (4); 7-11 (9); 14-18 (14); 21-25 (19); Mon 28 (20)
    ("foisa", "scotland", "2025-06-30", "2025-07-28"),
    # SAR d0 Sat 14 Jun 25 -> Mon 14 Jul 25: NI substitute day -> Tue 15; England: Mon 14
    ("sar", "northern_ireland", "2025-06-14", "2025-07-15"),
    ("sar", "england", "2025-06-14", "2025-07-14"),
    # SAR d0 Sat 13 Jun 26 -> Mon 13 Jul 26 (NI observed day) -> Tue 14 in NI; Mon 13 in England
    ("sar", "northern_ireland", "2026-06-13", "2026-07-14"),
    ("sar", "england", "2026-06-13", "2026-07-13"),
    # SAR d0 Sat 12 Jun 27 -> Mon 12 Jul 27, NI holiday -> Tue 13; works in Scotland
    ("sar", "northern_ireland", "2027-06-12", "2027-07-13"),
    ("sar", "scotland", "2027-06-12", "2027-07-12"),
    # --- 17 March at a weekend (2029: Sat -> Mon 19 Mar in NI); Easter Sunday 1 Apr 2029
    # FOIA d0 Mon 5 Mar 29: 6-9 (4); 12-16 (9); 19 skip; 20-23 (13); 26-29 (17); 30 GF skip;
    # 2 Apr EM skip; 3-5 (20) -> Thu 5 Apr
    ("foia", "england", "2029-03-05", "2029-04-05"),
    # FOISA same d0: 6-9 (4); 12-16 (9); 19-23 (14); 26-29 (18); 30 skip; 2 Apr (19); 3 Apr (20)
    ("foisa", "scotland", "2029-03-05", "2029-04-03"),
    # SAR d0 17 Feb 27 -> Wed 17 Mar 27: St Patrick's Day -> Thu 18 in NI; Wed 17 in England
    ("sar", "northern_ireland", "2027-02-17", "2027-03-18"),
    ("sar", "england", "2027-02-17", "2027-03-17"),
    # --- SAR month ends
    ("sar", "england", "2027-03-30", "2027-04-30"),  # 30 Apr 27 exists, a Friday
    ("sar", "scotland", "2027-08-31", "2027-09-30"),  # no 31 Sep -> Thu 30 Sep
    ("sar", "england", "2026-12-31", "2027-02-01"),  # 31 Jan 27 is a Sunday -> Mon 1 Feb
    ("sar", "england", "2026-01-31", "2026-03-02"),  # no 31 Feb -> Sat 28 Feb 26 -> Mon 2 Mar
    ("sar", "england", "2027-01-30", "2027-03-01"),  # no 30 Feb -> Sun 28 Feb 27 -> Mon 1 Mar
    # d0 Sun 31 Oct 27 -> no 31 Nov -> Tue 30 Nov 27: St Andrew's Day in Scotland -> Wed 1 Dec
    ("sar", "england", "2027-10-31", "2027-11-30"),
    ("sar", "northern_ireland", "2027-10-31", "2027-11-30"),
    ("sar", "scotland", "2027-10-31", "2027-12-01"),
    # --- SAR deadline on a holiday of one nation only
    # d0 3 Mar 26 -> Good Friday 3 Apr; Easter Mon 6 Apr is a holiday except in Scotland
    ("sar", "england", "2026-03-03", "2026-04-07"),
    ("sar", "wales", "2026-03-03", "2026-04-07"),
    ("sar", "northern_ireland", "2026-03-03", "2026-04-07"),
    ("sar", "scotland", "2026-03-03", "2026-04-06"),
    # d0 6 Mar 26 -> Easter Mon 6 Apr: England Tue 7; Scotland Mon 6
    ("sar", "england", "2026-03-06", "2026-04-07"),
    ("sar", "scotland", "2026-03-06", "2026-04-06"),
    # d0 3 Jul 26 -> Mon 3 Aug 26, first Monday of August: Scotland only
    ("sar", "scotland", "2026-07-03", "2026-08-04"),
    ("sar", "england", "2026-07-03", "2026-08-03"),
    ("sar", "uk", "2026-07-03", "2026-08-03"),
    # d0 2 Jul 27 -> Mon 2 Aug 27 (Scotland) -> Tue 3 Aug
    ("sar", "scotland", "2027-07-02", "2027-08-03"),
    # d0 30 Jul 27 -> Mon 30 Aug 27, late summer holiday: not in Scotland
    ("sar", "england", "2027-07-30", "2027-08-31"),
    ("sar", "northern_ireland", "2027-07-30", "2027-08-31"),
    ("sar", "scotland", "2027-07-30", "2027-08-30"),
    # d0 30 Oct 26 -> Mon 30 Nov 26, St Andrew's Day: Scotland Tue 1 Dec; England Mon 30 Nov
    ("sar", "scotland", "2026-10-30", "2026-12-01"),
    ("sar", "england", "2026-10-30", "2026-11-30"),
]


@pytest.mark.parametrize("regime, nation, received, due", RESPONSE)
def test_response_due_date(regime, nation, received, due):
    assert response_due_date(regime, nation, D(received)) == D(due)
    ex = explain_count(regime, nation, D(received))
    assert ex.due == D(due)
    last_day, last_text = ex.lines[-1]
    assert last_day == D(due)
    if regime == "sar":
        assert last_text in ("next working day: due",) or last_text.startswith("1 calendar month")
    else:
        assert last_text == "working day 20"


@pytest.mark.parametrize("regime, nation, received, due", RESPONSE)
def test_foi_deadline_cli(cli, regime, nation, received, due):
    out = json.loads(cli("deadline", "-r", regime, "--received", received, "--nation", nation, "--json").stdout)
    assert out["due"] == due and out["nation"] == nation


# ---------------------------------------------------------------------------
# `foi explain` / explain_count: the calendar used and each skipped day's reason.


@pytest.mark.parametrize(
    "regime, nation, received, day, present, absent",
    [
        # FOIA counts a Scotland-only substitute day and says so
        (
            "foia",
            "england",
            "2027-12-20",
            "2028-01-04",
            ("skipped", "Scotland", "New Year"),
            ("England", "Wales", "Northern Ireland"),
        ),
        # a UK-wide substitute day names all four parts
        (
            "foia",
            "england",
            "2027-12-20",
            "2027-12-27",
            ("skipped", "England", "Wales", "Scotland", "Northern Ireland", "Christmas"),
            (),
        ),
        # Christmas Day 2027 is a Saturday: the reason is the weekend
        ("foia", "england", "2027-12-20", "2027-12-25", ("skipped: Saturday",), ()),
        # Easter Monday: England, Wales and NI, not Scotland
        (
            "foia",
            "england",
            "2026-04-03",
            "2026-04-06",
            ("skipped", "England", "Wales", "Northern Ireland", "Easter Monday"),
            ("Scotland",),
        ),
        # ... and under FOISA it is counted: working day 1
        ("foisa", "scotland", "2026-04-03", "2026-04-06", ("working day 1",), ("skipped",)),
        # NI substitute for 12 July 2025
        (
            "foia",
            "england",
            "2025-06-30",
            "2025-07-14",
            ("skipped", "Northern Ireland", "Boyne"),
            ("Scotland", "England"),
        ),
        # ... counted under FOISA: 1-4 Jul (4), 7-11 (9), 14 Jul is working day 10
        ("foisa", "scotland", "2025-06-30", "2025-07-14", ("working day 10",), ()),
        # NI substitute for 17 March 2029
        ("foia", "england", "2029-03-05", "2029-03-19", ("skipped", "Northern Ireland", "Patrick"), ("Scotland",)),
        # Scottish substitute for St Andrew's Day 2025
        ("foia", "england", "2025-11-28", "2025-12-01", ("skipped", "Scotland", "Andrew"), ("England",)),
        # SAR roll-forward reasons use the authority's nation only
        ("sar", "scotland", "2026-12-04", "2027-01-04", ("skipped", "Scotland", "New Year"), ("England",)),
        ("sar", "northern_ireland", "2027-06-12", "2027-07-12", ("skipped", "Northern Ireland", "Boyne"), ()),
        (
            "sar",
            "england",
            "2026-03-03",
            "2026-04-03",
            ("skipped", "England", "Good Friday"),
            ("Scotland", "Wales", "Northern Ireland"),
        ),
        ("sar", "england", "2026-03-03", "2026-04-06", ("skipped", "England", "Easter Monday"), ()),
    ],
)
def test_explain_reasons(regime, nation, received, day, present, absent):
    ex = explain_count(regime, nation, D(received))
    texts = [t for d, t in ex.lines if d == D(day)]
    assert texts, f"{day} not listed"
    text = texts[-1]
    for p in present:
        assert p in text
    for a in absent:
        assert a not in text


@pytest.mark.parametrize(
    "regime, nation, must",
    [
        ("foia", "england", ("FOIA s.10(6)", "any part of the UK")),
        ("eir", "england", ("EIR", "any part of the UK")),
        ("foisa", "scotland", ("FOISA s.73", "Scotland")),
        ("eisr", "scotland", ("EISR", "Scotland")),
        ("sar", "scotland", ("Art. 12(3)", "in Scotland")),
        ("sar", "northern_ireland", ("Art. 12(3)", "in Northern Ireland")),
        ("sar", "wales", ("Art. 12(3)", "in Wales")),
        ("sar", "uk", ("Art. 12(3)", "in England", "UK-wide")),
    ],
)
def test_explain_names_the_calendar(cli, regime, nation, must):
    out = json.loads(
        cli("deadline", "-r", regime, "--received", "2026-12-04", "--nation", nation, "--explain", "--json").stdout
    )
    for m in must:
        assert m in out["calendar"] and m in out["explanation"]["calendar"]


def test_foi_explain_stored_requests(me, monkeypatch):
    # FOIA to an English force; clarification arrives on Good Friday 26 Mar 2027 (d0):
    # Easter Mon 29 skip; 30 Mar-2 Apr (4); 5-9 (9); 12-16 (14); 19-23 (19); Mon 26 Apr (20).
    # very overdue (40): 27-30 Apr (24); Mon 3 May skip; 4-7 (28); 10-14 (33); 17-21 (38); 24, 25 (40)
    monkeypatch.setenv("FOI_TODAY", "2027-03-29")
    me("draft", "-t", "hiu-scheme", "--to", "bedfordshire-police", "-s", "x")
    me("send", "1", "--on", "2027-03-01")
    me("log", "1", "clarification-requested", "--on", "2027-03-03")
    me("log", "1", "clarified", "--on", "2027-03-26")
    data = json.loads(me("explain", "1", "--json").stdout)
    assert data["due"] == "2027-04-26"
    assert data["calendar"].startswith("FOIA s.10(6)")
    lines = {x["date"]: x["text"] for x in data["lines"]}
    assert lines["2027-03-26"] == "clarification received (day 0)"
    assert "Easter Monday" in lines["2027-03-29"] and lines["2027-03-29"].startswith("skipped")
    assert lines["2027-03-30"] == "working day 1"
    assert lines["2027-04-26"] == "working day 20"
    assert any("Tue 25 May 2027" in n for n in data["notes"])
    # SAR to Police Scotland received Fri 4 Dec 2026 -> Mon 4 Jan 2027 (2 Jan substitute) -> Tue 5 Jan
    me("draft", "-t", "sar", "--to", "police-scotland", "-s", "y")
    me("send", "2", "--on", "2026-12-04")
    data = json.loads(me("explain", "2", "--json").stdout)
    assert data["due"] == "2027-01-05"
    assert "Scotland" in data["calendar"]
    assert any(x["date"] == "2027-01-04" and "Scotland" in x["text"] for x in data["lines"])
    # SAR to a UK-wide body: the England assumption is shown
    me("draft", "-t", "sar", "--to", "british-transport-police", "-s", "z")
    me("send", "3", "--on", "2026-07-03")  # -> Mon 3 Aug 2026: an English working day
    data = json.loads(me("explain", "3", "--json").stdout)
    assert data["due"] == "2026-08-03"
    assert ASSUMPTIONS["uk-body"] in data["assumptions"]


# ---------------------------------------------------------------------------
# assess(): the timeline rules of LAW.md.  Each row: regime, nation, events,
# today, {Assessment field: expected}.  "windows" is {kind: closes}.

ASSESS = [
    # --- SAR extension (Art. 12(3)): 3 months from receipt, then the next working day
    # d0 31 Aug 26 + 3 months -> no 31 Nov -> Mon 30 Nov 26: St Andrew's Day in Scotland -> Tue 1 Dec
    pytest.param(
        "sar",
        "scotland",
        [ev("sent", "2026-08-31"), ev("extended", "2026-09-10")],
        "2026-10-01",
        {"stage": "extended", "due": "2026-12-01"},
        id="sar-ext-scot-st-andrew",
    ),
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2026-08-31"), ev("extended", "2026-09-10")],
        "2026-10-01",
        {"due": "2026-11-30", "warnings": ()},
        id="sar-ext-eng",
    ),
    # d0 Sun 26 Sep 27 + 3 months -> Sun 26 Dec; Mon 27, Tue 28 substitutes -> Wed 29 Dec 27
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2027-09-26"), ev("extended", "2027-10-05")],
        "2027-10-27",
        {"due": "2027-12-29"},
        id="sar-ext-christmas-27",
    ),
    # d0 29 Dec 26 + 3 months -> Easter Mon 29 Mar 27: England Tue 30; Scotland Mon 29
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2026-12-29"), ev("extended", "2027-01-10")],
        "2027-02-01",
        {"due": "2027-03-30"},
        id="sar-ext-easter-eng",
    ),
    pytest.param(
        "sar",
        "scotland",
        [ev("sent", "2026-12-29"), ev("extended", "2027-01-10")],
        "2027-02-01",
        {"due": "2027-03-29"},
        id="sar-ext-easter-scot",
    ),
    # d0 31 Dec 26: first month ends 31 Jan (Sun) -> Mon 1 Feb 27; extension told 2 Feb, too late
    # (DPA s.54(3B)(a)): it extends nothing, the deadline stays Mon 1 Feb 27, with a warning
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2026-12-31"), ev("extended", "2027-02-02")],
        "2027-02-03",
        {"due": "2027-02-01", "n_warnings": 1},
        id="sar-ext-late-notice",
    ),
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2026-12-31"), ev("extended", "2027-02-01")],
        "2027-02-03",
        {"due": "2027-03-31", "warnings": ()},
        id="sar-ext-in-time",
    ),
    # --- SAR proof of identity (UK GDPR Art. 12A, DPA s.54(3)(b)): the month starts on receipt of the ID
    # ID Sat 30 Oct 27 -> Tue 30 Nov 27, St Andrew's Day -> Wed 1 Dec (Scotland)
    pytest.param(
        "sar",
        "scotland",
        [ev("sent", "2027-10-01"), ev("id-requested", "2027-10-04"), ev("id-received", "2027-10-30")],
        "2027-11-01",
        {"due": "2027-12-01"},
        id="sar-id-scot",
    ),
    # ID 31 Dec 26 -> 31 Jan 27 (Sun) -> Mon 1 Feb
    pytest.param(
        "sar",
        "england",
        [ev("sent", "2026-12-01"), ev("id-requested", "2026-12-02"), ev("id-received", "2026-12-31")],
        "2027-01-04",
        {"due": "2027-02-01"},
        id="sar-id-month-end",
    ),
    # SAR fee (ASSUMPTIONS['sar-fee']): the month starts when the fee arrives, Sat 31 Oct 26
    # -> no 31 Nov -> Mon 30 Nov 26, St Andrew's Day in Scotland -> Tue 1 Dec
    pytest.param(
        "sar",
        "scotland",
        [ev("sent", "2026-10-01"), ev("fee-notice", "2026-10-05"), ev("fee-paid", "2026-10-31")],
        "2026-11-02",
        {"due": "2026-12-01"},
        id="sar-fee-paid-weekend",
    ),
    # --- clarification received on a holiday (s.1(3)): d0 is that day
    # FOIA d0 Good Friday 26 Mar 27 -> Mon 26 Apr 27 (counted in test_foi_explain_stored_requests)
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2027-03-01"), ev("clarification-requested", "2027-03-03"), ev("clarified", "2027-03-26")],
        "2027-03-29",
        {"due": "2027-04-26", "very_overdue": "2027-05-25"},
        id="foia-clar-good-friday",
    ),
    # FOISA d0 St Andrew's Day Mon 30 Nov 26: 1-4 Dec (4); 7-11 (9); 14-18 (14); 21-24 (18);
    # 25, 28 skip; 29, 30 (20) -> Wed 30 Dec
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-11-02"), ev("clarification-requested", "2026-11-04"), ev("clarified", "2026-11-30")],
        "2026-12-01",
        {"due": "2026-12-30"},
        id="foisa-clar-st-andrew",
    ),
    # EIR d0 Scottish summer holiday Mon 2 Aug 27: 3-6 (4); 9-13 (9); 16-20 (14); 23-27 (19);
    # Mon 30 Aug skip; Tue 31 (20)
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2027-07-05"), ev("clarification-requested", "2027-07-07"), ev("clarified", "2027-08-02")],
        "2027-08-03",
        {"due": "2027-08-31"},
        id="eir-clar-scottish-holiday",
    ),
    # --- fee pause (s.9(2), s.10(2)): WDs from notice to payment, both included, don't count
    # FOIA d0 Mon 2 Nov 26; notice Thu 5 Nov, paid Sat 14 Nov: paused 5, 6, 9-13 = 7 WD.
    # Counted: 3, 4 Nov (2); after payment 16-20 (7); 23-27 (12); 30 Nov skip; 1-4 Dec (16);
    # 7-10 (20) -> Thu 10 Dec.  Very overdue = 47th WD after d0: 11 Dec ... -> Wed 13 Jan 27
    # (11, 14-18, 21-24, 29-31 Dec, 5-8, 11-13 Jan)
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-11-02"), ev("fee-notice", "2026-11-05"), ev("fee-paid", "2026-11-14")],
        "2026-11-16",
        {"due": "2026-12-10", "very_overdue": "2027-01-13"},
        id="foia-fee-paid-saturday",
    ),
    # FOISA d0 Mon 2 Nov 26; notice Fri 6 Nov, paid Sun 29 Nov: counted 3-5 Nov (3); 30 Nov St
    # Andrew's skip; 1-4 Dec (7); 7-11 (12); 14-18 (17); 21-23 (20) -> Wed 23 Dec
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-11-02"), ev("fee-notice", "2026-11-06"), ev("fee-paid", "2026-11-29")],
        "2026-11-30",
        {"due": "2026-12-23"},
        id="foisa-fee-paid-sunday",
    ),
    # FOIA d0 Mon 14 Dec 26; notice Sat 19 Dec, paid on the Boxing Day substitute Mon 28 Dec:
    # counted 15-18 (4); after payment 29-31 (7); 5-8 Jan (11); 11-15 (16); 18-21 (20) -> Thu 21 Jan
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-12-14"), ev("fee-notice", "2026-12-19"), ev("fee-paid", "2026-12-28")],
        "2026-12-29",
        {"due": "2027-01-21"},
        id="foia-fee-paid-bank-holiday",
    ),
    # --- fees notice lapses (s.9(2)): "3 months beginning with the day the notice is given"
    # notice 15 Jan 27 -> last day Wed 14 Apr 27; closed on 15 Apr
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2027-01-04"), ev("fee-notice", "2027-01-15")],
        "2027-04-14",
        {"stage": "fee-pending", "windows": {"fee-payment": "2027-04-14"}},
        id="fee-lapse-mid-month",
    ),
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2027-01-04"), ev("fee-notice", "2027-01-15")],
        "2027-04-15",
        {"stage": "closed"},
        id="fee-lapsed-mid-month",
    ),
    # notice 1 Dec 26: 3 months beginning 1 Dec = Dec, Jan, Feb -> last day Sun 28 Feb 27
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-11-23"), ev("fee-notice", "2026-12-01")],
        "2027-02-28",
        {"stage": "fee-pending", "windows": {"fee-payment": "2027-02-28"}},
        id="fee-lapse-1-dec",
    ),
    # notice 31 Aug 26: a period beginning with 31 Aug is the period after 30 Aug, which ends on the
    # corresponding date 30 Nov (31 Aug-30 Sep is one whole month, Oct, Nov) -> last day Mon 30 Nov
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-08-24"), ev("fee-notice", "2026-08-31")],
        "2026-11-30",
        {"stage": "fee-pending", "windows": {"fee-payment": "2026-11-30"}},
        id="fee-lapse-31-aug",
    ),
    # notice 30 Nov 26: period after 29 Nov -> no 29 Feb 27 -> last day of Feb, Sun 28 Feb 27
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-11-23"), ev("fee-notice", "2026-11-30")],
        "2027-02-28",
        {"stage": "fee-pending", "windows": {"fee-payment": "2027-02-28"}},
        id="fee-lapse-30-nov",
    ),
    # notice Tue 30 Nov 27: period after 29 Nov -> Tue 29 Feb 28 (leap year)
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2027-11-22"), ev("fee-notice", "2027-11-30")],
        "2028-02-29",
        {"stage": "fee-pending", "windows": {"fee-payment": "2028-02-29"}},
        id="fee-lapse-30-nov-leap",
    ),
    # --- extensions
    # EIR reg 7: d0 Mon 21 Dec 26, 20 WD -> Fri 22 Jan 27 (see RESPONSE); extended in time (15 Jan):
    # 25-29 Jan (25); 1-5 Feb (30); 8-12 (35); 15-19 (40) -> Fri 19 Feb 27
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2026-12-21"), ev("extended", "2027-01-15")],
        "2027-01-25",
        {"stage": "extended", "due": "2027-02-19", "overdue": False},
        id="eir-ext-christmas",
    ),
    # EIR reg 7 with a date inside the 40 WD
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2026-12-21"), ev("extended", "2027-01-20", until="2027-02-05")],
        "2027-01-25",
        {"due": "2027-02-05"},
        id="eir-ext-until",
    ),
    # EIR extension notified Mon 25 Jan 27, after the 20 WD deadline (Fri 22 Jan). LAW.md: "extendable
    # to 40 WD only if complex and voluminous (requester told within 20 WD)" -> no extension: due
    # stays Fri 22 Jan, and on Tue 26 Jan the response is overdue
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2026-12-21"), ev("extended", "2027-01-25")],
        "2027-01-26",
        {"due": "2027-01-22", "overdue": True},
        id="eir-ext-notified-late",
    ),
    # EISR reg 7 (ASSUMPTIONS['eisr-extension']): d0 Mon 20 Dec 27, 20 WD -> Fri 21 Jan 28;
    # 24-28 (25); 31 Jan-4 Feb (30); 7-11 (35); 14-18 (40) -> Fri 18 Feb 28
    pytest.param(
        "eisr",
        "scotland",
        [ev("sent", "2027-12-20"), ev("extended", "2028-01-14")],
        "2028-01-24",
        {"due": "2028-02-18"},
        id="eisr-ext-new-year",
    ),
    # FOIA s.10(3) without a date: 40 WD. d0 Good Friday 3 Apr 26, 20 WD -> Tue 5 May; 6-8 (23);
    # 11-15 (28); 18-22 (33); Mon 25 May skip; 26-29 (37); 1-3 Jun (40) -> Wed 3 Jun 26
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-04-03"), ev("extended", "2026-04-30")],
        "2026-05-06",
        {"due": "2026-06-03", "very_overdue": "2026-06-03"},
        id="foia-ext-easter",
    ),
    # FOIA very overdue (Alaveteli, 40 WD) with no extension: the same 3 Jun 26
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-04-03")],
        "2026-06-04",
        {"due": "2026-05-05", "very_overdue": "2026-06-03", "overdue": True, "is_very_overdue": True},
        id="foia-very-overdue",
    ),
    # --- the authority's review (FOIA s.45 Code 20/40; FOISA s.21 20; EIR reg 11 40; EISR reg 16 20)
    # review asked Fri 13 Mar 26.  FOIA: 16 (1); 17 St Patrick skip; 18-20 (4); 23-27 (9);
    # 30 Mar-2 Apr (13); 3 GF, 6 EM skip; 7-10 (17); 13-15 (20) -> Wed 15 Apr.
    # 40: 16, 17 (22); 20-24 (27); 27-30 (31); 1 May (32); 4 May skip; 5-8 (36); 11-14 (40) -> Thu 14 May
    pytest.param(
        "foia",
        "england",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-03-16",
        {"stage": "awaiting-review", "review_due": "2026-04-15", "very_overdue": "2026-05-14"},
        id="foia-review-easter",
    ),
    # FOISA: 16-20 (5, 17 Mar works); 23-27 (10); 30 Mar-2 Apr (14); 3 GF skip; 6 EM (15); 7-10 (19);
    # Mon 13 Apr (20)
    pytest.param(
        "foisa",
        "scotland",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-03-16",
        {"review_due": "2026-04-13", "very_overdue": None},
        id="foisa-review-easter",
    ),
    pytest.param(
        "eir",
        "england",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-03-16",
        {"review_due": "2026-05-14"},
        id="eir-reconsideration-easter",
    ),
    pytest.param(
        "eisr",
        "scotland",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-03-16",
        {"review_due": "2026-04-13"},
        id="eisr-review-easter",
    ),
    # FOIA review 40 WD unanswered -> complaint to the ICO opens only after Thu 14 May 26
    pytest.param(
        "foia",
        "england",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-05-14",
        {"is_very_overdue": False, "windows": {}},
        id="foia-review-40-not-yet",
    ),
    pytest.param(
        "foia",
        "england",
        [
            ev("sent", "2026-01-12"),
            ev("response", "2026-02-09", outcome="refused"),
            ev("review-requested", "2026-03-13"),
        ],
        "2026-05-15",
        {"is_very_overdue": True, "window_kinds": {"complaint"}},
        id="foia-review-40-passed",
    ),
    # --- s.47(4)(b): 6 months from the end of the s.21 period, no review answer
    # review asked Fri 27 Nov 26: 30 Nov skip; 1-4 Dec (4); 7-11 (9); 14-18 (14); 21-24 (18);
    # 25, 28 skip; 29, 30 (20) -> s.21 period ends Wed 30 Dec 26 -> 6 months: Wed 30 Jun 27
    pytest.param(
        "foisa",
        "scotland",
        [
            ev("sent", "2026-10-01"),
            ev("response", "2026-10-20", outcome="refused"),
            ev("review-requested", "2026-11-27"),
        ],
        "2027-01-04",
        {"review_due": "2026-12-30", "windows": {"sic-application": "2027-06-30"}},
        id="sic-after-s21-christmas",
    ),
    # review asked on the Scottish holiday Mon 3 Aug 26 (d0): 4-7 (4); 10-14 (9); 17-21 (14);
    # 24-28 (19); Mon 31 Aug (20, works in Scotland). 6 months after 31 Aug: no 31 Feb -> 28 Feb 27
    pytest.param(
        "foisa",
        "scotland",
        [
            ev("sent", "2026-06-01"),
            ev("response", "2026-06-20", outcome="refused"),
            ev("review-requested", "2026-08-03"),
        ],
        "2026-09-01",
        {"review_due": "2026-08-31", "windows": {"sic-application": "2027-02-28"}},
        id="sic-after-s21-month-end",
    ),
    # on the last day of the s.21 period there is no application window yet
    pytest.param(
        "foisa",
        "scotland",
        [
            ev("sent", "2026-06-01"),
            ev("response", "2026-06-20", outcome="refused"),
            ev("review-requested", "2026-08-03"),
        ],
        "2026-08-31",
        {"windows": {}},
        id="sic-not-before-s21-ends",
    ),
    # s.47(4)(a): review answered Wed 31 Mar 27 -> no 31 Sep -> Thu 30 Sep 27
    pytest.param(
        "foisa",
        "scotland",
        [
            ev("sent", "2027-01-04"),
            ev("response", "2027-01-20", outcome="refused"),
            ev("review-requested", "2027-03-01"),
            ev("review-response", "2027-03-31", outcome="upheld"),
        ],
        "2027-04-01",
        {"windows": {"sic-application": "2027-09-30"}},
        id="sic-after-review-answer",
    ),
    # --- FOISA s.20(5): requester's review window
    # FOISA d0 Good Friday 3 Apr 26 -> due Fri 1 May (RESPONSE).  Late response Tue 5 May:
    # 40 WD after it: 6-8 (3); 11-15 (8); 18-22 (13); 25 May skip; 26-29 (17); 1-5 Jun (22);
    # 8-12 (27); Mon 15 Jun skip (Scotland one-off); 16-19 (31); 22-26 (36); 29, 30 Jun, 1, 2 Jul (40)
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-04-03"), ev("response", "2026-05-05", outcome="refused")],
        "2026-05-06",
        {"windows": {"review": "2026-07-02"}},
        id="foisa-review-window-late-response",
    ),
    # on-time response 30 Apr: 40 WD after the s.10 deadline Fri 1 May: 4 May skip; 5-8 (4);
    # 11-15 (9); 18-22 (14); 25 skip; 26-29 (18); 1-5 Jun (23); 8-12 (28); 15 skip; 16-19 (32);
    # 22-26 (37); 29, 30 Jun, 1 Jul (40) -> Wed 1 Jul
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-04-03"), ev("response", "2026-04-30", outcome="refused")],
        "2026-05-06",
        {"windows": {"review": "2026-07-01"}},
        id="foisa-review-window-on-time",
    ),
    # no response at all: 40 WD after the missed deadline -> the same Wed 1 Jul
    pytest.param(
        "foisa",
        "scotland",
        [ev("sent", "2026-04-03")],
        "2026-05-05",
        {"overdue": True, "windows": {"review": "2026-07-01"}},
        id="foisa-review-window-silence",
    ),
    # --- FOIA / EIR / EISR requester's review window: 40 WD after the response
    # response Tue 1 Dec 26: 2-4 (3); 7-11 (8); 14-18 (13); 21-24 (17); 25, 28 skip; 29-31 (20);
    # 1, 4 Jan skip; 5-8 (24); 11-15 (29); 18-22 (34); 25-29 (39); Mon 1 Feb 27 (40)
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-11-02"), ev("response", "2026-12-01", outcome="refused")],
        "2026-12-02",
        {"windows": {"review": "2027-02-01"}, "warnings": ()},
        id="foia-review-window-christmas",
    ),
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2026-11-02"), ev("response", "2026-12-01", outcome="refused")],
        "2026-12-02",
        {"windows": {"review": "2027-02-01"}},
        id="eir-review-window-christmas",
    ),
    # warning when <= 5 WD are left: (Mon 25 Jan, Mon 1 Feb] = 26-29 Jan, 1 Feb = 5 WD -> warn
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-11-02"), ev("response", "2026-12-01", outcome="refused")],
        "2027-01-25",
        {"n_warnings": 1},
        id="foia-review-window-warns",
    ),
    # (Fri 22 Jan, Mon 1 Feb] = 25-29 Jan, 1 Feb = 6 WD -> no warning yet
    pytest.param(
        "foia",
        "england",
        [ev("sent", "2026-11-02"), ev("response", "2026-12-01", outcome="refused")],
        "2027-01-22",
        {"warnings": ()},
        id="foia-review-window-no-warning-yet",
    ),
    # response Fri 2 Jul 27.  EISR (Scottish calendar): 5-9 Jul (5); 12-16 (10, 12 Jul works);
    # 19-23 (15); 26-30 (20); Mon 2 Aug skip; 3-6 (24); 9-13 (29); 16-20 (34); 23-27 (39); Mon 30 Aug (40)
    pytest.param(
        "eisr",
        "scotland",
        [ev("sent", "2027-06-07"), ev("response", "2027-07-02", outcome="refused")],
        "2027-07-05",
        {"windows": {"review": "2027-08-30"}},
        id="eisr-review-window-summer",
    ),
    # EIR (FOIA calendar): 5-9 (5); 12 Jul skip; 13-16 (9); 19-23 (14); 26-30 (19); 2 Aug skip;
    # 3-6 (23); 9-13 (28); 16-20 (33); 23-27 (38); 30 Aug skip; 31 Aug (39); Wed 1 Sep (40)
    pytest.param(
        "eir",
        "england",
        [ev("sent", "2027-06-07"), ev("response", "2027-07-02", outcome="refused")],
        "2027-07-05",
        {"windows": {"review": "2027-09-01"}},
        id="eir-review-window-summer",
    ),
    # --- ICO complaint: 6 calendar weeks from the review outcome
    # Wed 23 Dec 26 + 42 days -> Wed 3 Feb 27
    pytest.param(
        "foia",
        "england",
        [
            ev("sent", "2026-10-01"),
            ev("response", "2026-10-20", outcome="refused"),
            ev("review-requested", "2026-11-25"),
            ev("review-response", "2026-12-23", outcome="upheld"),
        ],
        "2026-12-24",
        {"windows": {"complaint": "2027-02-03"}},
        id="ico-6-weeks-christmas",
    ),
    # Mon 17 Jan 28 + 42 days -> Mon 28 Feb 28 (leap year, Feb has 29 days)
    pytest.param(
        "eir",
        "england",
        [
            ev("sent", "2027-11-01"),
            ev("response", "2027-11-20", outcome="refused"),
            ev("review-requested", "2027-11-29"),
            ev("review-response", "2028-01-17", outcome="upheld"),
        ],
        "2028-01-18",
        {"windows": {"complaint": "2028-02-28"}},
        id="ico-6-weeks-leap",
    ),
    # --- First-tier Tribunal appeal, r.22: 28 days from the decision notice
    # Fri 29 Jan 27 + 28 -> Fri 26 Feb 27
    pytest.param(
        "foia",
        "england",
        [
            ev("sent", "2026-10-01"),
            ev("response", "2026-10-20", outcome="refused"),
            ev("review-requested", "2026-11-25"),
            ev("review-response", "2026-12-23", outcome="upheld"),
            ev("complaint", "2027-01-05"),
            ev("decision", "2027-01-29"),
        ],
        "2027-02-01",
        {"windows": {"appeal": "2027-02-26"}},
        id="tribunal-28-days",
    ),
    # Thu 3 Feb 28 + 28 -> Thu 2 Mar 28 (29 Feb 28 exists)
    pytest.param(
        "eir",
        "england",
        [
            ev("sent", "2027-10-01"),
            ev("response", "2027-10-20", outcome="refused"),
            ev("review-requested", "2027-11-25"),
            ev("review-response", "2027-12-23", outcome="upheld"),
            ev("complaint", "2028-01-05"),
            ev("decision", "2028-02-03"),
        ],
        "2028-02-04",
        {"windows": {"appeal": "2028-03-02"}},
        id="tribunal-28-days-leap",
    ),
]


@pytest.mark.parametrize("regime, nation, events, today, expect", ASSESS)
def test_assess(regime, nation, events, today, expect):
    a = assess(regime, nation, events, D(today))
    for key, want in expect.items():
        if key == "windows":
            assert {w.kind: w.closes.isoformat() for w in a.windows} == want
        elif key == "window_kinds":
            assert {w.kind for w in a.windows} == want
        elif key == "n_warnings":
            assert len(a.warnings) == want
        elif key in ("due", "review_due", "very_overdue", "response_due"):
            got = getattr(a, key)
            assert (got.isoformat() if got else None) == want, key
        else:
            assert getattr(a, key) == want, key
    # explain() counts either the current due date or, once answered, the response deadline
    ex = explain(regime, nation, events, D(today))
    assert ex.due in (a.due, a.response_due)
    if a.stage in ("awaiting-response", "extended", "awaiting-review"):
        assert ex.due == a.due and ex.lines[-1][0] == a.due


# ---------------------------------------------------------------------------
# Config overrides (`foi config holiday add/remove`) apply everywhere.


def test_override_add_applies_to_every_regime_and_entry_point(cli, monkeypatch):
    # Without the override: d0 Fri 14 May 27: 17-21 (5); 24-28 (10); Mon 31 May skip; 1-4 Jun (14);
    # 7-11 (19); Mon 14 Jun (20).  With Mon 14 Jun 27 added in Scotland: Tue 15 Jun.
    ov = [{"date": "2027-06-14", "action": "add", "nation": "scotland", "name": "Cup"}]
    c = Calendars(ov)
    for regime, nation in (("foia", "england"), ("eir", "wales"), ("foisa", "scotland"), ("eisr", "scotland")):
        assert response_due_date(regime, nation, D("2027-05-14")) == D("2027-06-14")
        assert response_due_date(regime, nation, D("2027-05-14"), c) == D("2027-06-15")
        assert explain_count(regime, nation, D("2027-05-14"), calendars=c).due == D("2027-06-15")
        a = assess(regime, nation, [ev("sent", "2027-05-14")], D("2027-05-20"), c)
        assert a.due == D("2027-06-15")
    # SAR d0 14 May 27 -> Mon 14 Jun: Scottish bodies roll to Tue 15; English and UK-wide do not
    assert response_due_date("sar", "scotland", D("2027-05-14"), c) == D("2027-06-15")
    assert response_due_date("sar", "england", D("2027-05-14"), c) == D("2027-06-14")
    assert response_due_date("sar", "uk", D("2027-05-14"), c) == D("2027-06-14")
    # the CLI reads the override from the store
    cli("config", "holiday", "add", "2027-06-14", "--nation", "scotland", "--name", "Cup")
    out = json.loads(cli("deadline", "-r", "foia", "--received", "2027-05-14", "--explain", "--json").stdout)
    assert out["due"] == "2027-06-15"
    assert "config" in out["calendar"]
    lines = {x["date"]: x["text"] for x in out["explanation"]["lines"]}
    assert lines["2027-06-14"] == "skipped: added in your config: Cup"


def test_override_remove_nation_only_day():
    # Remove NI's 12 Jul 27.  FOIA d0 Mon 28 Jun 27 normally: 29, 30 Jun, 1, 2 Jul (4); 5-9 (9);
    # 12 skip; 13-16 (13); 19-23 (18); 26, 27 (20) -> Tue 27 Jul.  With 12 Jul counted -> Mon 26 Jul.
    c = Calendars([{"date": "2027-07-12", "action": "remove", "nation": "northern_ireland", "name": ""}])
    assert response_due_date("foia", "england", D("2027-06-28")) == D("2027-07-27")
    assert response_due_date("foia", "england", D("2027-06-28"), c) == D("2027-07-26")
    # SAR to an NI body received Sat 12 Jun 27 -> Mon 12 Jul: now a working day
    assert response_due_date("sar", "northern_ireland", D("2027-06-12")) == D("2027-07-13")
    assert response_due_date("sar", "northern_ireland", D("2027-06-12"), c) == D("2027-07-12")


def test_override_remove_after_add_in_another_nation(cli):
    # The two examples of `foi config holiday --help`, run one after the other.  After the remove,
    # 14 Jun 27 is a working day again: FOISA d0 Fri 14 May 27 -> Mon 14 Jun 27 (counted above).
    cli("config", "holiday", "add", "2027-06-14", "--nation", "scotland", "--name", "Special holiday")
    assert (
        json.loads(cli("deadline", "-r", "foisa", "--received", "2027-05-14", "--json").stdout)["due"] == "2027-06-15"
    )
    cli("config", "holiday", "remove", "2027-06-14")
    assert (
        json.loads(cli("deadline", "-r", "foisa", "--received", "2027-05-14", "--json").stdout)["due"] == "2027-06-14"
    )
