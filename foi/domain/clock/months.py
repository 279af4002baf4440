"""Calendar-month arithmetic.

:func:`add_months` gives the same date ``n`` months later and, where that
month is shorter, its last day: the ICO's "corresponding calendar date, else
the last day of the month" rule, as python-dateutil's ``relativedelta(months=n)``
gives it (the tests check the two agree), without importing dateutil on every
command that assesses a request.  Results are cached: ``foi list`` asks the
same few hundred dates again and again.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from ..calendars import WorkingCalendar

_D1 = timedelta(days=1)
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


@lru_cache(maxsize=8192)
def add_months(d: date, n: int) -> date:
    """The same date ``n`` months later, or the last day of that month if it has no such date."""
    months = d.month - 1 + n
    year, month = d.year + months // 12, months % 12 + 1
    last = _MONTH_DAYS[month - 1]
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        last = 29
    return d.replace(year=year, month=month, day=min(d.day, last))


def months_beginning_with(d: date, n: int) -> date:
    """Last day of the period of ``n`` months *beginning with* ``d``: the day before the same
    date ``n`` months later or, where that month has no such date, its last day
    (31 Aug + 3 months -> 30 Nov; 30 Nov 2026 -> 28 Feb 2027; 1 Mar -> 31 May)."""
    end = add_months(d, n)
    return end if end.day != d.day else end - _D1


def month_deadline(start: date, months: int, cal: WorkingCalendar, paused_days: int = 0) -> date:
    """A SAR deadline (UK GDPR Art. 12(3), ICO guidance): the day of receipt is day 1, so the
    same date ``months`` later (or that month's last day), plus the days the clock was
    stopped, moved to the next working day of the authority's nation."""
    end = add_months(start, months)
    if paused_days:
        end += timedelta(days=paused_days)
    return cal.next_working_day_on_or_after(end)
