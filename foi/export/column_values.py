"""The values of whole columns, straight from the records: what the CSV writes,
without a row dict per request to build and take apart again.

``column_values(records, keys)[i][j]`` is ``records[j].row.get(keys[i])`` (the
same value: a test checks every column), worked out one column at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import attrgetter

from .rows import BASE_KEYS, Record, _complaint_status, _review_status, finding_column_key

#: column key -> the request's field; the value is the field or "" (text columns)
_TEXT = {"authority": "authority_name", "authority_kind": "authority_kind", "regime": "regime", "subject": "subject"}
#: column key -> the request's field; the value is the field or None
_OR_NONE = {"uid": "uid", "campaign": "campaign"}
#: column key -> the assessment's field, as it is
_ASSESSED = {"date_sent": "sent", "due_date": "response_due", "date_answered": "answered",
             "working_days_taken": "working_days_taken"}  # fmt: skip
#: column key -> the timeline scan's field, as it is
_FOUND = {"public_url": "url", "authority_ref": "ref"}

_assessment = attrgetter("assessment")


def column_values(records: Sequence[Record], keys: Sequence[str]) -> list[list]:
    """For each key, the column's value of each record (as its row has it)."""
    if any(r.has_row for r in records):  # rows already made (e.g. the private columns added): read them
        return [[r.row.get(key) for r in records] for key in keys]
    findings: list = []
    if any(key not in BASE_KEYS for key in keys):
        findings = [r.req.get("findings") or _NONE for r in records]
    return [_column(records, key) if key in BASE_KEYS else _findings_column(findings, key) for key in keys]


def _column(records: Sequence[Record], key: str) -> list:
    if key in _TEXT:
        field = _TEXT[key]
        return [r.req.get(field) or "" for r in records]
    if key in _OR_NONE:
        field = _OR_NONE[key]
        return [r.req.get(field) or None for r in records]
    if key in _ASSESSED:
        return list(map(attrgetter(_ASSESSED[key]), map(_assessment, records)))
    if key in _FOUND:
        return list(map(attrgetter("found." + _FOUND[key]), records))
    return _computed(records, key)


def _computed(records: Sequence[Record], key: str) -> list:
    if key == "id":
        return [r.req["id"] for r in records]
    if key == "status":
        return [a.stage + " (overdue)" if a.overdue else a.stage for a in map(_assessment, records)]
    if key == "overdue":
        return [bool(a.overdue) for a in map(_assessment, records)]
    if key == "working_days_late":
        return [a.working_days_late or 0 for a in map(_assessment, records)]
    if key == "exemptions":
        return [r.found.exemptions or [] for r in records]
    if key == "outcome":
        return [r.found.response.get("outcome") if r.found.response else None for r in records]
    if key == "complaint_status":
        return [_complaint_status(r.found) for r in records]
    if key == "review_status":
        return [_review_status(r.assessment, r.found) for r in records]
    if key == "review_outcome":
        return [_review_outcome(r) for r in records]
    return [r.row.get(key) for r in records]  # (a column added to BASE_COLUMNS and not here yet)


def _review_outcome(r: Record):
    if _review_status(r.assessment, r.found) != "answered":
        return None
    return (r.found.review_response or {}).get("outcome")


_NONE: dict = {}


def _findings_column(findings: Sequence[Mapping], key: str) -> list:
    """A finding's column (:func:`finding_column_key`): the last finding whose column it is, as in a row."""
    if not key.startswith("finding_"):
        return [f.get(key) for f in findings]
    out = []
    for f in findings:
        value = None
        for k, v in f.items():
            if finding_column_key(k) == key:
                value = v
        out.append(value)
    return out
