"""Crash safety: a writer killed with SIGKILL at any moment never costs a
committed request, never leaves a half-written store, and the temporary files
it leaves are removed by the next write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foi.store import backup_path, open_store, read_store_file
from foi.store.files import TMP_PREFIX

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")

ROOT = Path(__file__).resolve().parents[1]

# Adds one request per transaction, forever; prints each id once committed.
WRITER = r"""
import sys
from pathlib import Path
from foi.store import open_store
path = Path(sys.argv[1])
tag = sys.argv[2]
print("ready", flush=True)
n = 0
while True:
    n += 1
    with open_store(path, write=True, lock_timeout=30) as s:
        [rid] = s.add_requests([{"subject": f"{tag}-{n}", "regime": "foia", "events": [], "pad": "x" * 400}])
    print(rid, flush=True)
"""


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _start_writer(path: Path, tag: str) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), tag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=str(ROOT),
    )
    line = proc.stdout.readline()
    assert line == b"ready\n", proc.stderr.read().decode()
    return proc


def _committed(out: bytes) -> set[int]:
    """Ids the killed writer reported: only whole lines count."""
    lines = out.split(b"\n")[:-1]  # the last piece has no newline yet
    return {int(x) for x in lines if x.strip()}


def _stray(folder: Path) -> list[Path]:
    return sorted(folder.glob(TMP_PREFIX + "*"))


def test_sigkill_at_random_moments_never_loses_a_committed_request(store_path):
    rng = random.Random(20261123)
    store_path.parent.mkdir(mode=0o700)
    reported: set[int] = set()
    kills = 0
    strays_seen = 0
    rounds = 26  # two writers at a time: 52 kills
    for r in range(rounds):
        procs = [_start_writer(store_path, f"r{r}w{i}") for i in range(2)]
        for proc in procs:
            time.sleep(rng.uniform(0.010, 0.080))
            proc.send_signal(signal.SIGKILL)
        for proc in procs:
            out, err = proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL, err.decode()
            reported |= _committed(out)
            kills += 1
        strays_seen += bool(_stray(store_path.parent))
        # after every kill the store is whole and holds every reported id
        data = read_store_file(store_path)
        if reported:
            assert data is not None
            stored = {int(k) for k in data["requests"]}
            missing = reported - stored
            assert not missing, f"round {r}: committed requests lost: {sorted(missing)}"
            assert all(doc["id"] == int(k) for k, doc in data["requests"].items())
    assert kills >= 50
    assert len(reported) > 50, "the writers hardly committed anything; the test proves little"
    # the next write command removes what the killed writers left behind
    with open_store(store_path, write=True) as s:
        new_id = s.add_requests([{"subject": "after the crashes", "regime": "foia", "events": []}])[0]
    assert _stray(store_path.parent) == []
    assert new_id > max(reported)
    assert read_store_file(backup_path(store_path)) is not None
    print(f"{kills} kills, {len(reported)} committed writes, stray temp files after {strays_seen} rounds")


# Dies (SIGKILL to itself) at one exact point of the commit.
CRASH_AT = r"""
import os, signal, sys
from pathlib import Path
import foi.store as st
path, point = Path(sys.argv[1]), sys.argv[2]
real = {name: getattr(os, name) for name in ("fsync", "replace", "link", "write")}
def die(*a, **k):
    os.kill(os.getpid(), signal.SIGKILL)
def at(name, when):
    def fake(*a, **k):
        if when(a):
            die()
        return real[name](*a, **k)
    setattr(os, name, fake)
if point == "write":            # half the new file written
    def half(fd, data):
        real["write"](fd, bytes(data[: len(data) // 2]))
        die()
    os.write = half
elif point == "fsync":          # new file written, not yet synced
    at("fsync", lambda a: True)
elif point == "backup":         # new file synced, .bak being made
    at("link", lambda a: True)
elif point == "replace":        # .bak made, store not yet replaced
    at("replace", lambda a: str(a[1]) == str(path))
elif point == "after":          # store replaced, folder not yet synced
    st.files.hook = lambda step, target: step == "replaced" and die()
with st.open_store(path, write=True) as s:
    s.add_requests([{"subject": "doomed", "regime": "foia", "events": []}])
print("survived", flush=True)
"""


@pytest.mark.parametrize("point", ["write", "fsync", "backup", "replace", "after"])
def test_sigkill_at_each_step_of_a_commit(store_path, point):
    with open_store(store_path, write=True) as s:
        s.add_requests([{"subject": "first", "regime": "foia", "events": []}])
    with open_store(store_path, write=True) as s:
        s.add_requests([{"subject": "second", "regime": "foia", "events": []}])
    before = store_path.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", CRASH_AT, str(store_path), point],
        capture_output=True,
        env=_env(),
        cwd=str(ROOT),
        timeout=30,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    data = read_store_file(store_path)
    subjects = [r["subject"] for r in data["requests"].values()]
    if point == "after":
        assert subjects == ["first", "second", "doomed"]
    else:
        assert store_path.read_bytes() == before, "the store changed although the commit never finished"
    if point in ("write", "fsync", "backup", "replace"):
        assert _stray(store_path.parent), "expected the killed writer to leave its temp file"
    with open_store(store_path, write=True) as s:
        s.add_requests([{"subject": "next", "regime": "foia", "events": []}])
    assert _stray(store_path.parent) == []
    assert [r["subject"] for r in read_store_file(store_path)["requests"].values()][-1] == "next"
