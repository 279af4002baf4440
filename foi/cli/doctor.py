"""`foi doctor`: check the store for problems; restore its backup (the
checks: :mod:`foi.app.doctor`)."""

from __future__ import annotations

import click

from .common import emit_json, info, pass_app


@click.command()
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='As JSON: {"store", "ok", "errors", "warnings", "requests", "problems": [...]}.',
)
@click.option(
    "--restore-backup",
    "restore",
    is_flag=True,
    help="Replace the store with its backup (<store>.bak), keeping the replaced file.",
)
@click.option("--yes", "-y", is_flag=True, help="With --restore-backup: do not ask for confirmation.")
@pass_app
def doctor(app, as_json, restore, yes):
    """Check the store for problems; restore the backup.

    Checks that the store can be read and has a schema this foi
    understands, that request ids are unique and match their keys, that
    each request's events are in date order, that attached files are all
    there and unchanged (sha256), which unsent requests go to an
    unverified email address, that the bank holiday calendar covers the
    coming year, that no interrupted write left a temporary file, and that
    the store and its folder are private (0600 / 0700).

    Prints one line per problem; exits 1 if there is any error (warnings
    alone exit 0).  Only --restore-backup changes anything.

    \b
    Examples:
      foi doctor
      foi doctor --json | jq '.problems[] | .message'
      foi doctor --restore-backup
      foi doctor --restore-backup --yes
    """
    from ..app import doctor as checkup

    if restore:
        _restore(app, as_json, yes)
        return
    report = checkup.check(app)
    if as_json:
        emit_json(report.to_dict())
    else:
        for p in report.problems:
            click.echo(p.line())
        if not report.exists:
            info(f"there is no store at {report.store} yet; it is created by the first change")
        e, w = report.errors, report.warnings
        summary = f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
        info(
            f"checked {report.store} ({report.requests} requests): "
            + (summary if report.problems else "no problems found")
        )
        if report.backup_may_help:
            info("the backup is readable: `foi doctor --restore-backup` puts it back")
    if report.errors:
        raise click.exceptions.Exit(1)


def _restore(app, as_json: bool, yes: bool) -> None:
    from ..app import doctor as checkup

    plan = checkup.plan_restore(app.store_path)
    path = plan.store
    if plan.same:
        info("the store and its backup are the same; nothing to restore")
        if as_json:
            emit_json({"store": str(path), "restored": False, "kept": None})
        return
    if not yes:
        info(
            f"the store {path} ({plan.store_is}) will be replaced by its backup {plan.backup} ({plan.backup_is}); "
            f"the replaced file is kept as {path.name}.before-restore"
        )
        click.confirm("restore the backup?", abort=True, err=True)
    kept = checkup.restore(plan)
    if as_json:
        emit_json({"store": str(path), "restored": True, "kept": str(kept) if kept else None})
        return
    info(f"restored {path} from {plan.backup.name}" + (f"; the replaced file is kept as {kept}" if kept else ""))
