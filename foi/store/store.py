"""The open store: tables of documents in memory, committed once.

:func:`open_store` reads the whole file (it is small enough, and a command
needs most of it), upgrades an older layout in memory, and with
``write=True`` holds the lock from before the read until after the single
atomic commit at the end of the block.

**tinydb.**  Every change goes through tinydb's table API over a custom
in-memory storage (:class:`.tinydb_storage.BufferedStorage`): ``insert_multiple``, one
``update`` for however many documents a command changes, ``remove``,
``upsert``; :class:`Store` decides when, and whether, the database reaches
the disk (tinydb's own JSON storage writes on every change and is not
atomic).  *Reads* use the storage's dict directly, and tinydb is imported
only when a command first changes something, because tinydb copies every
document it returns (``Table.all()`` and ``Table.get`` are several times
slower than the dict) and importing it is a visible part of ``foi
overdue``'s start-up (issue 15).  Likewise a command makes one ``update``
for all the requests it changes: each ``update`` re-keys the whole table.
(The figures are in ``bench/RESULTS.md``.)  The requests handed out are therefore
the store's own dicts: treat them as read-only and save changes with
:meth:`Store.update_requests`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, StoreError
from .migrations import SCHEMA_VERSION
from .tinydb_storage import BufferedStorage, document, replace_documents

if TYPE_CHECKING:
    from pathlib import Path


class Store:
    """An open store.  Use :func:`open_store` rather than this directly."""

    def __init__(self, path: Path | str, data: dict | None, writable: bool, migrated_from: int | None):
        self._path = path
        self.writable = writable
        self.migrated_from = migrated_from
        self.existed = data is not None
        self.receipt: str | None = None  # set by commit() (see .receipt)
        self.wrote = False  # whether commit() replaced the file
        self._changes: dict[str, set] = {"added": set(), "changed": set(), "deleted": set(), "other": set()}
        self._storage = BufferedStorage(data)
        self._tinydb = None  # made on the first change (tinydb is imported only by commands that write)
        #: every request's letters are moved out on commit (after an upgrade or a merge)
        self._all_changed = migrated_from is not None
        self._carried: frozenset[str] = frozenset()  # see replace_tables
        if migrated_from is not None:
            self._storage.dirty = True

    @property
    def path(self) -> Path:
        """The store file's path (a read command may open the store by its path
        as text, which is made a ``Path`` here, when something asks for it)."""
        from .files import as_path

        self._path = as_path(self._path)
        return self._path

    # -- tinydb (writes) and the raw tables (reads) -------------------------

    def _table(self, name: str):
        """tinydb's table ``name``, for a change."""
        if self._tinydb is None:
            from tinydb import TinyDB

            self._tinydb = TinyDB(storage=lambda: self._storage)  # type: ignore[arg-type]
        return self._tinydb.table(name, cache_size=0)

    @property
    def _requests(self):
        return self._table("requests")

    @property
    def _authorities(self):
        return self._table("authorities")

    @property
    def _config(self):
        return self._table("config")

    @property
    def _meta(self):
        return self._table("meta")

    def _raw(self, name: str) -> dict:
        """The table ``name`` as stored (read-only)."""
        return (self._storage.data or {}).get(name) or {}

    # -- meta -------------------------------------------------------------
    def _meta_doc(self) -> dict:
        doc = self._raw("meta").get("1")
        return dict(doc) if doc else {"schema_version": SCHEMA_VERSION, "next_id": 1}

    def _set_meta(self, doc: dict) -> None:
        self._meta.upsert(document(doc, 1))

    def meta_value(self, key: str, default: Any = None) -> Any:
        """A value kept in the store's ``meta`` table (the store-wide
        conflicts a merge recorded, ``conflicts``)."""
        return self._meta_doc().get(key, default)

    def set_meta_value(self, key: str, value: Any) -> None:
        """Keep ``value`` in ``meta`` (``None`` removes it); not ``next_id``
        or ``schema_version``, which the store manages."""
        if key in ("next_id", "schema_version"):
            raise RuntimeError(f"meta {key} is the store's own")  # a bug, not a user error
        self._require_writable()
        meta = self._meta_doc()
        if value is None:
            meta.pop(key, None)
        else:
            meta[key] = value
        if self._meta.contains(doc_id=1):  # (not upsert: it would keep a removed key)
            self._meta.remove(doc_ids=[1])
        self._meta.insert(document(meta, 1))

    @property
    def schema_version(self) -> int:
        return int(self._meta_doc().get("schema_version", SCHEMA_VERSION))

    # -- requests ---------------------------------------------------------
    def _request_table(self) -> dict:
        return self._raw("requests")

    def requests(self) -> list[dict]:
        """Every request, in id order.  The dicts are the store's own: treat
        them as read-only and save changes with :meth:`update_requests`."""
        table = self._request_table()
        return [table[k] for k in sorted(table, key=int)]

    def get_request(self, rid: int | str) -> dict:
        try:
            key = int(str(rid).lstrip("#"))
        except ValueError:
            raise NotFound(f"no request with id {rid!r}", hint="ids are numbers; see `foi list`") from None
        doc = self._request_table().get(str(key))
        if doc is None:
            raise NotFound(f"no request with id {key}", hint="see `foi list`")
        return dict(doc)

    def add_requests(self, records: Iterable[dict]) -> list[int]:
        """Insert new requests, giving each the next never-used id (and a
        permanent uid to it and its events if they came without one)."""
        from ..ids import add_new_uids

        self._require_writable()
        meta = self._meta_doc()
        next_id = int(meta.get("next_id", 1))
        existing = self._request_table()
        if existing:
            next_id = max(next_id, max(map(int, existing)) + 1)
        docs = []
        for rec in records:
            rec = add_new_uids(rec)
            rec["id"] = next_id
            docs.append(document(rec, next_id))
            next_id += 1
        if docs:
            self._requests.insert_multiple(docs)
            meta["next_id"] = next_id
            meta["schema_version"] = SCHEMA_VERSION
            self._set_meta(meta)
        self._changes["added"].update(d.doc_id for d in docs)
        return [d.doc_id for d in docs]

    def update_requests(self, records: Iterable[dict]) -> None:
        """Replace whole requests (matched by their ``id``); new events that
        came without a permanent uid get one."""
        from ..ids import add_new_uids

        self._require_writable()
        new_docs = {int(r["id"]): add_new_uids(r) for r in records}
        table = self._request_table()
        for rid in new_docs:
            if str(rid) not in table:
                raise NotFound(f"no request with id {rid}", hint="see `foi list`")
        replace_documents(self._requests, new_docs)
        self._changes["changed"].update(new_docs)

    def delete_request(self, rid: int) -> None:
        self._require_writable()
        self.get_request(rid)
        self._requests.remove(doc_ids=[int(rid)])
        self._changes["deleted"].add(int(rid))

    # -- mail: messages no request claimed, and where fetching stopped ---------
    def inbox(self) -> list[dict]:
        """Messages `foi mail fetch` kept for a person to file (each with its
        ``id``, the number `foi mail assign` takes: its key), oldest first."""
        table = self._raw("inbox")
        return [{**table[k], "id": int(k)} for k in sorted(table, key=int)]

    def add_inbox(self, records: Iterable[dict]) -> list[int]:
        self._require_writable()
        table = self._table("inbox")
        next_id = max(map(int, self._raw("inbox")), default=0) + 1
        docs = []
        for rec in records:  # (the id is the key alone: a merge renumbers the entries)
            docs.append(document({k: v for k, v in rec.items() if k != "id"}, next_id))
            next_id += 1
        if docs:
            table.insert_multiple(docs)
            self._changes["other"].add("inbox")
        return [d.doc_id for d in docs]

    def update_inbox(self, records: Iterable[dict]) -> None:
        """Change inbox entries (matched by ``id``): the fields given."""
        self._require_writable()
        table = self._table("inbox")
        for rec in records:
            table.update({k: v for k, v in rec.items() if k != "id"}, doc_ids=[int(rec["id"])])
        self._changes["other"].add("inbox")

    def mail_state(self) -> dict:
        doc = self._raw("mail").get("1")
        return dict(doc) if doc else {}

    def set_mail_state(self, state: dict) -> None:
        self._require_writable()
        self._table("mail").upsert(document(dict(state), 1))

    # -- user authorities -------------------------------------------------
    def user_authorities(self) -> list[dict]:
        return [dict(d) for d in self._raw("authorities").values()]

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
                new_docs.append(document(rec, next_doc))
                next_doc += 1
        if new_docs:
            self._authorities.insert_multiple(new_docs)
        replace_documents(self._authorities, updates)
        if new_docs or updates:
            self._changes["other"].add("authorities")
        return len(new_docs), len(updates)

    # -- campaigns --------------------------------------------------------
    def campaigns(self) -> dict[str, dict]:
        """Campaign declarations (title, description, findings) by name."""
        table = self._raw("campaigns")
        return {str(d.get("name")): dict(d) for d in table.values()}

    def put_campaign(self, doc: dict) -> None:
        """Insert or replace the declaration of campaign ``doc["name"]``."""
        self._require_writable()
        table = self._table("campaigns")
        existing = [d.doc_id for d in table.all() if d.get("name") == doc["name"]]
        if existing:  # (not upsert: it would keep removed keys)
            table.remove(doc_ids=existing[:1])
            table.insert(document(dict(doc), existing[0]))
        else:
            table.insert(dict(doc))

    # -- config -----------------------------------------------------------
    def config(self) -> dict:
        doc = self._raw("config").get("1")
        return dict(doc) if doc else {}

    def set_config(self, values: dict) -> None:
        self._require_writable()
        if self._config.contains(doc_id=1):  # (not upsert: it would keep removed keys)
            self._config.remove(doc_ids=[1])
        self._config.insert(document(dict(values), 1))
        self._changes["other"].add("settings")

    # -- the whole store (merging) ---------------------------------------
    def tables(self) -> dict:
        """The whole store as a dict of tables (the store's own: read-only)."""
        return self._storage.data or {}

    def replace_tables(self, data: dict) -> None:
        """Replace the whole store (a merge result in the current schema); :meth:`commit`
        checks it before anything is written, but for the requests that are the very objects
        read, at the same key (checked then, or vouched for by a receipt: never change them)."""
        self._require_writable()
        from .changes import carried

        self._carried = carried(self._storage.data, data, self.migrated_from is None and not self._changes["changed"])
        self._storage.data = data
        self._storage.dirty = True
        self._all_changed = True

    # -- bulky text: files beside the store (see .blobs) --------------------
    def put_blob(self, data: bytes, kind: str) -> str:
        """Write ``data`` beside the store as a ``kind`` file (``letter``,
        ``message``, ``raw``), durably, now; returns its SHA-256, which an
        event then refers to (``letter_sha256``, ``body_sha256``, ``raw_sha256``)."""
        from .blobs import put_blobs

        return put_blobs(self.path, [(data, kind)])[0]

    def get_blob(self, sha: str, kind: str) -> bytes:
        """The bytes of a file :meth:`put_blob` wrote, checked against its hash."""
        from .blobs import get_blob

        return get_blob(self.path, sha, kind)

    def letter_text(self, event: dict) -> str:
        """The letter of a ``drafted`` event: its file, or its text if it is
        not stored yet (or comes from an older store); ``""`` if none."""
        text = event.get("letter")
        if isinstance(text, str):
            return text
        sha = event.get("letter_sha256")
        if not sha:
            return ""
        from .blobs import get_blob

        return get_blob(self.path, sha, "letter", f"the letter of the {event.get('type')} event").decode("utf-8")

    def with_letters(self, req: dict) -> dict:
        """A copy of ``req`` whose drafted events carry their letter's text
        (``letter``), for the commands that print or send letters."""
        out = dict(req)
        out["events"] = [
            {**e, "letter": self.letter_text(e)} if isinstance(e, dict) and e.get("letter_sha256") else e
            for e in req.get("events") or ()
        ]
        return out

    def _letters_out(self) -> None:
        """Move the letters of the requests this command changed (all of them
        after an upgrade or a merge) into their files (:func:`.blobs.letters_out`)."""
        from .blobs import letters_out

        table = self._request_table()
        if self._all_changed:
            keys = list(table)
        else:
            keys = [str(i) for i in sorted(self._changes["added"] | self._changes["changed"]) if str(i) in table]
        self._carried = self._carried.difference(letters_out(self.path, table, keys))

    def _to_check(self, data: dict) -> dict:
        """What a commit must check: all after an upgrade or a merge (but requests carried
        over as read); else the small tables and the requests added or changed (the rest
        was checked when it was read, or vouched for by a receipt)."""
        if self._all_changed and not self._carried:
            return data
        table = data.get("requests") or {}
        if self._all_changed:
            keys = [k for k in table if k not in self._carried]
        else:
            keys = [str(i) for i in sorted(self._changes["added"] | self._changes["changed"]) if str(i) in table]
        return {**data, "requests": {k: table[k] for k in keys}}

    # -- writing ----------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._storage.dirty

    def _require_writable(self) -> None:
        if not self.writable:
            raise RuntimeError("store opened read-only")  # a bug, not a user error

    def commit(self, backups: bool = True, check=None) -> None:
        """Write the store once, atomically, if anything changed.  The data
        is checked first (foi never writes a store it would refuse to
        read); ``check()`` runs just before the file is replaced.  Without
        ``backups`` (a scratch copy, such as the files git hands a merge
        driver) no ``.bak`` or ``.vN.bak`` is kept beside it."""
        if not self._storage.dirty:
            return
        from . import receipt
        from .codec import bad_text, canonical_bytes
        from .files import atomic_write_bytes
        from .recovery import keep_pre_migration_copy
        from .schema import first_problem, shared_uid

        self._require_writable()
        data = self._storage.data or {}
        if self.migrated_from is not None and backups:
            keep_pre_migration_copy(self.path, self.migrated_from)
        meta = self._meta_doc()
        meta["schema_version"] = SCHEMA_VERSION
        data.setdefault("meta", {})["1"] = meta
        try:
            self._letters_out()
        except UnicodeEncodeError:
            raise StoreError(
                f"cannot save a letter: it contains bytes that are not valid text (a terminal or file not in "
                f"UTF-8?); the store {self.path} was left unchanged",
                hint="retype it, or set your terminal to UTF-8",
            ) from None
        problem = first_problem(self._to_check(data), fields=True) or shared_uid(data.get("requests") or {})
        if problem:  # a bug in foi, worded for the user: nothing is written
            raise StoreError(
                f"foi would have saved a damaged store ({problem}); the store {self.path} was left unchanged"
            )
        try:
            payload, exact = canonical_bytes(data)
        except UnicodeEncodeError:
            where = bad_text(data) or "a value"
            raise StoreError(
                f"cannot save {where}: it contains bytes that are not valid text (a terminal or file "
                f"not in UTF-8?); the store {self.path} was left unchanged",
                hint="retype it, or set your terminal to UTF-8",
            ) from None
        atomic_write_bytes(self.path, payload, keep_backup=backups, check=check)
        self.receipt = receipt.make(payload) if exact else None
        self.wrote = True
        from .changes import record_saved, summary

        record_saved(summary(self._changes, self.migrated_from))
        self._storage.dirty = False
        self.migrated_from = None
        self._all_changed = False
