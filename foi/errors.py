"""The one error hierarchy of foi.

Every error a user can cause is a :class:`FoiError`.  The CLI catches them in
one place (``foi.cli.main``), prints ``foi: error: <message>`` as a single line
on stderr and exits with the class's ``exit_code``.  Anything else is a bug and
gets a traceback only with ``--debug``.
"""

from __future__ import annotations


class FoiError(Exception):
    """Base class: a problem the user can fix.  Exit code 1."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:  # one line, message then what to do
        if self.hint:
            return f"{self.message} ({self.hint})"
        return self.message


class UsageError(FoiError):
    """Bad command-line input: malformed date, bad option value.  Exit 2."""

    exit_code = 2


class NotFound(FoiError):
    """Unknown request id, authority, template."""


class AmbiguousAuthority(UsageError):
    """A name matched more than one authority."""


class StoreError(FoiError):
    """The store cannot be read or written (corrupt, newer schema, disk full)."""


class StoreLocked(StoreError):
    """Another foi process holds the store's lock."""


class TemplateError(FoiError):
    """A letter template is missing, broken, unsafe or lacks a variable."""


class InvalidEvent(FoiError):
    """An event that does not fit the timeline (out of order, in the future, makes no sense yet)."""


class ImportFormatError(FoiError):
    """A CSV (or other file) to import is broken or has the wrong columns."""


class GitError(FoiError):
    """A git command run by `foi sync` or `foi git setup` failed (the message
    says which step, why in one line, and what to do)."""


class MailError(FoiError):
    """A mail server cannot be reached, refuses the login, or the mail settings are wrong.

    ``stage`` says which step failed (dns, refused, timeout, tls, auth,
    config, password, other) for `foi mail check`."""

    def __init__(self, message: str, hint: str | None = None, stage: str = "config"):
        super().__init__(message, hint)
        self.stage = stage
