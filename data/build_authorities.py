#!/usr/bin/env python3
"""Build foi's shipped ``data/authorities.csv`` from the reference file.

Usage::

    python data/build_authorities.py /work/shared/reference/authorities.csv [--output PATH]

The reference file (``../shared/reference/authorities.csv``) is the researched
list of 109 authorities with its sources; this script only reshapes it:

* keeps the reference ids, names and row order;
* renames ``foi_email_candidate`` to ``foi_email`` and adds ``email_verified``
  (``no`` wherever there is an email: every address is an unverified
  candidate; empty where there is none);
* drops ``email_source`` (recorded in data/README.md instead);
* adds ``tags`` (semicolon-separated, see data/README.md).

It checks what the rest of foi relies on (the columns, unique ids, id = slug
of name, known kinds / nations / regimes, the 48/47/14 counts) and stops with
a message rather than writing a half-right file.  Standard library only, so it
runs with any Python 3.10+.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

# One slug rule for the shipped ids and for ids made at run time.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from foi.directory import slugify  # noqa: E402
from foi.vocab import Nation, Regime  # noqa: E402

REFERENCE_COLUMNS = (
    "id",
    "name",
    "kind",
    "nation",
    "regime",
    "ods_code",
    "gss_code",
    "police_api_id",
    "wdtk_url_name",
    "home_page",
    "foi_email_candidate",
    "email_source",
)
OUTPUT_COLUMNS = (
    "id",
    "name",
    "kind",
    "nation",
    "regime",
    "ods_code",
    "gss_code",
    "police_api_id",
    "wdtk_url_name",
    "home_page",
    "foi_email",
    "email_verified",
    "tags",
)
EXPECTED_COUNTS = {"police_force": 48, "mental_health_trust": 47, "health_board": 14}

# Tags: what the body is, then where.  Hyphens, not underscores, inside a tag.
KIND_TAGS = {
    "police_force": ["police"],
    "mental_health_trust": ["nhs", "mental-health"],
    "health_board": ["nhs", "health-board"],
}
NATION_TAGS = {
    "england": ["england"],
    "wales": ["wales"],
    "scotland": ["scotland"],
    "northern_ireland": ["northern-ireland"],
    # BTP, MDP and CNC: UK-wide special police forces.
    "uk": ["uk", "national"],
}


def build(reference: Path) -> list[dict[str, str]]:
    with reference.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != REFERENCE_COLUMNS:
            raise SystemExit(
                f"{reference}: unexpected columns {reader.fieldnames}; expected {','.join(REFERENCE_COLUMNS)}"
            )
        rows = list(reader)

    out: list[dict[str, str]] = []
    seen: set[str] = set()
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        row = {k: (v or "").strip() for k, v in row.items()}
        rid, name, kind, nation = row["id"], row["name"], row["kind"], row["nation"]
        if rid in seen:
            problems.append(f"line {line}: duplicate id {rid!r}")
        seen.add(rid)
        if rid != slugify(name):
            problems.append(f"line {line}: id {rid!r} is not the slug of {name!r}")
        if kind not in KIND_TAGS:
            problems.append(f"line {line}: unknown kind {kind!r}")
            continue
        if nation not in Nation.ALL:
            problems.append(f"line {line}: unknown nation {nation!r}")
            continue
        if row["regime"] not in Regime.AUTHORITY:
            problems.append(f"line {line}: unknown regime {row['regime']!r}")
        email = row["foi_email_candidate"]
        out.append(
            {
                "id": rid,
                "name": name,
                "kind": kind,
                "nation": nation,
                "regime": row["regime"],
                "ods_code": row["ods_code"],
                "gss_code": row["gss_code"],
                "police_api_id": row["police_api_id"],
                "wdtk_url_name": row["wdtk_url_name"],
                "home_page": row["home_page"],
                "foi_email": email,
                "email_verified": "no" if email else "",
                "tags": ";".join(KIND_TAGS[kind] + NATION_TAGS[nation]),
            }
        )

    counts = Counter(r["kind"] for r in out)
    if dict(counts) != EXPECTED_COUNTS:
        problems.append(f"counts by kind are {dict(counts)}, expected {EXPECTED_COUNTS}")
    if problems:
        raise SystemExit("not written:\n  " + "\n  ".join(problems))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", type=Path, help="path to the reference authorities.csv")
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent / "authorities.csv",
        help="where to write (default: authorities.csv next to this script)",
    )
    args = parser.parse_args(argv)
    rows = build(args.reference)
    with args.output.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {len(rows)} authorities to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
