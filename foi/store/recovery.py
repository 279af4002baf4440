"""Reading a store that may be damaged, and putting things right.

foi never treats a store it cannot read as empty: every refusal names the
file and its ``.bak``.  This module also finds the temporary files a killed
writer left behind, keeps the pre-migration copy, and restores the backup.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import StoreError
from .codec import DuplicateKey, parse_store_bytes
from .files import (
    TMP_PREFIX,
    atomic_write_bytes,
    attachments_dir,
    backup_path,
    lock_path,
    recovery_advice,
    tmp_prefix,
)
from .lock import Lock, lock_timeout_from_env
from .migrations import SCHEMA_VERSION
from .schema import schema_version_of, shape_problem

#: Prefix of an attachment's temporary copy.
ATTACHMENT_TMP_PREFIX = TMP_PREFIX + "attachment-"

_DOCTOR = "`foi doctor` checks it, `foi doctor --restore-backup` restores the backup"


def read_store_file(path: Path, check_duplicates: bool = True) -> dict | None:
    """Parse the store file; ``None`` if it does not exist yet.

    ``check_duplicates=False`` skips the scan for an entry written twice
    (a bad merge): read-only commands skip it, every command that writes
    (and `foi doctor`) makes it, so such a file is never written back."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"the store {path} is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
    advice = recovery_advice(path)
    if not raw or raw.isspace():  # (no copy of a large file)
        raise StoreError(f"the store {path} is empty (truncated?): {advice}", hint=_DOCTOR)
    try:
        data = parse_store_bytes(raw, check_duplicates)
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
    except (ValueError, RecursionError) as exc:
        raise StoreError(f"the store {path} cannot be read ({exc}): {advice}", hint=_DOCTOR) from None
    problem = shape_problem(data)
    if problem:
        raise StoreError(
            f"the store {path} is not a foi store ({problem}): {advice}",
            hint="check --store / FOI_STORE points at the right file; " + _DOCTOR,
        )
    return data


def stray_temp_files(path: Path) -> list[Path]:
    """Temporary files of this store (and of its attachments folder) left
    by an interrupted write."""
    found: list[Path] = []
    folder = path.parent
    if folder.is_dir():
        found += folder.glob(tmp_prefix(path) + "*")
    att = attachments_dir(path)
    if att.is_dir():
        found += att.glob(ATTACHMENT_TMP_PREFIX + "*")
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
