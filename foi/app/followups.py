"""`foi chase`, `foi review`, `foi complain`: the next letter of a request.

Whether a follow-up makes sense now is decided by the pure
:mod:`foi.domain.followups`; here the letters are rendered (with the
requester's and the authority's details and the request's facts) and kept
as drafts on each request's timeline, by the flow of :mod:`.compose`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..domain.timeline import AlreadyDone
from ..errors import FoiError
from ..vocab import Event, LetterKind
from . import bulk
from .compose import Prepared, prepare_then_keep

#: What a review or complaint says when the person gives no --grounds.
DEFAULT_GROUNDS = {
    LetterKind.REVIEW: (
        "I am not satisfied with the way my request was handled. Please look again at the whole "
        "response, including whether any information withheld should be released and whether all "
        "the information I asked for has been found."
    ),
    LetterKind.COMPLAINT: "I am not satisfied with the way my request has been handled.",
}

CHASE, REVIEW, COMPLAIN = "chase", "review", "complain"


@dataclass(frozen=True)
class FollowUp:
    """A follow-up letter kept as a draft on its request."""

    request: dict  # the request as stored, with the new draft
    kind: str  # a LetterKind
    text: str


@dataclass
class Drafts:
    """What :func:`draft_followups` did: the letters (kept, or with
    ``dry_run`` only written), and the requests skipped because their letter
    for this stage was already drafted."""

    letters: list[FollowUp] = field(default_factory=list)
    skipped: list[tuple[Mapping, FoiError]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def done(self) -> list[FollowUp]:  # as :class:`foi.app.bulk.Outcome` says it
        return self.letters


class AlreadyDrafted(AlreadyDone):
    """The letter for this stage was drafted before (``--again`` drafts another)."""

    exit_code = 2


def draft_followups(
    app,
    ids: Iterable[int],
    action: str,
    grounds: str | None = None,
    again: bool = False,
    editor=None,
    dry_run: bool = False,
) -> Drafts:
    """Draft the ``action`` (chase | review | complain) letter of each request:
    all of them or none (:mod:`.bulk`); those already drafted are skipped."""
    ids = tuple(dict.fromkeys(ids))
    out = Drafts(dry_run=dry_run)

    def prepare(store) -> list[Prepared]:
        prepared, refused = [], []
        out.skipped.clear()
        for rid in ids:
            req = store.get_request(rid)
            try:
                prepared.append(_render(app, store, req, action, grounds, again))
            except AlreadyDrafted as exc:
                out.skipped.append((req, exc))
            except FoiError as exc:
                refused.append((req, exc))
        if refused:
            raise bulk.refusal(refused, len(ids))
        if not prepared:
            raise bulk.nothing_left(out.skipped)
        return prepared

    def keep(store, prepared: list[Prepared], recheck: bool) -> list[FollowUp]:
        if recheck:
            for p in prepared:
                _unchanged(store, p.item[0])
        return _keep(app, store, prepared)  # (each request as the locked store has it)

    if dry_run:
        out.letters = [FollowUp(p.item[0], p.item[1], p.text) for p in prepare(app.read())]
    else:
        out.letters = prepare_then_keep(app, prepare, keep, editor)
    return out


def _render(app, store, req: Mapping, action: str, grounds: str | None, again: bool) -> Prepared:
    """Check the follow-up makes sense now and render it."""
    from .. import letters
    from ..domain.followups import TEMPLATES, already_drafted, decide

    rid = req["id"]
    kind, assessment = decide(req, action, app.today, app.calendars(store))
    prior = already_drafted(req, kind)
    if prior is not None and not again:
        raise AlreadyDrafted(
            f"a {kind} letter for request {rid} was already drafted on {prior['date']}",
            f"see it with `foi show {rid}`; use --again to draft another",
        )
    context = _context(app, store, req, kind, assessment, grounds)
    return Prepared(letters.render(TEMPLATES[kind], context, app.templates_dir), (req, kind))


def _context(app, store, req: Mapping, kind: str, assessment, grounds: str | None) -> dict:
    from ..domain.followups import letter_facts
    from ..domain.law import law_for
    from .drafting import authority_context, requester_of

    auth = app.authorities(store).get(req["authority_id"]) or {
        "id": req["authority_id"],
        "name": req["authority_name"],
        "regime": req["regime"],
        "nation": req.get("nation"),
    }
    # no default for a review of a response never given: the template then
    # says "You have not responded to my request within the time limit."
    default = "" if kind == LetterKind.REVIEW and not assessment.answered else DEFAULT_GROUNDS.get(kind, "")
    context = {
        "requester": requester_of(req, app.settings(store)),
        "authority": authority_context(auth),
        "regime": req["regime"],
        "law": law_for(req["regime"]),
        "today": app.today,
        "subject": req.get("subject", ""),
        "campaign": req.get("campaign") or "",
        "body": "",
        "vars": dict(req.get("vars") or {}),
        "grounds": grounds or default,
        "request": letter_facts(req, assessment, grounds or ""),
    }
    context.update({k: v for k, v in context["vars"].items() if k not in context})
    return context


def _unchanged(store, req: Mapping) -> None:
    """Under the lock: the request is as it was when its letter was written."""
    now = store.get_request(req["id"])
    if now.get("events") != req.get("events"):
        raise FoiError(
            f"request {req['id']} changed while its letter was being written (another foi saved a change); "
            "nothing was changed",
            f"run the command again, or see `foi show {req['id']}`",
        )


def _keep(app, store, prepared: Sequence[Prepared]) -> list[FollowUp]:
    """Add each letter to its request's timeline as a draft."""
    from ..domain.followups import TEMPLATES
    from .timeline import add_event

    drafted, updated = [], []
    for p in prepared:
        kind = p.item[1]
        req = store.get_request(p.item[0]["id"])
        event = {
            "type": Event.DRAFTED,
            "date": app.today.isoformat(),
            "kind": kind,
            "template": TEMPLATES[kind],
            "letter": p.text,
        }
        new = add_event(req, event, app.today)
        updated.append(new)
        drafted.append(FollowUp(new, kind, p.text))
    store.update_requests(updated)
    return drafted


@dataclass(frozen=True)
class ToChase:
    """What `foi chase --all-overdue` found: the ids to chase, and the overdue
    requests left out because their chaser is already drafted."""

    ids: tuple[int, ...]
    already: tuple[int, ...]


def overdue_to_chase(app, campaign: str | None = None, again: bool = False) -> ToChase:
    """Every request whose response or review is overdue (in ``campaign``),
    less those already chased in this stage (unless ``again``)."""
    from ..domain.attention import attention
    from ..domain.followups import already_drafted
    from .selection import check_campaign

    store = app.read()
    requests = store.requests()
    check_campaign(requests, campaign)
    items = attention(requests, app.today, app.calendars(store), 0, campaign)
    overdue = {i.id for i in items if i.kind in ("response-overdue", "review-overdue")}
    by_id = {r["id"]: r for r in requests if r["id"] in overdue}
    done = {
        rid
        for rid in overdue
        if already_drafted(by_id[rid], LetterKind.CHASER) or already_drafted(by_id[rid], LetterKind.REVIEW_CHASER)
    }
    chase = overdue if again else overdue - done
    return ToChase(tuple(sorted(chase)), tuple(sorted(overdue - chase)))
