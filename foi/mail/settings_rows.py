"""The mail settings' rows of the settings table (:data:`foi.settings.SPEC`).

Yours, as your mailbox is (person scope).  Passwords are never stored: the
two password rows only document their environment variables.  Kept here,
beside the code that reads them; :mod:`foi.settings` joins them to the one
table (passing its ``Setting`` class, so this module imports nothing).
"""

from __future__ import annotations

SECURITY = ("starttls", "ssl", "none")
_MORE = (
    ("smtp.pace", "seconds between two letters of a batch", "seconds", "5"),
    ("imap.folder", "the folder replies are read from", "text", "INBOX"),
    ("imap.sent_folder", "if set, a copy of each letter sent goes in this IMAP folder", "text", None),
    ("mail.from", "the address letters are sent from", "email", "your email"),
    ("mail.plus_addressing", "yes: send from you+foi-TOKEN@... (replies carry their request)", "boolean", "no"),
    ("mail.ico_address", "where complaints to the ICO are emailed", "email", "icocasework@ico.org.uk"),
    ("mail.sic_address", "where applications to the Scottish Commissioner go", "email", "enquiries@foi.scot"),
)


def mail_rows(Setting, PERSON) -> tuple:  # noqa: N803 - the class and the scope, as foi.settings names them
    rows = []
    for svc, what, ports, security in (
        ("smtp", "sending letters", "587 for starttls, 465 for ssl, 25 for none", "starttls"),
        ("imap", "reading replies", "993 for ssl, 143 for starttls or none", "ssl"),
    ):
        rows += [
            Setting(f"{svc}.host", f"the mail server for {what}, e.g. {svc}.example.org", PERSON),
            Setting(f"{svc}.port", "its port", PERSON, type="port", default=ports),
            Setting(f"{svc}.security", "none only to 127.0.0.1", PERSON, default=security, choices=SECURITY),
            Setting(f"{svc}.user", "the login name (no login when unset)", PERSON),
            Setting(f"{svc}.cafile", "a CA bundle for a server with its own certificate", PERSON, type="path"),
            Setting(f"{svc}.password_command", f"a command that prints the {svc.upper()} password", PERSON),
            Setting(f"{svc}.password", "never stored", PERSON, env=f"FOI_{svc.upper()}_PASSWORD", writable=False),
        ]
    return (*rows, *(Setting(k, text, PERSON, type=t, default=d) for k, text, t, d in _MORE))
