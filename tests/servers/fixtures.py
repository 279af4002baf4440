"""Pytest fixtures for the real mail servers (imported by tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from .dovecot import Dovecot, start_dovecot
from .net import allow_loopback
from .smtp import SmtpServer, start_smtp


@pytest.fixture
def loopback(monkeypatch):
    """Connections to 127.0.0.1 are allowed in this test (and only those)."""
    allow_loopback(monkeypatch)


@pytest.fixture(scope="session")
def _cert_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("smtp-cert")


@pytest.fixture
def smtp_server(loopback, _cert_folder):
    """Start an SMTP server: ``smtp_server(starttls=True, user="u", password="p", drop_after=3)``."""
    started: list[SmtpServer] = []
    certs = _cert_folder

    def start(**options) -> SmtpServer:
        server = start_smtp(certs, **options)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def dovecot_server():
    server = start_dovecot()
    yield server
    server.stop()


@dataclass
class ImapAccount:
    host: str
    port: int
    user: str
    password: str
    server: Dovecot

    def client(self):
        """An IMAPClient logged in to this account (the test closes it)."""
        from imapclient import IMAPClient

        c = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        c.login(self.user, self.password)
        return c

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        c = self.client()
        try:
            if not c.folder_exists(folder):
                c.create_folder(folder)
            c.append(folder, raw)
        finally:
            c.logout()


@pytest.fixture
def imap_account(loopback, dovecot_server) -> ImapAccount:
    """An empty mailbox of its own on the session's Dovecot."""
    try:
        import imapclient  # noqa: F401
    except ImportError:  # pragma: no cover - depends on the machine
        pytest.fail("the IMAP tests need imapclient: pip install -e '.[test]' (it is in the test extras)")
    user, password = dovecot_server.add_user()
    return ImapAccount(dovecot_server.host, dovecot_server.port, user, password, dovecot_server)
