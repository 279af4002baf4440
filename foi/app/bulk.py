"""One command, many requests, one all-or-nothing write.

Every timeline command (send, respond, log, finding, chase, review,
complain) runs its change on each selected request (:mod:`foi.app.selection`)
through :func:`run`:

* a request the change does not fit (a response to a request never sent, a
  second response without ``--replace``) refuses the *whole* command, naming
  every such request, and nothing is written;
* a request where it is already done (:class:`foi.domain.timeline.AlreadyDone`:
  the letter was already sent, the same event is already recorded) is skipped
  and reported, so running a command twice is harmless; if nothing is left
  to do, that is the error;
* the rest is saved in one write (or, with ``dry_run``, not at all).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..domain.idranges import id_list
from ..domain.timeline import AlreadyAnswered, AlreadyDone
from ..errors import FoiError

#: How many refusals one error message spells out (the rest are listed by id).
SPELLED_OUT = 3


@dataclass
class Outcome:
    """What :func:`run` did: ``done`` holds (new request, detail) pairs in id
    order; ``skipped`` (request, why) pairs; nothing was stored if ``dry_run``."""

    done: list[tuple[dict, Any]] = field(default_factory=list)
    skipped: list[tuple[Mapping, AlreadyDone]] = field(default_factory=list)
    dry_run: bool = False


def run(
    store, requests: Sequence[Mapping], change: Callable[[Mapping], tuple[dict, Any]], dry_run: bool = False
) -> Outcome:
    """Apply ``change`` (request -> (new request, detail)) to each request,
    then store them all in one write, or refuse everything."""
    out = Outcome(dry_run=dry_run)
    refused: list[tuple[Mapping, FoiError]] = []
    for req in requests:
        try:
            out.done.append(change(req))
        except AlreadyDone as exc:
            out.skipped.append((req, exc))
        except FoiError as exc:
            refused.append((req, exc))
    if refused:
        raise refusal(refused, len(requests))
    if not out.done:
        raise nothing_left(out.skipped)
    if not dry_run:
        store.update_requests([new for new, _ in out.done])
    return out


def refusal(refused: Sequence[tuple[Mapping, FoiError]], total: int) -> FoiError:
    """One error for all the requests the change does not fit."""
    first = refused[0][1]
    if len(refused) == 1 and total == 1:
        return first
    ids = [req["id"] for req, _ in refused]
    if all(isinstance(exc, AlreadyAnswered) for _, exc in refused):
        many = len(ids) > 1
        return AlreadyAnswered(
            f"request{'s' if many else ''} {id_list(ids)} {'were' if many else 'was'} already answered; "
            "nothing was changed",
            f"--replace replaces {'their responses' if many else 'its response'}; or leave "
            f"{'them' if many else 'it'} out",
        )
    spelled = "; ".join(exc.message for _, exc in refused[:SPELLED_OUT])
    more = f"; and requests {id_list(ids[SPELLED_OUT:])}" if len(ids) > SPELLED_OUT else ""
    which = f"none of the {total} requests can" if len(ids) == total else f"{len(ids)} of the {total} requests cannot"
    error = type(first)(
        f"{which} take this, so nothing was changed: {spelled}{more}",
        first.hint if len(ids) == 1 else f"leave out {id_list(ids)}, or fix them first",
    )
    return error


def nothing_left(skipped: Sequence[tuple[Mapping, AlreadyDone]]) -> FoiError:
    """The error when every request was already done."""
    if len(skipped) == 1:
        return skipped[0][1]
    ids = [req["id"] for req, _ in skipped]
    return type(skipped[0][1])(
        f"nothing to do: all {len(ids)} requests ({id_list(ids)}) already have it ({skipped[0][1].message})",
        skipped[0][1].hint or "`foi show ID` shows a request's timeline",
    )
