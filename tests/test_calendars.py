"""Working calendars: which days count (FOIA s.10(6), FOISA s.73, SAR by nation).

Expected dates were worked out by hand on a printed calendar, not by the code.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from foi.domain.calendars import Calendars, default_calendars
from foi.errors import UsageError

D = date


@pytest.fixture(scope="module")
def cals():
    return default_calendars()


@pytest.fixture(scope="module")
def foia(cals):
    return cals.for_regime("foia", "england")


@pytest.fixture(scope="module")
def foisa(cals):
    return cals.for_regime("foisa", "scotland")


def test_import_does_not_import_holidays():
    code = (
        "import sys, datetime; import foi.domain.calendars as c; "
        "cal = c.default_calendars().for_regime('foia', 'england'); "
        "cal.add_working_days(datetime.date(2026, 7, 6), 20); "
        "print('holidays' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_names_cite_the_statute(cals):
    assert cals.for_regime("foia", "england").name.startswith("FOIA s.10(6)")
    assert "any part of the UK" in cals.for_regime("foia", "england").name
    assert cals.for_regime("foisa", "scotland").name.startswith("FOISA s.73")
    assert "FOIA s.10(6)" in cals.for_regime("eir", "england").name
    assert "FOISA s.73" in cals.for_regime("eisr", "scotland").name
    assert "Northern Ireland" in cals.for_regime("sar", "northern_ireland").name
    assert "assumed headquartered in England" in cals.for_regime("sar", "uk").name


@pytest.mark.parametrize(
    "day, foia_works, foisa_works",
    [
        (D(2020, 5, 8), False, False),  # VE Day: early May bank holiday moved
        (D(2020, 5, 4), True, True),  # ... so the first Monday of May 2020 was a working day
        (D(2022, 6, 2), False, False),  # spring bank holiday moved
        (D(2022, 6, 3), False, False),  # Platinum Jubilee
        (D(2022, 5, 30), True, True),  # last Monday of May 2022: a working day
        (D(2022, 9, 19), False, False),  # State funeral of Queen Elizabeth II
        (D(2023, 5, 8), False, False),  # Coronation
        (D(2026, 6, 15), False, False),  # Scotland only; FOIA counts any part of the UK
        (D(2026, 3, 17), False, True),  # St Patrick's Day: NI only
        (D(2026, 7, 13), False, True),  # Battle of the Boyne observed: NI only
        (D(2026, 8, 3), False, False),  # first Monday of August: Scotland
        (D(2026, 8, 31), False, True),  # late summer: England, Wales, NI, not Scotland
        (D(2026, 4, 6), False, True),  # Easter Monday: not in Scotland
        (D(2026, 4, 3), False, False),  # Good Friday
        (D(2026, 11, 30), False, False),  # St Andrew's Day
        (D(2027, 1, 4), False, False),  # 2 January (Sat) observed in Scotland
        (D(2026, 12, 25), False, False),
        (D(2026, 12, 28), False, False),  # Boxing Day observed
        (D(2026, 12, 24), True, True),
        (D(2026, 7, 11), False, False),  # Saturday
        (D(2026, 7, 12), False, False),  # Sunday
    ],
)
def test_working_days(foia, foisa, day, foia_works, foisa_works):
    assert foia.is_working_day(day) is foia_works
    assert foisa.is_working_day(day) is foisa_works


def test_sar_calendars_follow_the_nation(cals):
    eng, sct, nir, uk = (cals.for_regime("sar", n) for n in ("england", "scotland", "northern_ireland", "uk"))
    assert eng.is_working_day(D(2026, 6, 15)) and not sct.is_working_day(D(2026, 6, 15))
    assert not eng.is_working_day(D(2026, 8, 31)) and sct.is_working_day(D(2026, 8, 31))
    assert nir.is_working_day(D(2026, 8, 3)) and not sct.is_working_day(D(2026, 8, 3))
    assert not nir.is_working_day(D(2026, 3, 17)) and eng.is_working_day(D(2026, 3, 17))
    assert eng.is_working_day(D(2027, 1, 4)) and not sct.is_working_day(D(2027, 1, 4))
    assert uk.is_working_day(D(2026, 6, 15)) and not uk.is_working_day(D(2026, 8, 31))
    assert cals.for_nation("wales").is_working_day(D(2026, 6, 15))


def test_skip_reasons(foia, foisa):
    assert foia.skip_reason(D(2026, 7, 11)) == "Saturday"
    assert foia.skip_reason(D(2026, 7, 12)) == "Sunday"
    assert foia.skip_reason(D(2026, 7, 14)) is None
    assert foia.skip_reason(D(2026, 11, 30)) == "bank holiday in Scotland: Saint Andrew's Day"
    assert foia.skip_reason(D(2026, 12, 25)) == (
        "bank holiday in England, Wales, Scotland and Northern Ireland: Christmas Day"
    )
    assert foisa.skip_reason(D(2026, 12, 25)) == "bank holiday in Scotland: Christmas Day"
    assert "Northern Ireland" in foia.skip_reason(D(2026, 7, 13))
    assert foisa.skip_reason(D(2026, 7, 13)) is None


def test_add_working_days(foia, foisa):
    # LAW.md illustrative dates
    assert foia.add_working_days(D(2026, 7, 6), 20) == D(2026, 8, 5)
    assert foisa.add_working_days(D(2026, 7, 6), 20) == D(2026, 8, 4)
    assert foia.add_working_days(D(2026, 11, 21), 20) == D(2026, 12, 21)
    # day 0 need not be a working day; n == 0 returns d itself
    assert foia.add_working_days(D(2026, 11, 21), 0) == D(2026, 11, 21)
    assert foia.add_working_days(D(2026, 11, 21), 1) == D(2026, 11, 23)
    assert foia.add_working_days(D(2026, 12, 24), 1) == D(2026, 12, 29)
    assert foia.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)
    assert foisa.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 5)
    with pytest.raises(ValueError):
        foia.add_working_days(D(2026, 1, 1), -1)


def test_working_days_between(foia):
    assert foia.working_days_between(D(2026, 7, 6), D(2026, 8, 5)) == 20
    assert foia.working_days_between(D(2026, 8, 5), D(2026, 7, 6)) == -20
    assert foia.working_days_between(D(2026, 7, 6), D(2026, 7, 6)) == 0
    # (a, b]: a Saturday to the next Monday is one working day
    assert foia.working_days_between(D(2026, 7, 11), D(2026, 7, 13)) == 0  # 13 July: NI holiday
    assert foia.working_days_between(D(2026, 7, 18), D(2026, 7, 20)) == 1


def test_next_working_day_on_or_after(foia, foisa):
    assert foia.next_working_day_on_or_after(D(2026, 7, 14)) == D(2026, 7, 14)
    assert foia.next_working_day_on_or_after(D(2026, 7, 11)) == D(2026, 7, 14)
    assert foisa.next_working_day_on_or_after(D(2026, 7, 11)) == D(2026, 7, 13)
    assert foia.next_working_day_on_or_after(D(2026, 12, 25)) == D(2026, 12, 29)


def test_outside_the_table_falls_back_to_holidays(foia):
    # 2050: 1 Jan is a Saturday; 3 Jan (New Year observed) and 4 Jan (2 Jan observed, Scotland)
    assert not foia.is_working_day(D(2050, 1, 3))
    assert not foia.is_working_day(D(2050, 1, 4))
    assert foia.add_working_days(D(2050, 1, 1), 1) == D(2050, 1, 5)
    # 2000: 3 Jan New Year observed, 4 Jan 2 January observed in Scotland: only 5 Jan works
    assert foia.working_days_between(D(1999, 12, 31), D(2000, 1, 5)) == 1
    assert foia.working_days_between(D(1999, 12, 24), D(1999, 12, 30)) == 2  # 29, 30 Dec


def test_override_add_in_scotland():
    c = Calendars([{"date": "2027-06-14", "action": "add", "nation": "scotland", "name": "Cup final"}])
    day = D(2027, 6, 14)  # a Monday
    assert not c.for_regime("foisa", "scotland").is_working_day(day)
    assert not c.for_regime("eisr", "scotland").is_working_day(day)
    assert not c.for_regime("foia", "england").is_working_day(day)  # any part of the UK
    assert not c.for_regime("eir", "england").is_working_day(day)
    assert not c.for_regime("sar", "scotland").is_working_day(day)
    assert c.for_regime("sar", "england").is_working_day(day)
    assert c.for_regime("foia", "england").skip_reason(day) == "added in your config: Cup final"
    assert "1 day added in your config" in c.for_regime("foia", "england").name
    assert "config" not in c.for_regime("sar", "england").name
    # the default calendars are untouched
    assert default_calendars().for_regime("foia", "england").is_working_day(day)


def test_override_add_in_england():
    c = Calendars([{"date": "2027-06-14", "action": "add", "nation": "england", "name": "X"}])
    day = D(2027, 6, 14)
    assert c.for_regime("foisa", "scotland").is_working_day(day)
    assert not c.for_regime("foia", "wales").is_working_day(day)
    assert not c.for_regime("sar", "england").is_working_day(day)
    assert not c.for_regime("sar", "uk").is_working_day(day)
    assert c.for_regime("sar", "wales").is_working_day(day)


def test_override_remove():
    c = Calendars([{"date": "2026-08-03", "action": "remove", "nation": "scotland", "name": "x"}])
    assert c.for_regime("foisa", "scotland").is_working_day(D(2026, 8, 3))
    assert c.for_regime("foia", "england").is_working_day(D(2026, 8, 3))  # no other nation has it
    # St Andrew's Day removed in England changes nothing: it was only Scottish
    c2 = Calendars([{"date": "2026-08-31", "action": "remove", "nation": "england", "name": "x"}])
    assert not c2.for_regime("foia", "england").is_working_day(D(2026, 8, 31))  # Wales, NI still
    assert c2.for_regime("sar", "england").is_working_day(D(2026, 8, 31))
    # the statutes name Christmas Day and Good Friday: they cannot be removed
    c3 = Calendars(
        [
            {"date": "2026-12-25", "action": "remove", "nation": "all", "name": "x"},
            {"date": "2026-04-03", "action": "remove", "nation": "all", "name": "x"},
        ]
    )
    assert not c3.for_regime("foia", "england").is_working_day(D(2026, 12, 25))
    assert not c3.for_regime("foia", "england").is_working_day(D(2026, 4, 3))
    assert not c3.for_regime("foisa", "scotland").is_working_day(D(2026, 12, 25))


@pytest.mark.parametrize(
    "bad",
    [
        {"date": "14/06/2027", "action": "add", "nation": "all"},
        {"date": "2027-06-14", "action": "move", "nation": "all"},
        {"date": "2027-06-14", "action": "add", "nation": "mars"},
        "2027-06-14",
    ],
)
def test_bad_overrides(bad):
    with pytest.raises(UsageError):
        Calendars([bad])


def test_unknown_regime_and_nation(cals):
    with pytest.raises(UsageError):
        cals.for_regime("gdpr", "england")
    with pytest.raises(UsageError):
        cals.for_regime("sar", "france")


def test_calendars_are_cached(cals):
    assert cals.for_regime("foia", "england") is cals.for_regime("foia", "england")
    assert default_calendars() is default_calendars()


def test_an_override_applies_only_where_it_is_for():
    """(How fast a build is lives in bench/, not in a unit test.)"""
    c = Calendars([{"date": "2031-01-07", "action": "add", "nation": "wales", "name": "fast"}])
    assert not c.for_nation("wales").is_working_day(date(2031, 1, 7))
    assert c.for_regime("foia", "england").is_working_day(date(2031, 1, 7)) is False  # FOIA: every UK nation's days
    assert c.for_regime("foisa", "scotland").is_working_day(date(2031, 1, 7))  # a Tuesday in Scotland


def test_same_overrides_share_the_built_calendars():
    ov = [{"date": "2031-01-08", "action": "add", "nation": "all", "name": "shared"}]
    assert Calendars(ov).for_regime("foia", "england") is Calendars(ov).for_regime("foia", "england")
    assert Calendars(()).for_regime("eir", "x") is default_calendars().for_regime("eir", "y")
