"""Building the email of a drafted letter (stdlib ``email``, ``policy=default``).

The body is plain UTF-8 text in RFC 3676 ``format=flowed``: a letter's
paragraphs are single long lines, which are cut into lines of at most 72
characters, each but the last of a paragraph ending in a space (a "soft"
break that a mail reader joins up again), so the letter reads right both in
readers that understand flowed text and in those that do not.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

from ..domain.mail.token import plus_address, token_for, with_marker

WIDTH = 72  # RFC 3676 recommends 66-72 for flowed lines; 78 is the hard limit
_HARD_LIMIT = 78


@dataclass(frozen=True)
class Outgoing:
    """One letter ready to go: who to, the subject, the text."""

    request_id: int
    uid: str
    to: str
    subject: str
    body: str
    kind: str = "request"

    @property
    def token(self) -> str:
        return token_for(self.uid)


def split_letter(text: str, fallback_subject: str = "") -> tuple[str, str]:
    """(subject, body) of a drafted letter, whose first line is ``Subject: ...``."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if first.startswith("Subject:"):
        return first[len("Subject:") :].strip(), rest.lstrip("\n")
    return fallback_subject, stripped


def flowed(text: str, width: int = WIDTH) -> str:
    """``text`` as RFC 3676 format=flowed lines (no trailing newline added)."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line == "-- ":  # the signature separator keeps its space
            out.append(line)
            continue
        line = line.rstrip(" ")
        if len(line) <= _HARD_LIMIT:
            out.append(_stuff(line))
            continue
        chunks = textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
        out.extend(_stuff(c) + " " for c in chunks[:-1])
        out.append(_stuff(chunks[-1]))
    return "\n".join(out)


def unflow(text: str) -> str:
    """Join the soft breaks of flowed text again (for display and tests)."""
    out: list[str] = []
    carry = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(" "):
            line = line[1:]
        if line.endswith(" ") and line != "-- ":
            carry += line
            continue
        out.append(carry + line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)


def _stuff(line: str) -> str:
    """RFC 3676 space-stuffing: a line starting with a space, '>' or 'From '."""
    return " " + line if line.startswith((" ", ">", "From ")) else line


def new_message_id(token: str, sender: str) -> str:
    domain = sender.rpartition("@")[2] or "foi.invalid"
    return make_msgid(idstring=f"foi.{token}", domain=domain)


def sender_address(address: str, token: str, plus_addressing: bool) -> str:
    return plus_address(address, token) if plus_addressing else address


def build(
    letter: Outgoing,
    *,
    sender: str,
    sender_name: str,
    message_id: str,
    when: datetime,
    plus_addressing: bool = False,
) -> EmailMessage:
    """The message for ``letter``: From the campaigner, To the authority,
    the letter's subject with the ``[foi <token>]`` marker, our Message-ID."""
    msg = EmailMessage(policy=policy.default)
    msg["From"] = formataddr((sender_name, sender_address(sender, letter.token, plus_addressing)))
    msg["To"] = letter.to
    msg["Subject"] = with_marker(letter.subject, letter.token)
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id
    body = flowed(letter.body.rstrip("\n")) + "\n"
    cte = "7bit" if body.isascii() else "quoted-printable"
    msg.set_content(body, subtype="plain", charset="utf-8", cte=cte)
    msg.set_param("format", "flowed")
    return msg


def to_bytes(msg: EmailMessage) -> bytes:
    """The message as it goes over SMTP (CRLF line ends)."""
    return msg.as_bytes(policy=policy.SMTP)
