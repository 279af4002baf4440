"""Application services: what each command does, as plain functions over an
open :class:`foi.store.Store`.  No click, no rich: usable from Python.

A request record in the store::

    {"id": 12, "authority_id": "...", "authority_name": "...", "authority_kind": "...",
     "nation": "england", "regime": "foia", "subject": "...", "campaign": "hiu" | null,
     "template": "hiu-scheme", "to_email": "..." | "", "email_verified": false,
     "wdtk_url_name": "...", "created": "2026-11-23", "vars": {...},
     "events": [...], "findings": {...},
     "uid": "01J...", "created_by": "Sam Smith", "requester": {"name", "email", "address"}}

``uid`` (and each event's ``uid``) is the permanent id (:mod:`foi.ids`);
``created_by`` is who drafted it and ``requester`` the person in whose name
the letter went, whose details every follow-up letter repeats.

Its stage and due dates are never stored: :func:`assess` derives them.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .domain.timeline import SENDS, check_new_event, first, insert_event, pending_draft
from .errors import FoiError, InvalidEvent, NotFound, UsageError
from .ids import new_uid
from .vocab import Event, Nation

# -- reading ----------------------------------------------------------------

_assess = None


def assess(req: Mapping, today: date, calendars=None):
    global _assess
    if _assess is None:  # the deadline engine is imported on first use (called per request)
        from .domain.clock import assess as _assess

    return _assess(req["regime"], req.get("nation", Nation.DEFAULT), req.get("events", ()), today, calendars)


def request_view(req: Mapping, today: date, calendars=None) -> dict:
    """The stable JSON shape of a request in `foi list --json` and friends."""
    a = assess(req, today, calendars)
    response = first(req.get("events", ()), Event.RESPONSE)
    return {
        "id": req["id"],
        "uid": req.get("uid"),
        "member": member_of(req),
        "conflicts": len(req.get("conflicts") or ()),
        "authority": req.get("authority_name", ""),
        "authority_id": req.get("authority_id", ""),
        "authority_kind": req.get("authority_kind", ""),
        "regime": req["regime"],
        "campaign": req.get("campaign"),
        "subject": req.get("subject", ""),
        "stage": a.stage,
        "actor": a.actor,
        "sent": _iso(a.sent),
        "due": _iso(a.due),
        "very_overdue": _iso(a.very_overdue),
        "days_left": a.days_left,
        "days_unit": a.days_unit,
        "overdue": a.overdue,
        "response_due": _iso(a.response_due),
        "answered": _iso(a.answered),
        "outcome": response.get("outcome") if response else None,
        "working_days_late": a.working_days_late,
        "rule": a.rule,
        "warnings": list(a.warnings),
    }


def member_of(req: Mapping) -> str | None:
    """Who in the coalition handles the request: whoever it was assigned to
    (`foi assign`), else whoever drafted it."""
    return req.get("member") or req.get("created_by") or None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def filter_requests(
    requests: Iterable[Mapping], campaign: str | None = None, authority_id: str | None = None
) -> list[Mapping]:
    out = []
    for r in requests:
        if campaign is not None and (r.get("campaign") or "") != campaign:
            continue
        if authority_id is not None and r.get("authority_id") != authority_id:
            continue
        out.append(r)
    return out


def check_campaign(requests: Iterable[Mapping], campaign: str | None) -> None:
    """Refuse a --campaign that names no request: a typo must not read as
    "nothing needs attention"."""
    if campaign is None:
        return
    names = sorted({r.get("campaign") for r in requests if r.get("campaign")})
    if campaign in names:
        return
    if not names:
        raise NotFound(
            f"no requests in campaign {campaign!r}: no request has a campaign yet",
            "draft with --campaign NAME, or leave --campaign out",
        )
    close = [n for n in names if n.casefold() == campaign.strip().casefold()]
    if close:
        hint = f"did you mean --campaign {close[0]}?"
    else:
        import difflib

        close = difflib.get_close_matches(campaign, names, n=1, cutoff=0.6)
        hint = (f"did you mean --campaign {close[0]}? " if close else "") + "campaigns: " + ", ".join(names)
    raise NotFound(f"no requests in campaign {campaign!r}", hint)


# -- drafting ---------------------------------------------------------------


def requester_from_config(config: Mapping) -> dict:
    """The requester's details; FOIA s.8(1)(b) (and FOISA s.8(1)(b)) need a
    name and an address for correspondence (an email address will do)."""
    name = (config.get("name") or "").strip()
    email = (config.get("email") or "").strip()
    address = (config.get("address") or "").strip()
    if not name:
        raise FoiError(
            "your name is not set: a request must give the requester's real name (FOIA s.8, FOISA s.8)",
            'set it once with: foi config set name "Your Name"',
        )
    if not (email or address):
        raise FoiError(
            "no address for correspondence is set: a request must give one (FOIA s.8, FOISA s.8)",
            'set it with: foi config set email you@example.org (or: foi config set address "...")',
        )
    return {"name": name, "email": email, "address": address}


def requester_of(req: Mapping, config: Mapping) -> dict:
    """In whose name a follow-up to ``req`` goes: the person who sent the
    request (recorded when it was drafted), whoever drafts the follow-up;
    for a request drafted before foi recorded it, the configured requester."""
    recorded = req.get("requester")
    if isinstance(recorded, Mapping) and (recorded.get("name") or "").strip():
        return {k: (recorded.get(k) or "").strip() for k in ("name", "email", "address")}
    return requester_from_config(config)


def authority_context(auth: Mapping) -> dict:
    keys = ("id", "name", "kind", "nation", "regime", "ods_code", "wdtk_url_name", "home_page", "foi_email")
    out = {k: auth.get(k) or "" for k in keys}
    out["email_verified"] = str(auth.get("email_verified") or "").lower() in ("yes", "true", "1")
    return out


def _duplicate_key(authority_id: str | None, subject: str | None, campaign: str | None) -> tuple:
    return (authority_id, (subject or "").strip().casefold(), campaign or "")


def duplicate_index(requests: Iterable[Mapping]) -> dict[tuple, Mapping]:
    """Requests by (authority, subject, campaign), built once so a batch
    checks each authority in constant time (the first request of a key wins)."""
    index: dict[tuple, Mapping] = {}
    for r in requests:
        index.setdefault(_duplicate_key(r.get("authority_id"), r.get("subject"), r.get("campaign")), r)
    return index


def draft_requests(
    store,
    config: Mapping,
    authorities: Sequence[Mapping],
    template: str,
    subject: str | None,
    campaign: str | None,
    variables: Mapping[str, str],
    body: str,
    today: date,
    user_templates: Path | None = None,
    allow_duplicate: bool = False,
    editor=None,
) -> list[dict]:
    """Render ``template`` for each authority and store one request each.

    Everything is rendered and checked before anything is stored, so one
    bad authority or missing variable leaves the store untouched."""
    records = prepare_requests(
        store.requests(),
        config,
        authorities,
        template,
        subject,
        campaign,
        variables,
        body,
        today,
        user_templates,
        allow_duplicate,
        editor,
    )
    # prepared from this very store, under the same lock: no need to check again
    return add_prepared(store, records, allow_duplicate, recheck=False)


def add_prepared(store, records: list[dict], allow_duplicate: bool = False, recheck: bool = True) -> list[dict]:
    """Store records made by :func:`prepare_requests`, checking again for
    duplicates unless ``recheck`` is false (records prepared from an older
    read of the store, while the letters were open in an editor, need it)."""
    if recheck and not allow_duplicate:
        index = duplicate_index(store.requests())
        for rec in records:
            dup = index.get(_duplicate_key(rec["authority_id"], rec["subject"], rec["campaign"]))
            if dup is not None:
                raise UsageError(
                    f"{rec['authority_name']} already has a request about {rec['subject']!r}"
                    f"{' in campaign ' + repr(rec['campaign']) if rec['campaign'] else ''} (request {dup['id']})",
                    "use --allow-duplicate to draft it again",
                )
    ids = store.add_requests(records)
    for rec, rid in zip(records, ids):
        rec["id"] = rid
    return records


def prepare_requests(
    existing: Sequence[Mapping],
    config: Mapping,
    authorities: Sequence[Mapping],
    template: str,
    subject: str | None,
    campaign: str | None,
    variables: Mapping[str, str],
    body: str,
    today: date,
    user_templates: Path | None = None,
    allow_duplicate: bool = False,
    editor=None,
) -> list[dict]:
    """The request records :func:`draft_requests` stores, without ids."""
    from . import letters
    from .domain.law import law_for

    if not authorities:
        raise UsageError("no authorities selected", "use --to AUTHORITY, --kind KIND or --tag TAG")
    requester = requester_from_config(config)
    info = letters.get_template_info(template, user_templates)
    if info.kind != "request":
        raise UsageError(
            f"template {template!r} is a {info.kind} letter, not a request",
            "see `foi templates list` for request templates",
        )
    explicit = (subject or variables.get("subject") or "").strip()

    def context_for(auth: Mapping, subject: str) -> tuple[str, dict]:
        regime = letters.regime_for(info, auth.get("regime") or "foia")
        return regime, {
            **dict(variables),
            "vars": dict(variables),
            "requester": requester,
            "authority": authority_context(auth),
            "regime": regime,
            "law": law_for(regime),
            "today": today,
            "subject": subject,
            "body": body,
            "campaign": campaign or "",
        }

    if explicit:
        subject = explicit
    else:
        # No --subject: use the template's own default subject (hiu-scheme has
        # one, sar says "my personal data"), read from the letter's
        # "Subject: <kind of letter> - <subject>" line.  A template with none
        # (foi, foia, eir...) needs --subject: its description is not a subject.
        probe = letters.render(template, context_for(authorities[0], "")[1], user_templates)
        subject = _subject_from_letter(probe)
        if not subject:
            raise UsageError(
                f"template {template!r} needs a subject: what is the request about?",
                'add --subject "a few words", e.g. --subject "Crisis team staffing"',
            )
    records = []
    seen_in_batch: set[str] = set()
    index = duplicate_index(existing) if not allow_duplicate else {}
    for auth in authorities:
        if not allow_duplicate:
            dup = index.get(_duplicate_key(auth["id"], subject, campaign))
            if dup is not None or auth["id"] in seen_in_batch:
                which = f"request {dup['id']}" if dup is not None else "this batch"
                raise UsageError(
                    f"{auth['name']} already has a request about {subject!r}"
                    f"{' in campaign ' + repr(campaign) if campaign else ''} ({which})",
                    "use --allow-duplicate to draft it again",
                )
        seen_in_batch.add(auth["id"])
        regime, context = context_for(auth, subject)
        text = letters.render(template, context, user_templates)
        if editor is not None:
            text = editor(text)
        records.append(
            {
                "uid": new_uid(),
                "created_by": requester["name"],
                "requester": requester,
                "authority_id": auth["id"],
                "authority_name": auth["name"],
                "authority_kind": auth.get("kind") or "",
                "nation": auth.get("nation") or Nation.DEFAULT,
                "regime": regime,
                "subject": subject,
                "campaign": campaign,
                "template": template,
                "to_email": auth.get("foi_email") or "",
                "email_verified": authority_context(auth)["email_verified"],
                "wdtk_url_name": auth.get("wdtk_url_name") or "",
                "created": today.isoformat(),
                "vars": dict(variables),
                "findings": {},
                "events": [
                    {
                        "uid": new_uid(),
                        "type": Event.DRAFTED,
                        "date": today.isoformat(),
                        "kind": "request",
                        "template": template,
                        "letter": text,
                    }
                ],
            }
        )
    return records


def _subject_from_letter(text: str) -> str:
    """``X`` from a letter whose first line is ``Subject: <kind> - X`` ("" if none)."""
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if not first_line.startswith("Subject:"):
        return ""
    _, sep, rest = first_line.partition(" - ")
    return rest.strip() if sep else ""


# -- recording events -----------------------------------------------------------


def add_event(req: dict, event: dict, today: date, refuse_repeat: bool = True) -> dict:
    """Check and add ``event``; returns the updated request (a new dict).

    An event exactly like one already on the timeline is refused (unless
    ``refuse_repeat`` is false, as for `foi send`, whose letters are drafts)."""
    uid = event.get("uid") or new_uid()
    event = {k: v for k, v in event.items() if v not in (None, "", [], ()) and k != "uid"}
    check_new_event(req, event, today)
    if refuse_repeat and event["type"] != Event.DRAFTED and any(_same_event(event, e) for e in req.get("events", ())):
        # the same command run twice (shell history, a second terminal)
        from .dates import human

        raise InvalidEvent(
            f"request {req.get('id', '?')} already has this {event['type']} on "
            f"{human(date.fromisoformat(event['date']))}; nothing was changed",
            f"see `foi show {req.get('id', '?')}`",
        )
    out = dict(req)
    out["events"] = insert_event(req.get("events", []), {"uid": uid, **event})
    return out


def _same_event(new: Mapping, old: Mapping) -> bool:
    """Whether ``old`` records what ``new`` says (its permanent uid aside)."""
    return len(old) - ("uid" in old) == len(new) and all(old.get(k, _MISSING) == v for k, v in new.items())


_MISSING = object()


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
            from .dates import human

            raise InvalidEvent(
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
    from .store import attachments_dir, ensure_private_dir

    folder = attachments_dir(store_path)
    out = []
    for f in files:
        f = Path(f)
        if not f.is_file():
            raise UsageError(f"no such file: {f}", "check the path given to --file")
        digest = hashlib.sha256()
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        ensure_private_dir(folder)
        target = folder / (sha + "".join(f.suffixes[-1:]).lower())
        if not target.exists():
            _copy_private(f, target)
        out.append({"name": f.name, "sha256": sha, "size": f.stat().st_size, "file": target.name})
    return out


def _copy_private(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically, 0600 from its first byte."""
    from .store import ATTACHMENT_TMP_PREFIX, replace_atomically

    try:
        with source.open("rb") as src:
            replace_atomically(target, lambda out: shutil.copyfileobj(src, out, 1 << 20), prefix=ATTACHMENT_TMP_PREFIX)
    except OSError as exc:
        raise FoiError(f"could not copy {source} into {target.parent}: {exc.strerror}; nothing was changed") from None


def resolve_authority(query: str, all_auths: Mapping[str, Mapping]) -> Mapping:
    """:func:`foi.directory.resolve`, and on a typo ("police scotand") the
    closest names as a suggestion."""
    from .directory import resolve

    try:
        return resolve(query, all_auths)
    except NotFound as exc:
        import difflib

        q = " ".join(str(query).split()).casefold()
        n_words = len(q.split())
        keys: dict[str, list[Mapping]] = {}  # id, name, and the name's first words ("oxford health")
        for a in sorted(all_auths.values(), key=lambda a: a["id"]):
            name = " ".join((a.get("name") or "").split()).casefold()
            for key in {a["id"], name, " ".join(name.split()[:n_words])}:
                if a not in keys.setdefault(key, []):
                    keys[key].append(a)
        found: list[Mapping] = []
        for key in difflib.get_close_matches(q, list(keys), n=3, cutoff=0.75) if q else ():
            found += [a for a in keys[key] if a not in found]
        if not found:
            raise
        suggestion = " or ".join(f"{a['name']} ({a['id']})" for a in found[:3])
        raise NotFound(exc.message, f"did you mean {suggestion}?") from None


def resolve_authorities(
    all_auths: Mapping[str, Mapping], to: Sequence[str] = (), kind: str | None = None, tag: str | None = None
) -> list[Mapping]:
    """The authorities chosen by --to / --kind / --tag, in a stable order."""
    from .directory import filter_authorities

    chosen: dict[str, Mapping] = {}
    for q in to:
        a = resolve_authority(q, all_auths)
        chosen[a["id"]] = a
    if kind or tag:
        matches = filter_authorities(all_auths, kind=kind, tag=tag)
        if not matches:
            what = " with ".join(x for x in (kind and f"kind {kind!r}", tag and f"tag {tag!r}") if x)
            kinds = sorted({a.get("kind") or "" for a in all_auths.values()} - {""})
            hint = (
                f"kinds: {', '.join(kinds)}"
                if kind and kind not in kinds
                else "see `foi authorities list` for kinds and tags"
            )
            raise UsageError(f"no authorities of {what}", hint)
        for a in matches:
            chosen[a["id"]] = a
    return list(chosen.values())


def letter_of(req: Mapping) -> str:
    e = first(req.get("events", ()), Event.DRAFTED)
    return (e or {}).get("letter", "")


def public_request(req: Mapping) -> dict[str, Any]:
    """The stored request as `foi show --json` gives it (dates already ISO)."""
    return {k: req[k] for k in sorted(req)}
