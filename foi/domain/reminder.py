"""The quiet daily reminder (`foi overdue --quiet`): only what needs action
today, grouped per campaign, each group with the one command that acts on it.

Pure: takes the :class:`foi.domain.attention.Item` list and returns groups.

What needs action today (:data:`ACTION_KINDS`): replies to read, letters that
bounced, responses and internal reviews overdue, and the requester's own
windows closing within the next few working days.  Responses merely due soon,
unsent drafts and clarifications with no closing window wait: on a day with
none of the former the reminder prints nothing (cron then mails nothing).

A group is the items of one campaign whose next step is the same but for the
request id (chase 12, chase 14 -> one command, ``foi chase 12 14``), so one
command acts on the whole group; the CLI words and spells it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ACTION_KINDS = ("reply-to-read", "letter-bounced", "response-overdue", "review-overdue", "window-closing")

_OVERDUE = ("response-overdue", "review-overdue")


@dataclass(frozen=True)
class Group:
    """The items of one campaign whose next steps differ only by request id:
    one command (the CLI spells it) acts on all of them."""

    campaign: str | None
    kind: str  # "overdue" (responses and reviews), or an item kind
    action: str  # the steps' kind (foi.domain.attention.CHASE, SHOW...)
    detail: tuple[str, ...]  # and what they need besides the id
    items: tuple  # the attention Items, most urgent first

    @property
    def ids(self) -> list[int]:
        return sorted({i.id for i in self.items})

    @property
    def soonest(self):
        return min((i.due for i in self.items), default=None)


def needs_action(items: Iterable) -> list:
    """The items that need action today (see :data:`ACTION_KINDS`)."""
    return [i for i in items if i.kind in ACTION_KINDS]


def groups(items: Iterable) -> list[Group]:
    """The action items grouped per campaign and next step, campaigns in
    alphabetical order (no campaign last), most urgent kind first."""
    order = {k: n for n, k in enumerate(ACTION_KINDS)}
    found: dict[tuple, list] = {}
    for it in needs_action(items):
        kind = "overdue" if it.kind in _OVERDUE else it.kind
        step = it.next_action
        found.setdefault((it.campaign or "", kind, step.kind, step.detail), []).append(it)
    out = [
        Group(campaign or None, kind, action, detail, tuple(members))
        for (campaign, kind, action, detail), members in found.items()
    ]

    def key(g: Group):
        rank = min(order[i.kind] for i in g.items)
        return (g.campaign is None, g.campaign or "", rank, g.action, g.detail)

    return sorted(out, key=key)
