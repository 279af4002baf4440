"""What changed in a store between two versions, in words (pure).

`foi sync` commits the store with a message such as
``Sam Smith: drafted 3, sent 2, 1 response``, so the repository's log reads
as the coalition's diary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..vocab import Event

#: Events that record a letter going out (a request or a follow-up).
_SENDS = (Event.SENT, Event.CHASED, Event.REVIEW_REQUESTED, Event.COMPLAINT)

#: (singular, plural) nouns for the other events.
_NOUNS = {
    Event.RESPONSE: ("response", "responses"),
    Event.REVIEW_RESPONSE: ("review response", "review responses"),
    Event.ACKNOWLEDGED: ("acknowledgement", "acknowledgements"),
    Event.CLARIFICATION_REQUESTED: ("request for clarification", "requests for clarification"),
    Event.CLARIFIED: ("clarification", "clarifications"),
    Event.FEE_NOTICE: ("fees notice", "fees notices"),
    Event.FEE_PAID: ("fee paid", "fees paid"),
    Event.EXTENDED: ("extension", "extensions"),
    Event.DECISION: ("decision notice", "decision notices"),
    Event.APPEAL: ("appeal", "appeals"),
    Event.WITHDRAWN: ("withdrawal", "withdrawals"),
    Event.NOTE: ("note", "notes"),
}


def _requests(data: Mapping | None) -> dict[str, Mapping]:
    table = (data or {}).get("requests") or {}
    return {r.get("uid") or f"#{k}": r for k, r in table.items() if isinstance(r, Mapping)}


def count_changes(before: Mapping | None, after: Mapping) -> Counter:
    """Counts of what ``after`` adds to ``before``: ``drafted``, ``sent``,
    event types, ``findings`` (requests whose findings changed), ``assigned``,
    ``removed`` (events), ``settled`` (conflicts), ``other``."""
    old, new = _requests(before), _requests(after)
    counts: Counter = Counter()
    for uid, req in new.items():
        prev = old.get(uid) or {}
        if req == prev:
            continue
        seen = {e.get("uid") for e in prev.get("events") or ()}
        now = {e.get("uid") for e in req.get("events") or ()}
        for e in req.get("events") or ():
            if e.get("uid") not in seen:
                kind = e.get("type")
                counts["drafted" if kind == Event.DRAFTED else "sent" if kind in _SENDS else kind] += 1
        counts["removed"] += len(seen - now)
        counts["findings"] += (req.get("findings") or {}) != (prev.get("findings") or {})
        counts["assigned"] += bool(req.get("member")) and req.get("member") != prev.get("member")
        counts["settled"] += max(0, len(prev.get("conflicts") or ()) - len(req.get("conflicts") or ()))
    counts["deleted"] += len(set(old) - set(new))
    return +counts


def describe_changes(counts: Counter) -> str:
    """``drafted 3, sent 2, 1 response`` (``changes`` if nothing countable)."""
    parts = []
    for verb in ("drafted", "sent"):
        if counts[verb]:
            parts.append(f"{verb} {counts[verb]}")
    for kind, (one, many) in _NOUNS.items():
        if counts[kind]:
            parts.append(f"{counts[kind]} {one if counts[kind] == 1 else many}")
    words = {
        "findings": "findings on {}",
        "assigned": "assigned {}",
        "settled": "settled {} conflict(s)",
        "removed": "removed {} event(s)",
        "deleted": "deleted {} request(s)",
    }
    for key, text in words.items():
        if counts[key]:
            parts.append(text.format(counts[key]))
    return ", ".join(parts) or "changes"


def commit_message(who: str, before: Mapping | None, after: Mapping) -> str:
    return f"{who or 'foi'}: {describe_changes(count_changes(before, after))}"
