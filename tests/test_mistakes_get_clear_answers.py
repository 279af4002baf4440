"""A user's everyday slips (a typo'd authority, kind or campaign, an option
that means nothing for the event, the same command run twice, a closed pipe,
a narrow terminal) get one clear answer: exact messages and exit codes, and
the store left byte for byte as it was on every error."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

OXFORD = "oxford-health-nhs-foundation-trust"


def _bytes(path):
    """The file's bytes, or None if it does not exist (yet): "untouched" either way."""
    return path.read_bytes() if path.exists() else None


def _sent(me, *, to=OXFORD, on="23/11/2026"):
    """Draft and send one request; returns its id."""
    rid = me.json("draft", "-t", "hiu-scheme", "--to", to)[0]["id"]
    me("send", rid, "--on", on)
    return rid


# -- drafting -----------------------------------------------------------------


def test_campaign_letters_use_the_templates_subject_not_its_description(me):
    # the README's campaign command gives no --subject: the letters went out as
    # "Freedom of Information request - Campaign request: police involvement ... such as SIM)"
    [rec] = me.json("draft", "-t", "hiu-scheme", "--to", OXFORD, "--campaign", "hiu")
    subject = "Police involvement in care planning for people who use services frequently"
    assert rec["subject"] == subject
    assert rec["letter"].splitlines()[0] == f"Subject: Freedom of Information request - {subject}"
    [sar] = me.json("draft", "-t", "sar", "--to", "Police Scotland")
    assert sar["subject"] == "my personal data"
    # a subject given is used as it is
    [own] = me.json("draft", "-t", "hiu-scheme", "--to", OXFORD, "-s", "SIM in Oxford")
    assert own["subject"] == "SIM in Oxford"
    assert own["letter"].splitlines()[0] == "Subject: Freedom of Information request - SIM in Oxford"


def test_batch_draft_says_a_send_command_that_runs(me):
    r = me("draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "--campaign", "hiu")
    assert r.stderr.splitlines()[-1] == "next: send them, then record it: foi send 1-47"
    sent = me.json("send", "1-47", "--on", "23/11/2026")
    assert [s["id"] for s in sent] == list(range(1, 48))


def test_unknown_authority_suggests_the_close_name(me, store_path):
    before = _bytes(store_path)
    r = me("draft", "-t", "hiu-scheme", "--to", "police scotand", ok=False)
    assert r.exit_code == 1
    assert r.stderr == (
        "foi: error: unknown authority 'police scotand' (did you mean Police Scotland (police-scotland)?)\n"
    )
    r = me("authorities", "show", "oxford helth", ok=False)
    assert r.stderr == (
        "foi: error: unknown authority 'oxford helth' (did you mean "
        "Oxford Health NHS Foundation Trust (oxford-health-nhs-foundation-trust)?)\n"
    )
    r = me("authorities", "show", "xyzzy", ok=False)  # nothing close: the old hint
    assert r.stderr == "foi: error: unknown authority 'xyzzy' (see `foi authorities list --search xyzzy`)\n"
    assert _bytes(store_path) == before


def test_unknown_kind_lists_the_kinds(me, store_path):
    before = _bytes(store_path)
    r = me("draft", "-t", "hiu-scheme", "--kind", "police", ok=False)
    assert r.exit_code == 2
    assert r.stderr == (
        "foi: error: no authorities of kind 'police' (kinds: health_board, hsc_trust, mental_health_trust, police_force)\n"
    )
    r = me("draft", "-t", "hiu-scheme", "--kind", "police_force", "--tag", "nope", ok=False)
    assert r.stderr == (
        "foi: error: no authorities of kind 'police_force' with tag 'nope' "
        "(see `foi authorities list` for kinds and tags)\n"
    )
    assert _bytes(store_path) == before
    r = me("authorities", "list", "--kind", "police")
    assert r.exit_code == 0 and r.stdout == ""
    assert (
        r.stderr
        == "no authorities of kind 'police' (kinds: health_board, hsc_trust, mental_health_trust, police_force)\n"
    )


def test_email_without_at_is_refused(me, store_path):
    before = _bytes(store_path)
    r = me("config", "set", "email", "alex at example", ok=False)
    assert r.exit_code == 2
    assert r.stderr == (
        "foi: error: 'alex at example' does not look like an email address (give the address "
        "authorities should reply to, e.g. alex@example.org; a postal address goes in "
        "`foi config set address`)\n"
    )
    assert _bytes(store_path) == before


# -- ids ------------------------------------------------------------------------


def _err(r) -> str:
    """stderr as a console run prints it (CliRunner names the program `cli`)."""
    return r.stderr.replace("`cli ", "`foi ")


def test_send_takes_ranges_and_lists(me, store_path):
    for _ in range(4):
        me("draft", "-t", "foi", "--to", OXFORD, "-s", "Beds", "--var", "questions=How many?", "--allow-duplicate")
    sent = me.json("send", "1,3", "2-2")
    assert [s["id"] for s in sent] == [1, 3, 2]
    before = _bytes(store_path)
    r = me("send", "4-3", ok=False)
    assert r.exit_code == 2
    assert _err(r) == (
        "foi: error: Invalid value for 'IDS...': '4-3' is not a range of request ids (give the "
        "lower id first, e.g. 2-48; at most 10000 ids) (see `foi send --help`)\n"
    )
    r = me("send", "2 ... 4", ok=False)
    assert _err(r) == (
        "foi: error: Invalid value for 'IDS...': '2 ... 4' is not a request id (ids are numbers, "
        "a range like 2-48, see `foi list`) (see `foi send --help`)\n"
    )
    assert _bytes(store_path) == before


# -- log --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("acknowledged", "--until", "2027-01-01"),
            "--until does not apply to acknowledged (it is for extended only; leave it out, or put it in --note)",
        ),
        (
            ("acknowledged", "--amount", "5"),
            "--amount does not apply to acknowledged (it is for fee-notice or fee-paid only; "
            "leave it out, or put it in --note)",
        ),
        (
            ("clarification-requested", "--outcome", "upheld"),
            "--outcome does not apply to clarification-requested (it is for response, review-response, decision or "
            "appeal only; leave it out, or put it in --note)",
        ),
        (
            ("extended", "--exemption", "s31"),
            "--exemption does not apply to extended (it is for response, review-response or decision only; "
            "leave it out, or put it in --note)",
        ),
        (
            ("extended", "--on", "30/11/2026", "--until", "25/11/2026"),
            "--until Wed 25 Nov 2026 is not after the day of the extension (Mon 30 Nov 2026) "
            "(give the new date the authority promised its response by)",
        ),
    ],
)
def test_log_refuses_options_that_mean_nothing_for_the_event(me, store_path, args, message):
    rid = _sent(me)
    before = _bytes(store_path)
    r = me("--today", "2026-12-01", "log", rid, *args, ok=False)
    assert r.exit_code == 2
    assert r.stderr == f"foi: error: {message}\n"
    assert _bytes(store_path) == before


def test_log_still_takes_the_options_where_they_apply(me):
    rid = _sent(me)
    me("--today", "2026-12-01", "log", rid, "fee-notice", "--amount", "£450", "--on", "26/11/2026")
    me("--today", "2026-12-01", "log", rid, "fee-paid", "--amount", "£450")
    events = me.json("show", rid)["request"]["events"]
    assert [e.get("amount") for e in events if e["type"].startswith("fee")] == ["£450", "£450"]


def test_usage_errors_are_one_line_without_tabs(me):
    r = me("respond", "1", ok=False)
    assert r.exit_code == 2
    assert _err(r) == (
        "foi: error: Missing option '--outcome'. Choose from: granted, partial, refused, "
        "not-held, ncnd (see `foi respond --help`)\n"
    )
    r = me("respond", "1", "granted", ok=False)  # the ids come first, and any number of them
    assert r.exit_code == 2 and _err(r).count("\n") == 1 and "'granted' is not a request id" in _err(r)


# -- overdue and follow-ups ------------------------------------------------------------


def test_overdue_does_not_send_you_back_to_a_chaser_already_drafted(me):
    rid = _sent(me)
    late = me.json("--today", "2026-12-23", "overdue")
    assert [(i["id"], i["next_action"]) for i in late] == [(rid, f"foi chase {rid}")]
    me("--today", "2026-12-23", "chase", rid)
    # drafted, not sent: the next step is to send it (`foi chase` would refuse)
    late = me.json("--today", "2026-12-24", "overdue")
    assert [i["next_action"] for i in late] == [f"foi send {rid}"]
    me("--today", "2026-12-24", "send", rid)
    late = me.json("--today", "2026-12-29", "overdue")
    assert [i["next_action"] for i in late] == [f"foi show {rid}"]
    # very overdue after a chaser: the complaint, as before
    late = me.json("--today", "2027-03-01", "overdue")
    assert [(i["very_overdue"], i["next_action"]) for i in late] == [(True, f"foi complain {rid}")]


def test_overdue_says_very_overdue_once(me):
    rid = _sent(me)
    r = me("--today", "2027-03-01", "overdue")
    assert r.stdout.splitlines()[-1] == (
        "        response very overdue Tue 22 Dec 2026, 45 working days late  ->  foi chase 1"
    )
    assert "VERY OVERDUE" not in r.stdout and rid == 1


def test_list_with_an_unknown_campaign_is_an_error(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", OXFORD, "--campaign", "hiu")
    before = _bytes(store_path)
    r = me("list", "--campaign", "hiu2", ok=False)
    assert r.exit_code == 1
    assert r.stderr == "foi: error: no requests in campaign 'hiu2' (did you mean --campaign hiu? campaigns: hiu)\n"
    r = me("chase", "--all-overdue", "--campaign", "nope", ok=False)
    assert r.stderr == "foi: error: no requests in campaign 'nope' (campaigns: hiu)\n"
    assert _bytes(store_path) == before
    assert [v["id"] for v in me.json("list", "--campaign", "hiu")] == [1]


def test_review_without_grounds_reads_as_a_whole_letter(me):
    rid = _sent(me)
    # no response at all: the template's own reason, not a sentence pointing at reasons "below"
    r = me("--today", "2026-12-23", "review", rid)
    assert "My reasons are:\n\nYou have not responded to my request within the time limit.\n" in r.stdout
    assert "set out below" not in r.stdout
    other = _sent(me, to="Police Scotland")
    me("--today", "2026-12-01", "respond", other, "--outcome", "refused", "--exemption", "s35")
    r = me("--today", "2026-12-02", "review", other)
    assert (
        "My reasons are:\n\nI am not satisfied with the way my request was handled. Please look again at the "
        "whole response, including whether any information withheld should be released and whether all the "
        "information I asked for has been found.\n"
    ) in r.stdout
    assert "set out below" not in r.stdout


# -- terminals and pipes -------------------------------------------------------------


def test_list_on_a_narrow_terminal_keeps_dates_whole(me, monkeypatch):
    from foi.cli import common, listing

    rid = _sent(me)
    me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "--campaign", "hiu")
    for module in (common, listing):
        monkeypatch.setattr(module, "is_terminal", lambda stream=None: True)
    monkeypatch.setenv("COLUMNS", "60")
    r = me("--today", "2026-12-23", "list")
    assert r.stdout.splitlines() == [
        f"{rid:>5}  Oxford Health NHS Foundation Trust",
        "       awaiting-response; due Tue 22 Dec 2026, 1 working day late; sent Mon 23 Nov 2026",
        "       Police involvement in care planning for people who u…",
        "    2  Police Scotland [hiu]",
        "       draft",
        "       Police involvement in care planning for people who u…",
    ]


@pytest.mark.parametrize("args", [["authorities", "list"], ["--help"]])
def test_a_closed_pipe_is_not_an_error(args, tmp_path):
    # `foi authorities list | head -1`: click made this exit 1
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before foi writes anything
    try:
        p = subprocess.run(
            [sys.executable, "-c", "from foi.cli import main; main()", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            env={**os.environ, "FOI_STORE": str(tmp_path / "foi.json")},
        )
    finally:
        os.close(write_end)
    assert (p.returncode, p.stderr) == (0, b"")


# -- the same command twice ---------------------------------------------------------------


def test_the_same_event_twice_is_refused(me, store_path, tmp_path):
    rid = _sent(me)
    answer = tmp_path / "answer.pdf"
    answer.write_bytes(b"%PDF-1.4 answer")
    me("--today", "2026-12-10", "respond", rid, "--outcome", "granted", "--file", answer)
    before = _bytes(store_path)
    r = me("--today", "2026-12-10", "respond", rid, "--outcome", "granted", "--file", answer, ok=False)
    assert r.exit_code == 1
    assert _err(r) == (  # issue 13, bug 5: a second response is refused (the file makes it not the same)
        "foi: error: request 1 was already answered on Thu 10 Dec 2026 (granted); nothing was changed "
        "(to correct it: foi respond 1 --replace ..., or foi edit 1 --event response)\n"
    )
    assert _bytes(store_path) == before
    me("--today", "2026-12-10", "log", rid, "note", "--note", "phoned")
    before = _bytes(store_path)
    r = me("--today", "2026-12-10", "log", rid, "note", "--note", "phoned", ok=False)
    assert _err(r) == (
        "foi: error: request 1 already has this note on Thu 10 Dec 2026; nothing was changed (see `foi show 1`)\n"
    )
    assert _bytes(store_path) == before
    # anything different is still recorded: another note; a corrected response replaces the first
    me("--today", "2026-12-10", "log", rid, "note", "--note", "phoned again")
    me("--today", "2026-12-11", "respond", rid, "--outcome", "partial", "--exemption", "s40(2)", "--replace")
    events = me.json("show", rid)["request"]["events"]
    assert [e["type"] for e in events].count("response") == 1


def test_two_chasers_sent_the_same_day_are_both_recorded(me):
    rid = _sent(me)
    for _ in range(2):
        me("--today", "2026-12-23", "chase", rid, "--again")
        me("--today", "2026-12-23", "send", rid)
    events = me.json("show", rid)["request"]["events"]
    assert [e["type"] for e in events].count("chased") == 2


def test_sending_twice_names_the_day_in_words(me, store_path):
    rid = _sent(me)
    before = _bytes(store_path)
    r = me("send", rid, ok=False)
    assert r.exit_code == 1
    assert r.stderr == (
        "foi: error: request 1 was already sent on Mon 23 Nov 2026 and has no new draft to send "
        "(draft a follow-up first (`foi chase 1`), or record an event with `foi log`)\n"
    )
    assert _bytes(store_path) == before


# -- letters folder and bugs ---------------------------------------------------------------


@pytest.mark.parametrize("command", [("draft", "-t", "hiu-scheme", "--to", OXFORD), ("chase", "1")])
def test_a_letters_folder_that_cannot_be_made_changes_nothing(me, store_path, tmp_path, command):
    _sent(me)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    before = _bytes(store_path)
    r = me("--today", "2026-12-23", *command, "--out", blocker / "letters", ok=False)
    assert r.exit_code == 2
    assert r.stderr == (
        f"foi: error: cannot make the folder {blocker / 'letters'} for the letters: Not a directory "
        "(give --out a folder you can write to; nothing was changed)\n"
    )
    assert _bytes(store_path) == before


def test_a_bug_is_one_line_and_the_traceback_comes_with_debug(me, monkeypatch):
    from foi.app import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    _sent(me)
    monkeypatch.setattr(views, "request_views", broken)
    r = me("list", ok=False)
    assert r.exit_code == 1
    assert r.stderr == (
        "foi: internal error: RuntimeError: boom (this is a bug in foi; run the command again with "
        "--debug before the command name, e.g. `foi --debug list`, and report what it prints)\n"
    )
    r = me("--debug", "list", ok=False)
    assert r.exit_code == 1 and "Traceback" in r.stderr and r.stderr.endswith("report what it prints)\n")


def test_a_template_without_its_own_subject_needs_one(me, store_path):
    """The `foi` template's description is not a subject: ask for --subject."""
    before = _bytes(store_path)
    r = me("draft", "-t", "foi", "--to", OXFORD, "--var", "questions=How many?", ok=False)
    assert r.exit_code == 2
    assert "needs a subject" in r.stderr and "--subject" in r.stderr
    assert _bytes(store_path) == before
