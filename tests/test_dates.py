"""Dates as users type them: ISO, UK day-first, words; never month-first."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foi.dates import MAX_YEAR, MIN_YEAR, human, parse_date
from foi.errors import UsageError

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("2026-11-23", date(2026, 11, 23)),
        ("23/11/2026", date(2026, 11, 23)),
        ("23-11-2026", date(2026, 11, 23)),
        ("23.11.26", date(2026, 11, 23)),
        ("5/1/2026", date(2026, 1, 5)),
        ("23 Nov 2026", date(2026, 11, 23)),
        ("23rd November 2026", date(2026, 11, 23)),
        ("Monday 23 November 2026", date(2026, 11, 23)),
        ("today", TODAY),
        (" Yesterday ", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 24)),
        ("20/11", date(2026, 11, 20)),  # no year: the nearest such day to today
        ("20 Nov", date(2026, 11, 20)),
        ("20/1", date(2027, 1, 20)),  # typed in November: next January
        ("2 Feb", date(2027, 2, 2)),
        ("30 May", date(2026, 5, 30)),  # six months back is nearer than six forward
    ],
)
def test_accepted(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize(
    "text,why",
    [
        ("11/23/2026", "did you mean 23/11/2026"),  # month-first is refused, not guessed
        ("31/4", "no such day"),
        ("31/02/2026", "no such day"),
        ("23 Smarch 2026", "unknown month"),
        ("soon", "not a date"),
        ("", "not a date"),
        ("9999-12-31", "years"),
    ],
)
def test_refused_with_a_hint(text, why):
    with pytest.raises(UsageError) as exc:
        parse_date(text, TODAY)
    assert why in str(exc.value) and "23/11/2026" in str(exc.value)


@given(st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31)))
def test_round_trips(d):
    assert parse_date(d.isoformat(), TODAY) == d
    assert parse_date(d.strftime("%d/%m/%Y"), TODAY) == d
    assert parse_date(d.strftime("%d %B %Y"), TODAY) == d
    assert parse_date(human(d), TODAY) == d


@given(st.text(max_size=40))
def test_anything_else_is_a_usage_error_or_a_date(text):
    try:
        assert isinstance(parse_date(text, TODAY), date)
    except UsageError:
        pass
