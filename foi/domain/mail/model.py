"""An incoming message as the pure matching code sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Incoming:
    """What was read from one message (headers decoded, addresses lowercased).

    ``recipients`` holds every address the message was delivered to as far
    as its headers tell: To, Cc, Delivered-To, X-Original-To, Envelope-To and
    the ``for <...>`` of Received lines (a reply sent by Bcc names its
    address only there).  ``embedded_ids`` are the Message-IDs of a message
    quoted inside this one (a bounce returns ours)."""

    message_id: str = ""
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    from_addr: str = ""
    from_name: str = ""
    recipients: tuple[str, ...] = ()
    subject: str = ""
    date: datetime | None = None
    text: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lowercased name -> value
    content_type: str = "text/plain"
    report_type: str = ""
    dsn_actions: tuple[str, ...] = ()
    failed_recipients: tuple[str, ...] = ()
    embedded_ids: tuple[str, ...] = ()
    embedded_subject: str = ""
    attachment_names: tuple[str, ...] = ()


def domain_of(address: str) -> str:
    """``example.org`` from ``someone@Example.org`` ("" if none)."""
    return address.rpartition("@")[2].strip().strip(">").lower() if "@" in address else ""
