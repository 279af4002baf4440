"""`foi authorities`: the shipped directory of public bodies plus your own."""

from __future__ import annotations

import click

from ..directory.records import FIELDS
from ..vocab import Nation, Regime
from .common import AUTHORITY, emit_json, info, pass_app, print_table, say, warn

COLUMNS = ("id", "name", "kind", "nation", "regime", "foi_email", "wdtk_url_name")
KIND_HELP = "police_force, mental_health_trust, health_board (Scotland, Wales), hsc_trust (Northern Ireland), ..."


@click.group()
def authorities():
    """Browse, correct, add and import public authorities.

    foi ships the UK's 48 police forces, England's 47 NHS mental health
    trusts, the 14 Scottish and 7 Welsh health boards and Northern Ireland's
    5 health and social care trusts, with the FOI addresses found on their own
    websites (each with the page it was read on; none confirmed for you).
    Wherever a command takes an authority, give its id, its exact name or an
    unambiguous part of its name.

    \b
    Examples:
      foi authorities list --tag mental_health          # every NHS mental health body in the UK
      foi authorities list --kind police_force --tag territorial
      foi authorities show police-scotland
      foi authorities edit police-scotland --email foi@scotland.police.uk --verified
      foi authorities check --campaign hiu
      foi authorities import-emails found.csv
    """


def _public(a: dict) -> dict:
    return {k: a.get(k) for k in sorted(a)}


def unverified_note(a: dict, with_note: bool = True) -> str:
    """Why to check an address, with the page it came from and (``with_note``) what
    the shipped data says to check about it (its ``email_note``)."""
    source = a.get("email_source")
    parts = [f"read on {source}" + (f" on {a['email_checked']}" if a.get("email_checked") else "")] if source else []
    if with_note and a.get("email_note"):
        parts.append(a["email_note"])
    return "unverified" + (f" ({'; '.join(parts)})" if parts else "")


@authorities.command(name="list")
@click.option("--kind", help=f"Only this kind: {KIND_HELP}")
@click.option("--tag", help="Only authorities with this tag (e.g. mental_health, territorial, scotland).")
@click.option("--search", "-s", help="Only names (or ids, ODS codes) containing TEXT.")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def list_(app, kind, tag, search, as_json):
    """List authorities.

    \b
    Examples:
      foi authorities list --kind hsc_trust
      foi authorities list --tag mental_health --json | jq length
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
                + ("" if not a.get("foi_email") or a.get("email_verified") == "yes" else " (unverified)"),
            ]
            for a in rows
        ],
    )


# The directory's own fields, then what foi adds about the address and the row.
SHOWN = (*(f for f in FIELDS if f != "tags"), "email_status", "tags", "source")


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
    from ..app.selection import resolve_authority
    from ..domain.safe_text import for_terminal

    a = resolve_authority(query, app.authorities())
    if as_json:
        emit_json(_public(a))
        return
    for key in SHOWN:
        value = a.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            say(f"{key:<15}{for_terminal(value)}")
    if a.get("foi_email") and a.get("email_verified") != "yes":  # (its email_note is one of the lines above)
        warn(
            f"this address is {unverified_note(a, with_note=False)}: check it on the authority's website, then "
            f"`foi authorities edit {a['id']} --verified`"
        )
    if a.get("wdtk_url_name"):
        say(f"{'whatdotheyknow':<15}https://www.whatdotheyknow.com/body/{a['wdtk_url_name']}")


def _address_options(f):
    for option in reversed(
        [
            click.option("--email", "foi_email", help="Its FOI email address."),
            click.option("--source", "email_source", metavar="URL", help="The page where you read the address."),
            click.option(
                "--checked", "email_checked", metavar="YYYY-MM-DD", help="The day you read it (default: today)."
            ),
            click.option("--wdtk", "wdtk_url_name", help="Its WhatDoTheyKnow URL name."),
            click.option("--home-page", help="Its website."),
            click.option("--ods-code", help="NHS ODS code."),
            click.option("--tag", "tags", multiple=True, help="A tag to add (repeatable)."),
        ]
    ):
        f = option(f)
    return f


@authorities.command()
@click.option("--id", "aid", help="Id (default: made from the name). Must be new.")
@click.option("--name", required=True, help="The authority's name.")
@click.option("--kind", help=f"{KIND_HELP}, council, other (default: from the tags, else other).")
@click.option("--nation", type=click.Choice(Nation.ALL))
@click.option("--regime", type=click.Choice(Regime.AUTHORITY), help="Default: foisa in Scotland, foia elsewhere.")
@click.option("--verified/--unverified", default=False, help="Whether you checked the email address.")
@_address_options
@pass_app
def add(app, aid, name, kind, nation, regime, verified, tags, **fields):
    """Add an authority foi does not know.

    To correct one foi already has (a shipped one included), use
    `foi authorities edit`: `add` refuses an id that exists.

    \b
    Examples:
      foi authorities add --name "Leeds City Council" --kind council \\
          --email foi@leeds.gov.uk --source https://www.leeds.gov.uk/foi --verified
    """
    from ..app import authorities as use

    fields.update(id=aid, name=name, kind=kind, nation=nation, regime=regime, tags=list(tags))
    if fields.get("foi_email"):
        fields["email_verified"] = "yes" if verified else "no"
        fields["email_checked"] = fields.get("email_checked") or app.today.isoformat()
    with app.write() as store:
        rec = use.add(store, fields)
    info(f"added {rec['id']}: {rec['name']} ({rec['kind']}, {rec['nation']}, {rec['regime'].upper()})")


@authorities.command()
@click.argument("query", metavar="AUTHORITY", type=AUTHORITY)
@click.option("--name", help="Its name.")
@click.option("--kind", help=KIND_HELP)
@click.option("--nation", type=click.Choice(Nation.ALL))
@click.option("--regime", type=click.Choice(Regime.AUTHORITY), help="The law its requests go under.")
@click.option(
    "--verified/--unverified",
    default=None,
    help="You checked the address on the authority's own website (or mark it unchecked again).",
)
@_address_options
@click.option("--json", "as_json", is_flag=True, help="Print the authority as it is now, as JSON.")
@pass_app
def edit(app, query, verified, tags, as_json, **changes):
    """Correct an authority: only what you give changes.

    Works for shipped authorities too: correcting Police Scotland's address
    keeps it a Scottish police force under FOISA.  A new address starts
    unverified; --verified records that you checked it (today).

    \b
    Examples:
      foi authorities edit police-scotland --verified
      foi authorities edit "Oxford Health" --email foi@example.nhs.uk \\
          --source https://www.example.nhs.uk/foi --verified
      foi authorities edit kent-police --tag hiu-pilot
    """
    from ..app import authorities as use

    with app.write() as store:
        result = use.edit(store, query, changes, verified=verified, tags=tags, today=app.today)
    after = result.after
    if as_json:
        emit_json(_public(after))
        return
    if not result.changed:
        info(f"{after['id']}: nothing changed")
        return
    for f in result.changed:
        old, new = result.before.get(f), after.get(f)
        if isinstance(new, list):
            old, new = ", ".join(old or []), ", ".join(new)
        info(f"{after['id']}: {f}: {old or '(none)'} -> {new or '(none)'}")


def _register() -> None:
    from .authorities_io import check, import_, import_emails

    for command in (import_, import_emails, check):
        authorities.add_command(command)


_register()
