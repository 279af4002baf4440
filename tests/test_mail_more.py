"""`foi mail`: passwords never written, the inbox, broken mail, time zones,
references learnt in a fetch, `foi mail check`, complaints, plus-addressing."""

from __future__ import annotations

import json
import socket
from datetime import datetime, timezone

import mail_samples as samples
import mail_setup

from foi.domain.mail.token import token_for

SMTP_SECRET = "smtp-Pa55word-7Qx"


def _request(cli, rid):
    return json.loads(cli("show", rid, "--json").stdout)["request"]


def _sent(cli, rid):
    req = _request(cli, rid)
    return token_for(req["uid"]), next(e for e in req["events"] if e["type"] == "sent")


def test_no_password_in_any_file_foi_writes(me, cli, tmp_path, smtp_server, imap_account, monkeypatch):
    ids = mail_setup.campaign(cli, tmp_path, 3)
    srv = smtp_server(starttls=True, user="alex", password=SMTP_SECRET)
    mail_setup.smtp_settings(cli, srv)
    monkeypatch.setenv("FOI_SMTP_PASSWORD", SMTP_SECRET)
    cli("mail", "check")
    cli("mail", "send", "--campaign", "hiu", "--yes")
    token, sent = _sent(cli, ids[0])
    mine = imap_account
    user, imap_secret = mine.user, mine.password  # a password made for this run ("imap-" and 16 hex digits)
    mine.append(samples.threaded(sent["message_id"], frm=sent["to"]))
    for key, value in (("host", mine.host), ("port", mine.port), ("security", "none"), ("user", user)):
        cli("config", "set", f"imap.{key}", value)
    secrets = tmp_path.parent / (tmp_path.name + "-secrets")  # the user's own file, not foi's
    secrets.mkdir()
    (secrets / "imap").write_text(imap_secret + "\n")
    cli("config", "set", "imap.password_command", f"cat {secrets / 'imap'}")
    assert len(cli.json("mail", "fetch")["filed"]) == 1
    monkeypatch.setenv("FOI_SMTP_PASSWORD", SMTP_SECRET + "-wrong")
    bad = cli("mail", "send", ids[0], "--yes", ok=False)  # nothing to send; no login attempted
    assert SMTP_SECRET not in bad.stderr
    r = cli("config", "set", "smtp.password", SMTP_SECRET, ok=False)
    assert r.exit_code == 2
    written = [p for p in tmp_path.rglob("*") if p.is_file() and "smtp-cert" not in str(p)]
    assert any(p.name == "foi.json" for p in written) and any(p.name == "config.json" for p in written)
    for p in written:
        data = p.read_bytes()
        assert SMTP_SECRET.encode() not in data and imap_secret.encode() not in data, p


def test_inbox_assign_and_ignore(me, cli, tmp_path):
    mail_setup.campaign(cli, tmp_path, 2)
    cli("send", "1-2")
    when = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)
    guessable = samples._base(
        "Re: Crisis team staffing figures", frm=samples.AUTH.replace("trust", "trust01"), date=when
    )
    (tmp_path / "a.eml").write_bytes(guessable.as_bytes())
    (tmp_path / "b.eml").write_bytes(samples.unmatched(date=when))
    got = cli.json("mail", "fetch", "--from", tmp_path / "a.eml", "--from", tmp_path / "b.eml")
    assert got["filed"] == [] and len(got["inbox"]) == 2
    shown = cli("mail", "inbox").stdout
    assert "request 1?" in shown and "newsletter" not in shown
    first = cli.json("mail", "inbox")[0]
    cli("mail", "assign", first["id"], 1)
    assert [e["type"] for e in _request(cli, 1)["events"] if e.get("hash")] == ["message"]
    other = cli.json("mail", "inbox", "--all")[0]
    cli("mail", "ignore", other["id"])
    assert cli.json("mail", "inbox", "--all") == []
    again = cli.json("mail", "fetch", "--from", tmp_path / "a.eml", "--from", tmp_path / "b.eml")
    assert again["filed"] == [] and again["inbox"] == [] and again["duplicates"] == 2
    r = cli("mail", "assign", first["id"], 2, ok=False)
    assert r.exit_code != 0 and "already filed" in r.stderr


def test_broken_mail_is_kept_raw_and_the_fetch_succeeds(me, cli, tmp_path):
    from test_mail_sources import BROKEN

    for name, raw in BROKEN.items():
        (tmp_path / f"{name}.eml").write_bytes(raw)
    args = [x for name in BROKEN for x in ("--from", tmp_path / f"{name}.eml")]
    r = cli("mail", "fetch", *args)
    assert r.exit_code == 0 and "4 messages could not be fully read" in r.stderr
    entries = cli.json("mail", "inbox", "--all")
    assert len(entries) == 4 and all(e["problems"] and e["raw_sha256"] for e in entries)
    folder = tmp_path / "store" / "messages"
    for e in entries:
        kept = folder / (e["raw_sha256"] + ".eml")
        assert kept.read_bytes() in BROKEN.values() and (kept.stat().st_mode & 0o777) == 0o600


def test_uk_date_and_reference_learnt_in_the_same_fetch(me, cli, tmp_path):
    mail_setup.campaign(cli, tmp_path, 2)
    cli("send", "1-2", "--on", "2026-03-30")
    token, _ = _sent(cli, 1)
    late = datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc)  # 00:30 on 1 April in BST
    ack = samples.acknowledgement(token, ref="FOI/2026/0881", frm="foi@trust01.nhs.example", date=late)
    later = samples._base("Your request FOI/2026/0881: our response", frm="foi@trust01.nhs.example")
    (tmp_path / "later.eml").write_bytes(later.as_bytes())
    (tmp_path / "ack.eml").write_bytes(ack)
    cli(
        "mail", "fetch", "--from", tmp_path / "later.eml", "--from", tmp_path / "ack.eml"
    )  # date order, not given order
    got = [(e["type"], e["date"], e.get("how")) for e in _request(cli, 1)["events"] if e.get("hash")]
    # the reply's Date (24 Nov) is after the replayed today (23 Nov): a fast clock is taken as today
    assert got == [("acknowledged", "2026-04-01", "token"), ("message", "2026-11-23", "reference")]


def test_same_message_id_different_content_both_kept(me, cli, tmp_path):
    mail_setup.campaign(cli, tmp_path, 1)
    cli("send", "1")
    token, _ = _sent(cli, 1)
    one = samples._base(f"First [foi {token}]", mid="<same@x.example>", body="one\n").as_bytes()
    two = samples._base(f"Second [foi {token}]", mid="<same@x.example>", body="two\n").as_bytes()
    (tmp_path / "1.eml").write_bytes(one)
    (tmp_path / "2.eml").write_bytes(two)
    got = cli.json("mail", "fetch", "--from", tmp_path / "1.eml", "--from", tmp_path / "2.eml")
    assert len(got["filed"]) == 2


def test_mail_check_names_what_failed(me, cli, smtp_server, monkeypatch):
    srv = smtp_server(starttls=True, user="alex", password="right")
    mail_setup.smtp_settings(cli, srv)
    monkeypatch.setenv("FOI_SMTP_PASSWORD", "right")
    assert "ok" in cli("mail", "check").stdout
    monkeypatch.setenv("FOI_SMTP_PASSWORD", "wrong")
    assert "auth:" in cli("mail", "check", ok=False).stdout
    cli("config", "unset", "smtp.cafile")
    assert "tls:" in cli("mail", "check", ok=False).stdout
    from servers.smtp import free_port

    cli("config", "set", "smtp.port", free_port())
    assert "refused:" in cli("mail", "check", ok=False).stdout


def test_dns_failure_is_named():
    from foi.mail.server import ServerSettings
    from foi.mail.smtp import explain_connect_error

    err = explain_connect_error(socket.gaierror(-2, "Name or service not known"), ServerSettings("smtp.nowhere", 587))
    assert err.stage == "dns" and "smtp.nowhere" in str(err) and "smtp.host" in str(err)


def test_complaint_goes_to_the_regulator_and_plus_addressing(me, cli, tmp_path, smtp_server):
    mail_setup.campaign(cli, tmp_path, 1)
    srv = smtp_server()
    mail_setup.smtp_settings(cli, srv)
    cli("config", "set", "mail.plus_addressing", "yes")
    cli("mail", "send", "1", "--yes")
    token, _ = _sent(cli, 1)
    assert srv.accepted[0].mail_from == f"alex+foi-{token}@example.org"
    assert f"alex+foi-{token}@example.org" in srv.accepted[0].message["From"]
    cli("log", "1", "response", "--outcome", "refused", "--exemption", "s40(2)")
    cli("review", "1", "--grounds", "The exemption does not apply.")
    cli("mail", "send", "1", "--yes")
    assert srv.accepted[-1].rcpt_tos == ["foi@trust01.nhs.example"]
    cli("log", "1", "review-response", "--outcome", "upheld")
    cli("complain", "1")
    r = cli("mail", "send", "1", "--yes", ok=False)
    assert "icocasework@ico.org.uk" in r.stderr and "unverified" in r.stderr
    cli("config", "set", "mail.ico_address", "casework@ico.example")
    cli("mail", "send", "1", "--yes")
    assert srv.accepted[-1].rcpt_tos == ["casework@ico.example"]
    assert [e["type"] for e in _request(cli, 1)["events"]][-1] == "complaint"


def test_copy_in_the_imap_sent_folder(me, cli, tmp_path, smtp_server, imap_account, monkeypatch):
    mail_setup.campaign(cli, tmp_path, 2)
    mail_setup.smtp_settings(cli, smtp_server())
    c = imap_account.client()
    c.create_folder("Sent")
    c.logout()
    for key, value in (("host", imap_account.host), ("port", imap_account.port), ("security", "none")):
        cli("config", "set", f"imap.{key}", value)
    cli("config", "set", "imap.user", imap_account.user)
    cli("config", "set", "imap.sent_folder", "Sent")
    monkeypatch.setenv("FOI_IMAP_PASSWORD", imap_account.password)
    cli("mail", "send", "--campaign", "hiu", "--yes")
    c = imap_account.client()
    try:
        c.select_folder("Sent", readonly=True)
        assert len(c.search("SEEN")) == 2
    finally:
        c.logout()
    cli("config", "set", "imap.sent_folder", "Nowhere")
    cli("draft", "-t", "foi", "--to", "trust-01", "--subject", "Beds", "--var", "questions=How many beds?")
    r = cli("mail", "send", "3", "--yes")
    assert "no copy was put in your Sent folder" in r.stderr


def test_two_members_inboxes_and_mailbox_places_merge_without_conflict():
    from foi.domain.merge import merge_stores

    def entry(h, subject):
        return {"hash": h, "message_id": f"{h}@x", "subject": subject, "status": "new"}

    base = {"inbox": {"1": entry("a", "shared")}, "mail": {"1": {}}}
    ours = {
        "inbox": {"1": entry("a", "shared"), "2": entry("b", "mine")},
        "mail": {"1": {"imap alex@h:993/INBOX": {"last_uid": 4}}},
    }
    theirs = {
        "inbox": {"1": {**entry("a", "shared"), "status": "ignored"}, "2": entry("c", "theirs")},
        "mail": {"1": {"imap sam@h:993/INBOX": {"last_uid": 9}}},
    }
    result = merge_stores(base, ours, theirs)
    inbox = result.data["inbox"]
    assert sorted((e["subject"], e["status"]) for e in inbox.values()) == [
        ("mine", "new"),
        ("shared", "ignored"),
        ("theirs", "new"),
    ]
    assert set(result.data["mail"]["1"]) == {"imap alex@h:993/INBOX", "imap sam@h:993/INBOX"}
    assert not [c for c in result.conflicts if c]
