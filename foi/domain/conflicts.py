"""Conflicts a merge recorded, and settling them (pure: dicts in, dicts out).

:mod:`foi.domain.merge` records a conflict in the request's ``conflicts``
list (or, for the store's settings, in ``meta``) instead of choosing for the
members.  Each record has a ``field`` and one of these shapes:

``{"field": F, "base": B, "values": [V1, V2]}``
    A field (``outcome``, ``findings.scheme``, ``events[UID].outcome``,
    ``config: organisation``...) changed differently on both sides.  The
    field holds one of the values meanwhile.  Settle: choose a value.
``{"field": "events[UID]", "removed": true}``
    An event removed on one side and changed on the other: it was kept.
    Settle: keep it or remove it.
``{"field": "request", "removed": true}``
    The same for a whole request.
``{"field": "events", "type": T, "events": [UID, ...]}``
    Two events of a kind that happens once (two responses, the letter sent
    twice, two pending drafts of one kind) added apart.  Settle: keep one, or
    keep them all.
``{"field": "request", "duplicates": [UID, ...]}``
    Requests drafted apart to one authority about one subject in one
    campaign (on each of them).  Settle: keep them all, or keep one and drop
    the others (only drafts never sent can be dropped).

:func:`choices` describes a conflict as numbered choices; :func:`settle`
applies one to the request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_EVENT_FIELD = re.compile(r"events\[([0-9A-Z]{26})\]\.(.+)")
_EVENT = re.compile(r"events\[([0-9A-Z]{26})\]")


@dataclass
class Choice:
    label: str
    #: what choosing it does: ("set", path, value) | ("drop-events", [uid...]) |
    #: ("drop-request", [uid...]) | ("keep",)
    action: tuple


@dataclass
class Described:
    summary: str
    choices: list[Choice] = field(default_factory=list)
    #: a free value may be typed instead of a choice (a field conflict)
    path: str | None = None


def shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return repr(value) if value.strip() != value or not value else value
    return json.dumps(value, ensure_ascii=False)


def event_words(event: Mapping | None) -> str:
    if not event:
        return "an event no longer on the timeline"
    words = f"{event.get('type', '?')} of {event.get('date', '?')}"
    detail = event.get("outcome") or event.get("kind") or event.get("via") or event.get("ref")
    return words + (f" ({detail})" if detail else "")


def _events(req: Mapping) -> dict[str, Mapping]:
    return {e.get("uid"): e for e in req.get("events") or ()}


def describe(record: Mapping, req: Mapping, others: Mapping[str, Mapping] | None = None) -> Described:
    """The conflict ``record`` of ``req`` in words, with its choices.
    ``others`` maps uid to request, for duplicates."""
    fld = str(record.get("field", ""))
    events = _events(req)
    if "values" in record:
        name = _field_words(fld, events)
        summary = f"{name} was changed to different values (before: {shown(record.get('base'))})"
        choices = [Choice(shown(v), ("set", fld, v)) for v in record["values"]]
        return Described(summary, choices, path=fld)
    if record.get("removed"):
        m = _EVENT.fullmatch(fld)
        if m:
            what = event_words(events.get(m.group(1)))
            return Described(
                f"the {what} was removed by one member and changed by another; it was kept",
                [Choice("keep it", ("keep",)), Choice("remove it", ("drop-events", [m.group(1)]))],
            )
        return Described(
            "this request was deleted by one member and changed by another; it was kept",
            [Choice("keep it", ("keep",)), Choice("delete it", ("drop-request", [req.get("uid")]))],
        )
    if "events" in record:
        uids = list(record["events"])
        choices = [
            Choice(f"keep only the {event_words(events.get(u))}", ("drop-events", [x for x in uids if x != u]))
            for u in uids
        ]
        choices.append(Choice("keep them all", ("keep",)))
        return Described(f"{len(uids)} {record.get('type')} events were recorded apart by different members", choices)
    if "duplicates" in record:
        others = others or {}
        uids = list(record["duplicates"])
        choices = [Choice("keep them all (the letters are meant to go twice)", ("keep",))]
        for u in uids:
            ids = [str((others.get(x) or {}).get("id", "?")) for x in uids if x != u]
            keep = others.get(u) or {}
            choices.append(
                Choice(
                    f"keep request {keep.get('id', '?')} ({keep.get('created_by') or '?'}), drop {', '.join(ids)}",
                    ("drop-request", [x for x in uids if x != u]),
                )
            )
        ids = ", ".join(str((others.get(u) or {}).get("id", "?")) for u in uids)
        return Described(f"requests {ids} were drafted apart to the same authority about the same subject", choices)
    return Described(
        f"an unknown conflict: {json.dumps(dict(record), ensure_ascii=False)}", [Choice("clear it", ("keep",))]
    )


def _field_words(fld: str, events: Mapping[str, Mapping]) -> str:
    m = _EVENT_FIELD.fullmatch(fld)
    if m:
        return f"the {m.group(2)} of the {event_words(events.get(m.group(1)))}"
    if fld.startswith("findings."):
        return f"the finding {fld[len('findings.') :]}"
    return f"the {fld}" if ":" not in fld else fld


def set_path(req: dict, path: str, value: Any) -> dict:
    """``req`` with the field at ``path`` set to ``value`` (removed if None)."""
    out = dict(req)
    m = _EVENT_FIELD.fullmatch(path)
    if m:
        uid, key = m.groups()
        out["events"] = [_set(dict(e), key, value) if e.get("uid") == uid else e for e in out.get("events") or ()]
    elif path.startswith("findings."):
        out["findings"] = _set(dict(out.get("findings") or {}), path[len("findings.") :], value)
    else:
        _set(out, path, value)
    return out


def _set(doc: dict, key: str, value: Any) -> dict:
    if value is None:
        doc.pop(key, None)
    else:
        doc[key] = value
    return doc


def without(req: dict, record: Mapping) -> dict:
    """``req`` with the conflict ``record`` settled (removed from its list)."""
    rest = [c for c in req.get("conflicts") or () if c != record]
    out = {k: v for k, v in req.items() if k != "conflicts"}
    if rest:
        out["conflicts"] = rest
    return out


def apply(req: dict, record: Mapping, choice: Choice) -> dict:
    """``req`` with ``choice`` made for ``record`` (dropping whole requests is
    the caller's: see :func:`Choice.action`)."""
    kind = choice.action[0]
    if kind == "set":
        req = set_path(req, choice.action[1], choice.action[2])
    elif kind == "drop-events":
        gone = set(choice.action[1])
        req = {**req, "events": [e for e in req.get("events") or () if e.get("uid") not in gone]}
    return without(req, record)


def summaries(data: Mapping) -> list[tuple[str, str]]:
    """(``request N`` or ``settings``, what the conflict is) for every
    conflict recorded in a store's tables, in request order."""
    requests = data.get("requests") or {}
    by_uid = {r.get("uid"): r for r in requests.values() if isinstance(r, dict)}
    out = []
    for key in sorted(requests, key=lambda k: int(k) if str(k).isdigit() else 0):
        req = requests[key]
        for record in (req.get("conflicts") or ()) if isinstance(req, dict) else ():
            out.append((f"request {key}", describe(record, req, by_uid).summary))
    meta = (data.get("meta") or {}).get("1") or {}
    for record in meta.get("conflicts") or ():
        out.append(("settings", describe(record, {}).summary))
    return out
