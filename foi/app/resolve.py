"""`foi resolve`: settle a conflict a merge recorded.

A request's conflicts are settled one at a time, oldest first: without a
choice this only describes the first one and its numbered choices; with a
choice (or a value typed for a field) it applies it and removes the record.
``settings`` instead of a request id settles the store's own conflicts (its
settings and user authorities).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..domain import conflicts as cf
from ..errors import InvalidEvent, UsageError
from ..vocab import Event

SETTINGS = "settings"


@dataclass
class Outcome:
    target: str
    described: cf.Described | None
    remaining: int
    chosen: str | None = None
    dropped: list[int] = field(default_factory=list)


def resolve(store, target: str, choice: int | None = None, value: str | None = None) -> Outcome:
    """Describe (no ``choice``/``value``) or settle the first conflict of ``target``."""
    if target == SETTINGS:
        return _resolve_settings(store, choice, value)
    req = store.get_request(target)
    records = list(req.get("conflicts") or ())
    if not records:
        raise UsageError(f"request {req['id']} has no conflicts", "`foi list` marks those that have some with !")
    record = records[0]
    others = _requests_by_uid(store, record)
    described = cf.describe(record, req, others)
    picked = _pick(described, choice, value, f"foi resolve {req['id']}")
    if picked is None:
        return Outcome(str(req["id"]), described, len(records))
    dropping = set(picked.action[1]) if picked.action[0] == "drop-request" else set()
    dropped = _drop_requests(store, [others.get(u) or req for u in sorted(dropping)]) if dropping else []
    # a duplicate is recorded on every request of its group: settle it on each
    group = {**others, req["uid"]: req}
    changed = [cf.apply(dict(r), record, picked) for u, r in group.items() if u not in dropping]
    if changed:
        store.update_requests(changed)
    return Outcome(str(req["id"]), described, len(records) - 1, picked.label, dropped)


def _requests_by_uid(store, record: Mapping) -> dict[str, dict]:
    wanted = set(record.get("duplicates") or ())
    if not wanted:
        return {}
    return {r["uid"]: dict(r) for r in store.requests() if r.get("uid") in wanted}


def _pick(described: cf.Described, choice: int | None, value: str | None, command: str) -> cf.Choice | None:
    if value is not None:
        if described.path is None:
            raise UsageError("--value only settles a field changed to two values", f"choose a number: `{command} N`")
        return cf.Choice(cf.shown(value), ("set", described.path, value))
    if choice is None:
        return None
    if not 1 <= choice <= len(described.choices):
        raise UsageError(
            f"there is no choice {choice}: choose 1 to {len(described.choices)}", f"see them with `{command}`"
        )
    return described.choices[choice - 1]


def _drop_requests(store, requests: list[Mapping]) -> list[int]:
    """Delete requests that were never sent (a letter that went out is
    evidence: it is never deleted)."""
    for req in requests:
        sent = [e for e in req.get("events") or () if e.get("type") != Event.DRAFTED]
        if sent:
            raise InvalidEvent(
                f"request {req['id']} cannot be dropped: its timeline has a {sent[0].get('type')} of "
                f"{sent[0].get('date')}",
                f"keep them all, or record that it was withdrawn: `foi log {req['id']} withdrawn`",
            )
    for req in requests:
        store.delete_request(req["id"])
    return [req["id"] for req in requests]


def _resolve_settings(store, choice: int | None, value: str | None) -> Outcome:
    records = list(store.meta_value("conflicts") or ())
    if not records:
        raise UsageError("the store's settings have no conflicts", "`foi doctor` lists every conflict")
    record = records[0]
    described = cf.describe(record, {})
    picked = _pick(described, choice, value, f"foi resolve {SETTINGS}")
    if picked is None:
        return Outcome(SETTINGS, described, len(records))
    if picked.action[0] == "set":
        _set_store_field(store, picked.action[1], picked.action[2])
    store.set_meta_value("conflicts", [r for r in records if r != record] or None)
    return Outcome(SETTINGS, described, len(records) - 1, picked.label)


def _set_store_field(store, path: str, value) -> None:
    """``config: KEY``, ``authority ID: FIELD`` or ``campaign NAME: FIELD``."""
    where, _, key = path.partition(": ")
    if where == "config":
        cfg = store.config()
        cf._set(cfg, key, value)
        store.set_config(cfg)
    elif where.startswith("authority "):
        aid = where[len("authority ") :]
        doc = next((dict(a) for a in store.user_authorities() if a.get("id") == aid), None)
        if doc is not None:
            store.put_authorities([cf._set(doc, key, value)])
    elif where.startswith("campaign "):
        doc = store.campaigns().get(where[len("campaign ") :])
        if doc is not None:
            store.put_campaign(cf._set(dict(doc), key, value))
