"""One writer at a time: an exclusive lock on ``<store>.lock``.

``fcntl.flock`` is held for the whole command; the kernel drops it when the
process dies, so a stale lock never blocks.  Another writer waits up to the
timeout (``FOI_LOCK_TIMEOUT``, 10 s) and then fails naming the holder, whose
pid and command are written into the lock file.  Readers never need the
lock: they always see a whole file.
"""

from __future__ import annotations

import errno
import os
import sys
import time
from typing import TYPE_CHECKING

from ..errors import StoreError, StoreLocked
from .files import ensure_private_dir

if TYPE_CHECKING:
    from pathlib import Path


def lock_timeout_from_env() -> float:
    """``FOI_LOCK_TIMEOUT`` (the settings table reads and checks it)."""
    from ..settings import lock_timeout

    return lock_timeout()


class Lock:
    """An exclusive lock on ``path`` (the store's ``.lock`` file)."""

    def __init__(self, path: Path, timeout: float):
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_private_dir(self.path.parent)
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            self._acquire_portable()
            return
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._open()
            self._wait(fd, fcntl, deadline)
            if self._is_at_path(fd):
                break
            # the file was removed or replaced between our open() and the
            # flock(): the lock we hold is on a file nobody else will look at
            os.close(fd)
        self._fd = fd
        try:  # the last writer's receipt, put back if this command writes nothing
            self._kept = os.pread(fd, 200, 0)
        except OSError:
            self._kept = b""
        try:  # who holds it, for a waiting writer's message: best effort (a full disk must not stop us)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv[:3])}\n".encode("utf-8", "replace"), 0)
        except OSError:
            pass

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open the lock file {self.path}: {exc.strerror}") from None

    def _wait(self, fd: int, fcntl, deadline: float) -> None:
        delay = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(fd)
                    raise StoreError(f"cannot lock {self.path}: {exc.strerror}") from None
                if time.monotonic() >= deadline:
                    holder = self._holder(fd)
                    os.close(fd)
                    raise StoreLocked(
                        f"the store is in use by another foi process{holder}; "
                        f"waited {self.timeout:g}s for its lock {self.path}",
                        hint="try again when it has finished, or raise FOI_LOCK_TIMEOUT",
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def _is_at_path(self, fd: int) -> bool:
        try:
            st = os.stat(self.path)
        except OSError:
            return False
        mine = os.fstat(fd)
        return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)

    def check_held(self) -> None:
        """Raise unless the file we hold the lock on is still the one at the
        path (``rm *.lock`` or ``git clean -X`` while we ran would let a
        second writer in: its change and ours must not overwrite each other)."""
        if self._fd is None or self._is_at_path(self._fd):
            return
        raise StoreError(
            f"the lock file {self.path} was removed or replaced while this command ran "
            "(rm *.lock, git clean -X?), so another foi may have written the store meanwhile: "
            "nothing was changed",
            hint="run the command again",
        )

    def _acquire_portable(self) -> None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        self._portable = FileLock(str(self.path), timeout=self.timeout)
        try:
            self._portable.acquire()
        except Timeout:
            raise StoreLocked(
                f"the store is in use by another foi process; waited {self.timeout:g}s",
                hint="try again when it has finished",
            ) from None

    @staticmethod
    def _holder(fd: int) -> str:
        """`` (pid N: foi draft)`` as written by the holder, if it says."""
        text = ""
        for _ in range(5):  # the holder writes its pid just after locking
            try:
                text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
            except OSError:
                return ""
            if text:
                break
            time.sleep(0.02)
        if not text:
            return ""
        pid, _, cmd = text.partition(" ")
        cmd = " ".join(os.path.basename(cmd.split(" ")[0]).split() + cmd.split(" ")[1:]) if cmd else ""
        cmd = "".join(c if c.isprintable() else "?" for c in cmd)
        return f" (pid {pid}: {cmd})" if cmd else f" (pid {pid})"

    @property
    def kept(self) -> bytes | None:
        """What the lock file held when this lock was taken (the last
        writer's receipt, :mod:`.receipt`); ``None`` if it was not read."""
        return getattr(self, "_kept", None)

    def release(self, receipt: str | None = None, keep: bool = False) -> None:
        """Drop the lock, leaving ``receipt`` (:mod:`.receipt`) in the file,
        or with ``keep`` (the command wrote nothing) the receipt that was there."""
        if self._fd is not None:
            kept = getattr(self, "_kept", b"") if keep else b""
            payload = receipt.encode("ascii") if receipt else kept if kept.startswith(b"verified ") else b""
            try:
                os.ftruncate(self._fd, 0)
                if payload:
                    os.pwrite(self._fd, payload, 0)
            except OSError:
                pass
            os.close(self._fd)  # closing drops the flock
            self._fd = None
        portable = getattr(self, "_portable", None)
        if portable is not None:  # pragma: no cover - Windows
            portable.release()
