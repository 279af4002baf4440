"""`foi overdue`: the daily list of what needs attention."""

from __future__ import annotations

import click

from ..dates import human
from .common import emit_json, pass_app, use_colour


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
    "--exit-code", "exit_code", is_flag=True, help="Exit 1 when anything is overdue (like `git diff --exit-code`)."
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when nothing needs attention (for cron).")
@pass_app
def overdue(app, within, campaign, as_json, exit_code, quiet):
    """What needs attention today, most urgent first.

    Responses overdue (and very overdue, past 40 working days), internal
    reviews overdue, your own windows closing (asking for a review,
    complaining, applying to the Commissioner, appealing, paying a fee),
    clarifications you owe, and responses due soon; each with the command
    for the next step.

    \b
    Examples:
      foi overdue
      foi overdue --within 10 --campaign hiu
      foi overdue --quiet --exit-code     # in cron: mail only on days that matter
      foi overdue --json | jq '.[] | .next_action'
    """
    store = app.read()
    requests = store.requests()
    if campaign is not None:
        from ..app.selection import check_campaign

        check_campaign(requests, campaign)
    items = []
    if requests:  # the deadline engine is imported only when there is something to assess
        from ..domain.attention import attention

        items = attention(requests, app.today, app.calendars(store), within, campaign)
    late = any(i.kind in ("response-overdue", "review-overdue") for i in items)
    if as_json:
        if items or not quiet:
            emit_json([i.to_dict() for i in items])
    elif items:
        from ..domain.attention import GROUP_TITLES

        _render(items, GROUP_TITLES, app.today)
    elif not quiet:
        click.echo(f"Nothing needs attention today ({human(app.today)}).")
    if exit_code and late:
        raise click.exceptions.Exit(1)


def _render(items, titles, today) -> None:
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
        if it.working_days_late > 0:
            when = f"{it.working_days_late} working day{'s' if it.working_days_late != 1 else ''} late"
        elif it.days_left > 0:
            when = f"{it.days_left} working day{'s' if it.days_left != 1 else ''} left"
        elif it.days_left == 0:
            when = "today"
        else:
            when = f"{-it.days_left} working day{'s' if it.days_left != -1 else ''} ago"
        label = it.subject + (f" [{it.campaign}]" if it.campaign else "")
        line = f"  {it.id:>4}  {it.authority}: {label}\n        {it.what} {human(it.due)}, {when}  ->  {it.next_action}"
        if it.kind == "reply-to-read":
            line = (
                f"  {it.id:>4}  {it.authority}: {label}\n        {it.what} {human(it.due)}: read it with "
                f"`foi show {it.id}`, then `foi respond {it.id} ...`"
            )
        if term and it.working_days_late > 0:
            line = click.style(line, fg="red")
        click.echo(line)
