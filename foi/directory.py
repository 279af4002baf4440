"""The directory of public authorities: shipped list, user additions, lookup, CSV import.

Pure logic: no click, no rich, no store.  The CLI and the store call these.

A *record* is a plain dict with the keys of :data:`FIELDS` (all ``str`` except
``tags``, a ``list[str]``) plus ``source``: ``"shipped"`` for the list in
``data/authorities.csv`` or ``"yours"`` for the user's own (added by hand or
imported, kept in the store).  ``email_verified`` is ``"yes"``, ``"no"`` or
``""`` (only when there is no ``foi_email``).

Ids are slugs of the name (:func:`slugify`), so the same name always gives the
same id and importing a file again updates records instead of duplicating them.

Every problem with user input raises a :class:`foi.errors.FoiError` subclass:
:class:`~foi.errors.UsageError` for bad field values,
:class:`~foi.errors.ImportFormatError` for a broken import file,
:class:`~foi.errors.NotFound` / :class:`~foi.errors.AmbiguousAuthority` from
:func:`resolve`.
"""

from __future__ import annotations

import csv
import io
import re
import shlex
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from foi.errors import (
    AmbiguousAuthority,
    ImportFormatError,
    NotFound,
    StoreError,
    UsageError,
)
from foi.resources import data_dir
from foi.vocab import AuthorityKind, Nation, Regime

FIELDS = (
    "id",
    "name",
    "kind",
    "nation",
    "regime",
    "ods_code",
    "gss_code",
    "police_api_id",
    "wdtk_url_name",
    "home_page",
    "foi_email",
    "email_verified",
    "tags",
)

EMAIL_VERIFIED = ("yes", "no", "")

SHIPPED_FILE = "authorities.csv"

_NATION_ALIASES = {
    "ni": "northern_ireland",
    "n_ireland": "northern_ireland",
    "united_kingdom": "uk",
    "gb": "uk",
    "great_britain": "uk",
    "scottish": "scotland",
    "welsh": "wales",
    "english": "england",
}
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}
_TAG_SPLIT = re.compile(r"[;,\s]+")
# Lone surrogates (undecodable bytes kept by errors="surrogateescape") and
# U+FFFD (bytes replaced by errors="replace") both mean the file was not UTF-8.
_NOT_UTF8 = re.compile("[\ud800-\udfff\ufffd]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


# ---------------------------------------------------------------------------
# slugs and small helpers


def slugify(name: str) -> str:
    """The id rule of the reference data.

    Lowercase; accents removed; ``&`` becomes "and"; apostrophes dropped; every
    other run of non-alphanumerics becomes one ``-``; no leading/trailing ``-``.
    ``"South West London and St George's Mental Health NHS Trust"`` ->
    ``"south-west-london-and-st-georges-mental-health-nhs-trust"``.
    May return ``""`` (for a name with no letters or digits).
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("&", " and ")
    text = re.sub(r"['\u2018\u2019`]", "", text)
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def _text(value: object) -> str:
    """A field value as a clean one-line string ('' for None)."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _tags(value: object) -> list[str]:
    """Tags from a list or a string separated by ``;``, ``,`` or spaces; order kept, no repeats."""
    if value is None:
        return []
    items: Iterable[object]
    if isinstance(value, str):
        items = _TAG_SPLIT.split(value)
    elif isinstance(value, Iterable):
        items = value
    else:
        items = [value]
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        for tag in _TAG_SPLIT.split(_text(item)):
            if tag and tag.casefold() not in seen:
                seen.add(tag.casefold())
                out.append(tag)
    return out


def _match_key(text: str) -> str:
    """Name form for loose matching: casefolded, & -> and, punctuation gone, single spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"['\u2018\u2019`]", "", text)
    text = re.sub(r"[^\w]+|_", " ", text)
    return " ".join(text.split())


def _match_key_no_and(text: str) -> str:
    return " ".join(w for w in _match_key(text).split() if w != "and")


# ---------------------------------------------------------------------------
# inference (for imports and hand-added records without kind / nation)


def infer_nation(name: str, tags: Iterable[str] = ()) -> str:
    """Nation from tags, else from the name; ``england`` when nothing says otherwise."""
    for tag in tags:
        t = tag.casefold().replace("-", "_")
        if "northern_ireland" in t or t == "ni" or t.startswith("ni_"):
            return "northern_ireland"
        if "scotland" in t or "scottish" in t:
            return "scotland"
        if "wales" in t or "welsh" in t:
            return "wales"
    words = set(_match_key(name).split())
    if "northern ireland" in _match_key(name) or re.search(r"\bNI\b", name):
        return "northern_ireland"
    if words & {"scotland", "scottish"}:
        return "scotland"
    if words & {"wales", "welsh"}:
        return "wales"
    return "england"


def infer_kind(tags: Iterable[str], nation: str = "england") -> str:
    """Kind from WhatDoTheyKnow-style tags, only where they make it obvious; else ``other``."""
    t = {tag.casefold().replace("-", "_") for tag in tags}
    if t & {"police_force", "police_forces"} or (
        "police" in t and not t & {"pcc", "police_and_crime_commissioner", "police_authority"}
    ):
        return "police_force"
    if t & {"mental_health_trust", "mental_health_trusts", "mental_health"}:
        return "mental_health_trust"
    if t & {"health_board", "health_boards", "scottish_health_board", "local_health_board"}:
        return "health_board"
    if t & {"nhs_trust", "nhstrust", "nhs_trusts", "foundation_trust", "nhs_foundation_trust"}:
        return "nhs_trust"
    if t & {"council", "local_council", "councils"}:
        return "council"
    return "other"


# ---------------------------------------------------------------------------
# records


def _choice(field: str, value: str, allowed: tuple[str, ...], aliases: dict[str, str] | None = None) -> str:
    key = value.casefold().replace("-", "_").replace(" ", "_")
    key = (aliases or {}).get(key, key)
    if key not in allowed:
        raise UsageError(
            f"unknown {field} '{value}'",
            hint="use one of: " + ", ".join(allowed),
        )
    return key


def normalise_record(rec: dict) -> dict:
    """Validate a user-supplied record and fill in what can be derived.

    Accepts any subset of :data:`FIELDS` (other keys are dropped); values may be
    ``None``.  Returns a new dict with exactly :data:`FIELDS`:

    * ``name`` required (whitespace collapsed);
    * ``id`` = :func:`slugify` of the name when missing, else must already be a slug;
    * ``tags`` a list (from a list or a ``;``/``,``/space separated string);
    * ``nation`` from the value (``"Northern Ireland"``, ``NI``... accepted) or
      inferred from tags/name (:func:`infer_nation`);
    * ``kind`` from the value or inferred from tags (:func:`infer_kind`);
    * ``regime`` from the value, else ``foisa`` for Scotland and ``foia`` otherwise;
    * ``email_verified`` ``yes``/``no`` (also true/false...); defaults to ``no``
      when there is an email, and is ``""`` when there is none.

    Raises :class:`foi.errors.UsageError` naming the bad value.
    """
    if not isinstance(rec, dict):
        raise UsageError("an authority must be a set of named fields")
    out: dict = {f: _text(rec.get(f)) for f in FIELDS if f != "tags"}
    out["tags"] = _tags(rec.get("tags"))

    if not out["name"]:
        raise UsageError("an authority needs a name", hint="give the full name, e.g. 'Kent Police'")

    if out["id"]:
        if slugify(out["id"]) != out["id"]:
            raise UsageError(
                f"bad authority id '{out['id']}'",
                hint=f"ids are lowercase letters, digits and single hyphens, e.g. '{slugify(out['id']) or 'kent-police'}'",
            )
    else:
        out["id"] = slugify(out["name"])
        if not out["id"]:
            raise UsageError(
                f"cannot make an id from the name '{out['name']}'",
                hint="give an id made of lowercase letters, digits and hyphens",
            )

    if out["nation"]:
        out["nation"] = _choice("nation", out["nation"], Nation.ALL, _NATION_ALIASES)
    else:
        out["nation"] = infer_nation(out["name"], out["tags"])

    if out["kind"]:
        out["kind"] = _choice("kind", out["kind"], AuthorityKind.ALL)
    else:
        out["kind"] = infer_kind(out["tags"], out["nation"])

    if out["regime"]:
        out["regime"] = _choice("regime", out["regime"], Regime.AUTHORITY)
    else:
        out["regime"] = "foisa" if out["nation"] == "scotland" else "foia"

    if out["foi_email"]:
        if not _EMAIL.match(out["foi_email"]):
            raise UsageError(
                f"'{out['foi_email']}' does not look like an email address",
                hint="give it as name@example.gov.uk",
            )
        verified = out["email_verified"].casefold()
        if verified in _YES:
            out["email_verified"] = "yes"
        elif verified in _NO or not verified:
            out["email_verified"] = "no"
        else:
            raise UsageError(f"email_verified must be yes or no, not '{out['email_verified']}'")
    else:
        out["email_verified"] = ""
    return out


# ---------------------------------------------------------------------------
# the shipped list and the user's records


def _read_shipped(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        result: dict[str, dict] = {}
        for row in reader:
            rec = {f: (row.get(f) or "").strip() for f in FIELDS}
            rec["tags"] = _tags(rec["tags"])
            rec["source"] = "shipped"
            result[rec["id"]] = rec
    return result


@cache
def shipped_authorities() -> dict[str, dict]:
    """The authorities shipped in ``data/authorities.csv``, id -> record (``source="shipped"``).

    Cached: the same dict is returned every time, so do not change it; use
    :func:`merge` to combine it with the user's records (it copies).
    """
    return _read_shipped(data_dir() / SHIPPED_FILE)


def merge(shipped: dict, user: Iterable[dict]) -> dict[str, dict]:
    """Shipped records plus the user's, which win by id (``source="yours"``).

    A user record with the id of a shipped one replaces it field by field, but
    fields the user record leaves empty keep the shipped value (so importing a
    WhatDoTheyKnow file, which has no emails, does not lose the shipped email).
    Inputs are not changed.  A stored record that is not valid raises
    :class:`foi.errors.StoreError`.
    """
    result: dict[str, dict] = {}
    for aid, rec in shipped.items():
        copy = dict(rec)
        copy["tags"] = list(rec.get("tags") or [])
        result[aid] = copy
    for raw in user:
        try:
            rec = normalise_record(raw)
        except UsageError as exc:
            ident = raw.get("id") or raw.get("name") if isinstance(raw, dict) else None
            raise StoreError(
                f"stored authority '{ident or '?'}' is invalid: {exc.message}",
                hint="fix or remove it with `foi authorities` commands",
            ) from None
        base = result.get(rec["id"])
        if base is not None:
            for field in FIELDS:
                if rec[field] in ("", []):
                    rec[field] = base.get(field, rec[field])
            if not raw.get("foi_email") and base.get("foi_email"):
                rec["email_verified"] = base.get("email_verified", "no")
        rec["source"] = "yours"
        result[rec["id"]] = rec
    return result


def filter_authorities(
    auths: dict,
    kind: str | None = None,
    tag: str | None = None,
    search: str | None = None,
) -> list[dict]:
    """Records matching all given filters, sorted by name (then id).

    ``kind``: exact kind; ``tag``: carries that tag (case-insensitive);
    ``search``: case-insensitive substring of the name, id, ODS code or
    WhatDoTheyKnow url name.
    """
    want_tag = tag.casefold() if tag else None
    needle = search.casefold().strip() if search else None
    out = []
    for rec in auths.values():
        if kind and rec.get("kind") != kind:
            continue
        if want_tag and want_tag not in {t.casefold() for t in rec.get("tags") or []}:
            continue
        if needle:
            hay = [rec.get(f) or "" for f in ("name", "id", "ods_code", "wdtk_url_name")]
            if not any(needle in h.casefold() for h in hay):
                continue
        out.append(rec)
    out.sort(key=lambda r: ((r.get("name") or "").casefold(), r.get("id") or ""))
    return out


def resolve(query: str, auths: dict) -> dict:
    """Find one authority by what the user typed.

    In order: exact id; exact name (case-insensitive); exact ODS code or
    WhatDoTheyKnow url name when only one record has it; else the single
    authority whose name contains the query, comparing case-insensitively and
    ignoring punctuation and "&"/"and".

    Raises :class:`foi.errors.NotFound` when nothing matches and
    :class:`foi.errors.AmbiguousAuthority` (listing up to 8 candidates) when
    several do.
    """
    q = _text(query)
    if q in auths:
        return auths[q]
    if not q:
        raise NotFound("no authority given", hint="see `foi authorities list`")
    folded = q.casefold()

    def unique_or_ambiguous(hits: list[dict]) -> dict | None:
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            hits = sorted(hits, key=lambda r: ((r.get("name") or "").casefold(), r.get("id")))
            shown = "; ".join(f"{r['id']} ({r.get('name', '')})" for r in hits[:8])
            more = f"; and {len(hits) - 8} more" if len(hits) > 8 else ""
            raise AmbiguousAuthority(
                f"'{q}' matches {len(hits)} authorities: {shown}{more}",
                hint="use the id, e.g. " + hits[0]["id"],
            )
        return None

    found = unique_or_ambiguous([r for r in auths.values() if (r.get("name") or "").casefold() == folded])
    if found:
        return found
    for field in ("ods_code", "wdtk_url_name"):
        hits = [r for r in auths.values() if (r.get(field) or "").casefold() == folded]
        if len(hits) == 1:
            return hits[0]

    key = _match_key_no_and(q)
    if key:
        found = unique_or_ambiguous([r for r in auths.values() if key in _match_key_no_and(r.get("name") or "")])
        if found:
            return found
    raise NotFound(
        f"unknown authority '{q}'",
        hint=f"see `foi authorities list --search {shlex.quote(q)}`",
    )


# ---------------------------------------------------------------------------
# CSV import


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

    Raises :class:`foi.errors.ImportFormatError` (with the line number) for
    text that is not UTF-8, binary data, a header without a Name column,
    a row without a name, or a bad value.
    """
    text = _check_text(text)
    if not text.strip():
        raise ImportFormatError(
            "line 1: the file is empty",
            hint="the first line must be a header with a Name column",
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        columns: dict[str, int] = {}
        for index, heading in enumerate(header):
            field = _HEADER_MAP.get(_header_key(heading))
            if field and field not in columns:
                columns[field] = index
        if "name" not in columns:
            found = ", ".join(repr(h.strip()) for h in header[:10] if h.strip()) or "nothing"
            raise ImportFormatError(
                f"line {reader.line_num}: no 'Name' column (found {found})",
                hint="the first line must be a header naming the columns, with a 'Name' column "
                "as in WhatDoTheyKnow's all-authorities.csv",
            )
        wanted = tag.casefold() if tag else None
        shipped = shipped_authorities()
        records: dict[str, dict] = {}
        line_end = reader.line_num
        for row in reader:
            line = line_end + 1
            line_end = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            raw = {field: (row[index] if index < len(row) else "") for field, index in columns.items()}
            if not _text(raw.get("name")):
                raise ImportFormatError(
                    f"line {line}: the name is empty",
                    hint="fill in the Name column or delete the row",
                )
            tags = _tags(raw.get("tags"))
            if wanted and wanted not in {t.casefold() for t in tags}:
                continue
            raw["tags"] = tags
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
    except csv.Error as exc:
        raise ImportFormatError(
            f"line {reader.line_num or 1}: not valid CSV ({exc})",
            hint="check the quotes on that line, or export the file as CSV again",
        ) from None
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


__all__ = [
    "FIELDS",
    "EMAIL_VERIFIED",
    "filter_authorities",
    "infer_kind",
    "infer_nation",
    "load_import_file",
    "merge",
    "normalise_record",
    "parse_import_csv",
    "resolve",
    "shipped_authorities",
    "slugify",
]
