"""The quiet daily reminder (`foi overdue --quiet`): only what needs action
today, grouped per campaign, each group with the one command that acts on it.

Pure: takes the :class:`foi.domain.attention.Item` list and returns groups.

What needs action today (:data:`ACTION_KINDS`): replies to read, letters that
bounced, responses and internal reviews overdue, and the requester's own
windows closing within the next few working days.  Responses merely due soon,
unsent drafts and clarifications with no closing window wait: on a day with
none of the former the reminder prints nothing (cron then mails nothing).

A group is the items of one campaign whose suggested command is the same but
for the request id (``foi chase 12``, ``foi chase 14`` -> ``foi chase 12 14``),
so one command acts on the whole group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .idranges import id_list

ACTION_KINDS = ("reply-to-read", "letter-bounced", "response-overdue", "review-overdue", "window-closing")

_OVERDUE = ("response-overdue", "review-overdue")

#: How a group is described, by (item kind, command); None matches any command.
_WHAT = {
    ("reply-to-read", None): ("reply to read", "replies to read"),
    ("letter-bounced", None): ("letter bounced", "letters bounced"),
    ("overdue", "foi chase"): ("overdue, to chase", "overdue, to chase"),
    ("overdue", "foi send"): ("overdue, chaser drafted but not sent", "overdue, chasers drafted but not sent"),
    ("overdue", "foi complain"): ("very overdue, to complain about", "very overdue, to complain about"),
    ("overdue", "foi review"): ("very overdue, to require a review of", "very overdue, to require a review of"),
    ("overdue", None): ("overdue, already chased", "overdue, already chased"),
    ("window-closing", None): ("window closing", "windows closing"),
}


@dataclass(frozen=True)
class Group:
    campaign: str | None
    kind: str  # "overdue" (responses and reviews), or an item kind
    command: str  # the one command that acts on every item of the group
    items: tuple  # the attention Items, most urgent first

    @property
    def ids(self) -> list[int]:
        return sorted({i.id for i in self.items})

    def headline(self) -> str:
        """``hiu: 12 overdue, to chase -> foi chase --campaign hiu --all-overdue``."""
        n = len(self.ids)
        verb = self.command.split(" ", 2)[1] if self.command.startswith("foi ") else ""
        one, many = _WHAT.get((self.kind, f"foi {verb}"), _WHAT.get((self.kind, None), (self.kind, self.kind)))
        soonest = min((i.due for i in self.items), default=None)
        when = ""
        if self.kind == "window-closing" and soonest is not None:
            from ..dates import human

            when = f" (the first on {human(soonest)})"
        return f"{self.campaign or '(no campaign)'}: {n} {one if n == 1 else many}{when} -> {self.command}"

    def to_dict(self) -> dict:
        return {
            "campaign": self.campaign,
            "kind": self.kind,
            "count": len(self.ids),
            "ids": self.ids,
            "command": self.command,
            "items": [i.to_dict() for i in self.items],
        }


def needs_action(items: Iterable) -> list:
    """The items that need action today (see :data:`ACTION_KINDS`)."""
    return [i for i in items if i.kind in ACTION_KINDS]


def _template(item) -> str:
    """The item's command with its id replaced by ``{ids}``."""
    words = item.next_action.split(" ")
    return " ".join("{ids}" if w == str(item.id) else w for w in words)


def _command(campaign: str | None, kind: str, template: str, ids: Sequence[int]) -> str:
    if kind == "overdue" and template == "foi chase {ids}" and campaign:
        return f"foi chase --campaign {campaign} --all-overdue"
    if template.startswith("foi show ") and len(ids) > 1:
        # `foi show` reads one request: the group is a list
        status = " --status overdue" if kind == "overdue" else ""
        where = f" --campaign {campaign}" if campaign else ""
        return f"foi list{where}{status}" if status else f"foi show {ids[0]} (then {id_list(ids[1:])})"
    return template.format(ids=id_list(ids))


def groups(items: Iterable) -> list[Group]:
    """The action items grouped per campaign and command, campaigns in
    alphabetical order (no campaign last), most urgent kind first."""
    order = {k: n for n, k in enumerate(ACTION_KINDS)}
    found: dict[tuple, list] = {}
    for it in needs_action(items):
        kind = "overdue" if it.kind in _OVERDUE else it.kind
        found.setdefault((it.campaign or "", kind, _template(it)), []).append(it)
    out = []
    for (campaign, kind, template), members in found.items():
        ids = sorted({i.id for i in members})
        out.append(Group(campaign or None, kind, _command(campaign or None, kind, template, ids), tuple(members)))

    def key(g: Group):
        rank = min(order[i.kind] for i in g.items)
        return (g.campaign is None, g.campaign or "", rank, g.command)

    return sorted(out, key=key)
