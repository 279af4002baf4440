"""``python tests/attack [--long] [--only NAME,...]``: run the attack suite and
print its figures (the long run's go into the README, "Your data")."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for `import attack`

import attack  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description="foi's attack suite (issue 14)")
    p.add_argument("--long", action="store_true", help="the long run (before a release): ~30-60 minutes")
    p.add_argument("--work", type=Path, help="folder for the stores (default: a new temporary folder)")
    p.add_argument("--only", help="comma-separated harnesses, e.g. crowd,hostile_inputs")
    args = p.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="foi-attack-"))

    def report(name: str, figures: dict) -> None:
        print(json.dumps({name: figures}), flush=True)

    attack.run_all(args.long, work, args.only.split(",") if args.only else None, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
