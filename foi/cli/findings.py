"""`foi finding`, `foi findings` and `foi campaign ...` (thin: the work is in
:mod:`foi.app.findings` and :mod:`foi.app.campaigns`)."""

from __future__ import annotations

import click

from .bulk import report_skipped, selection_of, selection_options
from .common import REQUEST_IDS, emit_json, info, pass_app, print_table, say


@click.command()
@click.argument("args", nargs=-1, required=True, metavar="[IDS]... KEY=VALUE...")
@selection_options
@click.option("--json", "as_json", is_flag=True, help="Print each request's findings as JSON (a list).")
@pass_app
def finding(app, args, campaign, status, authority_kind, dry_run, as_json):
    """Record campaign findings on a request, or many (key=value).

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
      foi finding 3-7 scheme=none                  # five answers alike
      foi finding --campaign hiu --status answered --authority-kind police_force police_in_team=yes
    """
    from ..app.recording import findings as record_findings

    ids = [a for a in args if "=" not in a]
    pairs = [a for a in args if "=" in a]
    if not pairs:
        raise click.UsageError("give at least one finding as KEY=VALUE, after the request ids")
    if args.index(pairs[0]) < len(ids):
        raise click.UsageError("give the request ids first, then the KEY=VALUE findings")
    ids = [REQUEST_IDS.convert(i, None, click.get_current_context()) for i in ids]
    done = record_findings(app, selection_of(ids, campaign, status, authority_kind), pairs, dry_run=dry_run)
    rows = [(new, dict(sorted(new["findings"].items()))) for new, _ in done.done]
    if as_json:
        emit_json([{"id": r["id"], "authority": r.get("authority_name", ""), "findings": f} for r, f in rows])
    else:
        for r, found in rows:
            shown = ", ".join(f"{k}={v}" for k, v in found.items()) or "no findings"
            say(f"{r['id']}\t{r.get('authority_name', '')}\t{shown}")
    report_skipped(done)


def _grid(app, campaign, as_json):
    from ..app import findings as af

    keys, grid = af.grid(app.read(), campaign)
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
        say(line)
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


# -- campaign declarations ------------------------------------------------------------------


@click.group()
def campaign():
    """Declare a campaign once: its title, description and findings.

    A declared finding lists the values it may take, in the order reports
    show them; `foi finding` then refuses a value (or key) the campaign does
    not declare, and suggests the closest one.

    \b
    Examples:
      foi campaign set hiu --title "High Intensity Users" \\
          --finding scheme=stopped,kept,rebranded --finding police_in_team=yes,no
      foi campaign show hiu
      foi campaign list
    """


def _describe(c) -> list[str]:
    out = [f"campaign {c.name}"]
    out.append(f"  title: {c.title or '-'}")
    out.append(f"  description: {c.description or '-'}")
    if not c.findings:
        out.append("  findings: none declared (any key=value is accepted)")
    for key, values in c.findings.items():
        out.append(f"  finding {key}: " + (", ".join(values) if values else "free text"))
    return out


@campaign.command("set")
@click.argument("name")
@click.option(
    "--finding",
    "findings_",
    multiple=True,
    metavar="KEY=V1,V2,...",
    help="Declare a finding and its values, in report order (KEY alone: free text). Repeatable.",
)
@click.option("--remove-finding", multiple=True, metavar="KEY", help="Stop declaring a finding. Repeatable.")
@click.option("--title", help="The report's title ('' removes it).")
@click.option("--description", help="A paragraph under the report's title ('' removes it).")
@click.option("--json", "as_json", is_flag=True, help="Print the declaration as JSON.")
@pass_app
def campaign_set(app, name, findings_, remove_finding, title, description, as_json):
    """Declare or change campaign NAME's title, description and findings.

    --finding replaces that key's declaration and keeps the others.  Findings
    already recorded that would not fit are listed and nothing is changed.

    \b
    Examples:
      foi campaign set hiu --title "High Intensity Users" --description "Which trusts still run HIU?"
      foi campaign set hiu --finding scheme=stopped,kept,rebranded --finding note
      foi campaign set hiu --remove-finding note
    """
    from ..app import campaigns
    from ..errors import UsageError

    if not (findings_ or remove_finding or title is not None or description is not None):
        raise UsageError("nothing to set", "give --title, --description, --finding or --remove-finding")
    with app.write() as store:
        declared = campaigns.set_campaign(store, name, findings_, remove_finding, title, description)
    if as_json:
        emit_json(declared.to_doc())
        return
    for line in _describe(declared):
        say(line)


@campaign.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the declaration as JSON.")
@pass_app
def campaign_show(app, name, as_json):
    """Show what campaign NAME declares.

    \b
    Example:
      foi campaign show hiu
    """
    from ..app import campaigns
    from ..domain.findings import Campaign
    from ..errors import NotFound

    store = app.read()
    declared = campaigns.get(store, name)
    if declared is None:
        known = campaigns.names(store)
        if name not in known:
            raise NotFound(f"no campaign {name!r}", "campaigns: " + (", ".join(known) or "none yet"))
        declared = Campaign(name)
    if as_json:
        emit_json(declared.to_doc())
        return
    for line in _describe(declared):
        say(line)


@campaign.command("list")
@click.option("--json", "as_json", is_flag=True, help='JSON: a list of {"name", "title", "requests", "declared"}.')
@pass_app
def campaign_list(app, as_json):
    """List campaigns: those of your requests and those declared.

    \b
    Example:
      foi campaign list
    """
    from collections import Counter

    from ..app import campaigns

    store = app.read()
    counts = Counter(r.get("campaign") for r in store.requests() if r.get("campaign"))
    rows = []
    for name in campaigns.names(store):
        c = campaigns.get(store, name)
        rows.append(
            {"name": name, "title": c.title if c else None, "requests": counts[name], "declared": c is not None}
        )
    if as_json:
        emit_json(rows)
        return
    if not rows:
        info("no campaigns yet: draft with --campaign NAME, or declare one with `foi campaign set NAME`")
        return
    print_table(["campaign", "requests", "title"], [[r["name"], r["requests"], r["title"] or ""] for r in rows])
