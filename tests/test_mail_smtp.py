"""Composing and sending against a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from foi.errors import MailError
from foi.mail.compose import Outgoing, build, flowed, new_message_id, split_letter, to_bytes, unflow
from foi.mail.smtp import MAYBE_SENT, NOT_SENT, SENT, ServerSettings, SmtpConnection

UID = "01JDQ7X8K4M2N3P5Q6R7S8T9VW"
LONG = "Under section 11(1)(a) of the Act, my preference is to receive the information in electronic form, by email. Ça va — £5."


def _letter(n=1):
    return Outgoing(
        n,
        UID,
        "foi@trust.example",
        "Freedom of Information request - Crisis",
        f"Dear team,\n\n{LONG}\n\n>quoted\nFrom here\n",
    )


def _message(n=1, plus=False):
    letter = _letter(n)
    mid = new_message_id(letter.token, "alex@example.org")
    when = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
    return letter, build(
        letter, sender="alex@example.org", sender_name="Alex Jones", message_id=mid, when=when, plus_addressing=plus
    )


def test_letter_split_and_flowed_round_trip():
    assert split_letter("Subject: FOI - X\n\nDear team,\n") == ("FOI - X", "Dear team,\n")
    text = flowed(LONG + "\n>quoted\nFrom here")
    assert all(len(line) <= 78 for line in text.split("\n"))
    assert unflow(text) == LONG + "\n>quoted\nFrom here"


def test_message_headers_and_body():
    letter, msg = _message(plus=True)
    assert msg["To"] == "foi@trust.example"
    assert msg["Subject"] == f"Freedom of Information request - Crisis [foi {letter.token}]"
    assert f"alex+foi-{letter.token}@example.org" in msg["From"]
    assert msg["Message-ID"].startswith("<") and letter.token in msg["Message-ID"]
    assert msg.get_content_type() == "text/plain" and msg.get_param("format") == "flowed"
    assert msg.get_content_charset() == "utf-8"
    raw = to_bytes(msg)
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))


def _plain(srv):
    return ServerSettings(srv.host, srv.port, security="none")


def test_send_over_starttls_with_login(smtp_server):
    srv = smtp_server(starttls=True, user="alex", password="right")
    s = ServerSettings(srv.host, srv.port, "starttls", user="alex", cafile=str(srv.cafile))
    letter, msg = _message()
    with SmtpConnection(s, "right").open() as conn:
        out = conn.send("alex@example.org", letter.to, to_bytes(msg))
    assert out.status == SENT
    got = srv.accepted[0].message
    assert got["Message-ID"] == msg["Message-ID"] and srv.accepted[0].rcpt_tos == [letter.to]
    assert unflow(got.get_content()).rstrip("\n") == letter.body.rstrip("\n")


def test_wrong_password_is_an_auth_error_without_the_password(smtp_server):
    srv = smtp_server(starttls=True, user="alex", password="right")
    s = ServerSettings(srv.host, srv.port, "starttls", user="alex", cafile=str(srv.cafile))
    with pytest.raises(MailError) as err:
        SmtpConnection(s, "hunter2-wrong").open()
    assert err.value.stage == "auth" and "hunter2" not in str(err.value)


def test_untrusted_certificate_is_a_tls_error(smtp_server):
    srv = smtp_server(starttls=True)
    with pytest.raises(MailError) as err:
        SmtpConnection(ServerSettings(srv.host, srv.port, "starttls"), None).open()
    assert err.value.stage == "tls" and "smtp.cafile" in str(err.value)


def test_refused_port(loopback):
    from servers.smtp import free_port

    with pytest.raises(MailError) as err:
        SmtpConnection(ServerSettings("127.0.0.1", free_port(), "none"), None).open()
    assert err.value.stage == "refused"


def test_unencrypted_only_to_loopback():
    with pytest.raises(MailError, match="unencrypted"):
        ServerSettings("smtp.example.org", 25, "none").check()


def test_outcomes_drop_before_data_and_after_data(smtp_server):
    srv = smtp_server(drop_after=1)
    with SmtpConnection(_plain(srv), None).open() as conn:
        assert conn.send("a@example.org", "b@example.org", to_bytes(_message(1)[1])).status == SENT
        assert conn.send("a@example.org", "b@example.org", to_bytes(_message(2)[1])).status == NOT_SENT
    srv = smtp_server(swallow_after=0)
    with SmtpConnection(_plain(srv), None).open() as conn:
        out = conn.send("a@example.org", "b@example.org", to_bytes(_message(1)[1]))
    assert out.status == MAYBE_SENT and len(srv.swallowed) == 1


def test_error_reply_is_not_sent(smtp_server):
    srv = smtp_server(reject=(1,))
    with SmtpConnection(_plain(srv), None).open() as conn:
        first = conn.send("a@example.org", "b@example.org", to_bytes(_message(1)[1]))
        second = conn.send("a@example.org", "b@example.org", to_bytes(_message(2)[1]))
    assert first.status == NOT_SENT and "554" in first.detail
    assert second.status == SENT


def test_dots_at_line_start_survive(smtp_server):
    srv = smtp_server()
    raw = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n.\r\n..two\r\nend\r\n"
    with SmtpConnection(_plain(srv), None).open() as conn:
        assert conn.send("a@example.org", "b@example.org", raw).status == SENT
    assert srv.accepted[0].data.replace(b"\r\n", b"\n").endswith(b"\n.\n..two\nend\n")


def test_an_address_smtp_cannot_carry_is_not_sent_and_the_batch_goes_on(smtp_server):
    srv = smtp_server()
    with SmtpConnection(_plain(srv), None).open() as conn:
        bad = conn.send("a@example.org", "foi@tŕust.example", to_bytes(_message(1)[1]))
        good = conn.send("a@example.org", "b@example.org", to_bytes(_message(2)[1]))
    assert bad.status == NOT_SENT and "correct the address" in bad.detail
    assert good.status == SENT
