"""Campaign findings: declarations, checks and the tally (pure: no I/O).

A *finding* is a ``key=value`` a campaigner records on a request
(``scheme=rebranded``).  A campaign may *declare* its findings once: each key
with the values it may take, in the order a report shows them
(``scheme=stopped,kept,rebranded``), or with no values for free text
(``note``).  Once a campaign declares findings, a value or key outside the
declaration is refused with the closest declared one as a suggestion.

The tally counts, for each finding key, how many *authorities* of the
campaign have each value.  An authority with several requests in the
campaign (a request withdrawn and sent again) counts once: its requests'
findings are merged; if two of them disagree, it is counted under
``conflicting`` rather than guessed.  Authorities with no value for a key are
``not recorded``.  Values are shown in the declared order, then any value
outside the declaration (recorded before it), most frequent first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import StoreError, UsageError

KEY = re.compile(r"^[a-z][a-z0-9_]*$")
NOT_RECORDED = "not recorded"
CONFLICTING = "conflicting"


@dataclass(frozen=True)
class Campaign:
    """What a campaign declares about itself (stored in the store's campaign table)."""

    name: str
    title: str | None = None
    description: str | None = None
    #: key -> allowed values in report order; an empty tuple is free text.
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_doc(cls, doc: Mapping) -> Campaign:
        """A stored declaration; a hand-edited one of the wrong shape is a
        :class:`~foi.errors.StoreError` naming what is wrong, not a crash."""
        problem = shape_problem(doc)
        if problem:
            raise StoreError(
                f"the store's declaration of campaign {doc.get('name')!r} is broken: {problem}",
                "correct it with `foi campaign set NAME --finding ...` after fixing the file, or restore a backup",
            )
        findings = {
            str(item["key"]): tuple(str(v) for v in item.get("values") or ()) for item in doc.get("findings") or ()
        }
        return cls(str(doc["name"]), doc.get("title") or None, doc.get("description") or None, findings)

    def to_doc(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "findings": [{"key": k, "values": list(v)} for k, v in self.findings.items()],
        }


def shape_problem(doc: Any) -> str | None:
    """What is wrong with a stored declaration's shape, or ``None``:
    ``{"name": str, "title": str|null, "description": str|null,
    "findings": [{"key": str, "values": [str, ...]}, ...]}``."""
    if not isinstance(doc, Mapping) or not isinstance(doc.get("name"), str):
        return "it has no name"
    for field_ in ("title", "description"):
        if doc.get(field_) is not None and not isinstance(doc[field_], str):
            return f"its {field_} is not text"
    items = doc.get("findings")
    if items is None:
        return None
    if not isinstance(items, list):
        return "its findings are not a list"
    for item in items:
        if not isinstance(item, Mapping) or not isinstance(item.get("key"), str):
            return "a finding has no key"
        values = item.get("values")
        if values is not None and not (isinstance(values, list) and all(isinstance(v, str) for v in values)):
            return f"the values of finding {item['key']!r} are not a list of text"
    return None


def check_key(key: str) -> str:
    key = key.strip().lower()
    if not KEY.match(key):
        raise UsageError(
            f"finding name {key!r} is not valid",
            "use lower-case letters, digits and underscores, starting with a letter",
        )
    return key


def parse_declaration(text: str) -> tuple[str, tuple[str, ...]]:
    """``scheme=stopped,kept,rebranded`` -> ``("scheme", ("stopped", "kept", "rebranded"))``;
    ``note`` (no ``=``) declares a free-text finding."""
    key, sep, values = text.partition("=")
    key = check_key(key)
    vals = tuple(dict.fromkeys(v.strip() for v in values.split(",") if v.strip())) if sep else ()
    if sep and not vals:
        raise UsageError(
            f"--finding {text!r} lists no values", f"for example: {key}=yes,no (or just {key} for free text)"
        )
    for v in vals:
        if v.casefold() in (NOT_RECORDED, CONFLICTING):
            raise UsageError(f"{v!r} is a word the tally uses itself", "choose another name for this value")
    if len({v.casefold() for v in vals}) != len(vals):
        raise UsageError(f"--finding {text!r} lists a value twice (ignoring case)", "list each value once")
    return key, vals


def _suggest(word: str, choices: Sequence[str]) -> str:
    import difflib  # (only for a mistake: not imported by every export)

    close = difflib.get_close_matches(word.casefold(), [c.casefold() for c in choices], n=1, cutoff=0.6)
    if not close:
        return ""
    return next(c for c in choices if c.casefold() == close[0])


def check_value(campaign: Campaign, key: str, value: str) -> str:
    """The declared spelling of ``value`` for ``key``, or a :class:`UsageError`
    naming the closest declared key or value.  A campaign that declares no
    findings accepts anything."""
    if not campaign.findings:
        return value
    if key not in campaign.findings:
        close = _suggest(key, list(campaign.findings))
        raise UsageError(
            f"campaign {campaign.name!r} declares no finding {key!r}" + (f"; did you mean {close}?" if close else ""),
            f"declared: {', '.join(campaign.findings)}; add one with "
            f"`foi campaign set {campaign.name} --finding {key}=VALUE,...`",
        )
    allowed = campaign.findings[key]
    if not allowed:
        return value
    for v in allowed:
        if v.casefold() == value.casefold():
            return v
    close = _suggest(value, allowed)
    raise UsageError(
        f"{key}={value} is not a value campaign {campaign.name!r} declares"
        + (f"; did you mean {close}?" if close else ""),
        f"{key} is one of: {', '.join(allowed)}",
    )


# -- the tally ---------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One authority of the campaign, with its merged findings."""

    authority: str
    kind: str
    findings: dict[str, str]


def units(requests: Iterable[Mapping]) -> list[Unit]:
    """One :class:`Unit` per authority (by ``authority_id``, else its name),
    in the order of its first request."""
    merged: dict[str, dict] = {}
    for req in requests:
        who = str(req.get("authority_id") or req.get("authority_name") or f"#{req.get('id')}")
        u = merged.setdefault(
            who, {"name": req.get("authority_name") or who, "kind": req.get("authority_kind") or "", "f": {}}
        )
        for k, v in (req.get("findings") or {}).items():
            v = str(v)
            u["f"][k] = v if u["f"].get(k, v) == v else CONFLICTING
    return [Unit(u["name"], u["kind"], u["f"]) for u in merged.values()]


def value_order(counts: Mapping[str, int], declared: Sequence[str]) -> list[str]:
    """Declared values first (even at 0), then the others by count, then name;
    ``conflicting`` and ``not recorded`` last."""
    special = (CONFLICTING, NOT_RECORDED)
    others = sorted((v for v in counts if v not in declared and v not in special), key=lambda v: (-counts[v], v))
    return list(declared) + others + [s for s in special if counts.get(s)]


def _count(units_: Iterable[Unit], key: str) -> Counter:
    return Counter(u.findings.get(key, NOT_RECORDED) for u in units_)


def _tally_one(units_: Sequence[Unit], key: str, declared: Sequence[str]) -> dict:
    counts = _count(units_, key)
    order = value_order(counts, declared)
    recorded = sum(n for v, n in counts.items() if v != NOT_RECORDED)
    return {
        "key": key,
        "declared": list(declared),
        "counts": [{"value": v, "count": counts.get(v, 0)} for v in order],
        "recorded": recorded,
        "not_recorded": counts.get(NOT_RECORDED, 0),
        "undeclared": [v for v in order if declared and v not in declared and v not in (CONFLICTING, NOT_RECORDED)],
    }


def group_of(unit: Unit, by: str) -> str:
    if by == "kind":
        return unit.kind or "unknown"
    return unit.findings.get(by, NOT_RECORDED)


def tally(requests: Iterable[Mapping], campaign: Campaign | None = None, by: str | None = None) -> dict:
    """Count each finding's values across the campaign's authorities.

    ``by``: ``"kind"`` (authority kind) or another finding key: the same
    counts within each group.  JSON-ready: ``{"authorities", "by", "keys":
    [{"key", "declared", "counts": [{"value", "count"}], "recorded",
    "not_recorded", "undeclared", "groups"?: [{"group", "counts", ...}]}]}``."""
    us = units(requests)
    declared = dict(campaign.findings) if campaign else {}
    keys = list(declared) + sorted({k for u in us for k in u.findings} - set(declared))
    if by and by != "kind":
        keys = [k for k in keys if k != by]
    out = {"authorities": len(us), "by": by, "keys": []}
    for key in keys:
        entry = _tally_one(us, key, declared.get(key, ()))
        if by:
            groups: dict[str, list[Unit]] = {}
            for u in us:
                groups.setdefault(group_of(u, by), []).append(u)
            gorder = value_order({g: len(v) for g, v in groups.items()}, declared.get(by, ()) if by != "kind" else ())
            entry["groups"] = [
                {"group": g, **_tally_one(groups[g], key, declared.get(key, ()))} for g in gorder if g in groups
            ]
        out["keys"].append(entry)
    return out


def sentence(entry: Mapping, labels: Mapping[str, str] | None = None) -> str:
    """``scheme: stopped 6, kept 14, rebranded 5, not recorded 22``."""
    labels = labels or {}
    parts = [f"{labels.get(c['value'], c['value'])} {c['count']}" for c in entry["counts"]]
    return f"{entry['key']}: " + ", ".join(parts)
