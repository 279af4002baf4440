"""`foi deadline` and `foi explain`."""

from __future__ import annotations

import json

import pytest


@pytest.mark.parametrize(
    "regime,received,nation,due",
    [
        ("foia", "6/7/2026", None, "2026-08-05"),  # LAW.md: 13 Jul (NI) and 3 Aug (Scotland) skipped
        ("foisa", "6/7/2026", None, "2026-08-04"),  # LAW.md: only 3 Aug skipped
        ("foia", "21 Nov 2026", None, "2026-12-21"),  # LAW.md: received on a Saturday; 30 Nov skipped
        ("sar", "2027-01-29", None, "2027-03-01"),  # LAW.md: 29 Feb missing -> Sun 28 Feb -> Mon 1 Mar
        ("eir", "2026-07-06", None, "2026-08-05"),  # EIR: FOIA calendar
        ("eisr", "2026-07-06", None, "2026-08-04"),  # EISR: FOISA calendar
    ],
)
def test_deadline_json(cli, regime, received, nation, due):
    args = ["deadline", "--regime", regime, "--received", received, "--json"]
    out = json.loads(cli(*args).stdout)
    assert out["due"] == due and out["regime"] == regime


def test_deadline_needs_no_store(cli, store_path):
    assert cli("deadline", "-r", "foia", "--received", "today").stdout.startswith("Tue 22 Dec 2026")
    assert not store_path.exists()


def test_deadline_days_option(cli):
    # 5 FOIA working days after Mon 23 Nov 2026: 24, 25, 26, 27 Nov, (30 Nov skipped), 1 Dec
    out = json.loads(cli("deadline", "-r", "foia", "--received", "2026-11-23", "--days", "5", "--json").stdout)
    assert out["due"] == "2026-12-01"


def test_deadline_explain_lists_skipped_days_with_reasons(cli):
    out = cli("deadline", "-r", "foia", "--received", "6/7/2026", "--explain").stdout
    assert "Mon 13 Jul 2026" in out and "Northern Ireland" in out
    assert "Mon 3 Aug 2026" in out and "Scotland" in out
    assert "s.10" in out
    assert "Wed 5 Aug 2026" in out


def test_deadline_bad_date(cli):
    r = cli("deadline", "-r", "foia", "--received", "2026-02-30", ok=False)
    assert r.exit_code == 2 and "not a date" in r.stderr and r.stderr.count("\n") == 1


def test_explain_request(me):
    me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "x")
    me("send", "1", "--on", "6/7/2026")
    out = me("explain", "1").stdout
    assert "FOISA" in out and "Tue 4 Aug 2026" in out
    data = json.loads(me("explain", "1", "--json").stdout)
    assert data["due"] == "2026-08-04" and data["id"] == 1
