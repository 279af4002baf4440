"""`foi finding`, `foi findings` and `foi campaign ...` (thin: the work is in
:mod:`foi.app.findings` and :mod:`foi.app.campaigns`)."""

from __future__ import annotations

import click

from .common import REQUEST_ID, emit_json, info, pass_app, print_table


@click.command()
@click.argument("rid", metavar="ID", type=REQUEST_ID)
@click.argument("pairs", nargs=-1, required=True, metavar="KEY=VALUE...")
@click.option("--json", "as_json", is_flag=True, help="Print the request's findings as JSON.")
@pass_app
def finding(app, rid, pairs, as_json):
    """Record campaign findings on a request (key=value).

    Each key becomes a column of `foi export` and `foi findings`.  Keys are
    lower-case names (letters, digits, underscores); values are kept as
    typed, or spelt as the campaign declares them (`foi campaign set`), in
    which case a value or key it does not declare is refused.  `key=` with
    nothing after the = removes the finding.

    \b
    Examples:
      foi finding 12 scheme=rebranded police_in_team=yes patients=143
      foi finding 12 "note=Replaced by 'Serenity Integrated Mentoring' in 2021"
      foi finding 12 patients=
    """
    from ..app import findings as af

    with app.write() as store:
        new = af.record(store, rid, pairs)
    findings = dict(sorted(new["findings"].items()))
    if as_json:
        emit_json({"id": rid, "authority": new.get("authority_name", ""), "findings": findings})
        return
    shown = ", ".join(f"{k}={v}" for k, v in findings.items()) or "no findings"
    click.echo(f"{rid}\t{new.get('authority_name', '')}\t{shown}")


def _grid(app, campaign, as_json):
    from .. import core

    store = app.read()
    reqs = core.filter_requests(store.requests(), campaign)
    if campaign is None:
        reqs = [r for r in reqs if r.get("findings")]
    keys = sorted({k for r in reqs for k in (r.get("findings") or ())})
    grid = [
        {
            "id": r["id"],
            "authority": r.get("authority_name", ""),
            "campaign": r.get("campaign"),
            "findings": {k: (r.get("findings") or {}).get(k) for k in keys},
        }
        for r in reqs
    ]
    if as_json:
        emit_json(grid)
        return
    if not grid:
        info(
            "no requests"
            + (f" in campaign {campaign!r}" if campaign else " have findings yet")
            + "; record some with `foi finding ID key=value`"
        )
        return
    if not keys:
        info(f"no findings recorded in campaign {campaign!r} yet; record some with `foi finding ID key=value`")
    print_table(
        ["id", "authority"] + keys, [[g["id"], g["authority"]] + [g["findings"][k] or "" for k in keys] for g in grid]
    )


def _print_tally(result) -> None:
    from ..export.tally import tally_lines, tally_table

    for line in tally_lines(result):
        click.echo(line)
    if result["by"]:
        for entry in result["keys"]:
            click.echo("")
            header, rows = tally_table(entry, result["by"])
            print_table(header, rows, title=f"{entry['key']} by {result['by']}")


@click.command()
@click.option("--campaign", "-c", help="Only this campaign (without it: every request that has findings).")
@click.option("--tally", is_flag=True, help="Count each finding's values across the campaign's authorities.")
@click.option("--by", metavar="KEY", help="With --tally: break the counts down by another finding, or by 'kind'.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='JSON: a list of {"id", "authority", "campaign", "findings": {key: value or null}}; with --tally, the counts.',
)
@pass_app
def findings(app, campaign, tally, by, as_json):
    """Show the findings grid of a campaign (a row per request, a column per
    key), or with --tally count them.

    The tally counts authorities, not requests: an authority with two
    requests in the campaign counts once ("conflicting" if their findings
    disagree); "not recorded" is the authorities with no value yet.  Values
    come in the order the campaign declares them (`foi campaign set`).

    \b
    Examples:
      foi findings --campaign hiu
      foi findings --campaign hiu --tally
      foi findings --campaign hiu --tally --by kind
      foi findings --campaign hiu --tally --json | jq '.keys[0].counts'
      foi findings --campaign hiu --json | jq '.[] | select(.findings.scheme == "yes") | .authority'
    """
    from ..errors import UsageError

    if by and not tally:
        raise UsageError("--by goes with --tally", "for example: foi findings --campaign hiu --tally --by kind")
    if not tally:
        _grid(app, campaign, as_json)
        return
    if not campaign:
        raise UsageError("--tally needs --campaign", "the tally counts one campaign's authorities: --campaign NAME")
    from ..app import findings as af

    result = af.tally(app.read(), campaign, by)
    if as_json:
        emit_json(result)
        return
    _print_tally(result)
