"""Findings: record them on a request (checked against the campaign's
declaration) and tally them across a campaign (``foi findings --tally``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain import findings as fd
from ..errors import UsageError
from . import campaigns, selection


def _check_by(by: str | None, keys: Sequence[str]) -> str | None:
    if by is None or by == "kind" or by in keys:
        return by
    import difflib  # (only for a mistake: not imported by every export)

    choices = ["kind", *keys]
    close = difflib.get_close_matches(by, choices, n=1, cutoff=0.6)
    raise UsageError(
        f"--by {by!r} is not 'kind' or a finding of this campaign" + (f"; did you mean {close[0]}?" if close else ""),
        "choose one of: " + ", ".join(choices),
    )


def tally(store, campaign: str | None, by: str | None = None) -> dict:
    """The tally of ``campaign``'s findings (every request with findings when
    ``campaign`` is None), with the campaign's declaration."""
    everything = store.requests()
    selection.check_campaign(everything, campaign)
    reqs = selection.filter_requests(everything, campaign)
    declared = campaigns.get(store, campaign)
    keys = list(declared.findings) if declared else []
    keys += sorted({k for r in reqs for k in (r.get("findings") or ())} - set(keys))
    result = fd.tally(reqs, declared, _check_by(by, keys))
    result["campaign"] = campaign
    result["title"] = declared.title if declared else None
    return result


def grid(store, campaign: str | None) -> tuple[list[str], list[dict]]:
    """The findings grid: the keys (declared order, then the others sorted)
    and a row per request (every request of ``campaign``; without one, the
    requests that have findings)."""
    reqs = selection.filter_requests(store.requests(), campaign)
    if campaign is None:
        reqs = [r for r in reqs if r.get("findings")]
    declared = campaigns.get(store, campaign)
    used = {k for r in reqs for k in (r.get("findings") or ())}
    keys = [k for k in (declared.findings if declared else ()) if k in used] + sorted(
        used - set(declared.findings if declared else ())
    )
    rows = [
        {
            "id": r["id"],
            "authority": r.get("authority_name", ""),
            "campaign": r.get("campaign"),
            "findings": {k: (r.get("findings") or {}).get(k) for k in keys},
        }
        for r in reqs
    ]
    return keys, rows
