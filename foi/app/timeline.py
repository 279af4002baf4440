"""Recording one event on a request's timeline: any event (checked against
the timeline), sending the pending draft, and the files that came with a
response (copied beside the store, named by their SHA-256).  The commands
that use them over a selection of requests are in :mod:`foi.app.recording`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from ..domain.timeline import SENDS, AlreadyAnswered, AlreadyDone, check_new_event, first, insert_event, pending_draft
from ..errors import InvalidEvent, UsageError
from ..ids import new_uid
from ..vocab import Event, Via


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
