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

* `foi merge --driver BASE OURS THEIRS` as git runs it on every `foi sync`,
  on git's three temporary files (read and check the three, merge, check and
  write OURS atomically; git itself brings the other members' letter and
  attachment files), against loading those three files through the store
  package as every foi command reads a store (garbage collector paused);
* `foi merge BASE OURS THEIRS` by hand on three stores foi wrote: the same
  under OURS's lock, keeping OURS.bak, and copying the letters THEIRS added
  (100 files) beside OURS, against loading those (a receipt foi leaves
  beside a store it wrote spares the reader the check);
* of which the merge itself (:func:`foi.domain.merge.merge_stores`).

Target: the driver's merge within 3x its load.  Exit status 1 when missed.
"""

from __future__ import annotations

import argparse
import copy
import os
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

from foi.app.merge import _no_gc, merge_files  # noqa: E402
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
        first_event = {**rec["events"][0], "uid": new_uid()}
        if "letter" in first_event:  # a letter of its own (a file of its own once stored)
            first_event["letter"] += f"\n-- {who} {n}\n"
        rec["events"] = [first_event]
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
            with open_store(paths[name], write=True) as s:  # letters out to their files, as foi keeps them
                s.replace_tables(s.tables())
        work = folder / "work" / "foi.json"
        # git hands its merge driver three temporary files (no receipt of a
        # foi write beside them: each is read and checked in full)
        git_files = {name: folder / f".merge_file_{name}" for name in paths}
        for name, p in paths.items():
            shutil.copyfile(p, git_files[name])

        def load(files=paths) -> list:
            out = []
            with _no_gc():  # as foi reads a store (foi.cli.common / foi.app.merge)
                for key in ("base", "ours", "theirs"):
                    with open_store(files[key]) as s:
                        out.append(s.tables())
            return out

        def fresh_git() -> None:
            shutil.copyfile(paths["ours"], git_files["ours"])

        def fresh() -> None:
            """OURS as a member has it: the store and its letters beside it
            (the files linked, not copied: they never change)."""
            shutil.rmtree(work.parent, ignore_errors=True)
            shutil.copytree(paths["ours"].parent, work.parent, copy_function=os.link)
            for name in (work.name, work.name + ".lock"):  # (a merge rewrites these two in place)
                (work.parent / name).unlink()
                shutil.copyfile(paths["ours"].with_name(name), work.parent / name)

        loaded = load()
        t_load = median_time(load, args.runs)
        t_load_git = median_time(lambda: load(git_files), args.runs)
        t_pure = median_time(lambda: merge_stores(*loaded), args.runs)
        g = git_files
        t_driver = median_time(
            lambda: merge_files(g["base"], g["ours"], g["theirs"], driver=True), args.runs, fresh_git
        )
        t_merge = median_time(lambda: merge_files(paths["base"], work, paths["theirs"]), args.runs, fresh)
        fresh()
        report = merge_files(paths["base"], work, paths["theirs"])
    size_mb = len(dump_bytes(base)) / 1e6
    ratio = t_driver / t_load_git
    print(f"stores: {args.size:,} requests ({size_mb:.1f} MB), each side +100 requests, 50 responses, 20 findings")
    print(
        f"result: {report.requests:,} requests, {len(report.result.renumbered)} renumbered, "
        f"{len(report.result.conflicts)} conflicts, {len(report.copied)} files copied"
    )
    print(f"load git's three files:                 {t_load_git * 1000:6.0f} ms")
    print(f"foi merge as git's driver (foi sync):   {t_driver * 1000:6.0f} ms = {ratio:.2f}x load (target {TARGET}x)")
    print(f"load three stores foi wrote:            {t_load * 1000:6.0f} ms (a receipt spares the check)")
    print(f"foi merge by hand (lock, .bak, copies): {t_merge * 1000:6.0f} ms = {t_merge / t_load:.2f}x that load")
    print(f"  of which merge_stores:                {t_pure * 1000:6.0f} ms")
    print("PASS" if ratio <= TARGET else "MISSED")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
