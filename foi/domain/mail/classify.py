"""What kind of message a reply is: a bounce, an automatic reply, or a reply.

The order matters and follows what Alaveteli and Froide learnt: a bounce
often carries ``Auto-Submitted`` too, so bounces are recognised first; then
automatic acknowledgements and out-of-office replies; anything else is a
reply for the campaigner to read.  When in doubt a message is a *reply*: a
real answer filed away as an acknowledgement is a missed deadline, while an
acknowledgement shown as a reply costs one look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Incoming
from .token import strip_markers

BOUNCE = "bounce"
AUTO_REPLY = "auto-reply"
REPLY = "reply"

ACKNOWLEDGEMENT = "acknowledgement"
OUT_OF_OFFICE = "out-of-office"

_BOUNCE_SENDERS = ("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon")
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered|delivery (status notification|has failed|failure|failed)|"
    r"mail delivery (failed|failure|system)|returned mail|failure notice|could not be delivered|"
    r"non[- ]?delivery|delivery report",
    re.IGNORECASE,
)
_OOO_SUBJECT = re.compile(
    r"out of (the )?office|\booo\b|on (annual )?leave|away from (the|my) (office|desk)|absence|abwesen",
    re.IGNORECASE,
)
_AUTO_SUBJECT = re.compile(
    r"auto(matic|mated)?[ -]?(reply|response|answer|acknowledge?ment)|autoreply|"
    r"acknowledge?ment|acknowledging|receipt of your|we have received your|"
    r"thank you for (your|contacting)|request (has been )?received|received your (request|email|enquiry)",
    re.IGNORECASE,
)
# Words that show an automatic-looking message is really the answer (case
# management systems send responses from no-reply addresses with
# Auto-Submitted set): such a message is a reply.
_ANSWER_WORDS = re.compile(
    r"please find (attached|enclosed)|response to your (request|freedom)|our response|"
    r"\bexempt(ion)?s?\b|section \d+\(|\bs\.? ?\d+\(\d\)|regulation 12|withh[oe]ld|"
    r"not held|we (do not|don't) hold|internal review (outcome|decision|response)|"
    r"refus(e|al|ed)|clarif(y|ication)|fees? notice",
    re.IGNORECASE,
)
_ACK_WORDS = re.compile(r"acknowledg|received your|receipt of|will respond|within 20 working days", re.IGNORECASE)


@dataclass(frozen=True)
class Verdict:
    kind: str  # BOUNCE, AUTO_REPLY or REPLY
    reason: str  # one line a person can check, e.g. "Auto-Submitted: auto-replied"
    auto_kind: str | None = None  # ACKNOWLEDGEMENT or OUT_OF_OFFICE, for AUTO_REPLY
    permanent: bool = True  # for BOUNCE: a failure, not a delay warning
    failed: tuple[str, ...] = ()  # for BOUNCE: the addresses that failed


def classify(m: Incoming) -> Verdict:
    bounce = _bounce(m)
    if bounce is not None:
        return bounce
    reason = _auto_reason(m)
    if reason is None:
        return Verdict(REPLY, "no sign of an automatic message")
    if m.attachment_names or _ANSWER_WORDS.search(_first_words(m)):
        return Verdict(REPLY, f"{reason}, but it reads like an answer (attachments or decision words)")
    kind = OUT_OF_OFFICE if _OOO_SUBJECT.search(m.subject) else ACKNOWLEDGEMENT
    return Verdict(AUTO_REPLY, reason, auto_kind=kind)


def _first_words(m: Incoming, limit: int = 3000) -> str:
    return f"{strip_markers(m.subject)}\n{m.text[:limit]}"


def _bounce(m: Incoming) -> Verdict | None:
    failed = tuple(m.failed_recipients)
    if m.content_type == "multipart/report" and m.report_type.lower() == "delivery-status":
        actions = {a.lower() for a in m.dsn_actions}
        if actions and actions <= {"delayed", "delivered", "relayed", "expanded"}:
            permanent = False
        else:
            permanent = True
        return Verdict(BOUNCE, "a delivery status report (multipart/report)", permanent=permanent, failed=failed)
    if m.headers.get("x-failed-recipients"):
        return Verdict(BOUNCE, "X-Failed-Recipients: " + m.headers["x-failed-recipients"], failed=failed)
    local = m.from_addr.partition("@")[0].lower()
    if local in _BOUNCE_SENDERS:
        return Verdict(BOUNCE, f"sent by {m.from_addr}", failed=failed)
    empty_return = m.headers.get("return-path", "").strip() == "<>"
    if _BOUNCE_SUBJECT.search(m.subject) and (empty_return or m.headers.get("auto-submitted")):
        return Verdict(BOUNCE, f"automatic, with the subject {m.subject!r}", failed=failed)
    return None


def _auto_reason(m: Incoming) -> str | None:
    h = m.headers
    auto = h.get("auto-submitted", "").strip().lower()
    if auto and auto != "no":
        return f"Auto-Submitted: {auto}"
    for name in ("x-autoreply", "x-autorespond", "x-auto-reply", "x-autoresponse", "x-mail-autoreply"):
        if h.get(name, "").strip().lower() not in ("", "no", "false", "0"):
            return f"{name}: {h[name].strip()}"
    precedence = h.get("precedence", "").strip().lower()
    if precedence == "auto_reply":
        return "Precedence: auto_reply"
    subject = strip_markers(m.subject)
    if _AUTO_SUBJECT.search(subject) or _OOO_SUBJECT.search(subject):
        return f"the subject {subject!r}"
    if (precedence in ("bulk", "junk") or h.get("x-auto-response-suppress")) and _ACK_WORDS.search(m.text[:2000]):
        return "sent in bulk and worded as an acknowledgement"
    return None


# -- the authority's reference --------------------------------------------

_REF_LABELLED = re.compile(
    r"\b(?:our|your|case|request|foi|eir|reference|ref)\.?\s*"
    r"(?:ref(?:erence)?\.?|no\.?|number|id|#)?\s*(?:is|:|-|#)?\s*"
    r"([A-Z]{0,8}[-/ ]?\d[A-Z0-9]*(?:[-/.][A-Z0-9]+){0,4})",
    re.IGNORECASE,
)
_REF_SHAPED = re.compile(
    r"\b((?:FOI|FOIA|FOISA|FOIR|EIR|EIRS|SAR|IR|CAS|REQ|INC|RFI|DPA)[-/ _]?\d[A-Z0-9]*(?:[-/][A-Z0-9]+){0,3})\b",
    re.IGNORECASE,
)


def normalise_ref(ref: str) -> str:
    """The form references are compared in: capitals, no spaces or dashes."""
    return re.sub(r"[\s\-_/.]+", "", ref).upper()


def find_reference(subject: str, text: str) -> str | None:
    """The authority's reference in an acknowledgement ("Our ref: FOI-881"),
    as written; ``None`` if there is none that looks like one."""
    subject = strip_markers(subject)
    for where in (subject, text[:4000]):
        for pattern in (_REF_SHAPED, _REF_LABELLED):
            for m in pattern.finditer(where):
                ref = m.group(1).strip(" -/.")
                if _plausible(ref):
                    return ref
    return None


def candidate_refs(subject: str, text: str) -> set[str]:
    """Every reference-shaped string in a message, normalised (for matching
    against references already learnt)."""
    subject = strip_markers(subject)
    out = set()
    for where in (subject, text[:4000]):
        for pattern in (_REF_SHAPED, _REF_LABELLED):
            for m in pattern.finditer(where):
                ref = m.group(1).strip(" -/.")
                if _plausible(ref):
                    out.add(normalise_ref(ref))
    return out


def _plausible(ref: str) -> bool:
    n = normalise_ref(ref)
    digits = sum(c.isdigit() for c in n)
    if not 3 <= len(n) <= 30 or digits == 0:
        return False
    if n.isdigit() and (len(n) < 4 or _looks_like_year_or_date(n)):
        return False
    return True


def _looks_like_year_or_date(n: str) -> bool:
    return len(n) == 4 and n[:2] in ("19", "20")
