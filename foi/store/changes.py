"""What a command saved, for the message after Ctrl-C or a failed print
("interrupted; the change was saved (requests 1-47 changed)")."""

from __future__ import annotations

#: What each commit of this process saved (:func:`saved_changes`).
_SAVED: list[str] = []


def record_saved(summary: str) -> None:
    _SAVED.append(summary)


def forget_saved() -> None:
    """Start a new command's record of :func:`saved_changes`."""
    _SAVED.clear()


def saved_changes() -> str:
    """What this process has saved so far, for a message after an interrupt
    or a failed print ("requests 1-47 changed"); ``""`` if nothing."""
    return "; ".join(_SAVED)


def ranges(ids: list[int]) -> str:
    """``1-3, 7, 9-10`` (as `foi send` takes them)."""
    out, start, prev = [], ids[0], ids[0]
    for i in [*ids[1:], None]:
        if i is not None and i == prev + 1:
            prev = i
            continue
        out.append(f"{start}-{prev}" if prev > start else str(start))
        if i is not None:
            start = prev = i
    return ", ".join(out)


def summary(changes: dict[str, set], migrated_from: int | None) -> str:
    """``requests 1-47 changed, settings``: what one commit saved."""
    parts = []
    for what in ("added", "changed", "deleted"):
        ids = sorted(changes[what] - (changes["added"] if what == "changed" else set()))
        if ids:
            parts.append(f"{'request' if len(ids) == 1 else 'requests'} {ranges(ids)} {what}")
    parts += sorted(changes["other"])
    if migrated_from is not None:
        parts.append(f"the store upgraded from schema {migrated_from}")
    return ", ".join(parts) or "the store"


def carried(old: dict | None, new: dict, trusted: bool = True) -> frozenset[str]:
    """The keys of the requests of ``new`` that are the very objects ``old`` has at
    that key (none unless ``old`` is ``trusted``: as read, not upgraded or changed)."""
    before, after = (old or {}).get("requests"), new.get("requests")
    if not trusted or type(before) is not dict or type(after) is not dict:
        return frozenset()
    return frozenset(k for k, req in after.items() if before.get(k) is req)
