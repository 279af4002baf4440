"""Three-way merge of two stores by permanent id (pure: dicts in, dicts out).

A coalition shares one store through git.  When two members changed it
apart, :func:`merge_stores` combines the two versions (``ours`` and
``theirs``) using the version they both started from (``base``):

* Requests and events are matched by their ``uid`` (:mod:`foi.ids`), never by
  their short number or position.  Requests and events from either side are
  kept; one present in ``base`` and removed on one side stays removed (an
  undone event), unless the other side changed it (then it is kept, and the
  removal is recorded as a conflict).
* A field changed on one side takes that change.  A field changed differently
  on both sides is a **recorded conflict**: the request's ``conflicts`` list
  holds both values (and the base) until ``foi resolve`` settles it; the
  field meanwhile holds one of them.  Findings are merged key by key.
* Two ``response`` (or ``sent``, ``review-response``, ``decision``) events
  added to one request on both sides, or two pending drafts of the same kind,
  are both kept and recorded as a conflict; the same event recorded by both
  (same content) is kept once.  Two requests drafted on both sides to the same
  authority about the same subject in the same campaign are a conflict too.
* Short numbers: two requests with one number keep it for the request
  created first (the smaller uid) and the other gets the next free number.

Every rule is symmetric, so ``merge(base, a, b)`` and ``merge(base, b, a)``
hold the same requests, events, values and conflicts whoever merges.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..ids import add_derived_uids, derived_request_uid, derived_ulid
from ..vocab import Event

#: Event types a request normally has once per round: two added apart (a
#: response recorded by two members with different outcomes, a letter sent
#: twice) are a conflict, not two facts.
TWICE_IS_A_CONFLICT = (Event.SENT, Event.RESPONSE, Event.REVIEW_RESPONSE, Event.DECISION)


class _Missing:
    """A key absent from one version (a removal when the base has it)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass
class Renumbered:
    uid: str
    old: int
    new: int
    created_by: str

    def message(self) -> str:
        who = f" from {self.created_by}" if self.created_by else ""
        return f"request {self.old}{who} is now {self.new}"


@dataclass
class MergeResult:
    data: dict
    renumbered: list[Renumbered] = field(default_factory=list)
    #: (request uid or "" for the store's settings, the conflict) found by this merge
    conflicts: list[tuple[str, dict]] = field(default_factory=list)


def canonical(value: Any) -> str:
    """A stable text form of a JSON value, to compare and sort values."""
    if value is MISSING:
        return "\x00"
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    return None if value is MISSING else value


# -- values and fields ------------------------------------------------------------


def _conflict(path: str, b: Any, o: Any, t: Any) -> tuple[Any, dict]:
    """The value a field keeps while in conflict, and the conflict record.

    The field keeps a real value rather than a removal, and of two values the
    one that sorts first: the same whichever side is "ours"."""
    values = sorted((o, t), key=canonical)
    kept = values[1] if values[0] is MISSING else values[0]
    return kept, {"field": path, "base": _plain(b), "values": [_plain(v) for v in values]}


def merge_fields(b: Mapping, o: Mapping, t: Mapping, path: str, found: list[dict]) -> dict:
    """Three-way merge of two versions of a record, field by field.  Conflicts
    are appended to ``found`` (their ``field`` is ``path`` + the key)."""
    out = {}
    for key in dict.fromkeys([*o, *t]):
        bv, ov, tv = b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING)
        where = f"{path}{key}"
        if ov == tv:
            value = ov
        elif key == "id" and not path:  # short numbers are settled by renumbering
            value = ov if tv == bv else tv if ov == bv else min(ov, tv, key=canonical)
        elif ov == bv:
            value = tv
        elif tv == bv:
            value = ov
        elif key == "events":
            value = merge_events(_list(bv), _list(ov), _list(tv), found)
        elif key == "conflicts":
            value = merge_records(_list(bv), _list(ov), _list(tv))
        elif key == "findings" and all(isinstance(v, dict) or v is MISSING for v in (bv, ov, tv)):
            value = merge_fields(_dict(bv), _dict(ov), _dict(tv), "findings.", found)
        else:
            value, record = _conflict(where, bv, ov, tv)
            found.append(record)
        if value is not MISSING:
            out[key] = value
    return out


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def merge_records(b: Iterable, o: Iterable, t: Iterable) -> list:
    """Merge two lists of records compared whole (conflict records): the union,
    less those in the base that one side removed (settled there)."""
    base = {canonical(r) for r in b}
    ours = {canonical(r): r for r in o}
    theirs = {canonical(r): r for r in t}
    keep = {k: v for k, v in {**ours, **theirs}.items() if k not in base or (k in ours and k in theirs)}
    return [keep[k] for k in sorted(keep)]


# -- events -------------------------------------------------------------------------


def merge_events(b: list, o: list, t: list, found: list[dict]) -> list:
    """Three-way merge of two timelines by event uid, in date order."""
    base = {e["uid"]: e for e in b}
    ours = {e["uid"]: e for e in o}
    theirs = {e["uid"]: e for e in t}
    merged: list[dict] = []
    for uid in dict.fromkeys([*ours, *theirs]):
        be, oe, te = base.get(uid, MISSING), ours.get(uid, MISSING), theirs.get(uid, MISSING)
        if oe is not MISSING and te is not MISSING:
            merged.append(oe if oe == te else merge_fields(_dict(be), oe, te, f"events[{uid}].", found))
        elif be is MISSING:  # added on one side
            merged.append(oe if te is MISSING else te)
        else:  # removed on one side: stays removed unless the other side changed it
            kept = oe if te is MISSING else te
            if kept != be:
                merged.append(kept)
                found.append({"field": f"events[{uid}]", "removed": True})
    merged = _same_event_once(merged, ours, theirs, base)
    found.extend(_twice(merged, ours, theirs, base))
    # uids are made in time order: same-day events stay in the order they were logged
    merged.sort(key=lambda e: (str(e.get("date", "")), e["uid"]))
    return merged


def _body(event: Mapping) -> str:
    return canonical({k: v for k, v in event.items() if k != "uid"})


def _same_event_once(events: list[dict], ours: Mapping, theirs: Mapping, base: Mapping) -> list[dict]:
    """Drop the copy of an event both members recorded apart (same content,
    two uids): the one with the smaller uid stays."""
    new_ours = {_body(e): e["uid"] for u, e in ours.items() if u not in base and u not in theirs}
    drop = set()
    for u, e in theirs.items():
        if u not in base and u not in ours and _body(e) in new_ours:
            drop.add(max(u, new_ours[_body(e)]))
    return [e for e in events if e["uid"] not in drop] if drop else events


def _twice(events: list[dict], ours: Mapping, theirs: Mapping, base: Mapping) -> list[dict]:
    """Conflicts for events that should not happen twice, added on both sides."""
    found = []
    kept = {e["uid"] for e in events}

    def added(side: Mapping, other: Mapping) -> dict[tuple, list[str]]:
        by: dict[tuple, list[str]] = {}
        for u, e in side.items():
            if u in base or u in other or u not in kept:
                continue
            if e.get("type") in TWICE_IS_A_CONFLICT:
                by.setdefault((e.get("type"),), []).append(u)
            elif e.get("type") == Event.DRAFTED and not e.get("sent_on"):
                by.setdefault((Event.DRAFTED, e.get("kind", "request")), []).append(u)
        return by

    mine, yours = added(ours, theirs), added(theirs, ours)
    for key in sorted(set(mine) & set(yours)):
        found.append({"field": "events", "type": key[0], "events": sorted(mine[key] + yours[key])})
    return found


# -- requests -------------------------------------------------------------------------


def _by_uid(table: Mapping | None) -> dict[str, dict]:
    """Requests by uid.  Uids a store lacks (hand edits) are derived from the
    data, and a uid a store has twice (a damaged store: `foi doctor` reports
    it) is derived anew for the later copy, so no request or event is ever
    lost to a clash and both sides give the same result."""
    out: dict[str, dict] = {}
    later = []
    for key, req in (table or {}).items():
        if not isinstance(req, dict):
            continue
        uid = req.get("uid")
        if uid and uid not in out and _events_have_own_uids(req):
            out[uid] = req
        else:
            later.append((key, req))
    # the rare ones, in a fixed order (the same result whichever side this is)
    for _, req in sorted(later, key=lambda kv: (len(kv[0]), kv[0])):
        req = add_derived_uids(req) if _lacks_uids(req) else req
        if req["uid"] in out:
            req = {**req, "uid": _fresh(derived_request_uid(req), out)}
        req = _unique_events(req)
        out[req["uid"]] = req
    return out


def _events_have_own_uids(req: Mapping) -> bool:
    events = req.get("events") or ()
    uids = {e.get("uid") for e in events}
    return len(uids) == len(events) and None not in uids and "" not in uids


def _fresh(uid: str, taken: Mapping) -> str:
    n = 0
    while uid in taken:
        n += 1
        uid = derived_ulid("1970-01-01", uid, n)
    return uid


def _unique_events(req: dict) -> dict:
    seen: dict[str, None] = {}
    events, changed = [], False
    for place, e in enumerate(req.get("events") or ()):
        if e["uid"] in seen:
            e = {**e, "uid": _fresh(derived_ulid(e.get("date"), req["uid"], e["uid"], offset_ms=place), seen)}
            changed = True
        seen[e["uid"]] = None
        events.append(e)
    return {**req, "events": events} if changed else req


def _lacks_uids(req: Mapping) -> bool:
    return not req.get("uid") or any(not e.get("uid") for e in req.get("events") or ())


def merge_request(b: Any, o: Any, t: Any, found: list[dict]) -> Any:
    """One request (any of the three may be MISSING)."""
    if o is not MISSING and t is not MISSING:
        if o == t or t == b:
            return o
        if o == b:
            return t
        return merge_fields(_dict(b), o, t, "", found)
    if b is MISSING:
        return o if t is MISSING else t
    kept = o if t is MISSING else t
    if kept == b:
        return MISSING  # deleted on one side, untouched on the other
    found.append({"field": "request", "removed": True})
    return kept


def _with_conflicts(req: dict, found: list[dict]) -> dict:
    if not found:
        return req
    records = merge_records([], req.get("conflicts") or [], found)
    return {**req, "conflicts": records}


def _merge_request_tables(base: Mapping, ours: Mapping, theirs: Mapping) -> tuple[dict[str, dict], list]:
    """Requests by uid, each merged, with the conflicts this merge found."""
    b, o, t = _by_uid(base), _by_uid(ours), _by_uid(theirs)
    merged: dict[str, dict] = {}
    found_all: list[tuple[str, dict]] = []
    for uid in sorted({*o, *t}):
        found: list[dict] = []
        req = merge_request(b.get(uid, MISSING), o.get(uid, MISSING), t.get(uid, MISSING), found)
        if req is MISSING:
            continue
        merged[uid] = _with_conflicts(req, found)
        found_all.extend((uid, f) for f in found)
    for uids in _duplicates(merged, b, o, t):
        record = {"field": "request", "duplicates": uids}
        for uid in uids:
            merged[uid] = _with_conflicts(merged[uid], [record])
        found_all.append((uids[0], record))
    return merged, found_all


def duplicate_key(req: Mapping) -> tuple:
    """Requests with the same key are the same letter: same authority, subject
    and campaign (the rule `foi draft` applies)."""
    return (req.get("authority_id"), (req.get("subject") or "").strip().casefold(), req.get("campaign") or "")


def _duplicates(merged: Mapping, b: Mapping, o: Mapping, t: Mapping) -> list[list[str]]:
    """Groups of requests drafted apart on the two sides to one authority
    about one subject in one campaign."""
    groups: dict[tuple, dict[str, set]] = {}
    for side, other in ((o, t), (t, o)):
        for uid in side:
            if uid not in b and uid not in other and uid in merged:
                groups.setdefault(duplicate_key(merged[uid]), {}).setdefault(id(side), set()).add(uid)
    return [
        sorted(set().union(*sides.values()))
        for _, sides in sorted(groups.items(), key=canonical_key)
        if len(sides) == 2
    ]


def canonical_key(item: tuple) -> str:
    return canonical(list(item[0]))


def _renumber(merged: dict[str, dict], known: Mapping, next_id: int) -> tuple[dict[str, dict], list[Renumbered], int]:
    """Give each request a short number no other has: a request both sides
    knew (in ``known``, the base) keeps its number, then the request created
    first (smallest uid); the others get the next free numbers."""
    table: dict[str, dict] = {}
    clashes = []
    for uid in sorted(merged, key=lambda u: (u not in known, u)):
        req = merged[uid]
        rid = req.get("id")
        if type(rid) is int and rid > 0 and str(rid) not in table:
            table[str(rid)] = req
        else:
            clashes.append(req)
    free = max([next_id, *(int(k) + 1 for k in table)])
    renumbered = []
    for req in clashes:
        renumbered.append(Renumbered(req["uid"], req.get("id"), free, str(req.get("created_by") or "")))
        table[str(free)] = {**req, "id": free}
        free += 1
    return table, renumbered, free


def _next_id(*tables: Mapping | None) -> int:
    out = 1
    for data in tables:
        meta = ((data or {}).get("meta") or {}).get("1") or {}
        if type(meta.get("next_id")) is int:
            out = max(out, meta["next_id"])
    return out


# -- the store ------------------------------------------------------------------------

_TABLES_MERGED_APART = ("requests", "meta")


#: Tables whose entries are matched by one of their fields (their keys are
#: only tinydb's document numbers, which two members allocate apart).
MATCHED_BY = {
    "authorities": ("id", "authority"),
    "campaigns": ("name", "campaign"),
    "inbox": ("hash", "inbox message"),  # messages `foi mail fetch` kept: the same content is the same message
}


def _merge_matched(name: str, base: Mapping, ours: Mapping, theirs: Mapping, found: list[dict]) -> dict:
    """A table such as the user authorities: entries matched by their own
    ``id`` (campaigns: ``name``), merged field by field, numbered in order."""
    match, noun = MATCHED_BY[name]

    def by_key(table: Mapping) -> dict:
        return {str(d[match]): d for d in (table or {}).values() if isinstance(d, dict) and match in d}

    b, o, t = by_key(base), by_key(ours), by_key(theirs)
    out = {}
    for key in sorted({*o, *t}):
        conflicts: list[dict] = []
        doc = merge_request(b.get(key, MISSING), o.get(key, MISSING), t.get(key, MISSING), conflicts)
        if doc is not MISSING:
            out[key] = doc
        found.extend({**c, "field": f"{noun} {key}: {c['field']}"} for c in conflicts)
    return {str(n): doc for n, doc in enumerate(out.values(), 1)}


def _merge_table(name: str, base: Mapping, ours: Mapping, theirs: Mapping, found: list[dict]) -> dict:
    """Any other table (``config``...): entries by key, merged field by field."""
    out = {}
    for key in sorted({*ours, *theirs}, key=lambda k: (len(k), k)):
        conflicts: list[dict] = []
        b, o, t = (_dict(x.get(key)) if key in x else MISSING for x in (base, ours, theirs))
        doc = merge_request(b, o, t, conflicts)
        if doc is not MISSING:
            out[key] = doc
        found.extend({**c, "field": f"{name}: {c['field']}"} for c in conflicts)
    return out


def merge_stores(base: Mapping | None, ours: Mapping, theirs: Mapping) -> MergeResult:
    """Merge two versions of a store (dicts of tables in the current schema)
    that started from ``base`` (``None`` or ``{}`` if they share none)."""
    base = base or {}
    merged, conflicts = _merge_request_tables(base.get("requests"), ours.get("requests"), theirs.get("requests"))
    known = {r.get("uid") for r in _dict(base.get("requests")).values() if isinstance(r, dict)}
    requests, renumbered, next_id = _renumber(merged, known, _next_id(base, ours, theirs))
    store_found: list[dict] = []
    data: dict[str, Any] = {"requests": requests}
    for name in sorted({*ours, *theirs} - set(_TABLES_MERGED_APART)):
        merge_table = _merge_matched if name in MATCHED_BY else _merge_table
        data[name] = merge_table(
            name, _dict(base.get(name)), _dict(ours.get(name)), _dict(theirs.get(name)), store_found
        )
    metas = [_dict(_dict(x.get("meta")).get("1")) for x in (base, ours, theirs)]
    plain = [{k: v for k, v in m.items() if k not in ("next_id", "conflicts")} for m in metas]
    meta = merge_fields(*plain, "meta.", store_found)
    meta["next_id"] = next_id
    records = merge_records([], merge_records(*(_list(m.get("conflicts")) for m in metas)), store_found)
    if records:
        meta["conflicts"] = records
    data["meta"] = {"1": meta}
    conflicts.extend(("", c) for c in store_found)
    return MergeResult(data, renumbered, conflicts)
