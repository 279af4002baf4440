"""Issue 13, "Done when": a campaign's whole day of work takes one command
per action, not one per request.

47 letters to the English mental health trusts: 1-30 sent on Thu 1 Oct 2026
(due Thu 29 Oct), 31-47 on Mon 16 Nov 2026.  On Mon 23 Nov 2026 the morning
reminder says what to do; ten answers came in, five acknowledgements, and
every request still unanswered from the first batch is chased."""

from __future__ import annotations

import json

DAY = "2026-11-23"


def test_a_day_of_campaign_work_is_one_command_per_action(me, store_path):
    drafted = me.json(
        "--today", "2026-10-01", "draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "-c", "hiu"
    )
    assert len(drafted) == 47
    me("send", "1-30", "--on", "2026-10-01")
    me("send", "31-47", "--on", "2026-11-16")
    commands = []

    def run(*args, **kw):
        commands.append(args)
        return me("--today", DAY, *args, **kw)

    # the morning reminder (cron): one line, the command for the whole group, exit 1
    morning = run("overdue", "--quiet", "--exit-code", ok=False)
    assert morning.exit_code == 1
    assert morning.stdout == "hiu: 30 overdue, to chase -> foi chase --campaign hiu --all-overdue\n"

    # ten responses: eight refusals on cost, two with nothing held
    run("respond", "1-8", "--outcome", "refused", "--exemption", "s12", "--on", DAY)
    run("respond", "12,15", "--outcome", "not-held", "--on", DAY)
    # five acknowledgements from the second batch
    run("log", "31-35", "acknowledged", "--on", DAY)
    # chase every request still overdue: the command the reminder gave
    chased = run("chase", "--campaign", "hiu", "--all-overdue", "--out", str(store_path.parent / "letters"))
    assert "drafted 20 chaser letters" in chased.stderr
    # and record that the chasers went out
    sent = run("send", "--campaign", "hiu", "--status", "overdue")
    assert len(sent.stdout.splitlines()) == 20 and all("\tchaser sent " in line for line in sent.stdout.splitlines())

    assert len(commands) == 6  # 47 requests, a day's work, six commands
    views = {v["id"]: v for v in json.loads(me("--today", DAY, "list", "--json").stdout)}
    assert {views[i]["outcome"] for i in (*range(1, 9), 12, 15)} == {"refused", "not-held"}
    assert sum(1 for v in views.values() if v["stage"] == "answered") == 10
    events = json.loads(me("show", "31", "--json").stdout)["request"]["events"]
    assert [e["type"] for e in events][-1] == "acknowledged"
    # the evening: nothing new to do today; the overdue ones are already chased
    evening = me("--today", DAY, "overdue", "--quiet")
    assert evening.stdout == "hiu: 20 overdue, already chased -> foi list --campaign hiu --status overdue\n"
    # and running the day's commands again changes nothing (each is refused or skipped)
    before = store_path.read_bytes()
    again = me("--today", DAY, "respond", "1-8", "--outcome", "refused", "--exemption", "s12", "--on", DAY, ok=False)
    assert "already" in again.stderr
    me("--today", DAY, "log", "31-35", "acknowledged", "--on", DAY, ok=False)
    assert store_path.read_bytes() == before
