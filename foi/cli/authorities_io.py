"""`foi authorities import`, `import-emails` and `check`: lists in, problems out."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ImportFormatError
from .common import emit_json, info, pass_app, print_table, warn


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from None


def _in_file(path: str, exc: Exception):
    """The same error, naming the file."""
    return type(exc)(f"{Path(path).name}: {exc.message}", hint=exc.hint)


def _planned(app, dry_run: bool, path: str, make_plan):
    """Plan against the store (read-only for a dry run), then write the plan, all under one lock."""
    from ..app import authorities as use
    from ..errors import FoiError

    if dry_run:
        try:
            return make_plan(app.read())
        except FoiError as exc:
            raise _in_file(path, exc) from None
    with app.write() as store:
        try:
            plan = make_plan(store)
        except FoiError as exc:
            raise _in_file(path, exc) from None
        use.apply_import(store, plan)
    return plan


def _report(plan, dry_run: bool, as_json: bool, what: str) -> None:
    if as_json:
        listed = [{"id": r.id, "name": r.name, "shipped": r.shipped, "changes": r.changes} for r in plan.replacements]
        emit_json(
            {
                "dry_run": dry_run,
                "added": len(plan.new),
                "updated": len(plan.updated),
                "unchanged": len(plan.unchanged),
                "ids": [r["id"] for r in plan.to_store()],
                "replaced": listed if plan.replace else [],
                "skipped": [] if plan.replace else listed,
            }
        )
    for r in plan.replacements:
        changes = "; ".join(f"{f} {old} -> {new}" for f, (old, new) in r.changes.items())
        if plan.replace:
            info(f"{'would replace' if dry_run else 'replaced'} {r.name} ({r.id}): {changes}")
        else:
            warn(f"not changed: {r.name} ({r.id}): {changes}")
    if plan.skipped:
        warn(
            f"{len(plan.skipped)} row(s) would replace what foi has (above); nothing was changed for them. "
            "Check each, then import again with --replace"
        )
    replaced = len(plan.replacements) if plan.replace else 0
    verb = "would import" if dry_run else "imported"
    if not as_json:
        info(
            f"{verb} {what}: {len(plan.new)} new, {len(plan.updated)} updated, {replaced} replaced, "
            f"{len(plan.unchanged)} unchanged"
        )


@click.command(name="import")
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--tag", help="Import only rows with this tag (WhatDoTheyKnow tags).")
@click.option("--replace", is_flag=True, help="Let the file change addresses and shipped authorities' facts.")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was imported as JSON.")
@pass_app
def import_(app, path, tag, replace, dry_run, as_json):
    """Import authorities from a CSV file.

    Reads WhatDoTheyKnow's all-authorities.csv (columns found by name) or a
    CSV with the same columns as `foi authorities list --json`.  Importing
    the same file again updates the authorities instead of duplicating them.

    A file never marks an address verified, and never silently changes what
    foi has: a row that would change an address, or a shipped authority's
    name, kind or law, is shown (old and new) and left alone unless you give
    --replace.

    \b
    Examples:
      foi authorities import all-authorities.csv --tag mental_health_trust
      foi authorities import my-councils.csv --dry-run
    """
    from ..app import authorities as use
    from ..directory import parse_import_csv

    try:
        records = parse_import_csv(_read(path), tag=tag)
    except ImportFormatError as exc:
        raise _in_file(path, exc) from None
    if not records:
        raise ImportFormatError(f"{path} has no authorities to import" + (f" with tag {tag!r}" if tag else ""))
    plan = _planned(app, dry_run, path, lambda store: use.plan_import(store, records, replace=replace))
    _report(plan, dry_run, as_json, f"{len(records)} authorities from {Path(path).name}")


_EMAIL_HEADERS = {
    "id": "id",
    "name": "name",
    "authority": "name",
    "email": "foi_email",
    "foiemail": "foi_email",
    "address": "foi_email",
    "source": "email_source",
    "emailsource": "email_source",
    "url": "email_source",
    "checked": "email_checked",
    "emailchecked": "email_checked",
    "date": "email_checked",
}


def read_email_rows(data: bytes):
    """The rows of an address file, as :class:`foi.app.authorities.EmailRow`."""
    from ..app.authorities import EmailRow
    from ..directory.importing import read_table

    rows = []
    for line, raw in read_table(data, header_map=_EMAIL_HEADERS):
        query = (raw.get("id") or "").strip() or (raw.get("name") or "").strip()
        email, source = (raw.get("foi_email") or "").strip(), (raw.get("email_source") or "").strip()
        if not query or not email:
            raise ImportFormatError(
                f"line {line}: each row needs the authority (id or name) and the email",
                hint="columns: id or name, email, source",
            )
        if not source:
            raise ImportFormatError(
                f"line {line}: no source for {email}",
                hint="give the page where the address was read (a source column) so others can check it",
            )
        rows.append(EmailRow(line, query, email, source, (raw.get("email_checked") or "").strip()))
    return rows


@click.command(name="import-emails")
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--replace", is_flag=True, help="Replace an address foi already has (old and new are shown).")
@click.option("--dry-run", is_flag=True, help="Say what would change; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@pass_app
def import_emails(app, path, replace, dry_run, as_json):
    """Load FOI addresses a coalition found, from a CSV file.

    Columns (by header): id or name, email, source (the page the address
    was read on), and optionally checked (the day, YYYY-MM-DD; default
    today).  Fills authorities that have no address; one with a different
    address keeps it unless you give --replace.  Addresses from a file are
    never marked verified.

    \b
    Examples:
      foi authorities import-emails found.csv --dry-run
      foi authorities import-emails found.csv --replace
    """
    from ..app import authorities as use

    try:
        rows = read_email_rows(_read(path))
    except ImportFormatError as exc:
        raise _in_file(path, exc) from None
    plan = _planned(
        app, dry_run, path, lambda store: use.plan_email_import(store, rows, replace=replace, today=app.today)
    )
    _report(plan, dry_run, as_json, f"{len(rows)} addresses from {Path(path).name}")


PROBLEM_WORDS = {
    "no-address": "no address",
    "unverified": "unverified",
    "bouncing": "bouncing",
    "changed": "changed",
}


@click.command()
@click.option("--campaign", "-c", help="Only the authorities of this campaign's requests.")
@click.option("--kind", help="Only this kind.")
@click.option("--tag", help="Only authorities with this tag.")
@click.option("--all", "show_all", is_flag=True, help="List the authorities with no problem too.")
@click.option("--json", "as_json", is_flag=True, help="As JSON (every authority in scope, with its problems).")
@pass_app
def check(app, campaign, kind, tag, show_all, as_json):
    """Say which letters cannot go out by email, and why.

    For each authority (of a campaign, or all): no address, an unverified
    address (with the page it was read on), an address that bounced, or an
    address that changed since a letter was drafted or since you edited it.
    Where the directory has a note on the address (why there is none, e.g. the
    body takes requests only through an online form), it is shown too.

    \b
    Examples:
      foi authorities check --campaign hiu
      foi authorities check --tag mental_health --json | jq '.[] | select(.problems != [])'
    """
    from ..app.authority_check import check as run_check
    from ..app.authority_check import summary
    from ..app.selection import check_campaign, filter_requests

    store = app.read()
    requests = None
    if campaign is not None:
        everything = store.requests()
        check_campaign(everything, campaign)
        requests = filter_requests(everything, campaign=campaign)
    findings = run_check(store, requests=requests, kind=kind, tag=tag)
    if as_json:
        emit_json([f.as_json() for f in findings])
        return
    shown = [f for f in findings if f.problems or show_all]
    if shown:
        print_table(
            ["id", "name", "problems", "foi email", "source"],
            [
                [
                    f.id,
                    f.name,
                    ", ".join(PROBLEM_WORDS[p] for p in f.problems) or "ok",
                    f.foi_email,
                    f.email_source + (f" ({f.email_checked})" if f.email_checked else ""),
                ]
                for f in shown
            ],
        )
        for f in shown:
            for note in ([f.email_note] if f.email_note and f.problems else []) + f.notes:
                info(f"{f.id}: {note}")
    counts = summary(findings)
    parts = [f"{counts[p]} {PROBLEM_WORDS[p]}" for p in PROBLEM_WORDS if counts[p]]
    info(
        f"{len(findings)} authorities: {counts['ready']} ready to email"
        + (f"; {', '.join(parts)}" if parts else "")
        + ("; confirm an address with `foi authorities edit ID --verified`" if counts["unverified"] else "")
    )
