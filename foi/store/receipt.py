"""The writer's receipt: "these exact bytes passed every check".

Checking a store on read (that no key is written twice, every field's
type: :mod:`.codec`, :mod:`.schema`) is a large part of a read command's
time on a big store (``bench/RESULTS.md``: ``read_store_file`` with and
without a receipt).  A store foi wrote has already passed those checks: the
writer checks the data before writing it, and writes bytes that orjson
reads back exactly.  So the writer leaves a receipt in the lock file
(``<store>.lock``, which holds the holder's pid while a command runs and is
ignored by git), and a reader whose bytes match it skips the checks:

    verified <crc32 of the bytes> <their length> <checks id>

The receipt is bound to the content, not to a time or an inode: a file
edited by hand, restored, merged or copied in from elsewhere has other
bytes and is checked in full (and so is every store after ``rm *.lock``);
a reader that has checked such bytes in full leaves a receipt for them
itself, when the lock is free (:func:`record`), so only the first read
after the change pays for the checks.
The checks id changes whenever the checking code or the vocabulary it uses
changes, so a newer foi never trusts an older one's receipt.  CRC-32 is
there to catch accidents (any change of up to 32 bits in a row, and all but
one in four billion others); whoever can write the lock file can write the
store itself.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from typing import TYPE_CHECKING

from .files import lock_path

if TYPE_CHECKING:
    from pathlib import Path

_TAG = "verified"


#: The code that decides what a reader accepts (relative to the foi package).
_CHECKING_CODE = (
    "store/codec.py",
    "store/schema.py",
    "store/migrations.py",
    "vocab.py",
    "ids.py",
    "domain/findings.py",
)


@lru_cache(maxsize=1)
def checks_id() -> str:
    """A checksum of the code that decides what a reader accepts (read as
    files, not imported: a read that trusts a receipt imports none of it)."""
    import os

    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    crc = 0
    for name in _CHECKING_CODE:
        try:
            with open(os.path.join(package, name), "rb") as fh:
                crc = zlib.crc32(fh.read(), crc)
        except OSError:  # pragma: no cover - no source (a frozen build): never trust a receipt
            return "none"
    return f"{crc:08x}"


def make(payload: bytes) -> str:
    """The receipt line for ``payload`` (checked bytes about to be written)."""
    return f"{_TAG} {zlib.crc32(payload):08x} {len(payload)} {checks_id()}\n"


def record(path: Path, raw: bytes) -> None:
    """Leave a receipt for ``raw``, bytes a reader has just checked in full
    (after a newer foi, a restore or a hand edit), so that the next read is
    fast again.  Best effort and never waiting: only if the store's lock is
    free this instant (a writer's own receipt is never overwritten), and
    nothing at all if the lock file cannot be written."""
    import os

    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no receipt
        return
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        st, mine = os.stat(lock_path(path)), os.fstat(fd)
        if (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino) and os.stat(path).st_size == len(raw):
            os.ftruncate(fd, 0)
            os.pwrite(fd, make(raw).encode("ascii"), 0)
    except OSError:  # busy (a writer will leave its own receipt), gone, read-only: no receipt
        pass
    finally:
        os.close(fd)


def matches(path: Path, raw: bytes, held: bytes | None = None) -> bool:
    """Whether the lock file beside ``path`` holds a receipt for ``raw``;
    ``held``: what the lock file held when this writer took the lock (its
    own pid has replaced it since; the store cannot change while it holds it)."""
    if held is not None:
        line = held[:100]
    else:
        try:
            with open(lock_path(path), "rb") as fh:
                line = fh.read(100)
        except OSError:
            return False
    parts = line.decode("ascii", "replace").split()
    if len(parts) != 4 or parts[0] != _TAG or parts[2] != str(len(raw)):
        return False
    return parts[3] == checks_id() and parts[1] == f"{zlib.crc32(raw):08x}"
