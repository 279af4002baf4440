"""Files beside the store, named by the SHA-256 of their content.

Attachments (``attachments/<sha256><.ext>``) are copied here by
:func:`put_file`.  A file is written atomically (:func:`.files.replace_atomically`,
mode 0600 from its first byte, in a 0700 folder) *before* the store refers to
it, so a crash leaves at worst a file nobody refers to (`foi doctor` lists
those); and a file of a given name never changes, so two commands, or two
stores sharing a folder, can only ever write the same bytes to it.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from ..errors import FoiError
from .files import attachments_dir, ensure_private_dir, replace_atomically, tmp_prefix

ATTACHMENT = "attachment-"


def sha256_of_file(source: Path) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def put_file(store: Path, source: Path) -> dict:
    """Copy ``source`` into the store's attachments folder; returns its
    record for the event: ``{"name", "sha256", "size", "file"}``."""
    sha = sha256_of_file(source)
    folder = attachments_dir(store)
    ensure_private_dir(folder)
    target = folder / (sha + "".join(source.suffixes[-1:]).lower())
    if not target.exists():
        try:
            with source.open("rb") as src:
                replace_atomically(
                    target, lambda out: shutil.copyfileobj(src, out, 1 << 20), prefix=tmp_prefix(store, ATTACHMENT)
                )
        except OSError as exc:
            raise FoiError(
                f"could not copy {source} into {target.parent}: {exc.strerror}; nothing was changed"
            ) from None
    return {"name": source.name, "sha256": sha, "size": source.stat().st_size, "file": target.name}


def attachment_files(store: Path) -> list[Path]:
    """The files in the store's attachments folder (not temporary copies)."""
    folder = attachments_dir(store)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))
