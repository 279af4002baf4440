"""A large store file read through a read-only mapping (:func:`map_large_file`).

Reading 20 MB into a fresh buffer costs a page fault per 4 KiB of the new
allocation, about a tenth of a read command on 10,000 requests
(bench/RESULTS.md); a mapping shares the page cache's pages instead.  Used
only for the bytes the writer's receipt vouches for (:mod:`.receipt`), which
are then parsed straight from the mapping; anything else is read into
memory and checked in full, as before.

foi never writes into a store in place (it replaces the file), so a mapping
sees one version.  Another program writing into it in place while it is
parsed changes its size or times, and what was parsed is dropped
(:meth:`Mapped.unchanged`); one cutting it short in place at that very moment
would end the read with SIGBUS, leaving the store as that program left it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class Mapped:
    """A large store file mapped read-only (:func:`map_large_file`): its
    pages are the page cache's own, not copied into a fresh buffer (which
    costs a page fault per 4 KiB of a new allocation)."""

    def __init__(self, fd: int, st: os.stat_result, mapping) -> None:
        self._fd, self._st, self._map = fd, st, mapping
        self.view = memoryview(mapping)

    def unchanged(self) -> bool:
        """Whether the file is as it was when mapped.  foi replaces a store,
        never writes into it, so a mapping sees one version; another program
        writing into the file in place changes its size or time, and what was
        parsed from the mapping is then not used."""
        st = os.fstat(self._fd)
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns) == (
            self._st.st_size,
            self._st.st_mtime_ns,
            self._st.st_ctime_ns,
        )

    def close(self) -> None:
        self.view.release()
        self._map.close()
        os.close(self._fd)


def map_large_file(path: Path, at_least: int) -> Mapped | None:
    """A regular file of at least ``at_least`` bytes, mapped read-only; ``None``
    for anything else (a smaller file, a missing one, not a regular file, no
    ``mmap``): the caller then reads it with :func:`read_regular_file`."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if stat.S_ISREG(st.st_mode) and st.st_size >= max(at_least, 1):
            import mmap  # (not for a small store)

            flags = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)  # (all pages mapped at once)
            return Mapped(fd, st, mmap.mmap(fd, st.st_size, flags=flags, prot=mmap.PROT_READ))
    except (ImportError, OSError, TypeError, ValueError, OverflowError):  # (TypeError: no flags=, Windows)
        pass
    os.close(fd)
    return None
