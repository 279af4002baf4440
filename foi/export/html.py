"""HTML pieces shared by the published report and the full table.

Every page is one self-contained file: inline CSS and JS (this package's
``report.css``, ``sort.js`` and ``filter.js``), no external asset, every value
escaped.  Tables are sortable by their column headings (buttons, so the
keyboard can use them; ``aria-sort`` says the order), have a caption and
``scope`` on header cells, and mark overdue rows with a class *and* the word
"overdue".  :func:`render_html` is the full table (``--columns all`` or a
list); :mod:`.public` builds the default report.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from ..dates import human_long, short
from ..vocab import label
from .rows import Column, Record, cell_text


@cache
def asset(name: str) -> str:
    """A file shipped beside this module (``report.css``, ``sort.js``, ``filter.js``)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def e(text: Any) -> str:
    return html.escape(str(text), quote=True)


@dataclass
class Cell:
    """One table cell: its HTML, the value it sorts by (``None``: its text)."""

    html: str
    sort: str | None = None
    num: bool = False
    header: bool = False  # a row header (<th scope="row">)
    nowrap: bool = False  # dates: "2 Mar 2026" on one line

    def render(self) -> str:
        classes = " ".join(c for c, on in (("num", self.num), ("nowrap", self.nowrap)) if on)
        attrs = f' class="{classes}"' if classes else ""
        if self.sort is not None:
            attrs += f' data-sort="{e(self.sort)}"'
        if self.header:
            return f'<th scope="row"{attrs}>{self.html}</th>'
        return f"<td{attrs}>{self.html}</td>"


@dataclass
class Row:
    cells: list[Cell]
    overdue: bool = False
    attrs: Mapping[str, str] | None = None

    def render(self) -> str:
        attrs = ' class="overdue"' if self.overdue else ""
        for k, v in (self.attrs or {}).items():
            attrs += f' {k}="{e(v)}"'
        return f"<tr{attrs}>" + "".join(c.render() for c in self.cells) + "</tr>"


def table(columns: Sequence[Column], rows: Iterable[Row], caption: str) -> str:
    """A sortable table: ``id="requests"``, a caption, a button per heading."""
    head = "".join(
        f'<th scope="col" data-key="{e(c.key)}" data-kind="{e(c.kind)}">'
        f'<button type="button" title="Sort by {e(c.label)}">{e(c.label)}</button></th>'
        for c in columns
    )
    return "\n".join(
        [
            f'<table id="requests"><caption>{caption}</caption><thead><tr>{head}</tr></thead><tbody>',
            *(r.render() for r in rows),
            "</tbody></table>",
        ]
    )


def page(title: str, body: Sequence[str], scripts: Sequence[str] = ("sort.js",), extra_css: str = "") -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="foi">',
        f"<title>{e(title)}</title>",
        f"<style>{asset('report.css')}{extra_css}</style>",
        "</head>",
        "<body>",
        *body,
        *(f"<script>{asset(s)}</script>" for s in scripts),
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def generated_line(generated: date, what: str) -> str:
    return (
        f'<p class="generated">Generated on <time datetime="{generated.isoformat()}">'
        f"{e(human_long(generated))}</time> · {e(what)}"
        '<span class="noprint"> · click a column heading to sort</span></p>'
    )


# -- the summary of the statistics -------------------------------------------------------


def _counts(values: Mapping[str, int], namespace: str) -> str:
    return ", ".join(f"{label(namespace, k)} {v}" for k, v in values.items()) or "none yet"


def stats_html(stats: Mapping) -> str:
    """The headline figures in words, each with a note saying how it was worked out."""
    from ..domain.stats import FIGURE_ORDER, METHODS, num, pct

    f = stats["figures"]
    w, o = f["answered_within_limit"], f["overdue_now"]
    lines = [
        ("requests", "Requests", str(f["requests"]["value"])),
        ("by_stage", "Where they stand", _counts(f["by_stage"]["value"], "stage")),
        ("by_outcome", "Outcomes", _counts(f["by_outcome"]["value"], "outcome")),
        (
            "answered_within_limit",
            "Answered within the legal time limit",
            f"{pct(w['value'])} ({w['count']} of {w['of']})",
        ),
        ("working_days_median", "Median working days to answer", num(f["working_days_median"]["value"])),
        ("working_days_p90", "90th percentile working days to answer", num(f["working_days_p90"]["value"])),
        ("overdue_now", "Overdue now", f"{pct(o['value'])} ({o['count']} of {o['of']} sent)"),
        (
            "exemptions",
            "Exemptions cited most",
            ", ".join(f"{x['exemption']} ({x['requests']})" for x in f["exemptions"]["value"]) or "none",
        ),
    ]
    notes = {k: i + 1 for i, k in enumerate(FIGURE_ORDER)}
    out = ['<section class="summary" aria-labelledby="summary-h">', '<h2 id="summary-h">Responses</h2>']
    out.append('<dl class="figures">')
    for key, name, value in lines:
        n = notes[key]
        out.append(f'<dt>{e(name)}<sup><a href="#note-{n}">[{n}]</a></sup></dt><dd>{e(value)}</dd>')
    out.append("</dl>")
    out.append('<details class="notes"><summary>How these figures were worked out</summary><ol>')
    out += [f'<li id="note-{i + 1}">{e(METHODS[k])}</li>' for i, k in enumerate(FIGURE_ORDER)]
    out.append("</ol></details></section>")
    return "\n".join(out)


# -- the full table ----------------------------------------------------------------------

#: Columns whose values are vocabulary names, shown in words.
WORDS = {"authority_kind": "authority_kind", "regime": "regime", "outcome": "outcome"}


def value_cell(c: Column, row: Mapping) -> Cell:
    """A row's value in words: dates as "2 Mar 2026", kinds and laws by name."""
    value = row.get(c.key)
    if isinstance(value, date):
        return Cell(e(short(value)), sort=value.isoformat(), nowrap=True)
    if c.kind == "bool":
        return Cell(e(cell_text(value)), sort="1" if value else "0")
    if c.key == "status" and value:
        stage = str(value).replace(" (overdue)", "")
        text = e(label("stage", stage))
        return Cell(text + (' <span class="flag">overdue</span>' if row.get("overdue") else ""), sort=stage)
    if c.key in WORDS:
        return Cell(e(label(WORDS[c.key], value)), sort=str(value or ""))
    if c.key == "public_url" and value:
        return Cell(f'<a href="{e(value)}">WhatDoTheyKnow</a>', sort=str(value))
    return Cell(e(cell_text(value)).replace("\n", "<br>"), num=c.kind == "int")


def render_html(
    records: Sequence[Record],
    columns: Sequence[Column],
    title: str,
    generated: date,
    stats: Mapping | None = None,
    tally: Mapping | None = None,
) -> str:
    """The full table: every chosen column, a row per request."""
    from .chart import tally_html

    rows = [Row([value_cell(c, r.row) for c in columns], overdue=bool(r.row.get("overdue"))) for r in records]
    n_overdue = sum(1 for r in rows if r.overdue)
    note = ""
    if not any(c.key == "status" for c in columns) and n_overdue:
        note = '<p class="noprint">Overdue rows are shaded; add the status column to see the word.</p>'
    n = len(rows)
    body = [
        f"<h1>{e(title)}</h1>",
        generated_line(generated, f"{n} request{'s' if n != 1 else ''}, {n_overdue} overdue"),
        tally_html(tally) if tally and tally.get("keys") else "",
        stats_html(stats) if stats else "",
        note,
        table(columns, rows, f"{e(title)}: one row per request"),
    ]
    return page(title, body, extra_css="@media print { @page { size: A4 landscape; } }")
