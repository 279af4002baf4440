"""Drafting requests: the requester's details, each authority's letter
rendered from a template, the duplicate check, and storing the records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path

from ..errors import FoiError, UsageError
from ..ids import new_uid
from ..vocab import Event, Nation


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
    from .. import letters
    from ..domain.law import law_for

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
