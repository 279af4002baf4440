"""The selection options every timeline command takes, and how a command
over many requests reports what it did and what it skipped."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from ..vocab import STATUSES, AuthorityKind
from .common import flat_ids, info

SELECTION_HELP = (
    "Requests: ids (12, 2-48, 3,5,9), or --campaign C with --status S and/or --authority-kind K "
    "(all-or-nothing: if one cannot take it, nothing is changed; --dry-run shows what would be)."
)


def selection_options(f):
    """--campaign, --status, --authority-kind and --dry-run (the ids are each
    command's own argument)."""
    for opt in reversed(
        [
            click.option("--campaign", "-c", help="Every request of this campaign (with --status, --authority-kind)."),
            click.option(
                "--status", type=click.Choice(STATUSES), help="Only requests at this stage (or 'overdue', 'open')."
            ),
            click.option(
                "--authority-kind",
                "authority_kind",
                type=click.Choice(AuthorityKind.ALL),
                help="Only requests to this kind of authority.",
            ),
            click.option("--dry-run", is_flag=True, help="Show what would be done; change nothing."),
        ]
    ):
        f = opt(f)
    return f


def selection_of(ids, campaign=None, status=None, authority_kind=None):
    from ..app.selection import Selection

    return Selection(flat_ids(ids), campaign, status, authority_kind)


@contextmanager
def store_for(app, dry_run: bool) -> Iterator:
    """The store locked for writing, or (``--dry-run``) only read."""
    if dry_run:
        yield app.read()
        return
    with app.write() as store:
        yield store


def report_skipped(outcome) -> None:
    """Say which requests were skipped (already done), and that a dry run changed nothing."""
    for req, exc in outcome.skipped:
        info(f"{req['id']} skipped: {exc.message}")
    if outcome.dry_run:
        n = len(outcome.done)
        info(f"dry run: {n} request{'s' if n != 1 else ''} would change; nothing was changed")
