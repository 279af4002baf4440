"""The whole store at once, for a coalition sharing it (`foi merge`, `foi sync`).

:func:`tables_from_bytes` reads another version of the store (from git) as
tables in the current schema; :func:`locked` holds the store's lock while
git replaces its files.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .files import lock_path
from .lock import Lock, lock_timeout_from_env
from .migrations import SCHEMA_VERSION
from .opening import _migrate
from .schema import first_problem, schema_version_of


def tables_from_bytes(raw: bytes, where: str) -> dict:
    """A store's tables from its bytes (another version of it, such as
    ``git show HEAD:foi.json``), upgraded in memory to the current schema.
    ``where`` names it in errors."""
    from .codec import parse_store_bytes

    if not raw.strip():
        return {}
    try:
        data = parse_store_bytes(raw)
    except (ValueError, RecursionError) as exc:  # (JSONDecodeError, UnicodeDecodeError, duplicate keys)
        raise StoreError(f"{where} is not a readable foi store ({exc})") from None
    problem = first_problem(data, fields=True)
    if problem:
        raise StoreError(f"{where} is not a foi store ({problem})")
    version = schema_version_of(data)
    if version > SCHEMA_VERSION:
        raise StoreError(f"{where} was written by a newer foi (schema {version})", hint="upgrade foi")
    return _migrate(Path(where), data, version) if version < SCHEMA_VERSION else data


@contextmanager
def locked(path: Path, lock_timeout: float | None = None) -> Iterator[None]:
    """Hold the store's lock (no read, no write): while `foi sync` lets git
    replace the store's files, no other foi writes them."""
    lock = Lock(lock_path(Path(path)), lock_timeout_from_env() if lock_timeout is None else lock_timeout)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()
