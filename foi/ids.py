"""Permanent ids: ULIDs, made locally, for every request and every event.

A ULID is 26 characters of Crockford base32 (``0-9`` and ``A-Z`` without
``I L O U``), uppercase: 10 characters of milliseconds since 1970 then 16 of
randomness.  Sorting them as strings sorts them by the time they were made,
so "the request created first" is simply the smaller uid, the same on every
member's laptop.  They need no server and no coordination: two members
drafting offline never make the same one (80 random bits).

Hand-written rather than a library: the format is twenty lines (encode a
128-bit integer in base32), the libraries on PyPI differ in API and in how
they order ids made in the same millisecond, and foi needs one more thing
they do not give: :func:`derived_ulid`, a uid computed from existing data,
so that two members who upgrade copies of the same old store independently
give its requests the same uids (and a merge then matches them).

The short integer ``id`` stays for people to type; the uid is what merging,
mail tokens and exports match on.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import time
from datetime import date, datetime, timezone

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 26
_PATTERN = re.compile(r"[0-7][0-9A-HJKMNP-TV-Z]{25}")
_MAX_TIME = (1 << 48) - 1
_MAX_RANDOM = (1 << 80) - 1


def encode(value: int) -> str:
    """The 26-character base32 form of a 128-bit integer."""
    chars = []
    for _ in range(LENGTH):
        chars.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def _make(ms: int, randomness: int) -> str:
    if not 0 <= ms <= _MAX_TIME:
        raise ValueError(f"ULID time out of range: {ms}")
    return encode((ms << 80) | (randomness & _MAX_RANDOM))


class UidMaker:
    """Makes fresh ULIDs.  The uids one maker makes only ever increase, even
    several in one millisecond (the randomness is counted up) or when the
    clock steps back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = (-1, 0)  # (milliseconds, randomness) of the last uid made

    def __call__(self, now_ms: int | None = None) -> str:
        ms = int(time.time() * 1000) if now_ms is None else now_ms
        with self._lock:
            last_ms, last_random = self._last
            if ms <= last_ms and last_random < _MAX_RANDOM:
                ms, randomness = last_ms, last_random + 1
            else:
                randomness = int.from_bytes(os.urandom(10), "big")
            self._last = (ms, randomness)
        return _make(ms, randomness)


#: A fresh ULID (see :class:`UidMaker`).
new_uid = UidMaker()


def derived_ulid(day: str | date | None, *parts: object, offset_ms: int = 0) -> str:
    """A ULID computed from data: its time is midnight UTC of ``day`` (an
    ISO date; 1970-01-01 if missing or unreadable) plus ``offset_ms``, its
    randomness a hash of ``parts``.  The same data always gives the same uid."""
    ms = 0
    try:
        d = day if isinstance(day, date) else date.fromisoformat(str(day)[:10])
        ms = int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp() * 1000)
    except (TypeError, ValueError):
        pass
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).digest()
    return _make(max(ms, 0) + offset_ms, int.from_bytes(digest[:10], "big"))


def is_uid(value: object) -> bool:
    """Whether ``value`` is a well-formed ULID (26 characters, uppercase Crockford base32)."""
    return isinstance(value, str) and _PATTERN.fullmatch(value) is not None


def uid_time(uid: str) -> datetime:
    """When ``uid`` was made (UTC)."""
    value = 0
    for ch in uid[:10]:
        value = value * 32 + ALPHABET.index(ch)
    return datetime.fromtimestamp(value / 1000, tz=timezone.utc)


def _canonical(value: object) -> str:
    import json

    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def derived_request_uid(req: dict) -> str:
    """The uid an old request (one made before uids) gets when its store is
    upgraded: from what never changes about it, so copies of one store
    upgraded apart agree."""
    return derived_ulid(
        req.get("created"),
        "request",
        req.get("id"),
        req.get("authority_id"),
        (req.get("subject") or "").strip(),
        req.get("campaign") or "",
    )


def add_derived_uids(req: dict) -> dict:
    """``req`` with a uid on itself and on every event that lacks one, derived
    from the data (see :func:`derived_request_uid`).  An event's uid is timed
    at midnight of its date plus its place on the timeline in milliseconds, so
    sorting a timeline by (date, uid) keeps its order; identical events of
    one request (two drafts of the same day) are told apart by their rank."""
    out = dict(req)
    if not out.get("uid"):
        out["uid"] = derived_request_uid(out)
    seen: dict[str, int] = {}
    events = []
    for place, event in enumerate(out.get("events") or ()):
        if isinstance(event, dict) and not event.get("uid"):
            body = _canonical({k: v for k, v in event.items() if k != "uid"})
            rank = seen.get(body, 0)
            seen[body] = rank + 1
            uid = derived_ulid(event.get("date"), "event", out["uid"], body, rank, offset_ms=place)
            event = {**event, "uid": uid}
        events.append(event)
    if "events" in out:
        out["events"] = events
    return out


def add_new_uids(req: dict) -> dict:
    """``req`` with a fresh uid on itself and each event that lacks one (a
    safety net for records made without one)."""
    out = dict(req)
    if not out.get("uid"):
        out["uid"] = new_uid()
    if any(isinstance(e, dict) and not e.get("uid") for e in out.get("events") or ()):
        out["events"] = [
            {**e, "uid": new_uid()} if isinstance(e, dict) and not e.get("uid") else e for e in out.get("events") or ()
        ]
    return out


def uid_problems(requests: dict) -> list[tuple[bool, str]]:
    """What is wrong with the uids of a store's ``requests`` table (keyed by
    short id), as (serious, message): each request and each event needs one
    (a missing one is not serious: the next change adds it), well formed, and
    no two may share one (they are what a merge matches on)."""
    problems: list[tuple[bool, str]] = []
    seen: dict[str, str] = {}

    def check(uid: object, what: str) -> None:
        if uid is None or uid == "":
            problems.append((False, f"{what} has no uid: the next change to it gives it one"))
        elif not is_uid(uid):
            problems.append((True, f"{what} has a malformed uid {uid!r} (26 characters of uppercase Crockford base32)"))
        elif uid in seen:
            problems.append((True, f"{what} has the same uid {uid} as {seen[uid]}"))
        else:
            seen[uid] = what

    for key, req in sorted(requests.items(), key=lambda kv: int(kv[0]) if str(kv[0]).isdigit() else 0):
        if not isinstance(req, dict):
            continue
        check(req.get("uid"), f"request {key}")
        for i, event in enumerate(req.get("events") or (), 1):
            if isinstance(event, dict):
                check(event.get("uid"), f"request {key} event {i} ({event.get('type')})")
    return problems
