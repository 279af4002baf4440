"""Files beside the store: their names, private folders, and the one
atomic-replace primitive every file foi writes goes through.

:func:`replace_atomically` writes new content into a temporary file in the
target's folder (named with :data:`TMP_PREFIX` and the store's name, mode
0600 from its first byte), flushes and fsyncs it, optionally keeps the old
file as ``<target>.bak`` (a hard link, or a copy where links are not
supported), calls a last-moment ``check`` (the store's lock is still ours),
``os.replace``-s it into place and fsyncs the folder.  A reader sees the old
file or the new one, never half of each.  On any failure the temporary file
is removed, the target is left as it was, and the ``OSError`` is raised for
the caller to word (:func:`write_failure`).

:data:`hook` lets the crash tests stop a writer at an exact step; it is
``None`` in normal use.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from ..errors import FoiError, StoreError

if TYPE_CHECKING:
    from pathlib import Path

#: Every temporary file foi writes starts with this, then the store's file
#: name (``.foi-tmp-foi.json-...``), so two stores sharing a folder never
#: remove each other's temporary files.
TMP_PREFIX = ".foi-tmp-"

#: Called as ``hook(step, target)`` at each step of :func:`replace_atomically`
#: (``"written"``: the temporary file is complete and synced; ``"backup"``:
#: about to keep the ``.bak``; ``"replace"``: about to rename into place;
#: ``"replaced"``: renamed, the folder not yet synced).  For crash tests only.
hook: Callable[[str, Path], None] | None = None


def tmp_prefix(store: Path, what: str = "") -> str:
    """Prefix of the temporary files belonging to the store at ``store``
    (``what`` tells its kinds apart: ``attachment-``, ``export-``...)."""
    return f"{TMP_PREFIX}{os.path.basename(store)}-{what}"


def real_path(path: Path) -> Path:
    """The store's own file: a store that is a symlink (say, into a git
    repository) is written through to its target, and its backup, lock and
    attachments live beside the target."""
    if os.path.islink(path):
        return path.__class__(os.path.realpath(path))
    return path


def as_path(path: Path | str) -> Path:
    """A ``Path`` of ``path`` (given as text where a read command must not import pathlib)."""
    if isinstance(path, str):
        from pathlib import Path

        return Path(path)
    return path


def beside(path: Path, name: str) -> Path:
    """The file ``name`` in ``path``'s folder, of ``path``'s type (a ``Path``
    for a ``Path``; text for text: a read command need not import pathlib)."""
    return path.__class__(os.path.join(os.path.dirname(path), name))


def backup_path(path: Path) -> Path:
    path = real_path(path)
    return beside(path, os.path.basename(path) + ".bak")


def lock_path(path: Path) -> Path:
    path = real_path(path)
    return beside(path, os.path.basename(path) + ".lock")


def attachments_dir(path: Path) -> Path:
    return beside(real_path(path), "attachments")


def read_regular_file(path: Path) -> bytes:
    """The bytes of ``path``, refusing anything but a regular file (a FIFO
    or ``/dev/zero`` given as ``--store`` would hang or fill the memory).

    Raises ``OSError`` (``FileNotFoundError`` if missing, ``IsADirectoryError``
    for a folder, and ``EINVAL`` with "not a regular file" otherwise)."""
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        chunks = []
        while True:
            chunk = os.read(fd, max(st.st_size + 1, 1 << 16) if not chunks else 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_regular_or_missing(path: Path) -> None:
    """Raise ``OSError`` if ``path`` exists and is not a regular file."""
    import stat

    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file", str(path))


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - not possible on some platforms
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def ensure_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by its owner only (0700);
    a one-line :class:`foi.errors.StoreError` if that cannot be done."""
    try:
        make_private_dirs(folder)
    except (FileExistsError, NotADirectoryError) as exc:
        raise StoreError(f"cannot create the folder {exc.filename}: a file of that name is in the way") from None
    except OSError as exc:
        raise StoreError(f"cannot create the folder {exc.filename or folder}: {exc.strerror or exc}") from None


def make_private_dirs(folder: Path) -> None:
    """Create ``folder`` (and parents) 0700; raises ``OSError``."""
    if folder.is_dir():
        return
    missing = []
    for p in (folder, *folder.parents):  # every folder foi creates is private, not just the last
        if p.is_dir():
            break
        missing.append(p)
    for p in reversed(missing):
        try:
            p.mkdir(mode=0o700)
        except FileExistsError:
            if p.is_dir():  # another foi created it at the same moment
                continue
            if p != folder:  # a file where a parent folder should be
                raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(p)) from None
            raise
        try:
            os.chmod(p, 0o700)  # whatever the umask
        except OSError:  # pragma: no cover
            pass


def _step(name: str, target: Path) -> None:
    if hook is not None:
        hook(name, target)


def write_all(fd: int, payload: bytes) -> None:
    """``os.write`` until every byte is written (a write may be short)."""
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # pragma: no cover - defensive
            raise OSError(errno.EIO, "short write")
        view = view[written:]


def replace_atomically(
    path: Path,
    content: bytes | Callable[[BinaryIO], None],
    prefix: str,
    mode: int = 0o600,
    keep_backup: bool = False,
    check: Callable[[], None] | None = None,
) -> None:
    """Give ``path`` new ``content`` (bytes, or a function writing to a
    binary file) atomically; see the module's docstring.  ``prefix`` names
    the temporary file (:func:`tmp_prefix`); ``check()`` runs just before the
    rename and may raise to abort it."""
    replace_files([(path, content)], prefix, mode, keep_backup, check)


def replace_files(
    items: list[tuple[Path, bytes | Callable[[BinaryIO], None]]],
    prefix: str,
    mode: int = 0o600,
    keep_backup: bool = False,
    check: Callable[[], None] | None = None,
) -> None:
    """:func:`replace_atomically` for several files at once (the letters of
    a 250-letter draft): every temporary file is written, then all are made
    durable together, then each is renamed into place.  A file therefore
    never has its final name before all of its bytes are on disk.  One file
    is synced with ``fsync``; several with one ``syncfs`` of their file
    system where there is one (far quicker than an fsync each for a big
    draft: ``bench/RESULTS.md``), else one fsync each."""
    import tempfile

    temps: list[tuple[Path, str]] = []
    try:
        for path, content in items:
            fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
            temps.append((path, tmp))
            try:
                if callable(content):
                    with os.fdopen(os.dup(fd), "wb") as fh:
                        content(fh)
                else:
                    write_all(fd, content)
                if len(items) == 1:
                    os.fsync(fd)
            finally:
                os.close(fd)
            if mode != 0o600:
                os.chmod(tmp, mode)
        if len(items) > 1:
            _sync_all([tmp for _, tmp in temps])
        for path, tmp in temps:
            _step("written", path)
            if keep_backup and os.path.lexists(path):
                _step("backup", path)
                keep_backup_of(path)
            if check is not None:
                check()
            _step("replace", path)
            os.replace(tmp, path)
            _step("replaced", path)
    except BaseException:
        for _, tmp in temps:
            unlink_quietly(tmp)
        raise
    for folder in dict.fromkeys(path.parent for path, _ in items):
        fsync_dir(folder)


def _sync_all(paths: list[str]) -> None:
    """Make the content of ``paths`` durable: one syncfs (Linux), or fsync each."""
    syncfs = _syncfs()
    if syncfs is not None and paths:
        fd = os.open(paths[0], os.O_RDONLY)
        try:
            if syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_SYNCFS: list = []


def _syncfs():
    """libc's ``syncfs``, or ``None`` where there is none."""
    if not _SYNCFS:
        fn = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = ctypes.CDLL(None, use_errno=True).syncfs
                fn.argtypes = [ctypes.c_int]
            except (OSError, AttributeError):
                fn = None
        _SYNCFS.append(fn)
    return _SYNCFS[0]


def unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def keep_backup_of(path: Path) -> None:
    """Make ``<path>.bak`` a copy of the current file, atomically."""
    bak = backup_path(path)
    try:
        if os.path.samefile(path, bak):
            # already a link to this very file (a writer died between making
            # the backup and replacing the store): nothing to do, and rename()
            # between two links of one file would silently do nothing
            return
    except OSError:
        pass
    tmp_link = path.with_name(f"{tmp_prefix(path)}{os.getpid()}.bak.tmp")
    unlink_quietly(tmp_link)
    try:
        try:
            os.link(path, tmp_link)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise
            # No hard links here (some network or FAT file systems): copy.
            import shutil

            shutil.copy2(path, tmp_link)
            os.chmod(tmp_link, 0o600)
        os.replace(tmp_link, bak)
    except OSError:
        unlink_quietly(tmp_link)
        raise
    if os.path.lexists(tmp_link):  # rename() was a no-op (same file): drop the extra link
        unlink_quietly(tmp_link)


def write_failure(path: Path, exc: OSError, what: str = "the store") -> str:
    """One line saying why writing ``path`` failed and that nothing changed."""
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full (or your quota is used up)"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = f"permission denied in {path.parent} ({exc.strerror or 'not allowed'})"
    return f"could not write {what} {path}: {reason}; nothing was changed"


def recovery_advice(path: Path) -> str:
    """What is left to the user when the store at ``path`` cannot be used."""
    bak = backup_path(path)
    if os.path.exists(bak):
        return f"it was left unchanged; the previous version is in {bak}"
    return f"it was left unchanged; there is no backup ({os.path.basename(bak)}) beside it"


def atomic_write_bytes(
    path: Path, payload: bytes, keep_backup: bool = True, check: Callable[[], None] | None = None
) -> None:
    """:func:`replace_atomically` for the store's own files, with failures
    worded as one-line :class:`foi.errors.StoreError`; with ``keep_backup``
    the file being replaced is kept as ``<path>.bak``."""
    ensure_private_dir(path.parent)
    try:
        replace_atomically(path, payload, tmp_prefix(path), keep_backup=keep_backup, check=check)
    except OSError as exc:
        raise StoreError(write_failure(path, exc)) from None


def make_private(path: Path, folder: bool = False) -> list[Path]:
    """Take back to 0600 (files) and 0700 (folders) the store at ``path`` and
    the files beside it that git (or a copy) created readable by others: the
    store, its attachments folder and whatever is in it (and with ``folder``
    the store's own folder, such as a git clone).  Returns what changed."""
    if os.name != "posix":  # pragma: no cover
        return []
    changed = []
    files = [path, backup_path(path)]
    folders = [attachments_dir(path)] + [real_path(path).with_name(sub) for sub in ("letters", "messages")]
    for sub in folders:  # (what is in them; not the other files of the clone)
        if sub.is_dir():
            files.extend(p for p in sub.iterdir() if p.is_file() and not p.is_symlink())
    folders += [path.parent] if folder else []
    for p, wanted in [*((f, 0o600) for f in files), *((d, 0o700) for d in folders)]:
        try:
            mode = p.lstat().st_mode & 0o777
        except OSError:
            continue
        if mode & 0o077:
            os.chmod(p, wanted)
            changed.append(p)
    return changed


def write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read (0600), atomically, making its
    folder (0700) if needed: letters written with ``--out`` carry names,
    addresses and health details.  A one-line :class:`StoreError` on failure."""
    ensure_private_dir(path.parent)
    try:
        replace_atomically(path, data, prefix=f".{path.name}.")
    except OSError as exc:
        raise StoreError(write_failure(path, exc, "the file")) from None


def write_shared(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write a file meant to be shared (an export, a ``.gitignore``) via a
    temporary file and ``os.replace``: a reader (or a web server publishing
    the file) never sees half of it, and a failed write leaves the old file
    as it was.

    Not :func:`atomic_write_bytes` or :func:`write_private`: those make the
    file private (0600) and report errors as store errors.  This file gets
    ``mode``, else the usual permissions (those of the file it replaces, else
    0666 less the umask); its folder must exist.  A one-line
    :class:`foi.errors.FoiError` on failure."""
    folder = path.parent
    if not folder.is_dir():
        raise FoiError(f"cannot write {path}: the folder {folder} does not exist", "create it first")
    if path.is_dir():
        raise FoiError(f"cannot write {path}: it is a folder", "give a file name with -o")
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
    try:
        replace_atomically(path, lambda fh: fh.write(data), prefix=f".{path.name}.", mode=mode)
    except OSError as exc:
        raise FoiError(f"could not write {path}: {exc.strerror or exc}; nothing was written") from None
