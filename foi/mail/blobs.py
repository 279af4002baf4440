"""The files a fetch keeps beside the store, through the store package:
each raw message as ``messages/<sha256>.eml`` (an event's or an inbox
entry's ``raw_sha256``) and each attachment in ``attachments/`` named by its
SHA-256, as `foi respond --file` keeps files (0600, in 0700 folders).

A fetch writes thousands: they are queued, then :meth:`Blobs.flush` writes
them all and makes them durable together (the store's ``put_attachments``: no
file has its final name before its bytes are on disk), before the one store
write that refers to them.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}$")


def suffix_of(name: str) -> str:
    found = _SUFFIX.search(name.lower())
    return found.group(0) if found else ""


class Blobs:
    def __init__(self, store_path: Path):
        self.store_path = store_path
        self._raw: dict[str, bytes] = {}
        self._files: dict[Path, bytes] = {}

    def put_raw(self, data: bytes) -> str:
        """Queue a raw message; returns its SHA-256 (``raw_sha256``)."""
        sha = hashlib.sha256(data).hexdigest()
        self._raw.setdefault(sha, data)
        return sha

    def put(self, data: bytes, name: str) -> dict:
        """Queue an attachment; returns its record (name, sha256, size, file)."""
        from ..store import attachments_dir

        sha = hashlib.sha256(data).hexdigest()
        target = attachments_dir(self.store_path) / (sha + suffix_of(name))
        if not target.exists():
            self._files.setdefault(target, data)
        return {"name": name, "sha256": sha, "size": len(data), "file": target.name}

    def flush(self) -> None:
        """Write everything queued, durably (before the store names it)."""
        from ..store.blobs import put_attachments, put_blobs

        if self._raw:
            put_blobs(self.store_path, [(data, "raw") for data in self._raw.values()])
            self._raw.clear()
        if self._files:
            put_attachments(self.store_path, self._files)
            self._files.clear()


def read_raw(store_path: Path, sha: str) -> bytes:
    """A raw message kept by a fetch, checked against its hash."""
    from ..store.blobs import get_blob

    return get_blob(store_path, sha, "raw", "the message file")
