"""Reading one raw message, however broken, into what foi needs.

Real mail is often malformed: bad MIME, unknown charsets, TNEF attachments,
truncated parts.  Nothing here raises on bad input: what can be read is read,
and each thing that could not be is named in ``problems`` (a message with
problems is kept raw in the inbox for a person to look at).
"""

from __future__ import annotations

import codecs
import email
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email import errors as email_errors
from email import policy
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ..domain.mail.model import Incoming

#: defects that mean part of the message is missing or unreadable
_SERIOUS_DEFECTS = (
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.CloseBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.InvalidBase64PaddingDefect,
    email_errors.InvalidBase64CharactersDefect,
    email_errors.InvalidBase64LengthDefect,
    email_errors.MissingHeaderBodySeparatorDefect,
)
_TNEF_TYPES = ("application/ms-tnef", "application/vnd.ms-tnef")
_CLASSIFYING_HEADERS = (
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "x-auto-reply",
    "x-autoresponse",
    "x-mail-autoreply",
    "x-auto-response-suppress",
    "precedence",
    "x-failed-recipients",
    "return-path",
)
_RECIPIENT_HEADERS = ("to", "cc", "delivered-to", "x-original-to", "envelope-to", "x-envelope-to", "resent-to")
_RECEIVED_FOR = re.compile(r"\bfor\s+<?([^\s<>;]+@[^\s<>;]+?)>?\s*;", re.IGNORECASE)
_QUOTED_ID = re.compile(r"^\s*Message-ID:\s*(<[^>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass
class Attachment:
    name: str
    content_type: str
    data: bytes
    inline: bool = False  # an image in the text (a signature's logo), not a document


@dataclass
class Parsed:
    incoming: Incoming
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    content_hash: str = ""

    @property
    def complete(self) -> bool:
        return not self.problems


def parse(raw: bytes, fallback_date: datetime | None = None) -> Parsed:
    """Parse ``raw``; never raises on malformed mail."""
    problems: list[str] = []
    try:
        msg = email.message_from_bytes(raw, policy=policy.default)
    except Exception as exc:  # the parser itself gave up: keep what the headers say
        problems.append(f"unreadable MIME structure ({type(exc).__name__})")
        msg = email.message_from_bytes(raw.split(b"\n\n", 1)[0], policy=policy.compat32)
    headers = _raw_headers(msg)
    if not headers:
        problems.append("no headers")
    body = _Body(problems)
    try:
        body.walk(msg)
    except Exception as exc:  # a part so broken the stdlib raises
        problems.append(f"a part could not be read ({type(exc).__name__})")
    date = _date(headers.get("date", "")) or fallback_date
    if date is None:
        problems.append("no usable Date")
    from_name, from_addr = _first_address(headers.get("from", ""))
    incoming = Incoming(
        message_id=_one_id(headers.get("message-id", "")),
        in_reply_to=tuple(_ids(headers.get("in-reply-to", ""))),
        references=tuple(_ids(headers.get("references", ""))),
        from_addr=from_addr,
        from_name=from_name,
        recipients=tuple(_recipients(msg, headers)),
        subject=_decoded(headers.get("subject", "")),
        date=date,
        text=body.text,
        headers={k: _decoded(headers[k]) for k in _CLASSIFYING_HEADERS if k in headers},
        content_type=_safe(msg.get_content_type, "text/plain"),
        report_type=str(_safe(lambda: msg.get_param("report-type"), "") or ""),
        dsn_actions=tuple(body.dsn_actions),
        failed_recipients=tuple(_failed(headers, body)),
        embedded_ids=tuple(dict.fromkeys(body.embedded_ids)),
        embedded_subject=body.embedded_subject,
        attachment_names=tuple(a.name for a in body.attachments if not a.inline),
    )
    if not body.text and not body.attachments and "no headers" not in problems:
        problems.append("no readable text")
    return Parsed(incoming, body.attachments, problems, content_hash(raw, headers))


def content_hash(raw: bytes, headers: dict[str, str] | None = None) -> str:
    """A hash of what a message says (sender, date, subject and body), which
    stays the same when a server adds its own trace headers on delivery."""
    if headers is None:
        headers = _raw_headers(email.message_from_bytes(raw, policy=policy.compat32))
    raw = raw.replace(b"\r\n", b"\n")
    cut = raw.find(b"\n\n")
    body = raw[cut + 2 :] if cut >= 0 else b""
    h = hashlib.sha256()
    for name in ("from", "date", "subject"):
        h.update(" ".join(headers.get(name, "").split()).encode("utf-8", "replace") + b"\0")
    h.update(b"\n".join(line.rstrip() for line in body.rstrip().split(b"\n")))
    return h.hexdigest()


# -- headers ---------------------------------------------------------------


def _raw_headers(msg: Message) -> dict[str, str]:
    """Each header's first value as sent (lowercased names, not decoded)."""
    out: dict[str, str] = {}
    try:
        items = msg.raw_items() if hasattr(msg, "raw_items") else msg.items()
        for name, value in items:
            out.setdefault(name.lower(), str(value))
    except Exception:
        pass
    return out


def _all_raw(msg: Message, name: str) -> list[str]:
    try:
        items = msg.raw_items() if hasattr(msg, "raw_items") else msg.items()
        return [str(v) for k, v in items if k.lower() == name]
    except Exception:
        return []


def _decoded(value: str) -> str:
    """An RFC 2047 header as text (undecodable words kept as they came)."""
    value = " ".join(str(value).split())
    if "=?" not in value:
        return value
    try:
        return " ".join(str(make_header(decode_header(value))).split())
    except Exception:
        return value


def _first_address(value: str) -> tuple[str, str]:
    pairs = _addresses([value])
    return pairs[0] if pairs else ("", "")


def _addresses(values: list[str]) -> list[tuple[str, str]]:
    out = []
    try:
        for name, addr in getaddresses([" ".join(v.split()) for v in values]):
            if "@" in addr:
                out.append((_decoded(name), addr.strip().lower()))
    except Exception:
        pass
    return out


def _recipients(msg: Message, headers: dict[str, str]) -> list[str]:
    found: list[str] = []
    for name in _RECIPIENT_HEADERS:
        found += [a for _, a in _addresses(_all_raw(msg, name))]
    for received in _all_raw(msg, "received"):
        found += [a.lower() for a in _RECEIVED_FOR.findall(" ".join(received.split()))]
    return list(dict.fromkeys(found))


def _ids(value: str) -> list[str]:
    return re.findall(r"<([^<>\s]+)>", value or "") or ([value.strip()] if value.strip() else [])


def _one_id(value: str) -> str:
    ids = _ids(value)
    return ids[0] if ids else ""


def _date(value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        d = parsedate_to_datetime(" ".join(value.split()))
    except Exception:
        return None
    if d is None:
        return None
    return d if d.tzinfo is not None else d.replace(tzinfo=timezone.utc)


def _failed(headers: dict[str, str], body: _Body) -> list[str]:
    found = [a for _, a in _addresses([headers.get("x-failed-recipients", "")])]
    found += body.dsn_recipients
    return list(dict.fromkeys(found))


def _safe(fn, default):
    try:
        return fn()
    except Exception:
        return default


# -- body ------------------------------------------------------------------


class _Body:
    """Walks the parts: the text to read, the attachments, a bounce's report."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        self.plain: list[str] = []
        self.html: list[str] = []
        self.attachments: list[Attachment] = []
        self.dsn_actions: list[str] = []
        self.dsn_recipients: list[str] = []
        self.embedded_ids: list[str] = []
        self.embedded_subject = ""

    @property
    def text(self) -> str:
        if self.plain:
            return "\n\n".join(self.plain).strip()
        if self.html:
            from .html_text import html_to_text

            return html_to_text("\n".join(self.html)).strip()
        return ""

    def walk(self, msg: Message) -> None:
        self._defects(msg)
        for part in msg.walk():
            if part is not msg:
                self._defects(part)
            ctype = _safe(part.get_content_type, "application/octet-stream")
            if part.is_multipart():
                continue
            if ctype == "message/delivery-status":
                self._dsn(part)
            elif ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
                self._embedded(part)
            elif self._is_attachment(part, ctype):
                self._attachment(part, ctype)
            elif ctype in ("text/plain", "text/html"):
                text = self._decode(part)
                (self.plain if ctype == "text/plain" else self.html).append(text)
                if ctype == "text/plain":
                    self.embedded_ids += _QUOTED_ID.findall(text)

    def _defects(self, part: Message) -> None:
        for d in getattr(part, "defects", ()):
            if isinstance(d, _SERIOUS_DEFECTS):
                what = re.sub(r"(?<!^)([A-Z])", r" \1", type(d).__name__.replace("Defect", "")).lower()
                msg = f"malformed MIME: {what}"
                if msg not in self.problems:
                    self.problems.append(msg)

    @staticmethod
    def _is_attachment(part: Message, ctype: str) -> bool:
        disposition = _safe(part.get_content_disposition, None)
        if disposition == "attachment":
            return True
        if ctype in ("text/plain", "text/html"):
            return False
        return True  # images, PDFs, TNEF... in any disposition

    def _attachment(self, part: Message, ctype: str) -> None:
        name = _safe(part.get_filename, None) or f"part-{len(self.attachments) + 1}"
        name = _decoded(name).replace("/", "_").replace("\\", "_").strip() or "attachment"
        data = _safe(lambda: part.get_payload(decode=True), None)
        if not isinstance(data, bytes):
            data = str(_safe(part.get_payload, "")).encode("utf-8", "replace")
            self.problems.append(f"attachment {name!r} could not be decoded; kept as it came")
        if ctype in _TNEF_TYPES or name.lower() == "winmail.dat":
            self.problems.append(f"TNEF attachment {name!r} (Outlook's winmail.dat) is not unpacked; kept as it came")
        inline = ctype.startswith("image/") and _safe(part.get_content_disposition, None) != "attachment"
        self.attachments.append(Attachment(name, ctype, data, inline))

    def _decode(self, part: Message) -> str:
        data = _safe(lambda: part.get_payload(decode=True), None)
        if not isinstance(data, bytes):
            return str(_safe(part.get_payload, ""))
        charset = str(_safe(part.get_content_charset, None) or "utf-8")
        try:
            codecs.lookup(charset)
        except LookupError:
            self.problems.append(f"unknown charset {charset!r}; read as UTF-8 where possible")
            charset = "utf-8"
        try:
            return data.decode(charset)
        except UnicodeDecodeError:
            self.problems.append(f"text not valid {charset}; unreadable characters replaced")
            return data.decode(charset, errors="replace")

    def _dsn(self, part: Message) -> None:
        payload = _safe(part.get_payload, [])
        blocks = payload if isinstance(payload, list) else []
        for block in blocks:
            action = str(_safe(lambda b=block: b.get("Action", ""), "") or "").strip().lower()
            if action:
                self.dsn_actions.append(action)
            final = str(_safe(lambda b=block: b.get("Final-Recipient", ""), "") or "")
            addr = final.rpartition(";")[2].strip().strip("<>").lower()
            if "@" in addr and action in ("failed", ""):
                self.dsn_recipients.append(addr)

    def _embedded(self, part: Message) -> None:
        payload = _safe(part.get_payload, None)
        if isinstance(payload, list) and payload:
            inner = payload[0]
        else:
            text = payload if isinstance(payload, str) else ""
            inner = email.message_from_string(text, policy=policy.compat32)
        headers = _raw_headers(inner)
        mid = _one_id(headers.get("message-id", ""))
        if mid:
            self.embedded_ids.append(mid)
        self.embedded_subject = self.embedded_subject or _decoded(headers.get("subject", ""))
