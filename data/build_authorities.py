#!/usr/bin/env python3
"""Build foi's shipped ``data/authorities.csv`` from the source files in ``data/sources/``.

Usage::

    python data/build_authorities.py [--sources DIR] [--output PATH] [--check]

The sources (see data/README.md for where each fact comes from):

* ``sources/authorities.csv``: one row per body: id, name, kind, nation,
  regime and the codes (ODS, GSS, data.police.uk, WhatDoTheyKnow url name),
  home page;
* ``sources/foi_emails.csv``: the FOI address of a body, the public page it
  was read on (``email_source``), the day it was read (``email_checked``),
  an ``email_note`` for campaigners (shipped) and a research ``note`` (not
  shipped).  A row may have no address: then its ``email_note`` says why (for
  example the body's FOI page offers only an online form) and its source and
  date are those of the page the note is about; the shipped note names that
  page and day, and the shipped source and date stay empty (they belong to an
  address).

The script joins them, adds ``email_verified`` (``no`` wherever there is an
address: nobody has confirmed one for the user) and ``tags`` (see
:func:`tags_for`), and checks what the rest of foi relies on: the columns,
unique ids, id = slug of the name, known kinds / nations / regimes, the counts
by kind, every address with its source page and date, no address without a
body.  It stops with a message rather than write a half-right file.

``--check`` writes nothing and exits 1 when the shipped file differs from what
the sources give.  Standard library only (plus foi's own slug rule).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
# One slug rule for the shipped ids and for ids made at run time.
sys.path.insert(0, str(HERE.parent))
from foi.directory.records import FIELDS, slugify  # noqa: E402
from foi.vocab import Nation, Regime  # noqa: E402

BODY_COLUMNS = (
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
)
EMAIL_COLUMNS = ("id", "foi_email", "email_source", "email_checked", "email_note", "note")
OUTPUT_COLUMNS = FIELDS  # (the shipped CSV's columns are the directory's records)
EXPECTED_COUNTS = {"police_force": 48, "mental_health_trust": 47, "health_board": 21, "hsc_trust": 5}
NATIONS = Nation.ALL
REGIMES = Regime.AUTHORITY

# Police forces that are not territorial: they police the railways, MoD land
# and civil nuclear sites across the UK.
SPECIAL_POLICE = {"uk"}
# Kinds whose every body runs NHS mental health services.
MENTAL_HEALTH_KINDS = {"mental_health_trust", "health_board", "hsc_trust"}
# Addresses taken from a third party's list (the 2023 police list), not read
# on the body's own page: counted apart in the coverage table.
THIRD_PARTY_SOURCES = ("https://github.com/",)
KIND_TAGS = {
    "police_force": ["police"],
    "mental_health_trust": ["nhs"],
    "health_board": ["nhs", "health_board"],
    "hsc_trust": ["hsc"],
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^20\d\d-[01]\d-[0-3]\d$")


def tags_for(kind: str, nation: str) -> list[str]:
    """What the body is, then what it does, then where it is.

    ``territorial`` / ``special`` split the police forces; ``mental_health``
    marks every body that runs NHS mental health services, whatever its kind.
    Tags use underscores (as WhatDoTheyKnow's do); foi compares them ignoring
    case, ``-`` and ``_``.
    """
    tags = list(KIND_TAGS[kind])
    if kind == "police_force":
        tags.append("special" if nation in SPECIAL_POLICE else "territorial")
    if kind in MENTAL_HEALTH_KINDS:
        tags.append("mental_health")
    tags.append(nation)
    return tags


def _read(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, strict=True)
        if tuple(reader.fieldnames or ()) != columns:
            raise SystemExit(f"{path}: columns are {reader.fieldnames}; expected {','.join(columns)}")
        return [(n, {k: (v or "").strip() for k, v in row.items()}) for n, row in enumerate(reader, start=2)]


def _check_body(line: int, row: dict[str, str], seen: set[str]) -> list[str]:
    where = f"authorities.csv line {line}"
    problems = []
    if row["id"] in seen:
        problems.append(f"{where}: duplicate id {row['id']!r}")
    if row["id"] != slugify(row["name"]):
        problems.append(f"{where}: id {row['id']!r} is not the slug of {row['name']!r}")
    if row["kind"] not in KIND_TAGS:
        problems.append(f"{where}: unknown kind {row['kind']!r}")
    if row["nation"] not in NATIONS:
        problems.append(f"{where}: unknown nation {row['nation']!r}")
    if row["regime"] not in REGIMES:
        problems.append(f"{where}: unknown regime {row['regime']!r}")
    return problems


def _check_email(line: int, row: dict[str, str], ids: set[str], seen: set[str]) -> list[str]:
    where = f"foi_emails.csv line {line}"
    problems = []
    if row["id"] not in ids:
        problems.append(f"{where}: no body with id {row['id']!r}")
    if row["id"] in seen:
        problems.append(f"{where}: a second address for {row['id']!r}")
    if not row["foi_email"] and not row["email_note"]:
        problems.append(f"{where}: no address and no email_note saying why")
    elif row["foi_email"] and not _EMAIL.match(row["foi_email"]):
        problems.append(f"{where}: {row['foi_email']!r} is not an email address")
    if not row["email_source"].startswith(("https://", "http://")):
        problems.append(f"{where}: the source must be the page the address was read on")
    if not _DATE.match(row["email_checked"]):
        problems.append(f"{where}: email_checked {row['email_checked']!r} is not a YYYY-MM-DD date")
    return problems


def build(sources: Path) -> list[dict[str, str]]:
    bodies = _read(sources / "authorities.csv", BODY_COLUMNS)
    emails = _read(sources / "foi_emails.csv", EMAIL_COLUMNS)
    problems: list[str] = []
    seen: set[str] = set()
    for line, row in bodies:
        problems += _check_body(line, row, seen)
        seen.add(row["id"])
    by_id: dict[str, dict[str, str]] = {}
    for line, row in emails:
        problems += _check_email(line, row, seen, set(by_id))
        by_id[row["id"]] = row
    counts = Counter(row["kind"] for _, row in bodies)
    if dict(counts) != EXPECTED_COUNTS:
        problems.append(f"counts by kind are {dict(counts)}, expected {EXPECTED_COUNTS}")
    if problems:
        raise SystemExit("not written:\n  " + "\n  ".join(problems))
    out = []
    for _, row in bodies:
        email = by_id.get(row["id"], {})
        address = email.get("foi_email", "")
        out.append(
            {
                **row,
                "foi_email": address,
                "email_verified": "no" if address else "",
                "email_source": email.get("email_source", "") if address else "",
                "email_checked": email.get("email_checked", "") if address else "",
                "email_note": _shipped_note(email),
                "tags": ";".join(tags_for(row["kind"], row["nation"])),
            }
        )
    return out


def _shipped_note(email: dict[str, str]) -> str:
    """The campaigner's note; without an address it names the page it is about and the day."""
    note = email.get("email_note", "")
    if note and not email.get("foi_email"):
        note += f" (see {email['email_source']}, read {email['email_checked']})"
    return note


def render(rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def coverage(rows: list[dict[str, str]]) -> str:
    """A Markdown table: how many bodies of each kind have an address (for data/README.md).

    "read on its own page": the address was read on the body's own website
    (not taken from a third party's list); "no address, a note": no address,
    but a note says why (e.g. an online form only) and where to look.
    """
    lines = [
        "| kind | bodies | with an address | read on its own page | no address, a note |",
        "|---|---|---|---|---|",
    ]
    for kind in [*EXPECTED_COUNTS, None]:
        mine = [r for r in rows if kind is None or r["kind"] == kind]
        counts = (
            len(mine),
            sum(1 for r in mine if r["foi_email"]),
            sum(1 for r in mine if r["foi_email"] and not r["email_source"].startswith(THIRD_PARTY_SOURCES)),
            sum(1 for r in mine if not r["foi_email"] and r["email_note"]),
        )
        if kind is None:
            lines.append("| **total** | " + " | ".join(f"**{n}**" for n in counts) + " |")
        else:
            lines.append(f"| `{kind}` | " + " | ".join(str(n) for n in counts) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, default=HERE / "sources", help="the folder of source files")
    parser.add_argument("--output", type=Path, default=HERE / "authorities.csv", help="where to write")
    parser.add_argument("--check", action="store_true", help="only say whether the output is up to date")
    parser.add_argument("--coverage", action="store_true", help="print the coverage table for data/README.md")
    args = parser.parse_args(argv)
    rows = build(args.sources)
    text = render(rows)
    if args.coverage:
        print(coverage(rows))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python data/build_authorities.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="")
    print(f"wrote {len(rows)} authorities to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
