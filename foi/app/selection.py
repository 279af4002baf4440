"""Which requests and authorities a command acts on: by campaign, by
authority (id, name or part of a name, with suggestions for a typo), by kind
and tag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from ..errors import NotFound, UsageError
from ..vocab import status_matches


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
    all_auths: Mapping[str, Mapping],
    to: Sequence[str] = (),
    kind: str | Sequence[str] | None = None,
    tag: str | Sequence[str] | None = None,
) -> list[Mapping]:
    """The authorities chosen by --to / --kind / --tag, in a stable order.

    Each option given several times adds up (issue 13, bug 3): ``--kind
    mental_health_trust --kind police_force`` is every trust and every force.
    Kinds and tags together narrow: an authority of one of the kinds that
    carries one of the tags.  A kind or tag that matches nothing is an error,
    not a smaller batch."""
    from ..directory import filter_authorities

    kinds = [kind] if isinstance(kind, str) else list(kind or ())
    tags = [tag] if isinstance(tag, str) else list(tag or ())
    chosen: dict[str, Mapping] = {}
    for q in to:
        a = resolve_authority(q, all_auths)
        chosen[a["id"]] = a
    pairs = [(k, t) for k in kinds or [None] for t in tags or [None]] if kinds or tags else []
    for k, t in pairs:
        matches = filter_authorities(all_auths, kind=k, tag=t)
        if not matches:
            what = " with ".join(x for x in (k and f"kind {k!r}", t and f"tag {t!r}") if x)
            known = sorted({a.get("kind") or "" for a in all_auths.values()} - {""})
            hint = (
                f"kinds: {', '.join(known)}"
                if k and k not in known
                else "see `foi authorities list` for kinds and tags"
            )
            raise UsageError(f"no authorities of {what}", hint)
        for a in matches:
            chosen[a["id"]] = a
    return list(chosen.values())


# -- the selection every timeline command takes ---------------------------------------


class Selection(NamedTuple):  # (a named tuple: no code generated at import)
    """Which requests a timeline command (send, respond, log, finding, chase,
    review, complain) acts on: ids (``12``, ``2-48``, ``3,5,9``), or filters
    (``--campaign C [--status S] [--authority-kind K]``), not both."""

    ids: tuple[int, ...] = ()
    campaign: str | None = None
    status: str | None = None
    authority_kind: str | None = None

    @property
    def filters(self) -> dict[str, str]:
        given = {"campaign": self.campaign, "status": self.status, "authority-kind": self.authority_kind}
        return {k: v for k, v in given.items() if v is not None}

    def describe(self) -> str:
        return " ".join(f"--{k} {v}" for k, v in self.filters.items())


def select(store, sel: Selection, today: date, calendars=None) -> list[dict]:
    """The requests ``sel`` names, in id order (each once).  An id that does
    not exist, a campaign no request has, or filters that match nothing are
    errors: a typo must not read as "nothing to do"."""
    if sel.ids and sel.filters:
        raise UsageError(
            f"give request ids or {sel.describe()}, not both",
            "ids pick requests one by one; --campaign/--status/--authority-kind pick them by what they are",
        )
    if sel.ids:
        return [store.get_request(rid) for rid in dict.fromkeys(sel.ids)]
    if not sel.filters:
        raise UsageError(
            "which requests?", "give ids (12, 2-48, 3,5,9) or --campaign C [--status S] [--authority-kind K]"
        )
    requests = store.requests()
    check_campaign(requests, sel.campaign)
    chosen = []
    for req in sorted(requests, key=lambda r: r["id"]):
        if sel.campaign is not None and (req.get("campaign") or "") != sel.campaign:
            continue
        if sel.authority_kind is not None and (req.get("authority_kind") or "") != sel.authority_kind:
            continue
        if sel.status is not None:
            from .views import assess

            a = assess(req, today, calendars)
            if not status_matches(sel.status, a.stage, a.overdue):
                continue
        chosen.append(req)
    if not chosen:
        raise NotFound(f"no requests match {sel.describe()}", "see them with `foi list`")
    return chosen


def selected_ids(app, sel: Selection) -> tuple[int, ...]:
    """The ids ``sel`` names, read from the store now (the command then
    reads each again under the store's lock)."""
    if sel.ids and not sel.filters:
        return tuple(dict.fromkeys(sel.ids))
    store = app.read()
    return tuple(r["id"] for r in select(store, sel, app.today, app.calendars(store)))
