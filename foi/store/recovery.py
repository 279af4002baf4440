"""Reading a store that may be damaged, and putting things right.

foi never treats a store it cannot read as empty: every refusal names the
file and its ``.bak``.  This module also finds the temporary files a killed
writer left behind, keeps the pre-migration copy, and restores the backup.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

from ..errors import StoreError
from .files import (
    atomic_write_bytes,
    attachments_dir,
    backup_path,
    lock_path,
    read_regular_file,
    recovery_advice,
    tmp_prefix,
)
from .mapped import map_large_file
from .migrations import SCHEMA_VERSION, schema_version_of

if TYPE_CHECKING:
    from pathlib import Path

_DOCTOR = "`foi doctor` checks it, `foi doctor --restore-backup` restores the backup"


def read_raw(path: Path) -> bytes | None:
    """The store file's bytes; ``None`` if it does not exist yet."""
    try:
        return read_regular_file(path)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"the store {path} is a folder, not a file") from None
    except OSError as exc:
        if exc.errno == errno.EINVAL:
            raise StoreError(
                f"the store {path} is not a regular file (a pipe or a device?)",
                hint="give --store / FOI_STORE the path of a foi.json file",
            ) from None
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None


def _parse_file(path: Path, held: bytes | None = None) -> tuple[dict | None, bool, bytes | None]:
    """Read and parse the store file: ``(data, checked, raw)``; ``checked``
    when the bytes carry the writer's receipt (:mod:`.receipt`), so that the
    schema need not be checked again; ``raw`` (else ``None``) when they may
    have one once checked.  ``(None, False, None)`` if the file is missing.
    ``held``: the receipt a writer found in the lock file it now holds."""
    from . import receipt
    from .codec import SMALL, loads_trusted

    raw = None
    mapped = map_large_file(path, SMALL)  # (a large file: mapped, not copied; see mapped.py)
    if mapped is not None:
        try:
            if not receipt.matches(path, mapped.view, held):
                raw = bytes(mapped.view)  # (no receipt: these bytes are checked in full below)
            else:
                try:
                    data = loads_trusted(mapped.view)
                except (ValueError, TypeError):  # (not what the parser reads: read again, checked in full)
                    data = None
                if isinstance(data, dict) and mapped.unchanged():
                    return data, True, None
        finally:
            mapped.close()
    if raw is None:  # (a small file, or one changed in place while mapped)
        raw = read_raw(path)
        if raw is None:
            return None, False, None
        if receipt.matches(path, raw, held):
            data = loads_trusted(raw)
            if isinstance(data, dict):
                return data, True, None
    data, readable = _parse_untrusted(path, raw)
    return data, False, raw if readable else None


def _parse_untrusted(path: Path, raw: bytes) -> tuple[dict, bool]:
    """The exact parse (see :func:`.codec.parse_checked`), in one-line errors."""
    import json

    from .codec import BadText, DuplicateKey, NotJSON, parse_checked
    from .schema import first_problem

    advice = recovery_advice(path)
    if not raw or raw.isspace():  # (no copy of a large file)
        raise StoreError(f"the store {path} is empty (truncated?): {advice}", hint=_DOCTOR)
    try:
        data, readable = parse_checked(raw)
    except UnicodeDecodeError:
        raise StoreError(f"the store {path} is not UTF-8 text: {advice}", hint=_DOCTOR) from None
    except json.JSONDecodeError as exc:
        what = "is truncated" if exc.pos >= len(raw.rstrip()) else "is not valid JSON"
        raise StoreError(
            f"the store {path} {what} (line {exc.lineno}, column {exc.colno}): {advice}",
            hint=_DOCTOR,
        ) from None
    except DuplicateKey as exc:
        raise StoreError(
            f"the store {path} has the key {exc.args[0]!r} twice in one object (a bad merge?): {advice}",
            hint="keep one of the two by hand, or restore the backup with `foi doctor --restore-backup`",
        ) from None
    except NotJSON as exc:
        raise StoreError(f"the store {path} is not valid JSON ({exc}): {advice}", hint=_DOCTOR) from None
    except BadText as exc:
        raise StoreError(f"the store {path} is damaged: {exc}: {advice}", hint=_DOCTOR) from None
    except (ValueError, RecursionError) as exc:
        raise StoreError(f"the store {path} cannot be read ({exc}): {advice}", hint=_DOCTOR) from None
    if not isinstance(data, dict):
        raise StoreError(
            f"the store {path} is not a foi store ({first_problem(data)}): {advice}",
            hint="check --store / FOI_STORE points at the right file; " + _DOCTOR,
        )
    return data, readable


def read_store_file(path: Path, held: bytes | None = None) -> dict | None:
    """Parse the store file and check its shape (:mod:`.schema`); ``None``
    if it does not exist yet.  Anything wrong is a one-line
    :class:`StoreError` naming the file and its backup.  ``held``: what the
    lock file held when a writer took the lock (the last writer's receipt)."""
    data, checked, raw = _parse_file(path, held)
    if data is None or checked:
        return data
    from .schema import first_problem

    problem = first_problem(data)
    if problem:
        raise StoreError(
            f"the store {path} is not a foi store ({problem}): {recovery_advice(path)}",
            hint="check --store / FOI_STORE points at the right file; " + _DOCTOR,
        )
    if raw is not None:  # checked in full: the next read need not check again
        from . import receipt

        receipt.record(path, raw)
    return data


def diagnose(path: Path) -> tuple[dict | None, int | None, list[tuple[str, str, str]]]:
    """What `foi doctor` reports about the store file itself: ``(data,
    version, problems)``.  ``data`` is the store upgraded to this foi's
    schema in memory (``None`` if it cannot be read); ``version`` the schema
    it was written in; each problem is ``(level, check, message)``.  Its
    errors are exactly what :func:`read_store_file` and the loader refuse:
    every one of them, not just the first.  With errors, ``data`` is still
    given if its layout (tables of numbered objects) is sound: its fields may
    then have any type."""
    from .migrations import MIGRATIONS
    from .schema import first_problem, problems

    try:  # (doctor trusts no receipt)
        raw = read_raw(path)
        data = None if raw is None else _parse_untrusted(path, raw)[0]
    except StoreError as exc:
        return None, None, [("error", "parse", str(exc))]
    if data is None:
        return None, None, []
    found = [("error", check, msg) for check, msg in problems(data)]
    if found:  # doctor's other checks still look at a store whose layout is sound
        return (None if first_problem(data, fields=False) else data), None, found
    try:
        version = schema_version_of(data, path)
    except StoreError as exc:
        return None, None, [("error", "schema", str(exc))]
    if version > SCHEMA_VERSION:
        message = (
            f"the store was written by a newer foi (schema {version}; this foi "
            f"understands up to {SCHEMA_VERSION}): upgrade foi"
        )
        return None, version, [("error", "schema", message)]
    if version == SCHEMA_VERSION:
        return data, version, []
    notes = [
        (
            "warning",
            "schema",
            f"the store has the older schema {version}; the next change upgrades it to {SCHEMA_VERSION} "
            f"and keeps the old file as {path.name}.v{version}.bak",
        )
    ]
    try:
        for v in range(version, SCHEMA_VERSION):
            data = MIGRATIONS[v](data)
    except StoreError as exc:
        return (
            None,
            version,
            notes + [("error", "schema", f"the store cannot be upgraded from schema {version}: {exc.message}")],
        )
    found = [
        ("error", check, f"after the upgrade from schema {version}: {msg}")
        for check, msg in problems(data, fields=True)
    ]
    return (None if found else data), version, notes + found


def stray_temp_files(path: Path) -> list[Path]:
    """Temporary files of this store (and of its attachments, letters and
    messages folders) left by an interrupted write."""
    found: list[Path] = []
    folder = path.parent
    if folder.is_dir():
        found += folder.glob(tmp_prefix(path) + "*")
    from .blobs import KINDS

    for sub in dict.fromkeys([attachments_dir(path).name] + [f for f, _ in KINDS.values()]):
        where = folder / sub
        if where.is_dir():
            found += where.glob(tmp_prefix(path) + "*")
    return sorted(found)


def clean_stray_temp_files(path: Path) -> list[Path]:
    """Remove temp files a killed writer of this store left behind (call
    with the lock held)."""
    removed = []
    for tmp in stray_temp_files(path):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


def keep_pre_migration_copy(path: Path, version: int) -> None:
    """Before the first write in a newer layout, keep the old file as
    ``<store>.v<N>.bak`` (byte for byte, written atomically)."""
    keep = path.with_name(f"{path.name}.v{version}.bak")
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
    try:
        if keep.read_bytes() == old:
            return
    except OSError:
        pass
    if keep.exists():  # an older copy of a different file: keep that one too
        n = 1
        while keep.with_name(f"{keep.name}.{n}").exists():
            n += 1
        keep = keep.with_name(f"{keep.name}.{n}")
    atomic_write_bytes(keep, old, keep_backup=False)


def restore_backup(path: Path, lock_timeout: float | None = None) -> Path | None:
    """Replace the store with its ``.bak`` (after checking the backup is a
    readable store this foi understands).  The replaced store is kept as
    ``<store>.before-restore`` (numbered if that exists); returns its path,
    or ``None`` if there was no store."""
    from pathlib import Path

    from .lock import Lock, lock_timeout_from_env

    path = Path(path)
    bak = backup_path(path)
    if not bak.exists():
        raise StoreError(f"there is no backup {bak} to restore")
    if lock_timeout is None:
        lock_timeout = lock_timeout_from_env()
    lock = Lock(lock_path(path), lock_timeout)
    lock.acquire()
    try:
        try:
            data = read_store_file(bak)  # refuse to restore a broken backup
            version = schema_version_of(data, bak) if data is not None else 0
        except StoreError as exc:
            raise StoreError(f"the backup cannot be restored: {exc.message}") from None
        if data is None:
            raise StoreError(f"there is no backup {bak} to restore")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the backup {bak} was written by a newer foi (schema {version}); it was not restored",
                hint="upgrade foi: pip install --upgrade foi",
            )
        payload = bak.read_bytes()
        kept = None
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
        if current is not None:
            kept = path.with_name(path.name + ".before-restore")
            n = 1
            while kept.exists():
                kept = path.with_name(f"{path.name}.before-restore.{n}")
                n += 1
            atomic_write_bytes(kept, current, keep_backup=False)
        clean_stray_temp_files(path)
        atomic_write_bytes(path, payload, keep_backup=False)
        return kept
    finally:
        lock.release()
