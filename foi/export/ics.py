"""The iCalendar renderer, via the ``icalendar`` package: one all-day event per
upcoming deadline, with a UID stable across exports
(``foi-<id>-<kind>@foi.local``) so that a subscribed calendar updates events
instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone

from ..vocab import Stage
from .rows import Record

ICS_DOMAIN = "foi.local"


def deadlines_of(record: Record, today: date) -> list[tuple[str, date, str, str]]:
    """Upcoming deadlines (on or after ``today``) of one request:
    (kind, date, what is due, rule).  Kinds are unique within a request.
    Open-ended windows (``Window.fixed`` false) are left out: they have no
    last day."""
    a = record.assessment
    out: list[tuple[str, date, str, str]] = []
    if a.stage in Stage.AWAITING and a.response_due and a.response_due >= today:
        out.append(("response-due", a.response_due, "response due from the authority", a.rule))
    if a.stage == Stage.AWAITING_REVIEW and a.review_due and a.review_due >= today:
        out.append(("review-due", a.review_due, "internal review due from the authority", a.rule))
    for w in a.windows:
        # a window with no statutory limit (an ICO complaint about silence) has
        # only a rolling horizon, not a last day: no calendar event for it
        if getattr(w, "fixed", True) and w.closes >= today:
            out.append((f"{w.kind}-window", w.closes, f"last day to {w.label}", w.rule))
    seen: set[str] = set()
    unique = []
    for item in out:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique


def render_ics(
    records: Iterable[Record], today: date, stamp: datetime | None = None, name: str = "FOI deadlines"
) -> bytes:
    """An iCalendar file: one all-day VEVENT per upcoming deadline."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//foi//FOI request deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for r in records:
        rid = r.row["id"]
        authority = r.row.get("authority") or "authority"
        for kind, when, what, rule in deadlines_of(r, today):
            e = Event()
            e.add("uid", f"foi-{rid}-{kind}@{ICS_DOMAIN}")
            e.add("dtstamp", stamp)
            e.add("dtstart", when)
            e.add("dtend", when + timedelta(days=1))
            e.add("summary", f"{authority}: {what} (FOI #{rid})")
            desc = [f"Request #{rid}: {r.row.get('subject') or ''}", f"Rule: {rule}"]
            if r.row.get("campaign"):
                desc.append(f"Campaign: {r.row['campaign']}")
            e.add("description", "\n".join(desc))
            e.add("transp", "TRANSPARENT")
            e.add("categories", ["FOI"])
            cal.add_component(e)
    return cal.to_ical()
