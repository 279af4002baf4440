"""Control characters out of what people type and import, and out of what
reaches their terminal (issue 14, item 7).

An authority name imported from a CSV, a subject, a finding or an email's
subject can carry terminal escape sequences: ESC ``[2J`` clears the screen,
OSC 0 sets the window title, OSC 8 makes a hidden hyperlink, CR overwrites
the line, NUL truncates it.  So:

* **on input** (:func:`clean_line`, :func:`clean_text`): escape sequences
  and control characters are removed before anything is stored; a one-line
  field (a name, a subject, a reference) also loses its line breaks and tabs
  (each becomes a space); a text (a letter, a note) keeps ``\\n`` and ``\\t``;
* **on output** (:func:`for_terminal`): whatever is still there (a store
  written by an older foi, or by hand) is shown escaped, ``\\x1b``, never
  sent raw.

Unicode bidirectional overrides (U+202A-U+202E, U+2066-U+2069), which can
make a line read differently from what it holds, count as control characters.
Pure: no I/O.
"""

from __future__ import annotations

import re

#: ESC followed by a CSI (``ESC [ ... final``), an OSC/DCS/PM/APC string
#: (ended by BEL or ESC \\), or a single character; and the 8-bit CSI/OSC.
_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x9d\x90\x98\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC, DCS...
    r"|\x1b[ -~]?"  # ESC and one character (ESC c resets the terminal)
)
_BIDI = "\u202a-\u202e\u2066-\u2069"
#: Control characters but tab and line feed.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x85\u2028\u2029]")
#: For the terminal: every control character but tab and line feed (kept in texts and tab-separated data).
_SHOW = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\u2028\\u2029]")


def clean_line(value: str) -> str:
    """A one-line field as it should be stored: escape sequences and control
    characters removed, line breaks and tabs made spaces."""
    if not isinstance(value, str):
        return value
    text = _SEQUENCE.sub("", value)
    text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub("", text)


def clean_text(value: str) -> str:
    """A text (a letter, a note) as it should be stored: escape sequences and
    control characters removed; CR LF and lone CR become LF; tabs stay."""
    if not isinstance(value, str):
        return value
    text = _SEQUENCE.sub("", value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def has_control(value: str) -> bool:
    """Whether ``value`` holds a control character other than tab and line feed."""
    return isinstance(value, str) and bool(_SHOW.search(value))


def _escape(m: re.Match) -> str:
    c = m.group(0)
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def for_terminal(value, multiline: bool = False) -> str:
    """``value`` as text safe to print: each control character shown as
    ``\\x1b``; tabs and line feeds kept only if ``multiline`` (a text, or
    tab-separated lines of data), else made spaces."""
    text = "" if value is None else str(value)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    return _SHOW.sub(_escape, text)
