"""Parsing and formatting of dates typed by users.

Accepted: ISO ``2026-11-23``; UK day-first ``23/11/2026``, ``23-11-2026``,
``23.11.2026``, ``23/11/26``; ``23 Nov 2026``, ``23 November 2026``,
``Monday 23 November 2026``; ``today``, ``yesterday``, ``tomorrow``; and a
day and month alone (``23/11``, ``23 Nov``), taken in the year that puts it
nearest to today.
Never month-first: ``11/23/2026`` is refused rather than guessed.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import UsageError

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_DAYS = {
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
}

# (pattern texts: `re` compiles each on first use and keeps it; start-up compiles none)
_ISO = r"^(\d{4})-(\d{1,2})-(\d{1,2})$"
_NUMERIC = r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$"
_WORDS = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$"
# Day and month without a year: 24/11, 24 Nov
_NUMERIC_NO_YEAR = r"^(\d{1,2})[/.](\d{1,2})$"
_WORDS_NO_YEAR = r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?$"

#: Dates outside these years are refused: no statute or calendar covers them,
#: and date arithmetic near ``date.max`` would overflow.
MIN_YEAR, MAX_YEAR = 1900, 2199

HINT = "use a date like 2026-11-23, 23/11/2026, '23 Nov 2026', today or yesterday"


def parse_date(text: str, today: date) -> date:
    """Parse a user's date; raise :class:`UsageError` with a clear hint if it is not one."""
    if isinstance(text, date):
        return text
    raw = str(text)
    s = " ".join(raw.strip().lower().replace(",", " ").split())
    if s in _RELATIVE:
        return today + timedelta(days=_RELATIVE[s])
    words = s.split(" ")
    if words and words[0].rstrip(".") in _DAYS and len(words) > 1:
        s = " ".join(words[1:])
    if _is_iso(s):  # (the usual --today and --on: no pattern to compile at start-up)
        y, m, d = int(s[:4]), int(s[5:7]), int(s[8:])
    elif (mt := re.match(_NUMERIC_NO_YEAR, s)) or (mt := re.match(_WORDS_NO_YEAR, s)):
        return _nearest(int(mt.group(1)), _month(mt.group(2), raw), today, raw)
    else:
        y, m, d = _day_month_year(s, raw)
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise UsageError(f"not a date foi can count with: {raw!r} (years {MIN_YEAR} to {MAX_YEAR})", HINT)
    try:
        return date(y, m, d)
    except ValueError:
        if m > 12 and d <= 12:
            raise UsageError(f"not a date: {raw!r} (dates are day first: did you mean {m}/{d}/{y}?)", HINT) from None
        raise UsageError(f"not a date: {raw!r} (no such day)", HINT) from None


_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}


def _is_iso(s: str) -> bool:
    """``YYYY-MM-DD`` (what :data:`_ISO` matches with two-digit month and day)."""
    return len(s) == 10 and s[4] == "-" == s[7] and s[:4].isdecimal() and s[5:7].isdecimal() and s[8:].isdecimal()


def _month(text: str, raw: str) -> int:
    """A month given as a number or a name."""
    month = int(text) if text.isdigit() else _MONTHS.get(text)
    if month is None:
        raise UsageError(f"not a date: {raw!r} (unknown month {text!r})", HINT)
    return month


def _day_month_year(s: str, raw: str) -> tuple[int, int, int]:
    """(year, month, day) of an ISO, day-first numeric or day-month-name date."""
    if mt := re.match(_ISO, s):
        y, m, d = (int(g) for g in mt.groups())
        return y, m, d
    if mt := re.match(_NUMERIC, s):
        y = mt.group(3)
        return (int(y) + 2000 if len(y) == 2 else int(y)), int(mt.group(2)), int(mt.group(1))
    if mt := re.match(_WORDS, s):
        return int(mt.group(3)), _month(mt.group(2), raw), int(mt.group(1))
    raise UsageError(f"not a date: {raw!r}", HINT)


def _nearest(day: int, month: int, today: date, raw: str) -> date:
    """A day and month with no year: the occurrence nearest to today (24/11
    typed on 2 January is last November; 20/1 typed in December is next
    January)."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        if month > 12 and day <= 12:
            raise UsageError(f"not a date: {raw!r} (dates are day first, as in 23/11)", HINT)
        raise UsageError(f"not a date: {raw!r} (no such day)", HINT)
    return min(candidates, key=lambda c: (abs((c - today).days), c > today))


# -- formatting: the one place dates are written for people -------------------
# English names whatever the process's locale (strftime's %a and %b follow
# LC_TIME), so letters, tables and messages read the same everywhere.
_DAY_ABBR = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def iso(d: date | None) -> str | None:
    """The ISO form stored in JSON (``2026-11-23``), or None."""
    return d.isoformat() if d is not None else None


def human(d: date | None) -> str:
    """``Mon 23 Nov 2026`` (``-`` for no date): unambiguous on both sides of
    the Atlantic.  Used by every table, message and explanation."""
    if d is None:
        return "-"
    return f"{_DAY_ABBR[d.weekday()]} {d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def short(d: date | None) -> str:
    """``2 Mar 2026`` (``""`` for no date): dates in published tables."""
    if d is None:
        return ""
    return f"{d.day} {MONTH_NAMES[d.month - 1][:3]} {d.year}"


def human_long(d: date) -> str:
    """``23 November 2026``: the form of a letter's date."""
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}"
