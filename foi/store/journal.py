"""An append-only journal beside the store (``<store>.outbox``), for work
that must be durable step by step but is recorded in the store once at the
end: `foi mail send` notes "sending <Message-ID>" (fsynced) before each
letter goes to the server and the outcome after, then records the whole batch
in one store write and removes the journal.  A journal left by a crash is
replayed into the store by the next run.

One JSON object per line, 0600.  A torn last line (a crash mid-write) is
ignored: what it described had not been made durable.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import StoreError
from .files import ensure_private_dir, fsync_dir, lock_path


def journal_path(store: Path, name: str) -> Path:
    return store.with_name(f"{store.name}.{name}")


class Journal:
    """``with Journal(store_path, "outbox") as j: j.append([...], sync=True)``;
    held under its own lock, so one process uses it at a time."""

    def __init__(self, store: Path, name: str, timeout: float | None = None):
        from .lock import Lock, lock_timeout_from_env

        self.path = journal_path(store, name)
        self._lock = Lock(lock_path(self.path), lock_timeout_from_env() if timeout is None else timeout)
        self._fd: int | None = None

    def __enter__(self) -> Journal:
        self._lock.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.close()
        self._lock.release()

    def read(self) -> list[dict]:
        """The entries written so far (by this run or a crashed one)."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        out = []
        for line in raw.split(b"\n"):
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a torn line, or an empty one
            if isinstance(entry, dict):
                out.append(entry)
        return out

    def append(self, entries: list[dict], sync: bool = True) -> None:
        """Add entries; with ``sync`` they are on disk when this returns."""
        if self._fd is None:
            ensure_private_dir(self.path.parent)
            new = not self.path.exists()
            try:
                self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            except OSError as exc:
                raise StoreError(f"cannot write {self.path}: {exc.strerror}") from None
            if new:
                fsync_dir(self.path.parent)
        payload = b"".join(json.dumps(e, sort_keys=True).encode() + b"\n" for e in entries)
        try:
            os.write(self._fd, payload)
            if sync:
                os.fdatasync(self._fd) if hasattr(os, "fdatasync") else os.fsync(self._fd)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {exc.strerror}") from None

    def sync(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Once what it holds is in the store."""
        self.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            pass
        fsync_dir(self.path.parent)
