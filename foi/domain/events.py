"""The timeline of a request: the event kinds and what each one carries.

A request is its events.  Status, stage and due dates are derived from them by
:mod:`foi.domain.deadlines` every time; they are never stored.

Every event is a plain dict, as stored in the JSON store::

    {"type": "sent", "date": "2026-11-23", "via": "email", "note": "..."}

``date`` is an ISO date string: the day the event happened (for things the
authority sends, the day it was received).  Events are kept in date order;
two events on the same day keep the order they were logged in.

Optional fields by type:

drafted
    ``kind`` (request | chaser | review | complaint | review-chaser),
    ``letter`` (the rendered text), ``template``, ``sent`` (bool, set when
    ``foi send`` sends it).
sent
    ``via`` (email | post | web | whatdotheyknow).  The date of receipt.
acknowledged
    ``ref`` (the authority's reference).
clarification-requested / clarified
    FOIA s.1(3), FOISA s.1(3); for SAR, also the request for ID.
fee-notice / fee-paid
    FOIA s.9 / FOISA s.9; ``amount`` optional.
extended
    ``until`` (ISO date the authority gave, FOIA s.10(3)); EIR reg 7 and SAR
    Art. 12(3) need no date.
response
    ``outcome`` (granted | partial | refused | not-held | ncnd),
    ``exemptions`` (list of strings such as "s40(2)"), ``ref``,
    ``attachments`` (list of {"name", "sha256", "size"}).
chased
    A chaser letter went out (no clock change).
review-requested
    The requester asked for an internal review (FOIA s.45 Code, FOISA s.20,
    EIR reg 11, EISR reg 16).
review-response
    ``outcome`` (upheld | overturned | partly-overturned | other), ``ref``,
    ``exemptions``, ``attachments``.
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
"""

from __future__ import annotations

DRAFTED = "drafted"
SENT = "sent"
ACKNOWLEDGED = "acknowledged"
CLARIFICATION_REQUESTED = "clarification-requested"
CLARIFIED = "clarified"
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

#: Event types a user may record with ``foi log`` (others have their own command).
LOGGABLE = (
    ACKNOWLEDGED,
    CLARIFICATION_REQUESTED,
    CLARIFIED,
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

ALL_TYPES = (DRAFTED, SENT) + LOGGABLE

OUTCOMES = ("granted", "partial", "refused", "not-held", "ncnd")
REVIEW_OUTCOMES = ("upheld", "overturned", "partly-overturned", "other")
VIAS = ("email", "post", "web", "whatdotheyknow")
LETTER_KINDS = ("request", "chaser", "review", "complaint", "review-chaser")

REGIMES = ("foia", "foisa", "eir", "eisr", "sar")
NATIONS = ("england", "wales", "scotland", "northern_ireland", "uk")

#: The regime's family: which calendar and which review/complaint rules apply.
SCOTTISH_REGIMES = ("foisa", "eisr")
