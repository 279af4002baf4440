"""The mail settings (``smtp.*``, ``imap.*``, ``mail.*``) and the passwords.

Passwords are never settings: they come from ``FOI_SMTP_PASSWORD`` /
``FOI_IMAP_PASSWORD`` or from the output of ``smtp.password_command`` /
``imap.password_command`` (as msmtp's ``passwordeval`` and git's credential
helpers do), are used once to log in, and are written nowhere.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import MailError
from .server import ServerSettings

#: The regulators' addresses shipped with foi: unverified, like the
#: authorities' (check them before sending, or set your own).
ICO_ADDRESS = "icocasework@ico.org.uk"
SIC_ADDRESS = "enquiries@foi.scot"


@dataclass(frozen=True)
class MailConfig:
    smtp: ServerSettings
    imap: ServerSettings
    pace: float
    sender: str
    sender_name: str
    plus_addressing: bool
    imap_folder: str
    sent_folder: str
    ico_address: str
    sic_address: str
    ico_verified: bool
    sic_verified: bool
    smtp_password_command: str = ""
    imap_password_command: str = ""

    def password(self, service: str) -> str | None:
        """The password for ``smtp`` or ``imap`` (None when no user is set)."""
        settings = self.smtp if service == "smtp" else self.imap
        if not settings.user:
            return None
        from ..settings import secret

        env = f"FOI_{service.upper()}_PASSWORD"
        password = secret(f"{service}.password")
        if password:
            return password
        command = self.smtp_password_command if service == "smtp" else self.imap_password_command
        if command:
            return run_password_command(command, service)
        raise MailError(
            f"no password for {settings.user} on {settings.host}",
            f"set {env} in the environment, or {service}.password_command",
            stage="password",
        )


def run_password_command(command: str, service: str) -> str:
    """The first line the command prints (its output is never shown)."""
    try:
        done = subprocess.run(command, shell=True, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MailError(
            f"{service}.password_command could not run ({type(exc).__name__})", "check the command", stage="password"
        ) from None
    if done.returncode != 0:
        raise MailError(
            f"{service}.password_command failed (exit {done.returncode})",
            "run it yourself to see why",
            stage="password",
        )
    password = done.stdout.decode("utf-8", "replace").split("\n", 1)[0].rstrip("\r")
    if not password:
        raise MailError(f"{service}.password_command printed nothing", "it must print the password", stage="password")
    return password


def _port(cfg: Mapping, service: str, security: str) -> int:
    if cfg.get(f"{service}.port"):
        return int(cfg[f"{service}.port"])
    if service == "smtp":
        return {"ssl": 465, "none": 25}.get(security, 587)
    return 993 if security == "ssl" else 143


def _server(cfg: Mapping, service: str, default_security: str) -> ServerSettings:
    security = cfg.get(f"{service}.security") or default_security
    return ServerSettings(
        host=cfg.get(f"{service}.host") or "",
        port=_port(cfg, service, security),
        security=security,
        user=cfg.get(f"{service}.user") or None,
        cafile=cfg.get(f"{service}.cafile") or None,
        service=service,
    )


def mail_config(cfg: Mapping) -> MailConfig:
    """The mail settings from the effective settings (:mod:`foi.settings`)."""
    return MailConfig(
        smtp=_server(cfg, "smtp", "starttls"),
        imap=_server(cfg, "imap", "ssl"),
        pace=float(cfg.get("smtp.pace") or 5),
        sender=cfg.get("mail.from") or cfg.get("email") or "",
        sender_name=cfg.get("name") or "",
        plus_addressing=cfg.get("mail.plus_addressing") == "yes",
        imap_folder=cfg.get("imap.folder") or "INBOX",
        sent_folder=cfg.get("imap.sent_folder") or "",
        ico_address=cfg.get("mail.ico_address") or ICO_ADDRESS,
        sic_address=cfg.get("mail.sic_address") or SIC_ADDRESS,
        ico_verified=bool(cfg.get("mail.ico_address")),
        sic_verified=bool(cfg.get("mail.sic_address")),
        smtp_password_command=cfg.get("smtp.password_command") or "",
        imap_password_command=cfg.get("imap.password_command") or "",
    )
