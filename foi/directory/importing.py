"""Importing authorities from a CSV file (WhatDoTheyKnow's ``all-authorities.csv`` or foi's own layout)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from foi.errors import ImportFormatError, UsageError

from . import csvread
from .records import _NOT_UTF8, _tags, _text, normalise_record, tag_key
from .shipped import shipped_authorities

# Header names are compared with case, spaces, hyphens and underscores removed.
_HEADER_MAP = {
    "id": "id",
    "name": "name",
    "kind": "kind",
    "nation": "nation",
    "regime": "regime",
    "odscode": "ods_code",
    "gsscode": "gss_code",
    "policeapiid": "police_api_id",
    "urlname": "wdtk_url_name",
    "wdtkurlname": "wdtk_url_name",
    "homepage": "home_page",
    "foiemail": "foi_email",
    "foiemailcandidate": "foi_email",
    "requestemail": "foi_email",
    "emailverified": "email_verified",
    "emailsource": "email_source",
    "emailchecked": "email_checked",
    "checked": "email_checked",
    "emailnote": "email_note",
    "email": "foi_email",
    "tags": "tags",
}


def _header_key(header: str | None) -> str:
    return re.sub(r"[\s\-_]+", "", (header or "").casefold())


def _check_text(data: str | bytes) -> str:
    if isinstance(data, (bytes, bytearray)):
        raw = bytes(data)
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ImportFormatError(
                f"line {line}: the file is not UTF-8 text (byte 0x{raw[exc.start]:02x})",
                hint="save it as 'CSV UTF-8' and import again",
            ) from None
    else:
        text = str(data)
    if text.startswith("\ufeff"):
        text = text[1:]
    pos = text.find("\x00")
    if pos >= 0:
        line = text.count("\n", 0, pos) + 1
        raise ImportFormatError(
            f"line {line}: the file contains binary data (a NUL byte); it is not a CSV file",
            hint="export the list as CSV (UTF-8) and import that",
        )
    bad_char = _NOT_UTF8.search(text)
    if bad_char:
        line = text.count("\n", 0, bad_char.start()) + 1
        raise ImportFormatError(
            f"line {line}: the file is not UTF-8 text",
            hint="save it as 'CSV UTF-8' and import again",
        )
    return text


def _header(header: list[str], line: int, header_map: dict[str, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        field = header_map.get(_header_key(heading))
        if field and field not in columns:
            columns[field] = index
    if "name" not in columns and "id" not in columns:
        found = ", ".join(repr(h.strip()) for h in header[:10] if h.strip()) or "nothing"
        raise ImportFormatError(
            f"line {line}: no 'Name' column (found {found})",
            hint="the first line must be a header naming the columns, with a 'Name' column "
            "as in WhatDoTheyKnow's all-authorities.csv",
        )
    return columns


def read_table(text: str | bytes, header_map: dict[str, str] | None = None) -> Iterator[tuple[int, dict]]:
    """``(line, {field: value})`` for each non-blank row of a CSV file, read strictly.

    Columns are found by their header (see :data:`_HEADER_MAP`); a file
    without a Name (or id) column is refused.  Raises
    :class:`foi.errors.ImportFormatError` with the line number.
    """
    text = _check_text(text)
    if not text.strip():
        raise ImportFormatError(
            "line 1: the file is empty",
            hint="the first line must be a header with a Name column",
        )
    records = csvread.rows(text)
    line, header = next(records)
    columns = _header(header, line, header_map or _HEADER_MAP)
    for line, row in records:
        if any(cell.strip() for cell in row):
            yield line, {field: (row[index] if index < len(row) else "") for field, index in columns.items()}


def parse_import_csv(text: str | bytes, tag: str | None = None) -> list[dict]:
    """Authorities from a CSV file's contents, normalised (see :func:`normalise_record`).

    Two layouts, told apart by the header row (columns are read by name;
    case, spaces, hyphens and underscores in the header do not matter):

    * WhatDoTheyKnow's ``all-authorities.csv``: ``Name``, ``Short name``,
      ``URL name`` (or ``url-name``), ``Tags`` (space-separated), ``Home page``,
      ``Publication scheme``, ``Disclosure log``, ``Created at``... Columns foi
      has no use for are ignored.  Kind and nation are inferred from the tags
      and name; the regime from the nation.
    * foi's own layout (:data:`FIELDS`, as in ``data/authorities.csv``).

    ``id`` is the given id or else ``slugify(name)``; the url name goes to
    ``wdtk_url_name``.  ``tag`` keeps only rows carrying that tag
    (case-insensitive).  Blank rows are skipped; a later row with the same id
    replaces an earlier one.  Bytes are decoded as UTF-8; a BOM is dropped.
    The file never vouches for an address: ``email_verified`` is always
    ``no`` (the user confirms an address with ``foi authorities edit``).

    Raises :class:`foi.errors.ImportFormatError` (with the line number) for
    text that is not UTF-8, binary data, broken quoting, a header without a
    Name column, a row without a name, or a bad value.
    """
    wanted = tag.casefold() if tag else None
    shipped = shipped_authorities()
    records: dict[str, dict] = {}
    for line, raw in read_table(text):
        if not _text(raw.get("name")):
            raise ImportFormatError(
                f"line {line}: the name is empty",
                hint="fill in the Name column or delete the row",
            )
        tags = _tags(raw.get("tags"))
        if wanted and wanted not in {tag_key(t) for t in tags}:
            continue
        raw["tags"] = tags
        raw["email_verified"] = ""
        raw["email_status"] = ""
        try:
            rec = normalise_record(raw)
        except UsageError as exc:
            raise ImportFormatError(f"line {line}: {exc.message}", hint=exc.hint) from None
        known = shipped.get(rec["id"])
        if known is not None:
            # a body foi ships: keep its known nation, kind and regime
            # unless the file states them (guesses from tags are weaker)
            for field in ("nation", "kind", "regime"):
                if not _text(raw.get(field)):
                    rec[field] = known[field]
        records.pop(rec["id"], None)
        records[rec["id"]] = rec
    return list(records.values())


def load_import_file(path: str | Path, tag: str | None = None) -> list[dict]:
    """Read a file and :func:`parse_import_csv` it; an unreadable file is an ImportFormatError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return parse_import_csv(data, tag=tag)
    except ImportFormatError as exc:
        raise ImportFormatError(f"{path}: {exc.message}", hint=exc.hint) from None
