"""`foi draft` (`foi send`, `foi respond` and `foi log` are in :mod:`foi.cli.timeline`)."""

from __future__ import annotations

import click

from ..app import views
from ..dates import human
from ..errors import UsageError
from .common import (
    AUTHORITY,
    edit_text,
    emit_json,
    id_list,
    info,
    parse_vars,
    pass_app,
    warn,
)


@click.command()
@click.option("--template", "-t", required=True, metavar="NAME", help="Letter template (see `foi templates list`).")
@click.option(
    "--to",
    "to",
    multiple=True,
    type=AUTHORITY,
    help="Authority id, exact name or unambiguous part of a name (repeatable).",
)
@click.option(
    "--kind",
    metavar="KIND",
    multiple=True,
    help="Every authority of this kind, e.g. mental_health_trust, police_force (repeatable: they add up).",
)
@click.option(
    "--tag",
    metavar="TAG",
    multiple=True,
    help="Every authority with this tag (repeatable; with --kind: of those kinds).",
)
@click.option("--subject", "-s", help="What the request is about (one line).")
@click.option("--var", "var", multiple=True, metavar="KEY=VALUE", help="A template variable (repeatable).")
@click.option("--body-file", type=click.File("rb"), help="Your questions, from a text file ('-' for stdin).")
@click.option("--campaign", "-c", help="Group the requests under a campaign name.")
@click.option("--edit", is_flag=True, help="Open $EDITOR on each letter before storing it.")
@click.option(
    "--out", "out", type=click.Path(file_okay=False), help="Also write each letter to DIR/<id>-<authority>.txt."
)
@click.option(
    "--allow-duplicate", is_flag=True, help="Draft even if this authority already has this subject in this campaign."
)
@click.option("--json", "as_json", is_flag=True, help="Print the drafted requests as JSON.")
@pass_app
def draft(app, template, to, kind, tag, subject, var, body_file, campaign, edit, out, allow_duplicate, as_json):
    """Draft a request to one authority or a whole group.

    One request is stored per authority, with its letter.  Nothing is sent:
    send the letter yourself, then record it with `foi send ID`.

    \b
    Examples:
      foi draft -t foi --to "Oxford Health" -s "Crisis team staffing" --body-file questions.txt
      foi draft -t hiu-scheme --kind mental_health_trust --campaign hiu
      foi draft -t hiu-scheme --kind mental_health_trust --kind police_force --campaign hiu
      foi draft -t sar --to "Devon and Cornwall Police" --out letters/
    """
    from ..app.compose import letters_folder, write_letters
    from ..app.drafting import DraftOrder, draft, due_if_sent_today

    if not (to or kind or tag):
        raise UsageError("say who to write to", "use --to AUTHORITY, --kind KIND or --tag TAG")
    order = DraftOrder(
        template,
        to,
        kind,
        tag,
        subject,
        campaign,
        parse_vars(var),
        _text_of(body_file) if body_file else "",
        allow_duplicate,
    )
    folder = letters_folder(out)
    records = draft(app, order, editor=edit_text if edit else None)
    if folder is not None:
        write_letters(folder, [(f"{r['id']}-{r['authority_id']}.txt", views.letter_of(r)) for r in records])
    dues = due_if_sent_today(app, records)
    if as_json:
        emit_json([_drafted_json(r, dues[r["id"]]) for r in records])
    else:
        _show_drafted(app, records, dues, out)


def _drafted_json(r: dict, due) -> dict:
    return {
        "id": r["id"],
        "authority": r["authority_name"],
        "authority_id": r["authority_id"],
        "regime": r["regime"],
        "subject": r["subject"],
        "campaign": r["campaign"],
        "to_email": r["to_email"],
        "email_verified": r["email_verified"],
        "due_if_sent_today": due,
        "letter": views.letter_of(r),
    }


def _show_drafted(app, records: list[dict], dues: dict, out: str | None) -> None:
    """The letter (one request), or the ids (a batch); then where they go and what next."""
    many = len(records) > 1
    for rec in records:
        if not many and not out:
            click.echo(views.letter_of(rec))
    if len(records) > 3:
        _summarise_destinations(records)
    else:
        directory = app.authorities()
        for rec in records:
            _describe_destination(rec, directory.get(rec["authority_id"]) or {})
    if many or out:
        for rec in records:
            click.echo(f"{rec['id']}\t{rec['authority_name']}")
    info(
        f"drafted {len(records)} request{'s' if many else ''} ({records[0]['regime'].upper()}"
        f"{' and others' if len({r['regime'] for r in records}) > 1 else ''}); "
        f"if sent today, due {human(dues[records[0]['id']])}"
        + (f" (ids {records[0]['id']}-{records[-1]['id']})" if many else f" (id {records[0]['id']})")
    )
    if out:
        info(f"letters written to {out}/")
    info(f"next: send {'them' if many else 'it'}, then record it: foi send {id_list([r['id'] for r in records])}")


def _summarise_destinations(records: list[dict]) -> None:
    """For a batch: one line per kind of problem, not one per authority."""
    unverified = [r for r in records if r.get("to_email") and not r.get("email_verified")]
    missing = [r for r in records if not r.get("to_email")]
    if unverified:
        warn(
            f"{len(unverified)} of these FOI email addresses are unverified: check each on the authority's "
            f"website before sending (`foi authorities check` lists them with the pages they were read on)"
        )
    if missing:
        warn(
            f"{len(missing)} of these authorities have no FOI email known: `foi show ID` gives the "
            "WhatDoTheyKnow link, or send through their website"
        )


def _describe_destination(rec: dict, auth: dict) -> None:
    if rec.get("to_email") and not rec.get("email_verified"):
        from .authorities import unverified_note

        note = unverified_note(auth) if auth.get("foi_email") == rec["to_email"] else "unverified"
        warn(
            f"{rec['authority_name']}: the address {rec['to_email']} is {note}; "
            "check it on the authority's website before sending"
        )
    elif not rec.get("to_email"):
        hint = (
            f"https://www.whatdotheyknow.com/new/{rec['wdtk_url_name']}" if rec.get("wdtk_url_name") else "its website"
        )
        note = auth.get("email_note") or ""  # why there is none and where to look (data/README.md)
        warn(f"{rec['authority_name']}: no FOI email known; find it on {hint}" + (f" ({note})" if note else ""))


def _text_of(file) -> str:
    """The --body-file's text; not UTF-8 is a one-line usage error."""
    raw = file.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"--body-file {file.name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at position {exc.start})",
            "save the file as UTF-8 and try again; nothing was changed",
        ) from None
