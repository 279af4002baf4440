"""The one vocabulary of foi: every name that is stored, typed or compared.

Regimes, nations, authority kinds, stages, outcomes, event types, vias and
letter kinds are defined here once; every other module imports them.  A new
name (an event type, an authority kind) is added here and nowhere else.

The names are plain ``str`` constants grouped in namespaces, not ``Enum``
members, on purpose: the store's JSON and ``--json`` output are exactly these
strings (byte for byte), values read from a store compare with ``==``, click
takes the tuples as choices, and importing this module costs nothing at
start-up.  Each namespace has ``ALL``, the tuple of its names in display order.

A request is its events (:class:`Event`).  Its stage (:class:`Stage`) and due
dates are derived from them every time, never stored.
"""

from __future__ import annotations


class Regime:
    """The law a request is made under."""

    FOIA = "foia"  #: Freedom of Information Act 2000
    FOISA = "foisa"  #: Freedom of Information (Scotland) Act 2002
    EIR = "eir"  #: Environmental Information Regulations 2004
    EISR = "eisr"  #: Environmental Information (Scotland) Regulations 2004
    SAR = "sar"  #: UK GDPR Art. 15 / DPA 2018 s.45 subject access

    ALL = (FOIA, FOISA, EIR, EISR, SAR)
    #: The Scottish family: Scottish calendar, review (s.20 / reg 16) and the Scottish Commissioner.
    SCOTTISH = frozenset((FOISA, EISR))
    #: The FOI Acts: the regime an authority in the directory is under.
    AUTHORITY = (FOIA, FOISA)
    #: Template ``regime:`` values beyond the regimes themselves (letter_templates/README.md).
    TEMPLATE = ALL + ("auto", "environmental", "any")


class Nation:
    """Where an authority is; ``uk`` is for UK-wide bodies (BTP, MoD Police, CNC)."""

    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"
    UK = "uk"

    ALL = (ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND, UK)
    #: The nation of a request that does not say (stores written before nations existed).
    DEFAULT = ENGLAND
    #: What a bank-holiday change (``foi config holiday``) may apply to.
    HOLIDAY = ("all", ENGLAND, WALES, SCOTLAND, NORTHERN_IRELAND)


class AuthorityKind:
    """Kinds of public authority.  The shipped list uses the first four."""

    POLICE_FORCE = "police_force"
    MENTAL_HEALTH_TRUST = "mental_health_trust"
    #: A Scottish territorial health board or a Welsh local health board.
    HEALTH_BOARD = "health_board"
    #: A Northern Ireland health and social care trust.
    HSC_TRUST = "hsc_trust"
    NHS_TRUST = "nhs_trust"
    COUNCIL = "council"
    OTHER = "other"

    ALL = (POLICE_FORCE, MENTAL_HEALTH_TRUST, HEALTH_BOARD, HSC_TRUST, NHS_TRUST, COUNCIL, OTHER)


class Stage:
    """Where a request stands (derived from its events by the deadline engine)."""

    DRAFT = "draft"
    AWAITING_RESPONSE = "awaiting-response"
    AWAITING_CLARIFICATION = "awaiting-clarification"
    FEE_PENDING = "fee-pending"
    EXTENDED = "extended"
    ANSWERED = "answered"
    AWAITING_REVIEW = "awaiting-review"
    REVIEW_ANSWERED = "review-answered"
    COMPLAINT_LODGED = "complaint-lodged"
    DECISION = "decision"
    APPEALED = "appealed"
    WITHDRAWN = "withdrawn"
    #: The fee was not paid in time (FOIA s.9(2), EIR reg 8(5)): the request lapsed.
    CLOSED = "closed"

    ALL = (
        DRAFT,
        AWAITING_RESPONSE,
        AWAITING_CLARIFICATION,
        FEE_PENDING,
        EXTENDED,
        ANSWERED,
        AWAITING_REVIEW,
        REVIEW_ANSWERED,
        COMPLAINT_LODGED,
        DECISION,
        APPEALED,
        WITHDRAWN,
        CLOSED,
    )
    #: The authority owes a response (its clock is running).
    AWAITING = (AWAITING_RESPONSE, EXTENDED)
    #: Not open: nothing is running for either side.
    NOT_OPEN = (CLOSED, WITHDRAWN, DRAFT)


#: ``--status`` filters of ``list``, ``export``...: a stage, or one of these two.
OVERDUE = "overdue"
OPEN = "open"
STATUSES = Stage.ALL + (OVERDUE, OPEN)


def status_matches(status: str | None, stage: str, overdue: bool) -> bool:
    """Whether a request at ``stage`` (``overdue`` or not) answers ``--status``."""
    if status is None:
        return True
    if status == OVERDUE:
        return bool(overdue)
    if status == OPEN:
        return stage not in Stage.NOT_OPEN
    return stage == status


class Outcome:
    """What the authority decided (a ``response`` event's ``outcome``)."""

    GRANTED = "granted"
    PARTIAL = "partial"
    REFUSED = "refused"
    NOT_HELD = "not-held"
    NCND = "ncnd"

    ALL = (GRANTED, PARTIAL, REFUSED, NOT_HELD, NCND)


class ReviewOutcome:
    """What an internal review decided (a ``review-response`` event's ``outcome``)."""

    UPHELD = "upheld"
    OVERTURNED = "overturned"
    PARTLY_OVERTURNED = "partly-overturned"
    OTHER = "other"

    ALL = (UPHELD, OVERTURNED, PARTLY_OVERTURNED, OTHER)


class Via:
    """How a letter was sent (a ``sent`` event's ``via``)."""

    EMAIL = "email"
    POST = "post"
    WEB = "web"
    WHATDOTHEYKNOW = "whatdotheyknow"

    ALL = (EMAIL, POST, WEB, WHATDOTHEYKNOW)


class LetterKind:
    """What a drafted letter is (a ``drafted`` event's ``kind``, a template's ``kind:``)."""

    REQUEST = "request"
    CHASER = "chaser"
    REVIEW = "review"
    COMPLAINT = "complaint"
    REVIEW_CHASER = "review-chaser"
    #: A template included by others (its file name starts with ``_``); never a letter.
    PARTIAL = "partial"

    ALL = (REQUEST, CHASER, REVIEW, COMPLAINT, REVIEW_CHASER)
    TEMPLATE = ALL + (PARTIAL,)


class Event:
    """The types of the events on a request's timeline, and what each carries.

    Every event is a plain dict, as stored in the JSON store::

        {"type": "sent", "date": "2026-11-23", "via": "email", "note": "..."}

    ``date`` is an ISO date string: the day the event happened (for things the
    authority sends, the day it was received).  Events are kept in date order;
    two events on the same day keep the order they were logged in.

    Optional fields by type:

    drafted
        ``kind`` (:class:`LetterKind`), ``letter`` (the rendered text),
        ``template``, ``sent`` (bool, set when ``foi send`` sends it).
    sent
        ``via`` (:class:`Via`).  The day it went out: the day of receipt,
        except by post, where receipt is assumed on the second working day
        after posting (Interpretation Act 1978 s.7, CPR 6.26).
    received
        The day the authority actually received the request, when known (it
        replaces the assumed day of receipt of a posted request).
    acknowledged
        ``ref`` (the authority's reference).
    clarification-requested / clarified
        FOIA s.1(3), FOISA s.1(3), EIR/EISR reg 9 (the clock restarts); SAR:
        UK GDPR Art. 12A, DPA 2018 s.54(3C) (the clock pauses).
    id-requested / id-received
        SAR only: the controller asks for proof of identity; the month starts
        again when it arrives (UK GDPR Art. 12A, DPA 2018 s.54(3)(b)).
    fee-notice / fee-paid
        FOIA s.9 / FOISA s.9; ``amount`` optional.
    extended
        ``until`` (ISO date the authority gave, FOIA s.10(3)); EIR reg 7 and
        SAR Art. 12(3) need no date.
    response
        ``outcome`` (:class:`Outcome`), ``exemptions`` (list of strings such
        as "s40(2)"), ``ref``, ``attachments`` (list of {"name", "sha256", "size"}).
    chased
        A chaser letter went out (no clock change).
    review-requested
        The requester asked for an internal review (FOIA s.45 Code, FOISA
        s.20, EIR reg 11, EISR reg 16).
    review-response
        ``outcome`` (:class:`ReviewOutcome`), ``ref``, ``exemptions``, ``attachments``.
    complaint
        To the ICO (FOIA s.50) or application to the Scottish Information
        Commissioner (FOISA s.47).  ``ref`` optional.
    decision
        The regulator's decision notice.  ``outcome`` optional.
    appeal
        Appeal to the First-tier Tribunal (or Court of Session for FOISA).
    withdrawn
        The requester withdrew the request.
    note
        Free text only (``note``).
    message
        An email from the authority filed by `foi mail fetch` (issue 17):
        ``message_id``, ``hash`` (of its content), ``from``, ``subject``,
        ``excerpt``, ``time`` (ISO, UTC), ``raw`` and ``attachments`` (files
        by SHA-256, 0600), ``kind`` (reply | auto-reply).  A reply is "to
        read" until something later is recorded on the request.  An automatic
        acknowledgement is recorded as ``acknowledged`` with the same fields
        (and ``ref``, the authority's reference, when it gave one).
    bounced
        A delivery failure report for a letter: ``address`` (the one that
        failed), ``permanent`` (false for a delay warning), and the message
        fields above.  The address counts as failing until a later letter to
        it is sent.
    """

    DRAFTED = "drafted"
    SENT = "sent"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    CLARIFICATION_REQUESTED = "clarification-requested"
    CLARIFIED = "clarified"
    ID_REQUESTED = "id-requested"
    ID_RECEIVED = "id-received"
    FEE_NOTICE = "fee-notice"
    FEE_PAID = "fee-paid"
    EXTENDED = "extended"
    RESPONSE = "response"
    CHASED = "chased"
    REVIEW_REQUESTED = "review-requested"
    REVIEW_RESPONSE = "review-response"
    COMPLAINT = "complaint"
    DECISION = "decision"
    APPEAL = "appeal"
    WITHDRAWN = "withdrawn"
    NOTE = "note"
    MESSAGE = "message"
    BOUNCED = "bounced"

    #: Event types a user may record with ``foi log`` (others have their own command).
    LOGGABLE = (
        RECEIVED,
        ACKNOWLEDGED,
        CLARIFICATION_REQUESTED,
        CLARIFIED,
        ID_REQUESTED,
        ID_RECEIVED,
        FEE_NOTICE,
        FEE_PAID,
        EXTENDED,
        RESPONSE,
        CHASED,
        REVIEW_REQUESTED,
        REVIEW_RESPONSE,
        COMPLAINT,
        DECISION,
        APPEAL,
        WITHDRAWN,
        NOTE,
    )
    #: Events `foi mail fetch` records (not typed by people).
    MAIL = (MESSAGE, BOUNCED)
    ALL = (DRAFTED, SENT) + LOGGABLE + MAIL


#: Words for people, by namespace: what a published report, a spreadsheet or
#: a table shows instead of the stored name (``mental_health_trust`` ->
#: "Mental health trust").  Stored values and ``--json`` keep the names.
LABELS: dict[str, dict[str, str]] = {
    "regime": {
        Regime.FOIA: "FOI Act 2000",
        Regime.FOISA: "FOI (Scotland) Act 2002",
        Regime.EIR: "Environmental Information Regulations 2004",
        Regime.EISR: "Environmental Information (Scotland) Regulations 2004",
        Regime.SAR: "Subject access request (UK GDPR)",
    },
    "authority_kind": {
        AuthorityKind.POLICE_FORCE: "Police force",
        AuthorityKind.MENTAL_HEALTH_TRUST: "Mental health trust",
        AuthorityKind.HEALTH_BOARD: "Health board",
        AuthorityKind.NHS_TRUST: "NHS trust",
        AuthorityKind.COUNCIL: "Council",
        AuthorityKind.OTHER: "Other",
    },
    "stage": {
        Stage.DRAFT: "Not sent yet",
        Stage.AWAITING_RESPONSE: "Awaiting response",
        Stage.AWAITING_CLARIFICATION: "Clarification asked for",
        Stage.FEE_PENDING: "Fee asked for",
        Stage.EXTENDED: "Extended",
        Stage.ANSWERED: "Answered",
        Stage.AWAITING_REVIEW: "Internal review requested",
        Stage.REVIEW_ANSWERED: "Internal review answered",
        Stage.COMPLAINT_LODGED: "Complaint to the Commissioner",
        Stage.DECISION: "Commissioner's decision",
        Stage.APPEALED: "Appealed to the Tribunal",
        Stage.WITHDRAWN: "Withdrawn",
        Stage.CLOSED: "Lapsed (fee not paid in time)",
    },
    "outcome": {
        Outcome.GRANTED: "Granted",
        Outcome.PARTIAL: "Partly granted",
        Outcome.REFUSED: "Refused",
        Outcome.NOT_HELD: "Not held",
        Outcome.NCND: "Neither confirm nor deny",
    },
    "review_outcome": {
        ReviewOutcome.UPHELD: "Refusal upheld",
        ReviewOutcome.OVERTURNED: "Overturned",
        ReviewOutcome.PARTLY_OVERTURNED: "Partly overturned",
        ReviewOutcome.OTHER: "Other",
    },
}


def label(namespace: str, value: str | None) -> str:
    """The words for ``value`` (``""`` for none); an unknown value (a kind a
    user made up) is shown as written, with its first letter capitalised."""
    if not value:
        return ""
    known = LABELS.get(namespace, {}).get(value)
    if known:
        return known
    text = value.replace("_", " ")
    return text[:1].upper() + text[1:]
