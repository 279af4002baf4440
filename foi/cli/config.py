"""`foi config`: the requester's details and calendar changes, kept in the store."""

from __future__ import annotations

import click

from ..errors import UsageError
from ..vocab import Nation
from .common import DATE, emit_json, info, pass_app

KEYS = {
    "name": "your real name (FOIA s.8 / FOISA s.8 require it)",
    "email": "address for correspondence by email",
    "address": "postal address for correspondence",
    "organisation": "campaign or group, shown under your name",
}


@click.group()
def config():
    """Your name, address and other settings.

    They are kept in the store, so a coalition sharing a store shares them.

    \b
    Examples:
      foi config set name "Alex Jones"
      foi config set email alex@example.org
      foi config list
      foi config holiday add 2027-06-14 --nation scotland --name "Coronation day"
    """


@config.command(name="set")
@click.argument("key", type=click.Choice(sorted(KEYS)))
@click.argument("value")
@pass_app
def set_(app, key, value):
    """Set a value.

    \b
    Examples:
      foi config set name "Alex Jones"
      foi config set address "1 High Street, Leeds LS1 1AA"
    """
    value = value.strip()
    if not value:
        raise UsageError(f"{key} cannot be empty", f"use `foi config unset {key}` to remove it")
    if key == "email" and ("@" not in value or any(c.isspace() for c in value)):
        # it goes into every letter as the address for correspondence (FOIA s.8(1)(b))
        raise UsageError(
            f"{value!r} does not look like an email address",
            "give the address authorities should reply to, e.g. alex@example.org; "
            "a postal address goes in `foi config set address`",
        )
    with app.write() as store:
        cfg = store.config()
        cfg[key] = value
        store.set_config(cfg)
    info(f"{key} set")


@config.command()
@click.argument("key", type=click.Choice(sorted(KEYS)))
@pass_app
def unset(app, key):
    """Remove a value.

    \b
    Example:
      foi config unset address
    """
    with app.write() as store:
        cfg = store.config()
        cfg.pop(key, None)
        store.set_config(cfg)
    info(f"{key} removed")


@config.command()
@click.argument("key", type=click.Choice(sorted(KEYS)))
@pass_app
def get(app, key):
    """Print one value (exit 1 if it is not set).

    \b
    Example:
      foi config get name
    """
    value = app.read().config().get(key)
    if value is None:
        raise click.exceptions.Exit(1)
    click.echo(value)


@config.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="As JSON.")
@pass_app
def list_(app, as_json):
    """Show every setting and where the store is.

    \b
    Example:
      foi config list
    """
    cfg = app.read().config()
    if as_json:
        emit_json({"store": str(app.store_path), **{k: cfg.get(k) for k in KEYS}, "holidays": cfg.get("holidays", [])})
        return
    click.echo(f"store\t{app.store_path}")
    for key, meaning in KEYS.items():
        click.echo(f"{key}\t{cfg.get(key, '')}" + ("" if cfg.get(key) else f"\t(not set: {meaning})"))
    for h in cfg.get("holidays", []):
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


def _set_holiday(app, day, nation, name, action):
    with app.write() as store:
        cfg = store.config()
        # Rows apply in the order they were made, the latest last (it wins).  A
        # new row replaces the earlier ones it covers: those for the same date
        # and nation, or for every nation when it is for "all".
        iso = day.isoformat()
        rows = [
            h for h in cfg.get("holidays", []) if not (h["date"] == iso and (h["nation"] == nation or nation == "all"))
        ]
        rows.append({"date": iso, "nation": nation, "action": action, "name": name or ""})
        cfg["holidays"] = rows
        store.set_config(cfg)


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
    _set_holiday(app, day, nation, name or "holiday added in your config", "add")
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
    _set_holiday(app, day, nation, "", "remove")
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
