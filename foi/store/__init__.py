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

from .blobs import content_folders, copy_blobs, put_file
from .codec import dump_bytes, dumps, parse_store_bytes
from .files import (
    atomic_write_bytes,
    attachments_dir,
    backup_path,
    ensure_private_dir,
    lock_path,
    make_private,
    replace_atomically,
    tmp_prefix,
    write_private,
)
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .recovery import (
    clean_stray_temp_files,
    read_store_file,
    restore_backup,
    stray_temp_files,
)
from .schema import schema_version_of, shape_problem
from .sharing import locked, tables_from_bytes
from .store import (
    STORE_FILENAME,
    Store,
    default_store_path,
    forget_saved,
    open_store,
    saved_changes,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STORE_FILENAME",
    "Store",
    "atomic_write_bytes",
    "attachments_dir",
    "backup_path",
    "clean_stray_temp_files",
    "content_folders",
    "copy_blobs",
    "default_store_path",
    "dump_bytes",
    "dumps",
    "ensure_private_dir",
    "forget_saved",
    "lock_path",
    "locked",
    "make_private",
    "open_store",
    "parse_store_bytes",
    "put_file",
    "read_store_file",
    "replace_atomically",
    "restore_backup",
    "saved_changes",
    "schema_version_of",
    "shape_problem",
    "stray_temp_files",
    "tables_from_bytes",
    "tmp_prefix",
    "write_private",
]
