"""Property: members working offline and syncing in any order through a
shared "remote" (as `foi sync` does with git) end with one store, merging is
commutative at every step, and no event is ever lost or doubled."""

from __future__ import annotations

import copy
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from foi.domain.merge import merge_stores
from foi.ids import _make

MEMBERS = 3
AUTHORITIES = ("a1", "a2", "a3", "a4")


class World:
    def __init__(self):
        self.counter = itertools.count(1)
        empty = {"meta": {"1": {"schema_version": 2, "next_id": 1}}, "requests": {}, "config": {"1": {}}}
        self.remote = empty
        self.local = [copy.deepcopy(empty) for _ in range(MEMBERS)]
        self.base = [copy.deepcopy(empty) for _ in range(MEMBERS)]
        self.created: set[str] = set()
        self.undone: set[str] = set()

    def uid(self) -> str:
        n = next(self.counter)
        return _make(n, n)

    def event(self, type_: str, day: int, **extra) -> dict:
        e = {"uid": self.uid(), "type": type_, "date": f"2026-11-{day:02d}", "note": f"n{len(self.created)}", **extra}
        self.created.add(e["uid"])
        return e

    # -- member actions (offline) --------------------------------------------------
    def draft(self, m: int, authority: int, day: int) -> None:
        data = self.local[m]
        rid = data["meta"]["1"]["next_id"]
        data["meta"]["1"]["next_id"] = rid + 1
        data["requests"][str(rid)] = {
            "uid": self.uid(),
            "id": rid,
            "authority_id": AUTHORITIES[authority],
            "subject": "s",
            "campaign": "c",
            "created_by": f"m{m}",
            "findings": {},
            "events": [self.event("drafted", day, kind="request")],
        }

    def add(self, m: int, pick: int, kind: str, day: int) -> None:
        reqs = self.local[m]["requests"]
        if reqs:
            req = reqs[sorted(reqs)[pick % len(reqs)]]
            req["events"] = sorted([*req["events"], self.event(kind, day)], key=lambda e: (e["date"], e["uid"]))

    def finding(self, m: int, pick: int, key: str, value: str) -> None:
        reqs = self.local[m]["requests"]
        if reqs:
            req = reqs[sorted(reqs)[pick % len(reqs)]]
            req["findings"] = {**req["findings"], key: value}

    def mark(self, m: int, pick: int, day: int) -> None:
        """Change an event (a draft marked as sent on a day)."""
        reqs = self.local[m]["requests"]
        if reqs:
            req = reqs[sorted(reqs)[pick % len(reqs)]]
            req["events"] = [{**req["events"][0], "sent_on": f"2026-11-{day:02d}"}, *req["events"][1:]]

    def undo(self, m: int, pick: int) -> None:
        reqs = self.local[m]["requests"]
        if reqs:
            req = reqs[sorted(reqs)[pick % len(reqs)]]
            if len(req["events"]) > 1:
                self.undone.add(req["events"][-1]["uid"])
                req["events"] = req["events"][:-1]

    def sync(self, m: int) -> None:
        base, mine, remote = self.base[m], self.local[m], self.remote
        one = merge_stores(base, mine, remote).data
        two = merge_stores(base, remote, mine).data
        assert one == two, "merging is not commutative"
        _check(one)
        self.remote = one
        self.local[m] = copy.deepcopy(one)
        self.base[m] = copy.deepcopy(one)


def _check(data: dict) -> None:
    uids = [r["uid"] for r in data["requests"].values()]
    assert len(uids) == len(set(uids))
    for key, req in data["requests"].items():
        assert req["id"] == int(key)
        events = [e["uid"] for e in req["events"]]
        assert len(events) == len(set(events))
        for c in req.get("conflicts") or ():
            if "values" in c:  # both values are kept in the store
                assert len(c["values"]) == 2


day = st.integers(1, 28)
pick = st.integers(0, 20)
action = st.one_of(
    st.tuples(st.just("draft"), st.integers(0, len(AUTHORITIES) - 1), day),
    st.tuples(st.just("add"), pick, st.sampled_from(["sent", "response", "note", "acknowledged"]), day),
    st.tuples(st.just("finding"), pick, st.sampled_from(["scheme", "staff"]), st.sampled_from(["yes", "no", "kept"])),
    st.tuples(st.just("undo"), pick),
    st.tuples(st.just("mark"), pick, day),
    st.tuples(st.just("sync")),
)
steps = st.lists(st.tuples(st.integers(0, MEMBERS - 1), action), max_size=40)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_any_interleaving_of_offline_work_and_syncs_converges_without_losing_an_event(plan):
    world = World()
    for member, (name, *args) in plan:
        getattr(world, name)(member, *args)
    for _ in range(2):  # everyone syncs twice, in turn
        for m in range(MEMBERS):
            world.sync(m)
    final = world.remote
    assert all(local == final for local in world.local)
    events = [e["uid"] for r in final["requests"].values() for e in r["events"]]
    assert len(events) == len(set(events))  # nothing doubled
    undone = world.undone
    kept = {e for e in world.created if e not in undone}
    # nothing lost: every event made and not undone is in the store
    assert kept <= set(events), sorted(kept - set(events))
    assert set(events) <= world.created
    # an undone event stays undone, unless someone changed it meanwhile (a conflict says so)
    flagged = {
        c["field"][7:33] for r in final["requests"].values() for c in r.get("conflicts") or () if c.get("removed")
    }
    assert (undone & set(events)) <= flagged
    ids = sorted(int(k) for k in final["requests"])
    assert len(ids) == len(set(ids))
