"""Generate realistic synthetic foi stores for the benchmark.

    python bench/make_store.py                 # bench/stores/{empty,1000,10000,50000}{.v1.json,/}
    python bench/make_store.py --sizes 1000    # just one size
    python bench/make_store.py --out DIR --seed 7

Each size is written twice:

* ``N.v1.json``: a genuine foi store as foi 0.1 wrote it, schema 1 (one
  file: meta/requests/authorities/config tables, every letter's text inside,
  canonical JSON: indent 2, sorted keys, UTF-8, trailing newline).  It is
  the baseline of issue 15: ``json.load`` of this file.
* ``N/foi.json`` (and ``N/letters/``, ``N/foi.json.lock``): that file
  upgraded by foi itself (its first write, through :mod:`foi.store`), as a
  user's store is: the current schema, permanent uids, letters in files
  beside it, the writer's receipt in the lock file.  The commands run on it.

The requests:

* requests to the shipped authorities (police forces, mental health trusts,
  Scottish health boards), in about 20 campaigns (and some with none), under
  FOIA, FOISA, EIR, EISR and SAR according to the authority's nation;
* about 5 events each, following the scenarios campaigns really see: still
  awaiting (some overdue and chased), answered (granted, partial, refused with
  exemptions, not held), internal reviews, ICO/SIC complaints, decisions and
  appeals, clarifications, fees, extensions, withdrawals;
* the letter in the first ``drafted`` event is the real template rendered by
  :func:`foi.app.drafting.prepare_requests` (3-4 KB), exactly as `foi draft` stores it;
* findings on answered campaign requests;
* 250 user authorities tagged ``bench`` (for the 250-letter batch draft);
* the requester's name and email in the config;
* the LAST request (id N) is a drafted, unsent request, so `foi send N` works.

``empty.json`` has the config and the 250 user authorities but no requests.

Letters are rendered once per (template, authority) and reused (with the
subject of each campaign swapped in), so that 50,000 requests take seconds.
The file is written with orjson when it is installed (byte-identical to
``foi.store.dumps``, which is used otherwise).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from scenarios import SIZES, Gen, _bench_authorities  # noqa: E402

from foi.store import dumps, open_store  # noqa: E402

#: The layout of the baseline file (issue 15: "the v1 file").
V1 = 1


def build(n: int, seed: int = 1) -> dict:
    gen = Gen(seed + n)
    requests = {}
    for i in range(1, n + 1):
        rec = gen.request(force_draft=(i == n))
        rec["id"] = i
        # (schema 1 had no permanent ids: the rendered letter it copies carried them)
        rec.pop("uid", None)
        rec["events"] = [{k: v for k, v in e.items() if k != "uid"} for e in rec["events"]]
        requests[str(i)] = rec
    config = {
        "name": "Alex Jones",
        "email": "alex.jones@example.org",
        "holidays": [{"date": "2027-06-14", "action": "add", "nation": "scotland", "name": "Bench extra holiday"}],
    }
    return {
        "meta": {"1": {"schema_version": V1, "next_id": n + 1}},
        "requests": requests,
        "authorities": {str(i): a for i, a in enumerate(_bench_authorities(), 1)},
        "config": {"1": config},
    }


def serialise(data: dict) -> bytes:
    try:
        import orjson
    except ImportError:
        return dumps(data).encode("utf-8")
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"


def write_store(path: Path, n: int, seed: int = 1) -> Path:
    """The v1 file (see the module's docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = serialise(build(n, seed))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(payload)
    tmp.replace(path)
    return path


def upgrade(v1: Path, folder: Path) -> Path:
    """``folder/foi.json``: the v1 file as foi's first write leaves it."""
    import shutil

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, mode=0o700)
    store = folder / "foi.json"
    shutil.copyfile(v1, store)
    with open_store(store, write=True) as s:
        assert s.migrated_from == V1
    for kept in folder.glob("foi.json.*bak*"):  # (the upgrade's copies of the v1 file: not part of a store in use)
        kept.unlink()
    return store


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--sizes", type=int, nargs="*", default=list(SIZES), help="request counts (default: 1000 10000 50000)"
    )
    p.add_argument("--out", type=Path, default=HERE / "stores", help="folder (default: bench/stores)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--check", action="store_true", help="also check the output equals foi.store.dumps (slow)")
    args = p.parse_args(argv)
    import time

    targets = [("empty", 0)] + [(str(n), n) for n in args.sizes]
    for name, n in targets:
        t0 = time.perf_counter()
        path = write_store(args.out / f"{name}.v1.json", n, args.seed)
        size = path.stat().st_size
        current = upgrade(path, args.out / name)
        print(
            f"{path}: {n} requests, {size / 1e6:.1f} MB; {current}: {current.stat().st_size / 1e6:.1f} MB "
            f"+ {len(list(current.with_name('letters').glob('*')))} letter files; {time.perf_counter() - t0:.1f}s",
            flush=True,
        )
        if args.check:
            import json

            assert dumps(json.loads(path.read_text("utf-8"))).encode() == path.read_bytes(), "not canonical"
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
