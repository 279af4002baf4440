"""The published report: what ``foi export --format html`` writes by default.

For a reader, not for the campaigner's spreadsheet: the campaign's title and
description, the findings tally (sentences and bar charts), the response
figures, then one row per request with the authority, its findings, the
outcome in words ("Refused (FOIA s.31)", "No response: overdue"), dates in
words ("2 Mar 2026"), working days late and a WhatDoTheyKnow link where the
request is public there.  Controls (noprint) filter the rows by a finding's
value; headings sort.  ``--columns all`` gives the full table instead
(:func:`.html.render_html`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ..dates import short
from ..vocab import Outcome, Stage, label
from .chart import key_label, tally_html
from .html import Cell, Row, e, generated_line, page, stats_html, table
from .rows import Column, Record

#: A filter offers at most this many values (a free-text finding gets none).
MAX_FILTER_VALUES = 12
NONE = "__none__"  # the filter value of "not recorded"


@dataclass
class ReportInfo:
    title: str
    description: str | None = None
    tally: Mapping | None = None
    stats: Mapping | None = None


def outcome_words(record: Record) -> str:
    """ "Refused (FOIA s.31(1)(a))", "Not held", "No response: overdue"..."""
    a, row = record.assessment, record.row
    outcome = row.get("outcome")
    if outcome:
        words = label("outcome", outcome)
        if record.cited and outcome in (Outcome.REFUSED, Outcome.PARTIAL, Outcome.NCND):
            words += f" ({', '.join(record.cited)})"
        if row.get("review_outcome"):
            words += f"; internal review: {label('review_outcome', row['review_outcome']).lower()}"
        return words
    if a.stage == Stage.WITHDRAWN:
        return "Withdrawn"
    if a.stage == Stage.DRAFT:
        return "Not sent yet"
    if a.overdue:
        return "No response: overdue"
    return label("stage", a.stage)


def public_url(record: Record) -> str | None:
    return record.row.get("public_url") or None


def _columns(records: Sequence[Record], keys: Sequence[str]) -> list[Column]:
    cols = [Column("authority", "Authority")]
    if len({r.row.get("authority_kind") for r in records}) > 1:
        cols.append(Column("authority_kind", "Kind"))
    if len({r.row.get("regime") for r in records}) > 1:
        cols.append(Column("regime", "Law"))
    cols += [Column(f"finding:{k}", key_label(k)) for k in keys]
    cols += [
        Column("outcome", "Outcome"),
        Column("date_sent", "Sent", "date"),
        Column("date_answered", "Answered", "date"),
        Column("working_days_late", "Working days late", "int"),
    ]
    if any(public_url(r) for r in records):
        cols.append(Column("public_url", "On WhatDoTheyKnow"))
    return cols


def _cell(c: Column, r: Record) -> Cell:
    row = r.row
    if c.key == "authority":
        return Cell(e(row.get("authority") or ""), header=True)
    if c.key.startswith("finding:"):
        value = (r.req.get("findings") or {}).get(c.key[8:])
        if value in (None, ""):
            return Cell('<span class="none">not recorded</span>', sort="")
        return Cell(e(value))
    if c.kind == "date":
        d = row.get(c.key)
        return Cell(e(short(d)), sort=d.isoformat() if isinstance(d, date) else "", nowrap=True)
    if c.key == "working_days_late":
        late = row.get("working_days_late") or 0
        return Cell(str(late) if late else "", sort=str(late), num=True)
    if c.key == "outcome":
        text = e(outcome_words(r))
        return Cell(text.replace("overdue", '<span class="flag">overdue</span>', 1))
    if c.key == "public_url":
        url = public_url(r)
        return Cell(
            f'<a href="{e(url)}">Request page<span class="vh"> for {e(row["authority"])}</span></a>' if url else ""
        )
    if c.key in ("authority_kind", "regime"):
        return Cell(e(label(c.key, row.get(c.key))))
    return Cell(e(row.get(c.key) or ""))


def _filters(tally: Mapping | None) -> tuple[str, list[str]]:
    """The filter controls, and the finding keys they filter."""
    if not tally:
        return "", []
    controls, keys = [], []
    for entry in tally["keys"]:
        values = [c["value"] for c in entry["counts"] if c["value"] != "not recorded"]
        if not values or len(values) > MAX_FILTER_VALUES or not (entry["declared"] or entry["recorded"]):
            continue
        i = len(keys)
        keys.append(entry["key"])
        options = ['<option value="">All</option>'] + [f'<option value="{e(v)}">{e(v)}</option>' for v in values]
        if entry["not_recorded"]:
            options.append(f'<option value="{NONE}">Not recorded</option>')
        controls.append(
            f'<label for="filter-{i}">{e(key_label(entry["key"]))}</label> '
            f'<select id="filter-{i}" data-filter="f{i}">{"".join(options)}</select>'
        )
    if not controls:
        return "", []
    html = (
        '<form class="controls noprint" role="search" aria-label="Filter the table" onsubmit="return false">'
        "<fieldset><legend>Show only the authorities where</legend>"
        + " ".join(f'<span class="control">{c}</span>' for c in controls)
        + "</fieldset></form>"
    )
    return html, keys


def render_report(records: Sequence[Record], info: ReportInfo, generated: date) -> str:
    tally = info.tally or None
    filters, filter_keys = _filters(tally)
    keys = [k["key"] for k in tally["keys"]] if tally else []
    columns = _columns(records, keys)
    rows = []
    for r in records:
        found = r.req.get("findings") or {}
        attrs = {f"data-f{i}": str(found[k]) for i, k in enumerate(filter_keys) if found.get(k) not in (None, "")}
        rows.append(Row([_cell(c, r) for c in columns], overdue=bool(r.row.get("overdue")), attrs=attrs))
    n = len(rows)
    n_overdue = sum(1 for r in rows if r.overdue)
    per_authority = len({r.row.get("authority") for r in records}) == n
    noun = ("authority" if n == 1 else "authorities") if per_authority else ("request" if n == 1 else "requests")
    body = [
        f"<header><h1>{e(info.title)}</h1>",
        f'<p class="description">{e(info.description)}</p>' if info.description else "",
        generated_line(generated, f"{n} request{'s' if n != 1 else ''}, {n_overdue} overdue") + "</header>",
        "<main>",
        tally_html(tally) if tally and tally.get("keys") else "",
        stats_html(info.stats) if info.stats else "",
        '<section class="rows" aria-labelledby="rows-h"><h2 id="rows-h">Authority by authority</h2>',
        filters,
        f'<p id="shown" class="noprint" role="status" aria-live="polite" data-noun="{noun}">Showing all {n} {noun}</p>'
        if filters
        else "",
        table(columns, rows, f"{e(info.title)}: one row per request; outcome as the authority answered"),
        "</section></main>",
    ]
    return page(info.title, body, scripts=("sort.js", "filter.js") if filters else ("sort.js",))
