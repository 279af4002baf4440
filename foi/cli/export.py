"""`foi export` and `foi stats`.

Thin: what to export and the figures are worked out by :mod:`foi.app.report`
and :mod:`foi.app.stats`; this module parses the options, shows progress, and
renders (the file is written by the store package's ``write_shared``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone

import click

from ..errors import UsageError
from ..export import FORMATS
from ..vocab import STATUSES
from .common import emit_json, info, is_terminal, pass_app, print_table

#: Show a progress bar (on a terminal only) above this many requests.
PROGRESS_THRESHOLD = 500


# -- export -------------------------------------------------------------------------------


@contextmanager
def _progress(total: int, what: str) -> Iterator[Callable[[], None] | None]:
    """A progress bar on stderr for big jobs, only when stderr is a terminal."""
    if total <= PROGRESS_THRESHOLD or not is_terminal(sys.stderr):
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from .common import console

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(what, total=total)
        yield lambda: bar.advance(task)


def _out_path(output: str):
    from pathlib import Path  # (only for -o: not at every export's start-up)

    return Path(output).expanduser()


def _write(data: bytes, output: str | None) -> None:
    if not output or output == "-":
        out = getattr(sys.stdout, "buffer", None)
        if out is None:  # a text-only stream (some embedding): it gets text
            click.echo(data.decode("utf-8"), nl=False)
            return
        sys.stdout.flush()
        out.write(data)
        out.flush()
        return
    from ..store import write_shared

    write_shared(_out_path(output), data)


EXPORT_HELP = """Export a summary table: one row per request, one column per fact.

Columns (keys): id, authority, authority_kind, regime, campaign, subject,
date_sent, due_date (the response deadline), status (stage, with
"(overdue)"), overdue, outcome, exemptions, date_answered,
working_days_taken, working_days_late (0 if on time), review_status,
review_outcome, complaint_status, authority_ref, uid (the permanent id,
the same in every member's copy), public_url (the WhatDoTheyKnow page
given to `foi send --url`), then one column per finding key (see
`foi finding`), in the campaign's declared order.  Nothing private is
exported unless --include-private: it adds requester_name,
requester_email, requester_address, created_by, notes, attachments.

\b
Formats:
  html  the report to publish: the campaign's title and description,
        the findings tally with bar charts, then a row per authority in
        words; sorts, filters by finding, prints on A4, works offline.
        --columns all (or a list) gives the full table instead
  xlsx  a workbook: date cells, frozen header, filters, the tally on a
        second sheet
  csv   RFC 4180, UTF-8 (--excel adds a byte-order mark); cells
        starting with = + - @ tab or CR get a leading ' so spreadsheets
        do not run them (plain numbers such as -3 are left alone)
  md    a GitHub Markdown table (Markdown's characters escaped)
  json  a list of row objects, ISO dates
  ics   one all-day event per upcoming deadline, to import or
        subscribe to in a calendar (--columns does not apply)

\b
Examples:
  foi export --campaign hiu -o hiu.html
  foi export --campaign hiu -o hiu.xlsx
  foi export --campaign hiu -o hiu.csv --excel --columns id,authority,status,scheme
  foi export --status overdue --format md
  foi export --campaign hiu -o deadlines.ics
"""


@click.command(help=EXPORT_HELP)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    help="Output format [default: from -o's extension; without -o, a table on the terminal].",
)
@click.option(
    "--output",
    "-o",
    "output",
    metavar="FILE",
    help="Write to FILE (atomically) instead of the terminal; '-' for stdout.",
)
@click.option("--campaign", "-c", help="Only this campaign.")
@click.option("--status", type=click.Choice(STATUSES), help="Only this stage (or 'overdue', 'open').")
@click.option(
    "--columns",
    metavar="LIST",
    help="Comma-separated column keys, in this order (e.g. id,authority,status,scheme), or 'all'. "
    "For html, gives the full table instead of the report.",
)
@click.option("--title", help="Title of the HTML page, workbook or calendar [default: the campaign's].")
@click.option("--excel", is_flag=True, help="CSV: start with a UTF-8 byte-order mark, so Excel reads accents right.")
@click.option(
    "--include-private",
    is_flag=True,
    help="Add the requester's name, email and address, notes and attached files (never publish this).",
)
@pass_app
def export(app, fmt, output, campaign, status, columns, title, excel, include_private):
    from .. import export as ex
    from ..app import report

    fmt = ex.format_for(fmt, output)
    report.check_options(fmt, excel)
    if title is not None and any(c in title for c in "\r\n\x00"):
        raise UsageError("--title must be one line of text", "remove the line breaks")
    if output and output != "-":
        report.refuse_store_files(app.store_path, _out_path(output))
    store = app.read()
    x = report.prepare(
        store,
        app.today,
        app.calendars(store),
        fmt=fmt,
        campaign=campaign,
        status=status,
        columns=columns,
        title=title,
        include_private=include_private,
        progress=_progress,
    )
    if fmt is None:
        if not x.records:
            info("no requests" + (" match" if (campaign or status) else " yet: draft one with `foi draft`"))
            return
        shown = report.terminal_columns(x, columns) if is_terminal() else x.chosen
        if not columns and len(shown) < len(x.available):
            info(f"showing {len(shown)} of {len(x.available)} columns; choose with --columns, or write a file with -o")
        print_table([c.key for c in shown], ex.table_rows((r.row for r in x.records), shown))
        return
    if fmt == "ics" and columns:
        info("note: --columns does not apply to calendars")
    if fmt == "xlsx" and (not output or output == "-") and is_terminal():
        raise UsageError("a workbook is not for a terminal", "write it to a file: -o hiu.xlsx")
    _write(report.render(x, app.today, stamp=datetime.now(timezone.utc), excel=excel), output)
    if output and output != "-":
        info(report.describe(x, str(_out_path(output))))


# -- stats -----------------------------------------------------------------------------------


@click.command()
@click.option("--campaign", "-c", help="Only this campaign.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="JSON: every figure as {value, method, ...}, overall, by authority kind and by regime; "
    "with --campaign, the findings tally as 'findings'.",
)
@pass_app
def stats(app, campaign, as_json):
    """Campaign statistics: outcomes, timeliness, overdue requests, exemptions,
    and with --campaign the findings tally (as `foi findings --tally`).

    Figures are worked out from each request's timeline on today's date (or
    --today), overall and by authority kind and regime.  Each figure comes
    with a note on how it was computed: "answered" means a response is
    logged; "within the statutory limit" means working_days_late is 0; the
    median is the middle value (mean of the two middle ones for an even
    count); the 90th percentile uses the nearest-rank method.

    \b
    Examples:
      foi stats --campaign hiu
      foi stats --campaign hiu --json | jq .figures.answered_within_limit
    """
    from ..app.stats import figures
    from ..domain import stats as st

    store = app.read()
    records, result = figures(store, app.today, app.calendars(store), campaign, progress=_progress)
    if as_json:
        emit_json(result)
        return
    if not records:
        info("no requests" + (f" in campaign {campaign!r}" if campaign else " yet: draft one with `foi draft`"))
        return
    click.echo(st.to_text(result), nl=False)
    if result.get("findings", {}).get("keys"):
        from ..export.tally import tally_lines

        click.echo("\n" + "\n".join(tally_lines(result["findings"])))
