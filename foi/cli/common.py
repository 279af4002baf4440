"""Shared pieces of the CLI: the application context, parameter types and
output helpers.  Nothing here knows about statutes or deadlines."""

from __future__ import annotations

import json
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import click

from ..dates import parse_date
from ..errors import FoiError, UsageError


@dataclass
class App:
    """Everything a command needs to know about how foi was invoked."""

    store_path: Path
    today: date
    templates_dir: Path | None
    debug: bool = False
    _cache: dict = field(default_factory=dict)

    @classmethod
    def from_options(cls, store: str | None, today: str | None, templates: str | None,
                     debug: bool) -> "App":
        from ..store import default_store_path

        real_today = date.today()
        the_day = parse_date(today, real_today) if today else real_today
        if templates:
            tdir = Path(templates).expanduser()
        else:
            tdir = Path(click.get_app_dir("foi")) / "templates"
            if not tdir.is_dir():
                tdir = None
        return cls(
            store_path=Path(store).expanduser() if store else default_store_path(),
            today=the_day,
            templates_dir=tdir,
            debug=debug,
        )

    # -- the store ----------------------------------------------------------
    def read(self):
        """The store, read-only (an empty one if it does not exist yet)."""
        if "store" not in self._cache:
            from ..store import open_store

            with open_store(self.store_path) as store:
                self._cache["store"] = store
        return self._cache["store"]

    @contextmanager
    def write(self) -> Iterator[Any]:
        """The store under its lock, committed once when the block succeeds."""
        from ..store import open_store

        with open_store(self.store_path, write=True) as store:
            self._cache["store"] = store
            yield store

    # -- derived views --------------------------------------------------------
    def calendars(self, store=None):
        from ..domain.calendars import Calendars

        store = store if store is not None else self.read()
        overrides = tuple(store.config().get("holidays", ()))
        return Calendars(overrides)

    def authorities(self, store=None) -> dict:
        from ..directory import merge, shipped_authorities

        store = store if store is not None else self.read()
        return merge(shipped_authorities(), store.user_authorities())


def get_app() -> App:
    ctx = click.get_current_context()
    app = ctx.find_object(App)
    if app is None:  # a command invoked on its own (tests of a sub-command)
        app = App.from_options(None, None, None, False)
        ctx.obj = app
    return app


pass_app = click.make_pass_decorator(App)


class DateType(click.ParamType):
    """A date as users type it: ISO, UK day-first, 'today', 'yesterday'."""

    name = "DATE"

    def convert(self, value: Any, param, ctx) -> date:
        if isinstance(value, date):
            return value
        app = ctx.find_object(App) if ctx is not None else None
        today = app.today if app is not None else date.today()
        try:
            return parse_date(value, today)
        except UsageError as exc:
            self.fail(str(exc), param, ctx)


class RequestIdType(click.ParamType):
    """A request id (``12`` or ``#12``), completed from the store."""

    name = "ID"

    def convert(self, value: Any, param, ctx) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip().lstrip("#")
        if not (text.isascii() and text.isdigit()):
            self.fail(f"{value!r} is not a request id (ids are numbers, see `foi list`)", param, ctx)
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
        return [CompletionItem(a["id"], help=a["name"]) for a in auths.values()
                if a["id"].startswith(low)]


DATE = DateType()
REQUEST_ID = RequestIdType()
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
            raise UsageError(f"--var name {key!r} is not a valid name",
                             "use letters, digits and underscores, e.g. --var since_year=2019")
        out[key] = value
    return out


# -- output -------------------------------------------------------------------

def _json_default(obj: Any) -> Any:
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, Path):
        return str(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default)


def emit_json(data: Any) -> None:
    """Data on stdout as stable JSON: sorted keys, ISO dates."""
    click.echo(to_json(data))


def info(message: str) -> None:
    """A message for the person (stderr), so stdout stays data."""
    click.echo(message, err=True)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def use_colour(stream=None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def is_terminal(stream=None) -> bool:
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def console(stderr: bool = False):
    """A rich Console (imported only when a command draws a table)."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    colour = use_colour(stream)
    return Console(file=stream, no_color=not colour, highlight=False,
                   color_system="auto" if colour else None, soft_wrap=not is_terminal(stream))


def print_table(columns: Sequence[str], rows: Iterable[Sequence[Any]], title: str | None = None,
                styles: Sequence[str | None] | None = None) -> None:
    """A table: drawn with rich on a terminal, tab-separated lines otherwise
    (so that `cut`, `awk` and spreadsheets can read it)."""
    rows = [["" if c is None else str(c) for c in row] for row in rows]
    if not is_terminal():
        click.echo("\t".join(columns))
        for row in rows:
            click.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
        return
    from rich.table import Table

    table = Table(title=title, header_style="bold", show_lines=False)
    for col in columns:
        table.add_column(col)
    for i, row in enumerate(rows):
        table.add_row(*row, style=(styles[i] if styles else None))
    console().print(table)


def edit_text(text: str, what: str = "letter") -> str:
    """Open $EDITOR on ``text``; return what the user saved."""
    edited = click.edit(text, extension=".txt", require_save=False)
    if edited is None:
        return text
    if not edited.strip():
        raise FoiError(f"the {what} is empty after editing; nothing was changed")
    return edited


EXAMPLES = "\b\nExamples:\n"
