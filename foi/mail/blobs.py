"""Raw messages and their attachments as files beside the store, named by
their SHA-256 (0600, in the store's 0700 attachments folder), like the files
`foi respond --file` keeps.

A fetch writes many of them: each is written to a temporary file and renamed
into place, and :meth:`Blobs.flush` makes them all durable at once before the
store refers to them (one fsync per file costs more than the parsing of the
message).  To be replaced by the store package's blob API when it lands.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}$")


def suffix_of(name: str) -> str:
    found = _SUFFIX.search(name.lower())
    return found.group(0) if found else ""


class Blobs:
    def __init__(self, store_path: Path):
        from ..store import attachments_dir

        self.store_path = store_path
        self.folder = attachments_dir(store_path)
        self._written: list[Path] = []
        self._ready = False

    def put(self, data: bytes, name: str) -> dict:
        """Keep ``data``; returns its record (name, sha256, size, file)."""
        from ..store import ensure_private_dir, tmp_prefix

        sha = hashlib.sha256(data).hexdigest()
        target = self.folder / (sha + suffix_of(name))
        if not self._ready:
            ensure_private_dir(self.folder)
            self._ready = True
        if not target.exists():
            fd, tmp = tempfile.mkstemp(prefix=tmp_prefix(self.store_path, "attachment-"), dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
            self._written.append(target)
        return {"name": name, "sha256": sha, "size": len(data), "file": target.name}

    def flush(self) -> None:
        """Make every file written so far durable (before the store names them)."""
        from ..store.files import fsync_dir

        if not self._written:
            return
        if len(self._written) > 32:
            os.sync()  # one call instead of thousands of fsyncs
        else:
            for path in self._written:
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        fsync_dir(self.folder)
        self._written.clear()


def read_blob(store_path: Path, record: dict) -> bytes:
    from ..errors import FoiError
    from ..store import attachments_dir

    path = attachments_dir(store_path) / record["file"]
    try:
        return path.read_bytes()
    except OSError as exc:
        raise FoiError(
            f"the file {path} is missing or unreadable ({exc.strerror})", "`foi doctor` checks the store's files"
        ) from None
