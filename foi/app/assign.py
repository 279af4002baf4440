"""`foi assign`: which member of the coalition handles which requests."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import UsageError


def assign(store, ids: Iterable[int], member: str) -> list[int]:
    """Record ``member`` on each request; the ids that changed."""
    member = member.strip()
    if not member or any(c in member for c in "\x00\x1b\r\n"):
        raise UsageError("--member needs a name", "for example --member sam")
    changed = []
    for rid in ids:
        req = store.get_request(rid)
        if req.get("member") != member:
            changed.append({**req, "member": member})
    if changed:
        store.update_requests(changed)
    return [r["id"] for r in changed]
