"""One writer at a time: concurrent writers never lose each other's work; a
writer that cannot get the lock says who holds it; a dead holder never blocks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from foi.errors import StoreLocked
from foi.store import lock_path, open_store, read_store_file

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX processes and flock")

ADDER = r"""
import sys
from pathlib import Path
from foi.store import open_store
path, who, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
sys.stdin.readline()  # start together
for i in range(n):
    with open_store(path, write=True, lock_timeout=60) as s:
        [rid] = s.add_requests([{"subject": f"{who}-{i}", "regime": "foia", "events": []}])
    print(rid, flush=True)
"""

HOLDER = r"""
import sys, time
from pathlib import Path
from foi.store import open_store
path, seconds = Path(sys.argv[1]), float(sys.argv[2])
with open_store(path, write=True) as s:
    s.set_config({"name": "holder"})
    print("locked", flush=True)
    time.sleep(seconds)
print("released", flush=True)
"""


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _holder(path: Path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        cwd=str(ROOT),
    )
    assert proc.stdout.readline() == b"locked\n", proc.stderr.read().decode()
    return proc


def test_eight_processes_adding_fifty_requests_each(store_path):
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ADDER, str(store_path), f"p{i}", "50"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_env(),
            cwd=str(ROOT),
        )
        for i in range(8)
    ]
    time.sleep(0.3)  # let them all import
    for p in procs:
        p.stdin.write(b"go\n")
        p.stdin.flush()
    reported = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        reported += [int(x) for x in out.split()]
    assert len(reported) == 400 and len(set(reported)) == 400
    data = read_store_file(store_path)
    reqs = data["requests"]
    assert len(reqs) == 400
    assert sorted(int(k) for k in reqs) == sorted(reported) == list(range(1, 401))
    subjects = {r["subject"] for r in reqs.values()}
    assert subjects == {f"p{i}-{j}" for i in range(8) for j in range(50)}
    assert data["meta"]["1"]["next_id"] == 401


def test_second_writer_gives_up_after_timeout_naming_the_holder(store_path, cli, monkeypatch):
    cli("config", "set", "organisation", "Alex Jones")
    holder = _holder(store_path, 30)
    try:
        before = store_path.read_bytes()
        monkeypatch.setenv("FOI_LOCK_TIMEOUT", "0.5")
        started = time.monotonic()
        r = cli("config", "set", "organisation", "Second Writer", ok=False)
        waited = time.monotonic() - started
        assert r.exit_code == 1
        assert r.exception is None or isinstance(r.exception, SystemExit)
        err = r.stderr.strip()
        assert "\n" not in err
        assert err.startswith("foi: error: the store is in use by another foi process")
        assert f"pid {holder.pid}" in err
        assert "FOI_LOCK_TIMEOUT" in err
        assert 0.45 <= waited < 5
        assert store_path.read_bytes() == before
        with pytest.raises(StoreLocked):
            with open_store(store_path, write=True, lock_timeout=0):
                pass
    finally:
        holder.kill()
        holder.wait()


def test_second_writer_waits_for_the_lock(store_path, cli, monkeypatch):
    holder = _holder(store_path, 0.6)
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "10")
    started = time.monotonic()
    cli("config", "set", "organisation", "Patient Writer")
    waited = time.monotonic() - started
    holder.communicate(timeout=10)
    assert waited >= 0.3, "the second writer did not wait for the first"
    assert read_store_file(store_path)["config"]["1"]["organisation"] == "Patient Writer"


def test_lock_left_by_a_killed_process_does_not_block(store_path, cli, monkeypatch):
    holder = _holder(store_path, 60)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    # the dead holder's pid is still written in the lock file ...
    assert lock_path(store_path).read_text().split()[0] == str(holder.pid)
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "5")
    started = time.monotonic()
    cli("config", "set", "organisation", "After The Crash")
    assert time.monotonic() - started < 2, "a stale lock blocked the next writer"
    assert read_store_file(store_path)["config"]["1"]["organisation"] == "After The Crash"


def test_readers_do_not_need_the_lock(store_path, cli, monkeypatch):
    cli("config", "set", "organisation", "Alex Jones")
    holder = _holder(store_path, 30)
    try:
        monkeypatch.setenv("FOI_LOCK_TIMEOUT", "0")
        r = cli("config", "get", "organisation")
        assert r.stdout.strip() == "Alex Jones"  # the last whole commit
    finally:
        holder.kill()
        holder.wait()


def test_bad_lock_timeout_is_a_clear_error(store_path, cli, monkeypatch):
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "soon")
    r = cli("config", "set", "organisation", "X", ok=False)
    assert r.exit_code == 1
    assert "FOI_LOCK_TIMEOUT" in r.stderr and "\n" not in r.stderr.strip()
