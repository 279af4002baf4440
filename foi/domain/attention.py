"""What needs the campaigner's attention today: the engine behind `foi overdue`.

Pure functions over request records and the deadline engine; no I/O.

Groups, most urgent first:

0. ``reply-to-read``: `foi mail fetch` filed a reply that arrived after the
   last thing the campaigner recorded (it may answer, refuse, ask for
   clarification or a fee: the clock may depend on it).
0. ``letter-bounced``: the last letter sent by email bounced (a delivery
   failure report came back), so it never arrived.
1. ``response-overdue``: the authority missed its response deadline
   (``very_overdue`` once past 40 working days, Alaveteli's "long overdue").
2. ``review-overdue``: an internal review is past its due date.
3. ``window-closing``: one of the requester's own windows (asking for a
   review, complaining, applying to the Commissioner, appealing, paying a
   fee) closes within ``within`` working days.
4. ``clarification-needed``: the authority asked for clarification and the
   requester has not yet given it (the clock is stopped until they do).
5. ``response-due-soon``: a response falls due within ``within`` working days.
6. ``draft-unsent``: a request drafted on an earlier day and not yet sent.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from operator import methodcaller

from ..dates import human
from ..vocab import Event, LetterKind, Nation, Regime, Stage
from .calendars import Calendars
from .clock import assess

GROUPS = (
    "reply-to-read",
    "letter-bounced",
    "response-overdue",
    "review-overdue",
    "window-closing",
    "clarification-needed",
    "response-due-soon",
    "draft-unsent",
    "request-lapsed",
)

GROUP_TITLES = {
    "reply-to-read": "Replies to read",
    "letter-bounced": "Letters that bounced",
    "response-overdue": "Responses overdue",
    "review-overdue": "Internal reviews overdue",
    "window-closing": "Your windows closing",
    "clarification-needed": "Clarification the authority asked for",
    "response-due-soon": "Responses due soon",
    "draft-unsent": "Drafted, not yet sent",
    "request-lapsed": "Lapsed: the fee was not paid in time (make a new request)",
}

#: What the next step does (the CLI spells each as a command, e.g. ``foi chase 12``).
CHASE, REVIEW, COMPLAIN, SHOW, SEND, LOG, DRAFT = "chase", "review", "complain", "show", "send", "log", "draft"


@dataclass(frozen=True)
class Action:
    """The next step for request ``id``: what to do, not how to type it.

    ``detail`` is what the step needs besides the id: for :data:`LOG` the
    event to record (``("clarified",)``); for :data:`DRAFT` (a new request
    after a lapsed one) the template and the authority, if known."""

    kind: str
    id: int
    detail: tuple[str, ...] = ()


#: The requester's window -> the step that uses it.
_WINDOW_ACTION = {
    "review": (REVIEW, ()),
    "complaint": (COMPLAIN, ()),
    "sic-application": (COMPLAIN, ()),
    "appeal": (LOG, (Event.APPEAL,)),
    "fee-payment": (LOG, (Event.FEE_PAID,)),
    "clarification": (LOG, (Event.CLARIFIED,)),
}


@dataclass(frozen=True)
class Item:
    id: int
    authority: str
    campaign: str | None
    subject: str
    kind: str  # one of GROUPS
    what: str  # human description
    due: date
    working_days_late: int  # 0 unless past due
    days_left: int  # working days to due (negative when late)
    very_overdue: bool
    next_action: Action
    rule: str


def _item(**fields) -> Item:
    """``Item(**fields)`` without the frozen dataclass's ``object.__setattr__`` per field
    (the same frozen, equal, hashable object; `foi overdue` makes thousands)."""
    item = object.__new__(Item)
    item.__dict__.update(fields)
    return item


def _chased_since(events, since: date) -> bool:
    return any(e.get("type") == Event.CHASED and date.fromisoformat(e["date"]) > since for e in events)


class _Found:
    """The items of one request, with what every one of them shares."""

    def __init__(self, req: Mapping, a, today: date, calendar):
        self.req = req
        self.id = req["id"]
        self.today = today
        self.events = req.get("events", ())
        self.a = a
        self.calendar = calendar
        self.items: list[Item] = []

    def wd_to(self, d: date) -> int:
        return self.calendar.working_days_between(self.today, d)

    def add(self, kind: str, what: str, due: date, action: Action, rule: str, late: bool = False) -> None:
        left = self.wd_to(due)
        self.items.append(
            _item(
                id=self.id,
                authority=self.req.get("authority_name", ""),
                campaign=self.req.get("campaign"),
                subject=self.req.get("subject", ""),
                kind=kind,
                what=what,
                due=due,
                working_days_late=-left if late else 0,
                days_left=left,
                very_overdue=late and self.a.is_very_overdue,
                next_action=action,
                rule=rule,
            )
        )


#: The stages that may need something of someone today (besides an open window or mail).
_ACTIVE = frozenset((*Stage.AWAITING, Stage.AWAITING_REVIEW, Stage.DRAFT, Stage.CLOSED, Stage.AWAITING_CLARIFICATION))
_type = methodcaller("get", "type")


def items_for(req: Mapping, today: date, calendars: Calendars, within: int = 5) -> list[Item]:
    """Everything about ``req`` that needs attention on ``today``."""
    regime, nation, events = req["regime"], req.get("nation", Nation.DEFAULT), req.get("events", ())
    a = assess(regime, nation, events, today, calendars)
    if not a.windows and a.stage not in _ACTIVE and _MAIL_EVENTS.isdisjoint(map(_type, events)):
        return []  # (most requests: answered, nothing open, no mail)
    found = _Found(req, a, today, calendars.for_regime(regime, nation))
    _mail(found)
    mail, found.items = found.items, []
    if a.stage in Stage.AWAITING and a.due is not None:
        _awaiting_response(found, within)
    elif a.stage == Stage.AWAITING_REVIEW and a.review_due is not None and today > a.review_due:
        _review_overdue(found)
    elif a.stage == Stage.DRAFT:
        _draft_unsent(found)
    elif a.stage == Stage.CLOSED and a.fee_lapsed is not None:
        _lapsed(found)
    elif a.stage == Stage.AWAITING_CLARIFICATION:
        _clarification(found)
    _windows(found, within)
    return mail + [_settled(req, it) for it in found.items]


def _awaiting_response(found: _Found, within: int) -> None:
    a, rid = found.a, found.id
    if a.overdue:
        action = Action(CHASE, rid)
        if a.is_very_overdue and _chased_since(found.events, a.due):
            regime = found.req["regime"]
            kind = REVIEW if regime in Regime.SCOTTISH else COMPLAIN if regime != Regime.SAR else CHASE
            action = Action(kind, rid)
        what = "response very overdue" if a.is_very_overdue else "response overdue"
        found.add("response-overdue", what, a.due, action, a.rule, late=True)
    elif found.wd_to(a.due) <= within:
        found.add("response-due-soon", "response due", a.due, Action(SHOW, rid), a.rule)


def _review_overdue(found: _Found) -> None:
    a, rid = found.a, found.id
    action = Action(CHASE, rid)
    if a.is_very_overdue or (found.req["regime"] != Regime.FOIA and _chased_since(found.events, a.review_due)):
        action = Action(COMPLAIN, rid)
    what = "internal review very overdue" if a.is_very_overdue else "internal review overdue"
    found.add("review-overdue", what, a.review_due, action, a.rule, late=True)


def _draft_unsent(found: _Found) -> None:
    """A request drafted on an earlier day and still not sent (or not
    recorded as sent): the clock has not started."""
    drafted = next((e for e in found.events if e.get("type") == Event.DRAFTED), None)
    made = date.fromisoformat(drafted["date"]) if drafted else found.today
    if made < found.today:
        rule = "the time limit starts when it is received"
        found.add("draft-unsent", "drafted, not sent", made, Action(SEND, found.id), rule)


def _lapsed(found: _Found) -> None:
    """FOIA s.9(2), EIR reg 8(5): the authority need not answer; until the
    requester makes a new request (or withdraws this one) it needs a decision."""
    a, req = found.a, found.req
    detail = (req["template"], req["authority_id"]) if req.get("template") else ()
    what = f"lapsed: the fee was not paid by {human(a.fee_lapsed)} (or foi log {found.id} withdrawn)"
    found.add("request-lapsed", what, a.fee_lapsed, Action(DRAFT, found.id, detail), a.rule)


def _clarification(found: _Found) -> None:
    asks = (Event.CLARIFICATION_REQUESTED, Event.ID_REQUESTED)
    last_req = next((e for e in reversed(found.events) if e.get("type") in asks), None)
    asked = date.fromisoformat(last_req["date"]) if last_req else found.today
    identity = last_req is not None and last_req["type"] == Event.ID_REQUESTED
    what = "the controller asked for proof of identity" if identity else "the authority asked you to clarify"
    action = Action(LOG, found.id, (Event.ID_RECEIVED if identity else Event.CLARIFIED,))
    found.add("clarification-needed", what, asked, action, found.a.rule)


def _windows(found: _Found, within: int) -> None:
    for w in found.a.windows:
        if not w.fixed:  # no statutory limit (e.g. an ICO complaint about silence): never "closing"
            continue
        if 0 <= found.wd_to(w.closes) <= within:
            kind, detail = _WINDOW_ACTION.get(w.kind, (SHOW, ()))
            found.add("window-closing", f"last day to {w.label}", w.closes, Action(kind, found.id, detail), w.rule)


_MAIL_EVENTS = frozenset((Event.MESSAGE, Event.BOUNCED))


def _mail(found: _Found) -> None:
    """Mail filed on the request: a bounce, replies not yet read."""
    for e in found.events:  # (one look first: most requests have no mail at all)
        if e.get("type") in _MAIL_EVENTS:
            break
    else:
        return
    from .mail.record import bounced_letter, replies_to_read

    req = found.req
    bounce = bounced_letter(req)
    if bounce is not None:
        what = f"the letter to {bounce.get('address') or 'the authority'} bounced on"
        rule = "it never arrived: no time limit runs until a letter reaches the authority"
        found.add("letter-bounced", what, date.fromisoformat(bounce["date"]), Action(SHOW, found.id), rule)
    unread = replies_to_read(req)
    if unread:
        last = unread[-1]
        sender = (last.get("from") or "the authority").rsplit("<", 1)[0].strip() or last.get("from")
        more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
        rule = "read it, then record what it says with `foi respond` or `foi log`"
        found.add(
            "reply-to-read",
            f"a reply from {sender}{more} arrived on",
            date.fromisoformat(last["date"]),
            Action(SHOW, found.id),
            rule,
        )


#: The follow-up letter each step drafts, by item kind (None: any kind).
_DRAFTS = {
    CHASE: {"response-overdue": LetterKind.CHASER, "review-overdue": LetterKind.REVIEW_CHASER},
    REVIEW: {None: LetterKind.REVIEW},
    COMPLAIN: {None: LetterKind.COMPLAINT},
}


def _settled(req: Mapping, item: Item) -> Item:
    """Do not suggest drafting a letter already drafted for this stage (the
    command would refuse it): suggest sending it, or, once it went out,
    looking at the request."""
    kinds = _DRAFTS.get(item.next_action.kind)
    if not kinds:
        return item
    from .followups import already_drafted  # (only for the items that suggest a letter)

    kind = kinds.get(item.kind, kinds.get(None))
    prior = already_drafted(req, kind) if kind else None
    if prior is None:
        return item
    return replace(item, next_action=Action(SHOW if prior.get("sent_on") else SEND, item.id))


def attention(
    requests: Iterable[Mapping], today: date, calendars: Calendars, within: int = 5, campaign: str | None = None
) -> list[Item]:
    """Every item needing attention, most urgent first."""
    items: list[Item] = []
    for req in requests:
        if campaign is not None and (req.get("campaign") or "") != campaign:
            continue
        items.extend(items_for(req, today, calendars, within))
    order = {g: i for i, g in enumerate(GROUPS)}

    def key(it: Item):
        if it.kind in ("response-overdue", "review-overdue"):
            return (order[it.kind], not it.very_overdue, -it.working_days_late, it.id)
        return (order[it.kind], it.due, it.id)

    items.sort(key=key)
    return items
