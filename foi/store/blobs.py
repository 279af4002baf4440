"""Files beside the store, named by the SHA-256 of their content.

Bulky text lives here rather than in the JSON, so that the commands that
list, count and remind read only what they need (issue 15):

==============  =====================  ========================================
kind            file                   referred to by
==============  =====================  ========================================
``letter``      ``letters/<sha>.txt``  an event's ``letter_sha256``
``message``     ``messages/<sha>.txt`` an event's ``body_sha256`` (mail)
``raw``         ``messages/<sha>.eml`` an event's ``raw_sha256`` (mail)
``attachment``  ``attachments/<sha><.ext>``  an event's ``attachments`` records
==============  =====================  ========================================

A file is written atomically (mode 0600 from its first byte, in a 0700
folder) and made durable *before* the store refers to it, so a crash leaves
at worst a file nobody refers to (`foi doctor` lists those); and a file of a
given name never changes, so two commands, or two stores sharing a folder,
can only ever write the same bytes to it.  The store stays small and
git-friendly: a new letter is a new file and a one-line change.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import FoiError, StoreError
from .files import attachments_dir, ensure_private_dir, real_path, replace_atomically, replace_files, tmp_prefix

ATTACHMENT = "attachment-"

#: kind -> (folder beside the store, file suffix)
KINDS: dict[str, tuple[str, str]] = {
    "letter": ("letters", ".txt"),
    "message": ("messages", ".txt"),
    "raw": ("messages", ".eml"),
}

#: The event fields that refer to a blob, and its kind.
REFERENCES: dict[str, str] = {"letter_sha256": "letter", "body_sha256": "message", "raw_sha256": "raw"}

_HEX = frozenset("0123456789abcdef")


def is_sha256(value: object) -> bool:
    return type(value) is str and len(value) == 64 and _HEX.issuperset(value)


def blob_dir(store: Path, kind: str) -> Path:
    return real_path(store).with_name(KINDS[kind][0])


def blob_name(sha: str, kind: str) -> str:
    if not is_sha256(sha):  # never a path out of the folder
        raise StoreError(f"{sha!r} is not the SHA-256 of a {kind} file")
    return sha + KINDS[kind][1]


def blob_path(store: Path, sha: str, kind: str) -> Path:
    return blob_dir(store, kind) / blob_name(sha, kind)


def sha256_of_file(source: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def put_blobs(store: Path, items: list[tuple[bytes, str]]) -> list[str]:
    """Write each ``(data, kind)`` beside the store (unless a file of that
    content is already there); returns their SHA-256s.  All are durable when
    this returns."""
    import hashlib

    shas, todo = [], {}
    for data, kind in items:
        sha = hashlib.sha256(data).hexdigest()
        shas.append(sha)
        target = blob_path(store, sha, kind)
        if target not in todo and not _complete(target, len(data)):
            todo[target] = data
    if todo:
        for folder in dict.fromkeys(p.parent for p in todo):
            ensure_private_dir(folder)
        try:
            replace_files(list(todo.items()), prefix=tmp_prefix(store, "blob-"))
        except OSError as exc:
            from .files import write_failure

            raise StoreError(write_failure(next(iter(todo)), exc, "the file")) from None
    return shas


def letters_out(store: Path, table: dict, keys: list[str]) -> set[str]:
    """Move the text of every letter of the requests ``keys`` of ``table``
    into its file, written and made durable before the store refers to it
    (the event's ``letter`` becomes ``letter_sha256``; a new events list, so
    a caller's own copy is left as it was).  Returns the keys of the requests changed."""
    todo = [
        (k, i, e["letter"])
        for k in keys
        for i, e in enumerate(table[k].get("events") or ())
        if type(e) is dict and type(e.get("letter")) is str
    ]
    if not todo:
        return set()
    shas = put_blobs(store, [(text.encode("utf-8"), "letter") for _, _, text in todo])
    for (k, i, _), sha in zip(todo, shas):
        doc = table[k]
        events = doc["events"] = list(doc["events"])
        events[i] = {key: v for key, v in events[i].items() if key != "letter"} | {"letter_sha256": sha}
    return {k for k, _, _ in todo}


def _complete(path: Path, size: int) -> bool:
    try:
        return os.stat(path).st_size == size
    except OSError:
        return False


def get_blob(store: Path, sha: str, kind: str, what: str | None = None) -> bytes:
    """The bytes of a blob, checked against its SHA-256; a missing or
    changed file is a one-line :class:`StoreError` naming it."""
    import hashlib

    path = blob_path(store, sha, kind)
    what = what or f"the {kind} file"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            f"{what} {path} is missing", hint="`foi doctor` checks every file the store refers to"
        ) from None
    except OSError as exc:
        raise StoreError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    if hashlib.sha256(data).hexdigest() != sha:
        raise StoreError(
            f"{what} {path} has changed since it was stored (its SHA-256 does not match)",
            hint="restore it from a backup; `foi doctor` checks every file the store refers to",
        )
    return data


def referenced(data: dict) -> dict[tuple[str, str], str]:
    """Every blob the store's requests refer to: ``{(kind, sha): where}``."""
    out: dict[tuple[str, str], str] = {}
    for key, req in (data.get("requests") or {}).items():
        for i, e in enumerate(req.get("events") or (), 1):
            if type(e) is not dict:
                continue
            for field, kind in REFERENCES.items():
                sha = e.get(field)
                if sha is not None:
                    out.setdefault((kind, sha), f"request {key} event {i} ({e.get('type')})")
    for key, entry in (data.get("inbox") or {}).items():  # messages `foi mail fetch` kept unfiled
        if type(entry) is dict and entry.get("raw_sha256") is not None:
            out.setdefault(("raw", entry["raw_sha256"]), f"inbox message {key}")
    return out


def blob_files(store: Path) -> list[tuple[str, Path]]:
    """``(kind, path)`` of every blob file beside the store."""
    out = []
    for kind, (folder, suffix) in KINDS.items():
        where = real_path(store).with_name(folder)
        if where.is_dir():
            out += [
                (kind, p) for p in sorted(where.iterdir()) if p.name.endswith(suffix) and not p.name.startswith(".")
            ]
    return out


def put_file(store: Path, source: Path) -> dict:
    """Copy ``source`` into the store's attachments folder; returns its
    record for the event: ``{"name", "sha256", "size", "file"}``."""
    import shutil

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


def copy_blobs(data: dict, source: Path, target: Path) -> list[str]:
    """Copy the letter and message files ``data`` refers to from beside the
    store ``source`` to beside ``target`` where they are missing (a merge:
    union by hash); each is checked against its hash.  Returns the file names."""
    copied, items = [], []
    here_names, there_names = _listing(target), _listing(source)  # (one listing of each folder, not a stat a file)
    for kind, sha in sorted(referenced(data)):
        name, folder = blob_name(sha, kind), KINDS[kind][0]
        if name in here_names[folder] or name not in there_names[folder]:
            continue
        if not blob_path(source, sha, kind).is_file():
            continue
        items.append((get_blob(source, sha, kind), kind))
        copied.append(name)
    put_blobs(target, items)
    return copied


def _listing(store: Path) -> dict[str, set[str]]:
    """The file names in each blob folder beside ``store`` (empty where there is none)."""
    out = {}
    for folder in dict.fromkeys(f for f, _ in KINDS.values()):
        try:
            out[folder] = set(os.listdir(real_path(store).with_name(folder)))
        except (FileNotFoundError, NotADirectoryError):
            out[folder] = set()
    return out


def put_attachments(store: Path, files: dict[Path, bytes]) -> None:
    """Write attachment files (``attachments_dir(store) / name -> bytes``, as
    a mail fetch queues them) and make them durable together, before the
    store refers to them."""
    if files:
        ensure_private_dir(attachments_dir(store))
        replace_files(list(files.items()), prefix=tmp_prefix(store, ATTACHMENT))


def copy_attachments(data: dict, source: Path, target: Path) -> list[str]:
    """Copy the attachments ``data`` refers to from beside the store
    ``source`` to beside ``target`` where they are missing (a merge;
    content-addressed: a name is its content's hash, checked).  Returns the
    file names."""
    import hashlib

    source_dir, target_dir = attachments_dir(source), attachments_dir(target)
    if source_dir.resolve() == target_dir.resolve():
        return []
    copied = []
    for name, sha in sorted(_attachment_files(data).items()):
        there, here = source_dir / Path(name).name, target_dir / Path(name).name
        if here.exists() or not there.is_file():
            continue
        payload = there.read_bytes()
        if hashlib.sha256(payload).hexdigest() != sha:
            raise StoreError(f"{there} does not match its SHA-256 (damaged?): nothing was merged")
        ensure_private_dir(target_dir)
        replace_atomically(here, payload, prefix=tmp_prefix(target, ATTACHMENT))
        copied.append(name)
    return copied


def _attachment_files(data: dict) -> dict[str, str]:
    """``file name -> sha256`` of every attachment the store refers to."""
    out = {}
    for req in (data.get("requests") or {}).values():
        for event in req.get("events") or ():
            for att in event.get("attachments") or ():
                if isinstance(att, dict) and att.get("file") and att.get("sha256"):
                    out[str(att["file"])] = str(att["sha256"])
    return out


def content_folders(store: Path) -> list[Path]:
    """The folders beside the store that hold its files (attachments,
    letters, messages): what a backup or a git repository must include."""
    return [attachments_dir(store)] + [blob_dir(store, kind) for kind in ("letter", "message")]
