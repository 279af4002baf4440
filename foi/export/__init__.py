"""The summary table of a campaign and its renderers (pure: no click, no rich).

* :mod:`.rows` -- columns, :class:`Record` s (a request assessed once) and rows;
* :mod:`.text_formats` -- CSV, Markdown, JSON (the CSV's columns come straight
  from the records: :mod:`.column_values`);
* :mod:`.html` -- the full table as a self-contained page (its CSS and JS
  are the package files ``report.css``, ``sort.js`` and ``filter.js``);
* :mod:`.public` -- the published report (the default HTML), with
  :mod:`.chart` (the tally as sentences and inline SVG bars);
* :mod:`.xlsx` -- the workbook (openpyxl);
* :mod:`.ics` -- iCalendar deadlines.

:func:`render` picks the renderer for a format; the heavier renderers are
imported only when used.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime

from ..errors import UsageError
from .rows import (
    BASE_COLUMNS,
    BASE_KEYS,
    EXTENSIONS,
    FORMATS,
    TERMINAL_KEYS,
    Column,
    Record,
    apply_findings,
    build_records,
    cell_text,
    columns_for,
    finding_column_key,
    format_for,
    json_value,
    matches_status,
    record_for,
    select_columns,
    table_rows,
)
from .text_formats import csv_text, md_escape, neutralise, render_csv, render_json, render_markdown

__all__ = [
    "BASE_COLUMNS",
    "BASE_KEYS",
    "EXTENSIONS",
    "FORMATS",
    "TERMINAL_KEYS",
    "Column",
    "Record",
    "apply_findings",
    "build_records",
    "cell_text",
    "columns_for",
    "finding_column_key",
    "format_for",
    "json_value",
    "matches_status",
    "md_escape",
    "neutralise",
    "record_for",
    "render",
    "render_csv",
    "render_json",
    "render_markdown",
    "select_columns",
    "table_rows",
]


def render(
    fmt: str,
    records: Sequence[Record],
    columns: Sequence[Column],
    today: date,
    title: str,
    stats: Mapping | None = None,
    stamp: datetime | None = None,
    tally: Mapping | None = None,
    description: str | None = None,
    public: bool = False,
) -> bytes:
    """``records`` in format ``fmt``, as UTF-8 bytes.  HTML: the published
    report when ``public``, else the full table of ``columns``."""
    if fmt == "csv":  # (the columns straight from the records: no row per request)
        from .column_values import column_values

        keys = [c.key for c in columns]
        return csv_text(keys, column_values(records, keys)).encode("utf-8")
    rows = [r.row for r in records]
    if fmt == "md":
        return render_markdown(rows, columns).encode("utf-8")
    if fmt == "json":
        return render_json(rows, columns).encode("utf-8")
    if fmt == "html":
        if public:
            from .public import ReportInfo, render_report

            info = ReportInfo(title, description, tally, stats)
            return render_report(records, info, today).encode("utf-8")
        from .html import render_html

        return render_html(records, columns, title, today, stats, tally).encode("utf-8")
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(records, columns, title, today, tally=tally, stamp=stamp)
    if fmt == "ics":
        from .ics import render_ics

        return render_ics(records, today, stamp, name=title)
    raise UsageError(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
