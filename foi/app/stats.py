"""What `foi stats` does: select the requests, assess them once (their rows
only the columns the figures read), and work out the figures, with the
findings tally for a campaign."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date
from typing import TYPE_CHECKING

from . import selection
from .context import gc_paused

if TYPE_CHECKING:  # (not imported at run time: `foi stats` needs none of the export's columns)
    from .report import Progress


def figures(store, today: date, calendars, campaign: str | None = None, progress: Progress | None = None):
    """``(records, result)``: the records counted and :func:`foi.domain.stats.compute`'s
    figures (plus ``findings``, the tally, with a campaign)."""
    from ..domain import stats as st
    from ..export import build_records

    everything = store.requests()
    selection.check_campaign(everything, campaign)  # a misspelt campaign is an error, not an empty table
    reqs = selection.filter_requests(everything, campaign)
    with gc_paused() as keep, (progress or (lambda n, what: nullcontext()))(len(reqs), "Working out deadlines") as tick:
        records = keep(build_records(reqs, today, calendars, tick=tick, full=False))
    result = st.compute(records, today, campaign)
    if campaign:
        from .findings import tally

        result["findings"] = tally(store, campaign)
    return records, result
