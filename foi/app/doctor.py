"""`foi doctor`: everything that can be wrong with a store, found without
changing anything; and putting its backup back.

What a readable store is, is the store package's to say
(:func:`foi.store.recovery.diagnose`, the schema the reader applies): doctor
reports exactly what the reader would refuse, every problem rather than the
first.  The checks here add what the reader does not refuse but a person
should know: the id counter, permanent ids, merge conflicts, unknown event
types, attachments and letter files, unverified addresses, the backup, the
bank holiday table, leftover temporary files and file modes.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..errors import StoreError

ERROR, WARNING = "error", "warning"


@dataclass
class Problem:
    level: str  # "error" (the store is damaged) or "warning" (worth a look)
    check: str  # parse, schema, ids, conflicts, events, attachments, emails, calendar, temp-files, modes, backup
    message: str
    file: str | None = None

    def line(self) -> str:
        return f"{self.level}: {self.message}"


def check_store(path: Path, today: date) -> tuple[list[Problem], dict[str, Any]]:
    """Every problem found in the store at ``path``; and a few facts about it
    (``requests``: how many, ``exists``).  Reads only; never writes."""
    from .. import store as st

    problems: list[Problem] = []
    facts: dict[str, Any] = {"exists": path.exists(), "requests": 0}

    def add(level: str, check: str, message: str, file: Path | None = None) -> None:
        problems.append(Problem(level, check, message, str(file) if file is not None else None))

    data = None
    if path.exists():
        # the reader's own checks (parse, schema: every field's type, ids,
        # event dates and order), every problem, not just the first
        data, _version, found = st.recovery.diagnose(path)
        for level, check, message in found:
            add(level, check, message, path)
    if data is not None:
        facts["requests"] = len(data.get("requests") or {})
        _check_contents(path, data, add)
    _check_backup(path, add)
    _check_calendar(today, add)
    _check_temp_files(path, add)
    _check_modes(path, add)
    return problems, facts


def _check_contents(path: Path, data: dict, add) -> None:
    """Warnings about what the store holds.  The data may have fields of the
    wrong type (already reported as the schema's errors): a check that meets
    one skips it."""
    from .. import store as st

    requests = data.get("requests") or {}
    checks = [
        lambda: _check_id_counter(data, add),
        lambda: _check_uids(requests, add),
        lambda: _check_conflicts(data, add),
        lambda: _check_unreferenced(path, requests, add),
        lambda: _check_blobs(path, data, add),
    ]
    for key, req in sorted(requests.items(), key=lambda kv: int(kv[0])):
        checks.append(lambda key=key, req=req: _check_event_types(key, req, add))
        checks.append(lambda key=key, req=req: _check_attachments(key, req, st.attachments_dir(path), add))
        checks.append(lambda key=key, req=req: _check_email(key, req, add))
    for check in checks:
        try:
            check()
        except (AttributeError, TypeError, ValueError, KeyError):
            continue


def _check_uids(requests: dict, add) -> None:
    """Requests and events without a uid (the next change gives them one).
    A malformed or shared uid is the schema's (the reader refuses it)."""
    from ..ids import uid_problems

    for serious, message in uid_problems(requests):
        if not serious:
            add(WARNING, "ids", message)


def _check_conflicts(data: dict, add) -> None:
    """Conflicts a merge recorded (warnings: nothing is lost, someone must choose)."""
    from ..domain.conflicts import summaries

    for where, summary in summaries(data):
        add(WARNING, "conflicts", f"{where}: {summary}; settle it with `foi resolve {where.split()[-1]}`")


def _check_id_counter(data: dict, add) -> None:
    ids = [int(k) for k in data.get("requests") or {}]
    meta = (data.get("meta") or {}).get("1") or {}
    next_id = meta.get("next_id")
    if ids and (type(next_id) is not int or next_id <= max(ids)):
        add(
            WARNING,
            "ids",
            f"the id counter (next_id {next_id!r}) is not above the largest id {max(ids)}; "
            "the next new request still gets a fresh id",
        )


def _check_event_types(key: str, req: dict, add) -> None:
    """Values outside foi's vocabulary (an outcome typed by hand as 'grantd'
    would be counted apart by `foi stats`; issue 13, bug 5)."""
    from ..domain.known_values import request_problems

    for n, name, problem in request_problems(req):
        fix = f"`foi edit {key} --event {n} --{name} VALUE`" if n and name in ("outcome", "via") else "the JSON by hand"
        add(WARNING, "vocabulary", f"request {key}: {problem}; correct it with {fix}")


def _check_attachments(key: str, req: dict, folder: Path, add) -> None:
    for e in req.get("events") or ():
        for a in e.get("attachments") or ():
            if not isinstance(a, dict) or not a.get("file") or not a.get("sha256"):
                add(ERROR, "attachments", f"request {key}: a {e.get('type')} attachment record is incomplete: {a!r}")
                continue
            name = a.get("name") or a["file"]
            target = folder / a["file"]
            if Path(a["file"]).name != a["file"]:
                add(
                    ERROR,
                    "attachments",
                    f"request {key}: attachment {name} points outside the attachments folder ({a['file']!r})",
                )
                continue
            try:
                digest = hashlib.sha256()
                with target.open("rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 20), b""):
                        digest.update(chunk)
            except FileNotFoundError:
                add(ERROR, "attachments", f"request {key}: attachment {name} is missing ({target})", target)
                continue
            except OSError as exc:
                add(
                    ERROR,
                    "attachments",
                    f"request {key}: attachment {name} cannot be read ({exc.strerror or exc})",
                    target,
                )
                continue
            if digest.hexdigest() != a["sha256"]:
                add(
                    ERROR,
                    "attachments",
                    f"request {key}: attachment {name} has changed since it was stored "
                    f"(its sha256 does not match): {target}",
                    target,
                )
            elif "size" in a and target.stat().st_size != a["size"]:
                add(ERROR, "attachments", f"request {key}: attachment {name} has the wrong size: {target}", target)


def _check_unreferenced(path: Path, requests: dict, add) -> None:
    """Files in the attachments folder that no event refers to: copied by a
    command that was killed before it saved (or another store's, when two
    stores share a folder)."""
    from ..store.blobs import attachment_files

    used = {
        a.get("file")
        for req in requests.values()
        for e in req.get("events") or ()
        for a in e.get("attachments") or ()
        if isinstance(a, dict)
    }
    others = [p.name for p in path.parent.glob("*.json") if p.name != path.name]
    why = "another store in this folder" if others else "a command interrupted before it saved"
    for f in attachment_files(path):
        if f.name not in used:
            add(WARNING, "attachments", f"{f} is not referenced by any request (left by {why}?)", f)


def _check_blobs(path: Path, data: dict, add) -> None:
    """Every letter and message file the store refers to is there and
    unchanged (its SHA-256); files beside the store that nothing refers to
    (left by a command killed before it saved) are listed."""
    from ..store import blobs

    used = blobs.referenced(data)
    for (kind, sha), where in sorted(used.items(), key=lambda kv: kv[1]):
        try:
            blobs.get_blob(path, sha, kind, f"{where}: its {kind} file")
        except StoreError as exc:
            add(ERROR, kind + "s", exc.message, blobs.blob_path(path, sha, kind))
    others = [p.name for p in path.parent.glob("*.json") if p.name != path.name]
    why = "another store in this folder" if others else "a command interrupted before it saved"
    for kind, f in blobs.blob_files(path):
        if (kind, f.name[:64]) not in used:
            add(WARNING, kind + "s", f"{f} is not referenced by any request (left by {why}?)", f)


def _check_email(key: str, req: dict, add) -> None:
    types = {e.get("type") for e in req.get("events") or ()}
    if types & {"sent", "withdrawn"}:
        return
    email = req.get("to_email")
    if email and not req.get("email_verified"):
        add(
            WARNING,
            "emails",
            f"request {key} ({req.get('authority_name', '?')}) is not sent yet and its "
            f"address {email} is unverified: check it on the authority's website",
        )


def _check_backup(path: Path, add) -> None:
    from .. import store as st

    bak = st.backup_path(path)
    if not bak.exists():
        return
    try:
        st.read_store_file(bak)
    except StoreError as exc:
        add(WARNING, "backup", f"the backup is not usable: {exc.message}", bak)


def _check_calendar(today: date, add) -> None:
    from ..domain.calendars import table_range

    first, last = table_range()
    horizon = today + timedelta(days=366)
    if today.year < first or horizon.year > last:
        import importlib.util

        if importlib.util.find_spec("holidays") is not None:
            fallback = "foi falls back to the `holidays` package for those years"
            level = WARNING
        else:
            fallback = "and the `holidays` package is not installed: due dates cannot be worked out"
            level = ERROR
        add(
            level,
            "calendar",
            f"the bank holiday table covers {first}-{last}, not the coming year "
            f"(to {horizon.isoformat()}); {fallback}; upgrade foi for an up-to-date table",
        )


def _check_temp_files(path: Path, add) -> None:
    from .. import store as st

    for tmp in st.stray_temp_files(path):
        add(WARNING, "temp-files", f"an interrupted write left {tmp.name}; the next change removes it", tmp)
    folder = st.attachments_dir(path)
    if folder.is_dir():
        listed = set(st.stray_temp_files(path))
        for tmp in sorted(set(folder.glob(".*.tmp")) - listed):
            add(WARNING, "temp-files", f"an interrupted copy left {tmp} in the attachments folder; delete it", tmp)


def _check_modes(path: Path, add) -> None:
    from .. import store as st

    if os.name != "posix":  # pragma: no cover
        return
    folder = path.parent

    def mode_of(p: Path) -> int | None:
        try:
            return stat.S_IMODE(p.lstat().st_mode)
        except OSError:
            return None

    def check(p: Path, wanted: int, what: str) -> None:
        mode = mode_of(p)
        if mode is not None and mode & 0o077:
            add(WARNING, "modes", f"{what} {p} can be read by other users (mode {mode:04o}): chmod {wanted:o} '{p}'", p)

    check(folder, 0o700, "the store folder")
    for p in [
        path,
        st.backup_path(path),
        st.lock_path(path),
        *sorted(folder.glob(path.name + ".v*.bak")),
        *sorted(folder.glob(path.name + ".before-restore*")),
    ]:
        check(p, 0o600, "the file")
    for sub in st.content_folders(path):
        if sub.is_dir():
            check(sub, 0o700, f"the {sub.name} folder")
            for p in sorted(sub.iterdir()):
                check(p, 0o600, "the file")


def _describe(path: Path) -> str:
    from .. import store as st

    try:
        data = st.read_store_file(path)
        what = f"{len((data or {}).get('requests') or (data or {}).get('_default') or {})} requests"
    except StoreError:
        what = "unreadable"
    when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %b %Y %H:%M")
    return f"{what}, saved {when}"


@dataclass
class Report:
    """What :func:`check` found."""

    store: Path
    exists: bool
    requests: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.level == ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors

    @property
    def backup_may_help(self) -> bool:
        """The store is damaged and its backup is there and readable."""
        from ..store import backup_path

        damaged = any(p.level == ERROR and p.check in ("parse", "schema", "ids", "events") for p in self.problems)
        return damaged and backup_path(self.store).exists() and not any(p.check == "backup" for p in self.problems)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "store": str(self.store),
            "exists": self.exists,
            "ok": self.errors == 0,
            "errors": self.errors,
            "warnings": self.warnings,
            "requests": self.requests,
            "problems": [asdict(p) for p in self.problems],
        }


def check(app) -> Report:
    """`foi doctor`: every problem of the store ``app`` uses (reads only)."""
    problems, facts = check_store(app.store_path, app.today)
    return Report(app.store_path, facts["exists"], facts["requests"], problems)


@dataclass(frozen=True)
class RestorePlan:
    """What `foi doctor --restore-backup` would do."""

    store: Path
    backup: Path
    same: bool  # the store and its backup are the same bytes: nothing to do
    store_is: str  # "12 requests, saved 30 Nov 2026 17:01", "missing", "unreadable..."
    backup_is: str


def plan_restore(path: Path) -> RestorePlan:
    """Check the backup can be put back (one-line :class:`StoreError` if not)."""
    from .. import store as st

    bak = st.backup_path(path)
    if not bak.exists():
        raise StoreError(f"there is no backup {bak} to restore")
    try:
        st.read_store_file(bak)
    except StoreError as exc:
        raise StoreError(f"the backup cannot be restored: {exc.message}", hint="the store was left as it is") from None
    same = path.exists() and path.read_bytes() == bak.read_bytes()
    return RestorePlan(path, bak, same, _describe(path) if path.exists() else "missing", _describe(bak))


def restore(plan: RestorePlan) -> Path | None:
    """Put the backup back; returns where the replaced store was kept."""
    from .. import store as st

    return st.restore_backup(plan.store)
