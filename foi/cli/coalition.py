"""`foi merge`, `foi resolve`: working on one store with other members."""

from __future__ import annotations

from pathlib import Path

import click

from .common import REQUEST_IDS, emit_json, flat_ids, id_list, info, pass_app

_FILE = click.Path(dir_okay=False, path_type=Path)


@click.command()
@click.argument("base", type=_FILE)
@click.argument("ours", type=_FILE)
@click.argument("theirs", type=_FILE)
@click.option("--driver", is_flag=True, hidden=True, help="Called by git as its merge driver (foi git setup).")
@click.option("--name", "pathname", hidden=True, help="The store's path in the repository (git's %P).")
@click.option("--json", "as_json", is_flag=True, help="Print what the merge did as JSON.")
def merge(base, ours, theirs, driver, pathname, as_json):
    """Merge THEIRS into OURS: a three-way merge of stores from BASE.

    OURS is replaced by the result (its previous version is kept as
    OURS.bak).  Requests and events are matched by their permanent ids:
    nothing either side added is lost, an event removed on one side (foi
    undo) stays removed, a value changed differently on both sides is kept
    as a conflict (see `foi resolve`), and a short number both sides used
    stays with the request created first; the other gets the next free one.

    `foi git setup` makes git run this for you on every pull.

    \b
    Examples:
      foi merge common.json mine/foi.json sams/foi.json
    """
    from ..app.merge import merge_files

    report = merge_files(base, ours, theirs, driver=driver)
    result = report.result
    if as_json:
        emit_json(
            {
                "requests": report.requests,
                "renumbered": [
                    {"uid": r.uid, "from": r.old, "to": r.new, "created_by": r.created_by} for r in result.renumbered
                ],
                "conflicts": [{"uid": uid or None, **c} for uid, c in result.conflicts],
                "copied": report.copied,
            }
        )
        return
    prefix = f"foi merge ({pathname or Path(ours).name}): " if driver else ""
    for r in result.renumbered:
        info(prefix + r.message())
    if result.conflicts:
        info(
            f"{prefix}{len(result.conflicts)} conflict(s) recorded: `foi list` marks them, `foi resolve ID` settles them"
        )
    if report.copied:
        info(f"{prefix}copied {len(report.copied)} attached file(s) from beside {theirs}")
    if not driver:
        info(f"merged: {report.requests} requests in {ours}")


@click.command()
@click.argument("target", metavar="ID|settings")
@click.argument("choice", type=click.IntRange(min=1), required=False)
@click.option("--value", help="Settle a field changed to two values with this value instead.")
@click.option("--json", "as_json", is_flag=True, help="Print the conflict and its choices as JSON.")
@pass_app
def resolve(app, target, choice, value, as_json):
    """Settle a conflict recorded by a merge (`foi list` marks them with !).

    Without CHOICE, shows the request's first conflict and numbered
    choices; with CHOICE, makes it.  A request's conflicts are settled one
    at a time.  `settings` settles the store's own (settings, authorities).

    \b
    Examples:
      foi resolve 12          # what is the conflict, what are the choices
      foi resolve 12 2        # take choice 2
      foi resolve 12 --value "kept, renamed"
      foi resolve settings
    """
    from ..app.resolve import resolve as settle

    if choice is None and value is None:
        outcome = settle(app.read(), target)
    else:
        with app.write() as store:
            outcome = settle(store, target, choice, value)
    d = outcome.described
    if as_json:
        emit_json(
            {
                "target": outcome.target,
                "conflict": d.summary,
                "choices": [c.label for c in d.choices],
                "chosen": outcome.chosen,
                "dropped": outcome.dropped,
                "remaining": outcome.remaining,
            }
        )
        return
    where = "settings" if outcome.target == "settings" else f"request {outcome.target}"
    if outcome.chosen is None:
        click.echo(f"{where}: {d.summary}")
        for n, c in enumerate(d.choices, 1):
            click.echo(f"  {n}. {c.label}")
        hint = f"choose with `foi resolve {outcome.target} N`"
        if d.path is not None:
            hint += " or give another value with --value"
        info(hint + (f" ({outcome.remaining} conflicts in all)" if outcome.remaining > 1 else ""))
        return
    if outcome.dropped:
        info("dropped request(s) " + ", ".join(map(str, outcome.dropped)))
    left = f"; {outcome.remaining} more: `foi resolve {outcome.target}`" if outcome.remaining else ""
    info(f"{where}: settled ({outcome.chosen}){left}")


@click.command()
@click.argument("ids", nargs=-1, required=True, type=REQUEST_IDS)
@click.option("--member", required=True, help="Who handles them (a name the coalition agrees on).")
@click.option("--json", "as_json", is_flag=True, help="Print the requests assigned as JSON.")
@pass_app
def assign(app, ids, member, as_json):
    """Record which member of the coalition handles which requests.

    `foi list --member NAME` then shows each member their own; a request
    nobody was assigned is its drafter's.

    \b
    Examples:
      foi assign 12-30 --member sam
      foi list --member sam --status overdue
    """
    from ..app.assign import assign as do_assign

    with app.write() as store:
        done = do_assign(store, flat_ids(ids), member)
    if as_json:
        emit_json({"member": member.strip(), "ids": done})
        return
    info(f"{id_list(done)} assigned to {member.strip()}" if done else f"already assigned to {member.strip()}")
