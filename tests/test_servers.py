"""The test servers themselves: what the mail tests rely on."""

from __future__ import annotations

import smtplib
import socket
import ssl
from email.message import EmailMessage

import pytest


def _msg(n: int = 1) -> EmailMessage:
    m = EmailMessage()
    m["From"] = "alex@example.org"
    m["To"] = "foi@authority.example"
    m["Subject"] = f"test {n}"
    m.set_content("hello\n")
    return m


def test_network_stays_blocked_without_the_fixture():
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9))


def test_loopback_only(loopback):
    with pytest.raises(AssertionError, match=r"only 127\.0\.0\.1"):
        socket.create_connection(("192.0.2.1", 25))


def test_plain_server_receives(smtp_server):
    srv = smtp_server()
    with smtplib.SMTP(srv.host, srv.port, timeout=5) as s:
        s.send_message(_msg())
    assert [r.message["Subject"] for r in srv.accepted] == ["test 1"]


def test_starttls_and_auth(smtp_server):
    srv = smtp_server(starttls=True, user="alex", password="right")
    ctx = ssl.create_default_context(cafile=str(srv.cafile))
    with smtplib.SMTP(srv.host, srv.port, timeout=5) as s:
        s.starttls(context=ctx)
        s.login("alex", "right")
        s.send_message(_msg())
    assert len(srv.accepted) == 1
    with smtplib.SMTP(srv.host, srv.port, timeout=5) as s:
        s.starttls(context=ctx)
        with pytest.raises(smtplib.SMTPAuthenticationError):
            s.login("alex", "wrong")


def test_drop_after_refuses_the_rest(smtp_server):
    srv = smtp_server(drop_after=1)
    with smtplib.SMTP(srv.host, srv.port, timeout=5) as s:
        s.send_message(_msg(1))
        with pytest.raises(smtplib.SMTPServerDisconnected):
            s.send_message(_msg(2))
    with pytest.raises(ConnectionRefusedError):
        smtplib.SMTP(srv.host, srv.port, timeout=5)
    assert len(srv.accepted) == 1 and not srv.swallowed


def test_swallow_after_data(smtp_server):
    srv = smtp_server(swallow_after=0)
    s = smtplib.SMTP(srv.host, srv.port, timeout=5)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        s.send_message(_msg())
    assert len(srv.swallowed) == 1 and not srv.accepted


def test_dovecot_append_and_read(imap_account):
    c = imap_account.client()
    try:
        c.append("INBOX", _msg().as_bytes())
        c.select_folder("INBOX", readonly=True)
        assert len(c.search("ALL")) == 1
    finally:
        c.logout()
