"""`foi git setup` and `foi sync`: sharing the store through git."""

from __future__ import annotations

from pathlib import Path

import click

from .common import emit_json, info, pass_app


@click.group(name="git")
def git_group():
    """Share the store with a coalition through git.

    \b
    Examples:
      git clone git@example.org:hiu/requests.git hiu
      foi git setup hiu
      foi sync
    """


@git_group.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@pass_app
def setup(app, folder, as_json):
    """Make git merge the store with `foi merge`, in a clone of the coalition's repository.

    FOLDER is the clone (default: the store's folder if it is in a git
    repository, else the current folder).  Registers foi as git's merge
    driver for the store (`.gitattributes`, and this clone's git config,
    naming this very foi so it works from a virtual environment), writes a
    `.gitignore` for lock, temporary and backup files, makes the store's
    files private, and makes FOLDER/foi.json your store.  Running it again
    changes nothing.

    \b
    Examples:
      foi git setup hiu
      cd hiu && foi git setup
    """
    from ..app.git_setup import setup_store
    from ..settings import env_value

    explicit = bool(click.get_current_context().find_root().params.get("store") or env_value("store"))
    report, switched = setup_store(app.store_path, folder, explicit)
    if as_json:
        emit_json({"folder": str(report.folder), "store": str(report.store), "done": report.done, "switched": switched})
        return
    for line in report.done:
        info(f"done: {line}")
    if switched:
        info(f"your store is now {report.store} (`foi config set store` changes it)")
    if not report.done and not switched:
        info(f"nothing to do: {report.folder} is set up")
    else:
        info("next: `foi sync` to share your work and get the others'")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print what was done as JSON.")
@pass_app
def sync(app, as_json):
    """Commit the store, merge the other members' work, and push.

    The commit message says what you did ("Sam Smith: drafted 3, sent 2,
    1 response").  Git merges the store with `foi merge` (set up once with
    `foi git setup`): nothing either side recorded is lost; a short number
    both used is renumbered for one of them, and values changed differently
    by two members are kept as conflicts (`foi resolve`).  Refuses to run
    while the repository has changes foi did not make.

    \b
    Examples:
      foi sync
      foi sync && foi overdue
    """
    from ..app.sync import sync as do_sync

    who = app.settings().get("name") or ""
    report = do_sync(app.store_path, who)
    if as_json:
        emit_json(
            {
                "committed": report.committed,
                "merged": report.merged,
                "pushed": report.pushed,
                "notes": report.notes,
                "conflicts": [{"where": w, "what": s} for w, s in report.conflicts],
            }
        )
        return
    info(f"committed: {report.committed}" if report.committed else "nothing new to commit")
    for note in report.notes:
        info(note)
    if report.merged:
        info(f"merged the others' work from {report.remote}")
    if report.pushed:
        info(f"pushed to {report.remote}")
    elif report.remote and not report.notes:
        info(f"{report.remote} was up to date")
    for where, what in report.conflicts:
        info(f"conflict: {where}: {what} (`foi resolve {where.split()[-1]}`)")
