"""Where replies are read from: an IMAP folder, a Maildir, an mbox, .eml files.

Every source yields :class:`RawMessage` (the bytes as stored, where they came
from, and a date to fall back on when the message has no usable Date).
Reading never changes the source: IMAP folders are opened read-only and read
with ``BODY.PEEK`` (no \\Seen flag), mailboxes are opened without locking or
writing.
"""

from __future__ import annotations

import mailbox
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path

from ..errors import MailError, UsageError
from .smtp import ServerSettings, explain_connect_error, tls_context

IMAP_BATCH = 200


@dataclass
class RawMessage:
    raw: bytes
    origin: str  # "imap INBOX uid 12", "mbox replies.mbox #3", "a.eml"
    fallback_date: datetime | None = None
    imap_uid: int | None = None


def parse_source(text: str) -> tuple[str, str]:
    """``imap``, ``maildir:PATH``, ``mbox:PATH`` or a ``.eml`` path -> (kind, path)."""
    kind, sep, path = text.partition(":")
    if text == "imap":
        return "imap", ""
    if sep and kind in ("maildir", "mbox") and path:
        return kind, path
    if text.lower().endswith(".eml") or Path(text).is_file():
        return "eml", text
    raise UsageError(f"cannot read mail from {text!r}", "give imap, maildir:PATH, mbox:PATH or FILE.eml (repeatable)")


def read_mbox(path: Path) -> Iterator[RawMessage]:
    if not path.is_file():
        raise UsageError(f"no mbox file {path}", "check the path after mbox:")
    box = mailbox.mbox(str(path), create=False)
    try:
        for n, key in enumerate(box.iterkeys(), 1):
            data = box.get_file(key, from_=True).read()
            from_line, _, raw = data.partition(b"\n")
            yield RawMessage(raw, f"mbox {path.name} #{n}", _from_line_date(from_line))
    finally:
        box.close()


def _from_line_date(line: bytes) -> datetime | None:
    """The date of an mbox ``From sender Mon Nov 23 10:00:00 2026`` line."""
    parts = line.decode("ascii", "replace").split(None, 2)
    if len(parts) < 3:
        return None
    try:
        d = datetime.strptime(" ".join(parts[2].split()[:5]), "%a %b %d %H:%M:%S %Y")
    except ValueError:
        return None
    return d.replace(tzinfo=timezone.utc)


def read_maildir(path: Path) -> Iterator[RawMessage]:
    """The messages of a Maildir (new/ and cur/), in key order."""
    if not (path / "cur").is_dir() and not (path / "new").is_dir():
        raise UsageError(f"{path} is not a Maildir (no cur/ or new/ folder)", "check the path after maildir:")
    box = mailbox.Maildir(str(path), factory=None, create=False)
    for key in sorted(box.iterkeys()):
        try:
            raw = box.get_bytes(key)
        except (KeyError, OSError):  # moved by a mail client while we read
            continue
        yield RawMessage(raw, f"maildir {path.name} {key}")


def read_eml(paths: list[Path]) -> Iterator[RawMessage]:
    for p in paths:
        try:
            raw = p.read_bytes()
        except OSError as exc:
            raise UsageError(f"cannot read {p}: {exc.strerror}", "check the path") from None
        yield RawMessage(raw, p.name, datetime.fromtimestamp(p.stat().st_mtime, timezone.utc))


# -- IMAP ------------------------------------------------------------------


@dataclass
class ImapState:
    """Where the last fetch stopped in a folder (UIDs are only meaningful
    with the folder's UIDVALIDITY)."""

    uidvalidity: int | None = None
    last_uid: int = 0
    seen: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"uidvalidity": self.uidvalidity, "last_uid": self.last_uid}


class ImapReader:
    """Reads new messages of one folder; read-only unless ``mark_read``."""

    def __init__(self, settings: ServerSettings, password: str | None, folder: str = "INBOX"):
        self.settings = settings
        self.folder = folder
        self._password = password
        self.client = None

    def open(self) -> ImapReader:
        from imapclient import IMAPClient
        from imapclient.exceptions import LoginError

        s = self.settings
        s.check()
        try:
            ctx = tls_context(s.cafile) if s.security != "none" else None
            self.client = IMAPClient(s.host, port=s.port, ssl=s.security == "ssl", ssl_context=ctx, timeout=s.timeout)
            if s.security == "starttls":
                self.client.starttls(ctx)
            self.client.login(s.user or "", self._password or "")
        except LoginError as exc:
            self.close()
            raise MailError(
                f"{s.host}:{s.port} refused the login for {s.user}: {_text(exc)}",
                "check imap.user and the password (FOI_IMAP_PASSWORD or imap.password_command)",
                stage="auth",
            ) from None
        except Exception as exc:
            self.close()
            raise _imap_error(exc, s) from None
        finally:
            self._password = None
        return self

    def messages(self, state: ImapState, mark_read: bool = False) -> Iterator[RawMessage]:
        """The messages after ``state`` (updated as they are read)."""
        c = self.client
        try:
            info = c.select_folder(self.folder, readonly=not mark_read)
        except Exception as exc:
            raise MailError(f"cannot open the IMAP folder {self.folder!r}: {_text(exc)}", "check imap.folder") from None
        validity = int(info.get(b"UIDVALIDITY", 0) or 0)
        if state.uidvalidity != validity:
            state.uidvalidity, state.last_uid = validity, 0
        uids = sorted(u for u in c.search(["UID", f"{state.last_uid + 1}:*"]) if u > state.last_uid)
        for start in range(0, len(uids), IMAP_BATCH):
            batch = uids[start : start + IMAP_BATCH]
            got = c.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
            for uid in batch:
                data = got.get(uid) or {}
                raw = data.get(b"BODY[]")
                if raw is None:
                    continue
                when = data.get(b"INTERNALDATE")
                if isinstance(when, datetime) and when.tzinfo is None:
                    when = when.astimezone(timezone.utc)
                yield RawMessage(bytes(raw), f"imap {self.folder} uid {uid}", when, imap_uid=uid)
                state.last_uid = max(state.last_uid, uid)

    def append(self, folder: str, messages: list[bytes]) -> None:
        """Add messages to ``folder`` (flagged read), e.g. copies of letters sent."""
        from imapclient import SEEN

        try:
            if not self.client.folder_exists(folder):
                raise MailError(f"there is no IMAP folder {folder!r}", "check imap.sent_folder")
            for data in messages:
                self.client.append(folder, data, flags=[SEEN])
        except MailError:
            raise
        except Exception as exc:
            raise MailError(
                f"cannot add to the IMAP folder {folder!r}: {_text(exc)}", "check imap.sent_folder"
            ) from None

    def mark_read(self, uids: list[int]) -> None:
        if uids:
            from imapclient import SEEN

            self.client.add_flags(uids, [SEEN])

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.logout()
            except Exception:
                pass
            self.client = None


def _text(exc: BaseException) -> str:
    text = exc.args[0] if exc.args else exc
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())


def _imap_error(exc: BaseException, s: ServerSettings) -> MailError:
    import imaplib

    if isinstance(exc, imaplib.IMAP4.error) and "STARTTLS" in str(exc).upper():
        return MailError(f"{s.host}:{s.port} does not offer STARTTLS", "check imap.port or imap.security", stage="tls")
    if isinstance(exc, imaplib.IMAP4.error):
        return MailError(f"{s.host}:{s.port}: {_text(exc)}", "`foi mail check` tests the settings", stage="other")
    return explain_connect_error(exc, s)


def parse_date_header(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except Exception:
        return None
