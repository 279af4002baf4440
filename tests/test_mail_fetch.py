"""`foi mail fetch`: six kinds of replies, from Dovecot, a Maildir and an mbox,
each filed correctly; a second fetch records nothing; `foi overdue` shows the
replies to read (issue 17's "Done when")."""

from __future__ import annotations

import json
import mailbox
from datetime import datetime, timezone

import mail_samples as samples
import mail_setup
import pytest

from foi.domain.mail.token import token_for

WHEN = datetime(2026, 11, 23, 15, 0, tzinfo=timezone.utc)


def _request(cli, rid):
    return json.loads(cli("show", rid, "--json").stdout)["request"]


@pytest.fixture
def sent_campaign(me, cli, tmp_path, smtp_server):
    """Five letters emailed to a local server: {id: (token, Message-ID)}."""
    ids = mail_setup.campaign(cli, tmp_path, 5)
    mail_setup.smtp_settings(cli, smtp_server())
    cli("mail", "send", "--campaign", "hiu", "--yes")
    out = {}
    for rid in ids:
        req = _request(cli, rid)
        sent = next(e for e in req["events"] if e["type"] == "sent")
        out[rid] = (token_for(req["uid"]), sent["message_id"], sent["to"])
    return out


def six_replies(sent) -> dict[str, bytes]:
    (a, b, c, d, e) = sorted(sent)
    return {
        "threaded": samples.threaded(sent[a][1], frm=sent[a][2], date=WHEN),
        "plus": samples.plus_addressed(sent[b][0], frm=sent[b][2], date=WHEN),
        "marker": samples.subject_marker(sent[c][0], frm=sent[c][2], date=WHEN),
        "ack": samples.acknowledgement(sent[d][0], ref="FOI-881", frm=sent[d][2], date=WHEN),
        "bounce": samples.bounce(sent[e][1], failed=sent[e][2], date=WHEN),
        "unmatched": samples.unmatched(date=WHEN),
    }


def _check_filed(cli, sent):
    (a, b, c, d, e) = sorted(sent)
    kinds = {rid: [(x["type"], x.get("kind")) for x in _request(cli, rid)["events"] if x.get("hash")] for rid in sent}
    assert kinds[a] == [("message", "reply")]
    assert kinds[b] == [("message", "reply")]
    assert kinds[c] == [("message", "reply")]
    assert kinds[d] == [("acknowledged", "acknowledgement")]
    assert kinds[e] == [("bounced", None)]
    ack = next(x for x in _request(cli, d)["events"] if x["type"] == "acknowledged")
    assert ack["ref"] == "FOI-881" and ack["date"] == "2026-11-23"
    bounced = next(x for x in _request(cli, e)["events"] if x["type"] == "bounced")
    assert bounced["address"] == sent[e][2] and bounced["permanent"] is True
    inbox = cli.json("mail", "inbox", "--all")
    assert [m["subject"] for m in inbox] == ["Our winter newsletter"]


def _fetch_twice_and_overdue(cli, sent, *source):
    first = cli.json("mail", "fetch", *source)
    assert first["read"] == 6 and len(first["filed"]) == 5 and len(first["inbox"]) == 1
    _check_filed(cli, sent)
    doctor = cli("doctor")  # every message file referred to and present
    assert "no problems found" in doctor.stdout + doctor.stderr
    again = cli.json("mail", "fetch", *source)
    assert again["filed"] == [] and again["inbox"] == []
    _check_filed(cli, sent)
    overdue = cli("overdue").stdout
    (a, b, c, *_rest) = sorted(sent)
    assert overdue.index("Replies to read (3)") < overdue.index("Letters that bounced (1)")
    assert overdue.split("\n")[2] == "Replies to read (3)"  # first, right after the heading
    for rid in (a, b, c):
        assert f"read it with `foi show {rid}`, then `foi respond {rid} ...`" in overdue


def test_from_dovecot(sent_campaign, cli, imap_account, monkeypatch):
    for raw in six_replies(sent_campaign).values():
        imap_account.append(raw)
    cli("config", "set", "imap.host", imap_account.host)
    cli("config", "set", "imap.port", str(imap_account.port))
    cli("config", "set", "imap.security", "none")
    cli("config", "set", "imap.user", imap_account.user)
    monkeypatch.setenv("FOI_IMAP_PASSWORD", imap_account.password)
    _fetch_twice_and_overdue(cli, sent_campaign)
    c = imap_account.client()
    try:
        c.select_folder("INBOX", readonly=True)
        assert len(c.search("UNSEEN")) == 6  # read-only: nothing flagged, moved or deleted
    finally:
        c.logout()


def test_from_maildir(sent_campaign, cli, tmp_path):
    box = mailbox.Maildir(str(tmp_path / "Maildir"))
    for raw in six_replies(sent_campaign).values():
        box.add(raw)
    _fetch_twice_and_overdue(cli, sent_campaign, "--from", f"maildir:{tmp_path / 'Maildir'}")


def test_from_mbox(sent_campaign, cli, tmp_path):
    box = mailbox.mbox(str(tmp_path / "replies.mbox"))
    for raw in six_replies(sent_campaign).values():
        box.add(raw)
    box.flush()
    _fetch_twice_and_overdue(cli, sent_campaign, "--from", f"mbox:{tmp_path / 'replies.mbox'}")


def test_quiet_reminder_names_the_replies_to_read(sent_campaign, cli, tmp_path):
    """Issue 13: `foi overdue --quiet` prints only what needs action today,
    one line per campaign and step; replies to read are such a step."""
    box = mailbox.mbox(str(tmp_path / "replies.mbox"))
    for raw in six_replies(sent_campaign).values():
        box.add(raw)
    box.flush()
    cli("mail", "fetch", "--from", f"mbox:{tmp_path / 'replies.mbox'}")
    (a, b, c, _d, e) = sorted(sent_campaign)
    r = cli("overdue", "--quiet", "--exit-code", ok=False)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"hiu: 3 replies to read -> foi show {a} (then {b} {c})",
        f"hiu: 1 letter bounced -> foi show {e}",
    ]
