"""Benchmark foi as whole processes against baselines measured in the same run.

    .venv/bin/python bench/bench.py            # 1k, 10k and 50k stores, 5 runs (3 on 50k)
    .venv/bin/python bench/bench.py --quick    # 1k and 10k, 3 runs (for iteration)
    .venv/bin/python bench/bench.py --only overdue,list   # some commands only

Stores are generated first if missing (bench/make_store.py; bench/stores/ is
git-ignored).  Every command runs as a fresh process (the installed `foi`
script of the venv), with stdout going to a file (as when piped), after one
untimed warm-up run; the median wall time of the runs is reported with the
peak RSS of the process (``os.wait4``), beside its baseline on the same file:

* read:     python -c "import json; json.load(open(STORE))"
* write:    that, plus an atomic json.dump to a temp file, fsync, os.replace
* start-up: python -c pass

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
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
STORES = HERE / "stores"
TODAY = "2026-11-23"
PY = sys.executable
FOI = str(Path(sys.executable).with_name("foi"))
MB = 1024 * 1024
QUESTIONS = (
    "Please provide, for each financial year from 2019/20 to 2025/26, the number of staff employed "
    "in your FOI team, the number of requests received, and the number answered within 20 working days."
)

BASELINES = {
    "start-up": ["-c", "pass"],
    "read": ["-c", "import json, sys; json.load(open(sys.argv[1]))"],
    "write": [
        "-c",
        (
            "import json, os, sys, tempfile\n"
            "p = sys.argv[1]\n"
            "d = json.load(open(p))\n"
            "fd, tmp = tempfile.mkstemp(dir=os.path.dirname(p))\n"
            "with os.fdopen(fd, 'w') as f:\n"
            "    json.dump(d, f); f.flush(); os.fsync(f.fileno())\n"
            "os.replace(tmp, p)\n"
        ),
    ],
}


@dataclass
class Case:
    key: str  # for --only
    label: str  # shown in the table
    argv: list  # after `foi --store S --today T`
    baseline: str  # start-up | read | write
    sizes: tuple  # store names: "none", "empty", "1000", ...
    writes: bool = False
    ratio_target: float | None = None  # max ratio to the baseline...
    ratio_on: tuple = ()  # ...on these sizes
    read_cmd: bool = False  # memory target applies (on 10000)
    extra_target: str | None = None  # "draft250": wall - start-up < 1 s (on empty)


SIZED = ("1000", "10000", "50000")


def cases(send_ids: dict[str, int]) -> list[Case]:
    return [
        Case("help", "foi --help", ["--help"], "start-up", ("none",), ratio_target=6, ratio_on=("none",)),
        Case(
            "overdue-empty",
            "foi overdue (empty store)",
            ["overdue"],
            "start-up",
            ("empty",),
            ratio_target=6,
            ratio_on=("empty",),
        ),
        Case("overdue", "foi overdue", ["overdue"], "read", SIZED, ratio_target=2, ratio_on=("10000",), read_cmd=True),
        Case(
            "list",
            "foi list --json",
            ["list", "--json"],
            "read",
            SIZED,
            ratio_target=2,
            ratio_on=("10000",),
            read_cmd=True,
        ),
        Case("export", "foi export --format csv", ["export", "--format", "csv"], "read", SIZED, read_cmd=True),
        Case("stats", "foi stats", ["stats"], "read", SIZED, ratio_target=2, ratio_on=("10000",), read_cmd=True),
        Case(
            "send",
            "foi send ID",
            ["send", "{send_id}", "--on", TODAY],
            "write",
            SIZED,
            writes=True,
            ratio_target=2,
            ratio_on=("10000",),
        ),
        Case(
            "draft47",
            "foi draft -t hiu-scheme --kind mental_health_trust (47)",
            ["draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "--campaign", "bench", "--allow-duplicate"],
            "write",
            ("empty",) + SIZED,
            writes=True,
        ),
        Case(
            "draft250",
            "foi draft -t foi --tag bench (250)",
            [
                "draft",
                "-t",
                "foi",
                "--tag",
                "bench",
                "-s",
                "Bench batch",
                "--campaign",
                "bench250",
                "--var",
                "questions=" + QUESTIONS,
                "--allow-duplicate",
            ],
            "write",
            ("empty",) + SIZED,
            writes=True,
            extra_target="draft250",
        ),
    ]


class CommandFailed(Exception):
    pass


@dataclass
class Timing:
    times: list = field(default_factory=list)
    rss: list = field(default_factory=list)  # bytes
    out_bytes: int = 0

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak(self) -> int:
        return max(self.rss)


def run_once(argv: list, env: dict, cwd: Path) -> tuple[float, int, int, str, int]:
    """(wall seconds, peak RSS bytes, exit code, stderr, stdout bytes) of one process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        size = out.seek(0, 2)
        return wall, usage.ru_maxrss * 1024, proc.returncode, err.read().decode("utf-8", "replace"), size


def measure(argv: list, runs: int, env: dict, prepare=None, cwd: Path = STORES) -> Timing:
    t = Timing()
    for i in range(runs + 1):  # the first run warms the page cache and .pyc files
        if prepare:
            prepare()
        wall, rss, rc, err, size = run_once(argv, env, cwd)
        if rc != 0:
            raise CommandFailed(f"{' '.join(map(str, argv))} exited {rc}: {err.strip()[-500:]}")
        if i:
            t.times.append(wall)
            t.rss.append(rss)
            t.out_bytes = size
    return t


def child_env(src: Path | None = None) -> dict:
    env = dict(os.environ)
    for k in ("FOI_STORE", "FOI_TODAY", "FOI_TEMPLATES", "FORCE_COLOR", "PYTHONPATH"):
        env.pop(k, None)
    env["NO_COLOR"] = "1"
    env["FOI_TODAY"] = TODAY
    # Byte-compile as an installed foi would be (pip compiles on install): this
    # shell may set PYTHONDONTWRITEBYTECODE, which makes every run recompile
    # foi from source (~20 ms).  The .pyc files go under bench/stores/.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(STORES / "pycache")
    if src is not None:  # benchmark another checkout of foi (e.g. `git archive` of an older commit)
        env["PYTHONPATH"] = str(src)
    return env


def store_path(name: str) -> Path | None:
    if name == "none":
        return None
    return STORES / f"{name}.json"


def ensure_stores(names) -> None:
    missing = [n for n in names if n not in ("none",) and not store_path(n).exists()]
    if missing:
        sizes = [n for n in missing if n.isdigit()]
        print(f"bench: generating stores {', '.join(missing)}", flush=True)
        cmd = [PY, str(HERE / "make_store.py"), "--sizes", *sizes]
        subprocess.run(cmd, check=True)


def last_id(size: str) -> int:
    """The id of the store's drafted, unsent request: make_store.py makes the
    last request (id N) one.  (Not read from the store: this process must stay
    small, as a child's peak RSS starts at its parent's size when forked.)"""
    return int(size)


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
        dst = work / "foi.json"

        def prepare():
            for p in work.iterdir():
                if p.is_file():
                    p.unlink()
            shutil.copyfile(src, dst)

        return dst, prepare

    def baseline(kind: str, size: str) -> Timing:
        key = (kind, size)
        if key not in base_cache:
            argv = [PY, *BASELINES[kind]]
            prepare = None
            if kind in ("read", "write"):
                src = store_path(size)
                path = src
                if kind == "write":
                    path, prepare = fresh_copy(src)
                argv.append(str(path))
            r = runs if size != "50000" else min(runs, 3)
            base_cache[key] = measure(argv, r, env, prepare)
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
            try:
                t = measure(argv, r, env, prepare)
            except CommandFailed as exc:
                print(f"bench: {exc}", file=sys.stderr, flush=True)
                errors.append(f"`{case.label}` on {size}: {exc}")
                continue
            base_kind = case.baseline if size not in ("none", "empty") or case.baseline == "start-up" else "start-up"
            if case.writes and size == "empty":
                base_kind = "start-up"
            b = baseline(base_kind, size if base_kind != "start-up" else "none")
            startup = baseline("start-up", "none")
            row = {
                "key": case.key,
                "command": case.label,
                "size": size,
                "median": t.median,
                "times": t.times,
                "baseline_kind": base_kind,
                "baseline": b.median,
                "ratio": t.median / b.median,
                "rss": t.peak,
                "baseline_rss": b.peak,
                "out_bytes": t.out_bytes,
                "store_bytes": src.stat().st_size if src is not None else 0,
                "startup": startup.median,
                "target": "",
                "pass": None,
                "rss_limit": None,
            }
            row["case"] = case.key
            row["startup"] = startup.median
            rows.append(row)
            apply_targets(row, case)
            print(
                f"{case.label:<58} {size:>6}  {t.median:7.3f}s  base {b.median:6.3f}s  "
                f"x{row['ratio']:5.2f}  rss {t.peak / MB:6.0f} MB  {row['target']} {verdict(row)}",
                flush=True,
            )
    growth(rows)
    return rows


def apply_targets(row: dict, case: Case) -> None:
    """Set row["target"] and row["checks"] ({what: passed}) from the case's targets."""
    size = row["size"]
    checks = {}
    targets = []
    if case.ratio_target and size in case.ratio_on:
        targets.append(f"≤ {case.ratio_target:g}x {row['baseline_kind']}")
        checks["time"] = row["ratio"] <= case.ratio_target
    if case.extra_target == "draft250" and size == "empty":
        beyond = row["median"] - row["startup"]
        targets.append(f"< 1 s beyond start-up ({beyond:.2f} s)")
        checks["time"] = beyond < 1.0
    if case.read_cmd and size == "10000":
        limit = 4 * row["store_bytes"] + 40 * MB
        row["rss_limit"] = limit
        targets.append("RSS ≤ 4x store + 40 MB")
        checks["RSS"] = row["rss"] <= limit
    row["target"] = "; ".join(targets)
    row["checks"] = checks
    row["pass"] = all(checks.values()) if checks else None


def growth(rows: list[dict]) -> None:
    """50k at most 5.5x 10k, for every command."""
    by = {(r["key"], r["size"]): r for r in rows}
    for r in rows:
        if r["size"] == "50000" and (r["key"], "10000") in by:
            g = r["median"] / by[(r["key"], "10000")]["median"]
            r["growth"] = g
            r["target"] = (r["target"] + "; " if r["target"] else "") + f"≤ 5.5x 10k ({g:.2f}x)"
            r["checks"]["growth"] = g <= 5.5
            r["pass"] = all(r["checks"].values())


def verdict(row: dict) -> str:
    checks = row.get("checks") or {}
    if not checks:
        return ""
    if len(checks) == 1:
        return "PASS" if row["pass"] else "**FAIL**"
    return ", ".join(f"{k} {'PASS' if ok else '**FAIL**'}" for k, ok in checks.items())


def rerender(rows: list[dict]) -> list[dict]:
    """Targets recomputed for rows saved with --json (by an older bench.py too)."""
    by_key = {c.key: c for c in cases({})}
    for r in rows:
        r.setdefault("startup", r.get("baseline") if r["baseline_kind"] == "start-up" else 0.0)
        apply_targets(r, by_key[r["key"]])
    growth(rows)
    return rows


def table(rows: list[dict]) -> str:
    out = [
        "| command | store | median s | baseline | baseline s | ratio | target | pass | peak RSS MB | RSS limit MB |",
        "|---|---|---:|---|---:|---:|---|---|---:|---:|",
    ]
    for r in rows:
        size = {"none": "-", "empty": "empty"}.get(r["size"]) or f"{int(r['size']):,}"
        if r["store_bytes"]:
            size += f" ({r['store_bytes'] / 1e6:.0f} MB)" if r["store_bytes"] > 1e6 else ""
        ok = verdict(r)
        lim = f"{r['rss_limit'] / MB:.0f}" if r["rss_limit"] else ""
        out.append(
            f"| `{r['command']}` | {size} | {r['median']:.3f} | {r['baseline_kind']} | {r['baseline']:.3f} | "
            f"{r['ratio']:.2f} | {r['target']} | {ok} | {r['rss'] / MB:.0f} | {lim} |"
        )
    return "\n".join(out)


# ---------------------------------------------------------------------------
# The store's own costs, in-process (what `foi.store` spends on a read and a write)

STORE_COST = r"""
import gc, json, os, sys, tempfile, time, statistics
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from foi import store as st
p = Path(sys.argv[1]); runs = int(sys.argv[3])
def t(fn, n=runs):
    xs = []
    for _ in range(n):
        gc.collect()
        t0 = time.perf_counter(); v = fn(); xs.append(time.perf_counter() - t0)
        if v is not None and not isinstance(v, (bytes, str, bool)): v = None
    return statistics.median(xs), v
res = {}
res["read_bytes"], raw = t(p.read_bytes)
res["bytes.decode (utf-8-sig)"], text = t(lambda: raw.decode("utf-8-sig"))
res["json.loads (stdlib, as the read baseline)"], _ = t(lambda: json.loads(text))
res["json.loads + duplicate-key hook (store before f14bc87)"], _ = t(
    lambda: json.loads(text, object_pairs_hook=st.codec.no_duplicate_keys))
try:
    import orjson
    res["orjson.loads"], _ = t(lambda: orjson.loads(raw))
except ImportError:
    orjson = None
del text
res["store.parse_store_bytes (current)"], _ = t(lambda: st.parse_store_bytes(raw))
data = st.parse_store_bytes(raw)
res["store.shape_problem"], _ = t(lambda: st.shape_problem(data))
res["store.read_store_file (total)"], _ = t(lambda: st.read_store_file(p))
res["Store() over parsed data"], _ = t(lambda: st.Store(p, data, False, None))
res["json.dumps indent=2 (pure-Python encoder; store before f14bc87)"], payload = t(
    lambda: (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
res["json.dumps compact (C encoder)"], _ = t(lambda: json.dumps(data, sort_keys=True, ensure_ascii=False).encode())
if hasattr(st, "dump_bytes"):
    res["store.dump_bytes (current)"], ob = t(lambda: st.dump_bytes(data))
    res["store.dump_bytes identical to json.dumps(indent=2)"] = (ob == payload)
if orjson is not None:
    opt = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS
    res["orjson.dumps indent=2 sorted"], ob = t(lambda: orjson.dumps(data, option=opt) + b"\n")
d = tempfile.mkdtemp(dir=p.parent)
target = Path(d) / "foi.json"
target.write_bytes(payload)
res["atomic_write_bytes (fsync, .bak link)"], _ = t(lambda: st.atomic_write_bytes(target, payload))
import shutil; shutil.rmtree(d)
print(json.dumps(res))
"""

RSS_PROBES = {
    "peak RSS MB: python -c json.load (read baseline)": "import json, sys; json.load(open(sys.argv[1]))",
    "peak RSS MB: foi.store.read_store_file alone": (
        "import sys; sys.path.insert(0, sys.argv[2]); from pathlib import Path\n"
        "from foi.store import read_store_file; read_store_file(Path(sys.argv[1]))"
    ),
    "peak RSS MB: bytes, decode, del bytes, json.loads": (
        "import json, sys\nraw = open(sys.argv[1], 'rb').read(); text = raw.decode(); del raw\n"
        "data = json.loads(text); del text"
    ),
}


def store_cost(sizes, runs: int, src: Path) -> str:
    lines = ["| step | " + " | ".join(f"{int(s):,}" for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    results = {}
    env = child_env(src)
    for s in sizes:
        out = subprocess.run(
            [PY, "-c", STORE_COST, str(store_path(s)), str(src), str(runs)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        results[s] = json.loads(out)
        for name, code in RSS_PROBES.items():
            rss = [run_once([PY, "-c", code, str(store_path(s)), str(src)], env, STORES)[1] for _ in range(2)]
            results[s][name] = ("rss", max(rss) / MB)
    for step in results[sizes[0]]:
        cells = []
        for s in sizes:
            v = results[s].get(step)
            if isinstance(v, list):
                v = tuple(v)
            cells.append(
                ""
                if v is None
                else str(v)
                if isinstance(v, bool)
                else f"{v[1]:.0f}"
                if isinstance(v, tuple)
                else f"{v:.3f}"
            )
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


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
        f"Mode: {'quick' if args.quick else 'full'}; median of {args.runs or (3 if args.quick else 5)} runs "
        "(at most 3 on 50,000) after a warm-up run; `--today " + TODAY + "`; stdout to a file.",
        "",
        table(rows),
    ]
    if not args.no_store_cost and not args.only:
        sizes = [s for s in ("1000", "10000", "50000") if store_path(s).exists() and (not args.quick or s != "50000")]
        parts += ["", "The store's own costs, in-process (median seconds):", "", store_cost(sizes, 3, args.src or ROOT)]
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
