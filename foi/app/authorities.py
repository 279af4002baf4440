"""What the `foi authorities` commands do: add, edit, import, import-emails.

Plain functions over an open store (``store.user_authorities()`` and
``store.put_authorities()``); no click, no printing.  The commands in
:mod:`foi.cli.authorities` parse options, call one of these and render.

What is stored for a shipped authority is an *overlay*: its id and only the
fields the user changed (see :func:`foi.directory.shipped.overlay`), so a
correction never turns Police Scotland into an English body and a later
release's facts still reach the fields the user never touched.  An overlay that
carries an address also keeps ``shipped_email``: the shipped address when the
overlay was written, so ``foi authorities check`` can say when the shipped
address changed since.

No address is ever marked verified from a file: only ``edit --verified``
does that, the user's own word.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from ..directory import check_email, merge, normalise_record, resolve, shipped_authorities
from ..directory.records import FIELDS, RECORD_FIELDS, slugify
from ..directory.shipped import overlay
from ..errors import FoiError, UsageError

#: Fields ``foi authorities edit`` can change (tags are added, never removed).
EDITABLE = tuple(f for f in FIELDS if f not in ("id", "tags", "email_verified"))
#: The fields that describe an address rather than the body.
ADDRESS_FIELDS = ("foi_email", "email_verified", "email_source", "email_checked", "email_note", "email_status")


def _stored_by_id(store) -> dict[str, dict]:
    out = {}
    for raw in store.user_authorities():
        aid = str(raw.get("id") or "") or slugify(str(raw.get("name") or ""))
        out[aid] = dict(raw)
    return out


def directory(store) -> dict[str, dict]:
    """Every authority: shipped, edited and the user's own."""
    return merge(shipped_authorities(), store.user_authorities())


def _same_address(a: str, b: str) -> bool:
    return (a or "").strip().casefold() == (b or "").strip().casefold()


# ---------------------------------------------------------------------------
# add and edit


def add(store, fields: Mapping) -> dict:
    """Add a new authority; an id that exists (shipped or yours) is refused."""
    rec = normalise_record(dict(fields))
    existing = directory(store).get(rec["id"])
    if existing is not None:
        raise UsageError(
            f"there is already an authority with the id {rec['id']} ({existing['name']})",
            hint=f"change it with `foi authorities edit {rec['id']} --email ADDRESS` (only what you give changes)",
        )
    store.put_authorities([rec])
    return rec


@dataclass
class Edit:
    before: dict
    after: dict
    changed: list[str]


def edit(store, query: str, changes: Mapping, *, verified: bool | None, tags: Iterable[str], today: date) -> Edit:
    """Change only the given fields of one authority (shipped or yours).

    ``changes`` maps fields of :data:`EDITABLE` to new values (``None`` = not
    given).  A new address starts unverified, with no source unless given.
    ``verified=True`` is the user's word that the address is right: it is
    recorded with today's date as ``email_checked`` unless one is given, and
    clears a bounce.
    """
    auths = directory(store)
    before = resolve(query, auths)
    aid = before["id"]
    from ..domain.safe_text import clean_line

    given = {k: clean_line(str(v)).strip() for k, v in changes.items() if v is not None and k in EDITABLE}
    tags = [t for t in tags if t]
    if not given and verified is None and not tags:
        raise UsageError(
            f"nothing to change for {aid}",
            hint="give what changes, e.g. --email ADDRESS --source URL, or --verified",
        )
    shipped = shipped_authorities().get(aid)
    raw = _stored_by_id(store).get(aid) or ({"id": aid} if shipped else dict(before))
    raw.pop("source", None)
    address = before.get("foi_email") or ""
    if "foi_email" in given:
        given["foi_email"] = check_email(given["foi_email"])
        if not _same_address(given["foi_email"], address):
            for f in ADDRESS_FIELDS:
                raw[f] = ""
            address = given["foi_email"]
    raw.update(given)
    if verified is not None:
        if not address:
            raise UsageError(f"{aid} has no address to verify", hint="give it with --email ADDRESS")
        raw["foi_email"] = address  # the word is about this address: pin it
        raw["email_verified"] = "yes" if verified else "no"
        if verified:
            raw["email_status"] = ""
            if "email_checked" not in given:
                raw["email_checked"] = today.isoformat()
    if tags:
        raw["tags"] = [*(raw.get("tags") or []), *tags]
    if shipped is not None and raw.get("foi_email"):
        raw["shipped_email"] = shipped.get("foi_email", "")
    # validated before anything is written
    if shipped is not None:
        stored, after = raw, {**normalise_record(overlay(shipped, raw)), "source": "edited"}
    else:
        stored = normalise_record(raw)
        after = {**stored, "source": "yours"}
    store.put_authorities([stored])
    changed = [f for f in RECORD_FIELDS if before.get(f) != after.get(f)]
    return Edit(before, after, changed)


# ---------------------------------------------------------------------------
# imports


@dataclass
class Replacement:
    """An existing value a file would change: shown to the user, done only with ``--replace``."""

    id: str
    name: str
    shipped: bool
    changes: dict[str, tuple[str, str]]  # field -> (old, new)


@dataclass
class ImportPlan:
    new: list[dict] = field(default_factory=list)
    updated: list[dict] = field(default_factory=list)
    unchanged: list[dict] = field(default_factory=list)
    replacements: list[Replacement] = field(default_factory=list)
    replacing: list[dict] = field(default_factory=list)  # the records behind ``replacements``
    replace: bool = False

    def to_store(self) -> list[dict]:
        return self.new + self.updated + (self.replacing if self.replace else [])

    @property
    def skipped(self) -> list[Replacement]:
        return [] if self.replace else self.replacements


def _conflicts(current: dict, rec: dict, is_shipped: bool) -> dict[str, tuple[str, str]]:
    """The filled fields of ``current`` that ``rec`` would change.

    Any address that changes counts; for a shipped authority, so does any
    other field it has (its name, kind, law, codes...).  Tags only add up.
    """
    fields = [
        f for f in FIELDS if f not in ("id", "tags", "email_verified", "email_source", "email_checked", "email_note")
    ]
    out = {}
    for f in fields:
        old, new = current.get(f) or "", rec.get(f) or ""
        if not old or not new or old == new:
            continue
        if f == "foi_email" and _same_address(old, new):
            continue
        if f == "foi_email" or is_shipped:
            out[f] = (old, new)
    return out


def _keep_address_facts(current: dict, rec: dict) -> None:
    """The file names the address we already have: keep what we know about it."""
    if rec.get("foi_email") and _same_address(rec["foi_email"], current.get("foi_email", "")):
        rec["foi_email"] = current["foi_email"]
        for f in ("email_verified", "email_status"):
            rec[f] = current.get(f, "")
        for f in ("email_source", "email_checked"):
            rec[f] = rec.get(f) or current.get(f, "")


def plan_import(store, records: Iterable[dict], *, replace: bool) -> ImportPlan:
    """Sort imported records into new / updated / unchanged / would replace something.

    Nothing is written; :func:`apply_import` writes the plan.
    """
    auths = directory(store)
    shipped = shipped_authorities()
    plan = ImportPlan(replace=replace)
    for rec in records:
        rec = dict(rec)
        current = auths.get(rec["id"])
        if current is None:
            plan.new.append(rec)
            continue
        _keep_address_facts(current, rec)
        if rec["id"] in shipped and rec.get("foi_email"):
            rec["shipped_email"] = shipped[rec["id"]].get("foi_email", "")
        conflicts = _conflicts(current, rec, rec["id"] in shipped)
        if conflicts:
            plan.replacements.append(Replacement(rec["id"], current["name"], rec["id"] in shipped, conflicts))
            plan.replacing.append(rec)
        elif _differs(current, rec):
            plan.updated.append(rec)
        else:
            plan.unchanged.append(rec)
    return plan


def _differs(current: dict, rec: dict) -> bool:
    for f in FIELDS:
        new = rec.get(f)
        if f == "tags":
            if {t.casefold() for t in new or []} - {t.casefold() for t in current.get("tags") or []}:
                return True
        elif new and new != current.get(f):
            return True
    return False


def apply_import(store, plan: ImportPlan) -> None:
    records = plan.to_store()
    if records:
        store.put_authorities([_merge_stored(store, r) for r in records])


def _merge_stored(store, rec: dict) -> dict:
    """Lay an imported record over what is stored for that id (an overlay keeps its other changes)."""
    stored = _stored_by_id(store).get(rec["id"])
    if stored is None or rec["id"] not in shipped_authorities():
        return rec
    out = dict(stored)
    out.pop("source", None)
    if rec.get("foi_email") and not _same_address(rec["foi_email"], stored.get("foi_email", "")):
        for f in ADDRESS_FIELDS:
            out[f] = ""
    for f, value in rec.items():
        if f == "tags":
            out["tags"] = [*(stored.get("tags") or []), *value]
        elif value:
            out[f] = value
    return out


@dataclass
class EmailRow:
    line: int
    query: str
    email: str
    source: str
    checked: str


def plan_email_import(store, rows: Iterable[EmailRow], *, replace: bool, today: date) -> ImportPlan:
    """Addresses from a file: fill empty ones; a different one only with ``replace``.

    Each row names its authority by id or name (anything :func:`resolve`
    accepts) and gives the page the address was read on.  Rows are never
    marked verified.
    """
    auths = directory(store)
    records = []
    seen: dict[str, int] = {}
    for row in rows:
        try:
            current = resolve(row.query, auths)
            email = check_email(row.email)
        except FoiError as exc:
            raise type(exc)(f"line {row.line}: {exc.message}", hint=exc.hint) from None
        if current["id"] in seen:
            raise UsageError(
                f"line {row.line}: a second address for {current['name']} (the first is on line {seen[current['id']]})",
                hint="keep one row per authority",
            )
        seen[current["id"]] = row.line
        rec = {
            "id": current["id"],
            "name": current["name"],
            "foi_email": email,
            "email_verified": "no",
            "email_source": row.source,
            "email_checked": row.checked or today.isoformat(),
            "tags": [],
        }
        if current.get("source") == "yours":
            rec = {**{k: v for k, v in current.items() if k != "source"}, **rec, "tags": current.get("tags", [])}
        records.append(rec)
    return plan_import(store, records, replace=replace)


def mark_bouncing(store, authority_id: str, bouncing: bool = True) -> None:
    """Record that mail to an authority's address bounced (for ``foi mail``).

    Stored as ``email_status = "bouncing"`` on the user's record for that id
    (an overlay for a shipped body); ``foi authorities check`` reports it.
    ``bouncing=False`` clears it.  An unknown id raises NotFound.
    """
    auths = directory(store)
    if authority_id not in auths:
        resolve(authority_id, auths)  # raises NotFound with a hint
    raw = _stored_by_id(store).get(authority_id)
    if raw is None:
        raw = {"id": authority_id} if authority_id in shipped_authorities() else dict(auths[authority_id])
    raw.pop("source", None)
    raw["email_status"] = "bouncing" if bouncing else ""
    store.put_authorities([raw])
