"""`foi draft`, `foi send`, `foi respond`, `foi log`: the life of a request."""

from __future__ import annotations

import json

import pytest


def store_bytes(path):
    return path.read_bytes() if path.exists() else None


def test_draft_needs_name_and_leaves_store_untouched(cli, store_path):
    r = cli("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Staffing", ok=False)
    assert r.exit_code == 1
    assert "your name is not set" in r.stderr
    assert "foi config set name" in r.stderr
    assert r.stderr.count("\n") == 1
    assert not store_path.exists()


def test_draft_one_prints_letter_and_due_date(me):
    r = me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Crisis team staffing")
    assert "Oxford Health NHS Foundation Trust" in r.stdout
    assert "Freedom of Information Act 2000" in r.stdout
    assert "Alex Jones" in r.stdout
    # drafted on Mon 23 Nov 2026: 20 FOIA working days, 30 Nov (St Andrew's Day) skipped
    assert "if sent today, due Tue 22 Dec 2026" in r.stderr
    assert "(id 1)" in r.stderr


def test_draft_to_a_body_with_no_address_says_why_and_where_to_look(me):
    # the shipped note says why the address is missing and which page to read (data/README.md)
    r = me("draft", "-t", "hiu-scheme", "--to", "birmingham-and-solihull-mental-health-nhs-foundation-trust", "-s", "x")
    assert "no FOI email known; find it on https://www.whatdotheyknow.com/new/" in r.stderr
    assert "(No address in the copy of its FOI page we read" in r.stderr
    assert "see http://www.bsmhft.nhs.uk/about-us/foi/, read 2026-11-30)" in r.stderr


def test_draft_to_scottish_body_uses_foisa(me):
    r = me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "Stop and search", "--json")
    [row] = json.loads(r.stdout)
    assert row["regime"] == "foisa"
    assert "Freedom of Information (Scotland) Act 2002" in row["letter"]
    assert "Freedom of Information Act 2000" not in row["letter"]
    # FOISA: Scottish calendar; 30 Nov (St Andrew's Day) skipped -> Tue 22 Dec 2026
    assert row["due_if_sent_today"] == "2026-12-22"


def test_batch_draft_to_every_mental_health_trust(me, store_path):
    r = me(
        "draft",
        "-t",
        "hiu-scheme",
        "--kind",
        "mental_health_trust",
        "--campaign",
        "hiu",
        "-s",
        "Police in care plans",
        "--json",
    )
    rows = json.loads(r.stdout)
    assert len(rows) == 47
    assert [row["id"] for row in rows] == list(range(1, 48))
    assert all(row["regime"] == "foia" for row in rows)
    listed = me.json("list", "--campaign", "hiu")
    assert len(listed) == 47 and {v["stage"] for v in listed} == {"draft"}


def test_duplicate_draft_refused_unless_allowed(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Staffing", "-c", "x")
    before = store_bytes(store_path)
    r = me("draft", "-t", "hiu-scheme", "--to", "oxford health", "-s", "staffing", "-c", "x", ok=False)
    assert r.exit_code == 2
    assert "already has a request" in r.stderr and "--allow-duplicate" in r.stderr
    assert store_bytes(store_path) == before
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Staffing", "-c", "x", "--allow-duplicate")
    assert len(me.json("list")) == 2


def test_ambiguous_authority_lists_candidates_and_changes_nothing(me, store_path):
    before = store_bytes(store_path)
    r = me("draft", "-t", "hiu-scheme", "--to", "Police", "-s", "x", ok=False)
    assert r.exit_code == 2
    assert "matches" in r.stderr and "Police" in r.stderr
    assert store_bytes(store_path) == before


def test_unknown_authority(me, store_path):
    before = store_bytes(store_path)
    r = me("draft", "-t", "hiu-scheme", "--to", "Ministry of Magic", "-s", "x", ok=False)
    assert r.exit_code == 1
    assert "unknown authority" in r.stderr
    assert store_bytes(store_path) == before


def test_unknown_template(me, store_path):
    before = store_bytes(store_path)
    r = me("draft", "-t", "no-such-template", "--to", "Oxford Health", ok=False)
    assert r.exit_code == 1
    assert "unknown template" in r.stderr and "foi templates list" in r.stderr
    assert store_bytes(store_path) == before


def test_missing_template_variable_names_it(me, store_path, tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "mine.txt.j2").write_text(
        "{# description: mine | kind: request | regime: auto #}\nDear {{ authority.name }}, since {{ since_year }}\n"
    )
    before = store_bytes(store_path)
    r = me("--templates", tdir, "draft", "-t", "mine", "--to", "Oxford Health", "-s", "x", ok=False)
    assert r.exit_code == 1
    assert "since_year" in r.stderr and "--var since_year=" in r.stderr
    assert store_bytes(store_path) == before
    r = me("--templates", tdir, "draft", "-t", "mine", "--to", "Oxford Health", "-s", "x", "--var", "since_year=2019")
    assert "since 2019" in r.stdout


def test_draft_out_dir_writes_one_file_per_request(me, tmp_path):
    out = tmp_path / "letters"
    me("draft", "-t", "hiu-scheme", "--kind", "health_board", "-s", "Waiting times", "--out", out)
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 21  # 14 Scottish boards, 7 Welsh
    assert files[0].startswith("1-")
    assert "Scotland" in (out / next(f for f in files if f.endswith("-nhs-fife.txt"))).read_text()


def test_send_records_receipt_and_prints_due_date(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    # received Mon 6 Jul 2026 (LAW.md example): FOIA due Wed 5 Aug 2026
    r = me("send", "1", "--on", "6/7/2026")
    assert "due Wed 5 Aug 2026" in r.stdout
    [view] = me.json("list")
    assert view["stage"] == "awaiting-response"
    assert view["sent"] == "2026-07-06" and view["due"] == "2026-08-05"
    assert view["overdue"] is True  # today is 23 Nov 2026


def test_send_twice_refused(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1")
    before = store_bytes(store_path)
    r = me("send", "1", ok=False)
    assert r.exit_code == 1 and "already sent" in r.stderr
    assert store_bytes(store_path) == before


def test_send_in_the_future_refused(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    before = store_bytes(store_path)
    r = me("send", "1", "--on", "tomorrow", ok=False)
    assert r.exit_code == 1 and "in the future" in r.stderr
    assert store_bytes(store_path) == before


def test_malformed_date_is_a_usage_error(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    before = store_bytes(store_path)
    r = me("send", "1", "--on", "13/13/2026", ok=False)
    assert r.exit_code == 2
    assert "not a date" in r.stderr and r.stderr.count("\n") == 1
    assert store_bytes(store_path) == before


def test_unknown_request_id(me, store_path):
    r = me("send", "99", ok=False)
    assert r.exit_code == 1 and "no request with id 99" in r.stderr


def test_respond_with_attachment(me, store_path, tmp_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    pdf = tmp_path / "answer.pdf"
    pdf.write_bytes(b"%PDF-1.4 answer")
    r = me(
        "respond",
        "1",
        "--outcome",
        "refused",
        "--exemption",
        "s40(2)",
        "--exemption",
        "s31",
        "--ref",
        "FOI-881",
        "--on",
        "20/11/2026",
        "--file",
        pdf,
    )
    assert "refused" in r.stdout
    shown = json.loads(me("show", "1", "--json").stdout)
    response = [e for e in shown["request"]["events"] if e["type"] == "response"][0]
    assert response["exemptions"] == ["s40(2)", "s31"]
    [att] = response["attachments"]
    import hashlib

    digest = hashlib.sha256(b"%PDF-1.4 answer").hexdigest()
    assert att["sha256"] == digest and att["name"] == "answer.pdf"
    copied = store_path.parent / "attachments" / att["file"]
    assert copied.read_bytes() == b"%PDF-1.4 answer"
    assert (copied.stat().st_mode & 0o777) == 0o600
    assert shown["state"]["stage"] == "answered"
    assert shown["state"]["outcome"] == "refused"


def test_respond_before_send_refused(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    before = store_bytes(store_path)
    r = me("respond", "1", "--outcome", "granted", ok=False)
    assert r.exit_code == 1 and "foi send 1" in r.stderr
    assert store_bytes(store_path) == before


def test_event_before_previous_refused(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "10/11/2026")
    before = store_bytes(store_path)
    r = me("respond", "1", "--outcome", "granted", "--on", "9/11/2026", ok=False)
    assert r.exit_code == 1 and "would come before" in r.stderr
    assert store_bytes(store_path) == before


def test_clarification_restarts_the_clock(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    me("log", "1", "clarification-requested", "--on", "5/11/2026")
    [v] = me.json("list")
    assert v["stage"] == "awaiting-clarification" and v["actor"] == "requester"
    me("log", "1", "clarified", "--on", "9/11/2026")
    [v] = me.json("list")
    # 20 FOIA working days from Mon 9 Nov 2026; 30 Nov St Andrew's Day skipped -> Tue 8 Dec 2026
    assert v["stage"] == "awaiting-response" and v["due"] == "2026-12-08"


def test_log_note_needs_text(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    r = me("log", "1", "note", ok=False)
    assert r.exit_code == 2 and "--note" in r.stderr


def test_log_unknown_event_is_usage_error(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    r = me("log", "1", "exploded", ok=False)
    assert r.exit_code == 2


@pytest.mark.parametrize("event", ["clarified", "fee-paid", "review-response", "decision", "appeal"])
def test_log_event_that_makes_no_sense_yet(me, store_path, event):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    before = store_bytes(store_path)
    r = me("log", "1", event, ok=False)
    assert r.exit_code == 1 and "cannot record" in r.stderr
    assert store_bytes(store_path) == before


def test_today_option_replays_time(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    # due Mon 2 Nov + 20 FOIA WD, 30 Nov skipped -> Tue 1 Dec 2026
    [v] = json.loads(me("--today", "2026-11-20", "list", "--json").stdout)
    assert v["due"] == "2026-12-01" and v["overdue"] is False and v["days_left"] == 6
    [v] = json.loads(me("--today", "3 Dec 2026", "list", "--json").stdout)
    assert v["overdue"] is True and v["days_left"] == -2


@pytest.mark.parametrize("event", ["extended", "fee-notice", "clarification-requested"])
def test_clock_events_after_the_answer_are_refused(me, store_path, event):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    me("respond", "1", "--outcome", "refused", "--on", "20/11/2026")
    before = store_bytes(store_path)
    r = me("log", "1", event, ok=False)
    assert r.exit_code == 1 and "it was answered on 2026-11-20" in r.stderr and "foi log 1 note" in r.stderr
    assert store_bytes(store_path) == before


def test_draft_edit_does_not_hold_the_lock_while_the_editor_is_open(me, store_path, tmp_path, monkeypatch):
    """Another foi that writes while a letter is open in $EDITOR is not blocked,
    and its change is kept."""
    import sys

    editor = tmp_path / "editor.py"
    editor.write_text(
        "import subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-c', 'from foi.cli import main; main()',\n"
        "                    'config', 'set', 'organisation', 'Coalition'], capture_output=True)\n"
        "with open(sys.argv[1], 'a', encoding='utf-8') as fh:\n"
        "    fh.write(f'\\nP.S. edited; the other writer exited {r.returncode}\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "1")
    r = me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x", "--edit")
    assert "P.S. edited; the other writer exited 0" in r.stdout
    assert me("config", "get", "organisation").stdout == "Coalition\n"
    assert "P.S. edited" in me.json("show", "1")["request"]["events"][0]["letter"]


def test_batch_draft_summarises_missing_and_unverified_emails(me):
    def expected(kind):
        listed = me.json("authorities", "list", "--kind", kind)
        missing = sum(1 for a in listed if not a["foi_email"])
        unverified = sum(1 for a in listed if a["foi_email"] and a["email_verified"] != "yes")
        out = []
        if unverified:
            out.append(
                f"warning: {unverified} of these FOI email addresses are unverified: check each on the authority's "
                "website before sending (`foi authorities check` lists them with the pages they were read on)"
            )
        if missing:
            out.append(
                f"warning: {missing} of these authorities have no FOI email known: `foi show ID` gives the "
                "WhatDoTheyKnow link, or send through their website"
            )
        return out

    for kind in ("mental_health_trust", "police_force"):
        r = me("draft", "-t", "hiu-scheme", "--kind", kind, "-s", "x")
        assert [l for l in r.stderr.splitlines() if l.startswith("warning:")] == expected(kind)
    oxford = [v["id"] for v in me.json("list") if v["authority_id"] == "oxford-health-nhs-foundation-trust"][0]
    assert (
        "Online:    https://www.whatdotheyknow.com/new/oxford_health_nhs_foundation_trust" in me("show", oxford).stdout
    )


def test_draft_to_an_unverified_address_shows_what_the_data_says_to_check(me):
    # the 2023 police list's addresses carry a shipped note (data/README.md)
    r = me("draft", "-t", "hiu-scheme", "--to", "avon-and-somerset-constabulary", "-s", "x")
    assert "is unverified (read on https://" in r.stderr
    assert "from a 2023 third-party list, not read on the force's own page" in r.stderr
    show = me("authorities", "show", "avon-and-somerset-constabulary")
    assert show.stdout.count("from a 2023 third-party list") == 1  # (the field; the warning does not repeat it)
    assert "from a 2023 third-party list" not in show.stderr
