"""`foi authorities check`: which letters cannot go out by email, and why.

For each authority in scope (a campaign's, or the whole directory), the
problems with its FOI address:

* ``no-address``: none is known;
* ``unverified``: nobody has confirmed it (the page it was read on is shown);
* ``bouncing``: mail to it bounced.  ``foi mail`` records that on the
  authority as ``email_status = "bouncing"`` (see COORDINATION.md); a
  verified edit or a new address clears it;
* ``changed``: the address changed since the letter was drafted (a request's
  ``to_email`` is not the current address), or the shipped address changed
  since you edited the authority (your overlay's ``shipped_email`` is not the
  shipped address any more).

Each finding also carries the authority's ``email_note``: what the data says
about the address or its absence (for example that the body's FOI page offers
only an online form, or that an address is on a retired domain).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field

from ..directory import filter_authorities, shipped_authorities
from .authorities import _same_address, _stored_by_id, directory

PROBLEMS = ("no-address", "unverified", "bouncing", "changed")


@dataclass
class Finding:
    id: str
    name: str
    kind: str
    foi_email: str
    email_verified: str
    email_source: str
    email_checked: str
    email_note: str = ""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    requests: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)


def _finding(auth: Mapping, requests: list[Mapping], stored: Mapping | None) -> Finding:
    f = Finding(
        id=auth["id"],
        name=auth.get("name") or "",
        kind=auth.get("kind") or "",
        foi_email=auth.get("foi_email") or "",
        email_verified=auth.get("email_verified") or "",
        email_source=auth.get("email_source") or "",
        email_checked=auth.get("email_checked") or "",
        email_note=auth.get("email_note") or "",
        requests=sorted(int(r["id"]) for r in requests if r.get("id") is not None),
    )
    if not f.foi_email:
        f.problems.append("no-address")
    elif f.email_verified != "yes":
        f.problems.append("unverified")
    if f.foi_email and str(auth.get("email_status") or "").strip().casefold() == "bouncing":
        f.problems.append("bouncing")
    changed = _changes(auth, requests, stored)
    if changed:
        f.problems.append("changed")
        f.notes += changed
    return f


def _changes(auth: Mapping, requests: list[Mapping], stored: Mapping | None) -> list[str]:
    notes = []
    shipped = shipped_authorities().get(auth["id"])
    if stored is not None and shipped is not None and "shipped_email" in stored:
        then, now = stored.get("shipped_email") or "", shipped.get("foi_email") or ""
        if not _same_address(then, now):
            notes.append(
                f"the shipped address changed since you edited it: now {now or 'none'}"
                + (f" (read on {shipped.get('email_source')})" if now and shipped.get("email_source") else "")
            )
    current = auth.get("foi_email") or ""
    for req in requests:
        drafted = req.get("to_email") or ""
        if drafted and not _same_address(drafted, current):
            notes.append(f"request {req.get('id')} was drafted to {drafted}; the address is now {current or 'unknown'}")
    return notes


def check(
    store,
    *,
    requests: Iterable[Mapping] | None = None,
    kind: str | None = None,
    tag: str | None = None,
) -> list[Finding]:
    """One :class:`Finding` per authority in scope, problems or not, sorted by name.

    ``requests``: the campaign's requests (their authorities are the scope);
    ``None`` means every authority in the directory (``kind``/``tag`` narrow it).
    """
    auths = directory(store)
    stored = _stored_by_id(store)
    by_authority: dict[str, list[Mapping]] = {}
    if requests is not None:
        for req in requests:
            by_authority.setdefault(str(req.get("authority_id") or ""), []).append(req)
        scope = {aid: auths[aid] for aid in by_authority if aid in auths}
    else:
        scope = auths
    chosen = filter_authorities(scope, kind=kind, tag=tag)
    return [_finding(a, by_authority.get(a["id"], []), stored.get(a["id"])) for a in chosen]


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = {p: 0 for p in PROBLEMS}
    for f in findings:
        for p in f.problems:
            counts[p] += 1
    counts["ready"] = sum(1 for f in findings if not f.problems)
    return counts
