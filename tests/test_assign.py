"""`foi assign` and `foi list --member`: who handles which requests."""

from __future__ import annotations

from collections import Counter

from foi.domain.changes import commit_message, count_changes


def test_assign_and_list_by_member(me):
    for to in ("Oxford Health", "Police Scotland", "british-transport-police"):
        me("draft", "-t", "hiu-scheme", "--to", to, "-s", "Crisis team staffing", "-c", "hiu")
    r = me("assign", "2-3", "--member", "sam")
    assert "2 3 assigned to sam" in r.stderr
    assert [v["id"] for v in me.json("list", "--member", "Sam")] == [2, 3]
    # a request nobody was assigned is its drafter's
    assert [v["id"] for v in me.json("list", "--member", "Alex Jones")] == [1]
    assert me.json("list")[1]["member"] == "sam"
    assert "Member:    sam" in me("show", "2").stdout
    assert "already assigned" in me("assign", "2", "--member", "sam").stderr
    assert me("list", "--member", "kim").stderr.startswith("no requests match")


def test_assign_refuses_an_unknown_id_and_changes_nothing(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    before = store_path.read_bytes()
    r = me("assign", "1", "7", "--member", "sam", ok=False)
    assert r.exit_code == 1 and "no request with id 7" in r.stderr
    assert store_path.read_bytes() == before
    assert me("assign", "1", "--member", "  ", ok=False).exit_code == 2


def _req(uid, events, **extra):
    return {"uid": uid, "id": 1, "events": [{"uid": u, "type": t, "date": "2026-11-02"} for u, t in events], **extra}


def test_the_commit_message_says_what_changed():
    before = {"requests": {"1": _req("R1", [("E1", "drafted")])}}
    after = {
        "requests": {
            "1": _req("R1", [("E1", "drafted"), ("E2", "sent"), ("E3", "response")], findings={"a": "b"}),
            "2": _req("R2", [("E4", "drafted")]),
            "3": _req("R3", [("E5", "drafted"), ("E6", "sent"), ("E7", "acknowledged"), ("E8", "acknowledged")]),
        }
    }
    assert count_changes(before, after) == Counter(drafted=2, sent=2, response=1, acknowledged=2, findings=1)
    assert commit_message("Sam Smith", before, after) == (
        "Sam Smith: drafted 2, sent 2, 1 response, 2 acknowledgements, findings on 1"
    )
    assert commit_message("", after, after) == "foi: changes"
