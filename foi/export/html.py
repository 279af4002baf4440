"""The HTML renderer: one self-contained page to publish.

Inline CSS and JS (read from this package's ``report.css`` and ``report.js``),
no external asset, every value escaped, sortable columns, overdue rows marked
with a class *and* the word "overdue", the statistics summary above the
table, print styles.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from ..dates import human_long
from .rows import Column, cell_text


@cache
def asset(name: str) -> str:
    """A file shipped beside this module (``report.css``, ``report.js``)."""
    return files(__package__).joinpath(name).read_text(encoding="utf-8")


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _stats_html(stats: Mapping) -> str:
    from ..domain.stats import BREAKDOWN_COLUMNS, FIGURE_ORDER, METHODS, breakdown_rows, summary_lines

    out = [
        '<section class="summary" aria-labelledby="summary-h">',
        '<h2 id="summary-h">Summary</h2>',
        '<dl class="figures">',
    ]
    for label, value, note in summary_lines(stats):
        out.append(f'<dt>{_e(label)}<sup><a href="#note-{note}">{note}</a></sup></dt><dd>{_e(value)}</dd>')
    out.append("</dl>")
    for name, key in (("authority kind", "by_authority_kind"), ("regime", "by_regime")):
        groups = stats.get(key) or {}
        if len(groups) < 1:
            continue
        out.append(
            f'<table class="breakdown"><caption>By {_e(name)}</caption><thead><tr>'
            + "".join(f'<th scope="col">{_e(h)}</th>' for h in (name,) + BREAKDOWN_COLUMNS)
            + "</tr></thead><tbody>"
        )
        for r in breakdown_rows(groups):
            out.append(
                "<tr>" + f'<th scope="row">{_e(r[0])}</th>' + "".join(f"<td>{_e(c)}</td>" for c in r[1:]) + "</tr>"
            )
        out.append("</tbody></table>")
    out.append('<ol class="notes">')
    for i, k in enumerate(FIGURE_ORDER):
        out.append(f'<li id="note-{i + 1}">{_e(METHODS[k])}</li>')
    out.append("</ol></section>")
    return "\n".join(out)


def render_html(
    rows: Iterable[Mapping], columns: Sequence[Column], title: str, generated: date, stats: Mapping | None = None
) -> str:
    """One self-contained HTML page (no external assets: works offline, prints cleanly)."""
    rows = list(rows)
    n_overdue = sum(1 for r in rows if r.get("overdue"))
    head = "".join(
        f'<th scope="col" data-key="{_e(c.key)}" data-kind="{_e(c.kind)}">'
        f'<button type="button" title="Sort by {_e(c.label)}">{_e(c.label)}</button></th>'
        for c in columns
    )
    body = []
    for row in rows:
        late = bool(row.get("overdue"))
        cells = []
        for c in columns:
            value = row.get(c.key)
            text = cell_text(value)
            cls = ' class="num"' if c.kind == "int" else ""
            inner = _e(text).replace("\n", "<br>")
            if c.key == "status" and late:
                inner = _e(text.replace(" (overdue)", "")) + ' <span class="flag">overdue</span>'
            sort = "" if c.kind != "bool" else f' data-sort="{1 if value else 0}"'
            cells.append(f"<td{cls}{sort}>{inner}</td>")
        body.append(('<tr class="overdue">' if late else "<tr>") + "".join(cells) + "</tr>")
    if not any(c.key == "status" for c in columns) and n_overdue:
        note = '<p class="noprint">Overdue rows are shaded; add the status column to see the word.</p>'
    else:
        note = ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en-GB">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="foi">',
        f"<title>{_e(title)}</title>",
        f"<style>{asset('report.css')}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="generated">Generated on <time datetime="{generated.isoformat()}">'
        f"{_e(human_long(generated))}</time> · {len(rows)} request"
        f"{'s' if len(rows) != 1 else ''}, {n_overdue} overdue"
        '<span class="noprint"> · click a column heading to sort</span></p>',
        _stats_html(stats) if stats else "",
        note,
        f'<table id="requests"><thead><tr>{head}</tr></thead><tbody>',
        "\n".join(body),
        "</tbody></table>",
        f"<script>{asset('report.js')}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"
