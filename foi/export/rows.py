"""The summary table of a campaign: columns, records and rows (pure: no click, no rich).

``build_records(...)`` turns stored requests into :class:`Record` s: the
request, its :class:`~foi.domain.clock.Assessment` (worked out once per
request) and its table row.  A row is a dict keyed by stable snake_case column
keys (:data:`BASE_COLUMNS`, then one column per finding key, sorted) with typed
values: ``int``, ``str``, ``bool``, ``datetime.date``, ``list[str]`` or
``None``.  The renderers (:mod:`.text_formats`, :mod:`.html`, :mod:`.ics`)
turn rows into one format each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..domain.exemptions import cited, summary_key
from ..errors import UsageError
from ..vocab import Event, Nation, Stage, status_matches

# -- columns -----------------------------------------------------------------------


class Column(NamedTuple):  # (not a frozen dataclass: no code generated at import, see bench/RESULTS.md)
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
    Column("uid", "Permanent id"),
    Column("public_url", "WhatDoTheyKnow page"),
)
BASE_KEYS = frozenset(c.key for c in BASE_COLUMNS)

#: Columns shown by default on a terminal (the full set is too wide to read).
TERMINAL_KEYS = ("id", "authority", "status", "date_sent", "due_date", "outcome", "working_days_late")

FORMATS = ("csv", "md", "html", "json", "ics", "xlsx")
EXTENSIONS = {
    ".csv": "csv",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".ics": "ics",
    ".ical": "ics",
    ".xlsx": "xlsx",
}

_FINDING_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def finding_column_key(key: str) -> str:
    """A finding's column key: the key itself, or ``finding_<key>`` if it
    would clash with a fixed column (only possible in hand-edited stores)."""
    return f"finding_{key}" if key in BASE_KEYS else key


def columns_for(records: Sequence[Record], order: Sequence[str] = ()) -> list[Column]:
    """The fixed columns, then one per finding key used by any record: those
    in ``order`` (a campaign's declaration) first, the others sorted."""
    keys: set[str] = set()
    for r in records:
        keys.update(r.req.get("findings") or ())
    ordered = [k for k in order if k in keys] + sorted(keys - set(order))
    return list(BASE_COLUMNS) + [Column(finding_column_key(k), k) for k in ordered]


def select_columns(available: Sequence[Column], spec: str | None) -> list[Column]:
    """``--columns id,authority,scheme``: pick and order columns by key (``all``: every one)."""
    if not spec or spec.strip().lower() == "all":
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
            "use --format " + "|".join(FORMATS) + ", or a file ending in " + ", ".join(sorted(EXTENSIONS)),
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
        from ..domain.safe_text import clean_text

        value = clean_text(value).strip()  # no terminal escape sequences stored (issue 14.7)
        if value:
            out[key] = value
        else:
            out.pop(key, None)
    return out


# -- records and rows -----------------------------------------------------------------


class Record:
    """One request, assessed once: what every renderer and the statistics read.

    ``row`` is built on first use: the CSV takes its columns straight from the
    request, its assessment and ``found`` (:mod:`.column_values`)."""

    __slots__ = ("req", "assessment", "exemption_keys", "cited", "found", "_row")

    def __init__(self, req: Mapping, assessment: Any, row: dict | None, exemption_keys: tuple[str, ...] = (),
                 cited: tuple[str, ...] = (), found: _Events | None = None):  # fmt: skip
        self.req = req
        self.assessment = assessment
        self.exemption_keys = exemption_keys
        #: each exemption with its law and subsection (``FOIA s.40(2)``), for people
        self.cited = cited
        self.found = found  # what the row reads of the timeline (None once the row is given)
        self._row = row

    @property
    def has_row(self) -> bool:
        """Whether the row was made (given, or read once)."""
        return self._row is not None

    @property
    def row(self) -> dict:
        if self._row is None:
            self._row = full_row(self.req, self.assessment, self.found)
        return self._row


class _Events:
    """What the row needs from a timeline, found in one pass (class defaults: a
    timeline sets few of them; the lists are made at the first exemption)."""

    response = review_response = complaint = decision = appeal = None
    ref: str | None = None
    url: str | None = None
    exemptions: list[str] | tuple = ()
    exemption_keys: list[str] | tuple = ()
    cited: list[str] | tuple = ()


_LAST_OF = {
    Event.REVIEW_RESPONSE: "review_response",
    Event.COMPLAINT: "complaint",
    Event.DECISION: "decision",
    Event.APPEAL: "appeal",
}
_ANSWERS = frozenset((Event.RESPONSE, Event.REVIEW_RESPONSE))
_WITH_REF = frozenset((Event.ACKNOWLEDGED, Event.RESPONSE, Event.REVIEW_RESPONSE))
#: The event types a row reads (most events, drafts and notes, are not looked at twice).
_SCANNED = frozenset((Event.SENT, *_WITH_REF, *_LAST_OF))


_SENT, _RESPONSE = Event.SENT, Event.RESPONSE


def _scan(events: Iterable[Mapping], regime: str | None) -> _Events:
    found = _Events()
    for e in events:
        t = e.get("type")
        if t not in _SCANNED:
            continue
        if t == _SENT:
            if e.get("url"):
                found.url = str(e["url"])
            continue
        if t == _RESPONSE:
            if found.response is None:
                found.response = e
        elif t in _LAST_OF:
            setattr(found, _LAST_OF[t], e)
        if found.ref is None and t in _WITH_REF and e.get("ref"):
            found.ref = str(e["ref"])
        if t in _ANSWERS and e.get("exemptions"):
            _exemptions(found, e["exemptions"], regime)
    return found


def _exemptions(found: _Events, cited_here: Iterable, regime: str | None) -> None:
    if found.cited.__class__ is tuple:  # (the first exemptions of this timeline)
        found.exemptions, found.exemption_keys, found.cited = [], [], []
    for x in cited_here:
        k = summary_key(x, regime)
        if k and k not in found.exemption_keys:
            found.exemption_keys.append(k)
        c = cited(x, regime)
        if c and c not in found.cited:
            found.cited.append(c)
            found.exemptions.append(str(x).strip())


def _review_status(a, found: _Events) -> str | None:
    if a.review_requested is None:
        return None
    if a.review_answered is not None and found.review_response is not None:
        return "answered"
    if a.stage == Stage.AWAITING_REVIEW and a.overdue:
        return "awaiting (overdue)"
    return "awaiting"


def _complaint_status(found: _Events) -> str | None:
    if found.appeal is not None:
        return "appealed"
    if found.decision is not None:
        outcome = found.decision.get("outcome")
        return "decided" + (f": {outcome}" if outcome else "")
    if found.complaint is not None:
        return "lodged"
    return None


#: The columns of a row the statistics read (:mod:`foi.domain.stats`).
STATS_COLUMNS = ("outcome", "authority_kind", "regime")


def record_for(req: Mapping, today: date, calendars=None, full: bool = True) -> Record:
    """Assess ``req`` on ``today`` and scan its events once (its row is built on first
    use: :func:`full_row`); not ``full``: only the columns the statistics read
    (:data:`STATS_COLUMNS`)."""
    global _assess
    if _assess is None:  # (imported once, not per request)
        from ..domain.clock import assess as _assess

    events = req.get("events", ())
    regime = req.get("regime")
    a = _assess(req["regime"], req.get("nation", Nation.DEFAULT), events, today, calendars)
    found = _scan(events, regime)
    if not full:
        response = found.response
        row = {
            "outcome": response.get("outcome") if response else None,
            "authority_kind": req.get("authority_kind") or "",
            "regime": regime or "",
        }
        return Record(req, a, row, tuple(found.exemption_keys), tuple(found.cited))
    return Record(req, a, None, tuple(found.exemption_keys), tuple(found.cited), found)


def full_row(req: Mapping, a, found: _Events) -> dict:
    """The row of every column (:data:`BASE_COLUMNS` then the findings): see the module's doc."""
    review_status = _review_status(a, found)
    response, review_response = found.response, found.review_response
    row = {
        "id": req["id"],
        "uid": req.get("uid") or None,
        "public_url": found.url,
        "authority": req.get("authority_name") or "",
        "authority_kind": req.get("authority_kind") or "",
        "regime": req.get("regime") or "",
        "campaign": req.get("campaign") or None,
        "subject": req.get("subject") or "",
        "date_sent": a.sent,
        "due_date": a.response_due,
        "status": a.stage + " (overdue)" if a.overdue else a.stage,
        "overdue": bool(a.overdue),
        "outcome": response.get("outcome") if response else None,
        "exemptions": found.exemptions or [],
        "date_answered": a.answered,
        "working_days_taken": a.working_days_taken,
        "working_days_late": a.working_days_late or 0,
        "review_status": review_status,
        "review_outcome": (review_response or {}).get("outcome") if review_status == "answered" else None,
        "complaint_status": _complaint_status(found),
        "authority_ref": found.ref,
    }
    findings = req.get("findings")
    if findings:
        for k, v in findings.items():
            row[finding_column_key(k)] = v
    return row


_assess = None


def matches_status(record: Record, status: str | None) -> bool:
    """``--status``: a stage, or ``overdue`` / ``open`` as in `foi list`."""
    return status_matches(status, record.assessment.stage, record.assessment.overdue)


def build_records(
    requests: Iterable[Mapping],
    today: date,
    calendars=None,
    status: str | None = None,
    tick: Callable[[], None] | None = None,
    full: bool = True,
) -> list[Record]:
    """A :class:`Record` per request (``tick`` is called after each, for progress); not
    ``full``: rows for the statistics only (see :func:`record_for`)."""
    out = []
    for req in requests:
        r = record_for(req, today, calendars, full)
        if status is None or matches_status(r, status):
            out.append(r)
        if tick is not None:
            tick()
    return out


# -- cell text --------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A value as text for csv, md, html and the terminal."""
    if value.__class__ is str:  # (most cells: first)
        return value
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
