"""Recording events on a request's timeline (`foi send`, `foi respond`,
`foi log`): any event (checked against the timeline), sending the pending
draft, and the files that came with a response (copied beside the store,
named by their SHA-256)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..domain.timeline import SENDS, AlreadyAnswered, AlreadyDone, check_new_event, first, insert_event, pending_draft
from ..errors import InvalidEvent, UsageError
from ..ids import new_uid
from ..vocab import Event, Outcome, ReviewOutcome, Via


def add_event(req: dict, event: dict, today: date, refuse_repeat: bool = True) -> dict:
    """Check and add ``event``; returns the updated request (a new dict).

    An event exactly like one already on the timeline is refused (unless
    ``refuse_repeat`` is false, as for `foi send`, whose letters are drafts)."""
    uid = event.get("uid") or new_uid()
    event = {k: _clean(k, v) for k, v in event.items() if v not in (None, "", [], ()) and k != "uid"}
    repeated = (
        refuse_repeat and event["type"] != Event.DRAFTED and any(_same_event(event, e) for e in req.get("events", ()))
    )
    try:
        check_new_event(req, event, today)
    except AlreadyAnswered:
        if not repeated:
            raise
    if repeated:
        # the same command run twice (shell history, a second terminal)
        from ..dates import human

        raise AlreadyDone(
            f"request {req.get('id', '?')} already has this {event['type']} on "
            f"{human(date.fromisoformat(event['date']))}; nothing was changed",
            f"see `foi show {req.get('id', '?')}`",
        )
    out = dict(req)
    out["events"] = insert_event(req.get("events", []), {"uid": uid, **event})
    return out


#: Event fields that are texts (line breaks kept); "raw" is a message as received, never changed.
_TEXTS = ("letter", "note", "excerpt")


def _clean(key: str, value):
    """No terminal escape sequences or control characters in what is stored (issue 14.7)."""
    from ..domain.safe_text import clean_line, clean_text

    if key == "raw":
        return value
    if isinstance(value, str):
        return clean_text(value) if key in _TEXTS else clean_line(value)
    if isinstance(value, list):
        return [clean_line(v) if isinstance(v, str) else v for v in value]
    return value


def _same_event(new: Mapping, old: Mapping) -> bool:
    """Whether ``old`` records what ``new`` says (its permanent uid aside)."""
    return len(old) - ("uid" in old) == len(new) and all(old.get(k, _MISSING) == v for k, v in new.items())


_MISSING = object()


WDTK_REQUEST = "https://www.whatdotheyknow.com/request/"


def check_public_url(url: str | None, via: str, ids: Sequence[int]) -> str | None:
    """``send --url``: a WhatDoTheyKnow request page, for one request sent there."""
    if url is None:
        return None
    url = url.strip()
    if len(set(ids)) != 1:
        raise UsageError("--url is one request's page: give one id", "for example: foi send 12 --url URL")
    if via != Via.WHATDOTHEYKNOW:
        raise UsageError(
            "--url is for a request made on WhatDoTheyKnow", "use --via whatdotheyknow, or leave --url out"
        )
    slug = url[len(WDTK_REQUEST) :] if url.startswith(WDTK_REQUEST) else ""
    if not slug or any(c.isspace() or c in "\"'<>" for c in slug):
        raise UsageError(
            f"{url!r} is not a WhatDoTheyKnow request page", f"it looks like {WDTK_REQUEST}your_request_title"
        )
    return url


def send(req: dict, on: date, via: str | None, today: date, details: Mapping | None = None) -> tuple[dict, str]:
    """Record that the pending draft went out.  Returns (request, letter kind).

    ``details`` are added to the send event (`foi mail send`: ``message_id``,
    ``to``, ``time``).  A draft `foi mail send` marked as "sending" (it may
    have gone) passes its Message-ID on, so that replies to it are matched."""
    events = list(req.get("events", []))
    pending = pending_draft(events)
    if pending is None:
        sent = first(events, Event.SENT)
        if sent is not None:
            from ..dates import human

            raise AlreadyDone(
                f"request {req['id']} was already sent on {human(date.fromisoformat(sent['date']))} "
                "and has no new draft to send",
                f"draft a follow-up first (`foi chase {req['id']}`), or record an event with `foi log`",
            )
        raise InvalidEvent(f"request {req['id']} has no drafted letter to send")
    index, draft = pending
    kind = draft.get("kind", "request")
    event_type = SENDS.get(kind, Event.CHASED)
    event = {"type": event_type, "date": on.isoformat(), "via": via, "letter_kind": kind}
    if event_type == Event.SENT:
        event.pop("letter_kind")
    sending = draft.get("sending") or {}
    event.update({k: sending[k] for k in ("message_id", "to", "earlier_message_ids") if sending.get(k)})
    event.update(details or {})
    out = add_event(req, event, today, refuse_repeat=False)
    new_events = list(out["events"])
    # mark the draft as sent (drafts are foi's bookkeeping, not statutory events)
    for i, e in enumerate(new_events):
        if e is draft or (e.get("type") == Event.DRAFTED and e == draft):
            new_events[i] = {**{k: v for k, v in draft.items() if k != "sending"}, "sent_on": on.isoformat()}
            break
    out["events"] = new_events
    return out, kind


def store_attachments(store_path: Path, files: Sequence[Path]) -> list[dict]:
    """Copy files into the attachments folder beside the store, named by
    their sha256; returns their records for the event."""
    from ..store import put_file

    out = []
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise UsageError(f"no such file: {f}", "check the path given to --file")
        out.append(put_file(store_path, f))
    return out


# -- the use cases: `foi send`, `foi respond`, `foi log` ---------------------------


@dataclass(frozen=True)
class Sent:
    """A letter recorded as sent: the request as stored now, which letter
    (a LetterKind) and where the request stands."""

    request: dict
    kind: str
    assessment: Any


def send_drafts(app, ids: Sequence[int], on: date, via: str, url: str | None = None) -> list[Sent]:
    """Record that the newest unsent draft of each request went out."""
    from .views import assess

    url = check_public_url(url, via, ids)
    results = []
    with app.write() as store:
        calendars = app.calendars(store)
        updated = []
        for rid in dict.fromkeys(ids):
            new, kind = send(store.get_request(rid), on, via, app.today, details={"url": url} if url else None)
            updated.append(new)
            results.append(Sent(new, kind, assess(new, app.today, calendars)))
        store.update_requests(updated)
    return results


def record(app, rid: int, event: dict, files: Sequence[str | Path] = ()) -> dict:
    """Check ``event`` against request ``rid``'s timeline, copy the files that
    came with it (only once the event is known to be accepted) and store it;
    returns the request as stored."""
    with app.write() as store:
        req = store.get_request(rid)
        add_event(req, event, app.today)  # check before copying any file
        if files:
            event = {**event, "attachments": store_attachments(app.store_path, [Path(f) for f in files])}
        new = add_event(req, event, app.today)
        store.update_requests([new])
    return new


def respond(app, rid: int, outcome: str, on: date, exemptions: Sequence[str] = (), ref=None, note=None, files=()):
    """`foi respond`: the authority's response; returns the request as stored."""
    event = {
        "type": Event.RESPONSE,
        "date": on.isoformat(),
        "outcome": outcome,
        "exemptions": [e.strip() for e in exemptions if e.strip()],
        "ref": ref,
        "note": note,
    }
    return record(app, rid, event, files)


@dataclass(frozen=True)
class Logged:
    """What `foi log` was given (the options that apply to some events only)."""

    note: str | None = None
    until: date | None = None
    ref: str | None = None
    outcome: str | None = None
    exemptions: Sequence[str] = ()
    amount: str | None = None
    files: Sequence[str | Path] = ()


def log_event(app, rid: int, event_type: str, on: date, given: Logged) -> dict:
    """`foi log`: any other event; returns the request as stored."""
    check_log_options(event_type, on, given)
    event = {
        "type": event_type,
        "date": on.isoformat(),
        "note": given.note,
        "ref": given.ref,
        "outcome": given.outcome,
        "exemptions": [e.strip() for e in given.exemptions if e.strip()],
        "amount": given.amount,
        "until": given.until.isoformat() if given.until else None,
    }
    return record(app, rid, event, given.files)


#: `foi log` options that only mean something for some events (the others
#: would be stored and never used, and the user would think they counted).
_LOG_OPTION_EVENTS = {
    "until": (Event.EXTENDED,),
    "amount": (Event.FEE_NOTICE, Event.FEE_PAID),
    "outcome": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION, Event.APPEAL),
    "exemptions": (Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION),
}


def check_log_options(event_type: str, on: date, given: Logged) -> None:
    """Refuse options that mean nothing for ``event_type``, and events that
    miss what they need."""
    from ..dates import human

    for name, allowed in _LOG_OPTION_EVENTS.items():
        if getattr(given, name) and event_type not in allowed:
            option = "--" + name.rstrip("s")
            raise UsageError(
                f"{option} does not apply to {event_type}",
                f"it is for {_or(allowed)} only; leave it out, or put it in --note",
            )
    if given.until is not None and given.until <= on:
        raise UsageError(
            f"--until {human(given.until)} is not after the day of the extension ({human(on)})",
            "give the new date the authority promised its response by",
        )
    if event_type == Event.NOTE and not given.note:
        raise UsageError("a note needs text", 'use --note "..."')
    if event_type == Event.REVIEW_RESPONSE and given.outcome and given.outcome not in ReviewOutcome.ALL:
        raise UsageError(f"unknown review outcome {given.outcome!r}", f"use one of {', '.join(ReviewOutcome.ALL)}")
    if event_type == Event.RESPONSE and given.outcome not in Outcome.ALL:
        raise UsageError("a response needs --outcome", f"use one of {', '.join(Outcome.ALL)}, or `foi respond`")


def _or(words) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
