"""What bench/bench.py and bench/store_cost.py share: the stores' paths, the
child process environment, and timing one process (wall time, peak RSS)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
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
    "click": ["-c", "import click"],
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
    def fastest(self) -> float:
        return min(self.times)

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
    return measure_side_by_side([(argv, prepare)], runs, env, cwd)[0]


def measure_side_by_side(procs: list, runs: int, env: dict, cwd: Path = STORES) -> list[Timing]:
    """Time each ``(argv, prepare)`` of ``procs`` ``runs`` times, taking turns
    (A B A B ...), so that a command and its baseline see the machine in the
    same state: drift over a run (another process, the VM's neighbours) then
    moves both, not their ratio.  One untimed warm-up run of each first."""
    timings = [Timing() for _ in procs]
    for i in range(runs + 1):  # the first round warms the page cache and .pyc files
        for (argv, prepare), t in zip(procs, timings):
            if prepare:
                prepare()
            wall, rss, rc, err, size = run_once(argv, env, cwd)
            if rc != 0:
                raise CommandFailed(f"{' '.join(map(str, argv))} exited {rc}: {err.strip()[-500:]}")
            if i:
                t.times.append(wall)
                t.rss.append(rss)
                t.out_bytes = size
    return timings


def child_env(src: Path | None = None) -> dict:
    env = dict(os.environ)
    for k in ("FOI_STORE", "FOI_TODAY", "FOI_TEMPLATES", "FORCE_COLOR", "PYTHONPATH"):
        env.pop(k, None)
    env["NO_COLOR"] = "1"
    env["FOI_TODAY"] = TODAY
    # A config folder of the bench's own: the stores' legacy settings (name,
    # email) move to the person's config file on the first write, which must
    # not be the developer's own ~/.config/foi.
    env["XDG_CONFIG_HOME"] = str(STORES / "config-home")
    # Byte-compile as an installed foi would be (pip compiles on install): this
    # shell may set PYTHONDONTWRITEBYTECODE, which makes every run recompile
    # foi from source (~20 ms).  The .pyc files go under bench/stores/.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(STORES / "pycache")
    if src is not None:  # benchmark another checkout of foi (e.g. `git archive` of an older commit)
        env["PYTHONPATH"] = str(src)
    return env


def store_path(name: str) -> Path | None:
    """The store the commands run on (upgraded by foi: letters beside it)."""
    if name == "none":
        return None
    return STORES / name / "foi.json"


def v1_path(name: str) -> Path:
    """The v1 file of the same requests: the baselines' file."""
    return STORES / f"{name}.v1.json"


def ensure_stores(names) -> None:
    missing = [n for n in names if n not in ("none",) and not (store_path(n).exists() and v1_path(n).exists())]
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
