"""`foi overdue` replayed day by day across a year of a realistic campaign.

A batch of FOIA requests to all 47 English mental health trusts, sent on
Monday 5 January 2026 (due Monday 2 February 2026: 20 working days, no
holiday in between; "very overdue" after Monday 2 March 2026, 40 working
days).  What happens, by request id:

* 1-20   answer on time (Tue 20 Jan 2026, granted)
* 21-30  answer late (Fri 20 Feb 2026, granted: 14 working days late)
* 31-35  refuse on Wed 28 Jan 2026 (s.31); never ask for a review.  Their
         review window (FOIA s.45 Code: 40 working days) closes Thu 26 March
         2026, not Wed 25 March: St Patrick's Day (Tue 17 March, a bank
         holiday in Northern Ireland) stops the FOIA clock (s.10(6)).
* 36-38  ask for clarification on Mon 12 Jan 2026, given Mon 19 Jan 2026:
         the clock restarts (s.1(3)), due Mon 16 Feb 2026; answered Tue 10 Feb.
* 39-46  never answer (46 is withdrawn on Mon 1 June 2026).
* 47     refuses on Wed 28 Jan 2026; review asked Mon 2 Feb 2026 (due Mon
         2 Mar 2026, 20 working days); review answered Tue 10 Mar 2026
         (upheld); the ICO complaint window (6 weeks) closes Tue 21 Apr 2026;
         complaint lodged Mon 20 Apr 2026.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

D = date.fromisoformat
SENT = D("2026-01-05")
DUE = D("2026-02-02")
VERY = D("2026-03-02")
DUE_CLARIFIED = D("2026-02-16")

# day -> list of CLI commands (without the global --today) to run that day
SCRIPT: dict[date, list[list[str]]] = {
    SENT: [
        [
            "draft",
            "-t",
            "hiu-scheme",
            "--kind",
            "mental_health_trust",
            "--campaign",
            "hiu",
            "-s",
            "Police involvement in care planning",
        ],
        ["send", *map(str, range(1, 48)), "--on", "2026-01-05"],
    ],
    D("2026-01-12"): [["log", str(i), "clarification-requested"] for i in (36, 37, 38)],
    D("2026-01-19"): [["log", str(i), "clarified"] for i in (36, 37, 38)],
    D("2026-01-20"): [["respond", str(i), "--outcome", "granted"] for i in range(1, 21)],
    D("2026-01-28"): [["respond", str(i), "--outcome", "refused", "--exemption", "s31"] for i in (*range(31, 36), 47)],
    D("2026-02-02"): [["log", "47", "review-requested"]],
    D("2026-02-10"): [["respond", str(i), "--outcome", "granted"] for i in (36, 37, 38)],
    D("2026-02-20"): [["respond", str(i), "--outcome", "granted"] for i in range(21, 31)],
    D("2026-03-10"): [["log", "47", "review-response", "--outcome", "upheld"]],
    D("2026-04-20"): [["log", "47", "complaint"]],
    D("2026-06-01"): [["log", "46", "withdrawn"]],
}


def fwd_working_days(
    a: date,
    b: date,
    skip=frozenset(
        {
            D("2026-03-17"),
            D("2026-04-03"),
            D("2026-04-06"),
            D("2026-05-04"),
            D("2026-05-25"),
            D("2026-06-15"),
            D("2026-07-13"),
            D("2026-08-03"),
            D("2026-08-31"),
            D("2026-11-30"),
            D("2026-12-25"),
            D("2026-12-28"),
        }
    ),
) -> int:
    """Working days in (a, b] on the FOIA calendar for 2026 (UK bank holidays
    of every nation, typed in by hand from gov.uk, including the Scottish
    one-off of 15 June 2026), negative if b < a."""
    if b < a:
        return -fwd_working_days(b, a)
    n, d = 0, a
    while d < b:
        d += timedelta(days=1)
        if d.weekday() < 5 and d not in skip:
            n += 1
    return n


def expected(day: date) -> dict[tuple[int, str], dict]:
    """The items `foi overdue` must show on ``day`` (hand-built oracle)."""
    out: dict[tuple[int, str], dict] = {}
    if day < SENT:
        return out
    answered = {}
    for i in range(1, 21):
        answered[i] = D("2026-01-20")
    for i in range(21, 31):
        answered[i] = D("2026-02-20")
    for i in (*range(31, 36), 47):
        answered[i] = D("2026-01-28")
    for i in (36, 37, 38):
        answered[i] = D("2026-02-10")
    for i in range(1, 48):
        due = DUE_CLARIFIED if i in (36, 37, 38) else DUE
        if i in (36, 37, 38) and D("2026-01-12") <= day < D("2026-01-19"):
            out[(i, "clarification-needed")] = {}
            continue
        done = answered.get(i)
        if i == 46 and day >= D("2026-06-01"):
            continue
        if done is not None and day >= done:
            continue
        if day > due:
            out[(i, "response-overdue")] = {"very_overdue": day > VERY, "working_days_late": fwd_working_days(due, day)}
        elif 0 <= fwd_working_days(day, due) <= 5:
            out[(i, "response-due-soon")] = {}
    # refusals: the requester's review window closes Thu 26 March 2026
    if 0 <= fwd_working_days(day, D("2026-03-26")) <= 5 and day >= D("2026-01-28"):
        for i in range(31, 36):
            out[(i, "window-closing")] = {}
    # request 47: review due Mon 2 Mar 2026, answered Tue 10 Mar 2026
    if D("2026-03-02") < day < D("2026-03-10"):
        out[(47, "review-overdue")] = {}
    # complaint window closes Tue 21 Apr 2026 (6 weeks), complaint made 20 Apr
    if D("2026-03-10") <= day < D("2026-04-20") and 0 <= fwd_working_days(day, D("2026-04-21")) <= 5:
        out[(47, "window-closing")] = {}
    return out


def test_a_year_of_the_campaign_day_by_day(me):
    day = SENT - timedelta(days=3)
    end = D("2026-12-31")
    mismatches = []
    while day <= end:
        for args in SCRIPT.get(day, []):
            me("--today", day.isoformat(), *args)
        got = json.loads(me("--today", day.isoformat(), "overdue", "--json").stdout)
        got_keys = {(g["id"], g["kind"]): g for g in got}
        want = expected(day)
        if set(got_keys) != set(want):
            mismatches.append((day, sorted(set(got_keys) - set(want))[:5], sorted(set(want) - set(got_keys))[:5]))
        else:
            for key, attrs in want.items():
                for attr, value in attrs.items():
                    if got_keys[key][attr] != value:
                        mismatches.append((day, key, attr, got_keys[key][attr], value))
        day += timedelta(days=1)
    assert not mismatches, mismatches[:10]


def _replay_until(me, last: date):
    """Run the script's commands up to ``last`` (continuing from an earlier call)."""
    done = getattr(me, "replayed_until", date.min)
    for day in sorted(SCRIPT):
        if done < day <= last:
            for args in SCRIPT[day]:
                me("--today", day.isoformat(), *args)
    me.replayed_until = max(done, last)


def test_order_most_urgent_first_and_next_actions(me):
    _replay_until(me, D("2026-03-05"))
    got = json.loads(me("--today", "2026-03-05", "overdue", "--json").stdout)
    kinds = [g["kind"] for g in got]
    assert kinds == sorted(
        kinds,
        key=["response-overdue", "review-overdue", "window-closing", "clarification-needed", "response-due-soon"].index,
    )
    first = got[0]
    assert first["kind"] == "response-overdue" and first["very_overdue"] is True
    assert first["next_action"] == f"foi chase {first['id']}"
    review = [g for g in got if g["kind"] == "review-overdue"][0]
    assert review["id"] == 47 and review["due"] == "2026-03-02" and review["next_action"] == "foi chase 47"
    for key in ("id", "authority", "kind", "due", "working_days_late", "next_action"):
        assert key in first


def test_exit_code_and_quiet(me):
    _replay_until(me, D("2026-01-20"))
    quiet = me("--today", "2026-01-21", "overdue", "--quiet", "--exit-code")
    assert quiet.exit_code == 0 and quiet.stdout == ""
    loud = me("--today", "2026-01-21", "overdue")
    assert "Nothing needs attention" in loud.stdout
    _replay_until(me, D("2026-02-02"))
    r = me("--today", "2026-02-03", "overdue", "--quiet", "--exit-code", ok=False)
    assert r.exit_code == 1
    # issue 13: one line per campaign and kind, with the one command for the group
    assert r.stdout == "hiu: 18 overdue, to chase -> foi chase --campaign hiu --all-overdue\n"
    r = me("--today", "2026-02-03", "overdue", "--quiet", "--verbose")
    assert r.stdout.count("\n") == 19 and "    21  " in r.stdout and "1 working day late" in r.stdout
    # due-soon alone is not "overdue" for --exit-code
    r = me("--today", "2026-01-27", "overdue", "--exit-code")
    assert r.exit_code == 0 and "Responses due soon" in r.stdout


def test_quiet_prints_nothing_on_a_normal_morning(me):
    """Issue 13: `--quiet --exit-code` printed all the "responses due soon"
    items on a normal morning with exit 0, so cron mailed every day."""
    _replay_until(me, D("2026-01-27"))
    loud = me("--today", "2026-01-27", "overdue")
    assert "Responses due soon (24)" in loud.stdout
    r = me("--today", "2026-01-27", "overdue", "--quiet", "--exit-code")
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""
    assert me("--today", "2026-01-27", "overdue", "--quiet", "--json").stdout == ""


def test_quiet_groups_each_kind_with_its_command(me):
    _replay_until(me, D("2026-03-19"))
    r = me("--today", "2026-03-20", "overdue", "--quiet", "--exit-code", ok=False)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    # 39-46 never answered, 20 working days past 2 March (very overdue, not chased): chase them
    assert "hiu: 8 overdue, to chase -> foi chase --campaign hiu --all-overdue" in lines
    # 31-35 refused on 28 Jan: the review window closes 26 March (within 5 working days)
    assert any(
        line.startswith("hiu: 5 windows closing (the first on ") and line.endswith("-> foi review 31-35")
        for line in lines
    ), lines
    assert len(lines) == 2


def test_campaign_filter(me, store_path):
    _replay_until(me, D("2026-01-05"))
    # a campaign no request has is a typo, not "nothing needs attention"
    before = store_path.read_bytes()
    r = me("--today", "2026-02-03", "overdue", "--json", "--campaign", "other", ok=False)
    assert r.exit_code == 1 and r.stdout == ""
    assert r.stderr == "foi: error: no requests in campaign 'other' (campaigns: hiu)\n"
    r = me("--today", "2026-02-03", "overdue", "--campaign", "HIU", ok=False)
    assert r.stderr == "foi: error: no requests in campaign 'HIU' (did you mean --campaign hiu?)\n"
    assert store_path.read_bytes() == before
    assert len(json.loads(me("--today", "2026-02-03", "overdue", "--json", "--campaign", "hiu").stdout)) == 47


# -- follow-up letters ------------------------------------------------------------


def test_chaser_refused_before_due_then_drafted_with_dates(me, store_path):
    _replay_until(me, D("2026-01-05"))
    before = store_path.read_bytes()
    r = me("--today", "2026-02-02", "chase", "39", ok=False)
    assert r.exit_code == 1 and "not overdue" in r.stderr
    assert store_path.read_bytes() == before
    r = me("--today", "2026-02-09", "chase", "39")
    letter = r.stdout
    assert "5 January 2026" in letter and "2 February 2026" in letter
    assert "section 10" in letter.lower() or "s.10" in letter
    assert "5 working days" in letter  # Feb 3,4,5,6,9
    # not twice for the same stage
    r = me("--today", "2026-02-10", "chase", "39", ok=False)
    assert r.exit_code == 2 and "--again" in r.stderr
    me("--today", "2026-02-10", "chase", "39", "--again")
    # sending it records a chase and keeps the response clock as it was
    me("--today", "2026-02-10", "send", "39")
    shown = json.loads(me("--today", "2026-02-10", "show", "39", "--json").stdout)
    assert [e["type"] for e in shown["request"]["events"]].count("chased") == 1
    assert shown["state"]["due"] == "2026-02-02"


def test_chase_all_overdue(me):
    _replay_until(me, D("2026-01-28"))
    r = me("--today", "2026-02-03", "chase", "--all-overdue", "--json")
    ids = [x["id"] for x in json.loads(r.stdout)]
    assert ids == [*range(21, 31), *range(39, 47)]  # 36-38 restarted on clarification: due 16 Feb
    again = me("--today", "2026-02-04", "chase", "--all-overdue")
    assert again.stderr == (
        "nothing new to chase: the 18 overdue requests already have a chaser drafted "
        "(`foi overdue` says what is next; --again drafts another)\n"
    )


def test_review_refused_before_response(me, store_path):
    _replay_until(me, D("2026-01-05"))
    r = me("--today", "2026-01-10", "review", "1", "--grounds", "x", ok=False)
    assert r.exit_code == 1 and "no response yet" in r.stderr


def test_review_letter_names_exemptions_and_code(me):
    _replay_until(me, D("2026-01-28"))
    r = me("--today", "2026-01-29", "review", "31", "--grounds", "The public interest favours disclosure.")
    assert "section 31" in r.stdout and "s31" not in r.stdout  # issue 13: review letters name the section
    assert "The public interest favours disclosure." in r.stdout
    assert "Code of Practice" in r.stdout or "section 45" in r.stdout.lower()
    me("--today", "2026-01-30", "send", "31")
    shown = json.loads(me("--today", "2026-01-30", "show", "31", "--json").stdout)
    assert shown["state"]["stage"] == "awaiting-review"
    # review requested Fri 30 Jan 2026: 20 working days -> Fri 27 Feb 2026
    assert shown["state"]["due"] == "2026-02-27"


def test_complaint_refused_until_review_answered_or_late(me):
    _replay_until(me, D("2026-02-02"))
    r = me("--today", "2026-02-20", "complain", "47", "--grounds", "x", ok=False)
    assert r.exit_code == 1 and "not answered yet" in r.stderr
    r = me("--today", "2026-01-29", "complain", "31", "--grounds", "x", ok=False)
    assert r.exit_code == 1 and "foi review 31" in r.stderr
    _replay_until(me, D("2026-03-10"))
    r = me("--today", "2026-03-11", "complain", "47", "--grounds", "The review ignored the public interest.")
    assert "Information Commissioner" in r.stdout
    assert "section 50" in r.stdout.lower() or "s.50" in r.stdout
    assert "5 January 2026" in r.stdout and "10 March 2026" in r.stdout


def test_scottish_complaint_goes_to_the_scottish_commissioner(me):
    me("--today", "2026-01-05", "draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "x")
    me("--today", "2026-01-05", "send", "1")
    me("--today", "2026-01-20", "respond", "1", "--outcome", "refused", "--exemption", "s35")
    me("--today", "2026-01-21", "log", "1", "review-requested")
    me("--today", "2026-02-10", "log", "1", "review-response", "--outcome", "upheld")
    r = me("--today", "2026-02-11", "complain", "1", "--grounds", "x")
    assert "Scottish Information Commissioner" in r.stdout
    assert "section 47" in r.stdout.lower() or "s.47" in r.stdout
    assert "Freedom of Information Act 2000" not in r.stdout


def test_complaint_timeline_tells_a_review_chaser_from_a_response_chaser(me):
    _replay_until(me, D("2026-01-28"))
    me("--today", "2026-02-03", "chase", "40")
    me("--today", "2026-02-03", "send", "40")
    me("--today", "2026-02-04", "respond", "40", "--outcome", "refused", "--exemption", "s31")
    me("--today", "2026-02-05", "log", "40", "review-requested")
    # review due 20 working days after Thu 5 Feb 2026: Thu 5 Mar 2026; chased on Fri 6 Mar
    me("--today", "2026-03-06", "chase", "40")
    me("--today", "2026-03-06", "send", "40")
    # FOIA: a review 40 working days unanswered may go to the ICO: 17 Mar (NI), Good
    # Friday 3 Apr and Easter Monday 6 Apr skipped -> day 40 is Tue 7 Apr 2026
    r = me("--today", "2026-04-08", "complain", "40", "--grounds", "No review after 40 working days.")
    assert "3 February 2026: I chased the response" in r.stdout
    assert "6 March 2026: I chased the internal review" in r.stdout


def test_chase_edit_does_not_hold_the_lock(me, tmp_path, monkeypatch):
    import sys

    _replay_until(me, D("2026-01-05"))
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import subprocess, sys\n"
        "r = subprocess.run([sys.executable, '-c', 'from foi.cli import main; main()', '--today', '2026-02-09',\n"
        "                    'log', '41', 'note', '--note', 'phoned'], capture_output=True)\n"
        "with open(sys.argv[1], 'a', encoding='utf-8') as fh:\n"
        "    fh.write(f'\\nP.S. the other writer exited {r.returncode}\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "1")
    r = me("--today", "2026-02-09", "chase", "39", "--edit")
    assert "P.S. the other writer exited 0" in r.stdout
    notes = [e for e in me.json("--today", "2026-02-09", "show", "41")["request"]["events"] if e["type"] == "note"]
    assert [n["note"] for n in notes] == ["phoned"]


def test_a_draft_left_unsent_is_listed_last(me):
    me("--today", "2026-11-18", "draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    assert json.loads(me("--today", "2026-11-18", "overdue", "--json").stdout) == []  # drafted today: fine
    [item] = json.loads(me("--today", "2026-11-23", "overdue", "--json").stdout)
    assert (item["kind"], item["due"], item["days_left"], item["next_action"]) == (
        "draft-unsent",
        "2026-11-18",
        -3,
        "foi send 1",
    )
    r = me("--today", "2026-11-23", "overdue", "--exit-code")
    assert r.exit_code == 0 and "Drafted, not yet sent (1)" in r.stdout and "3 working days ago" in r.stdout
