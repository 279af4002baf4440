"""Values outside the known vocabulary (:mod:`foi.vocab`) in a stored
request: an outcome ``grantd`` typed into the JSON by hand, a ``via`` nobody
knows, an event type from a newer foi.  Pure; `foi doctor` reports them and
`foi edit` refuses to make new ones."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from ..vocab import AuthorityKind, Event, LetterKind, Nation, Outcome, Regime, ReviewOutcome, Via

#: event type -> field -> the values it may take
_EVENT_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    Event.RESPONSE: {"outcome": Outcome.ALL},
    Event.REVIEW_RESPONSE: {"outcome": ReviewOutcome.ALL},
    Event.SENT: {"via": Via.ALL},
    Event.CHASED: {"via": Via.ALL, "letter_kind": LetterKind.ALL},
    Event.REVIEW_REQUESTED: {"via": Via.ALL, "letter_kind": LetterKind.ALL},
    Event.COMPLAINT: {"via": Via.ALL, "letter_kind": LetterKind.ALL},
    Event.DRAFTED: {"kind": LetterKind.ALL},
}

_REQUEST_FIELDS: dict[str, tuple[str, ...]] = {
    "regime": Regime.ALL,
    "nation": Nation.ALL,
    "authority_kind": AuthorityKind.ALL,
}


def _unknown(field: str, value, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6) if isinstance(value, str) else []
    guess = f" (did you mean {close[0]}?)" if close else ""
    return f"{field} {value!r} is not one of {', '.join(allowed)}{guess}"


def event_problems(event: Mapping) -> list[str]:
    """What in one event is outside the vocabulary."""
    kind = event.get("type")
    if kind not in Event.ALL:
        return [_unknown("type", kind, Event.ALL)]
    found = []
    for field, allowed in _EVENT_FIELDS.get(kind, {}).items():
        value = event.get(field)
        if value not in (None, "") and value not in allowed:
            found.append(_unknown(field, value, allowed))
    return found


def request_problems(req: Mapping) -> list[tuple[int | None, str, str]]:
    """What in one request is outside the vocabulary: (event number as `foi
    show` numbers them, or None for the request's own fields; field; problem)."""
    found: list[tuple[int | None, str, str]] = []
    for field, allowed in _REQUEST_FIELDS.items():
        value = req.get(field)
        if value not in (None, "") and value not in allowed:
            found.append((None, field, _unknown(field, value, allowed)))
    for n, event in enumerate(req.get("events") or (), 1):
        if isinstance(event, Mapping):
            found += [(n, p.split(" ", 1)[0], f"event {n} ({event.get('type')}): {p}") for p in event_problems(event)]
    return found
