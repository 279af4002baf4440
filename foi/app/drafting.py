"""`foi draft`: one request per authority, its letter rendered from a
template; the requester's details; the duplicate check.

:func:`draft` is the use case (see :mod:`.compose` for where the lock is
held); :func:`prepare_requests` renders the records without storing them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import FoiError, UsageError
from ..ids import new_uid
from ..vocab import Event, LetterKind, Nation, Regime
from .compose import Prepared, prepare_then_keep

#: What every letter is given (letter_templates/README.md): not a --var.
LETTER_DATA = frozenset(
    ("vars", "requester", "authority", "regime", "law", "today", "subject", "body", "campaign", "request", "grounds")
)


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


@dataclass(frozen=True)
class DraftOrder:
    """What `foi draft` was asked for."""

    template: str
    to: Sequence[str] = ()
    kind: Sequence[str] = ()  # every authority of any of these kinds (a str: one kind)
    tag: Sequence[str] = ()  # ... and with any of these tags
    subject: str | None = None
    campaign: str | None = None
    variables: Mapping[str, str] = field(default_factory=dict)
    body: str = ""
    allow_duplicate: bool = False


def draft(app, order: DraftOrder, editor=None) -> list[dict]:
    """Draft and store one request per authority chosen; returns the records
    (with their ids).  The template and its variables are checked before the
    store is read; letters are rendered as :mod:`.compose` says; everything is
    checked before anything is stored, so one bad authority or missing
    variable leaves the store untouched."""
    from .selection import resolve_authorities

    check_template(order.template, order.variables, app.templates_dir)

    def prepare(store) -> list[Prepared]:
        auths = resolve_authorities(app.authorities(store), order.to, order.kind, order.tag)
        records = prepare_requests(store.requests(), app.settings(store), auths, order, app.today, app.templates_dir)
        return [Prepared(rec["events"][0]["letter"], rec) for rec in records]

    def keep(store, prepared: list[Prepared], recheck: bool) -> list[dict]:
        records = []
        for p in prepared:
            rec = p.item
            rec["events"][0]["letter"] = p.text
            records.append(rec)
        return add_prepared(store, records, order.allow_duplicate, recheck=recheck)

    return prepare_then_keep(app, prepare, keep, editor)


def check_template(name: str, variables: Mapping[str, str], user_dir: Path | None) -> None:
    """The template exists, writes requests, and uses every ``--var`` given
    (a misspelt one would be silently ignored): checked first, before the
    store is read or locked."""
    from .. import letters

    info = letters.get_template_info(name, user_dir)
    if info.kind != LetterKind.REQUEST:
        raise UsageError(
            f"template {name!r} is a {info.kind} letter, not a request",
            "see `foi templates list` for request templates",
        )
    if not variables:
        return
    from ..letters.rendering import variables_of

    used = variables_of(info.name, user_dir)
    if used is None:  # a template that reads names we cannot list
        return
    unused = [key for key in variables if key not in used]
    if not unused:
        return
    own = sorted(used - LETTER_DATA)
    close = difflib.get_close_matches(unused[0], own, n=1)
    raise UsageError(
        f"--var {unused[0]} is not used by template '{info.name}'" + (f": did you mean {close[0]}?" if close else ""),
        f"its variables: {', '.join(own)}" if own else "it takes no --var values",
    )


def add_prepared(store, records: list[dict], allow_duplicate: bool = False, recheck: bool = True) -> list[dict]:
    """Store records made by :func:`prepare_requests`, checking again for
    duplicates unless ``recheck`` is false (records prepared from an earlier
    read of the store need it)."""
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
    order: DraftOrder,
    today: date,
    user_templates: Path | None = None,
) -> list[dict]:
    """The request records :func:`draft` stores, letters rendered, without ids."""
    from .. import letters
    from ..domain.safe_text import clean_line, clean_text

    if not authorities:
        raise UsageError("no authorities selected", "use --to AUTHORITY, --kind KIND or --tag TAG")
    requester = requester_from_config(config)
    info = letters.get_template_info(order.template, user_templates)

    def letter(auth: Mapping, subject: str) -> tuple[str, str]:
        regime = letters.regime_for(info, auth.get("regime") or Regime.FOIA)
        context = _letter_context(order, requester, auth, regime, subject, today)
        return regime, clean_text(letters.render(order.template, context, user_templates))

    # no terminal escape sequences or control characters stored (issue 14.7)
    subject = clean_line(order.subject or order.variables.get("subject") or "").strip()
    if not subject:
        subject = _template_subject(order.template, letter(authorities[0], "")[1])
    _refuse_duplicates(existing, authorities, subject, order)
    records = []
    for auth in authorities:
        regime, text = letter(auth, subject)
        records.append(_record(auth, regime, subject, text, requester, order, today))
    return records


def _letter_context(order: DraftOrder, requester, auth: Mapping, regime: str, subject: str, today: date) -> dict:
    from ..domain.law import law_for

    return {
        **dict(order.variables),
        "vars": dict(order.variables),
        "requester": requester,
        "authority": authority_context(auth),
        "regime": regime,
        "law": law_for(regime),
        "today": today,
        "subject": subject,
        "body": order.body,
        "campaign": order.campaign or "",
    }


def _template_subject(template: str, probe: str) -> str:
    """No --subject: the template's own default subject (hiu-scheme has one,
    sar says "my personal data"), read from the letter's "Subject: <kind of
    letter> - <subject>" line.  A template with none (foi, foia, eir...) needs
    --subject: its description is not a subject."""
    subject = _subject_from_letter(probe)
    if not subject:
        raise UsageError(
            f"template {template!r} needs a subject: what is the request about?",
            'add --subject "a few words", e.g. --subject "Crisis team staffing"',
        )
    return subject


def _refuse_duplicates(existing: Sequence[Mapping], authorities: Sequence[Mapping], subject: str, order) -> None:
    if order.allow_duplicate:
        return
    index = duplicate_index(existing)
    seen_in_batch: set[str] = set()
    for auth in authorities:
        dup = index.get(_duplicate_key(auth["id"], subject, order.campaign))
        if dup is not None or auth["id"] in seen_in_batch:
            which = f"request {dup['id']}" if dup is not None else "this batch"
            raise UsageError(
                f"{auth['name']} already has a request about {subject!r}"
                f"{' in campaign ' + repr(order.campaign) if order.campaign else ''} ({which})",
                "use --allow-duplicate to draft it again",
            )
        seen_in_batch.add(auth["id"])


def _record(auth: Mapping, regime: str, subject: str, text: str, requester, order: DraftOrder, today: date) -> dict:
    return {
        "uid": new_uid(),
        "created_by": requester["name"],
        "requester": requester,
        "authority_id": auth["id"],
        "authority_name": auth["name"],
        "authority_kind": auth.get("kind") or "",
        "nation": auth.get("nation") or Nation.DEFAULT,
        "regime": regime,
        "subject": subject,
        "campaign": order.campaign,
        "template": order.template,
        "to_email": auth.get("foi_email") or "",
        "email_verified": authority_context(auth)["email_verified"],
        "wdtk_url_name": auth.get("wdtk_url_name") or "",
        "created": today.isoformat(),
        "vars": dict(order.variables),
        "findings": {},
        "events": [
            {
                "uid": new_uid(),
                "type": Event.DRAFTED,
                "date": today.isoformat(),
                "kind": LetterKind.REQUEST,
                "template": order.template,
                "letter": text,
            }
        ],
    }


def due_if_sent_today(app, records: Sequence[Mapping], calendars=None) -> dict[int, date | None]:
    """Each drafted request's response due date if it were sent today."""
    from ..domain.clock import response_due_date

    calendars = calendars if calendars is not None else app.calendars()
    return {r["id"]: response_due_date(r["regime"], r["nation"], app.today, calendars) for r in records}


def _subject_from_letter(text: str) -> str:
    """``X`` from a letter whose first line is ``Subject: <kind> - X`` ("" if none)."""
    first_line = text.lstrip().split("\n", 1)[0].strip()
    if not first_line.startswith("Subject:"):
        return ""
    _, sep, rest = first_line.partition(" - ")
    return rest.strip() if sep else ""
