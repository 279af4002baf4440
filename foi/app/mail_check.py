"""`foi mail check`: reach and log in to the mail servers, send nothing."""

from __future__ import annotations

from ..errors import MailError


def check_servers(cfg) -> list[tuple[str, bool, str]]:
    """[(service, ok, what happened)] for SMTP, and IMAP when it is set."""
    results = [_check("smtp", cfg)]
    if cfg.imap.host:
        results.append(_check("imap", cfg))
    return results


def _check(service: str, cfg) -> tuple[str, bool, str]:
    from ..mail.smtp import SmtpConnection
    from ..mail.sources import ImapReader

    settings = cfg.smtp if service == "smtp" else cfg.imap
    where = f"{settings.host}:{settings.port} ({settings.security})"
    try:
        password = cfg.password(service)
        if service == "smtp":
            SmtpConnection(settings, password).open().close()
        else:
            ImapReader(settings, password, cfg.imap_folder).open().close()
    except MailError as exc:
        return service, False, f"{exc.stage}: {exc}"
    login = f", logged in as {settings.user}" if settings.user else ", no login (smtp.user not set)"
    return service, True, f"{where} reached{login if service == 'smtp' else ', logged in as ' + str(settings.user)}"
