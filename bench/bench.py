"""Benchmark foi as whole processes against baselines measured in the same run.

    .venv/bin/python bench/bench.py            # 1k, 10k and 50k stores, 5 runs (3 on 50k)
    .venv/bin/python bench/bench.py --quick    # 1k and 10k, 3 runs (for iteration)
    .venv/bin/python bench/bench.py --only overdue,list   # some commands only

Stores are generated first if missing (bench/make_store.py; bench/stores/ is
git-ignored): for each size the v1 file (one JSON file with every letter, as
foi 0.1 wrote it) and the same store upgraded by foi (the current layout:
letters in files beside it).  Every command runs as a fresh process (the
installed `foi` script of the venv) on the upgraded store, with stdout going
to a file (as when piped), after one untimed warm-up run; the FASTEST wall
time of the runs is reported (issue 15; the median beside it) with the peak
RSS of the process (``os.wait4``), beside its baseline measured in the same
run on the v1 file, the two taking turns run by run (so that drift over the
run moves both alike):

* read:     python -c "import json; json.load(open(V1_FILE))"
* write:    that, plus an atomic json.dump to a temp file, fsync, os.replace
* start-up: python -c pass
* click:    python -c "import click"

Commands that write get a fresh copy of the store before each run (the copy
is not timed).  Results (and the store's own costs, measured in-process) go
to bench/RESULTS.md between the ``bench:`` markers; notes outside the markers
are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cases import apply_targets, cases, growth, rerender, table, verdict  # noqa: E402
from runner import (  # noqa: E402
    BASELINES,
    FOI,
    HERE,
    MB,
    PY,
    ROOT,
    STORES,
    TODAY,
    CommandFailed,
    Timing,
    child_env,
    ensure_stores,
    last_id,
    measure,
    measure_side_by_side,
    store_path,
    v1_path,
)


def git_head(src: Path | None) -> str:
    if src is not None:
        return "given with --src"
    try:
        out = subprocess.run(
            ["git", "-C", str(ROOT), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "foi"], capture_output=True, text=True
        ).stdout.strip()
        return f"commit {out[:70]}" + (" + uncommitted changes in foi/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f", {int(line.split()[1]) / 1024 / 1024:.1f} GB RAM"
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{mem}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {datetime.now():%Y-%m-%d %H:%M}"
    )


# ---------------------------------------------------------------------------


def run(args) -> list[dict]:
    sizes = ("1000", "10000") if args.quick else ("1000", "10000", "50000")
    if args.sizes:
        sizes = tuple(args.sizes.split(","))
    runs = args.runs or (3 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else None
    needed = {"empty", *sizes}
    ensure_stores(sorted(needed))
    send_ids = {s: last_id(s) for s in sizes}
    work = Path(tempfile.mkdtemp(prefix="foi-bench-", dir=STORES))
    env = child_env(args.src)
    try:
        return _run(args, sizes, runs, only, send_ids, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


errors: list[str] = []


def _run(args, sizes, runs, only, send_ids, work, env) -> list[dict]:
    rows = []
    base_cache: dict[tuple[str, str], Timing] = {}

    def fresh_copy(src: Path) -> Path:
        """A copy of the store's folder before each run of a command that
        writes: the JSON and its lock file (the receipt) copied, the letter
        files hard-linked (they never change)."""
        dst = work / src.name

        def prepare():
            shutil.rmtree(work)
            if src.suffix == ".json" and src.parent == STORES:  # a v1 file (the write baseline)
                work.mkdir()
                shutil.copyfile(src, dst)
                return
            shutil.copytree(src.parent, work, copy_function=os.link, ignore=shutil.ignore_patterns("foi.json*"))
            for f in src.parent.glob("foi.json*"):
                shutil.copyfile(f, work / f.name)

        return dst, prepare

    def baseline_process(kind: str, size: str) -> tuple[list, object]:
        argv = [PY, *BASELINES[kind]]
        prepare = None
        if kind in ("read", "write"):
            src = v1_path(size)
            path = src
            if kind == "write":
                path, prepare = fresh_copy(src)
            argv.append(str(path))
        return argv, prepare

    def baseline(kind: str, size: str) -> Timing:
        """The start-up baseline (for draft250's extra target), measured once."""
        key = (kind, size)
        if key not in base_cache:
            argv, prepare = baseline_process(kind, size)
            base_cache[key] = measure(argv, runs, env, prepare)
        return base_cache[key]

    for case in cases(send_ids):
        if only and case.key not in only:
            continue
        for size in case.sizes:
            if size not in ("none", "empty") and size not in sizes:
                continue
            src = store_path(size)
            argv = [FOI]
            prepare = None
            if src is not None:
                path = src
                if case.writes:
                    path, prepare = fresh_copy(src)
                argv += ["--store", str(path)]
            argv += ["--today", TODAY]
            argv += [a.format(send_id=send_ids.get(size, 1)) for a in case.argv]
            r = runs if size != "50000" else min(runs, 3)
            base_kind = case.baseline
            if size in ("none", "empty") and base_kind in ("read", "write"):
                base_kind = "start-up"
            if case.writes and size == "empty":
                base_kind = "start-up"
            base = baseline_process(base_kind, size if base_kind in ("read", "write") else "none")
            try:  # (the command and its baseline take turns: see runner.measure_side_by_side)
                t, b = measure_side_by_side([(argv, prepare), base], r, env)
            except CommandFailed as exc:
                print(f"bench: {exc}", file=sys.stderr, flush=True)
                errors.append(f"`{case.label}` on {size}: {exc}")
                continue
            startup = baseline("start-up", "none")
            row = {
                "key": case.key,
                "command": case.label,
                "size": size,
                "median": t.median,
                "fastest": t.fastest,
                "times": t.times,
                "baseline_kind": base_kind,
                "baseline": b.fastest,
                "baseline_median": b.median,
                "ratio": t.fastest / b.fastest,
                "rss": t.peak,
                "baseline_rss": b.peak,
                "out_bytes": t.out_bytes,
                "store_bytes": src.stat().st_size if src is not None else 0,
                "v1_bytes": v1_path(size).stat().st_size if src is not None else 0,
                "startup": startup.fastest,
                "target": "",
                "pass": None,
                "rss_limit": None,
            }
            row["case"] = case.key
            rows.append(row)
            apply_targets(row, case)
            print(
                f"{case.label:<58} {size:>6}  {t.fastest:7.3f}s  base {b.fastest:6.3f}s  "
                f"x{row['ratio']:5.2f}  rss {t.peak / MB:6.0f} MB  {row['target']} {verdict(row)}",
                flush=True,
            )
    growth(rows)
    return rows


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def write_results(path: Path, text: str) -> None:
    block = f"{START}\n{text}\n{END}"
    if path.exists():
        old = path.read_text("utf-8")
        if START in old and END in old:
            head, rest = old.split(START, 1)
            _, tail = rest.split(END, 1)
            path.write_text(head + block + tail, "utf-8")
            return
        path.write_text(old.rstrip() + "\n\n" + block + "\n", "utf-8")
        return
    path.write_text("# foi benchmark results\n\n" + block + "\n", "utf-8")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description="Benchmark foi (see bench/README.md).")
    p.add_argument("--quick", action="store_true", help="1k and 10k stores only, 3 runs")
    p.add_argument("--runs", type=int, help="timed runs per command (default 5; 3 with --quick; at most 3 on 50k)")
    p.add_argument("--sizes", help="comma-separated store sizes, e.g. 10000")
    p.add_argument(
        "--only",
        help="comma-separated case keys: help, overdue-empty, overdue, list, export, stats, send, draft47, draft250",
    )
    p.add_argument("--no-store-cost", action="store_true", help="skip the in-process store cost table")
    p.add_argument(
        "--output", type=Path, default=HERE / "RESULTS.md", help="markdown file to update (default bench/RESULTS.md)"
    )
    p.add_argument("--json", type=Path, help="also write the raw results here")
    p.add_argument("--from-json", type=Path, help="re-render the table of a run saved with --json (no timing)")
    p.add_argument(
        "--src",
        type=Path,
        help="benchmark the foi package in this folder instead (PYTHONPATH), "
        "e.g. an older commit: git archive COMMIT foi | tar -x -C DIR",
    )
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    if args.from_json:
        rows = rerender(json.loads(args.from_json.read_text("utf-8")))
        args.no_store_cost = True
    else:
        rows = run(args)
    parts = [
        f"Machine: {machine()}.  ",
        f"Source: {args.src or 'this checkout'} ({git_head(args.src)}).  ",
        f"Mode: {'quick' if args.quick else 'full'}; the fastest of {args.runs or (3 if args.quick else 5)} runs "
        "(at most 3 on 50,000) after a warm-up run, for the command and for its baseline alike; "
        "`--today " + TODAY + "`; stdout to a file.",
        "",
        table(rows),
    ]
    if not args.no_store_cost and not args.only:
        sizes = [s for s in ("1000", "10000", "50000") if store_path(s).exists() and (not args.quick or s != "50000")]
        from store_cost import store_cost

        text = store_cost(sizes, 5, args.src or ROOT, env=child_env(args.src))
        parts += ["", "The store's own costs, in-process (fastest of 5, seconds):", "", text]
    fails = [r for r in rows if r["pass"] is False]
    parts += ["", f"{len(fails)} row(s) miss a target." if fails else "Every target met."]
    if errors:
        parts += ["", "Commands that failed (not timed):", ""] + [f"- {e}" for e in errors]
    text = "\n".join(parts)
    write_results(args.output, text)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), "utf-8")
    print(f"\nwrote {args.output} ({time.perf_counter() - t0:.0f}s)")
    return 1 if fails or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
