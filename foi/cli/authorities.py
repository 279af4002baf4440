"""`foi authorities`: the shipped directory of public bodies plus your own."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ImportFormatError
from ..vocab import AuthorityKind, Nation, Regime
from .common import AUTHORITY, emit_json, info, pass_app, print_table, warn

COLUMNS = ("id", "name", "kind", "nation", "regime", "foi_email", "wdtk_url_name")


@click.group()
def authorities():
    """Browse, add and import public authorities.

    foi ships the police forces of the UK, England's NHS mental health trusts
    and Scotland's health boards.  Wherever a command takes an authority, give
    its id, its exact name or an unambiguous part of its name.

    \b
    Examples:
      foi authorities list --kind police_force
      foi authorities list --search "oxford"
      foi authorities show police-scotland
      foi authorities import all-authorities.csv --tag nhs
    """


def _public(a: dict) -> dict:
    return {k: a.get(k) for k in sorted(a)}


@authorities.command(name="list")
@click.option("--kind", help="Only this kind: police_force, mental_health_trust, health_board, ...")
@click.option("--tag", help="Only authorities with this tag.")
@click.option("--search", "-s", help="Only names (or ids, ODS codes) containing TEXT.")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def list_(app, kind, tag, search, as_json):
    """List authorities.

    \b
    Examples:
      foi authorities list --kind mental_health_trust
      foi authorities list --search police --json | jq length
    """
    from ..directory import filter_authorities

    auths = app.authorities()
    rows = filter_authorities(auths, kind=kind, tag=tag, search=search)
    if as_json:
        emit_json([_public(a) for a in rows])
        return
    if not rows:
        kinds = sorted({a.get("kind") or "" for a in auths.values()} - {""})
        if kind and kind not in kinds:
            info(f"no authorities of kind {kind!r} (kinds: {', '.join(kinds)})")
        else:
            info("no authorities match")
        return
    print_table(
        ["id", "name", "kind", "law", "foi email"],
        [
            [
                a["id"],
                a["name"],
                a["kind"],
                (a.get("regime") or "").upper(),
                (a.get("foi_email") or "")
                + (
                    ""
                    if not a.get("foi_email") or str(a.get("email_verified")).lower() in ("yes", "true")
                    else " (unverified)"
                ),
            ]
            for a in rows
        ],
    )


@authorities.command()
@click.argument("query", metavar="AUTHORITY", type=AUTHORITY)
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def show(app, query, as_json):
    """Show everything known about one authority.

    \b
    Examples:
      foi authorities show "Oxford Health"
      foi authorities show devon-and-cornwall-police --json
    """
    from ..core import resolve_authority

    a = resolve_authority(query, app.authorities())
    if as_json:
        emit_json(_public(a))
        return
    for key in (
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
        "source",
    ):
        value = a.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            click.echo(f"{key:<15}{value}")
    if a.get("foi_email") and str(a.get("email_verified")).lower() not in ("yes", "true"):
        warn("this email address is unverified: check it on the authority's website before sending")
    if a.get("wdtk_url_name"):
        click.echo(f"{'whatdotheyknow':<15}https://www.whatdotheyknow.com/body/{a['wdtk_url_name']}")


@authorities.command()
@click.option("--id", "aid", help="Id (default: made from the name). An existing id is replaced.")
@click.option("--name", required=True, help="The authority's name.")
@click.option(
    "--kind",
    default=AuthorityKind.OTHER,
    show_default=True,
    help="police_force, mental_health_trust, health_board, council, other...",
)
@click.option(
    "--nation",
    default=Nation.DEFAULT,
    show_default=True,
    type=click.Choice(Nation.ALL),
)
@click.option("--regime", type=click.Choice(Regime.AUTHORITY), help="Default: foisa in Scotland, foia elsewhere.")
@click.option("--email", "foi_email", help="Its FOI email address.")
@click.option("--verified/--unverified", default=False, help="Whether you checked the email address.")
@click.option("--wdtk", "wdtk_url_name", help="Its WhatDoTheyKnow URL name.")
@click.option("--home-page", help="Its website.")
@click.option("--ods-code", help="NHS ODS code.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeatable).")
@pass_app
def add(app, aid, name, kind, nation, regime, foi_email, verified, wdtk_url_name, home_page, ods_code, tags):
    """Add your own authority (or correct a shipped one by giving its id).

    \b
    Examples:
      foi authorities add --name "Leeds City Council" --kind council --email foi@leeds.gov.uk --verified
      foi authorities add --id oxford-health-nhs-foundation-trust --name "Oxford Health NHS Foundation Trust" \\
          --kind mental_health_trust --email foi@oxfordhealth.nhs.uk --verified
    """
    from ..directory import normalise_record

    rec = normalise_record(
        {
            "id": aid,
            "name": name,
            "kind": kind,
            "nation": nation,
            "regime": regime,
            "foi_email": foi_email,
            "email_verified": ("yes" if verified else "no") if foi_email else "",
            "wdtk_url_name": wdtk_url_name,
            "home_page": home_page,
            "ods_code": ods_code,
            "tags": list(tags),
        }
    )
    with app.write() as store:
        added, updated = store.put_authorities([rec])
    info(f"{'added' if added else 'updated'} {rec['id']}: {rec['name']}")


@authorities.command(name="import")
@click.argument("path", metavar="FILE.csv", type=click.Path(dir_okay=False))
@click.option("--tag", help="Import only rows with this tag (WhatDoTheyKnow tags).")
@click.option("--json", "as_json", is_flag=True, help="Print what was imported as JSON.")
@pass_app
def import_(app, path, tag, as_json):
    """Import authorities from a CSV file.

    Reads WhatDoTheyKnow's all-authorities.csv (columns found by name) or a
    CSV with the same columns as `foi authorities list --json`.  Importing
    the same file again updates the authorities instead of duplicating them.

    \b
    Examples:
      foi authorities import all-authorities.csv --tag mental_health_trust
      foi authorities import my-councils.csv
    """
    from ..directory import parse_import_csv

    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"cannot read {p}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(
            f"{p} is not UTF-8 text (byte {exc.start})", "save it as UTF-8 CSV and import again"
        ) from None
    records = parse_import_csv(text, tag=tag)
    if not records:
        raise ImportFormatError(f"{p} has no authorities to import" + (f" with tag {tag!r}" if tag else ""))
    with app.write() as store:
        added, updated = store.put_authorities(records)
    if as_json:
        emit_json({"added": added, "updated": updated, "ids": [r["id"] for r in records]})
        return
    info(f"imported {len(records)} authorities from {p.name}: {added} new, {updated} updated")
