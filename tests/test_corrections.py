"""Issue 13, bug 5: a response recorded twice, and nothing could be corrected.

`foi respond` refuses a second response (unless --replace), `foi undo`
removes the event recorded last, `foi edit` corrects an event's date,
outcome or exemptions (keeping its permanent uid, so a coalition's merge
sees the change), and `foi doctor` reports values outside the vocabulary."""

from __future__ import annotations

import json

OXFORD = "oxford-health-nhs-foundation-trust"


def _sent(me, on="2026-11-02"):
    rid = me.json("--today", "2026-11-02", "draft", "-t", "hiu-scheme", "--to", OXFORD)[0]["id"]
    me("send", rid, "--on", on)
    return rid


def _events(me, rid):
    return me.json("show", rid)["request"]["events"]


def _bytes(path):
    return path.read_bytes()


def test_second_response_is_refused_and_replace_corrects_it(me, store_path):
    rid = _sent(me)
    me("respond", rid, "--outcome", "granted", "--on", "2026-11-20")
    uid = [e for e in _events(me, rid) if e["type"] == "response"][0]["uid"]
    before = _bytes(store_path)
    r = me("respond", rid, "--outcome", "refused", "--exemption", "s40(2)", ok=False)
    assert r.exit_code == 1 and "already answered on Fri 20 Nov 2026 (granted)" in r.stderr
    assert "--replace" in r.stderr and _bytes(store_path) == before
    # bug 5 merged the two: outcome and exemptions of both on one request
    me("respond", rid, "--outcome", "partial", "--exemption", "s40(2)", "--on", "2026-11-21", "--replace")
    responses = [e for e in _events(me, rid) if e["type"] == "response"]
    assert len(responses) == 1
    assert responses[0]["outcome"] == "partial" and responses[0]["exemptions"] == ["s40(2)"]
    assert responses[0]["date"] == "2026-11-21" and responses[0]["uid"] == uid  # the same event, corrected


def test_undo_shows_the_event_asks_and_removes_it(me, store_path):
    rid = _sent(me)
    me("log", rid, "acknowledged", "--on", "2026-11-03", "--ref", "FOI-1")
    before = _bytes(store_path)
    # no terminal and no --yes: refused, nothing removed
    r = me("undo", rid, ok=False)
    assert r.exit_code == 2 and "acknowledged" in r.stderr and "--yes" in r.stderr
    assert _bytes(store_path) == before
    # on a terminal it asks; "n" keeps it
    r = me("undo", rid, "--dry-run")
    assert "ref FOI-1" in r.stderr and "nothing was removed" in r.stderr
    r = me("undo", rid, "--yes")
    assert r.stdout == f"{rid}\tremoved acknowledged of 2026-11-03\n"
    assert [e["type"] for e in _events(me, rid)] == ["drafted", "sent"]


def test_undo_of_a_send_makes_the_letter_a_draft_again(me):
    rid = _sent(me)
    me("undo", rid, "--yes")
    events = _events(me, rid)
    assert [e["type"] for e in events] == ["drafted"] and "sent_on" not in events[0]
    assert me.json("show", rid)["state"]["stage"] == "draft"
    me("send", rid, "--on", "2026-11-04")  # and it can be sent again
    r = me("undo", rid, "--yes")
    r = me("undo", rid, "--yes", ok=False)
    assert r.exit_code == 1 and "nothing to undo" in r.stderr


def test_undo_removes_the_event_recorded_last_even_if_dated_earlier(me):
    rid = _sent(me, on="2026-11-02")
    me("log", rid, "note", "--note", "phoned", "--on", "2026-11-10")
    me("log", rid, "acknowledged", "--on", "2026-11-04")  # recorded last, dated earlier
    me("undo", rid, "--yes")
    assert [e["type"] for e in _events(me, rid)] == ["drafted", "sent", "note"]


def test_edit_corrects_date_outcome_and_exemptions_keeping_the_uid(me, store_path):
    rid = _sent(me)
    me("respond", rid, "--outcome", "refused", "--exemption", "s31", "--on", "2026-11-20")
    [response] = [e for e in _events(me, rid) if e["type"] == "response"]
    r = me("edit", rid, "--event", "response", "--outcome", "partial", "--exemption", "s40(2)", "--on", "2026-11-19")
    assert "partial" in r.stdout and "2026" not in r.stdout.split("now")[0]
    [fixed] = [e for e in _events(me, rid) if e["type"] == "response"]
    assert fixed["uid"] == response["uid"]
    assert (fixed["outcome"], fixed["exemptions"], fixed["date"]) == ("partial", ["s40(2)"], "2026-11-19")
    me("edit", rid, "--event", "response", "--no-exemptions")
    assert "exemptions" not in [e for e in _events(me, rid) if e["type"] == "response"][0]
    # a date that breaks the timeline is refused, nothing changed
    before = _bytes(store_path)
    r = me("edit", rid, "--event", "response", "--on", "2026-10-01", ok=False)
    assert r.exit_code == 1 and "would leave request 1 wrong" in r.stderr and _bytes(store_path) == before
    # an outcome of the wrong kind of event is refused
    r = me("edit", rid, "--event", "response", "--outcome", "upheld", ok=False)
    assert r.exit_code == 2 and "outcome 'upheld' is not one of granted" in r.stderr
    r = me("edit", rid, "--event", "sent", "--outcome", "granted", ok=False)
    assert r.exit_code == 2 and "a sent event has no outcome" in r.stderr
    r = me("edit", rid, "--event", "9", "--note", "x", ok=False)
    assert r.exit_code == 2 and "no event 9" in r.stderr
    r = me("edit", rid, "--event", "2", "--on", "2026-11-02", ok=False)
    assert r.exit_code == 2 and "changes nothing" in r.stderr
    me("edit", rid, "--event", "2", "--via", "post", "--dry-run")
    assert _events(me, rid)[1]["via"] == "email"


def test_an_edit_merges_as_a_change_and_an_undo_as_a_removal():
    """Both sides of a coalition: one corrects the response, the other adds a
    note; one undoes an acknowledgement.  The three-way merge keeps the
    correction and the removal."""
    from datetime import date

    from foi.domain.corrections import edit_event, remove_event
    from foi.domain.merge import merge_events

    today = date(2026, 12, 1)
    base_events = [
        {"uid": "01A", "type": "drafted", "date": "2026-11-02", "kind": "request", "sent_on": "2026-11-02"},
        {"uid": "01B", "type": "sent", "date": "2026-11-02", "via": "email"},
        {"uid": "01C", "type": "acknowledged", "date": "2026-11-03"},
        {"uid": "01D", "type": "response", "date": "2026-11-20", "outcome": "grantd"},
    ]
    req = {"id": 1, "regime": "foia", "nation": "england", "events": base_events}
    ours, _, _ = edit_event(req, 3, {"outcome": "granted"}, today)
    theirs, _ = remove_event(req, 2, today)
    found: list = []
    merged = merge_events(base_events, ours["events"], theirs["events"], found)
    assert [e["uid"] for e in merged] == ["01A", "01B", "01D"] and merged[-1]["outcome"] == "granted"
    assert found == []


def test_doctor_reports_values_outside_the_vocabulary(me, store_path):
    rid = _sent(me)
    me("respond", rid, "--outcome", "granted")
    data = json.loads(store_path.read_text())
    [req] = data["requests"].values()
    next(e for e in req["events"] if e["type"] == "response")["outcome"] = "grantd"  # typed by hand
    next(e for e in req["events"] if e["type"] == "sent")["via"] = "carrier pigeon"
    store_path.write_text(json.dumps(data))
    r = me("doctor")
    out = r.stdout + r.stderr
    assert "outcome 'grantd' is not one of granted" in out and "did you mean granted?" in out
    assert f"foi edit {rid} --event 3 --outcome VALUE" in out
    assert "via 'carrier pigeon'" in out
    me("edit", rid, "--event", "3", "--outcome", "granted")
    me("edit", rid, "--event", "2", "--via", "email")
    assert "vocabulary" not in (me("doctor").stdout + me("doctor").stderr)
