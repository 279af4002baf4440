"""Which requests and authorities a command acts on: by campaign, by
authority (id, name or part of a name, with suggestions for a typo), by kind
and tag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..errors import NotFound, UsageError


def filter_requests(
    requests: Iterable[Mapping], campaign: str | None = None, authority_id: str | None = None
) -> list[Mapping]:
    out = []
    for r in requests:
        if campaign is not None and (r.get("campaign") or "") != campaign:
            continue
        if authority_id is not None and r.get("authority_id") != authority_id:
            continue
        out.append(r)
    return out


def check_campaign(requests: Iterable[Mapping], campaign: str | None) -> None:
    """Refuse a --campaign that names no request: a typo must not read as
    "nothing needs attention"."""
    if campaign is None:
        return
    names = sorted({r.get("campaign") for r in requests if r.get("campaign")})
    if campaign in names:
        return
    if not names:
        raise NotFound(
            f"no requests in campaign {campaign!r}: no request has a campaign yet",
            "draft with --campaign NAME, or leave --campaign out",
        )
    close = [n for n in names if n.casefold() == campaign.strip().casefold()]
    if close:
        hint = f"did you mean --campaign {close[0]}?"
    else:
        import difflib

        close = difflib.get_close_matches(campaign, names, n=1, cutoff=0.6)
        hint = (f"did you mean --campaign {close[0]}? " if close else "") + "campaigns: " + ", ".join(names)
    raise NotFound(f"no requests in campaign {campaign!r}", hint)


def resolve_authority(query: str, all_auths: Mapping[str, Mapping]) -> Mapping:
    """:func:`foi.directory.resolve`, and on a typo ("police scotand") the
    closest names as a suggestion."""
    from ..directory import resolve

    try:
        return resolve(query, all_auths)
    except NotFound as exc:
        import difflib

        q = " ".join(str(query).split()).casefold()
        n_words = len(q.split())
        keys: dict[str, list[Mapping]] = {}  # id, name, and the name's first words ("oxford health")
        for a in sorted(all_auths.values(), key=lambda a: a["id"]):
            name = " ".join((a.get("name") or "").split()).casefold()
            for key in {a["id"], name, " ".join(name.split()[:n_words])}:
                if a not in keys.setdefault(key, []):
                    keys[key].append(a)
        found: list[Mapping] = []
        for key in difflib.get_close_matches(q, list(keys), n=3, cutoff=0.75) if q else ():
            found += [a for a in keys[key] if a not in found]
        if not found:
            raise
        suggestion = " or ".join(f"{a['name']} ({a['id']})" for a in found[:3])
        raise NotFound(exc.message, f"did you mean {suggestion}?") from None


def resolve_authorities(
    all_auths: Mapping[str, Mapping], to: Sequence[str] = (), kind: str | None = None, tag: str | None = None
) -> list[Mapping]:
    """The authorities chosen by --to / --kind / --tag, in a stable order."""
    from ..directory import filter_authorities

    chosen: dict[str, Mapping] = {}
    for q in to:
        a = resolve_authority(q, all_auths)
        chosen[a["id"]] = a
    if kind or tag:
        matches = filter_authorities(all_auths, kind=kind, tag=tag)
        if not matches:
            what = " with ".join(x for x in (kind and f"kind {kind!r}", tag and f"tag {tag!r}") if x)
            kinds = sorted({a.get("kind") or "" for a in all_auths.values()} - {""})
            hint = (
                f"kinds: {', '.join(kinds)}"
                if kind and kind not in kinds
                else "see `foi authorities list` for kinds and tags"
            )
            raise UsageError(f"no authorities of {what}", hint)
        for a in matches:
            chosen[a["id"]] = a
    return list(chosen.values())
