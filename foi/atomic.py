"""Replacing a file atomically: the one primitive behind exports and
attachments (the store adds its backup step in :mod:`foi.store`)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def replace_atomically(path: Path, fill: Callable[[BinaryIO], None], prefix: str, mode: int | None = None) -> None:
    """Give ``path`` new content written by ``fill(fh)``: into a temporary
    file in the same folder (created 0600 by mkstemp), flushed and fsynced,
    ``chmod``-ed to ``mode`` if given, then ``os.replace``-d into place.

    A reader sees the old file or the new one, never half of it.  On any
    failure the temporary file is removed, ``path`` is left as it was, and
    the ``OSError`` is raised for the caller to word."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        raise
