"""`foi overdue`: the daily list of what needs attention."""

from __future__ import annotations

import click

from ..dates import human
from .common import emit_json, pass_app, say, use_colour


@click.command()
@click.option(
    "--within",
    type=click.IntRange(0, 100),
    default=5,
    show_default=True,
    metavar="N",
    help="Also show deadlines and your windows within N working days.",
)
@click.option("--campaign", "-c", help="Only this campaign.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list of items (see README, 'JSON output').")
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 1 when something needs action today (what --quiet prints), like `git diff --exit-code`.",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Only what needs action today (overdue, replies to read, your windows closing), "
    "one line per campaign and kind with the command for it; nothing on a quiet day (for cron).",
)
@click.option("--verbose", "-v", is_flag=True, help="With --quiet: each request under its group's line.")
@pass_app
def overdue(app, within, campaign, as_json, exit_code, quiet, verbose):
    """What needs attention today, most urgent first.

    Responses overdue (and very overdue, past 40 working days), internal
    reviews overdue, your own windows closing (asking for a review,
    complaining, applying to the Commissioner, appealing, paying a fee),
    clarifications you owe, and responses due soon; each with the command
    for the next step.

    With --quiet only what needs action today is printed (responses and
    reviews overdue, replies to read, your windows closing within --within
    working days), counted per campaign, one line per group with the one
    command that acts on the whole group.  Responses merely due soon wait.

    \b
    Examples:
      foi overdue
      foi overdue --within 10 --campaign hiu
      foi overdue --quiet --exit-code     # in cron: mail only on days that matter
      foi overdue --json | jq '.[] | .next_action'
    """
    from ..app.attention import attention_today

    store = app.read()
    calendars = app.calendars(store) if store.requests() else None  # (none to build on an empty store)
    items = attention_today(store, app.today, calendars, within, campaign)
    if items:  # (the grouping is imported only when there is something: start-up on a quiet day)
        from ..domain.reminder import groups, needs_action

        action = needs_action(items)
    else:
        action = []
    if quiet:
        items = action
    if as_json:
        if items or not quiet:
            from .actions import item_json  # (it imports the deadline engine: not on a quiet day)

            emit_json([item_json(i) for i in items])
    elif quiet:
        if items:  # (nothing at all on a quiet day)
            _render_groups(groups(items), verbose)
    elif items:
        from ..domain.attention import GROUP_TITLES

        _render(items, GROUP_TITLES, app.today)
    else:
        click.echo(f"Nothing needs attention today ({human(app.today)}).")
    if exit_code and action:
        raise click.exceptions.Exit(1)


def _render_groups(found, verbose: bool) -> None:
    from .actions import headline

    for group in found:
        say(headline(group))
        if verbose:
            for it in group.items:
                say(f"  {it.id:>4}  {it.authority}: {it.what} {human(it.due)}{_when(it)}")


def _when(it) -> str:
    if it.working_days_late > 0:
        return f", {it.working_days_late} working day{'s' if it.working_days_late != 1 else ''} late"
    if it.days_left > 0:
        return f", {it.days_left} working day{'s' if it.days_left != 1 else ''} left"
    if it.days_left == 0:
        return ", today"
    return f", {-it.days_left} working day{'s' if it.days_left != -1 else ''} ago"


def _render(items, titles, today) -> None:
    from ..domain.safe_text import for_terminal
    from .actions import command_line

    term = use_colour()
    bold = (lambda s: click.style(s, bold=True)) if term else (lambda s: s)
    current = None
    click.echo(f"foi overdue: {human(today)}")
    for it in items:
        if it.kind != current:
            current = it.kind
            count = sum(1 for x in items if x.kind == current)
            click.echo("")
            click.echo(bold(f"{titles[current]} ({count})"))
        label = it.subject + (f" [{it.campaign}]" if it.campaign else "")
        when = _when(it)[2:]
        line = f"  {it.id:>4}  {it.authority}: {label}\n        {it.what} {human(it.due)}, {when}  ->  {command_line(it.next_action)}"
        if it.kind == "reply-to-read":
            line = (
                f"  {it.id:>4}  {it.authority}: {label}\n        {it.what} {human(it.due)}: read it with "
                f"`foi show {it.id}`, then `foi respond {it.id} ...`"
            )
        line = for_terminal(line, multiline=True)
        if term and it.working_days_late > 0:
            line = click.style(line, fg="red")
        click.echo(line)
