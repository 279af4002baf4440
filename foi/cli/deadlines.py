"""`foi deadline` (a calculator, no store needed) and `foi explain ID`."""

from __future__ import annotations

import click

from ..dates import human
from ..vocab import Nation, Regime
from .common import DATE, REQUEST_ID, emit_json, pass_app


def _calendars(app):
    """The user's calendar changes if there is a store; the plain calendar otherwise."""
    if app.store_path.exists():
        return app.calendars()
    from ..domain.calendars import Calendars

    return Calendars(())


@click.command()
@click.option("--regime", "-r", required=True, type=click.Choice(Regime.ALL), help="The law the request is under.")
@click.option("--received", required=True, type=DATE, help="The day the authority received it (day 0).")
@click.option(
    "--nation",
    type=click.Choice(Nation.ALL),
    default=None,
    help="Where the authority is (subject access requests; default england, scotland for FOISA/EISR).",
)
@click.option(
    "--days", type=click.IntRange(1, 400), help="Count this many working days instead of the statutory limit."
)
@click.option("--explain", "show_working", is_flag=True, help="Show the count day by day.")
@click.option("--json", "as_json", is_flag=True, help='As JSON: {"regime", "received", "due", ...}.')
@pass_app
def deadline(app, regime, received, nation, days, show_working, as_json):
    """Work out a statutory deadline.

    \b
    Examples:
      foi deadline --regime foia --received 6/7/2026
      foi deadline --regime foisa --received "21 Nov 2026" --explain
      foi deadline --regime sar --received 2027-01-29 --nation scotland --json
    """
    from ..domain.clock import explain_count

    if nation is None:
        nation = Nation.SCOTLAND if regime in Regime.SCOTTISH else Nation.DEFAULT
    exp = explain_count(regime, nation, received, days, _calendars(app))
    if as_json:
        out = {
            "regime": regime,
            "nation": nation,
            "received": received.isoformat(),
            "due": exp.due.isoformat(),
            "rule": exp.rule,
            "calendar": exp.calendar,
        }
        if show_working:
            out["explanation"] = exp.to_dict()
        emit_json(out)
        return
    if show_working:
        click.echo(exp.to_text().rstrip())
        return
    click.echo(f"{human(exp.due)}\t{exp.rule}")


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def explain(app, rid, as_json):
    """Show how a request's due date was worked out, day by day.

    Lists each day counted and each day skipped with its reason, the rule
    and section applied, and any assumption made.

    \b
    Examples:
      foi explain 12
      foi explain 12 --json
    """
    from ..domain.clock import explain as do_explain

    store = app.read()
    req = store.get_request(rid)
    exp = do_explain(
        req["regime"], req.get("nation", Nation.DEFAULT), req.get("events", []), app.today, app.calendars(store)
    )
    if as_json:
        emit_json({"id": req["id"], **exp.to_dict()})
        return
    click.echo(f"Request {req['id']} to {req.get('authority_name')}: {req.get('subject', '')}")
    click.echo(exp.to_text().rstrip())
