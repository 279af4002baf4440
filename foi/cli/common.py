"""Shared pieces of the CLI: the application context commands are passed
(:class:`foi.app.context.App`), parameter types and output helpers.  Nothing
here knows about statutes or deadlines."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from ..app.context import App
from ..errors import FoiError, UsageError

if TYPE_CHECKING:
    pass

# json, pathlib, dataclasses and foi.dates are imported where they are used:
# `foi --help` needs none of them (its start-up time is measured by bench/).

pass_app = click.make_pass_decorator(App)


class DateType(click.ParamType):
    """A date as users type it: ISO, UK day-first, 'today', 'yesterday'."""

    name = "DATE"

    def convert(self, value: Any, param, ctx) -> date:
        if isinstance(value, date):
            return value
        from ..dates import parse_date

        app = ctx.find_object(App) if ctx is not None else None
        today = app.today if app is not None else date.today()
        try:
            return parse_date(value, today)
        except UsageError as exc:
            self.fail(str(exc), param, ctx)


#: The most ids one range may name (``1-1000000000`` is a typo, not a batch).
MAX_RANGE = 10_000


class RequestIdType(click.ParamType):
    """A request id (``12`` or ``#12``), completed from the store.

    With ``ranges`` (commands that take many ids), also ``2-48`` and
    ``3,5,9``: the value is then a tuple of ids (see :func:`flat_ids`)."""

    name = "ID"

    def __init__(self, ranges: bool = False):
        self.ranges = ranges

    def convert(self, value: Any, param, ctx):
        if isinstance(value, (int, tuple)):
            return value
        if self.ranges:
            out: list[int] = []
            for part in str(value).split(","):
                first, sep, last = part.partition("-")
                if sep and first.strip() and last.strip():
                    lo, hi = self._one(first, value, param, ctx), self._one(last, value, param, ctx)
                    if hi < lo or hi - lo >= MAX_RANGE:
                        self.fail(
                            f"{value!r} is not a range of request ids (give the lower id first, "
                            f"e.g. 2-48; at most {MAX_RANGE} ids)",
                            param,
                            ctx,
                        )
                    out.extend(range(lo, hi + 1))
                else:
                    out.append(self._one(part, value, param, ctx))
            return tuple(out)
        return self._one(value, value, param, ctx)

    def _one(self, text: Any, value: Any, param, ctx) -> int:
        text = str(text).strip().lstrip("#")
        if not (text.isascii() and text.isdigit()):
            hint = ", a range like 2-48" if self.ranges else ""
            self.fail(f"{value!r} is not a request id (ids are numbers{hint}, see `foi list`)", param, ctx)
        return int(text)

    def shell_complete(self, ctx, param, incomplete: str):
        from click.shell_completion import CompletionItem

        try:
            app = ctx.find_object(App) or App.from_options(None, None, None, False)
            reqs = app.read().requests()
        except Exception:  # completion must never blow up the shell
            return []
        return [
            CompletionItem(str(r["id"]), help=f"{r.get('authority_name', '')}: {r.get('subject', '')}"[:60])
            for r in reqs
            if str(r["id"]).startswith(incomplete.lstrip("#"))
        ]


class AuthorityType(click.ParamType):
    """An authority id, exact name or unambiguous part of a name.

    Resolved by the command (it needs the store's own authorities); here it
    only completes ids."""

    name = "AUTHORITY"

    def shell_complete(self, ctx, param, incomplete: str):
        from click.shell_completion import CompletionItem

        try:
            app = ctx.find_object(App) or App.from_options(None, None, None, False)
            auths = app.authorities()
        except Exception:
            return []
        low = incomplete.lower()
        return [CompletionItem(a["id"], help=a["name"]) for a in auths.values() if a["id"].startswith(low)]


DATE = DateType()
REQUEST_ID = RequestIdType()
REQUEST_IDS = RequestIdType(ranges=True)


def id_list(*args, **kwargs):
    """:func:`foi.domain.idranges.id_list` (commands import it from here; imported
    when a command takes ids, not at every start-up)."""
    from ..domain.idranges import id_list as parse

    return parse(*args, **kwargs)


def flat_ids(values: Iterable) -> tuple[int, ...]:
    """The ids of a REQUEST_IDS argument, in order, each once."""
    out: dict[int, None] = {}
    for v in values:
        for rid in v if isinstance(v, tuple) else (v,):
            out[rid] = None
    return tuple(out)


AUTHORITY = AuthorityType()


def parse_vars(pairs: Sequence[str]) -> dict[str, str]:
    """``--var key=value`` options into a dict."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise UsageError(f"--var {pair!r} is not key=value", "for example --var since_year=2019")
        if not key.isidentifier():
            raise UsageError(
                f"--var name {key!r} is not a valid name",
                "use letters, digits and underscores, e.g. --var since_year=2019",
            )
        out[key] = value
    return out


# -- output -------------------------------------------------------------------


def _json_default(obj: Any) -> Any:
    from pathlib import PurePath

    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def to_json(data: Any, pretty: bool = True) -> str:
    """Stable JSON: sorted keys, ISO dates, UTF-8 text.

    ``pretty`` indents by 2 for people; without it the output is compact.
    orjson (already used by the store) writes the same bytes as
    ``json.dumps(..., sort_keys=True, ensure_ascii=False)`` with those
    layouts, several times faster; the json module is the fallback."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        orjson = None
    if orjson is not None:
        option = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | (orjson.OPT_INDENT_2 if pretty else 0)
        try:
            return orjson.dumps(data, option=option, default=_json_default).decode("utf-8")
        except TypeError:
            pass  # e.g. an integer beyond 64 bits: the json module copes
    import json

    if pretty:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default)
    return json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False, default=_json_default)


def emit_json(data: Any) -> None:
    """Data on stdout as stable JSON: sorted keys, ISO dates; indented on a
    terminal, compact (one line) when piped or redirected, for `jq` and
    programs (the README's contract says nothing of layout)."""
    click.echo(to_json(data, pretty=is_terminal()))


def info(message: str) -> None:
    """A message for the person (stderr), so stdout stays data.  Names and
    subjects in it never reach the terminal as escape sequences."""
    from ..domain.safe_text import for_terminal

    click.echo(for_terminal(message, multiline=True), err=True)


def say(text: str, nl: bool = True) -> None:
    """Print data (stdout) that holds names, subjects, notes or letters: any
    control character in them is shown escaped (``\\x1b``), never sent raw."""
    from ..domain.safe_text import for_terminal

    click.echo(for_terminal(text, multiline=True), nl=nl)


def warn(message: str) -> None:
    info(f"warning: {message}")


def use_colour(stream=None) -> bool:
    from ..settings import colour_choice

    chosen = colour_choice()
    if chosen is not None:
        return chosen
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def is_terminal(stream=None) -> bool:
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def console(stderr: bool = False):
    """A rich Console (imported only when a command draws a table)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    colour = use_colour(stream)
    return Console(
        file=stream,
        no_color=not colour,
        highlight=False,
        color_system="auto" if colour else None,
        soft_wrap=not is_terminal(stream),
    )


def print_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    title: str | None = None,
    styles: Sequence[str | None] | None = None,
) -> None:
    """A table: drawn with rich on a terminal, tab-separated lines otherwise
    (so that `cut`, `awk` and spreadsheets can read it)."""
    from ..domain.safe_text import for_terminal

    rows = [[for_terminal(c) for c in row] for row in rows]
    if not is_terminal():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title and Text(for_terminal(title)), header_style="bold", show_lines=False)
    for col in columns:
        table.add_column(col)
    for i, row in enumerate(rows):  # Text: a name like "[link=...]x[/link]" is not rich markup
        table.add_row(*(Text(cell) for cell in row), style=(styles[i] if styles else None))
    console().print(table)


def edit_text(text: str, what: str = "letter") -> str:
    """Open $EDITOR on ``text``; return what the user saved."""
    edited = click.edit(text, extension=".txt", require_save=False)
    if edited is None:
        return text
    if not edited.strip():
        raise FoiError(f"the {what} is empty after editing; nothing was changed")
    return edited
