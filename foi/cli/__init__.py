"""The ``foi`` command line.

Thin click commands: parse, call the library, render.  Sub-commands live in
their own modules and are imported only when they run, so that ``foi --help``
and ``foi overdue`` start fast (jinja2, rich and holidays are imported only by
the commands that need them).

Errors: every :class:`foi.errors.FoiError` is caught in :func:`main` and
printed as one line on stderr (``foi: error: ...``) with its exit code
(2 for usage errors, 1 otherwise).  ``--debug`` shows the traceback.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from ..errors import FoiError

# name -> (module, function, one-line help).  The help is here so that
# `foi --help` does not import every command.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "draft": ("foi.cli.requests", "draft", "Draft a request to one authority or a whole group."),
    "send": ("foi.cli.timeline", "send", "Record that a drafted letter went out; prints the due date."),
    "respond": ("foi.cli.timeline", "respond", "Record the authority's response (outcome, exemptions, files)."),
    "log": ("foi.cli.timeline", "log", "Record any other event: clarification, fee, extension, review..."),
    "undo": ("foi.cli.corrections", "undo", "Remove the event recorded last on a request (asks first)."),
    "edit": ("foi.cli.corrections", "edit", "Correct an event: its date, outcome, exemptions, reference or note."),
    "list": ("foi.cli.listing", "list_cmd", "List requests with their stage and due date."),
    "show": ("foi.cli.listing", "show", "Show one request: details, letter and timeline."),
    "overdue": ("foi.cli.overdue", "overdue", "What needs attention today, most urgent first."),
    "chase": ("foi.cli.followups", "chase", "Draft a chaser for a late response or review."),
    "review": ("foi.cli.followups", "review", "Draft a request for an internal review."),
    "complain": ("foi.cli.followups", "complain", "Draft a complaint to the ICO or the Scottish Commissioner."),
    "deadline": ("foi.cli.deadlines", "deadline", "Work out a statutory deadline (no store needed)."),
    "explain": ("foi.cli.deadlines", "explain", "Show how a request's due date was worked out, day by day."),
    "finding": ("foi.cli.findings", "finding", "Record campaign findings on a request (key=value)."),
    "findings": ("foi.cli.findings", "findings", "Show the findings grid of a campaign, or tally it."),
    "campaign": ("foi.cli.findings", "campaign", "Declare a campaign's title, description and findings."),
    "export": ("foi.cli.export", "export", "Export a summary table (csv, md, html, json, ics)."),
    "stats": ("foi.cli.export", "stats", "Campaign statistics: outcomes, timeliness, exemptions."),
    "authorities": ("foi.cli.authorities", "authorities", "Browse, add and import public authorities."),
    "templates": ("foi.cli.templates", "templates", "List and show letter templates."),
    "config": ("foi.cli.config", "config", "Your name, address and other settings."),
    "doctor": ("foi.cli.doctor", "doctor", "Check the store for problems; restore the backup."),
    "merge": ("foi.cli.coalition", "merge", "Merge two versions of a store (git's merge driver)."),
    "resolve": ("foi.cli.coalition", "resolve", "Settle a conflict recorded by a merge."),
    "mail": ("foi.cli.mail", "mail", "Email the letters and file the replies (SMTP, IMAP, mbox...)."),
    "git": ("foi.cli.gitcmd", "git_group", "Share the store with a coalition through git (foi git setup)."),
    "sync": ("foi.cli.gitcmd", "sync", "Commit the store, merge the other members' work, push."),
    "assign": ("foi.cli.coalition", "assign", "Record which member handles which requests."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in COMMANDS if _available(n))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        spec = COMMANDS.get(name)
        if spec is None:
            return None
        try:
            module = importlib.import_module(spec[0])
        except ModuleNotFoundError as exc:
            if exc.name == spec[0]:
                return None
            raise
        return getattr(module, spec[1], None)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the CLI; user errors become one line on stderr and an exit code."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv
        _forget_saved()
        try:
            rv = super().main(argv, prog_name or "foi", complete_var, standalone_mode=False, **extra)
        except KeyboardInterrupt:
            _interrupted(debug)
        except Exception as exc:
            _handle(exc, debug)
        try:
            sys.stdout.flush()  # a full disk or a closed stdout shows here, not after exit
        except BrokenPipeError:
            _reader_gone()
        except OSError as exc:
            _print_failed(exc, debug)
        sys.exit(rv if isinstance(rv, int) else 0)

    # click's own main turns a broken pipe into exit 1 before main() above sees
    # it, so catch it where output is written: parsing (`foi --help`) and running.
    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            _reader_gone()

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _reader_gone()

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _handle(exc: Exception, debug: bool) -> None:
    """One line on stderr for whatever ended the command, and its exit code."""
    if isinstance(exc, FoiError):
        _fail(f"foi: error: {exc}", exc.exit_code, debug)
    elif _no_args(exc):  # `foi`, `foi config`: the normal help, as git and gh print it
        click.echo(exc.ctx.get_help())
        sys.exit(0)
    elif isinstance(exc, click.UsageError):
        where = exc.ctx.command_path if exc.ctx is not None else "foi"
        _fail(f"foi: error: {exc.format_message()} (see `{where} --help`)", 2, debug)
    elif isinstance(exc, click.ClickException):
        _fail(f"foi: error: {exc.format_message()}", exc.exit_code, debug)
    elif isinstance(exc, click.Abort):
        if isinstance(exc.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            _interrupted(debug)
        _fail(f"foi: aborted; {_saved() or 'nothing was changed'}", 1, debug)
    elif isinstance(exc, BrokenPipeError):
        _reader_gone()
    elif isinstance(exc, OSError) and _from_printing(exc):
        _print_failed(exc, debug)
    # a bug: one line, the traceback with --debug (errors.py)
    _fail(
        f"foi: internal error: {type(exc).__name__}: {exc} (this is a bug in foi; run the command "
        "again with --debug before the command name, e.g. `foi --debug list`, and report what it "
        "prints)",
        1,
        debug,
    )


def _no_args(exc: Exception) -> bool:
    """A group run with nothing after it (click 8.2+ raises NoArgsIsHelpError;
    older clicks print the help themselves)."""
    no_args = getattr(click.exceptions, "NoArgsIsHelpError", ())
    return isinstance(exc, no_args) and exc.ctx is not None


def _saved() -> str:
    """ "the change was saved (...)" if this command saved anything."""
    store = sys.modules.get("foi.store")
    said = store.saved_changes() if store is not None else ""
    return f"the change was saved ({said})" if said else ""


def _interrupted(debug: bool) -> None:
    saved = _saved()
    _fail(f"foi: interrupted; {saved + ' before that' if saved else 'nothing was changed'}", 130, debug)


def _forget_saved() -> None:
    store = sys.modules.get("foi.store")
    if store is not None:  # (several commands in one process: the tests)
        store.forget_saved()


def _from_printing(exc: OSError) -> bool:
    """Whether ``exc`` came from writing the output (click or rich printing)."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = tb.tb_frame.f_code.co_filename if tb is not None else ""
    return any(f"{os.sep}{pkg}{os.sep}" in where for pkg in ("click", "rich"))


def _print_failed(exc: OSError, debug: bool) -> None:
    _silence_stdout()
    said = _saved() or "nothing was changed"
    _fail(f"foi: error: could not print the result ({exc.strerror or exc}); {said}", 1, debug)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real stdout (in-process runs)
        pass


def _reader_gone() -> None:
    """`foi list | head`: the reader went away; that is not an error.  Exit 0
    quietly (later flushes go to /dev/null instead of raising again)."""
    _silence_stdout()
    sys.exit(0)


def _fail(message: str, code: int, debug: bool) -> None:
    if debug:
        import traceback

        traceback.print_exc()
    # one line: click's own messages carry newlines and tabs ("Choose from:\n\tgranted,...")
    import re

    from ..domain.safe_text import for_terminal

    click.echo(for_terminal(re.sub(r"[ \t]*[\r\n\t]+[ \t]*", " ", message)), err=True)
    sys.exit(code)


def _available(name: str) -> bool:
    import importlib.util  # (only for --help and completion: not at start-up)

    module = COMMANDS[name][0]
    spec = importlib.util.find_spec(module)
    return spec is not None


from ..settings import option_help  # noqa: E402
from .common import App, info  # noqa: E402


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="""\b
Examples:
  foi config set name "Alex Jones"
  foi draft --template hiu-scheme --kind mental_health_trust --campaign hiu
  foi send 12 --via email
  foi overdue
  foi export --campaign hiu -o table.html

Run `foi COMMAND --help` for the options of each command.""",
)
@click.option("--store", "store", type=click.Path(dir_okay=False), help=option_help("store"))
@click.option(
    "--today", "today", metavar="DATE", help=option_help("today", "pretend today is DATE, to replay a timeline")
)
@click.option("--templates", "templates", type=click.Path(file_okay=False), help=option_help("templates"))
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.version_option(package_name="foi", message="foi %(version)s")
@click.pass_context
def cli(ctx: click.Context, store: str | None, today: str | None, templates: str | None, debug: bool) -> None:
    """foi: draft, log and chase Freedom of Information requests.

    Keeps every request and what happened to it in one local file, works
    out each statutory deadline (FOIA, FOISA, EIR, EISR, subject access)
    with UK working days, and says what is overdue."""
    ctx.obj = App.from_options(store=store, today=today, templates=templates, debug=debug, notify=info)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    from ..app import context

    context.FREEZE_STORE = True  # a process of its own: see context.gc_paused
    cli.main(args=argv, prog_name="foi")


__all__ = ["cli", "main", "COMMANDS"]
