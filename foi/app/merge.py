"""`foi merge`: merge two versions of a store that started from a third.

Reads the three files through the store package (each upgraded in memory to
the current schema), merges them with :mod:`foi.domain.merge` and writes the
result over OURS, atomically, under its lock (or, as git's merge driver, over
git's private temporary file with no lock or backup beside it).  Files the
merged store refers to (attachments) that sit beside THEIRS but not beside
OURS are copied across, verified by their SHA-256.

Nothing is written unless all three files read: a side that cannot be read
is an error, so git reports a conflict and leaves every file as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.merge import MergeResult, merge_stores
from ..errors import StoreError


@dataclass
class MergeReport:
    result: MergeResult
    copied: list[str] = field(default_factory=list)
    requests: int = 0


def read_side(path: Path, may_be_empty: bool = False) -> dict:
    """The tables of the store at ``path``, in the current schema.  A missing
    or empty file is an empty store only where ``may_be_empty`` (git's base
    when the two sides share no ancestor)."""
    from ..store import open_store

    if may_be_empty:
        try:
            if path.stat().st_size == 0:
                return {}
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    elif not path.exists():
        raise StoreError(f"no such store: {path}", hint="give the paths of three foi.json files")
    with open_store(path) as store:
        return store.tables()


def merge_files(base: Path, ours: Path, theirs: Path, driver: bool = False) -> MergeReport:
    """Merge THEIRS into OURS (the result replaces OURS, or is a new store
    there), from BASE (an empty or missing file: no common version)."""
    from ..store import copy_attachments, copy_blobs, open_store

    with _no_gc():  # three whole stores in memory: no collector passes over them (no cycles are made)
        base_data = read_side(base, may_be_empty=True)
        theirs_data = read_side(theirs)
        if driver and not ours.exists():
            raise StoreError(f"no such store: {ours}")
        with open_store(ours, write=True, scratch=driver) as store:
            result = merge_stores(base_data, store.tables(), theirs_data)
            copied = (
                [] if driver else copy_attachments(result.data, theirs, ours) + copy_blobs(result.data, theirs, ours)
            )
            store.replace_tables(result.data)
    return MergeReport(result, copied, len(result.data.get("requests") or {}))


@contextmanager
def _no_gc() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
