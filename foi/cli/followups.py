"""`foi chase`, `foi review`, `foi complain`: draft the next letter."""

from __future__ import annotations

import click

from ..errors import UsageError
from .bulk import report_skipped, selection_of, selection_options
from .common import (
    REQUEST_IDS,
    edit_text,
    emit_json,
    id_list,
    info,
    is_terminal,
    pass_app,
    warn,
)


def _draft_followups(app, ids, action, grounds, again, out, edit, as_json, dry_run=False):
    """Draft the letters, then show them (or say where they went)."""
    from ..app.compose import letters_folder, write_letters
    from ..app.followups import draft_followups

    folder = letters_folder(out) if not dry_run else None
    result = draft_followups(app, ids, action, grounds, again, editor=edit_text if edit else None, dry_run=dry_run)
    drafted = result.letters
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
    else:
        for d in drafted:
            if not out or dry_run:
                if len(drafted) > 1:
                    rule = "=" * 72
                    click.echo(f"{rule}\n{d.request['id']}: {d.request['authority_name']} ({d.kind})\n{rule}")
                click.echo(d.text.rstrip() + "\n")
    report_skipped(result)
    if dry_run:
        return
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
    return selection_options(f)


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.option(
    "--all-overdue", is_flag=True, help="Every request whose response or review is overdue (with --campaign: of it)."
)
@_with_common
@pass_app
def chase(app, ids, all_overdue, campaign, status, authority_kind, dry_run, again, out, edit, as_json):
    """Draft a chaser for a late response (or a late internal review).

    Cites the time limit of the request's law (FOIA s.10, FOISA s.10, EIR
    reg 5(2), UK GDPR Art. 12(3)), the dates and the working days late.
    Requests whose chaser is already drafted are skipped (--again drafts
    another).

    \b
    Examples:
      foi chase 12
      foi chase 12-20 --dry-run
      foi chase --all-overdue --campaign hiu --out letters/
      foi chase --campaign hiu --status overdue --authority-kind police_force
    """
    if all_overdue:
        if ids or status or authority_kind:
            raise UsageError("--all-overdue chooses the requests itself: leave out ids, --status and --authority-kind")
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
    else:
        ids = _ids(app, ids, campaign, status, authority_kind, "or --all-overdue")
    _draft_followups(app, ids, "chase", None, again, out, edit, as_json, dry_run)


def _ids(app, ids, campaign, status, authority_kind, alternative="") -> tuple[int, ...]:
    from ..app.selection import selected_ids

    sel = selection_of(ids, campaign, status, authority_kind)
    if not sel.ids and not sel.filters:
        raise UsageError(
            "which requests?", f"give ids (see `foi overdue`), or --campaign C [--status S] {alternative}".strip()
        )
    return selected_ids(app, sel)


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.option("--grounds", help="Why you want a review (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def review(app, ids, grounds, campaign, status, authority_kind, dry_run, again, out, edit, as_json):
    """Draft a request for an internal review.

    Uses the right provision for the law (FOIA s.45 Code of Practice, FOISA
    s.20, EIR reg 11, EISR reg 16; for subject access, the DPO) and lists
    the exemptions the authority cited.  Several requests take the same
    grounds.

    \b
    Examples:
      foi review 12 --grounds "The public interest in police involvement in care outweighs s.31."
      foi review 12          # opens your editor for the grounds
      foi review 31-35 --grounds "..."   # the review windows `foi overdue --quiet` lists
    """
    ids = _ids(app, ids, campaign, status, authority_kind)
    grounds = _grounds(grounds, "Why should the response be reviewed? (the exemptions cited, what is missing)")
    _draft_followups(app, ids, "review", grounds, again, out, edit, as_json, dry_run)


@click.command()
@click.argument("ids", nargs=-1, type=REQUEST_IDS, metavar="IDS...")
@click.option("--grounds", help="What you complain about (default: opens $EDITOR on a terminal).")
@_with_common
@pass_app
def complain(app, ids, grounds, campaign, status, authority_kind, dry_run, again, out, edit, as_json):
    """Draft a complaint to the ICO, or an application to the Scottish Information Commissioner.

    FOIA s.50 / EIR reg 18 (ICO) or FOISA s.47 / EISR reg 17 (Scottish
    Information Commissioner), with the request's whole timeline.

    \b
    Examples:
      foi complain 12 --grounds "The review upheld s.31 without weighing the public interest."
      foi complain 12 --out letters/
    """
    ids = _ids(app, ids, campaign, status, authority_kind)
    grounds = _grounds(grounds, "What is wrong with how the request was handled?")
    _draft_followups(app, ids, "complain", grounds, again, out, edit, as_json, dry_run)


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
