"""What needs attention today (`foi overdue`), read from the store."""

from __future__ import annotations

from datetime import date


def attention_today(store, today: date, calendars, within: int = 5, campaign: str | None = None) -> list:
    """The :class:`foi.domain.attention.Item` list for ``today``, most urgent
    first; a ``campaign`` no request has is refused (a typo is not "nothing")."""
    requests = store.requests()
    if campaign is not None:  # (selection imports dataclasses: not at every start-up)
        from .selection import check_campaign

        check_campaign(requests, campaign)
    if not requests:  # the deadline engine is imported only when there is something to assess
        return []
    from ..domain.attention import attention
    from .context import gc_paused

    with gc_paused() as keep:  # (an item per request that needs one, all kept: see gc_paused)
        return keep(attention(requests, today, calendars, within, campaign))
