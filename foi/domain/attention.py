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
from dataclasses import asdict, dataclass, replace
from datetime import date

from ..dates import human
from ..vocab import Event, Nation, Regime, Stage
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

_WINDOW_ACTION = {
    "review": "foi review {id}",
    "complaint": "foi complain {id}",
    "sic-application": "foi complain {id}",
    "appeal": "foi log {id} appeal",
    "fee-payment": "foi log {id} fee-paid",
    "clarification": "foi log {id} clarified",
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
    next_action: str  # a ready command
    rule: str

    def to_dict(self) -> dict:
        d = asdict(self)
        d["due"] = self.due.isoformat()
        return d


def _chased_since(events, since: date) -> bool:
    return any(e.get("type") == Event.CHASED and date.fromisoformat(e["date"]) > since for e in events)


def items_for(req: Mapping, today: date, calendars: Calendars, within: int = 5) -> list[Item]:
    regime, nation = req["regime"], req.get("nation", Nation.DEFAULT)
    events = req.get("events", ())
    a = assess(regime, nation, events, today, calendars)
    cal = calendars.for_regime(regime, nation)
    rid = req["id"]
    base = dict(
        id=rid, authority=req.get("authority_name", ""), campaign=req.get("campaign"), subject=req.get("subject", "")
    )
    out: list[Item] = []

    def wd_to(d: date) -> int:
        return cal.working_days_between(today, d)

    if a.stage in Stage.AWAITING and a.due is not None:
        left = wd_to(a.due)
        if a.overdue:
            if a.is_very_overdue and _chased_since(events, a.due):
                action = (
                    f"foi review {rid}"
                    if regime in Regime.SCOTTISH
                    else f"foi complain {rid}"
                    if regime != "sar"
                    else f"foi chase {rid}"
                )
            else:
                action = f"foi chase {rid}"
            out.append(
                Item(
                    **base,
                    kind="response-overdue",
                    what=("response very overdue" if a.is_very_overdue else "response overdue"),
                    due=a.due,
                    working_days_late=-left,
                    days_left=left,
                    very_overdue=a.is_very_overdue,
                    next_action=action,
                    rule=a.rule,
                )
            )
        elif left <= within:
            out.append(
                Item(
                    **base,
                    kind="response-due-soon",
                    what="response due",
                    due=a.due,
                    working_days_late=0,
                    days_left=left,
                    very_overdue=False,
                    next_action=f"foi show {rid}",
                    rule=a.rule,
                )
            )
    elif a.stage == Stage.AWAITING_REVIEW and a.review_due is not None and today > a.review_due:
        left = wd_to(a.review_due)
        action = f"foi chase {rid}"
        if a.is_very_overdue or (regime != "foia" and _chased_since(events, a.review_due)):
            action = f"foi complain {rid}"
        out.append(
            Item(
                **base,
                kind="review-overdue",
                what="internal review very overdue" if a.is_very_overdue else "internal review overdue",
                due=a.review_due,
                working_days_late=-left,
                days_left=left,
                very_overdue=a.is_very_overdue,
                next_action=action,
                rule=a.rule,
            )
        )
    elif a.stage == Stage.DRAFT:
        # a request drafted on an earlier day and still not sent (or not
        # recorded as sent): the clock has not started
        drafted = next((e for e in events if e.get("type") == Event.DRAFTED), None)
        made = date.fromisoformat(drafted["date"]) if drafted else today
        if made < today:
            out.append(
                Item(
                    **base,
                    kind="draft-unsent",
                    what="drafted, not sent",
                    due=made,
                    working_days_late=0,
                    days_left=wd_to(made),
                    very_overdue=False,
                    next_action=f"foi send {rid}",
                    rule="the time limit starts when it is received",
                )
            )
    elif a.stage == Stage.CLOSED and a.fee_lapsed is not None:
        # FOIA s.9(2), EIR reg 8(5): the authority need not answer; until the requester makes a
        # new request (or withdraws this one) it needs a decision
        again = f"foi draft -t {req['template']} --to {req['authority_id']}" if req.get("template") else "foi draft"
        out.append(
            Item(
                **base,
                kind="request-lapsed",
                what=f"lapsed: the fee was not paid by {human(a.fee_lapsed)} (or foi log {rid} withdrawn)",
                due=a.fee_lapsed,
                working_days_late=0,
                days_left=wd_to(a.fee_lapsed),
                very_overdue=False,
                next_action=again,
                rule=a.rule,
            )
        )
    elif a.stage == Stage.AWAITING_CLARIFICATION:
        asks = (Event.CLARIFICATION_REQUESTED, Event.ID_REQUESTED)
        last_req = next((e for e in reversed(events) if e.get("type") in asks), None)
        asked = date.fromisoformat(last_req["date"]) if last_req else today
        identity = last_req is not None and last_req["type"] == Event.ID_REQUESTED
        out.append(
            Item(
                **base,
                kind="clarification-needed",
                what="the controller asked for proof of identity" if identity else "the authority asked you to clarify",
                due=asked,
                working_days_late=0,
                days_left=wd_to(asked),
                very_overdue=False,
                next_action=f"foi log {rid} id-received" if identity else f"foi log {rid} clarified",
                rule=a.rule,
            )
        )

    for w in a.windows:
        if not w.fixed:  # no statutory limit (e.g. an ICO complaint about silence): never "closing"
            continue
        left = wd_to(w.closes)
        if 0 <= left <= within:
            out.append(
                Item(
                    **base,
                    kind="window-closing",
                    what=f"last day to {w.label}",
                    due=w.closes,
                    working_days_late=0,
                    days_left=left,
                    very_overdue=False,
                    next_action=_WINDOW_ACTION.get(w.kind, "foi show {id}").format(id=rid),
                    rule=w.rule,
                )
            )
    return _replies(req, base, wd_to) + [_settled(req, it) for it in out]


def _replies(req: Mapping, base: dict, wd_to) -> list[Item]:
    from .mail.record import bounced_letter, replies_to_read

    out = []
    bounce = bounced_letter(req)
    if bounce is not None:
        day = date.fromisoformat(bounce["date"])
        out.append(
            Item(
                **base,
                kind="letter-bounced",
                what=f"the letter to {bounce.get('address') or 'the authority'} bounced on",
                due=day,
                working_days_late=0,
                days_left=wd_to(day),
                very_overdue=False,
                next_action=f"foi show {req['id']}",
                rule="it never arrived: no time limit runs until a letter reaches the authority",
            )
        )
    unread = replies_to_read(req)
    if not unread:
        return out
    last = unread[-1]
    arrived = date.fromisoformat(last["date"])
    sender = (last.get("from") or "the authority").rsplit("<", 1)[0].strip() or last.get("from")
    more = f" (and {len(unread) - 1} more)" if len(unread) > 1 else ""
    return out + [
        Item(
            **base,
            kind="reply-to-read",
            what=f"a reply from {sender}{more} arrived on",
            due=arrived,
            working_days_late=0,
            days_left=wd_to(arrived),
            very_overdue=False,
            next_action=f"foi show {req['id']}",
            rule="read it, then record what it says with `foi respond` or `foi log`",
        )
    ]


#: the follow-up letter each suggested command drafts, by item kind
_DRAFTS = {
    "foi chase": {"response-overdue": "chaser", "review-overdue": "review-chaser"},
    "foi review": {None: "review"},
    "foi complain": {None: "complaint"},
}


def _settled(req: Mapping, item: Item) -> Item:
    """Do not suggest drafting a letter already drafted for this stage (the
    command would refuse it): suggest sending it, or, once it went out,
    looking at the request."""
    from .followups import already_drafted

    command = item.next_action.rsplit(" ", 1)[0]
    kinds = _DRAFTS.get(command)
    if not kinds:
        return item
    kind = kinds.get(item.kind, kinds.get(None))
    prior = already_drafted(req, kind) if kind else None
    if prior is None:
        return item
    action = f"foi show {item.id}" if prior.get("sent_on") else f"foi send {item.id}"
    return replace(item, next_action=action)


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
