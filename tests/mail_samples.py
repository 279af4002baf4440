"""Replies of every kind, as raw bytes, for the mail tests."""

from __future__ import annotations

from datetime import datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

AUTH = "foi@trust.nhs.example"


def _base(subject, *, frm=AUTH, to="alex@example.org", date=None, mid=None, body="Dear Alex,\n\nThank you.\n"):
    m = EmailMessage()
    m["From"] = frm
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date or datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc))
    m["Message-ID"] = mid or f"<{abs(hash((subject, frm, str(date))))}@trust.nhs.example>"
    m.set_content(body)
    return m


def threaded(our_message_id: str, **kw) -> bytes:
    m = _base("Re: Freedom of Information request - Crisis team staffing", **kw)
    m["In-Reply-To"] = our_message_id
    m["References"] = our_message_id
    return m.as_bytes()


def plus_addressed(token: str, **kw) -> bytes:
    kw.setdefault("to", f"alex+foi-{token}@example.org")
    return _base("Your request", **kw).as_bytes()


def subject_marker(token: str, **kw) -> bytes:
    return _base(f"RE: Crisis team staffing [foi {token}]", **kw).as_bytes()


def acknowledgement(token: str, ref: str = "FOI-881", **kw) -> bytes:
    kw.setdefault(
        "body", f"Thank you for your request. Our reference is {ref}. We will respond within 20 working days.\n"
    )
    m = _base(f"Automatic reply: Crisis team staffing [foi {token}]", **kw)
    m["Auto-Submitted"] = "auto-replied"
    return m.as_bytes()


def bounce(our_message_id: str, failed: str = AUTH, **kw) -> bytes:
    """A real-shaped DSN (RFC 3464) returning the headers of our message."""
    date = format_datetime(kw.get("date") or datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc))
    return f"""\
Return-Path: <>
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: alex@example.org
Subject: Undelivered Mail Returned to Sender
Date: {date}
Message-ID: <bounce-{abs(hash(our_message_id))}@mx.example.org>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUND"

--BOUND
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not be delivered to {failed}.

--BOUND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {failed}
Action: failed
Status: 5.1.1

--BOUND
Content-Type: text/rfc822-headers

From: alex@example.org
To: {failed}
Message-ID: {our_message_id}
Subject: Freedom of Information request

--BOUND--
""".replace("\n", "\r\n").encode()


def unmatched(**kw) -> bytes:
    kw.setdefault("frm", "newsletter@elsewhere.example")
    return _base("Our winter newsletter", **kw).as_bytes()
