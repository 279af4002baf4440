"""`foi config`: requester details and calendar changes."""

from __future__ import annotations

import json
import os


def test_set_get_list_unset(cli, store_path):
    cli("config", "set", "name", "Siân Llŷr")
    assert cli("config", "get", "name").stdout == "Siân Llŷr\n"
    listed = json.loads(cli("config", "list", "--json").stdout)
    assert listed["name"] == "Siân Llŷr" and listed["email"] is None
    assert listed["store"] == str(store_path)
    cli("config", "unset", "name")
    assert cli("config", "get", "name", ok=False).exit_code == 1


def test_unknown_key_is_usage_error(cli, store_path):
    r = cli("config", "set", "colour", "blue", ok=False)
    assert r.exit_code == 2 and not store_path.exists()


def test_store_created_private(cli, store_path):
    cli("config", "set", "organisation", "A")
    assert (os.stat(store_path).st_mode & 0o777) == 0o600
    assert (os.stat(store_path.parent).st_mode & 0o777) == 0o700
    text = store_path.read_text(encoding="utf-8")
    assert text.endswith("}\n") and '\n  "config": {' in text  # indent 2, sorted keys


def test_store_option_overrides_env(cli, tmp_path):
    other = tmp_path / "elsewhere" / "campaign.json"
    cli("--store", other, "config", "set", "organisation", "A")
    assert other.exists()


def test_added_holiday_moves_due_dates_of_requests_in_flight(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    assert me.json("list")[0]["due"] == "2026-12-01"
    me("config", "holiday", "add", "2026-11-26", "--nation", "england", "--name", "Proclaimed day")
    # one more day excluded: Tue 1 Dec -> Wed 2 Dec 2026
    assert me.json("list")[0]["due"] == "2026-12-02"
    out = me("config", "holiday", "list").stdout
    assert "2026-11-26\tadd\tengland\tProclaimed day" in out
    r = me("deadline", "--regime", "foia", "--received", "2/11/2026", "--json")
    assert json.loads(r.stdout)["due"] == "2026-12-02"


def test_removed_holiday(me):
    # St Andrew's Day, Mon 30 Nov 2026, removed: FOIA from Mon 2 Nov -> Mon 30 Nov 2026
    me("config", "holiday", "remove", "2026-11-30", "--nation", "scotland")
    r = me("deadline", "--regime", "foia", "--received", "2/11/2026", "--json")
    assert json.loads(r.stdout)["due"] == "2026-11-30"


def test_holiday_changes_apply_in_the_order_made(cli):
    """add for Scotland, then add for all, then remove for all: the last one wins."""
    cli("config", "holiday", "add", "2027-06-14", "--nation", "scotland")
    cli("config", "holiday", "remove", "2027-06-14")
    out = cli("config", "holiday", "list").stdout
    assert out == "2027-06-14\tremove\tall\t\n"
    # FOISA from Fri 14 May 2027: 20 Scottish working days (31 May is a holiday) -> Mon 14 Jun 2027
    r = cli("deadline", "-r", "foisa", "--received", "2027-05-14", "--json")
    assert json.loads(r.stdout)["due"] == "2027-06-14"
    cli("config", "holiday", "add", "2027-06-14", "--nation", "scotland")
    r = cli("deadline", "-r", "foisa", "--received", "2027-05-14", "--json")
    assert json.loads(r.stdout)["due"] == "2027-06-15"


def test_holiday_list_when_empty_says_so(cli):
    r = cli("config", "holiday", "list")
    assert r.stdout == "" and "no changes" in r.stderr
