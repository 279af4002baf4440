"""`foi config`: your details (your own config file), campaign settings and
calendar changes (the store).  What each key is: :mod:`foi.settings`."""

from __future__ import annotations

import click

from .. import settings as spec
from ..app.config import change_holiday, write_setting
from ..vocab import Nation
from .common import DATE, emit_json, info, pass_app

_HELP = """Your name, address and other settings.

Your own details (name, email, address) are kept in your config file in the
app folder and used with every store, so each member of a coalition sharing
a store signs their own letters.  Campaign settings and bank holiday changes
are kept in the store.

\b
Settings (foi config set KEY VALUE):
{settings}

\b
From the environment only:
{environment}

\b
Examples:
  foi config set name "Alex Jones"
  foi config set email alex@example.org
  foi config list
  foi config holiday add 2027-06-14 --nation scotland --name "Coronation day"
"""


def _help() -> str:
    rows = spec.help_rows()
    settings = [f"  {k:<14}{t}" for k, t in rows if spec.BY_KEY[k].writable]
    environment = [f"  {spec.BY_KEY[k].env:<18}{spec.BY_KEY[k].help}" for k, _ in rows if not spec.BY_KEY[k].writable]
    return _HELP.format(settings="\n".join(settings), environment="\n".join(environment))


@click.group(help=_help())
def config():
    pass


@config.command(name="set")
@click.argument("key", type=click.Choice(spec.WRITABLE))
@click.argument("value")
@pass_app
def set_(app, key, value):
    """Set a value (your own details in your config file, campaign ones in the store).

    \b
    Examples:
      foi config set name "Alex Jones"
      foi config set address "1 High Street, Leeds LS1 1AA"
      foi config set organisation "Leeds Mental Health Action"
    """
    where = write_setting(app, key, spec.check(key, value))
    info(f"{key} set (in {where})")


@config.command()
@click.argument("key", type=click.Choice(spec.WRITABLE))
@pass_app
def unset(app, key):
    """Remove a value.

    \b
    Example:
      foi config unset address
    """
    write_setting(app, key, None)
    info(f"{key} removed")


@config.command()
@click.argument("key", type=click.Choice(spec.WRITABLE))
@pass_app
def get(app, key):
    """Print one value (exit 1 if it is not set).

    \b
    Example:
      foi config get name
    """
    value = app.settings().get(key)
    if value is None:
        raise click.exceptions.Exit(1)
    click.echo(value)


@config.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def list_(app, as_json):
    """Show every setting, where the store is and where your own settings are.

    \b
    Example:
      foi config list
    """
    store = app.read()
    values = app.settings(store)
    holidays = store.config().get("holidays", [])
    if as_json:
        emit_json({**{k: values.get(k) for k in spec.WRITABLE}, "store": str(app.store_path), "holidays": holidays})
        return
    click.echo(f"store\t{app.store_path}")
    click.echo(f"settings\t{spec.person_config_path()}")
    for key, meaning in spec.help_rows(spec.WRITABLE):
        if key == "store":  # (shown above, wherever it comes from)
            continue
        click.echo(f"{key}\t{values.get(key, '')}" + ("" if values.get(key) else f"\t(not set: {meaning})"))
    for h in holidays:
        click.echo(f"holiday\t{h['action']} {h['date']} {h['nation']} {h.get('name', '')}".rstrip())


@config.group()
def holiday():
    """Add or remove a bank holiday (a newly proclaimed one) for every due date.

    \b
    Examples:
      foi config holiday add 2027-06-14 --nation scotland --name "Special holiday"
      foi config holiday remove 2027-06-14
      foi config holiday list
    """


@holiday.command(name="add")
@click.argument("day", metavar="DATE", type=DATE)
@click.option(
    "--nation", type=click.Choice(Nation.HOLIDAY), default="all", show_default=True, help="Where it is a bank holiday."
)
@click.option("--name", default="", help="What it is called.")
@pass_app
def holiday_add(app, day, nation, name):
    """Count DATE as a bank holiday.

    \b
    Example:
      foi config holiday add 2027-06-14 --nation scotland --name "Special holiday"
    """
    change_holiday(app, day, nation, name or "holiday added in your config", "add")
    info(f"{day.isoformat()} is now a bank holiday ({nation}); every due date uses it")


@holiday.command(name="remove")
@click.argument("day", metavar="DATE", type=DATE)
@click.option(
    "--nation",
    type=click.Choice(Nation.HOLIDAY),
    default="all",
    show_default=True,
    help="Where it no longer is a bank holiday.",
)
@pass_app
def holiday_remove(app, day, nation):
    """Count DATE as a working day even if the calendar says otherwise.

    \b
    Example:
      foi config holiday remove 2027-06-14
    """
    change_holiday(app, day, nation, "", "remove")
    info(f"{day.isoformat()} is now a working day ({nation}) unless a weekend")


@holiday.command(name="list")
@pass_app
def holiday_list(app):
    """Your changes to the bank holiday calendar.

    \b
    Example:
      foi config holiday list
    """
    rows = app.read().config().get("holidays", [])
    if not rows:
        info("no changes: foi uses the UK bank holidays as published (see `foi config holiday add --help`)")
    for h in rows:  # in the order they apply: a later line wins over an earlier one
        click.echo(f"{h['date']}\t{h['action']}\t{h['nation']}\t{h.get('name', '')}")
