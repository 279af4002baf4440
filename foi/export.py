"""The summary table of a campaign, and its renderers (pure: no click, no rich).

``records(...)`` turns stored requests into :class:`Record` s: the request, its
:class:`~foi.domain.deadlines.Assessment` (worked out once per request) and
its table row.  A row is a dict keyed by stable snake_case column keys
(:data:`BASE_COLUMNS`, then one column per finding key, sorted) with typed
values: ``int``, ``str``, ``bool``, ``datetime.date``, ``list[str]`` or
``None``.  Each renderer turns rows into one format:

* :func:`render_csv` -- RFC 4180 (``\\r\\n``, quotes doubled), UTF-8, header of
  column keys.  Spreadsheet formula injection: a cell starting with ``=``,
  ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'`` so that
  spreadsheets show it as text instead of running it (OWASP "CSV injection").
  The one exception is a plain number such as ``-12`` or ``-3.5`` (the whole
  cell matches ``-?digits[.digits]``): it cannot carry a formula, and quoting
  it would turn numbers into text.
* :func:`render_markdown` -- a GitHub table; ``\\``, ``|`` escaped, newlines
  become ``<br>``, ``& < >`` become entities (GitHub renders inline HTML).
* :func:`render_html` -- one self-contained page: inline CSS and JS, no
  external asset, every value escaped, sortable columns, overdue rows marked
  with a class *and* the word "overdue", the statistics summary above the
  table, print styles.
* :func:`render_json` -- a list of row objects, sorted keys, ISO dates.
* :func:`render_ics` -- iCalendar via the ``icalendar`` package: one all-day
  event per upcoming deadline, with a UID stable across exports
  (``foi-<id>-<kind>@foi.local``) so that a subscribed calendar updates
  events instead of duplicating them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from . import core
from .domain import events as ev
from .errors import UsageError
from .stats import normalise_exemption

# -- columns -----------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text | int | date | bool | list (how HTML sorts and JSON types it)


BASE_COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "int"),
    Column("authority", "Authority"),
    Column("authority_kind", "Authority kind"),
    Column("regime", "Regime"),
    Column("campaign", "Campaign"),
    Column("subject", "Subject"),
    Column("date_sent", "Date sent", "date"),
    Column("due_date", "Response due", "date"),
    Column("status", "Status"),
    Column("overdue", "Overdue", "bool"),
    Column("outcome", "Outcome"),
    Column("exemptions", "Exemptions cited", "list"),
    Column("date_answered", "Date answered", "date"),
    Column("working_days_taken", "Working days taken", "int"),
    Column("working_days_late", "Working days late", "int"),
    Column("review_status", "Internal review"),
    Column("review_outcome", "Review outcome"),
    Column("complaint_status", "Complaint"),
    Column("authority_ref", "Authority's reference"),
)
BASE_KEYS = frozenset(c.key for c in BASE_COLUMNS)

#: Columns shown by default on a terminal (the full set is too wide to read).
TERMINAL_KEYS = ("id", "authority", "status", "date_sent", "due_date", "outcome", "working_days_late")

FORMATS = ("csv", "md", "html", "json", "ics")
EXTENSIONS = {
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".ics": "ics",
    ".ical": "ics",
}

STATUSES = (
    "draft",
    "awaiting-response",
    "awaiting-clarification",
    "fee-pending",
    "extended",
    "answered",
    "awaiting-review",
    "review-answered",
    "complaint-lodged",
    "decision",
    "appealed",
    "withdrawn",
    "closed",
    "overdue",
    "open",
)

_FINDING_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def finding_column_key(key: str) -> str:
    """A finding's column key: the key itself, or ``finding_<key>`` if it
    would clash with a fixed column (only possible in hand-edited stores)."""
    return f"finding_{key}" if key in BASE_KEYS else key


def columns_for(records: Sequence[Record]) -> list[Column]:
    """The fixed columns, then one per finding key used by any record, sorted."""
    keys: set[str] = set()
    for r in records:
        keys.update(r.req.get("findings") or ())
    return list(BASE_COLUMNS) + [Column(finding_column_key(k), k) for k in sorted(keys)]


def select_columns(available: Sequence[Column], spec: str | None) -> list[Column]:
    """``--columns id,authority,scheme``: pick and order columns by key."""
    if not spec:
        return list(available)
    by_key = {c.key: c for c in available}
    wanted = [k.strip().lower() for k in spec.split(",") if k.strip()]
    unknown = [k for k in wanted if k not in by_key]
    if unknown:
        raise UsageError(
            f"unknown column{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}",
            "valid columns: " + ", ".join(by_key),
        )
    if not wanted:
        raise UsageError("--columns is empty", "valid columns: " + ", ".join(by_key))
    return [by_key[k] for k in dict.fromkeys(wanted)]


def format_for(fmt: str | None, output: str | None) -> str | None:
    """The format to write: --format, else from -o's extension, else None (terminal table)."""
    if fmt:
        return fmt
    if not output or output == "-":
        return None
    import os.path

    ext = os.path.splitext(output)[1].lower()
    if ext not in EXTENSIONS:
        raise UsageError(
            f"cannot tell the format of {output!r} from its extension",
            "use --format csv|md|html|json|ics, or a file ending in " + ", ".join(sorted(EXTENSIONS)),
        )
    return EXTENSIONS[ext]


# -- findings ------------------------------------------------------------------------


def apply_findings(findings: Mapping[str, Any] | None, pairs: Sequence[str]) -> dict[str, str]:
    """``key=value`` pairs applied to a request's findings (a new dict).

    Keys are lowercased and must be snake_case identifiers that are not one of
    the export's fixed columns; ``key=`` (empty value) removes the key."""
    out = dict(findings or {})
    if not pairs:
        raise UsageError("give at least one finding as key=value", "for example: scheme=rebranded")
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower()
        if not sep or not key:
            raise UsageError(f"{pair!r} is not key=value", "for example: police_in_team=yes (key= removes it)")
        if not _FINDING_KEY.match(key):
            raise UsageError(
                f"finding name {key!r} is not valid",
                "use lower-case letters, digits and underscores, starting with a letter",
            )
        if key in BASE_KEYS:
            raise UsageError(
                f"{key!r} is a fixed column of the export",
                "choose another name for this finding, e.g. " + f"{key}_found",
            )
        value = value.strip()
        if value:
            out[key] = value
        else:
            out.pop(key, None)
    return out


# -- records and rows -----------------------------------------------------------------


@dataclass
class Record:
    """One request, assessed once: what every renderer and the statistics read."""

    req: Mapping
    assessment: Any
    row: dict
    exemption_keys: tuple[str, ...]


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def record_for(req: Mapping, today: date, calendars=None) -> Record:
    """Assess ``req`` on ``today`` and build its row (one pass over its events)."""
    a = core.assess(req, today, calendars)
    response = review_response = None
    complaint = decision = appeal = None
    ref = None
    exemptions: list[str] = []
    seen: set[str] = set()
    for e in req.get("events", ()):
        t = e.get("type")
        if t == ev.RESPONSE:
            if response is None:
                response = e
        elif t == ev.REVIEW_RESPONSE:
            review_response = e
        elif t == ev.COMPLAINT:
            complaint = e
        elif t == ev.DECISION:
            decision = e
        elif t == ev.APPEAL:
            appeal = e
        if t in (ev.ACKNOWLEDGED, ev.RESPONSE, ev.REVIEW_RESPONSE) and ref is None and e.get("ref"):
            ref = str(e["ref"])
        if t in (ev.RESPONSE, ev.REVIEW_RESPONSE):
            for x in e.get("exemptions") or ():
                k = normalise_exemption(x)
                if k and k not in seen:
                    seen.add(k)
                    exemptions.append(str(x).strip())
    if a.review_requested is None:
        review_status = None
    elif a.review_answered is not None and review_response is not None:
        review_status = "answered"
    elif a.stage == "awaiting-review" and a.overdue:
        review_status = "awaiting (overdue)"
    else:
        review_status = "awaiting"
    if appeal is not None:
        complaint_status = "appealed"
    elif decision is not None:
        complaint_status = "decided" + (f": {decision['outcome']}" if decision.get("outcome") else "")
    elif complaint is not None:
        complaint_status = "lodged"
    else:
        complaint_status = None
    row = {
        "id": req["id"],
        "authority": req.get("authority_name") or "",
        "authority_kind": req.get("authority_kind") or "",
        "regime": req.get("regime") or "",
        "campaign": req.get("campaign") or None,
        "subject": req.get("subject") or "",
        "date_sent": a.sent,
        "due_date": a.response_due,
        "status": a.stage + (" (overdue)" if a.overdue else ""),
        "overdue": bool(a.overdue),
        "outcome": response.get("outcome") if response else None,
        "exemptions": exemptions,
        "date_answered": a.answered,
        "working_days_taken": a.working_days_taken,
        "working_days_late": a.working_days_late or 0,
        "review_status": review_status,
        "review_outcome": (review_response or {}).get("outcome") if review_status == "answered" else None,
        "complaint_status": complaint_status,
        "authority_ref": ref,
    }
    for k, v in (req.get("findings") or {}).items():
        row[finding_column_key(k)] = v
    return Record(req, a, row, tuple(seen))


def matches_status(record: Record, status: str | None) -> bool:
    """``--status``: a stage, or ``overdue`` / ``open`` as in `foi list`."""
    if status is None:
        return True
    a = record.assessment
    if status == "overdue":
        return bool(a.overdue)
    if status == "open":
        return a.stage not in ("closed", "withdrawn", "draft")
    return a.stage == status


def build_records(
    requests: Iterable[Mapping],
    today: date,
    calendars=None,
    status: str | None = None,
    tick: Callable[[], None] | None = None,
) -> list[Record]:
    """A :class:`Record` per request (``tick`` is called after each, for progress)."""
    out = []
    for req in requests:
        r = record_for(req, today, calendars)
        if matches_status(r, status):
            out.append(r)
        if tick is not None:
            tick()
    return out


# -- cell text --------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A value as text for csv, md, html and the terminal."""
    if value is None:
        return ""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def table_rows(rows: Iterable[Mapping], columns: Sequence[Column]) -> list[list[str]]:
    return [[cell_text(row.get(c.key)) for c in columns] for row in rows]


# -- CSV --------------------------------------------------------------------------------

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would execute as a formula."""
    if text and text[0] in _TRIGGERS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def render_csv(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([neutralise(c.key) for c in columns])
    for row in rows:
        w.writerow([neutralise(cell_text(row.get(c.key))) for c in columns])
    return buf.getvalue()


# -- Markdown -----------------------------------------------------------------------------


def md_escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return text.strip() or " "


def render_markdown(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    out = [
        "| " + " | ".join(md_escape(c.label) for c in columns) + " |",
        "|" + "|".join(("---:" if c.kind == "int" else "---") for c in columns) + "|",
    ]
    for row in rows:
        out.append("| " + " | ".join(md_escape(cell_text(row.get(c.key))) for c in columns) + " |")
    return "\n".join(out) + "\n"


# -- JSON -------------------------------------------------------------------------------------


def render_json(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    data = [{c.key: json_value(row.get(c.key)) for c in columns} for row in rows]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# -- HTML -------------------------------------------------------------------------------------

_CSS = """
:root { --fg: #1a1a1a; --muted: #555; --line: #ccc; --head: #f0f0f0; --late: #fff1f0; --late-edge: #b3261e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: var(--fg);
       margin: 1.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.generated { color: var(--muted); margin: 0 0 1rem; }
section.summary { margin: 0 0 1.25rem; max-width: 60rem; }
section.summary h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
dl.figures { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0 0 .75rem; }
dl.figures dt { font-weight: 600; }
dl.figures dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: var(--head); position: sticky; top: 0; }
th button { all: inherit; cursor: pointer; border: 0; padding: 0; background: none; position: static; }
th button:focus-visible { outline: 2px solid #1f5fbf; }
th[aria-sort="ascending"] button::after { content: " \\25B2"; }
th[aria-sort="descending"] button::after { content: " \\25BC"; }
tr.overdue td { background: var(--late); }
tr.overdue td:first-child { border-left: 4px solid var(--late-edge); }
.flag { font-weight: 700; text-transform: uppercase; font-size: .8em; letter-spacing: .03em; }
table.breakdown { width: auto; margin: .25rem 0 .75rem; font-size: .95em; }
ol.notes { color: var(--muted); font-size: .9em; padding-left: 1.4rem; }
.count { color: var(--muted); }
@media print {
  body { margin: 0; font-size: 9pt; }
  @page { size: A4 landscape; margin: 12mm; }
  thead { display: table-header-group; }
  thead th { position: static; background: none; border-bottom: 2px solid #000; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th button::after { content: none !important; }
  tr.overdue td { background: none; }
  tr.overdue td:first-child { border-left: 3pt solid #000; }
  .noprint { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""

_JS = """
(function () {
  var table = document.getElementById("requests");
  if (!table) return;
  var body = table.tBodies[0];
  function key(cell, kind) {
    var v = cell.getAttribute("data-sort");
    if (v === null) v = cell.textContent;
    if (v === "") return null;
    if (kind === "int") { var n = parseFloat(v); return isNaN(n) ? null : n; }
    var f = Number(v);
    return (kind === "text" && v.trim() !== "" && !isNaN(f)) ? f : v.toLowerCase();
  }
  function sortBy(th, index) {
    var kind = th.getAttribute("data-kind") || "text";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) {
      return { row: r, k: key(r.cells[index], kind), i: i };
    });
    rows.sort(function (a, b) {
      if (a.k === null && b.k === null) return a.i - b.i;
      if (a.k === null) return 1;            /* blanks last, either way */
      if (b.k === null) return -1;
      var c;
      if (typeof a.k === "number" && typeof b.k === "number") c = a.k - b.k;
      else c = String(a.k).localeCompare(String(b.k), undefined, { numeric: true });
      return (asc ? c : -c) || a.i - b.i;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (x) { frag.appendChild(x.row); });
    body.appendChild(frag);
  }
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var b = th.querySelector("button");
    if (b) b.addEventListener("click", function () { sortBy(th, index); });
  });
})();
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _stats_html(stats: Mapping) -> str:
    from .stats import BREAKDOWN_COLUMNS, FIGURE_ORDER, METHODS, breakdown_rows, summary_lines

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
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="generated">Generated on <time datetime="{generated.isoformat()}">'
        f"{_e(generated.strftime('%d %B %Y').lstrip('0'))}</time> · {len(rows)} request"
        f"{'s' if len(rows) != 1 else ''}, {n_overdue} overdue"
        '<span class="noprint"> · click a column heading to sort</span></p>',
        _stats_html(stats) if stats else "",
        note,
        f'<table id="requests"><thead><tr>{head}</tr></thead><tbody>',
        "\n".join(body),
        "</tbody></table>",
        f"<script>{_JS}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


# -- iCalendar --------------------------------------------------------------------------------

ICS_DOMAIN = "foi.local"


def deadlines_of(record: Record, today: date) -> list[tuple[str, date, str, str]]:
    """Upcoming deadlines (on or after ``today``) of one request:
    (kind, date, what is due, rule).  Kinds are unique within a request.
    Open-ended windows (``Window.fixed`` false) are left out: they have no
    last day."""
    a = record.assessment
    out: list[tuple[str, date, str, str]] = []
    if a.stage in ("awaiting-response", "extended") and a.response_due and a.response_due >= today:
        out.append(("response-due", a.response_due, "response due from the authority", a.rule))
    if a.stage == "awaiting-review" and a.review_due and a.review_due >= today:
        out.append(("review-due", a.review_due, "internal review due from the authority", a.rule))
    for w in a.windows:
        # a window with no statutory limit (an ICO complaint about silence) has
        # only a rolling horizon, not a last day: no calendar event for it
        if getattr(w, "fixed", True) and w.closes >= today:
            out.append((f"{w.kind}-window", w.closes, f"last day to {w.label}", w.rule))
    seen: set[str] = set()
    unique = []
    for item in out:
        if item[0] not in seen:
            seen.add(item[0])
            unique.append(item)
    return unique


def render_ics(
    records: Iterable[Record], today: date, stamp: datetime | None = None, name: str = "FOI deadlines"
) -> bytes:
    """An iCalendar file: one all-day VEVENT per upcoming deadline."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(timezone.utc)
    cal = Calendar()
    cal.add("prodid", "-//foi//FOI request deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for r in records:
        rid = r.row["id"]
        authority = r.row.get("authority") or "authority"
        for kind, when, what, rule in deadlines_of(r, today):
            e = Event()
            e.add("uid", f"foi-{rid}-{kind}@{ICS_DOMAIN}")
            e.add("dtstamp", stamp)
            e.add("dtstart", when)
            e.add("dtend", when + timedelta(days=1))
            e.add("summary", f"{authority}: {what} (FOI #{rid})")
            desc = [f"Request #{rid}: {r.row.get('subject') or ''}", f"Rule: {rule}"]
            if r.row.get("campaign"):
                desc.append(f"Campaign: {r.row['campaign']}")
            e.add("description", "\n".join(desc))
            e.add("transp", "TRANSPARENT")
            e.add("categories", ["FOI"])
            cal.add_component(e)
    return cal.to_ical()


# -- dispatch -----------------------------------------------------------------------------------


def render(
    fmt: str,
    records: Sequence[Record],
    columns: Sequence[Column],
    today: date,
    title: str,
    stats: Mapping | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """``records`` in format ``fmt``, as UTF-8 bytes."""
    rows = [r.row for r in records]
    if fmt == "csv":
        return render_csv(rows, columns).encode("utf-8")
    if fmt == "md":
        return render_markdown(rows, columns).encode("utf-8")
    if fmt == "json":
        return render_json(rows, columns).encode("utf-8")
    if fmt == "html":
        return render_html(rows, columns, title, today, stats).encode("utf-8")
    if fmt == "ics":
        return render_ics(records, today, stamp, name=title)
    raise UsageError(f"unknown format {fmt!r}", "use one of " + ", ".join(FORMATS))
