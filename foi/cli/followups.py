"""`foi chase`, `foi review`, `foi complain`: draft the next letter."""

from __future__ import annotations

import click

from ..errors import UsageError
from .common import (
    REQUEST_ID,
    REQUEST_IDS,
    edit_text,
    emit_json,
    flat_ids,
    id_list,
    info,
    is_terminal,
    pass_app,
    warn,
)


def _draft_followups(app, ids, action, grounds, again, out, edit, as_json):
    """Draft the letters, then show them (or say where they went)."""
    from ..app.compose import letters_folder, write_letters
    from ..app.followups import draft_followups

    folder = letters_folder(out)
    drafted = draft_followups(app, ids, action, grounds, again, editor=edit_text if edit else None)
    if folder is not None:
        write_letters(folder, [(f"{d.request['id']}-{d.kind}.txt", d.text) for d in drafted])
    if as_json:
        emit_json(
            [
                {
                    "id": d.request["id"],
                    "authority": d.request["authority_name"],
                    "letter_kind": d.kind,
                    "letter": d.text,
                }
                for d in drafted
            ]
        )
        return
    for d in drafted:
        if not out:
            if len(drafted) > 1:
                rule = "=" * 72
                click.echo(f"{rule}\n{d.request['id']}: {d.request['authority_name']} ({d.kind})\n{rule}")
            click.echo(d.text.rstrip() + "\n")
    ids_text = id_list(d.request["id"] for d in drafted)
    info(
        f"drafted {len(drafted)} {drafted[0].kind} letter{'s' if len(drafted) > 1 else ''}"
        + (f" in {out}/" if out else "")
        + f"; when sent, record it: foi send {ids_text}"
    )
    if not grounds and action in ("review", "complain"):
        warn("no --grounds given: the letter uses a general sentence; say why in your own words for a stronger case")


_COMMON = [
    click.option("--again", is_flag=True, help="Draft even if one was already drafted for this stage."),
    click.option("--out", type=click.Path(file_okay=False), help="Write the letters to DIR/<id>-<kind>.txt."),
    click.option("--edit", is_flag=True, help="Open $EDITOR on each letter before storing it."),
    click.option("--json", "as_json", is_flag=True, help="Print the letters as JSON."),
]


def _with_common(f):
    for opt in reversed(_COMMON):
        f = opt(f)
    return f


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS)
@click.option("--all-overdue", is_flag=True, help="Every request whose response or review is overdue.")
@click.option("--campaign", "-c", help="With --all-overdue: only this campaign.")
@_with_common
@pass_app
def chase(app, ids, all_overdue, campaign, again, out, edit, as_json):
    """Draft a chaser for a late response (or a late internal review).

    Cites the time limit of the request's law (FOIA s.10, FOISA s.10, EIR
    reg 5(2), UK GDPR Art. 12(3)), the dates and the working days late.

    \b
    Examples:
      foi chase 12
      foi chase --all-overdue --campaign hiu --out letters/
    """
    ids = flat_ids(ids)
    if all_overdue:
        if ids:
            raise UsageError("give request ids or --all-overdue, not both")
        from ..app.followups import overdue_to_chase

        found = overdue_to_chase(app, campaign, again)
        ids = found.ids
        if not ids:
            if found.already:
                who = (
                    f"request {found.already[0]} already has"
                    if len(found.already) == 1
                    else f"the {len(found.already)} overdue requests already have"
                )
                info(
                    f"nothing new to chase: {who} a chaser drafted "
                    "(`foi overdue` says what is next; --again drafts another)"
                )
            else:
                info("nothing overdue to chase")
            return
    elif not ids:
        raise UsageError("which request?", "give its id (see `foi overdue`), or --all-overdue")
    _draft_followups(app, ids, "chase", None, again, out, edit, as_json)


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--grounds", help="Why you want a review (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def review(app, rid, grounds, again, out, edit, as_json):
    """Draft a request for an internal review.

    Uses the right provision for the law (FOIA s.45 Code of Practice, FOISA
    s.20, EIR reg 11, EISR reg 16; for subject access, the DPO) and lists
    the exemptions the authority cited.

    \b
    Examples:
      foi review 12 --grounds "The public interest in police involvement in care outweighs s.31."
      foi review 12          # opens your editor for the grounds
    """
    grounds = _grounds(grounds, "Why should the response be reviewed? (the exemptions cited, what is missing)")
    _draft_followups(app, (rid,), "review", grounds, again, out, edit, as_json)


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--grounds", help="What you complain about (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def complain(app, rid, grounds, again, out, edit, as_json):
    """Draft a complaint to the ICO, or an application to the Scottish Information Commissioner.

    FOIA s.50 / EIR reg 18 (ICO) or FOISA s.47 / EISR reg 17 (Scottish
    Information Commissioner), with the request's whole timeline.

    \b
    Examples:
      foi complain 12 --grounds "The review upheld s.31 without weighing the public interest."
      foi complain 12 --out letters/
    """
    grounds = _grounds(grounds, "What is wrong with how the request was handled?")
    _draft_followups(app, (rid,), "complain", grounds, again, out, edit, as_json)


def _grounds(grounds: str | None, prompt: str) -> str | None:
    if grounds is not None:
        return grounds.strip() or None
    if not is_terminal() or not is_terminal(click.get_text_stream("stdin")):
        return None
    text = click.edit(f"\n# {prompt}\n# Lines starting with # are ignored.\n", extension=".txt")
    if text is None:
        return None
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#")).strip()
    return body or None
