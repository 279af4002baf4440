"""What `foi export` does: select requests, assess them once, choose the
columns, and render one format (plain functions over an open store).

Private by default: the requester's name, email and address, who drafted a
request, notes and attached files are never columns of an export unless
``include_private`` is given (``--include-private``); ``--columns`` cannot
name them without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date, datetime
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..export import rows as rw
from . import selection
from .context import gc_paused

if TYPE_CHECKING:
    from pathlib import Path

#: Columns of what is private: added only with --include-private.
PRIVATE_COLUMNS: tuple[rw.Column, ...] = (
    rw.Column("requester_name", "Requester's name"),
    rw.Column("requester_email", "Requester's email"),
    rw.Column("requester_address", "Requester's address"),
    rw.Column("created_by", "Drafted by"),
    rw.Column("notes", "Notes", "list"),
    rw.Column("attachments", "Attached files", "list"),
)
PRIVATE_KEYS = frozenset(c.key for c in PRIVATE_COLUMNS)

Progress = Callable[[int, str], AbstractContextManager]


class Export:
    """Everything one export needs to render (a plain class: a dataclass is
    generated and compiled at import, on every export's start-up)."""

    def __init__(self, fmt: str | None, records: list, available: list, chosen: list, title: str) -> None:
        self.fmt, self.records, self.available, self.chosen, self.title = fmt, records, available, chosen, title
        self.description: str | None = None
        self.tally: Mapping | None = None
        self.stats: Mapping | None = None
        self.public = False
        self.options: dict = {}


def private_values(req: Mapping) -> dict:
    """The private columns of one request."""
    who = req.get("requester") or {}
    notes, files = [], []
    for ev in req.get("events") or ():
        if ev.get("note"):
            notes.append(f"{ev.get('date', '')} {ev.get('type', '')}: {ev['note']}".strip())
        files += [str(a.get("name") or a.get("sha256") or "") for a in ev.get("attachments") or ()]
    return {
        "requester_name": who.get("name"),
        "requester_email": who.get("email"),
        "requester_address": who.get("address"),
        "created_by": req.get("created_by"),
        "notes": notes,
        "attachments": files,
    }


def _columns(records, declared, spec: str | None, include_private: bool) -> tuple[list, list]:
    available = rw.columns_for(records, list(declared.findings) if declared else ())
    if include_private:
        available += list(PRIVATE_COLUMNS)
        for r in records:
            r.row.update(private_values(r.req))
    elif spec:
        asked = {k.strip().lower() for k in spec.split(",")}
        if asked & PRIVATE_KEYS:
            raise UsageError(
                f"{', '.join(sorted(asked & PRIVATE_KEYS))} is private",
                "add --include-private to export it (it must not be published)",
            )
    return available, rw.select_columns(available, spec)


def _title(fmt: str | None, campaign: str | None, declared, title: str | None) -> str:
    if title is not None:
        return title
    if declared and declared.title:
        return declared.title
    base = "FOI deadlines" if fmt == "ics" else "Freedom of Information requests"
    return base + (f": campaign {campaign}" if campaign else "")


def _declared(store, campaign: str | None):
    """The campaign's declaration (its findings and title), if it has one."""
    if not campaign:  # (the declarations' module is imported only for a campaign)
        return None
    from . import campaigns

    return campaigns.get(store, campaign)


def prepare(
    store,
    today: date,
    calendars,
    *,
    fmt: str | None,
    campaign: str | None = None,
    status: str | None = None,
    columns: str | None = None,
    title: str | None = None,
    include_private: bool = False,
    progress: Progress | None = None,
) -> Export:
    """Select and assess the requests, and work out what the format shows."""
    everything = store.requests()
    selection.check_campaign(everything, campaign)  # a misspelt campaign is an error, not an empty table
    reqs = selection.filter_requests(everything, campaign)
    with gc_paused() as keep, (progress or (lambda n, what: nullcontext()))(len(reqs), "Working out deadlines") as tick:
        records = keep(rw.build_records(reqs, today, calendars, status=status, tick=tick))
    declared = _declared(store, campaign)
    available, chosen = _columns(records, declared, columns, include_private)
    x = Export(fmt, records, available, chosen, _title(fmt, campaign, declared, title))
    x.description = declared.description if declared else None
    if fmt in ("html", "xlsx"):
        from ..domain import stats as st

        x.stats = st.compute(records, today, campaign)
        if campaign:
            from .findings import tally

            x.tally = tally(store, campaign)
    x.public = fmt == "html" and not columns
    return x


def render(x: Export, today: date, stamp: datetime | None = None, excel: bool = False) -> bytes:
    """The export's bytes."""
    from .. import export as ex

    with gc_paused():
        data = ex.render(
            x.fmt,
            x.records,
            x.chosen,
            today,
            x.title,
            stats=x.stats,
            stamp=stamp,
            tally=x.tally,
            description=x.description,
            public=x.public,
        )
    if excel and x.fmt == "csv":
        return b"\xef\xbb\xbf" + data  # UTF-8 byte-order mark: Excel then reads the file as UTF-8
    return data


def refuse_store_files(store_path: Path, path: Path) -> None:
    """``-o`` must never overwrite the store itself (or its backup)."""
    from ..store import backup_path

    target = os.path.realpath(path)
    for own in (store_path, backup_path(store_path)):
        if target == os.path.realpath(own):
            raise UsageError(
                f"{path} is foi's own store file; writing the export there would destroy it",
                "choose another file name for -o",
            )


def check_options(fmt: str | None, excel: bool) -> None:
    if excel and fmt != "csv":
        raise UsageError("--excel is for CSV", "use --format csv --excel (or --format xlsx for a workbook)")


def describe(x: Export, path: str) -> str:
    what = "requests' deadlines" if x.fmt == "ics" else "requests"
    return f"wrote {len(x.records)} {what} to {path} ({x.fmt})"


def terminal_columns(x: Export, spec: str | None) -> Sequence:
    """Without --columns on a terminal, the readable subset."""
    if spec:
        return x.chosen
    return [c for c in x.available if c.key in rw.TERMINAL_KEYS or c.key not in rw.BASE_KEYS | PRIVATE_KEYS]
