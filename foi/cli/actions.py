"""How the next steps foi suggests are spelt: the commands to type.

The domain says *what* to do next (:class:`foi.domain.attention.Action`:
chase request 12, record that 14 was clarified); only the CLI knows that it
is typed ``foi chase 12`` or ``foi log 14 clarified``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..domain import attention as at
from ..domain.idranges import id_list


def command_line(action: at.Action, ids: str | None = None) -> str:
    """``foi chase 12`` for Action(CHASE, 12); ``ids`` stands in for the id
    (a list such as ``3 5 7-9``)."""
    which = ids if ids is not None else str(action.id)
    if action.kind == at.LOG:
        return f"foi log {which} {action.detail[0]}"
    if action.kind == at.DRAFT:
        if action.detail:
            template, authority = action.detail
            return f"foi draft -t {template} --to {authority}"
        return "foi draft"
    return f"foi {action.kind} {which}"


def item_json(item: at.Item) -> dict[str, Any]:
    """An attention item as `foi overdue --json` gives it."""
    out = asdict(item)
    out["due"] = item.due.isoformat()
    out["next_action"] = command_line(item.next_action)
    return out


#: How a group of the quiet reminder is described, by (kind, step); None matches any step.
_WHAT = {
    ("reply-to-read", None): ("reply to read", "replies to read"),
    ("letter-bounced", None): ("letter bounced", "letters bounced"),
    ("overdue", at.CHASE): ("overdue, to chase", "overdue, to chase"),
    ("overdue", at.SEND): ("overdue, chaser drafted but not sent", "overdue, chasers drafted but not sent"),
    ("overdue", at.COMPLAIN): ("very overdue, to complain about", "very overdue, to complain about"),
    ("overdue", at.REVIEW): ("very overdue, to require a review of", "very overdue, to require a review of"),
    ("overdue", None): ("overdue, already chased", "overdue, already chased"),
    ("window-closing", None): ("window closing", "windows closing"),
}


def group_command(group) -> str:
    """The one command that acts on every request of a reminder group."""
    ids = group.ids
    if group.kind == "overdue" and group.action == at.CHASE and group.campaign:
        return f"foi chase --campaign {group.campaign} --all-overdue"
    if group.action == at.SHOW and len(ids) > 1:
        # `foi show` reads one request: the group is a list
        where = f" --campaign {group.campaign}" if group.campaign else ""
        if group.kind == "overdue":
            return f"foi list{where} --status overdue"
        return f"foi show {ids[0]} (then {id_list(ids[1:])})"
    return command_line(at.Action(group.action, ids[0], group.detail), id_list(ids))


def headline(group) -> str:
    """``hiu: 12 overdue, to chase -> foi chase --campaign hiu --all-overdue``."""
    n = len(group.ids)
    one, many = _WHAT.get((group.kind, group.action), _WHAT.get((group.kind, None), (group.kind, group.kind)))
    when = ""
    if group.kind == "window-closing" and group.soonest is not None:
        from ..dates import human

        when = f" (the first on {human(group.soonest)})"
    return f"{group.campaign or '(no campaign)'}: {n} {one if n == 1 else many}{when} -> {group_command(group)}"


def group_json(group) -> dict[str, Any]:
    return {
        "campaign": group.campaign,
        "kind": group.kind,
        "count": len(group.ids),
        "ids": group.ids,
        "command": group_command(group),
        "items": [item_json(i) for i in group.items],
    }
