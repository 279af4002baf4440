"""Campaign declarations: ``foi campaign set/show/list``, and the checks that
``foi finding`` makes against them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..domain.findings import Campaign, check_key, check_value, parse_declaration
from ..errors import NotFound, UsageError


def get(store, name: str | None) -> Campaign | None:
    """The declaration of campaign ``name``, or ``None`` if it declares nothing."""
    if not name:
        return None
    doc = store.campaigns().get(name)
    return Campaign.from_doc(doc) if doc else None


def names(store) -> list[str]:
    """Every campaign: those of the requests and those declared."""
    used = {r.get("campaign") for r in store.requests() if r.get("campaign")}
    return sorted(used | set(store.campaigns()))


def _check_name(store, name: str) -> None:
    name = name.strip()
    if not name:
        raise UsageError("the campaign name is empty", "for example: foi campaign set hiu --title '...'")
    known = names(store)
    if name in known:
        return
    same = [n for n in known if n.casefold() == name.casefold()]
    if same:
        raise UsageError(f"there is no campaign {name!r}; did you mean {same[0]}?", "campaign names are case-sensitive")


def _misfits(store, campaign: Campaign) -> list[str]:
    """Recorded findings the new declaration would refuse, as 'ID key=value'."""
    out = []
    for req in store.requests():
        if req.get("campaign") != campaign.name:
            continue
        for k, v in (req.get("findings") or {}).items():
            try:
                check_value(campaign, k, str(v))
            except UsageError:
                out.append(f"{req['id']} {k}={v}")
    return out


def set_campaign(
    store,
    name: str,
    findings: Sequence[str] = (),
    remove: Sequence[str] = (),
    title: str | None = None,
    description: str | None = None,
) -> Campaign:
    """Declare (or change) a campaign's title, description and findings.

    ``--finding KEY=V1,V2`` replaces KEY's declaration and keeps the others in
    their order; ``--remove-finding KEY`` drops one.  Findings already recorded
    that the new declaration would refuse make the whole change fail, naming
    them, so that the report never counts a value it does not know."""
    _check_name(store, name)
    old = get(store, name) or Campaign(name)
    declared = dict(old.findings)
    for key in remove:
        key = check_key(key)
        if declared.pop(key, None) is None:
            raise NotFound(
                f"campaign {name!r} declares no finding {key!r}", "declared: " + (", ".join(declared) or "none")
            )
    for text in findings:
        key, values = parse_declaration(text)
        declared[key] = values
    new = Campaign(
        name,
        old.title if title is None else (title.strip() or None),
        old.description if description is None else (description.strip() or None),
        declared,
    )
    bad = _misfits(store, new)
    if bad:
        shown = "; ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise UsageError(
            f"recorded findings do not fit this declaration: {shown}",
            "correct them with `foi finding ID key=value` (key= removes one), or declare those values too",
        )
    store.put_campaign(new.to_doc())
    return new


def checked_findings(campaign: Campaign | None, findings: Mapping[str, str], changed: Sequence[str]) -> dict:
    """``findings`` with the ``changed`` keys checked against the declaration
    (and spelt as declared)."""
    out = dict(findings)
    if campaign is None:
        return out
    for key in changed:
        if key in out:
            out[key] = check_value(campaign, key, str(out[key]))
    return out
