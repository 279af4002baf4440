"""Finding authorities: filters for lists and :func:`resolve` for what the user typed."""

from __future__ import annotations

import shlex

from foi.errors import AmbiguousAuthority, NotFound

from .records import _match_key_no_and, _text, tag_key


def filter_authorities(
    auths: dict,
    kind: str | None = None,
    tag: str | None = None,
    search: str | None = None,
) -> list[dict]:
    """Records matching all given filters, sorted by name (then id).

    ``kind``: exact kind; ``tag``: carries that tag (case, ``-`` and ``_`` ignored);
    ``search``: case-insensitive substring of the name, id, ODS code or
    WhatDoTheyKnow url name.
    """
    want_tag = tag_key(tag) if tag else None
    needle = search.casefold().strip() if search else None
    out = []
    for rec in auths.values():
        if kind and rec.get("kind") != kind:
            continue
        if want_tag and want_tag not in {tag_key(t) for t in rec.get("tags") or []}:
            continue
        if needle:
            hay = [rec.get(f) or "" for f in ("name", "id", "ods_code", "wdtk_url_name")]
            if not any(needle in h.casefold() for h in hay):
                continue
        out.append(rec)
    out.sort(key=lambda r: ((r.get("name") or "").casefold(), r.get("id") or ""))
    return out


def resolve(query: str, auths: dict) -> dict:
    """Find one authority by what the user typed.

    In order: exact id; exact name (case-insensitive); exact ODS code or
    WhatDoTheyKnow url name when only one record has it; else the single
    authority whose name contains the query, comparing case-insensitively and
    ignoring punctuation and "&"/"and".

    Raises :class:`foi.errors.NotFound` when nothing matches and
    :class:`foi.errors.AmbiguousAuthority` (listing up to 8 candidates) when
    several do.
    """
    q = _text(query)
    if q in auths:
        return auths[q]
    if not q:
        raise NotFound("no authority given", hint="see `foi authorities list`")
    folded = q.casefold()

    def unique_or_ambiguous(hits: list[dict]) -> dict | None:
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            hits = sorted(hits, key=lambda r: ((r.get("name") or "").casefold(), r.get("id")))
            shown = "; ".join(f"{r['id']} ({r.get('name', '')})" for r in hits[:8])
            more = f"; and {len(hits) - 8} more" if len(hits) > 8 else ""
            raise AmbiguousAuthority(
                f"'{q}' matches {len(hits)} authorities: {shown}{more}",
                hint="use the id, e.g. " + hits[0]["id"],
            )
        return None

    found = unique_or_ambiguous([r for r in auths.values() if (r.get("name") or "").casefold() == folded])
    if found:
        return found
    for field in ("ods_code", "wdtk_url_name"):
        hits = [r for r in auths.values() if (r.get(field) or "").casefold() == folded]
        if len(hits) == 1:
            return hits[0]

    key = _match_key_no_and(q)
    if key:
        found = unique_or_ambiguous([r for r in auths.values() if key in _match_key_no_and(r.get("name") or "")])
        if found:
            return found
    raise NotFound(
        f"unknown authority '{q}'",
        hint=f"see `foi authorities list --search {shlex.quote(q)}`",
    )
