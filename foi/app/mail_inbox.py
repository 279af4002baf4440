"""`foi mail inbox`, `foi mail assign MSG ID`, `foi mail ignore MSG`, and
`foi show ID --message N`: the messages no request claimed, and reading one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..domain.mail.model import domain_of
from ..errors import NotFound, UsageError
from .mail_fetch import INBOX_ASSIGNED, INBOX_IGNORED, INBOX_NEW, _Item, record_on


@dataclass
class InboxView:
    shown: list[dict]
    hidden: int  # new messages from senders no letter went to, and no guess


def inbox(store, show_all: bool = False) -> InboxView:
    """The new inbox entries: those with a guess or from a domain a letter
    went to first; unrelated mail (newsletters...) only with ``show_all``."""
    domains = {domain_of(r.get("to_email") or "") for r in store.requests()} - {""}
    new = [e for e in store.inbox() if e.get("status", INBOX_NEW) == INBOX_NEW]
    related = [e for e in new if e.get("guess") or e.get("problems") or _sender_domain(e) in domains]
    shown = new if show_all else related
    shown = sorted(shown, key=lambda e: (not e.get("guess"), e.get("date", ""), e["id"]))
    return InboxView(shown, len(new) - len(shown))


def _sender_domain(entry: Mapping) -> str:
    sender = entry.get("from", "")
    return domain_of(sender.rpartition("<")[2].rstrip(">") if "<" in sender else sender)


def _entry(store, msg: int) -> dict:
    for e in store.inbox():
        if e["id"] == msg:
            return e
    raise NotFound(f"no message {msg} in the inbox", "see `foi mail inbox`")


def assign(store_path: Path, today: date, msg: int, rid: int) -> tuple[dict, dict]:
    """File inbox message ``msg`` on request ``rid``; (request, event)."""
    from ..domain.mail.classify import classify
    from ..mail.blobs import Blobs, read_raw
    from ..mail.parse import parse
    from ..store import open_store

    with open_store(store_path, write=True) as store:
        entry = _entry(store, msg)
        if entry.get("status", INBOX_NEW) == INBOX_ASSIGNED:
            raise UsageError(f"message {msg} was already filed on request {entry.get('assigned_id')}")
        req = store.get_request(rid)
        raw = read_raw(store_path, entry["raw_sha256"])
        parsed = parse(raw)
        blobs = Blobs(store_path)
        event = record_on(
            req, _Item(raw, parsed, entry.get("origin", "")), classify(parsed.incoming), "by hand", today, blobs
        )
        blobs.flush()
        store.update_requests([req])
        store.update_inbox([{**entry, "status": INBOX_ASSIGNED, "assigned": req.get("uid"), "assigned_id": rid}])
    return req, event


def ignore(store_path: Path, msg: int) -> dict:
    """Drop inbox message ``msg`` (kept as ignored, so a later fetch does not bring it back)."""
    from ..store import open_store

    with open_store(store_path, write=True) as store:
        entry = _entry(store, msg)
        store.update_inbox([{**entry, "status": INBOX_IGNORED}])
    return entry


def mail_events(req: Mapping) -> list[Mapping]:
    """The request's events that are messages it received, numbered from 1 in timeline order."""
    return [e for e in req.get("events", ()) if e.get("hash")]


def message_text(store_path: Path, req: Mapping, n: int) -> str:
    """Message ``n`` of the request in full: its headers, text and files."""
    from ..mail.blobs import read_raw
    from ..mail.parse import parse

    events = mail_events(req)
    if not 1 <= n <= len(events):
        have = f"messages 1-{len(events)}" if events else "no messages"
        raise UsageError(f"request {req['id']} has {have}, not {n}", f"see `foi show {req['id']}`")
    e = events[n - 1]
    parsed = parse(read_raw(store_path, e["raw_sha256"])) if e.get("raw_sha256") else None
    lines = [
        f"From:    {e.get('from', '')}",
        f"Date:    {_when(e)}",
        f"Subject: {e.get('subject', '')}",
    ]
    for a in e.get("attachments") or ():
        lines.append(f"File:    {a['name']} ({a['size']} bytes, {a['file']})")
    if parsed is not None and parsed.problems:
        lines.append("Note:    " + "; ".join(parsed.problems))
    text = parsed.incoming.text if parsed is not None else e.get("excerpt", "")
    return "\n".join(lines) + "\n\n" + text.rstrip() + "\n"


def describe(e: Mapping, n: int, rid: int) -> str:
    """One timeline line for a message event (``foi show``)."""
    what = {"message": "reply", "acknowledged": "acknowledged", "bounced": "bounced"}.get(e["type"], e["type"])
    if e.get("kind") == "auto-reply":
        what = "automatic reply"
    elif e["type"] == "acknowledged" and e.get("kind") == "out-of-office":
        what = "acknowledged (out-of-office reply)"
    bits = [f"{what} from {e.get('from', '?')}"]
    if e.get("ref"):
        bits.append(f"ref {e['ref']}")
    if e["type"] == "bounced":
        bits.append(f"{e.get('address', '')} {'failing' if e.get('permanent', True) else 'delayed'}")
    bits.append(f"“{e.get('subject', '')}”")
    files = e.get("attachments") or ()
    if files:
        bits.append(", ".join(f"file {a['name']}" for a in files))
    bits.append(f"[foi show {rid} --message {n}]")
    return "; ".join(bits)


def _when(e: Mapping) -> str:
    """The time a message was sent, in UK time, as people read it."""
    from datetime import datetime

    from ..dates import human
    from ..domain.mail.record import UK

    if not e.get("time"):
        return human(date.fromisoformat(e["date"]))
    t = datetime.fromisoformat(e["time"].replace("Z", "+00:00")).astimezone(UK)
    return f"{human(t.date())} {t:%H:%M} (UK time)"
