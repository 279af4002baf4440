"""Where a mail server is and how to reach it (no network code: cheap to import)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..errors import MailError

SECURITIES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class ServerSettings:
    """Where and how to connect (SMTP or IMAP); the password is not kept here."""

    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    cafile: str | None = None
    timeout: float = 30.0
    service: str = "smtp"  # names the settings in messages: smtp.host, imap.host...

    def check(self) -> None:
        if not self.host:
            raise MailError(f"no {self.service} server set", f"foi config set {self.service}.host mail.example.org")
        if self.security not in SECURITIES:
            raise MailError(
                f"{self.service}.security is {self.security!r}", f"use one of {', '.join(SECURITIES)}", stage="config"
            )
        if self.security == "none" and not is_loopback(self.host):
            raise MailError(
                f"{self.service}.security none would send your password and letters unencrypted to {self.host}",
                "use starttls or ssl; none is only allowed to this machine (127.0.0.1)",
                stage="config",
            )


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
