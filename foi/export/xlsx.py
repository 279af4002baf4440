"""The workbook: ``foi export --format xlsx`` (openpyxl).

Sheet "Requests": a header row of column names in words, frozen, with an
autofilter; dates are real date cells ("2 Mar 2026" shown, sortable as
dates), counts are numbers, kinds, laws, stages and outcomes are in words;
column widths fit their contents.  No cell is ever a formula: a text that
starts with ``=`` is written as text.  Sheet "Findings": the tally, a block
per finding (value, authorities, share of those recorded).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timezone
from typing import Any

from ..domain.findings import NOT_RECORDED
from ..vocab import label
from .chart import key_label
from .rows import Column, Record, cell_text

DATE_FORMAT = "d mmm yyyy"
MAX_WIDTH = 60
WORDS = {
    "authority_kind": "authority_kind",
    "regime": "regime",
    "outcome": "outcome",
    "review_outcome": "review_outcome",
}


def cell_value(c: Column, row: Mapping) -> Any:
    value = row.get(c.key)
    if value is None or isinstance(value, (date, int)) and not isinstance(value, bool):
        return value
    if c.key == "status":
        stage = str(value).replace(" (overdue)", "")
        return label("stage", stage) + (" (overdue)" if row.get("overdue") else "")
    if c.key in WORDS:
        return label(WORDS[c.key], value)
    return cell_text(value)


def _put(ws, r: int, col: int, value: Any):
    cell = ws.cell(row=r, column=col)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _requests_sheet(ws, records: Sequence[Record], columns: Sequence[Column]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    widths = [len(c.label) for c in columns]
    for j, c in enumerate(columns, start=1):
        cell = _put(ws, 1, j, c.label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, r in enumerate(records, start=2):
        for j, c in enumerate(columns, start=1):
            value = cell_value(c, r.row)
            _put(ws, i, j, value)
            shown = 11 if isinstance(value, date) else len(str(value)) if value is not None else 0
            widths[j - 1] = max(widths[j - 1], shown)
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = min(w + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(records) + 1, 1)}"


def _tally_sheet(ws, title: str, tally: Mapping | None) -> None:
    from openpyxl.styles import Font

    _put(ws, 1, 1, title).font = Font(bold=True, size=13)
    if not tally or not tally.get("keys"):
        _put(ws, 3, 1, "No findings recorded.")
        return
    _put(ws, 2, 1, f"{tally['authorities']} authorities; shares are of those where the finding is recorded.")
    r = 4
    for entry in tally["keys"]:
        for j, head in enumerate((key_label(entry["key"]), "Authorities", "Share"), start=1):
            _put(ws, r, j, head).font = Font(bold=True)
        r += 1
        for c in entry["counts"]:
            _put(ws, r, 1, c["value"])
            _put(ws, r, 2, c["count"])
            if c["value"] != NOT_RECORDED and entry["recorded"]:
                _put(ws, r, 3, c["count"] / entry["recorded"]).number_format = "0%"
            r += 1
        r += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 13
    ws.column_dimensions["C"].width = 9


def render_xlsx(
    records: Sequence[Record],
    columns: Sequence[Column],
    title: str,
    today: date,
    tally: Mapping | None = None,
    stamp: datetime | None = None,
) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Requests"
    _requests_sheet(ws, records, columns)
    _tally_sheet(wb.create_sheet("Findings"), title, tally)
    wb.properties.title = title
    wb.properties.creator = "foi"
    when = (stamp or datetime.now(timezone.utc)).replace(tzinfo=None, microsecond=0)
    wb.properties.created = wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
