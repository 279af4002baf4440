"""Permanent ids (foi/ids.py): ULIDs on every request and event."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from foi import ids
from foi.store import open_store, read_store_file

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


def test_a_uid_is_26_uppercase_crockford_characters_in_time_order():
    make = ids.UidMaker()
    a = make(now_ms=1_700_000_000_000)
    b = make(now_ms=1_700_000_000_000)  # same millisecond: still after a
    c = make(now_ms=1_700_000_000_001)
    assert len(a) == 26 and ids.is_uid(a) and a < b < c
    assert ids.uid_time(a).year == 2023
    assert set(a) <= set(ids.ALPHABET) and not set("ILOU") & set(a)


def test_a_clock_going_back_never_makes_an_earlier_uid():
    make = ids.UidMaker()
    a = make(now_ms=1_800_000_000_000)
    assert make(now_ms=1_799_999_999_000) > a


@given(st.integers(0, (1 << 48) - 1), st.integers(0, (1 << 80) - 1))
def test_encoding_keeps_the_order_of_the_numbers(ms, rand):
    u = ids._make(ms, rand)
    assert ids.is_uid(u)
    assert ids._make(ms, rand) == u
    if rand:
        assert ids._make(ms, rand - 1) < u


def test_malformed_uids_are_refused():
    good = ids.new_uid()
    for bad in (good.lower(), good[:-1], good + "0", "8" + good[1:], good[:5] + "I" + good[6:], None, 7):
        assert not ids.is_uid(bad), bad


def test_derived_uids_depend_only_on_the_data():
    req = {
        "id": 3,
        "created": "2026-01-05",
        "authority_id": "x",
        "subject": "S",
        "events": [{"type": "drafted", "date": "2026-01-05"}, {"type": "drafted", "date": "2026-01-05"}],
    }
    one, two = ids.add_derived_uids(req), ids.add_derived_uids(json.loads(json.dumps(req)))
    assert one == two and "uid" not in req
    # identical events (two drafts the same day) get different uids
    assert one["events"][0]["uid"] != one["events"][1]["uid"]
    assert ids.uid_time(one["uid"]).date().isoformat() == "2026-01-05"
    assert not ids.uid_problems({"3": one})


def test_copies_of_one_old_store_upgraded_apart_get_the_same_uids(tmp_path):
    a, b = tmp_path / "a" / "foi.json", tmp_path / "b" / "foi.json"
    for p in (a, b):
        p.parent.mkdir(mode=0o700)
        shutil.copyfile(FIXTURES / "v1.json", p)
    for p in (a, b):
        with open_store(p, write=True) as s:
            s.set_config({**s.config(), "email": f"{p.parent.name}@example.org"})
    ra, rb = read_store_file(a)["requests"], read_store_file(b)["requests"]
    assert {k: r["uid"] for k, r in ra.items()} == {k: r["uid"] for k, r in rb.items()}
    assert [e["uid"] for r in ra.values() for e in r["events"]] == [e["uid"] for r in rb.values() for e in r["events"]]
    assert a.with_name("foi.json.v1.bak").exists()


def test_new_requests_and_events_get_uids_and_record_who_drafted_them(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Crisis team staffing")
    me("send", "1", "--on", "2/11/2026")
    me("log", "1", "acknowledged", "--on", "3/11/2026")
    [req] = read_store_file(store_path)["requests"].values()
    assert ids.is_uid(req["uid"])
    assert [ids.is_uid(e["uid"]) for e in req["events"]] == [True, True, True]
    assert len({e["uid"] for e in req["events"]}) == 3
    assert req["created_by"] == "Alex Jones"
    assert req["requester"] == {"name": "Alex Jones", "email": "alex@example.org", "address": ""}


def test_a_follow_up_goes_in_the_name_of_the_person_who_sent_the_request(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Crisis team staffing")
    me("send", "1", "--on", "2/10/2026")
    # another member of the coalition now drafts the chaser
    me("config", "set", "name", "Sam Smith")
    me("config", "set", "email", "sam@example.org")
    letter = me("chase", "1").stdout
    assert "Alex Jones" in letter and "alex@example.org" in letter and "Sam Smith" not in letter


def test_a_repeated_event_is_still_refused_although_each_has_its_own_uid(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    me("log", "1", "acknowledged", "--on", "3/11/2026")
    r = me("log", "1", "acknowledged", "--on", "3/11/2026", ok=False)
    assert r.exit_code == 1 and "already has this acknowledged" in r.stderr


def test_exports_carry_the_uid(me, store_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    [row] = json.loads(me("export", "--format", "json").stdout)
    [req] = read_store_file(store_path)["requests"].values()
    assert row["uid"] == req["uid"]
    assert "uid" in me("export", "--format", "csv").stdout.splitlines()[0]
