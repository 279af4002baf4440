"""Plain-text renderers of the summary table: CSV, Markdown and JSON.

* :func:`render_csv` -- RFC 4180 (``\\r\\n``, quotes doubled), UTF-8, header of
  column keys.  Spreadsheet formula injection: a cell starting with ``=``,
  ``+``, ``-``, ``@``, tab or carriage return gets a leading ``'`` so that
  spreadsheets show it as text instead of running it (OWASP "CSV injection").
  The one exception is a plain number such as ``-12`` or ``-3.5`` (the whole
  cell matches ``-?digits[.digits]``): it cannot carry a formula, and quoting
  it would turn numbers into text.
* :func:`render_markdown` -- a GitHub table; Markdown's active characters
  (``\\ ` * _ [ ] ( ) ! ~ |``) backslash-escaped, so a cell can carry no
  link, image or emphasis; newlines become ``<br>``, ``& < >`` entities
  (GitHub renders inline HTML).
* :func:`render_json` -- a list of row objects, sorted keys, ISO dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from .rows import Column, cell_text, json_value

# -- CSV --------------------------------------------------------------------------------

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def neutralise(text: str) -> str:
    """Prefix ``'`` to a cell a spreadsheet would execute as a formula."""
    if text and text[0] in _TRIGGERS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def render_csv(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    """The rows as CSV: the same text as :mod:`csv`'s writer (excel dialect, ``\r\n``,
    QUOTE_MINIMAL) writing each cell's text (see :func:`csv_text`)."""
    keys = [c.key for c in columns]
    values = [tuple(map(row.get, keys)) for row in rows]
    return csv_text(keys, list(zip(*values)) if values else [() for _ in keys])


def csv_text(keys: Sequence[str], columns: Sequence[Sequence]) -> str:
    """The CSV of ``columns`` (each a column's values, under its key), column by column:
    one type check, one formula check and one quoting check per column (a search of the
    joined column), then each line joined."""
    cells = [_csv_column(_cell_texts(column)) for column in columns] if columns and columns[0] else ()
    lines = [",".join(_csv_column(keys)), *map(",".join, zip(*cells))]
    if len(keys) == 1:  # a line of one empty cell is written as "" (else it would be a blank line)
        lines = [line or '""' for line in lines]
    lines.append("")  # (the last line's end: not a copy of the whole text with "\r\n" added)
    return "\r\n".join(lines)


_STR = frozenset((str,))
_STR_OR_NONE = frozenset((str, type(None)))
_LISTS = frozenset((list, tuple))
_INT = frozenset((int,))
_REPEATED = frozenset((date, bool, int, type(None)))  # (no two equal unless their text is: not 1 and True)
#: A cell a spreadsheet would run, after the first: a trigger after a newline, once joined.
_TRIGGER_AFTER_NEWLINE = re.compile(r"\n[=+\-@\t\r]")
#: What makes the csv module quote a cell (excel dialect, QUOTE_MINIMAL).
_NEEDS_QUOTES = re.compile(r'[",\r\n]')


def _cell_texts(values: Sequence) -> Sequence[str]:
    """The cells of one column as text: :func:`cell_text` of each, found per column."""
    kinds = set(map(type, values))
    if kinds <= _STR:
        return values
    if kinds <= _STR_OR_NONE:
        return ["" if v is None else v for v in values]
    if kinds <= _LISTS and all(x.__class__ is str for v in values for x in v):
        return list(map("; ".join, values))
    if kinds <= _INT:
        return list(map(str, values))
    if kinds <= _REPEATED and not (bool in kinds and int in kinds):  # (few distinct: each written once)
        return list(map(_Texts().__getitem__, values))
    return list(map(cell_text, values))


def _csv_column(texts: Sequence[str]) -> Sequence[str]:
    """A column's cells as CSV: formulas neutralised, then RFC 4180 quoting (a cell with a
    quote, comma or line break in quotes, quotes doubled).  One look at the joined column
    first: most columns need neither."""
    joined = "\n".join(texts)
    if texts[0][:1] in _TRIGGERS or _TRIGGER_AFTER_NEWLINE.search(joined):
        triggers = _TRIGGERS
        texts = [neutralise(t) if t and t[0] in triggers else t for t in texts]  # (a ' changes no quoting)
    if '"' in joined or "," in joined or "\r" in joined or joined.count("\n") >= len(texts):
        quoted = {t: '"' + t.replace('"', '""') + '"' for t in set(texts) if _NEEDS_QUOTES.search(t)}
        texts = [quoted.get(t, t) for t in texts]  # (each distinct cell looked at once)
    return texts


class _Texts(dict):
    """:func:`cell_text` of each value, worked out once (values that are equal have the same text)."""

    def __missing__(self, value) -> str:
        text = self[value] = cell_text(value)
        return text


# -- Markdown -----------------------------------------------------------------------------


#: Characters that start inline Markdown (links, images, emphasis, code,
#: strikethrough) or end a table cell: each is backslash-escaped in a cell.
_MD_ACTIVE = re.compile(r"([\\`*_\[\]()!~|])")


def md_escape(text: str) -> str:
    """A cell's text as inert Markdown: ``![t](http://x)`` is not an image,
    ``[x](javascript:...)`` not a link, ``*a*`` not emphasis; ``& < >`` become
    entities (GitHub renders inline HTML); newlines become ``<br>``."""
    text = _MD_ACTIVE.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return text.strip() or " "


def render_markdown(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    out = [
        "| " + " | ".join(md_escape(c.label) for c in columns) + " |",
        "|" + "|".join(("---:" if c.kind == "int" else "---") for c in columns) + "|",
    ]
    for row in rows:
        out.append("| " + " | ".join(md_escape(cell_text(row.get(c.key))) for c in columns) + " |")
    return "\n".join(out) + "\n"


# -- JSON -------------------------------------------------------------------------------------


def render_json(rows: Iterable[Mapping], columns: Sequence[Column]) -> str:
    import json  # (only this format: not imported by a CSV export)

    data = [{c.key: json_value(row.get(c.key)) for c in columns} for row in rows]
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
