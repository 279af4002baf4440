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
    every = _every_header(msg)
    headers = {name: values[0] for name, values in every.items()}
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
        recipients=tuple(_recipients(every)),
        subject=_decoded(headers.get("subject", "")),
        date=date,
        text=body.text,
        headers={k: _decoded(headers[k]) for k in _CLASSIFYING_HEADERS if k in headers},
        content_type=_Heads(msg).content_type(),
        report_type=_Heads(msg).param("content-type", "report-type") or "",
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
    h.update(_TRAILING_SPACE.sub(b"\n", body).rstrip())
    return h.hexdigest()


_TRAILING_SPACE = re.compile(rb"[ \t\r]+\n")


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


def _every_header(msg: Message) -> dict[str, list[str]]:
    """Every value of every header as sent (lowercased names, not decoded)."""
    out: dict[str, list[str]] = {}
    try:
        items = msg.raw_items() if hasattr(msg, "raw_items") else msg.items()
        for name, value in items:
            out.setdefault(name.lower(), []).append(str(value))
    except Exception:
        pass
    return out


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


def _recipients(every: dict[str, list[str]]) -> list[str]:
    found: list[str] = []
    for name in _RECIPIENT_HEADERS:
        if name in every:
            found += [a for _, a in _addresses(every[name])]
    for received in every.get("received", ()):
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

    def walk(self, msg: Message, depth: int = 0) -> None:
        """Visit the parts (not those of a message quoted inside this one)."""
        self._defects(msg)
        heads = _Heads(msg)
        ctype = heads.content_type()
        if ctype == "message/delivery-status":
            self._dsn(msg)
        elif ctype in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            self._embedded(msg)
        elif msg.is_multipart():
            if depth > 20:
                self.problems.append("parts nested too deep; the rest was not read")
                return
            for part in _safe(msg.get_payload, []):
                if isinstance(part, Message):
                    self.walk(part, depth + 1)
        elif heads.disposition() == "attachment" or ctype not in ("text/plain", "text/html"):
            self._attachment(msg, heads, ctype)
        else:
            text = self._decode(msg, heads)
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

    def _attachment(self, part: Message, heads: _Heads, ctype: str) -> None:
        name = heads.filename() or f"part-{len(self.attachments) + 1}"
        name = name.replace("/", "_").replace("\\", "_").strip() or "attachment"
        data, problem = _payload_bytes(part, heads.transfer_encoding())
        if problem:
            self.problems.append(f"attachment {name!r}: {problem}")
        if ctype in _TNEF_TYPES or name.lower() == "winmail.dat":
            self.problems.append(f"TNEF attachment {name!r} (Outlook's winmail.dat) is not unpacked; kept as it came")
        inline = ctype.startswith("image/") and heads.disposition() != "attachment"
        self.attachments.append(Attachment(name, ctype, data, inline))

    def _decode(self, part: Message, heads: _Heads) -> str:
        data, problem = _payload_bytes(part, heads.transfer_encoding())
        if problem:
            self.problems.append(f"text: {problem}")
        charset = heads.param("content-type", "charset") or "utf-8"
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


# -- a part's headers, read from their raw text ---------------------------------
#
# Asking an ``email.policy.default`` message for its content type or a
# parameter builds header objects with the full RFC 5322 parser: most of the
# time of reading a large mailbox.  Parts' MIME headers are simple enough to
# read from their raw values.

_PARAM = re.compile(r';\s*([^\s=;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


class _Heads:
    def __init__(self, part: Message):
        self.values: dict[str, str] = {}
        try:
            for name, value in part.raw_items():
                self.values.setdefault(name.lower(), " ".join(str(value).split()))
        except Exception:
            pass

    def content_type(self) -> str:
        raw = self.values.get("content-type", "")
        ctype = raw.split(";", 1)[0].strip().lower()
        return ctype if ctype.count("/") == 1 else "text/plain"

    def disposition(self) -> str | None:
        raw = self.values.get("content-disposition", "")
        return raw.split(";", 1)[0].strip().lower() or None

    def transfer_encoding(self) -> str:
        return self.values.get("content-transfer-encoding", "").strip().lower()

    def param(self, header: str, name: str) -> str | None:
        """A parameter (RFC 2045; RFC 2231 continued and encoded values too)."""
        raw = self.values.get(header, "")
        pieces: dict[int, tuple[str, bool]] = {}
        for key, value in _PARAM.findall(raw):
            key = key.lower()
            if value.startswith('"'):
                value = re.sub(r"\\(.)", r"\1", value[1:-1])
            base, _, rest = key.partition("*")
            if base != name:
                continue
            index = int(rest.rstrip("*")) if rest.rstrip("*").isdigit() else 0
            pieces[index] = (value.strip(), key.endswith("*"))
        if not pieces:
            return None
        return _join_rfc2231([pieces[i] for i in sorted(pieces)])

    def filename(self) -> str | None:
        name = self.param("content-disposition", "filename") or self.param("content-type", "name")
        return _decoded(name) if name else None


def _join_rfc2231(pieces: list[tuple[str, bool]]) -> str:
    from urllib.parse import unquote

    charset = "us-ascii"
    out = []
    for i, (value, encoded) in enumerate(pieces):
        if encoded and i == 0 and value.count("'") >= 2:
            charset, _, value = value.split("'", 2)
            charset = charset or "us-ascii"
        out.append(unquote(value, encoding=charset, errors="replace") if encoded else value)
    return "".join(out)


def _payload_bytes(part: Message, cte: str) -> tuple[bytes, str]:
    """The decoded body of a leaf part, and what went wrong ("" if nothing)."""
    import binascii
    import quopri

    payload = _safe(part.get_payload, "")
    if not isinstance(payload, str):
        return b"", "no content"
    try:
        raw = payload.encode("ascii", "surrogateescape")  # the bytes as they came
    except UnicodeEncodeError:
        raw = payload.encode("utf-8", "surrogateescape")
    if cte == "base64":
        try:
            return binascii.a2b_base64(raw), ""
        except binascii.Error:
            cut = raw.rstrip()
            try:  # a truncated part: what decodes, and say so
                return binascii.a2b_base64(cut[: len(cut) - len(cut) % 4] or b""), "truncated (bad base64)"
            except binascii.Error:
                return raw, "could not be decoded; kept as it came"
    if cte == "quoted-printable":
        return quopri.decodestring(raw), ""
    if cte in ("", "7bit", "8bit", "binary"):
        return raw, ""
    data = _safe(lambda: part.get_payload(decode=True), None)  # uuencode and rarer ones
    return (data, "") if isinstance(data, bytes) else (raw, f"unknown transfer encoding {cte!r}")
