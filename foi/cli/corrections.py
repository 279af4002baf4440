"""`foi undo` and `foi edit`: correct a request's timeline."""

from __future__ import annotations

import sys

import click

from ..errors import UsageError
from ..vocab import Outcome, ReviewOutcome, Via
from .common import DATE, REQUEST_ID, emit_json, info, is_terminal, pass_app


def _event_line(n: int, event: dict) -> str:
    from .listing import _describe_event

    return f"  {n:>2}  {_describe_event(event)}"


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--yes", "-y", is_flag=True, help="Do not ask before removing (needed without a terminal).")
@click.option("--dry-run", is_flag=True, help="Show the event that would be removed; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the removed event as JSON.")
@pass_app
def undo(app, rid, yes, dry_run, as_json):
    """Remove the event recorded last on a request's timeline.

    Shows the event and asks first.  Undoing `foi send` makes the letter a
    draft again.  In a store shared by a coalition, the event stays removed
    when the members' copies are merged.  To change an event instead (its
    date, outcome, exemptions), use `foi edit`.

    \b
    Examples:
      foi undo 12
      foi undo 12 --yes
    """
    from ..app import corrections

    n, event = corrections.last_event(app.read(), rid)
    if not as_json:
        info(f"request {rid}: the event recorded last is")
        info(_event_line(n, event))
    if dry_run:
        info("dry run: nothing was removed")
        return
    if not yes:
        if not is_terminal(sys.stdin):
            raise UsageError(f"foi undo asks before removing event {n} of request {rid}", "add --yes to remove it")
        click.confirm("Remove it?", abort=True, err=True)
    with app.write() as store:
        done = corrections.undo(store, rid, app.today, expected_uid=event.get("uid"))
    if as_json:
        emit_json({"id": rid, "removed": done.old})
        return
    click.echo(f"{rid}\tremoved {done.old['type']} of {done.old['date']}")


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option(
    "--event",
    "which",
    metavar="N|TYPE",
    help="Which event: its number on `foi show ID`, or a type (the latest one) [default: the one recorded last].",
)
@click.option("--on", "on", type=DATE, help="The right date.")
@click.option(
    "--outcome",
    type=click.Choice(Outcome.ALL + ReviewOutcome.ALL),
    help="The right outcome (responses, review responses).",
)
@click.option(
    "--exemption",
    "exemptions",
    multiple=True,
    metavar="SECTION",
    help="The exemptions cited, all of them (repeatable; replaces the old list).",
)
@click.option("--no-exemptions", is_flag=True, help="Remove the exemptions recorded.")
@click.option("--ref", help="The right reference ('' removes it).")
@click.option("--note", help="The right note ('' removes it).")
@click.option("--via", type=click.Choice(Via.ALL), help="How the letter really went.")
@click.option("--dry-run", is_flag=True, help="Show the change; save nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the event before and after as JSON.")
@pass_app
def edit(app, rid, which, on, outcome, exemptions, no_exemptions, ref, note, via, dry_run, as_json):
    """Correct one event: its date, outcome, exemptions, reference, note or via.

    The event keeps its permanent id, so a coalition's merge sees the
    correction.  The whole timeline is checked again: a date that would put
    a response before the request was sent is refused.

    \b
    Examples:
      foi edit 12 --event response --outcome partial --exemption s40(2)
      foi edit 12 --event 3 --on 2/12/2026
      foi edit 12 --event response --no-exemptions
    """
    from ..app import corrections

    if exemptions and no_exemptions:
        raise UsageError("give --exemption or --no-exemptions, not both")
    changes = corrections.changes_of(on, outcome, exemptions, ref, note)
    if no_exemptions:
        changes["exemptions"] = []
    if via is not None:
        changes["via"] = via
    if not changes:
        raise UsageError(
            "what should change?", "give --on, --outcome, --exemption, --no-exemptions, --ref, --note or --via"
        )
    if dry_run:
        done = corrections.edit(app.read(), rid, which, changes, app.today, dry_run=True)
    else:
        with app.write() as store:
            done = corrections.edit(store, rid, which, changes, app.today)
    if as_json:
        emit_json({"id": rid, "before": done.old, "after": done.new, "saved": not dry_run})
        return
    info(f"request {rid}: was")
    info(_event_line(done.before["events"].index(done.old) + 1, done.old))
    click.echo(f"{rid}\tnow  {_event_line(done.after['events'].index(done.new) + 1, done.new).strip()}")
    if dry_run:
        info("dry run: nothing was changed")
