"""Sending over SMTP (stdlib ``smtplib``), telling apart the three outcomes
that matter for never sending a letter twice:

* ``SENT``: the server replied 250 to the message data;
* ``NOT_SENT``: it failed before the message data was all transmitted, or the
  server refused it with an error reply: safe to send again;
* ``MAYBE_SENT``: all the data went, then the connection broke before the
  server's reply: the server may have accepted it, so it is never resent
  without the campaigner checking.

The DATA phase is therefore driven step by step (``smtplib``'s own
``data()`` cannot say which step failed).
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from dataclasses import dataclass

from ..errors import MailError
from .server import SECURITIES, ServerSettings  # noqa: F401  (re-exported)

SENT = "sent"
NOT_SENT = "not sent"
MAYBE_SENT = "may have been sent"


@dataclass(frozen=True)
class Outcome:
    status: str  # SENT, NOT_SENT or MAYBE_SENT
    detail: str = ""  # the server's reply or the error, for the report


def tls_context(cafile: str | None) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=cafile) if cafile else ssl.create_default_context()


def explain_connect_error(exc: BaseException, s: ServerSettings) -> MailError:
    """One clear line for a failure to reach or log in to a server."""
    where = f"{s.host}:{s.port}"
    key = s.service
    if isinstance(exc, socket.gaierror):
        return MailError(f"cannot find the server {s.host} (DNS lookup failed)", f"check {key}.host", stage="dns")
    if isinstance(exc, ConnectionRefusedError):
        return MailError(
            f"{where} refused the connection",
            f"check {key}.host and {key}.port (usual ports: {_usual_ports(key)})",
            stage="refused",
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(
            f"the certificate of {s.host} is not trusted: {exc.verify_message}",
            f"for a server with its own certificate, set {key}.cafile to its CA bundle",
            stage="tls",
        )
    if isinstance(exc, ssl.SSLError):
        return MailError(
            f"the TLS handshake with {where} failed ({exc.reason or exc})",
            f"check {key}.security: ssl for a port that starts with TLS ({_usual_ports(key, 'ssl')}), starttls otherwise",
            stage="tls",
        )
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailError(f"{where} does not offer STARTTLS", f"check {key}.port, or {key}.security ssl", stage="tls")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailError(
            f"{where} refused the login for {s.user}: {_reply_text(exc.smtp_code, exc.smtp_error)}",
            f"check {key}.user and the password (FOI_{key.upper()}_PASSWORD or {key}.password_command)",
            stage="auth",
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return MailError(
            f"no answer from {where} within {s.timeout:g} s", f"check {key}.host and {key}.port", stage="timeout"
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return MailError(f"{where} closed the connection", f"check {key}.security and {key}.port", stage="refused")
    if isinstance(exc, smtplib.SMTPException | OSError):
        return MailError(f"{where}: {_safe_text(exc)}", "`foi mail check` tests the settings", stage="other")
    raise exc


def _usual_ports(key: str, security: str | None = None) -> str:
    ports = {"smtp": {"starttls": "587", "ssl": "465"}, "imap": {"starttls": "143", "ssl": "993"}}[key]
    return ports[security] if security else f"{ports['starttls']} for starttls, {ports['ssl']} for ssl"


def _reply_text(code, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {' '.join(str(text).split())}".strip()


def _safe_text(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


class SmtpConnection:
    """One logged-in SMTP session, for a batch of letters."""

    def __init__(self, settings: ServerSettings, password: str | None):
        self.settings = settings
        self._password = password
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> SmtpConnection:
        s = self.settings
        s.check()
        try:
            if s.security == "ssl":
                self.smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=tls_context(s.cafile))
            else:
                self.smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            self.smtp.ehlo()
            if s.security == "starttls":
                self.smtp.starttls(context=tls_context(s.cafile))
                self.smtp.ehlo()
            if s.user:  # log in exactly when a user is set
                self.smtp.login(s.user, self._password or "")
        except Exception as exc:
            self.close()
            raise explain_connect_error(exc, s) from None
        finally:
            self._password = None  # not kept once used
        return self

    def close(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except Exception:
                try:
                    self.smtp.close()
                except Exception:
                    pass
            self.smtp = None

    def __enter__(self) -> SmtpConnection:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def send(self, sender: str, recipient: str, data: bytes) -> Outcome:
        """Send one message; never raises for what the server does."""
        smtp = self.smtp
        if smtp is None:
            return Outcome(NOT_SENT, "not connected")
        for address in (sender, recipient):
            if not address.isascii() or any(c.isspace() for c in address):
                return Outcome(NOT_SENT, f"{address!r} cannot go in an SMTP envelope: correct the address")
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                return self._refused(code, reply)
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                return self._refused(code, reply)
            smtp.putcmd("data")
            code, reply = smtp.getreply()
            if code != 354:
                return self._refused(code, reply)
            smtp.send(_dot_stuffed(data))
        except (smtplib.SMTPException, OSError) as exc:
            self.smtp = None
            return Outcome(NOT_SENT, f"connection lost before the message was sent ({_safe_text(exc)})")
        try:
            code, reply = smtp.getreply()
        except (smtplib.SMTPException, OSError) as exc:
            self.smtp = None
            return Outcome(MAYBE_SENT, f"connection lost after the message was sent ({_safe_text(exc)})")
        if code == 250:
            return Outcome(SENT, _reply_text(code, reply))
        return Outcome(NOT_SENT, "refused: " + _reply_text(code, reply))

    def _refused(self, code, reply) -> Outcome:
        try:
            self.smtp.rset()
        except Exception:
            self.smtp = None
        return Outcome(NOT_SENT, "refused: " + _reply_text(code, reply))


_LINE_END = re.compile(rb"\r\n|\r(?!\n)|\n")


def _dot_stuffed(data: bytes) -> bytes:
    """The DATA payload: CRLF line ends, leading dots doubled, then '.'."""
    data = _LINE_END.sub(b"\r\n", data)
    data = re.sub(rb"(?m)^\.", b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"
