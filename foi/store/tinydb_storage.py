"""What :class:`foi.store.store.Store` hands tinydb: an in-memory storage,
documents, and whole-document replacement in one update (see the store
module's doc for why tinydb is used this way)."""

from __future__ import annotations

from typing import Any


class BufferedStorage:
    """tinydb storage (its ``read``/``write``/``close`` interface) that keeps
    the database in memory; :class:`Store` decides when (and whether) it
    reaches the disk."""

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


def document(doc: dict, doc_id: int):
    from tinydb.table import Document

    return Document(doc, doc_id=doc_id)


def replace_documents(table: Any, new_docs: dict[int, dict]) -> None:
    """Replace whole documents by doc id, in one tinydb update (one pass
    over the table, however many documents change).

    Every document carries its own ``id`` field, which is how ``swap`` finds
    the new version of the document tinydb hands it."""
    if not new_docs:
        return
    by_own_id = {rec["id"]: rec for rec in new_docs.values()}

    def swap(doc: dict) -> None:
        fresh = by_own_id[doc["id"]]
        doc.clear()
        doc.update(fresh)

    table.update(swap, doc_ids=list(new_docs))
