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

from .importing import load_import_file, parse_import_csv
from .lookup import filter_authorities, resolve
from .records import (
    EMAIL_VERIFIED,
    FIELDS,
    KINDS,
    NATIONS,
    RECORD_FIELDS,
    REGIMES,
    check_email,
    infer_kind,
    infer_nation,
    normalise_record,
    slugify,
    tag_key,
)
from .shipped import merge, shipped_authorities

__all__ = [
    "FIELDS",
    "RECORD_FIELDS",
    "check_email",
    "tag_key",
    "KINDS",
    "NATIONS",
    "REGIMES",
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
