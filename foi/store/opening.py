"""Opening a store: reading (and upgrading) it, and holding its lock for a
write.  :func:`open_store` is what commands use."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..errors import StoreError
from .files import check_regular_or_missing, lock_path, real_path, recovery_advice
from .migrations import MIGRATIONS, SCHEMA_VERSION, schema_version_of
from .recovery import clean_stray_temp_files, read_store_file
from .store import Store

if TYPE_CHECKING:
    from pathlib import Path

    from .lock import Lock

STORE_FILENAME = "foi.json"


def default_store_path() -> Path:
    """``FOI_STORE``, else ``foi.json`` in the app folder (see :mod:`foi.settings`)."""
    from pathlib import Path

    from ..settings import store_path

    return Path(store_path())


def load(path: Path, writable: bool, held: bytes | None = None) -> Store:
    data = read_store_file(path, held)
    migrated_from = None
    if data is not None:
        version = schema_version_of(data, path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store {path} was written by a newer foi (schema {version}; this foi "
                f"understands up to {SCHEMA_VERSION}): {recovery_advice(path)}",
                hint="upgrade foi: pip install --upgrade foi",
            )
        if version < SCHEMA_VERSION:
            migrated_from = version
            data = _migrate(path, data, version)
            if not writable:
                migrated_from = None  # upgraded in memory only; written on the next change
    return Store(path, data, writable, migrated_from)


def _migrate(path: Path, data: dict, version: int) -> dict:
    start = version
    while version < SCHEMA_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except StoreError as exc:
            raise StoreError(
                f"the store {path} (schema {version}) cannot be upgraded: {exc.message}; {recovery_advice(path)}",
                hint="`foi doctor` checks it",
            ) from None
        version += 1
    from .schema import first_problem

    problem = first_problem(data, fields=True)
    if problem:
        raise StoreError(
            f"the store {path} (schema {start}) cannot be upgraded ({problem}): {recovery_advice(path)}",
            hint="`foi doctor` checks it",
        )
    return data


class open_store:
    """Context manager: ``with open_store(path, write=True) as store: ...``.

    With ``write=True`` the lock is held from before the read until after the
    commit, and the store is committed when the block ends without an error
    (and only while the lock file is still the one at its path).  Stray
    temporary files left by a crashed writer are removed.  A store that is
    a symlink is read and written through to its target; a read-only store
    file (chmod 444) is refused, not replaced by a writable one.

    ``scratch=True`` is for a private copy no other foi uses (the temporary
    files git hands a merge driver): no lock file and no backups beside it."""

    def __init__(self, path: Path, write: bool = False, lock_timeout: float | None = None, scratch: bool = False):
        self.path = real_path(path)  # (a Path, or text: see Store.path)
        self.write = write
        self.scratch = scratch
        self.lock_timeout = lock_timeout  # (None: FOI_LOCK_TIMEOUT, read when a writer takes the lock)
        self._lock: Lock | None = None

    def __enter__(self) -> Store:
        if not self.write:
            self.store = load(self.path, writable=False)
            return self.store
        if self.scratch:
            self.store = load(self.path, writable=True)
            return self.store
        _check_writable(self.path)
        from .lock import Lock, lock_timeout_from_env  # (a reader takes no lock)

        timeout = lock_timeout_from_env() if self.lock_timeout is None else self.lock_timeout
        self._lock = Lock(lock_path(self.path), timeout)
        self._lock.acquire()
        try:
            clean_stray_temp_files(self.path)
            self.store = load(self.path, writable=True, held=self._lock.kept)
        except BaseException:
            self._lock.release()
            raise
        return self.store

    def __exit__(self, exc_type, exc, tb) -> None:
        stamp, wrote = None, False
        try:
            if self.write and exc_type is None:
                self.store.commit(backups=not self.scratch, check=self._lock.check_held if self._lock else None)
                stamp = self.store.receipt
                wrote = self.store.wrote
        finally:
            if self._lock is not None:
                self._lock.release(stamp, keep=not wrote)


def _check_writable(path: Path) -> None:
    """Refuse, before taking the lock, a store foi must not write: not a
    regular file (a pipe, a device), or a file its owner made read-only."""
    import stat

    try:
        check_regular_or_missing(path)
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"the store {path} is a folder, not a file") from None
    except OSError:
        raise StoreError(
            f"the store {path} is not a regular file (a pipe or a device?)",
            hint="give --store / FOI_STORE the path of a foi.json file",
        ) from None
    if not mode & stat.S_IWUSR:
        raise StoreError(
            f"the store {path} is read-only (mode {stat.S_IMODE(mode):04o}); nothing was changed",
            hint=f"if you mean to change it, make it writable first: chmod 600 '{path}'",
        )
