"""A strict CSV reader for imported files (RFC 4180 with LF or CRLF line ends).

Python's :mod:`csv` module is forgiving in ways that lose data in an import:
an unterminated quote silently swallows every following row into one field,
and ``"Leeds"junk`` or ``Le"eds`` are read as if nothing were wrong.  This
reader refuses all three with the line where the trouble starts:

* a quote opened and never closed: ``line N: unterminated quote`` (N is the
  line where the quote opened);
* text after a closing quote (``"Leeds"junk``): ``line N: text after the
  closing quote``;
* a quote inside an unquoted field (``Le"eds``): ``line N: a quote inside an
  unquoted field``.

A quoted field may hold commas, doubled quotes (``""``) and line breaks, as
spreadsheets write them.  A quoted field that runs over a line break and then
breaks one of the rules above is reported as an unterminated quote at the line
where it opened, because that is almost always what went wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from foi.errors import ImportFormatError

#: Longer fields mean the file is not a list of authorities (as Python's csv module's default).
MAX_FIELD = 131072
_HINT = 'check the quotes on that line: a field with a comma or quote in it is written "like ""this"""'


class _Cursor:
    __slots__ = ("text", "pos", "line")

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1


def _error(line: int, what: str) -> ImportFormatError:
    return ImportFormatError(f"line {line}: {what}", hint=_HINT)


def _check_length(value: str, line: int) -> str:
    if len(value) > MAX_FIELD:
        raise ImportFormatError(
            f"line {line}: a field is longer than {MAX_FIELD} characters; this is not a list of authorities",
            hint="export the list as CSV (UTF-8) and import that",
        )
    return value


def _quoted(cur: _Cursor) -> str:
    """A quoted field; ``cur.pos`` is just after the opening quote."""
    text, start_line = cur.text, cur.line
    parts: list[str] = []
    while True:
        end = text.find('"', cur.pos)
        if end < 0:
            raise _error(start_line, "unterminated quote")
        chunk = text[cur.pos : end]
        cur.line += chunk.count("\n")
        parts.append(chunk)
        cur.pos = end + 1
        if text.startswith('"', cur.pos):  # "" is one quote
            parts.append('"')
            cur.pos += 1
            continue
        following = text[cur.pos : cur.pos + 1]
        if following in ("", ",", "\n") or text.startswith("\r\n", cur.pos):
            return "".join(parts)
        if cur.line != start_line:
            raise _error(start_line, "unterminated quote")
        raise _error(cur.line, "text after the closing quote")


def _unquoted(cur: _Cursor) -> str:
    text = cur.text
    end = cur.pos
    while end < len(text) and text[end] not in ',\n"':
        end += 1
    if end < len(text) and text[end] == '"':
        raise _error(cur.line, "a quote inside an unquoted field")
    value = text[cur.pos : end]
    cur.pos = end
    return value[:-1] if value.endswith("\r") and text.startswith("\n", end) else value


def rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, fields)`` for each record of ``text``; the line is where the record starts.

    An empty line gives ``[""]``.  Raises :class:`ImportFormatError` as described above.
    """
    cur = _Cursor(text)
    while cur.pos < len(text):
        start = cur.line
        fields: list[str] = []
        while True:
            if text.startswith('"', cur.pos):
                cur.pos += 1
                fields.append(_check_length(_quoted(cur), start))
            else:
                fields.append(_check_length(_unquoted(cur), start))
            if text.startswith(",", cur.pos):
                cur.pos += 1
                continue
            if text.startswith("\r\n", cur.pos):
                cur.pos += 1
            if text.startswith("\n", cur.pos):
                cur.pos += 1
                cur.line += 1
            break
        yield start, fields
