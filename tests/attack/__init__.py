"""The attack suite of issue 14: what a hostile and careless week does to a
store, as harnesses with a size knob.

* :func:`random_kills`: writers (real foi commands: drafts with their letter
  files, notes) killed with SIGKILL at random moments;
* :func:`syscall_kills`: one draft killed (strace's signal injection) just
  before each system call of its locked window, one by one;
* :func:`disk_faults`: the same window with ENOSPC / EIO injected into
  writes, fsyncs, renames and file creation;
* :func:`crowd`: 16 writers and readers at once;
* :func:`hostile_inputs`: damaged stores and hostile command lines.

Each returns its figures (kills survived, commands with nothing lost, bad
inputs handled) and raises ``AssertionError`` naming the case on any loss,
torn store, internal error or traceback.  ``tests/test_attack.py`` runs a
short version of each in the normal suite and the long version with
``-m slow``; ``python tests/attack --long`` prints the figures recorded in
the README ("Your data").
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"
QUESTIONS = "questions=How many people were referred in 2025?"


# -- a store to attack --------------------------------------------------------------------


@dataclass
class Site:
    """A store with its person's settings, and the environment to run foi on it."""

    folder: Path
    store: Path
    env: dict = field(default_factory=dict)

    def foi(self, *args: str, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", "from foi.cli import main; main()", *args],
            capture_output=True,
            env=self.env,
            timeout=timeout,
            **kw,
        )

    def copy(self, to: Path) -> Site:
        if to.exists():
            shutil.rmtree(to)
        shutil.copytree(self.folder, to, symlinks=True)
        return site_at(to)


def site_at(folder: Path) -> Site:
    store = folder / "store" / "foi.json"
    env = dict(os.environ)
    env.update(
        HOME=str(folder / "home"),
        XDG_CONFIG_HOME=str(folder / "home" / ".config"),
        FOI_STORE=str(store),
        FOI_TODAY=TODAY,
        FOI_LOCK_TIMEOUT="120",
        NO_COLOR="1",
        PYTHONHASHSEED="0",
        PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    )
    env.pop("FOI_TEMPLATES", None)
    return Site(folder, store, env)


def make_site(folder: Path, requests: int = 5) -> Site:
    """A store with ``requests`` sent requests (letters in files), a person."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "home" / ".config" / "foi"
    config.mkdir(parents=True, mode=0o700)
    (config / "config.json").write_text(json.dumps({"name": "Alex Jones", "email": "alex@example.org"}))
    site = site_at(folder)
    for i in range(requests):
        r = site.foi("draft", "-t", "foi", "--to", "Oxford Health", "-s", f"setup-{i}", "--var", QUESTIONS)
        assert r.returncode == 0, r.stderr.decode()
    r = site.foi("send", f"1-{requests}", "--on", "2026-11-02")
    assert r.returncode == 0, r.stderr.decode()
    return site


# -- what must hold after anything ---------------------------------------------------------


def check_whole(site: Site, must_have: set[str] = frozenset(), where: str = "") -> dict:
    """The store reads (strictly), holds every tag in ``must_have`` (a note's
    text or a request's subject), every letter it refers to reads back, and
    doctor finds no error.  Returns the store's data."""
    from foi.store import open_store, read_store_file

    data = read_store_file(site.store)
    assert data is not None, f"{where}: the store is gone"
    have = set()
    with open_store(site.store) as s:
        for req in s.requests():
            have.add(req.get("subject"))
            for e in req["events"]:
                if e.get("note"):
                    have.add(e["note"])
                if e.get("type") == "drafted":
                    assert s.letter_text(e), f"{where}: request {req['id']} has an empty letter"
    lost = set(must_have) - have
    assert not lost, f"{where}: saved changes lost: {sorted(lost)[:10]}"
    r = site.foi("doctor", "--json")
    report = json.loads(r.stdout or b"{}")
    errors = [p["message"] for p in report.get("problems", []) if p["level"] == "error"]
    assert not errors, f"{where}: doctor: {errors[:3]}"
    return data


def no_internal_error(r: subprocess.CompletedProcess, where: str, one_line: bool = True) -> None:
    """No traceback, no internal error, and (``one_line``) a failure is one
    ``foi:`` line (doctor's report is more: its exit 1 means it found errors)."""
    err = r.stderr.decode("utf-8", "replace")
    assert "internal error" not in err and "Traceback" not in err, f"{where}: {err[-600:]}"
    if one_line and r.returncode not in (0, -signal.SIGKILL, 137):
        lines = [x for x in err.strip().splitlines() if x]
        assert lines and lines[-1].startswith("foi:"), f"{where}: exit {r.returncode} without a one-line error: {err}"


# -- random SIGKILL ----------------------------------------------------------------------------

WRITER = r"""
import os, sys
from foi.cli import cli
store, tag, n, fd = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
out = os.fdopen(fd, "w", buffering=1)
out.write("ready\n")
for i in range(n):
    name = f"{tag}-{i}"
    if i % 3 == 0:
        args = ["draft", "-t", "foi", "--to", "Oxford Health", "-s", name, "--var", "questions=Q " + name]
    else:
        args = ["log", str(1 + i % 5), "note", "--note", name]
    try:
        cli.main(["--store", store, *args], prog_name="foi", standalone_mode=False)
    except SystemExit as exc:
        if exc.code not in (0, None):
            raise
    out.write(name + "\n")  # only after the command returned: saved
"""


def _start_writer(site: Site, tag: str, n: int) -> tuple[subprocess.Popen, int]:
    r, w = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(site.store), tag, str(n), str(w)],
        pass_fds=(w,),
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(w)
    return proc, r


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        b = os.read(fd, 65536)
        if not b:
            break
        chunks.append(b)
    os.close(fd)
    return b"".join(chunks).decode()


def random_kills(folder: Path, rounds: int = 5, seed: int = 14) -> dict:
    """Two writers at a time, each killed at a random moment, ``rounds`` times."""
    rng = random.Random(seed)
    site = make_site(folder)
    saved: set[str] = set()
    kills = 0
    for n in range(rounds):
        procs = [_start_writer(site, f"r{n}w{i}", 100_000) for i in range(2)]  # (never done before its kill)
        for proc, _fd in procs:
            time.sleep(rng.uniform(0.2, 1.5))  # (a random moment, not a timing assertion)
            os.killpg(proc.pid, signal.SIGKILL)
        for proc, fd in procs:
            proc.wait(timeout=60)
            lines = _read_all(fd).splitlines()
            assert lines and lines[0] == "ready", proc.stderr.read().decode()[-800:]
            saved.update(lines[1:])
            kills += proc.returncode == -signal.SIGKILL
        check_whole(site, saved, f"random kills, round {n}")
    r = site.foi("log", "1", "note", "--note", "after the kills")
    no_internal_error(r, "the write after the kills")
    assert r.returncode == 0, r.stderr.decode()
    strays = [p for p in site.store.parent.rglob(".foi-tmp-*")]
    assert not strays, f"temporary files left after the next write: {strays[:5]}"
    return {"kills": kills, "saved commands": len(saved), "lost": 0}


# -- strace: a kill or a fault at an exact system call ---------------------------------------------


def strace() -> str:
    found = shutil.which("strace")
    if not found:
        raise AssertionError("strace is not installed: apt-get install strace (Debian's package)")
    return found


def _draft_args(tag: str) -> list[str]:
    return ["draft", "-t", "foi", "--to", "Oxford Health", "-s", tag, "--var", QUESTIONS]


def locked_window(site: Site, work: Path) -> list[tuple[str, int, str]]:
    """``(syscall, nth of its name, its trace line)`` of every system call a
    draft makes from taking the store's lock to its exit, from one traced run."""
    trial = site.copy(work / "trace")
    out = work / "trace.txt"
    r = subprocess.run(
        [strace(), "-f", "-qq", "-o", str(out), sys.executable, "-c", "from foi.cli import main; main()"]
        + _draft_args("traced"),
        env=trial.env,
        capture_output=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr.decode()[-800:]
    counts: dict[str, int] = {}
    window: list[tuple[str, int, str]] = []
    inside = False
    for line in out.read_text(errors="replace").splitlines():
        parts = line.split(None, 1)
        if len(parts) < 2 or "(" not in parts[1] or parts[1].startswith(("+++", "---", "<...")):
            continue
        name = parts[1].split("(", 1)[0]
        counts[name] = counts.get(name, 0) + 1
        if name == "flock" and "LOCK_EX" in parts[1] and parts[1].rstrip().endswith("= 0"):
            inside = True
        if inside and name not in ("exit_group", "exit"):
            window.append((name, counts[name], parts[1]))
    assert window, "no flock(LOCK_EX) in the trace: the draft did not take the store's lock"
    return window


def _injected(site: Site, spec: str, tag: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [strace(), "-f", "-qq", "-o", "/dev/null", "-e", f"trace={spec.split(':', 1)[0]}", "-e", f"inject={spec}"]
        + [sys.executable, "-c", "from foi.cli import main; main()"]
        + _draft_args(tag),
        env=site.env,
        capture_output=True,
        timeout=120,
    )


def _outcome(site: Site, before: bytes, tag: str, where: str) -> bool:
    """The store is the old one byte for byte, or the new one with the
    draft; doctor finds no error either way.  True if the draft is there."""
    from foi.store import read_store_file

    data = read_store_file(site.store)
    subjects = {r.get("subject") for r in data["requests"].values()}
    if tag not in subjects:
        assert site.store.read_bytes() == before, f"{where}: the store changed without the draft"
    check_whole(site, set(), where)
    return tag in subjects


def syscall_kills(folder: Path, every: int = 1, limit: int | None = None) -> dict:
    """SIGKILL just before each system call of a draft's locked window (or
    every ``every``-th of them, at most ``limit``)."""
    site = make_site(folder / "site", requests=3)
    window = locked_window(site, folder)
    points = window[::every][:limit]
    kills = committed = 0
    for n, (name, k, _line) in enumerate(points):
        trial = site.copy(folder / "trial")
        before = trial.store.read_bytes()
        tag = f"kill-{n}"
        r = _injected(trial, f"{name}:signal=KILL:when={k}", tag)
        no_internal_error(r, f"kill before {name} #{k}")
        kills += r.returncode in (-signal.SIGKILL, 137)
        committed += _outcome(trial, before, tag, f"killed before {name} #{k}")
        r = trial.foi("log", "1", "note", "--note", "next")  # the next write cleans up and works
        assert r.returncode == 0, f"after a kill before {name} #{k}: {r.stderr.decode()}"
        assert not list(trial.store.parent.rglob(".foi-tmp-*")), f"temp files left after {name} #{k}"
    return {"system calls in the window": len(window), "kills": kills, "draft saved": committed, "lost": 0}


FAULTS = {
    "write": ("ENOSPC", "EIO"),
    "pwrite64": ("ENOSPC",),
    "fsync": ("EIO", "ENOSPC"),
    "fdatasync": ("EIO",),
    "rename": ("EIO", "ENOSPC"),
    "renameat": ("EIO",),
    "renameat2": ("EIO",),
    "openat": ("ENOSPC", "EACCES"),
    "link": ("ENOSPC",),
    "linkat": ("ENOSPC",),
    "mkdir": ("ENOSPC",),
    "ftruncate": ("ENOSPC",),
    "syncfs": ("EIO",),
}


def disk_faults(folder: Path, every: int = 1, limit: int | None = None) -> dict:
    """ENOSPC / EIO injected into each write-side system call of the window."""
    site = make_site(folder / "site", requests=3)
    # (a file opened for reading cannot meet a full disk: only opens that create)
    window = [
        (n, k) for n, k, line in locked_window(site, folder) if n in FAULTS and (n != "openat" or "O_CREAT" in line)
    ]
    points = [(name, k, err) for name, k in window[::every] for err in FAULTS[name]][:limit]
    failed = saved = 0
    for n, (name, k, err) in enumerate(points):
        trial = site.copy(folder / "trial")
        before = trial.store.read_bytes()
        tag = f"fault-{n}"
        r = _injected(trial, f"{name}:error={err}:when={k}", tag)
        where = f"{err} in {name} #{k}"
        no_internal_error(r, where)
        has = _outcome(trial, before, tag, where)
        if r.returncode != 0:
            failed += 1
            said = r.stderr.decode()
            assert has or "nothing was changed" in said, f"{where}: failed without saying nothing changed: {said}"
            assert not has or "saved" in said, f"{where}: saved, but said otherwise: {said}"
        else:
            assert has, f"{where}: exit 0 but the draft is not in the store"
            saved += 1
    return {"faults injected": len(points), "refused in one line": failed, "saved anyway": saved, "lost": 0}


# -- many writers and readers ----------------------------------------------------------------

READER = r"""
import sys, json, subprocess
n = 0
while True:
    r = subprocess.run([sys.executable, "-c", "from foi.cli import main; main()", "list", "--json"],
                       capture_output=True)
    if r.returncode != 0 or "internal error" in r.stderr.decode():
        print("READ FAILED", r.returncode, r.stderr.decode()[-300:], flush=True)
        sys.exit(1)
    json.loads(r.stdout)
    n += 1
    print(n, flush=True)
"""


def crowd(folder: Path, writers: int = 16, commands: int = 6, readers: int = 2) -> dict:
    """``writers`` processes of ``commands`` foi commands each, at once, with
    ``readers`` processes listing the store all the while."""
    site = make_site(folder)
    rdrs = [
        subprocess.Popen([sys.executable, "-c", READER], env=site.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(readers)
    ]
    procs = [_start_writer(site, f"c{i}", commands) for i in range(writers)]
    saved: set[str] = set()
    for proc, fd in procs:
        lines = _read_all(fd).splitlines()
        proc.wait(timeout=600)
        assert proc.returncode == 0, proc.stderr.read().decode()[-800:]
        saved.update(lines[1:])
    reads = 0
    for p in rdrs:
        p.kill()
        out, _ = p.communicate(timeout=60)
        text = out.decode()
        assert "READ FAILED" not in text, text[-500:]
        reads += len(text.split())
    assert len(saved) == writers * commands
    check_whole(site, saved, "16 writers")
    return {"writers": writers, "commands": len(saved), "reads": reads, "lost": 0}


# -- hostile input -------------------------------------------------------------------------------------


def hostile_inputs(folder: Path, extra_random: int = 0, seed: int = 9, sample: int = 1) -> dict:
    """Damaged stores and hostile command lines: every one gives exit 0, 1 or
    2, at most one line on stderr (doctor: its report), no traceback, and a
    store left as it was when the command did not succeed.  ``sample``: only
    every n-th case (the short run)."""
    from .hostile import command_lines, damaged_stores

    site = make_site(folder / "site", requests=2)
    cases = 0
    commands = (
        ["list"],
        ["show", "1"],
        ["overdue"],
        ["export", "--format", "csv"],
        ["doctor"],
        ["finding", "1", "x=1"],
    )
    for n, (name, damage) in enumerate(damaged_stores(site.store, extra_random, seed)):
        if n % sample:
            continue
        trial = site.copy(folder / "trial")
        damage(trial.store)
        before = trial.store.read_bytes() if trial.store.exists() else None
        for args in commands if sample == 1 else commands[n % 2 :: 2]:
            r = trial.foi(*args)
            no_internal_error(r, f"store {name}: foi {' '.join(args)}", one_line=args[0] != "doctor")
            if args[0] == "finding" and r.returncode != 0 and before is not None:
                assert trial.store.read_bytes() == before, f"store {name}: refused, but the store changed"
            cases += 1
    for args in command_lines()[::sample]:
        trial = site.copy(folder / "trial")
        before = trial.store.read_bytes()
        r = trial.foi(*args)
        no_internal_error(r, f"foi {args!r}")
        if r.returncode != 0:
            assert trial.store.read_bytes() == before, f"foi {args!r} failed but changed the store"
        cases += 1
    return {"hostile inputs": cases, "internal errors": 0}


def run_all(long: bool, work: Path | None = None, only: list[str] | None = None, report=None) -> dict:
    tmp = Path(work or tempfile.mkdtemp(prefix="foi-attack-"))
    figures = {}
    size = {
        "random_kills": {"rounds": 60 if long else 1},
        "syscall_kills": {"every": 1 if long else 40, "limit": None if long else 6},
        "disk_faults": {"every": 1 if long else 3, "limit": None if long else 6},
        "crowd": {"writers": 16, "commands": 30 if long else 1, "readers": 4 if long else 1},
        "hostile_inputs": {"extra_random": 400 if long else 0, "sample": 1 if long else 5},
    }
    for name, kwargs in size.items():
        if only and name not in only:
            continue
        t0 = time.perf_counter()
        figures[name] = globals()[name](tmp / name, **kwargs)
        figures[name]["seconds"] = round(time.perf_counter() - t0)
        if report is not None:  # each harness's figures as soon as it is done
            report(name, figures[name])
    return figures
