"""`foi mail send` against a real SMTP server (aiosmtpd on 127.0.0.1)."""

from __future__ import annotations

import json

import mail_setup
import pytest

from foi.mail.compose import unflow


def _events(cli, rid):
    return json.loads(cli("show", rid, "--json").stdout)["request"]["events"]


def test_campaign_sent_with_one_command(me, cli, tmp_path, smtp_server):
    ids = mail_setup.campaign(cli, tmp_path, 5)
    srv = smtp_server()
    mail_setup.smtp_settings(cli, srv)
    dry = cli("mail", "send", "--campaign", "hiu", "--dry-run")
    assert "would be sent" in dry.stderr and not srv.accepted
    out = cli("mail", "send", "--campaign", "hiu", "--yes")
    assert len(srv.accepted) == 5, out.stderr
    by_to = {r.rcpt_tos[0]: r.message for r in srv.accepted}
    for rid in ids:
        ev = _events(cli, rid)
        sent = [e for e in ev if e["type"] == "sent"][0]
        assert sent["via"] == "email" and sent["date"] == "2026-11-23" and sent["time"].endswith("Z")
        msg = by_to[sent["to"]]
        assert msg["Message-ID"] == sent["message_id"]
        assert msg["Subject"].startswith("Freedom of Information request - Crisis team staffing [foi ")
        letter = [e for e in ev if e["type"] == "drafted"][0]["letter"]
        assert unflow(msg.get_content()).strip() == letter.split("\n", 2)[2].strip()
        assert "sending" not in [e for e in ev if e["type"] == "drafted"][0]
    again = cli("mail", "send", "--campaign", "hiu", "--yes")
    assert len(srv.accepted) == 5 and "nothing to send" in again.stderr


def test_refuses_to_prompt_without_a_terminal(me, cli, tmp_path, smtp_server):
    mail_setup.campaign(cli, tmp_path, 2)
    mail_setup.smtp_settings(cli, smtp_server())
    r = cli("mail", "send", "--campaign", "hiu", ok=False)
    assert r.exit_code == 2 and "--yes" in r.stderr


def test_missing_and_unverified_addresses(me, cli, tmp_path, smtp_server):
    srv = smtp_server()
    mail_setup.smtp_settings(cli, srv)
    cli("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--var", "questions=How many beds?")
    r = cli("mail", "send", "1", "--yes", ok=False)
    assert r.exit_code != 0 and "no email address" in r.stderr
    cli("draft", "-t", "foi", "--to", "Police Scotland", "--subject", "Beds", "--var", "questions=How many beds?")
    r = cli("mail", "send", "2", "--yes", ok=False)
    assert "unverified" in r.stderr and "--allow-unverified" in r.stderr and not srv.accepted
    cli("mail", "send", "2", "--yes", "--allow-unverified")
    assert srv.accepted[0].rcpt_tos == ["foi@scotland.pnn.police.uk"]


def test_a_letter_with_no_address_is_held_back_and_the_rest_of_the_batch_goes(me, cli, tmp_path, smtp_server):
    ids = mail_setup.campaign(cli, tmp_path, 3)
    srv = smtp_server()
    mail_setup.smtp_settings(cli, srv)
    cli("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--campaign", "hiu",
        "--var", "questions=How many beds?")  # fmt: skip
    no_address = max(ids) + 1
    dry = cli("mail", "send", "--campaign", "hiu", "--dry-run")
    assert "would be sent" in dry.stderr and f"no email address: {no_address}" in dry.stderr
    assert dry.stdout.count("\n") == 3 and not srv.accepted
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert r.exit_code == 1 and len(srv.accepted) == 3
    assert "foi authorities edit" in r.stderr and f"held back 1: {no_address}" in r.stderr
    assert all(any(e["type"] == "sent" for e in _events(cli, rid)) for rid in ids)
    assert not any(e["type"] == "sent" for e in _events(cli, no_address))
    again = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)  # only the held one is left
    assert again.exit_code == 1 and len(srv.accepted) == 3


def test_server_dies_part_way_rerun_sends_only_the_rest(me, cli, tmp_path, smtp_server):
    ids = mail_setup.campaign(cli, tmp_path, 6)
    first = smtp_server(drop_after=2)
    mail_setup.smtp_settings(cli, first)
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert r.exit_code == 1 and "not sent" in r.stderr
    assert len(first.accepted) == 2
    second = smtp_server()
    mail_setup.smtp_settings(cli, second)
    cli("mail", "send", "--campaign", "hiu", "--yes")
    got = [m.rcpt_tos[0] for m in first.accepted + second.accepted]
    assert len(got) == 6 == len(set(got))  # every letter once, none twice
    assert all(any(e["type"] == "sent" for e in _events(cli, rid)) for rid in ids)


def test_drop_after_data_is_may_have_been_sent_never_resent_silently(me, cli, tmp_path, smtp_server):
    mail_setup.campaign(cli, tmp_path, 3)
    srv = smtp_server(swallow_after=1)
    mail_setup.smtp_settings(cli, srv)
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert "may have been sent" in r.stderr and len(srv.accepted) == 1 and len(srv.swallowed) == 1
    maybe_to = srv.swallowed[0].rcpt_tos[0]
    fresh = smtp_server()
    mail_setup.smtp_settings(cli, fresh)
    r = cli("mail", "send", "--campaign", "hiu", "--yes")
    assert "may have been sent: check your Sent folder" in r.stderr
    assert maybe_to not in [m.rcpt_tos[0] for m in fresh.accepted] and len(fresh.accepted) == 1
    maybe_id = next(x["id"] for x in cli.json("list") if x.get("stage") == "draft")
    cli("mail", "send", str(maybe_id), "--yes", "--resend")
    assert fresh.accepted[-1].rcpt_tos == [maybe_to]
    sent = [e for e in _events(cli, maybe_id) if e["type"] == "sent"][0]
    assert sent.get("earlier_message_ids")  # a reply to the first attempt still finds its request


def test_error_reply_leaves_it_unsent_for_the_next_run(me, cli, tmp_path, smtp_server):
    mail_setup.campaign(cli, tmp_path, 3)
    srv = smtp_server(reject=(2,))
    mail_setup.smtp_settings(cli, srv)
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert "554" in r.stderr and len(srv.accepted) == 2
    cli("mail", "send", "--campaign", "hiu", "--yes")
    assert len(srv.accepted) == 3


@pytest.mark.parametrize("wrong", ["password", "port"])
def test_connection_problems_send_nothing_and_mark_nothing(me, cli, tmp_path, smtp_server, monkeypatch, wrong):
    mail_setup.campaign(cli, tmp_path, 2)
    srv = smtp_server(starttls=True, user="alex", password="right")
    mail_setup.smtp_settings(cli, srv)
    monkeypatch.setenv("FOI_SMTP_PASSWORD", "s3cret-wrong" if wrong == "password" else "right")
    if wrong == "port":
        from servers.smtp import free_port

        cli("config", "set", "smtp.port", str(free_port()))
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert r.exit_code == 1 and ("refused the login" if wrong == "password" else "refused the connection") in r.stderr
    assert "s3cret" not in r.stderr + r.stdout
    assert all("sending" not in e for x in cli.json("list") for e in _events(cli, x["id"]))


def test_foi_killed_mid_batch_rerun_sends_only_the_rest(me, cli, tmp_path, smtp_server):
    """SIGKILL while the server holds a letter's data unanswered: the next run
    reports that one as may-have-been-sent and sends the rest, none twice."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    mail_setup.campaign(cli, tmp_path, 5)
    hanging = smtp_server(hang_after=2)
    mail_setup.smtp_settings(cli, hanging)
    foi = Path(sys.executable).with_name("foi")
    proc = subprocess.Popen([str(foi), "mail", "send", "--campaign", "hiu", "--yes"], stderr=subprocess.PIPE)
    try:
        assert hanging.hung.wait(30), "the third letter never reached the server"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    first = [m.rcpt_tos[0] for m in hanging.accepted]
    in_doubt = hanging.swallowed[0].rcpt_tos[0]
    fresh = smtp_server()
    mail_setup.smtp_settings(cli, fresh)
    r = cli("mail", "send", "--campaign", "hiu", "--yes")
    assert "may have been sent: check your Sent folder" in r.stderr
    second = [m.rcpt_tos[0] for m in fresh.accepted]
    assert len(first) == 2 and len(second) == 2
    assert sorted(first + second + [in_doubt]) == sorted({*first, *second, in_doubt})  # none twice
    assert in_doubt not in second


def test_done_when_47_letters_one_command_server_killed_part_way(me, cli, tmp_path, smtp_server):
    """Issue 17's "Done when": 47 letters with one command; the server dies
    after 20; the same command again sends only the other 27, none twice;
    every message has the right recipient, subject and body."""
    ids = mail_setup.campaign(cli, tmp_path, 47)
    assert len(ids) == 47
    dying = smtp_server(drop_after=20)
    mail_setup.smtp_settings(cli, dying)
    r = cli("mail", "send", "--campaign", "hiu", "--yes", ok=False)
    assert r.exit_code == 1 and "not sent 27" in r.stderr
    fresh = smtp_server()
    mail_setup.smtp_settings(cli, fresh)
    cli("mail", "send", "--campaign", "hiu", "--yes")
    got = dying.accepted + fresh.accepted
    assert len(got) == 47 and len(dying.accepted) == 20
    by_to = {m.rcpt_tos[0]: m.message for m in got}
    assert len(by_to) == 47  # none twice
    for rid in ids:
        req = json.loads(cli("show", rid, "--json").stdout)["request"]
        msg = by_to[req["to_email"]]
        assert msg["To"] == req["to_email"]
        letter = next(e for e in req["events"] if e["type"] == "drafted")["letter"]
        subject_line, _, body = letter.partition("\n")
        assert msg["Subject"].startswith(subject_line.removeprefix("Subject: ") + " [foi ")
        assert unflow(msg.get_content()).strip() == body.strip()


def test_a_letter_in_another_members_name_warns_where_the_answer_will_go(me, cli, tmp_path, smtp_server):
    ids = mail_setup.campaign(cli, tmp_path, 2)  # drafted by Alex: the letters ask for the answer at alex@
    srv = smtp_server()
    mail_setup.smtp_settings(cli, srv)
    cli("config", "set", "name", "Sam Lee")  # Sam sends them from the coalition's shared store
    cli("config", "set", "email", "sam@example.org")
    dry = cli("mail", "send", "--campaign", "hiu", "--dry-run", "--allow-unverified")
    expected = f"2 letters ({ids[0]}, {ids[1]}) ask for the answer at Alex Jones <alex@example.org>"
    assert expected in dry.stderr and "go from sam@example.org" in dry.stderr and not srv.accepted
    out = cli("mail", "send", "--campaign", "hiu", "--yes", "--allow-unverified")
    assert len(srv.accepted) == 2 and expected in out.stderr  # a warning: the letters still go
    assert {r.message["From"].addresses[0].username.split("+")[0] for r in srv.accepted} == {"sam"}
    cli("config", "set", "email", "alex@example.org")  # Alex's own letters from Alex's address: no warning
    cli("draft", "-t", "foi", "--to", "Police Scotland", "--subject", "Beds", "--var", "questions=How many beds?")
    mine = cli("mail", "send", str(max(ids) + 1), "--dry-run", "--allow-unverified")
    assert "ask for the answer at" not in mine.stderr
