"""Benchmark `foi merge` (issue 16): two 10,000-request stores that each added
100 requests, against the time to load the three files.

    .venv/bin/python bench/bench_merge.py              # 10,000 requests, 5 runs
    .venv/bin/python bench/bench_merge.py --size 50000 --runs 3

BASE is a store of the benchmark's generator (bench/make_store.py) with
permanent ids; OURS and THEIRS each add 100 new requests (with the same short
numbers, so one side's 100 are all renumbered) and record a response on 50
existing requests (different ones), and change 20 findings (10 of them the
same request and key with different values: recorded conflicts).

Measured in one process, median of the runs:

* load: reading the three files through the store package (parse, check,
  as every foi command does);
* merge: all of `foi merge BASE OURS THEIRS` as the command runs it
  (read the three, merge, write OURS atomically with its backup), on a fresh
  copy of OURS each run;
* of which the merge itself (:func:`foi.domain.merge.merge_stores`).

Target: merge within 3x load.  Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from make_store import build  # noqa: E402

from foi.app.merge import merge_files  # noqa: E402
from foi.domain.merge import merge_stores  # noqa: E402
from foi.ids import new_uid  # noqa: E402
from foi.store import dump_bytes, open_store  # noqa: E402

TARGET = 3.0


def side(base: dict, rnd: random.Random, answered: list[str], who: str) -> dict:
    """A member's copy: 100 new requests, 50 responses, 20 findings."""
    data = copy.deepcopy(base)
    reqs = data["requests"]
    first = data["meta"]["1"]["next_id"]
    models = rnd.sample(sorted(reqs), 100)
    for n, key in enumerate(models):
        rec = copy.deepcopy(reqs[key])
        rec["id"] = first + n
        rec["uid"] = new_uid()
        rec["created_by"] = who
        rec["events"] = [{**rec["events"][0], "uid": new_uid()}]
        reqs[str(first + n)] = rec
    data["meta"]["1"]["next_id"] = first + 100
    for key in answered:
        when = max(["2026-11-20"] + [e["date"] for e in reqs[key]["events"]])  # (events stay in date order)
        event = {"uid": new_uid(), "type": "response", "date": when, "outcome": "granted"}
        reqs[key] = {**reqs[key], "events": [*reqs[key]["events"], event]}
    for key in sorted(reqs)[:10] + rnd.sample(sorted(reqs), 10):
        reqs[key] = {**reqs[key], "findings": {**(reqs[key].get("findings") or {}), "scheme": f"{who}-{key}"}}
    return data


def median_time(fn, runs: int, prepare=None) -> float:
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Benchmark foi merge (see the module's docstring).")
    p.add_argument("--size", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    rnd = random.Random(16)
    base = build(args.size)
    keys = rnd.sample(sorted(base["requests"]), 100)
    ours, theirs = side(base, rnd, keys[:50], "alex"), side(base, rnd, keys[50:], "sam")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = {}
        for name, data in (("base", base), ("ours", ours), ("theirs", theirs)):
            paths[name] = folder / name / "foi.json"
            paths[name].parent.mkdir(mode=0o700)
            paths[name].write_bytes(dump_bytes(data))
            paths[name].chmod(0o600)
        work = folder / "work" / "foi.json"
        work.parent.mkdir(mode=0o700)

        def load() -> list:
            out = []
            for key in ("base", "ours", "theirs"):
                with open_store(paths[key]) as s:
                    out.append(s.tables())
            return out

        def fresh() -> None:
            shutil.copyfile(paths["ours"], work)

        loaded = load()
        t_load = median_time(load, args.runs)
        t_pure = median_time(lambda: merge_stores(*loaded), args.runs)
        t_merge = median_time(lambda: merge_files(paths["base"], work, paths["theirs"]), args.runs, fresh)
        fresh()
        report = merge_files(paths["base"], work, paths["theirs"])
    size_mb = len(dump_bytes(base)) / 1e6
    ratio = t_merge / t_load
    print(f"stores: {args.size:,} requests ({size_mb:.1f} MB), each side +100 requests, 50 responses, 20 findings")
    print(
        f"result: {report.requests:,} requests, {len(report.result.renumbered)} renumbered, "
        f"{len(report.result.conflicts)} conflicts"
    )
    print(f"load the three files:      {t_load * 1000:8.0f} ms")
    print(f"foi merge (read, merge, write): {t_merge * 1000:8.0f} ms  = {ratio:.2f}x load (target {TARGET}x)")
    print(f"  of which merge_stores:   {t_pure * 1000:8.0f} ms")
    print("PASS" if ratio <= TARGET else "MISSED")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
