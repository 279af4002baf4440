"""The clock through the command line: posted requests (issue 13 bug 9), a complaint
that answers nothing (bug 10), a fee paid too late (issue 12 case 2) and `foi explain`
labelling each date (case 7).  Hand counts on the FOIA calendar (any UK bank holiday)."""

from __future__ import annotations

import csv
import io
import json

from foi.domain.clock import ASSUMPTIONS


def _draft(me, to="bedfordshire-police", template="hiu-scheme"):
    me("draft", "-t", template, "--to", to, "-s", "x")


# -- bug 9: posted requests: time runs from receipt -------------------------------------------


def test_posted_request_runs_from_the_second_working_day_after_posting(me, monkeypatch):
    # posted Fri 27 Nov 2026: Mon 30 Nov (St Andrew's Day) does not count -> received Wed 2 Dec.
    # 3, 4 Dec (2); 7-11 (7); 14-18 (12); 21-24 (16); 25, 28 skip; 29-31 (19); 1 Jan and Mon 4 Jan
    # (Scotland's 2 Jan substitute) skip; Tue 5 Jan 2027 (20).  By email the same day: Wed 30 Dec.
    monkeypatch.setenv("FOI_TODAY", "2026-12-10")
    _draft(me)
    out = me("send", "1", "--on", "2026-11-27", "--via", "post")
    assert "due Tue 5 Jan 2027" in out.stdout and "foi log 1 received --on DATE" in out.stderr
    data = json.loads(me("explain", "1", "--json").stdout)
    assert data["due"] == "2027-01-05" and data["due_label"] == "Response due"
    lines = {x["date"]: x["text"] for x in data["lines"]}
    assert lines["2026-11-27"] == "posted"
    assert lines["2026-12-02"] == "received (day 0): assumed, the 2nd working day after posting"
    assert lines["2027-01-05"] == "working day 20"
    assert ASSUMPTIONS["posted"] in data["assumptions"]
    # the real day of receipt, Mon 30 Nov: 1-4 Dec (4); 7-11 (9); 14-18 (14); 21-24 (18); 29, 30 (20)
    me("log", "1", "received", "--on", "2026-11-30")
    data = json.loads(me("explain", "1", "--json").stdout)
    assert data["due"] == "2026-12-30"
    assert ASSUMPTIONS["received"] in data["assumptions"] and ASSUMPTIONS["posted"] not in data["assumptions"]
    assert {"date": "2026-11-30", "text": "received (day 0)"} in data["lines"]


def test_received_is_checked_against_the_timeline(me, monkeypatch):
    monkeypatch.setenv("FOI_TODAY", "2026-12-10")
    _draft(me)
    me("send", "1", "--on", "2026-11-27", "--via", "post")
    me("log", "1", "acknowledged", "--on", "2026-12-01")
    bad = me("log", "1", "received", "--on", "2026-11-26", ok=False)
    assert bad.exit_code == 1 and "before the request was sent" in bad.stderr
    bad = me("log", "1", "received", "--on", "2026-12-02", ok=False)
    assert bad.exit_code == 1 and "after the acknowledged of 2026-12-01" in bad.stderr
    me("log", "1", "received", "--on", "2026-12-01")  # after the acknowledgement was logged: fine
    again = me("log", "1", "received", "--on", "2026-12-01", ok=False)
    assert again.exit_code == 1 and "already recorded as received" in again.stderr


def test_proof_of_identity_only_for_subject_access(me):
    _draft(me)
    me("send", "1", "--on", "2026-11-02")
    bad = me("log", "1", "id-requested", "--on", "2026-11-05", ok=False)
    assert bad.exit_code == 1 and "subject access" in bad.stderr


# -- bug 10: a complaint answers nothing ------------------------------------------------------


def test_a_never_answered_request_stays_overdue_after_a_complaint(me):
    # sent Tue 1 Sep 2026 -> due Tue 29 Sep; complaint 2 Nov; on Mon 23 Nov 2026: 39 working days
    # late (30 Sep-23 Nov, no bank holiday between)
    _draft(me)
    _draft(me, to="kent-police")
    me("send", "1", "2", "--on", "2026-09-01")
    me("respond", "2", "--outcome", "granted", "--on", "2026-09-20")
    me("log", "1", "complaint", "--on", "2026-11-02")
    (v,) = [v for v in json.loads(me("list", "--json").stdout) if v["id"] == 1]
    assert v["stage"] == "complaint-lodged" and v["overdue"] is True and v["working_days_late"] == 39
    assert v["due"] == "2026-09-29" and v["actor"] == "authority"
    rows = list(csv.DictReader(io.StringIO(me("export", "--format", "csv", "-o", "-").stdout)))
    row = next(r for r in rows if r["id"] == "1")
    assert row["status"] == "complaint-lodged (overdue)"
    html = me("export", "--format", "html", "-o", "-").stdout
    assert 'class="flag">overdue' in html
    stats = json.loads(me("stats", "--json").stdout)
    assert stats["figures"]["overdue_now"]["count"] == 1
    assert [v["id"] for v in json.loads(me("list", "--status", "overdue", "--json").stdout)] == [1]


# -- case 2: a fee paid after the lapse revives nothing ---------------------------------------


def test_a_fee_paid_too_late_shows_the_request_lapsed(me, monkeypatch):
    # notice Tue 10 Nov 2026: the last day to pay is Tue 9 Feb 2027 (FOIA s.9(2)); paid Mon 15 Feb
    monkeypatch.setenv("FOI_TODAY", "2027-02-16")
    _draft(me)
    me("send", "1", "--on", "2026-11-02")
    me("log", "1", "fee-notice", "--on", "2026-11-10")
    logged = me("log", "1", "fee-paid", "--on", "2027-02-15")
    assert "lapsed" in logged.stderr
    view = json.loads(me("show", "1", "--json").stdout)["state"]
    assert view["stage"] == "closed" and view["due"] is None
    assert any("make a new request" in w for w in view["warnings"])
    shown = me("show", "1").stdout
    assert "Warning:" in shown and "lapsed" in shown
    assert "closed" in me("list").stdout
    (item,) = json.loads(me("overdue", "--json").stdout)
    assert item["kind"] == "request-lapsed" and item["next_action"].startswith("foi draft -t hiu-scheme")


# -- case 7: every date labelled --------------------------------------------------------------


def test_explain_labels_the_response_deadline_and_the_review_window(me):
    # answered Fri 20 Nov 2026 (refused): the response was due Tue 1 Dec; the window to ask for
    # a review runs 40 working days after the response (Fri 20 Nov): 23-27 (5); 30 skip; 1-4 Dec (9);
    # 7-11 (14); 14-18 (19); 21-24 (23); 25, 28 skip; 29-31 (26); 1, 4 Jan skip; 5-8 (30); 11-15 (35);
    # 18-22 (40) -> Fri 22 Jan 2027
    _draft(me)
    me("send", "1", "--on", "2026-11-02")
    me("respond", "1", "--outcome", "refused", "--on", "2026-11-20")
    text = me("explain", "1").stdout
    assert "Response due:" in text and "\nDue:" not in text
    assert "Last day to ask for an internal review:" in text
    data = json.loads(me("explain", "1", "--json").stdout)
    assert data["due"] == "2026-12-01" and data["due_label"] == "Response due"
    labels = {d["label"]: d["date"] for d in data["dates"]}
    assert labels["Last day to ask for an internal review"] == "2027-01-22"
    assert any(n.startswith("last day to ask for an internal review Fri 22 Jan 2027") for n in data["notes"])
    assert "response was due Tue 1 Dec 2026" not in data["notes"]  # the header says it


def test_explain_shows_the_original_month_of_an_extended_sar(me, monkeypatch):
    # Police Scotland, received Mon 31 Aug 2026: one month -> Wed 30 Sep; extended (told 10 Sep):
    # 3 months -> no 31 Nov -> Mon 30 Nov, St Andrew's Day -> Tue 1 Dec 2026
    monkeypatch.setenv("FOI_TODAY", "2026-10-01")
    _draft(me, to="police-scotland", template="sar")
    me("send", "1", "--on", "2026-08-31")
    me("log", "1", "extended", "--on", "2026-09-10")
    text = me("explain", "1").stdout
    assert "Response due:                Tue 1 Dec 2026" in text
    assert "Original one-month deadline: Wed 30 Sep 2026" in text
