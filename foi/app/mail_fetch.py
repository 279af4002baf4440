"""`foi mail fetch`: read replies and file each against its request.

Messages are read (IMAP read-only, a Maildir, an mbox, .eml files), parsed,
and processed in date order, so that a reference learnt from an
acknowledgement applies to the replies after it in the same fetch.  A
message already recorded (same Message-ID and same content hash) is
skipped; two different messages that share a Message-ID are both kept.
What matches nothing, or could not be fully parsed, goes to the inbox
(`foi mail inbox`) with a best guess.  One store write at the end, after the
message files are on disk.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ..domain.mail.match import norm_id

INBOX_NEW, INBOX_IGNORED, INBOX_ASSIGNED = "new", "ignored", "assigned"


@dataclass
class FetchReport:
    read: int = 0
    duplicates: int = 0
    filed: list[tuple[int, str, str]] = field(default_factory=list)  # (request id, event type, one line)
    inbox: list[tuple[int, str]] = field(default_factory=list)  # (inbox id, one line)
    unparsable: int = 0
    failing: list[tuple[int, str]] = field(default_factory=list)  # (request id, address)


@dataclass
class _Item:
    raw: bytes
    parsed: object  # foi.mail.parse.Parsed
    origin: str


def _sources(specs: Iterable[str], cfg, state: dict, mark_read: bool) -> Iterator:
    from ..mail import sources as src

    for spec in specs:
        kind, path = src.parse_source(spec)
        if kind == "imap":
            yield from _imap(cfg, state, mark_read)
        elif kind == "maildir":
            yield from src.read_maildir(Path(path).expanduser())
        elif kind == "mbox":
            yield from src.read_mbox(Path(path).expanduser())
        else:
            yield from src.read_eml([Path(path).expanduser()])


def _imap(cfg, state: dict, mark_read: bool) -> Iterator:
    from ..errors import MailError
    from ..mail.sources import ImapReader, ImapState

    if not cfg.imap.host:
        raise MailError("no IMAP server set", "foi config set imap.host imap.example.org, or give --from")
    # one field per mailbox: members of a coalition sharing the store each
    # fetch their own, and a merge keeps each one's place
    key = f"imap {cfg.imap.user}@{cfg.imap.host}:{cfg.imap.port}/{cfg.imap_folder}"
    saved = state.get(key) or {}
    folder_state = ImapState(saved.get("uidvalidity"), int(saved.get("last_uid") or 0))
    reader = ImapReader(cfg.imap, cfg.password("imap"), cfg.imap_folder).open()
    try:
        uids = []
        for message in reader.messages(folder_state, mark_read=mark_read):
            uids.append(message.imap_uid)
            yield message
        if mark_read:
            reader.mark_read(uids)
    finally:
        reader.close()
    state[key] = folder_state.to_dict()


def read_all(specs: Iterable[str], cfg, state: dict, mark_read: bool = False, progress=None) -> list[_Item]:
    """Every message of the sources, parsed, oldest first.  ``progress``, if
    given, is told ``start(count)`` once the messages are read, then
    ``step()`` after each is parsed (the slow part)."""
    from ..mail.parse import parse

    messages = list(_sources(specs, cfg, state, mark_read))
    if progress is not None:
        progress.start(len(messages))
    items = []
    for message in messages:
        items.append(_Item(message.raw, parse(message.raw, message.fallback_date), message.origin))
        if progress is not None:
            progress.step()
    far = datetime.max.replace(tzinfo=timezone.utc)
    items.sort(key=lambda it: it.parsed.incoming.date or far)
    return items


def _seen(store) -> set[tuple[str, str]]:
    seen = set()
    for req in store.requests():
        for e in req.get("events", ()):
            if e.get("hash"):
                seen.add((norm_id(e.get("message_id") or ""), e["hash"]))
    for entry in store.inbox():
        seen.add((norm_id(entry.get("message_id") or ""), entry.get("hash", "")))
    return seen


def file_messages(store, items: list[_Item], today: date, blobs) -> FetchReport:
    """Record ``items`` in ``store`` (opened for writing)."""
    from ..domain.mail.match import build_index

    report = FetchReport(read=len(items))
    seen = _seen(store)
    requests = {r["uid"]: dict(r) for r in store.requests() if r.get("uid")}
    index = build_index(requests.values())
    changed: dict[str, dict] = {}
    new_inbox: list[dict] = []
    for item in items:
        p = item.parsed
        key = (norm_id(p.incoming.message_id), p.content_hash)
        if key in seen:
            report.duplicates += 1
            continue
        seen.add(key)
        if not p.complete:
            report.unparsable += 1
        found, filed = _file_one(item, requests, index, today, blobs, report)
        for uid in filed:
            changed[uid] = requests[uid]
        if not filed:
            new_inbox.append(_inbox_entry(item, found, requests, today, blobs))
    blobs.flush()
    if changed:
        store.update_requests(changed.values())
    if new_inbox:
        for entry_id, entry in zip(store.add_inbox(new_inbox), new_inbox):
            report.inbox.append((entry_id, f"{entry.get('from', '?')}: {entry.get('subject', '')}"))
    return report


def _file_one(item: _Item, requests: dict, index, today: date, blobs, report: FetchReport):
    """File a fully parsed, matched message on its requests: (the match, their uids)."""
    from ..domain.mail.classify import classify
    from ..domain.mail.match import match

    p = item.parsed
    found = match(p.incoming, index)
    if not found.uids or not p.complete:
        return found, []
    verdict = classify(p.incoming)
    filed = []
    for uid in found.uids:
        event = record_on(requests[uid], item, verdict, found.how, today, blobs, index)
        if event is None:
            continue
        filed.append(uid)
        rid = requests[uid]["id"]
        report.filed.append((rid, event["type"], _line(event)))
        if event["type"] == "bounced" and event.get("permanent"):
            report.failing.append((rid, event.get("address", "")))
    return found, filed


def record_on(req: dict, item: _Item, verdict, how: str, today: date, blobs, index=None) -> dict | None:
    """Add the event for ``item`` to ``req`` (in place); the event, or None."""
    from ..domain.mail.record import event_for, message_fields
    from ..errors import InvalidEvent
    from .timeline import add_event

    p = item.parsed
    fields = message_fields(p.incoming, p.content_hash, today)
    fields["raw_sha256"] = blobs.put_raw(item.raw)
    fields["attachments"] = [blobs.put(a.data, a.name) for a in p.attachments if not a.inline] or None
    fields["how"] = how
    event = event_for(req, p.incoming, verdict, fields)
    try:
        new = add_event(req, event, today, refuse_repeat=False)
    except InvalidEvent:  # an acknowledgement that cannot come yet: keep it as a message
        event = {**event, "type": "message", "kind": "auto-reply"}
        new = add_event(req, event, today, refuse_repeat=False)
    req.clear()
    req.update(new)
    if index is not None:
        index.learn_message_id(req["uid"], p.incoming.message_id)
        if event.get("ref"):
            index.learn_ref(req["uid"], event["ref"])
    return event


def _line(event: dict) -> str:
    what = {"message": "reply", "acknowledged": "acknowledgement", "bounced": "bounce"}.get(
        event["type"], event["type"]
    )
    if event.get("kind") == "auto-reply":
        what = "automatic reply"
    ref = f" (ref {event['ref']})" if event.get("ref") else ""
    return f"{what} from {event.get('from', '')} on {event['date']}{ref}"


def _inbox_entry(item: _Item, found, requests: dict, today: date, blobs) -> dict:
    from ..domain.mail.classify import classify
    from ..domain.mail.record import message_fields

    p = item.parsed
    guess = found.uids[0] if found.uids else found.guess
    entry = {
        **message_fields(p.incoming, p.content_hash, today),
        "raw_sha256": blobs.put_raw(item.raw),
        "kind": classify(p.incoming).kind,
        "guess": guess,
        "guess_id": requests[guess]["id"] if guess in requests else None,
        "why": found.why,
        "problems": list(p.problems),
        "status": INBOX_NEW,
        "origin": item.origin,
    }
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def fetch(store_path: Path, today: date, specs: list[str], cfg, mark_read: bool = False, progress=None) -> FetchReport:
    from ..mail.blobs import Blobs
    from ..store import open_store

    with open_store(store_path) as store:
        state = store.mail_state()
    items = read_all(specs, cfg, state, mark_read, progress)
    with open_store(store_path, write=True) as store:
        report = file_messages(store, items, today, Blobs(store_path))
        if state:
            store.set_mail_state(state)
    return report
