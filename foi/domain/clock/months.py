"""Calendar-month arithmetic, with python-dateutil's ``relativedelta``.

``relativedelta(months=n)`` gives the same date ``n`` months later and, where
that month is shorter, its last day: the ICO's "corresponding calendar date,
else the last day of the month" rule.  Results are cached: ``foi list`` asks
the same few hundred dates again and again.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from ..calendars import WorkingCalendar

_D1 = timedelta(days=1)
_MONTHS = tuple(relativedelta(months=n) for n in range(13))  # built once: the constructor is slow


@lru_cache(maxsize=8192)
def add_months(d: date, n: int) -> date:
    """The same date ``n`` months later, or the last day of that month if it has no such date."""
    return d + (_MONTHS[n] if 0 <= n < 13 else relativedelta(months=n))


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
