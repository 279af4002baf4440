"""`foi mail send`: email drafted letters, never one twice.

Each letter is marked "sending" (with the Message-ID chosen for it) in the
store before a byte of it goes to the server, and recorded as sent once the
server has accepted it; the store write that records one letter also marks
the next, so a batch costs one store write per letter.  A letter whose mark
is still there on the next run may have gone (the process or the connection
died between the two writes) and is reported, never resent silently.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from ..domain.timeline import first, pending_draft
from ..errors import FoiError, MailError, NotFound, UsageError
from ..vocab import Event, LetterKind, Regime, Via

MAYBE = "may have been sent"


@dataclass
class Letter:
    """One drafted letter and where it would go."""

    rid: int
    uid: str
    authority: str
    kind: str
    to: str
    subject: str
    body: str
    verified: bool
    problem: str = ""  # why it will not go: "", or a sentence
    resend: bool = False
    #: the requester the letter was drafted for, and the address it gives for the answer
    signed_by: str = ""
    reply_address: str = ""


@dataclass
class SendReport:
    sent: list[tuple[Letter, str]] = field(default_factory=list)  # (letter, Message-ID)
    not_sent: list[tuple[Letter, str]] = field(default_factory=list)  # (letter, why)
    maybe: list[tuple[Letter, str]] = field(default_factory=list)
    held: list[tuple[Letter, str]] = field(default_factory=list)  # never tried: no or unverified address
    sent_copies: list[bytes] = field(default_factory=list)  # for imap.sent_folder
    copy_problem: str = ""  # why the copies could not be put in the Sent folder

    @property
    def ok(self) -> bool:
        return not self.not_sent and not self.maybe and not self.held


# -- planning ----------------------------------------------------------------


def regulator_address(req: Mapping, cfg) -> tuple[str, bool]:
    """Where a complaint goes: the ICO, or the Scottish Information Commissioner."""
    if req.get("regime") in Regime.SCOTTISH:
        return cfg.sic_address, cfg.sic_verified
    return cfg.ico_address, cfg.ico_verified


def failing_addresses(requests: Iterable[Mapping]) -> dict[str, str]:
    """Addresses whose last permanent bounce came after the last letter sent
    to them -> the day of that bounce."""
    bounced: dict[str, str] = {}
    sent: dict[str, str] = {}
    for req in requests:
        for e in req.get("events", ()):
            address = (e.get("address") if e.get("type") == Event.BOUNCED else e.get("to")) or ""
            if not address:
                continue
            if e.get("type") == Event.BOUNCED and e.get("permanent", True):
                bounced[address.lower()] = max(bounced.get(address.lower(), ""), e["date"])
            elif e.get("via") == Via.EMAIL:
                sent[address.lower()] = max(sent.get(address.lower(), ""), e["date"])
    return {a: d for a, d in bounced.items() if sent.get(a, "") <= d}


def plan_letter(req: Mapping, cfg, failing: Mapping[str, str], resend: bool = False) -> Letter | None:
    """The pending letter of ``req`` (None when it has nothing to send)."""
    from ..mail.compose import split_letter

    pending = pending_draft(req.get("events", []))
    if pending is None:
        return None
    draft = pending[1]
    kind = draft.get("kind", LetterKind.REQUEST)
    if kind == LetterKind.COMPLAINT:
        to, verified = regulator_address(req, cfg)
    else:
        to, verified = (req.get("to_email") or "").strip(), bool(req.get("email_verified"))
    subject, body = split_letter(draft.get("letter", ""), req.get("subject") or "")
    letter = Letter(req["id"], req.get("uid", ""), req.get("authority_name", ""), kind, to, subject, body, verified)
    requester = req.get("requester") or {}
    letter.signed_by, letter.reply_address = requester.get("name") or "", requester.get("email") or ""
    if not to:
        letter.problem = NO_ADDRESS
    elif to.lower() in failing:
        letter.problem = f"{to} bounced on {failing[to.lower()]}"
        letter.verified = False
    if draft.get("sending"):
        if resend:
            letter.resend = True
        else:
            letter.problem = MAYBE
    return letter


def plan(requests: list[Mapping], all_requests: list[Mapping], cfg, resend: bool = False) -> tuple[list[Letter], list]:
    """(letters to consider, [(request, why nothing goes)])."""
    failing = failing_addresses(all_requests)
    letters, nothing = [], []
    for req in requests:
        letter = plan_letter(req, cfg, failing, resend)
        if letter is None:
            sent = first(req.get("events", ()), Event.SENT)
            nothing.append((req, f"already sent on {sent['date']}" if sent else "no drafted letter"))
        else:
            letters.append(letter)
    return letters, nothing


NO_ADDRESS = "no email address"


def hold_unsendable(letters: list[Letter], allow_unverified: bool) -> tuple[list[Letter], list[tuple[Letter, str]]]:
    """(letters that may go, [(letter held back, why)]).  A letter with no
    address never goes; one to an unverified (or bouncing) address goes only
    with ``allow_unverified``; one that may have been sent is reported
    elsewhere and neither goes nor is held.  The rest of the batch goes."""
    todo: list[Letter] = []
    held: list[tuple[Letter, str]] = []
    for x in letters:
        if x.problem == MAYBE:
            continue
        if x.problem == NO_ADDRESS:
            held.append((x, NO_ADDRESS))
        elif not x.verified and not allow_unverified:
            held.append((x, f"unverified address {x.to}" + (f" ({x.problem})" if x.problem else "")))
        else:
            todo.append(x)
    return todo, held


@dataclass
class Batch:
    """What ``foi mail send`` would do with the letters asked for."""

    todo: list[Letter]  # they go
    held: list[tuple[Letter, str]]  # (letter, why): no address, or an unverified one
    maybe: list[Letter]  # may have been sent already: reported, neither sent nor held
    nothing: list  # (request, why) for a request named that has no letter to send
    sender: str = ""  # the From address

    @property
    def unverified(self) -> list[Letter]:
        """Letters that go (``--allow-unverified``) to addresses nobody has checked."""
        return [x for x in self.todo if not x.verified]

    @property
    def answered_elsewhere(self) -> list[Letter]:
        """Letters that go from ``sender`` but ask for the answer at another address (a
        coalition member's letter sent by someone else): the authority may reply there,
        where `foi mail fetch` does not look."""
        me = self.sender.strip().casefold()
        return [x for x in self.todo if me and x.reply_address and x.reply_address.strip().casefold() != me]


def prepare_batch(
    store, ids: tuple[int, ...], campaign: str | None, cfg, *, resend: bool = False, allow_unverified: bool = False
) -> Batch:
    """Which of the letters named by ``ids`` or ``campaign`` go, and why the others do not."""
    letters, nothing = select(store, ids, campaign, cfg, resend)
    todo, held = hold_unsendable(letters, allow_unverified)
    return Batch(todo, held, [x for x in letters if x.problem == MAYBE], nothing, cfg.sender)


# -- sending -----------------------------------------------------------------
#
# Each letter is noted "sending <Message-ID>" in the outbox journal beside the
# store (fsynced) before it goes to the server, and its outcome after; the
# batch is recorded in the store in one write at the end, and the journal
# removed.  A journal left by a crash is applied first by the next run: a
# letter noted "sending" with no outcome is marked in the store as one that
# may have been sent.


def _mark_sending(req: dict, message_id: str, to: str, now: str) -> dict:
    events = list(req.get("events", []))
    index, draft = pending_draft(events)
    mark = dict(draft.get("sending") or {})
    earlier = list(mark.get("earlier_message_ids", ())) + list(draft.get("sending_earlier", ()))
    if mark.get("message_id"):
        earlier.append(mark["message_id"])
    mark = {"message_id": message_id, "to": to, "at": now}
    if earlier:
        mark["earlier_message_ids"] = earlier
    events[index] = {**{k: v for k, v in draft.items() if k != "sending_earlier"}, "sending": mark}
    return {**req, "events": events}


def _apply(req: dict, sending: Mapping, outcome: Mapping | None, today: date) -> dict:
    """Record one attempt (its journal entries) on the request."""
    from ..mail.smtp import NOT_SENT, SENT
    from .timeline import send as record_send

    if pending_draft(req.get("events", [])) is None:  # recorded meanwhile by `foi send`
        return req
    req = _mark_sending(req, sending["message_id"], sending["to"], sending["at"])
    status = (outcome or {}).get("status")
    if status == SENT:
        details = {"message_id": sending["message_id"], "to": sending["to"], "time": outcome.get("time")}
        return record_send(req, today, Via.EMAIL, today, details)[0]
    events = list(req["events"])
    index, draft = pending_draft(events)
    if status == NOT_SENT:  # the mark goes; the letter waits for the next run
        mark = draft["sending"]
        events[index] = {k: v for k, v in draft.items() if k != "sending"}
        if mark.get("earlier_message_ids"):
            events[index]["sending_earlier"] = mark["earlier_message_ids"]
    else:  # may have been sent (the connection broke after the data, or foi died)
        detail = (outcome or {}).get("detail") or "foi stopped before the server's answer was recorded"
        events[index] = {**draft, "sending": {**draft["sending"], "status": MAYBE, "detail": detail}}
    return {**req, "events": events}


def apply_journal(store_path: Path, today: date, entries: list[dict]) -> None:
    """Record the attempts of a journal in the store (one write)."""
    from ..store import open_store

    outcomes = {e["message_id"]: e for e in entries if e.get("op") == "done"}
    attempts = [e for e in entries if e.get("op") == "sending"]
    if not attempts:
        return
    with open_store(store_path, write=True) as store:
        changed: dict[int, dict] = {}
        for e in attempts:
            try:
                req = changed.get(e["rid"]) or store.get_request(e["rid"])
            except NotFound:  # deleted meanwhile
                continue
            changed[e["rid"]] = _apply(req, e, outcomes.get(e["message_id"]), today)
        store.update_requests(changed.values())


@contextmanager
def outbox(store_path: Path, today: date) -> Iterator:
    """One `foi mail send` at a time; what a crashed one left is recorded first."""
    from ..store.journal import Journal

    with Journal(store_path, "outbox") as journal:
        left = journal.read()
        if left:
            apply_journal(store_path, today, left)
            journal.remove()
        yield journal


def _utc_now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def send_letters(
    store_path: Path,
    today: date,
    letters: list[Letter],
    cfg,
    journal,
    *,
    on_each: Callable[[Letter, str, str], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendReport:
    """Send ``letters`` over one SMTP connection, recording each outcome
    (``journal`` from :func:`outbox`)."""
    from ..mail.smtp import SmtpConnection

    if not cfg.sender:
        raise MailError("no address to send from", "foi config set email you@example.org", stage="config")
    report = SendReport()
    conn = SmtpConnection(cfg.smtp, cfg.password("smtp")).open()
    try:
        for n, letter in enumerate(letters):
            if conn.smtp is None:  # the connection was lost: the rest wait for the next run
                report.not_sent.append((letter, "not tried: the connection to the server was lost"))
                continue
            if n and cfg.pace:
                sleep(cfg.pace)
            status, detail = _send_one(conn, letter, cfg, journal, report)
            if on_each is not None:
                on_each(letter, status, detail)
    finally:
        conn.close()
        journal.sync()
        try:
            apply_journal(store_path, today, journal.read())
        except FoiError as exc:
            raise FoiError(
                f"the letters sent could not be recorded in the store yet ({exc.message})",
                "run the same `foi mail send` again: it records them first, and sends nothing twice",
            ) from None
        journal.remove()
    if report.sent_copies:
        report.copy_problem = copy_to_sent_folder(cfg, report.sent_copies)
    return report


def send_batch(store_path: Path, today: date, batch: Batch, cfg, journal, *, on_each=None) -> SendReport:
    """Send the batch's letters (:func:`send_letters`); its report names those held back too."""
    report = send_letters(store_path, today, batch.todo, cfg, journal, on_each=on_each)
    report.held = batch.held
    return report


def copy_to_sent_folder(cfg, messages: list[bytes]) -> str:
    """Put a copy of each letter sent in the IMAP Sent folder; "" or what went wrong
    (the letters went: this is only a convenience)."""
    from ..mail.sources import ImapReader

    try:
        reader = ImapReader(cfg.imap, cfg.password("imap"), cfg.sent_folder).open()
        try:
            reader.append(cfg.sent_folder, messages)
        finally:
            reader.close()
    except FoiError as exc:
        return exc.message
    return ""


def _send_one(conn, letter: Letter, cfg, journal, report: SendReport) -> tuple[str, str]:
    from ..mail.compose import build, new_message_id, sender_address, to_bytes
    from ..mail.smtp import MAYBE_SENT, SENT

    token = _token(letter)
    message_id = new_message_id(token, cfg.sender)
    now = datetime.now(timezone.utc)
    msg = build(
        letter_for_compose(letter),
        sender=cfg.sender,
        sender_name=cfg.sender_name,
        message_id=message_id,
        when=now,
        plus_addressing=cfg.plus_addressing,
    )
    at = now.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    journal.append([{"op": "sending", "rid": letter.rid, "message_id": message_id, "to": letter.to, "at": at}])
    outcome = conn.send(sender_address(cfg.sender, token, cfg.plus_addressing), letter.to, to_bytes(msg))
    done = {"op": "done", "message_id": message_id, "status": outcome.status, "detail": outcome.detail}
    journal.append([{**done, "time": _utc_now()}], sync=False)
    if outcome.status == SENT:
        report.sent.append((letter, message_id))
        if cfg.sent_folder and cfg.imap.host:
            report.sent_copies.append(to_bytes(msg))
    elif outcome.status == MAYBE_SENT:
        report.maybe.append((letter, outcome.detail))
    else:
        report.not_sent.append((letter, outcome.detail))
    return outcome.status, outcome.detail


def _token(letter: Letter) -> str:
    from ..domain.mail.token import token_for

    if not letter.uid:
        raise MailError(f"request {letter.rid} has no permanent uid", "run `foi doctor`", stage="config")
    return token_for(letter.uid)


def letter_for_compose(letter: Letter):
    from ..mail.compose import Outgoing

    return Outgoing(letter.rid, letter.uid, letter.to, letter.subject, letter.body, letter.kind)


def select(store, ids: tuple[int, ...], campaign: str | None, cfg, resend: bool = False):
    """The letters of the requests named by ``ids`` or ``--campaign``."""
    from .selection import check_campaign, filter_requests

    everything = store.requests()
    if not ids and campaign is None:
        raise UsageError("which letters?", "give request ids (3, 2-48, 3,5,9) or --campaign NAME")
    if campaign is not None:
        check_campaign(everything, campaign)
        chosen = filter_requests(everything, campaign=campaign)
        if ids:
            chosen = [r for r in chosen if r["id"] in set(ids)]
    else:
        chosen = [store.get_request(rid) for rid in ids]
    chosen = [store.with_letters(r) for r in chosen]  # (the letters' text is in files beside the store)
    letters, nothing = plan(chosen, everything, cfg, resend)
    if campaign is not None and not ids:
        nothing = []  # a campaign's already-sent requests are not worth a line each
    return letters, nothing
