"""The three-way merge of stores (foi/domain/merge.py), on plain dicts."""

from __future__ import annotations

import copy

from foi.domain.merge import merge_stores
from foi.ids import UidMaker

make = UidMaker()


def uid(n: int = 0) -> str:
    return make()


def event(type_: str, day: str, **extra) -> dict:
    return {"uid": make(), "type": type_, "date": day, **extra}


def request(rid: int, authority: str = "a1", subject: str = "Staffing", campaign: str | None = "hiu", **extra) -> dict:
    return {
        "uid": make(),
        "id": rid,
        "authority_id": authority,
        "authority_name": authority.upper(),
        "subject": subject,
        "campaign": campaign,
        "created": "2026-11-02",
        "created_by": "Alex",
        "regime": "foia",
        "findings": {},
        "events": [event("drafted", "2026-11-02", kind="request", letter="Dear")],
        **extra,
    }


def store(*reqs: dict, next_id: int | None = None, config: dict | None = None) -> dict:
    reqs_table = {str(r["id"]): r for r in reqs}
    top = max((r["id"] for r in reqs), default=0) + 1
    return {
        "meta": {"1": {"schema_version": 2, "next_id": next_id or top}},
        "requests": reqs_table,
        "config": {"1": dict(config or {})},
        "authorities": {},
    }


def fork(data: dict) -> dict:
    return copy.deepcopy(data)


def by_uid(data: dict) -> dict:
    return {r["uid"]: r for r in data["requests"].values()}


def both_ways(base, ours, theirs):
    one = merge_stores(base, ours, theirs)
    two = merge_stores(base, theirs, ours)
    assert normal(one.data) == normal(two.data)
    return one


def normal(data: dict) -> dict:
    """The content of a store, whatever the order of its lists."""
    out = copy.deepcopy(data)
    for r in out["requests"].values():
        r["events"] = sorted(r["events"], key=lambda e: e["uid"])
    return out


def test_requests_and_events_from_both_sides_are_kept_once():
    r1 = request(1)
    base = store(r1)
    ours, theirs = fork(base), fork(base)
    ours["requests"]["1"]["events"].append(event("sent", "2026-11-03", via="email"))
    theirs["requests"]["2"] = request(2, authority="a2")
    result = both_ways(base, ours, theirs)
    reqs = by_uid(result.data)
    assert len(reqs) == 2 and [e["type"] for e in reqs[r1["uid"]]["events"]] == ["drafted", "sent"]
    assert not result.conflicts and not result.renumbered
    assert result.data["meta"]["1"]["next_id"] == 3


def test_an_event_removed_on_one_side_stays_removed():
    r1 = request(1)
    r1["events"].append(event("sent", "2026-11-03"))
    r1["events"].append(event("acknowledged", "2026-11-04"))
    base = store(r1)
    ours, theirs = fork(base), fork(base)
    del ours["requests"]["1"]["events"][2]  # foi undo
    theirs["requests"]["1"]["events"].append(event("response", "2026-11-20", outcome="granted"))
    result = both_ways(base, ours, theirs)
    assert [e["type"] for e in result.data["requests"]["1"]["events"]] == ["drafted", "sent", "response"]
    assert not result.conflicts


def test_an_event_removed_on_one_side_but_changed_on_the_other_is_kept_and_reported():
    r1 = request(1)
    base = store(r1)
    ours, theirs = fork(base), fork(base)
    ours["requests"]["1"]["events"].clear()
    theirs["requests"]["1"]["events"][0]["sent_on"] = "2026-11-03"
    result = both_ways(base, ours, theirs)
    [e] = result.data["requests"]["1"]["events"]
    assert e["sent_on"] == "2026-11-03"
    [(where, c)] = result.conflicts
    assert where == r1["uid"] and c["removed"] and c["field"].startswith("events[")


def test_a_field_changed_on_one_side_takes_that_change_and_findings_merge_by_key():
    base = store(request(1, findings={"scheme": "yes"}))
    ours, theirs = fork(base), fork(base)
    ours["requests"]["1"]["findings"]["scheme"] = "no"
    theirs["requests"]["1"]["findings"]["budget"] = "£2m"
    theirs["requests"]["1"]["to_email"] = "foi@a1.nhs.uk"
    result = both_ways(base, ours, theirs)
    req = result.data["requests"]["1"]
    assert req["findings"] == {"scheme": "no", "budget": "£2m"} and req["to_email"] == "foi@a1.nhs.uk"
    assert not result.conflicts


def test_a_finding_changed_differently_on_both_sides_is_a_recorded_conflict():
    base = store(request(1, findings={"scheme": "unknown"}))
    ours, theirs = fork(base), fork(base)
    ours["requests"]["1"]["findings"]["scheme"] = "kept"
    theirs["requests"]["1"]["findings"]["scheme"] = "rebranded"
    result = both_ways(base, ours, theirs)
    req = result.data["requests"]["1"]
    assert req["conflicts"] == [{"field": "findings.scheme", "base": "unknown", "values": ["kept", "rebranded"]}]
    assert req["findings"]["scheme"] == "kept"
    # merging again (the other member pulls the result) finds the same conflict once
    again = merge_stores(base, theirs, result.data)
    assert again.data["requests"]["1"]["conflicts"] == req["conflicts"]


def test_two_responses_recorded_apart_are_both_kept_as_a_conflict_and_one_recorded_twice_is_kept_once():
    r1 = request(1)
    r1["events"].append(event("sent", "2026-11-03"))
    base = store(r1)
    ours, theirs = fork(base), fork(base)
    ours["requests"]["1"]["events"].append(event("response", "2026-11-20", outcome="granted"))
    theirs["requests"]["1"]["events"].append(event("response", "2026-11-20", outcome="refused"))
    same = {"type": "acknowledged", "date": "2026-11-05", "ref": "FOI 12"}
    ours["requests"]["1"]["events"].append({"uid": make(), **same})
    theirs["requests"]["1"]["events"].append({"uid": make(), **same})
    result = both_ways(base, ours, theirs)
    req = result.data["requests"]["1"]
    assert [e["type"] for e in req["events"]] == ["drafted", "sent", "acknowledged", "response", "response"]
    [c] = req["conflicts"]
    assert c["type"] == "response" and len(c["events"]) == 2


def test_short_numbers_clash_the_first_created_keeps_it():
    base = store(request(1))
    ours, theirs = fork(base), fork(base)
    first = request(2, authority="a2", created_by="Alex")
    second = request(2, authority="a3", created_by="Sam")
    ours["requests"]["2"], theirs["requests"]["2"] = first, second
    ours["meta"]["1"]["next_id"] = theirs["meta"]["1"]["next_id"] = 3
    result = both_ways(base, ours, theirs)
    assert result.data["requests"]["2"]["uid"] == first["uid"]
    assert result.data["requests"]["3"]["uid"] == second["uid"]
    [r] = result.renumbered
    assert r.message() == "request 2 from Sam is now 3"
    assert result.data["meta"]["1"]["next_id"] == 4


def test_two_members_drafting_to_one_authority_in_one_campaign_is_a_conflict():
    base = store(request(1))
    ours, theirs = fork(base), fork(base)
    ours["requests"]["2"] = request(2, authority="a9")
    theirs["requests"]["2"] = request(2, authority="a9")
    result = both_ways(base, ours, theirs)
    dup = [r for r in result.data["requests"].values() if r.get("conflicts")]
    assert len(dup) == 2
    assert dup[0]["conflicts"] == dup[1]["conflicts"] and "duplicates" in dup[0]["conflicts"][0]


def test_settings_changed_differently_are_a_store_conflict():
    base = store(request(1), config={"organisation": "HIU"})
    ours, theirs = fork(base), fork(base)
    ours["config"]["1"]["organisation"] = "StopSIM"
    theirs["config"]["1"]["organisation"] = "Stop SIM"
    result = both_ways(base, ours, theirs)
    [c] = result.data["meta"]["1"]["conflicts"]
    assert c["field"] == "config: organisation" and c["values"] == ["Stop SIM", "StopSIM"]


def test_a_request_deleted_on_one_side_and_untouched_on_the_other_is_gone():
    base = store(request(1), request(2, authority="a2"))
    ours, theirs = fork(base), fork(base)
    del ours["requests"]["2"]
    result = both_ways(base, ours, theirs)
    assert list(result.data["requests"]) == ["1"]


def test_no_base_unions_everything():
    a, b = store(request(1)), store(request(1, authority="a2"))
    result = both_ways(None, a, b)
    assert sorted(result.data["requests"]) == ["1", "2"]


def test_authorities_and_campaigns_are_matched_by_their_own_id_not_their_number():
    base = store(request(1))
    ours, theirs = fork(base), fork(base)
    ours["authorities"] = {"1": {"id": "x-council", "name": "X Council"}}
    theirs["authorities"] = {"1": {"id": "y-council", "name": "Y Council"}}
    ours["campaigns"] = {"1": {"name": "hiu", "title": "HIU"}}
    theirs["campaigns"] = {"1": {"name": "sim", "title": "SIM"}, "2": {"name": "hiu", "title": "HIU schemes"}}
    result = both_ways(base, ours, theirs)
    assert sorted(a["id"] for a in result.data["authorities"].values()) == ["x-council", "y-council"]
    campaigns = {c["name"]: c for c in result.data["campaigns"].values()}
    assert sorted(campaigns) == ["hiu", "sim"]
    # hiu was declared on both sides with different titles: a store conflict
    [c] = result.data["meta"]["1"]["conflicts"]
    assert c["field"] == "campaign hiu: title"


def test_a_uid_a_damaged_store_has_twice_loses_nothing():
    r1 = request(1)
    twin = {**copy.deepcopy(r1), "id": 2, "authority_id": "a2"}  # a hand copy: same uids
    twin["events"].append(copy.deepcopy(twin["events"][0]))  # and one event twice
    base = store(r1)
    ours = store(r1, twin)
    theirs = fork(base)
    result = both_ways(base, ours, theirs)
    reqs = result.data["requests"]
    assert sorted(reqs) == ["1", "2"] and len(reqs["2"]["events"]) == 2
    assert len({reqs["1"]["uid"], reqs["2"]["uid"]}) == 2
    assert len({e["uid"] for e in reqs["2"]["events"]}) == 2
