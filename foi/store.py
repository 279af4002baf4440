"""The store: one JSON file, read and written through tinydb.

This is the only module that imports tinydb.  Guarantees:

* **Atomic writes.**  Nothing is written until :meth:`Store.commit`, which
  serialises the whole database once, writes it to a temporary file in the
  same folder (mode 0600), flushes and fsyncs it, keeps the previous file as
  ``<store>.bak`` (a hard link, so the store itself never disappears),
  ``os.replace``-s the new file into place and fsyncs the folder.  A crash at
  any moment leaves either the old or the new store, never a mix.
* **One writer at a time.**  A command that writes holds an exclusive lock on
  ``<store>.lock`` for the whole command (``fcntl.flock``: the kernel drops it
  when the process dies, so a stale lock never blocks).  Another writer waits
  up to ``lock_timeout`` seconds and then fails naming the process holding it.
  Readers never need the lock: they always see a whole file.
* **Never silently emptied.**  A store that cannot be parsed, has the wrong
  shape, or comes from a newer foi is an error naming the file and its
  ``.bak``; it is never treated as empty or overwritten.
* **Deterministic JSON** (indent 2, sorted keys, UTF-8, trailing newline) so a
  coalition can keep the store in git.
* **Private.**  The folder is created 0700 and the file 0600.
* **Stable ids.**  Requests get short integer ids from a counter kept in the
  ``meta`` table; ids are never reused, even after a request is deleted.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from .errors import NotFound, StoreError, StoreLocked

#: Version of the layout written by this foi.  Bump it and add a migration
#: to :data:`MIGRATIONS` whenever the layout changes.
SCHEMA_VERSION = 1

STORE_FILENAME = "foi.json"
TABLES = ("meta", "requests", "authorities", "config")
_TMP_PREFIX = ".foi-tmp-"


def _tmp_prefix(path: Path) -> str:
    """Prefix of the temporary files of the store at ``path``.

    It names the store, so that two stores sharing a folder never remove
    each other's temporary files."""
    return f"{_TMP_PREFIX}{path.name}-"


def _migrate_0_to_1(data: dict) -> dict:
    """Version 0 (foi before 0.1 had a schema): requests in ``_default`` with
    their id as a field and no meta table.  Move them to ``requests`` keyed
    by their own id and start the id counter after the largest one."""
    old = data.pop("_default", {}) or {}
    requests = dict(data.get("requests") or {})
    for key, doc in old.items():
        try:
            rid = int(str(doc.get("id", key)).lstrip("#"))
        except ValueError:
            raise StoreError(f"request {key!r} has an id that is not a number: {doc.get('id')!r}") from None
        doc = dict(doc)
        doc["id"] = rid
        if str(rid) in requests and requests[str(rid)] != doc:
            raise StoreError(f"two requests have the id {rid}")
        requests[str(rid)] = doc
    data["requests"] = requests
    biggest = max((int(k) for k in requests), default=0)
    data["meta"] = {"1": {"schema_version": 1, "next_id": biggest + 1}}
    return data


#: ``MIGRATIONS[n]`` upgrades a store of schema version ``n`` to ``n + 1``.
MIGRATIONS = {0: _migrate_0_to_1}


try:  # orjson: the same bytes as the json module below, 5-10x faster (see dump_bytes)
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency; stay correct without it
    _orjson = None


def dump_bytes(data: Any) -> bytes:
    """The store's canonical serialisation, as UTF-8 bytes: indent 2, sorted
    keys, non-ASCII kept, trailing newline.

    ``json.dumps`` with ``indent`` cannot use its C encoder, which made a
    write into a store of 10,000 requests spend most of its time here;
    orjson writes byte-identical output (checked by the tests) far faster.
    Anything orjson refuses (a lone surrogate, an integer beyond 64 bits)
    goes through the json module, which gives the precise error."""
    if _orjson is not None:
        try:
            return _orjson.dumps(data, option=_orjson.OPT_INDENT_2 | _orjson.OPT_SORT_KEYS | _orjson.OPT_APPEND_NEWLINE)
        except TypeError:
            pass
    return dumps(data).encode("utf-8")


def dumps(data: Any) -> str:
    """The store's canonical serialisation (the reference the fast path must match)."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def default_store_path() -> Path:
    env = os.environ.get("FOI_STORE")
    if env:
        return Path(env).expanduser()
    from click import get_app_dir  # click is always installed with foi

    return Path(get_app_dir("foi")) / STORE_FILENAME


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def attachments_dir(path: Path) -> Path:
    return path.with_name("attachments")


def _fsync_dir(folder: Path) -> None:
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
    """Create ``folder`` (and parents) readable by its owner only."""
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
            raise StoreError(f"cannot create the folder {p}: a file of that name is in the way") from None
        except OSError as exc:
            raise StoreError(f"cannot create the folder {p}: {exc.strerror or exc}") from None
        try:
            os.chmod(p, 0o700)  # whatever the umask
        except OSError:  # pragma: no cover
            pass


def atomic_write_bytes(path: Path, payload: bytes, keep_backup: bool = True) -> None:
    """Write ``payload`` to ``path`` atomically (temp file, fsync, replace).

    With ``keep_backup`` the file being replaced is kept as ``<path>.bak``.
    On any failure the previous file is left byte-for-byte as it was and the
    temporary file is removed."""
    folder = path.parent
    ensure_private_dir(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(path), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise StoreError(_write_failure(path, exc)) from None
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                if written <= 0:  # pragma: no cover - defensive
                    raise OSError(errno.EIO, "short write")
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, 0o600)
        if keep_backup and path.exists():
            _keep_backup(path)
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(Path(tmp))
        raise StoreError(_write_failure(path, exc)) from None
    _fsync_dir(folder)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _keep_backup(path: Path) -> None:
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
    tmp_link = path.with_name(f"{_tmp_prefix(path)}{os.getpid()}.bak.tmp")
    _unlink_quietly(tmp_link)
    try:
        try:
            os.link(path, tmp_link)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
                raise
            # No hard links here (some network or FAT file systems): copy.
            shutil.copy2(path, tmp_link)
            os.chmod(tmp_link, 0o600)
        os.replace(tmp_link, bak)
    except OSError:
        _unlink_quietly(tmp_link)
        raise
    if os.path.lexists(tmp_link):  # rename() was a no-op (same file): drop the extra link
        _unlink_quietly(tmp_link)


def _write_failure(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full (or your quota is used up)"
    elif exc.errno == errno.EROFS:
        reason = "the file system is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = f"permission denied in {path.parent} ({exc.strerror or 'not allowed'})"
    return f"could not write the store {path}: {reason}; nothing was changed"


class _Lock:
    """An exclusive lock on ``<store>.lock`` held for a whole command."""

    def __init__(self, path: Path, timeout: float):
        self.path = path
        self.timeout = timeout
        self._fd: int | None = None

    def acquire(self) -> None:
        ensure_private_dir(self.path.parent)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot open the lock file {self.path}: {exc.strerror}") from None
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            self._acquire_portable(fd)
            return
        deadline = time.monotonic() + self.timeout
        delay = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
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
        self._fd = fd
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {' '.join(sys.argv[:3])}\n".encode(), 0)

    def _acquire_portable(self, fd: int) -> None:  # pragma: no cover - Windows
        os.close(fd)
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
        cmd = " ".join(Path(cmd.split(" ")[0]).name.split() + cmd.split(" ")[1:]) if cmd else ""
        cmd = "".join(c if c.isprintable() else "?" for c in cmd)
        return f" (pid {pid}: {cmd})" if cmd else f" (pid {pid})"

    def release(self) -> None:
        if self._fd is not None:
            try:
                os.ftruncate(self._fd, 0)
            except OSError:
                pass
            os.close(self._fd)  # closing drops the flock
            self._fd = None
        portable = getattr(self, "_portable", None)
        if portable is not None:  # pragma: no cover - Windows
            portable.release()


class _BufferedStorage(Storage):
    """tinydb storage that keeps the database in memory; :class:`Store`
    decides when (and whether) it reaches the disk."""

    def __init__(self, data: dict | None):
        self.data = data
        self.dirty = False

    def read(self) -> dict | None:
        return self.data

    def write(self, data: dict) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        pass


class _DuplicateKey(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook`` refusing an object with the same key twice: the
    json module would silently keep only the last one (a bad git merge of
    two stores that both added request 5 would lose one of them)."""
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse_store_bytes(raw: bytes, check_duplicates: bool = True) -> Any:
    """Parse a store's bytes (UTF-8, BOM allowed), refusing duplicate keys.

    Raises ``UnicodeDecodeError``, ``json.JSONDecodeError`` or ``ValueError``
    (duplicate key).

    Fast path: orjson, then a check that the file holds exactly as many
    entries as were parsed.  In the canonical layout every entry of a table
    (a request, an authority...) starts a line indented by four spaces, so
    counting those lines finds an entry that appears twice (json keeps only
    the last one, silently).  A file in any other layout, or one that fails
    to parse, goes through the json module with a duplicate-refusing hook,
    which is exact and gives precise errors."""
    if _orjson is not None:
        body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
        try:
            data = _orjson.loads(body)
        except ValueError:
            data = None
        if isinstance(data, dict) and (not check_duplicates or _entry_lines(body) == _entry_count(data)):
            return data
    return json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicate_keys)


def _entry_lines(body: bytes) -> int:
    return body.count(b'\n    "')


def _entry_count(data: dict) -> int:
    return sum(len(t) for t in data.values() if isinstance(t, dict))


def _recovery_advice(path: Path) -> str:
    bak = backup_path(path)
    if bak.exists():
        return f"it was left unchanged; the previous version is in {bak}"
    return f"it was left unchanged; there is no backup ({bak.name}) beside it"


def read_store_file(path: Path, check_duplicates: bool = True) -> dict | None:
    """Parse the store file; ``None`` if it does not exist yet.

    ``check_duplicates=False`` skips the scan for an entry written twice
    (a bad merge): read-only commands skip it, every command that writes
    (and `foi doctor`) makes it, so such a file is never written back."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise StoreError(f"the store {path} is a folder, not a file") from None
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
    advice = _recovery_advice(path)
    doctor = "`foi doctor` checks it, `foi doctor --restore-backup` restores the backup"
    if not raw or raw.isspace():  # (no copy of a large file)
        raise StoreError(f"the store {path} is empty (truncated?): {advice}", hint=doctor)
    try:
        data = parse_store_bytes(raw, check_duplicates)
    except UnicodeDecodeError:
        raise StoreError(f"the store {path} is not UTF-8 text: {advice}", hint=doctor) from None
    except json.JSONDecodeError as exc:
        what = "is truncated" if exc.pos >= len(raw.rstrip()) else "is not valid JSON"
        raise StoreError(
            f"the store {path} {what} (line {exc.lineno}, column {exc.colno}): {advice}",
            hint=doctor,
        ) from None
    except _DuplicateKey as exc:
        raise StoreError(
            f"the store {path} has the key {exc.args[0]!r} twice in one object (a bad merge?): {advice}",
            hint="keep one of the two by hand, or restore the backup with `foi doctor --restore-backup`",
        ) from None
    except (ValueError, RecursionError) as exc:
        raise StoreError(f"the store {path} cannot be read ({exc}): {advice}", hint=doctor) from None
    problem = shape_problem(data)
    if problem:
        raise StoreError(
            f"the store {path} is not a foi store ({problem}): {advice}",
            hint="check --store / FOI_STORE points at the right file; " + doctor,
        )
    return data


_JSON_TYPES = {
    dict: "object",
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "true/false",
    type(None): "null",
}


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def shape_problem(data: Any) -> str | None:
    """Describe what is wrong with the shape of a parsed store, or ``None``.

    Runs on every read, so the request table (the big one) is checked in a
    single tight loop."""
    if not isinstance(data, dict):
        return f"the top level is a JSON {_json_type(data)}, not an object"
    for name, table in data.items():
        if not isinstance(table, dict):
            return f"table {name!r} is a JSON {_json_type(table)}, not an object"
        is_requests = name == "requests"
        for key, doc in table.items():
            if type(doc) is not dict:
                return f"entry {key!r} of table {name!r} is a JSON {_json_type(doc)}, not an object"
            if is_requests:
                rid = doc.get("id")
                if type(rid) is int and str(rid) == key:  # also proves the key is a number
                    events = doc.get("events", ())
                    if type(events) is list:
                        for e in events:
                            if type(e) is not dict:
                                return f"the events of request {key} are not a list of objects"
                        continue
                    if events != ():
                        return f"the events of request {key} are not a list of objects"
                    continue
            if not (key.isascii() and key.isdigit()) or key != str(int(key)):
                return f"entry {key!r} of table {name!r} has a key that is not a number"
            if is_requests:
                return f"request {key!r} has the id {doc.get('id')!r}, not {int(key)}"
    return None


def schema_version_of(data: dict, path: Path | None = None) -> int:
    meta = (data.get("meta") or {}).get("1") or {}
    if not meta:
        return 0
    version = meta.get("schema_version")
    if type(version) is not int or version < 0:
        where = f"the store {path}" if path is not None else "the store"
        advice = f": {_recovery_advice(path)}" if path is not None else ""
        raise StoreError(f"{where} has a broken schema_version: {version!r}{advice}", hint="`foi doctor` checks it")
    return version


class Store:
    """An open store.  Use :func:`open_store` rather than this directly."""

    def __init__(self, path: Path, data: dict | None, writable: bool, migrated_from: int | None):
        self.path = path
        self.writable = writable
        self.migrated_from = migrated_from
        self.existed = data is not None
        self._storage = _BufferedStorage(data)
        self._db = TinyDB(storage=lambda: self._storage)  # type: ignore[arg-type]
        self._requests = self._db.table("requests", cache_size=0)
        self._authorities = self._db.table("authorities", cache_size=0)
        self._config = self._db.table("config", cache_size=0)
        self._meta = self._db.table("meta", cache_size=0)
        if migrated_from is not None:
            self._storage.dirty = True

    # -- meta -------------------------------------------------------------
    def _meta_doc(self) -> dict:
        doc = self._meta.get(doc_id=1)
        return dict(doc) if doc else {"schema_version": SCHEMA_VERSION, "next_id": 1}

    def _set_meta(self, doc: dict) -> None:
        self._meta.upsert(Document(doc, doc_id=1))

    @property
    def schema_version(self) -> int:
        return int(self._meta_doc().get("schema_version", SCHEMA_VERSION))

    # -- requests ---------------------------------------------------------
    def requests(self) -> list[dict]:
        """Every request, in id order.  The dicts are the store's own: treat
        them as read-only and save changes with :meth:`update_requests`."""
        table = (self._storage.data or {}).get("requests") or {}
        return [table[k] for k in sorted(table, key=int)]

    def get_request(self, rid: int | str) -> dict:
        try:
            key = int(str(rid).lstrip("#"))
        except ValueError:
            raise NotFound(f"no request with id {rid!r}", hint="ids are numbers; see `foi list`") from None
        doc = self._requests.get(doc_id=key)
        if doc is None:
            raise NotFound(f"no request with id {key}", hint="see `foi list`")
        return _plain(doc)

    def add_requests(self, records: Iterable[dict]) -> list[int]:
        """Insert new requests, giving each the next never-used id."""
        self._require_writable()
        meta = self._meta_doc()
        next_id = int(meta.get("next_id", 1))
        existing = {int(k) for k in ((self._storage.data or {}).get("requests") or {})}
        if existing:
            next_id = max(next_id, max(existing) + 1)
        docs = []
        for rec in records:
            rec = dict(rec)
            rec["id"] = next_id
            docs.append(Document(rec, doc_id=next_id))
            next_id += 1
        if docs:
            self._requests.insert_multiple(docs)
            meta["next_id"] = next_id
            meta["schema_version"] = SCHEMA_VERSION
            self._set_meta(meta)
        return [d.doc_id for d in docs]

    def update_requests(self, records: Iterable[dict]) -> None:
        """Replace whole requests (matched by their ``id``)."""
        self._require_writable()
        new_docs = {int(r["id"]): dict(r) for r in records}
        for rid in new_docs:
            if not self._requests.contains(doc_id=rid):
                raise NotFound(f"no request with id {rid}", hint="see `foi list`")
        _replace(self._requests, new_docs)

    def delete_request(self, rid: int) -> None:
        self._require_writable()
        self.get_request(rid)
        self._requests.remove(doc_ids=[int(rid)])

    # -- user authorities -------------------------------------------------
    def user_authorities(self) -> list[dict]:
        return [_plain(d) for d in self._authorities.all()]

    def put_authorities(self, records: Iterable[dict]) -> tuple[int, int]:
        """Insert or update authorities by their ``id``; returns (added, updated)."""
        self._require_writable()
        by_id = {d["id"]: d.doc_id for d in self._authorities.all()}
        new_docs, updates = [], {}
        next_doc = max(by_id.values(), default=0) + 1
        for rec in records:
            rec = dict(rec)
            if rec["id"] in by_id:
                updates[by_id[rec["id"]]] = rec
            else:
                by_id[rec["id"]] = next_doc
                new_docs.append(Document(rec, doc_id=next_doc))
                next_doc += 1
        if new_docs:
            self._authorities.insert_multiple(new_docs)
        _replace(self._authorities, updates)
        return len(new_docs), len(updates)

    # -- config -----------------------------------------------------------
    def config(self) -> dict:
        doc = self._config.get(doc_id=1)
        return _plain(doc) if doc else {}

    def set_config(self, values: dict) -> None:
        self._require_writable()
        if self._config.contains(doc_id=1):
            self._config.remove(doc_ids=[1])
        self._config.insert(Document(dict(values), doc_id=1))

    # -- writing ----------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._storage.dirty

    def _require_writable(self) -> None:
        if not self.writable:
            raise RuntimeError("store opened read-only")  # a bug, not a user error

    def commit(self) -> None:
        """Write the store once, atomically, if anything changed."""
        if not self._storage.dirty:
            return
        self._require_writable()
        data = self._storage.data or {}
        if self.migrated_from is not None:
            self._keep_pre_migration_copy()
        meta = self._meta_doc()
        meta["schema_version"] = SCHEMA_VERSION
        data.setdefault("meta", {})["1"] = meta
        try:
            payload = dump_bytes(data)
        except UnicodeEncodeError:
            where = _bad_text(data) or "a value"
            raise StoreError(
                f"cannot save {where}: it contains bytes that are not valid text (a terminal or file "
                f"not in UTF-8?); the store {self.path} was left unchanged",
                hint="retype it, or set your terminal to UTF-8",
            ) from None
        atomic_write_bytes(self.path, payload)
        self._storage.dirty = False
        self.migrated_from = None

    def _keep_pre_migration_copy(self) -> None:
        """Before the first write in a newer layout, keep the old file as
        ``<store>.v<N>.bak`` (byte for byte, written atomically)."""
        keep = self.path.with_name(f"{self.path.name}.v{self.migrated_from}.bak")
        try:
            old = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"cannot read the store {self.path}: {exc.strerror or exc}") from None
        try:
            if keep.read_bytes() == old:
                return
        except OSError:
            pass
        if keep.exists():  # an older copy of a different file: keep that one too
            n = 1
            while keep.with_name(f"{keep.name}.{n}").exists():
                n += 1
            keep = keep.with_name(f"{keep.name}.{n}")
        atomic_write_bytes(keep, old, keep_backup=False)


def _bad_text(value: Any, where: str = "") -> str | None:
    """Where in ``value`` a string holds a lone surrogate (undecodable input)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where or "a value"
        return None
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and _bad_text(key) is not None:
            return f"{where} key".strip()
        found = _bad_text(item, f"{where}.{key}" if where else str(key))
        if found is not None:
            return found
    return None


def _replace(table: Any, new_docs: dict[int, dict]) -> None:
    """Replace whole documents by doc id, in one pass over the table.

    Every document carries its own ``id`` field, which is how ``swap`` finds
    the new version of the document tinydb hands it."""
    if not new_docs:
        return
    for doc_id, rec in new_docs.items():

        def swap(doc: dict, fresh: dict = rec) -> None:
            doc.clear()
            doc.update(fresh)

        table.update(swap, doc_ids=[doc_id])


def _plain(doc: Any) -> dict:
    return dict(doc)


def load(path: Path, writable: bool) -> Store:
    data = read_store_file(path, check_duplicates=writable)
    migrated_from = None
    if data is not None:
        version = schema_version_of(data, path)
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store {path} was written by a newer foi (schema {version}; this foi "
                f"understands up to {SCHEMA_VERSION}): {_recovery_advice(path)}",
                hint="upgrade foi: pip install --upgrade foi",
            )
        if version < SCHEMA_VERSION:
            migrated_from = version
            while version < SCHEMA_VERSION:
                try:
                    data = MIGRATIONS[version](data)
                except StoreError as exc:
                    raise StoreError(
                        f"the store {path} (schema {version}) cannot be upgraded: {exc.message}; "
                        f"{_recovery_advice(path)}",
                        hint="`foi doctor` checks it",
                    ) from None
                version += 1
            problem = shape_problem(data)
            if problem:
                raise StoreError(
                    f"the store {path} (schema {migrated_from}) cannot be upgraded "
                    f"({problem}): {_recovery_advice(path)}",
                    hint="`foi doctor` checks it",
                )
            if not writable:
                migrated_from = None  # upgraded in memory only; written on the next change
    return Store(path, data, writable, migrated_from)


class open_store:
    """Context manager: ``with open_store(path, write=True) as store: ...``.

    With ``write=True`` the lock is held from before the read until after the
    commit, and the store is committed when the block ends without an error.
    Stray temporary files left by a crashed writer are removed."""

    def __init__(self, path: Path, write: bool = False, lock_timeout: float | None = None):
        self.path = Path(path)
        self.write = write
        if lock_timeout is None:
            lock_timeout = _lock_timeout_from_env()
        self.lock_timeout = lock_timeout
        self._lock: _Lock | None = None

    def __enter__(self) -> Store:
        if self.write:
            self._lock = _Lock(lock_path(self.path), self.lock_timeout)
            self._lock.acquire()
            try:
                clean_stray_temp_files(self.path)
                self.store = load(self.path, writable=True)
            except BaseException:
                self._lock.release()
                raise
        else:
            self.store = load(self.path, writable=False)
        return self.store

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if self.write and exc_type is None:
                self.store.commit()
        finally:
            if self._lock is not None:
                self._lock.release()


ATTACHMENT_TMP_PREFIX = _TMP_PREFIX + "attachment-"


def stray_temp_files(path: Path) -> list[Path]:
    """Temporary files of this store (and of its attachments folder) left
    by an interrupted write."""
    found: list[Path] = []
    folder = path.parent
    if folder.is_dir():
        found += folder.glob(_tmp_prefix(path) + "*")
    att = attachments_dir(path)
    if att.is_dir():
        found += att.glob(ATTACHMENT_TMP_PREFIX + "*")
    return sorted(found)


def clean_stray_temp_files(path: Path) -> list[Path]:
    """Remove temp files a killed writer of this store left behind (call
    with the lock held)."""
    removed = []
    for tmp in stray_temp_files(path):
        try:
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass
    return removed


def _lock_timeout_from_env() -> float:
    text = os.environ.get("FOI_LOCK_TIMEOUT", "10")
    try:
        value = float(text)
    except ValueError:
        raise StoreError(f"FOI_LOCK_TIMEOUT={text!r} is not a number of seconds") from None
    if value != value or value < 0:  # NaN or negative
        raise StoreError(f"FOI_LOCK_TIMEOUT={text!r} is not a number of seconds")
    return value


def restore_backup(path: Path, lock_timeout: float | None = None) -> Path | None:
    """Replace the store with its ``.bak`` (after checking the backup is a
    readable store this foi understands).  The replaced store is kept as
    ``<store>.before-restore`` (numbered if that exists); returns its path,
    or ``None`` if there was no store."""
    path = Path(path)
    bak = backup_path(path)
    if not bak.exists():
        raise StoreError(f"there is no backup {bak} to restore")
    if lock_timeout is None:
        lock_timeout = _lock_timeout_from_env()
    lock = _Lock(lock_path(path), lock_timeout)
    lock.acquire()
    try:
        try:
            data = read_store_file(bak)  # refuse to restore a broken backup
            version = schema_version_of(data, bak) if data is not None else 0
        except StoreError as exc:
            raise StoreError(f"the backup cannot be restored: {exc.message}") from None
        if data is None:
            raise StoreError(f"there is no backup {bak} to restore")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the backup {bak} was written by a newer foi (schema {version}); it was not restored",
                hint="upgrade foi: pip install --upgrade foi",
            )
        payload = bak.read_bytes()
        kept = None
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            current = None
        except OSError as exc:
            raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
        if current is not None:
            kept = path.with_name(path.name + ".before-restore")
            n = 1
            while kept.exists():
                kept = path.with_name(f"{path.name}.before-restore.{n}")
                n += 1
            atomic_write_bytes(kept, current, keep_backup=False)
        clean_stray_temp_files(path)
        atomic_write_bytes(path, payload, keep_backup=False)
        return kept
    finally:
        lock.release()
