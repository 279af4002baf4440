"""What an incoming message becomes on a request's timeline (pure).

A reply is a ``message`` event the campaigner has to read; an automatic
acknowledgement (or out-of-office) is the request's ``acknowledged`` event,
with the authority's reference when it gave one (a second one, or one that
cannot come yet, is kept as a ``message``); a bounce is ``bounced``, which
marks the address as failing.  The date is the day the message arrived in
the UK (a reply sent at 23:30 UTC on 31 March arrives on 1 April, BST).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from ...vocab import Event
from .classify import AUTO_REPLY, BOUNCE, REPLY, Verdict, find_reference
from .model import Incoming

UK = ZoneInfo("Europe/London")
EXCERPT = 300

_QUOTE_START = re.compile(
    r"^(On .{5,200} wrote:|-{2,} ?Original Message ?-{2,}|From: .+|_{10,}|Sent from my .+)\s*$",
    re.IGNORECASE | re.MULTILINE,
)


def uk_date(when: datetime | None, today: date) -> date:
    """The UK day of ``when`` (never after today: a sender's clock may run fast)."""
    if when is None:
        return today
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(when.astimezone(UK).date(), today)


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The first words of what the sender wrote (quoted text left out)."""
    cut = _QUOTE_START.search(text)
    if cut:
        text = text[: cut.start()]
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith(">")]
    flat = " ".join(" ".join(lines).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def sender_text(m: Incoming) -> str:
    return f"{m.from_name} <{m.from_addr}>" if m.from_name else m.from_addr


def message_fields(m: Incoming, content_hash: str, today: date) -> dict:
    """The fields every mail event carries."""
    when = m.date.astimezone(timezone.utc).replace(microsecond=0) if m.date else None
    return {
        "date": uk_date(m.date, today).isoformat(),
        "message_id": m.message_id,
        "hash": content_hash,
        "from": sender_text(m),
        "subject": m.subject,
        "excerpt": excerpt(m.text),
        "time": when.isoformat().replace("+00:00", "Z") if when else None,
    }


def event_for(req: Mapping, m: Incoming, verdict: Verdict, fields: dict) -> dict:
    """The event ``m`` becomes on ``req`` (``fields`` from :func:`message_fields`,
    plus raw/attachments/how added by the caller)."""
    if verdict.kind == BOUNCE:
        failed = verdict.failed[0] if verdict.failed else (req.get("to_email") or "")
        return {"type": Event.BOUNCED, **fields, "address": failed, "permanent": verdict.permanent}
    if verdict.kind == AUTO_REPLY:
        ref = find_reference(m.subject, m.text)
        types = {e.get("type") for e in req.get("events", ())}
        if Event.ACKNOWLEDGED not in types and Event.SENT in types:
            return {"type": Event.ACKNOWLEDGED, **fields, "ref": ref, "kind": verdict.auto_kind}
        return {"type": Event.MESSAGE, **fields, "ref": ref, "kind": AUTO_REPLY}
    return {"type": Event.MESSAGE, **fields, "kind": REPLY}


#: Events that say the campaigner has dealt with what came before
_NOT_ACTIONS = (Event.MESSAGE, Event.BOUNCED, Event.DRAFTED)


def replies_to_read(req: Mapping) -> list[Mapping]:
    """Replies that arrived after the last thing the campaigner recorded."""
    out: list[Mapping] = []
    for e in req.get("events", ()):
        if e.get("type") == Event.MESSAGE and e.get("kind") == REPLY:
            out.append(e)
        elif e.get("type") not in _NOT_ACTIONS and not e.get("hash"):
            out = []  # something recorded by hand since: they were read
    return out


def bounced_letter(req: Mapping) -> Mapping | None:
    """The permanent bounce of the last letter sent by email, if it bounced."""
    found = None
    for e in req.get("events", ()):
        if e.get("type") == Event.BOUNCED and e.get("permanent", True):
            found = e
        elif e.get("via") == "email" and e.get("message_id"):
            found = None  # a letter went after it
    return found
