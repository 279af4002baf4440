"""The store: one JSON file beside its backup, attachments and lock.

This package is the only place that imports tinydb and writes files
(:mod:`.files` holds the one atomic-replace primitive).  Guarantees:

* **Atomic writes.**  Nothing is written until :meth:`Store.commit`, which
  serialises the whole database once, writes it to a temporary file in the
  same folder (mode 0600), flushes and fsyncs it, keeps the previous file as
  ``<store>.bak`` (a hard link, so the store itself never disappears),
  ``os.replace``-s the new file into place and fsyncs the folder.  A crash at
  any moment leaves either the old or the new store, never a mix.
* **One writer at a time** (:mod:`.lock`).  Readers never need the lock.
* **Never silently emptied** (:mod:`.recovery`).  A store that cannot be
  parsed, has the wrong shape (:mod:`.schema`), or comes from a newer foi is
  an error naming the file and its ``.bak``; it is never treated as empty or
  overwritten.
* **Deterministic JSON** (:mod:`.codec`: indent 2, sorted keys, UTF-8,
  trailing newline) so a coalition can keep the store in git.
* **Private.**  Folders are created 0700 and files 0600.
* **Stable ids.**  Requests get short integer ids from a counter kept in the
  ``meta`` table; ids are never reused, even after a request is deleted.

Modules: :mod:`.codec` (bytes), :mod:`.files` (paths, atomic replace),
:mod:`.lock`, :mod:`.schema` (what the reader accepts), :mod:`.migrations`,
:mod:`.recovery` (damaged stores, temp files, backups), :mod:`.store`
(:class:`Store`, :func:`open_store`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: name -> the module that defines it.  Imported on first use (PEP 562), so
#: that a command imports only what it uses: reading a store needs neither
#: tinydb nor orjson nor hashlib when it is missing, and a read never
#: imports tinydb (``foi overdue`` on an empty store: issue 15's start-up).
_WHERE = {
    "content_folders": "blobs",
    "copy_attachments": "blobs",
    "copy_blobs": "blobs",
    "put_file": "blobs",
    "dump_bytes": "codec",
    "dumps": "codec",
    "parse_store_bytes": "codec",
    "atomic_write_bytes": "files",
    "attachments_dir": "files",
    "backup_path": "files",
    "ensure_private_dir": "files",
    "lock_path": "files",
    "make_private": "files",
    "replace_atomically": "files",
    "tmp_prefix": "files",
    "write_private": "files",
    "write_shared": "files",
    "MIGRATIONS": "migrations",
    "SCHEMA_VERSION": "migrations",
    "schema_version_of": "migrations",
    "clean_stray_temp_files": "recovery",
    "read_store_file": "recovery",
    "restore_backup": "recovery",
    "stray_temp_files": "recovery",
    "shape_problem": "schema",
    "Store": "store",
    "forget_saved": "changes",
    "saved_changes": "changes",
    "STORE_FILENAME": "opening",
    "default_store_path": "opening",
    "locked": "sharing",
    "open_store": "opening",
    "tables_from_bytes": "sharing",
}

__all__ = sorted(_WHERE)


_SUBMODULES = frozenset(
    (
        "blobs",
        "changes",
        "codec",
        "files",
        "journal",
        "lock",
        "migrations",
        "opening",
        "receipt",
        "recovery",
        "schema",
        "store",
    )
)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:  # ``foi.store.files`` as an attribute, imported on first use
        return importlib.import_module(f"{__name__}.{name}")
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_WHERE))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from .blobs import content_folders, copy_attachments, copy_blobs, put_file  # noqa: F401
    from .changes import forget_saved, saved_changes  # noqa: F401
    from .codec import dump_bytes, dumps, parse_store_bytes  # noqa: F401
    from .files import (  # noqa: F401
        atomic_write_bytes,
        attachments_dir,
        backup_path,
        ensure_private_dir,
        lock_path,
        make_private,
        replace_atomically,
        tmp_prefix,
        write_private,
        write_shared,
    )
    from .migrations import MIGRATIONS, SCHEMA_VERSION, schema_version_of  # noqa: F401
    from .opening import STORE_FILENAME, default_store_path, open_store  # noqa: F401
    from .recovery import clean_stray_temp_files, read_store_file, restore_backup, stray_temp_files  # noqa: F401
    from .schema import shape_problem  # noqa: F401
    from .sharing import locked, tables_from_bytes  # noqa: F401
    from .store import Store  # noqa: F401
