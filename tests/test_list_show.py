"""`foi list` and `foi show`."""

from __future__ import annotations

import json


def test_list_empty(cli):
    r = cli("list")
    assert r.stdout == "" and "no requests yet" in r.stderr
    assert json.loads(cli("list", "--json").stdout) == []


def test_list_filters_and_plain_output(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "a", "-c", "one")
    me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "b", "-c", "two")
    me("send", "1", "--on", "2/10/2026")
    out = me("list").stdout.splitlines()
    assert out[0] == "id\tauthority\tcampaign\tsubject\tstage\tsent\tdue\tleft"
    assert out[1].startswith("1\tOxford Health NHS Foundation Trust\tone\ta\tawaiting-response\t2026-10-02\t")
    assert [v["id"] for v in me.json("list", "--campaign", "two")] == [2]
    assert [v["id"] for v in me.json("list", "--status", "draft")] == [2]
    assert [v["id"] for v in me.json("list", "--status", "overdue")] == [1]
    assert [v["id"] for v in me.json("list", "--authority", "Police Scotland")] == [2]


def test_list_json_contract(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "a")
    me("send", "1", "--on", "2/11/2026")
    [v] = me.json("list")
    assert sorted(v) == sorted(
        [
            "id",
            "uid",
            "member",
            "conflicts",
            "authority",
            "authority_id",
            "authority_kind",
            "regime",
            "campaign",
            "subject",
            "stage",
            "actor",
            "sent",
            "due",
            "very_overdue",
            "days_left",
            "days_unit",
            "overdue",
            "response_due",
            "answered",
            "outcome",
            "working_days_late",
            "rule",
            "warnings",
        ]
    )
    assert v["due"] == "2026-12-01" and v["very_overdue"] == "2026-12-31"  # 25 and 28 Dec skipped


def test_show_text_and_json(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Police in care")
    me("send", "1", "--on", "2/11/2026")
    me("log", "1", "note", "--note", "phoned them")
    out = me("show", "1").stdout
    assert "Request 1: Police in care" in out
    assert "Due:       Tue 1 Dec 2026" in out
    assert "phoned them" in out and "Freedom of Information Act 2000" in out
    data = json.loads(me("show", "1", "--json").stdout)
    assert data["request"]["id"] == 1 and data["state"]["due"] == "2026-12-01"


def test_show_unknown_id(cli):
    r = cli("show", "7", ok=False)
    assert r.exit_code == 1 and "no request with id 7" in r.stderr
    r = cli("show", "seven", ok=False)
    assert r.exit_code == 2


def test_list_json_outcome_is_that_of_the_answer_counted(me):
    """The outcome goes with `answered`: on a replayed day before the response, neither is shown."""
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "a")
    me("send", "1", "--on", "2/11/2026")
    me("log", "1", "response", "--on", "20/11/2026", "--outcome", "refused", "--exemption", "s40(2)")
    [v] = me.json("list")
    assert (v["answered"], v["outcome"], v["warnings"]) == ("2026-11-20", "refused", [])
    [v] = me.json("--today", "2026-11-19", "list")
    assert (v["stage"], v["answered"], v["outcome"]) == ("awaiting-response", None, None)
