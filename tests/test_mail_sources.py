"""Reading replies: Dovecot over IMAP (read-only), Maildir, mbox, .eml; broken mail."""

from __future__ import annotations

import mailbox

import mail_samples as samples
import pytest

from foi.errors import MailError
from foi.mail.parse import parse
from foi.mail.smtp import ServerSettings
from foi.mail.sources import ImapReader, ImapState, read_eml, read_maildir, read_mbox


def _imap(acct, **kw):
    return ServerSettings(acct.host, acct.port, "none", user=acct.user, service="imap", **kw)


def test_imap_reads_new_messages_only_and_never_flags(imap_account):
    for n in range(3):
        imap_account.append(samples._base(f"reply {n}").as_bytes())
    state = ImapState()
    reader = ImapReader(_imap(imap_account), imap_account.password).open()
    try:
        got = [parse(m.raw).incoming.subject for m in reader.messages(state)]
    finally:
        reader.close()
    assert got == ["reply 0", "reply 1", "reply 2"] and state.last_uid == 3
    imap_account.append(samples._base("reply 3").as_bytes())
    reader = ImapReader(_imap(imap_account), imap_account.password).open()
    try:
        assert [parse(m.raw).incoming.subject for m in reader.messages(state)] == ["reply 3"]
    finally:
        reader.close()
    c = imap_account.client()
    try:
        c.select_folder("INBOX", readonly=True)
        assert c.search("UNSEEN") == [1, 2, 3, 4]  # nothing was marked read
    finally:
        c.logout()


def test_imap_wrong_password(imap_account):
    with pytest.raises(MailError) as err:
        ImapReader(_imap(imap_account), "not-the-password").open()
    assert err.value.stage == "auth" and "not-the-password" not in str(err.value)


def test_maildir_mbox_eml(tmp_path):
    raws = [samples._base(f"m{n}").as_bytes() for n in range(3)]
    md = mailbox.Maildir(str(tmp_path / "md"))
    mb = mailbox.mbox(str(tmp_path / "box.mbox"))
    for r in raws:
        md.add(r)
        mb.add(r)
    mb.flush()
    (tmp_path / "one.eml").write_bytes(raws[0])
    subjects = lambda msgs: sorted(parse(m.raw).incoming.subject for m in msgs)  # noqa: E731
    assert subjects(read_maildir(tmp_path / "md")) == ["m0", "m1", "m2"]
    assert subjects(read_mbox(tmp_path / "box.mbox")) == ["m0", "m1", "m2"]
    assert subjects(read_eml([tmp_path / "one.eml"])) == ["m0"]


BROKEN = {
    "unknown charset": b"From: a@x.example\nSubject: s\nDate: Tue, 24 Nov 2026 10:00:00 +0000\n"
    b"Content-Type: text/plain; charset=x-klingon\n\nqapla\xff\n",
    "truncated": b"From: a@x.example\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
    b"Content-Type: text/plain\n\nhello\n--B\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\nJVBERi0x",
    "tnef": b"From: a@x.example\nSubject: s\nContent-Type: multipart/mixed; boundary=B\n\n--B\n"
    b"Content-Type: text/plain\n\nsee attached\n--B\nContent-Type: application/ms-tnef; name=winmail.dat\n"
    b"Content-Transfer-Encoding: base64\n\neJ8+IhAA\n--B--\n",
    "garbage": b"\x00\x01\x02 not mail at all",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_mail_never_raises_and_says_what_was_wrong(name):
    p = parse(BROKEN[name])
    assert p.problems, name
    if name != "garbage":
        assert p.incoming.from_addr == "a@x.example"


def test_time_zone_uk_date():
    from foi.mail.parse import parse as _p

    raw = b"From: a@x.example\nSubject: s\nDate: Tue, 31 Mar 2026 23:30:00 +0000\n\nhi\n"
    assert _p(raw).incoming.date.isoformat() == "2026-03-31T23:30:00+00:00"


@pytest.mark.parametrize("security", ["ssl", "starttls"])
def test_imap_over_tls_with_the_servers_own_certificate(imap_account, security):
    imap_account.append(samples._base("over tls").as_bytes())
    server = imap_account.server
    port = server.ssl_port if security == "ssl" else server.port
    cafile = str(server.folder / "cert.pem")
    s = ServerSettings(imap_account.host, port, security, user=imap_account.user, cafile=cafile, service="imap")
    reader = ImapReader(s, imap_account.password).open()
    try:
        assert [parse(m.raw).incoming.subject for m in reader.messages(ImapState())] == ["over tls"]
    finally:
        reader.close()
    untrusted = ServerSettings(imap_account.host, port, security, user=imap_account.user, service="imap")
    with pytest.raises(MailError) as err:
        ImapReader(untrusted, imap_account.password).open()
    assert err.value.stage == "tls" and "imap.cafile" in str(err.value)


def test_mark_read_only_when_asked(imap_account):
    imap_account.append(samples._base("one").as_bytes())
    reader = ImapReader(_imap(imap_account), imap_account.password).open()
    try:
        state = ImapState()
        uids = [m.imap_uid for m in reader.messages(state, mark_read=True)]
        reader.mark_read(uids)
    finally:
        reader.close()
    c = imap_account.client()
    try:
        c.select_folder("INBOX", readonly=True)
        assert c.search("SEEN") == uids == [1]
    finally:
        c.logout()
