"""The store's own costs, measured in-process, for bench/RESULTS.md: what a
read and a write of the store spend, step by step, beside ``json.load`` of
the v1 file (run by bench/bench.py; see bench/README.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from runner import MB, PY, STORES, run_once, store_path, v1_path

STORE_COST = r"""
import gc, json, os, sys, tempfile, time, shutil, zlib
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from foi import store as st
from foi.store import codec, receipt, schema
store, v1, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[4])
def t(fn, n=runs):
    xs = []
    for _ in range(n):
        gc.collect(); gc.disable()
        t0 = time.perf_counter(); v = fn(); xs.append(time.perf_counter() - t0)
        gc.enable()
    return min(xs), v
res = {}
res["v1 file: read_bytes"], raw1 = t(v1.read_bytes)
res["v1 file: json.loads (the read baseline)"], _ = t(lambda: json.loads(raw1))
import orjson
res["v1 file: orjson.loads"], _ = t(lambda: orjson.loads(raw1))
del raw1
res["store: read_bytes"], raw = t(store.read_bytes)
res["store: receipt check (CRC-32 of the bytes)"], ok = t(lambda: receipt.matches(store, raw))
res["store: receipt matches"] = bool(ok)
res["store: orjson.loads"], data = t(lambda: orjson.loads(raw))
res["store: read_store_file with the receipt"], _ = t(lambda: st.read_store_file(store))
res["store: exact parse (write-back check)"], _ = t(lambda: codec.parse_store_bytes(raw))
res["store: schema check (every field)"], _ = t(lambda: schema.first_problem(data))
lock = st.lock_path(store); kept = lock.read_bytes()
def unchecked():  # (a read that checks in full leaves a receipt: take it away each time)
    lock.unlink(missing_ok=True)
    return st.read_store_file(store)
res["store: read_store_file without a receipt (all checks)"], _ = t(unchecked)
lock.write_bytes(kept)
res["store: dump_bytes"], payload = t(lambda: codec.dump_bytes(data))
d = Path(tempfile.mkdtemp(dir=store.parent.parent))
target = d / "foi.json"
target.write_bytes(payload)
res["store: atomic_write_bytes (fsync, .bak link)"], _ = t(lambda: st.atomic_write_bytes(target, payload))
shutil.rmtree(d)
print(json.dumps(res))
"""

RSS_PROBES = {
    "peak RSS MB: python -c json.load of the v1 file (read baseline)": (
        "import json, sys; json.load(open(sys.argv[2]))"
    ),
    "peak RSS MB: foi.store.read_store_file of the store": (
        "import sys; sys.path.insert(0, sys.argv[3]); from pathlib import Path\n"
        "from foi.store import read_store_file; read_store_file(Path(sys.argv[1]))"
    ),
}


def store_cost(sizes, runs: int, src: Path, env: dict) -> str:
    lines = ["| step | " + " | ".join(f"{int(s):,}" for s in sizes) + " |", "|---|" + "---:|" * len(sizes)]
    results = {}
    for s in sizes:
        argv = [str(store_path(s)), str(v1_path(s)), str(src)]
        out = subprocess.run(
            [PY, "-c", STORE_COST, *argv, str(runs)], check=True, capture_output=True, text=True, env=env
        ).stdout
        results[s] = json.loads(out)
        for name, code in RSS_PROBES.items():
            rss = [run_once([PY, "-c", code, *argv], env, STORES)[1] for _ in range(2)]
            results[s][name] = ("rss", max(rss) / MB)
    for step in results[sizes[0]]:
        cells = []
        for s in sizes:
            v = results[s].get(step)
            if isinstance(v, list):
                v = tuple(v)
            if v is None:
                cells.append("")
            elif isinstance(v, bool):
                cells.append(str(v))
            elif isinstance(v, tuple):
                cells.append(f"{v[1]:.0f}")
            else:
                cells.append(f"{v:.3f}")
        lines.append(f"| {step} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("run bench/bench.py")
