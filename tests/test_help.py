"""Every command explains itself: help text with at least one example."""

from __future__ import annotations

import click
import pytest

from foi.cli import COMMANDS, cli


def all_commands():
    ctx = click.Context(cli)
    out = []

    def walk(cmd, path):
        out.append((" ".join(path), cmd))
        if isinstance(cmd, click.Group):
            for name in cmd.list_commands(ctx):
                walk(cmd.get_command(ctx, name), path + [name])

    walk(cli, ["foi"])
    return out


COMMAND_LIST = all_commands()


def test_every_registered_command_exists():
    names = {p.split(" ")[1] for p, _ in COMMAND_LIST if p.count(" ") >= 1}
    assert names == set(COMMANDS)


@pytest.mark.parametrize("path,cmd", COMMAND_LIST, ids=[p for p, _ in COMMAND_LIST])
def test_help_has_text_and_an_example(cli, path, cmd):
    args = path.split(" ")[1:] + ["--help"]
    r = cli(*args)
    assert r.exit_code == 0
    assert "Usage:" in r.stdout
    assert (cmd.help or "").strip(), f"{path} has no help text"
    assert "Example" in r.stdout, f"{path} --help shows no example"
    assert f"{path}" in r.stdout.replace("\n", " ") or path == "foi"


def test_short_help_flag(cli):
    assert "Usage:" in cli("-h").stdout


def test_version(cli):
    assert cli("--version").stdout.startswith("foi ")


def test_unknown_command_is_a_usage_error(cli):
    r = cli("frobnicate", ok=False)
    assert r.exit_code == 2 and r.stderr.startswith("foi: error:") and r.stderr.count("\n") == 1


def test_foi_alone_prints_the_help_and_exits_0(cli):
    """Issue 13, bug 7: it printed the help squashed onto one line after `foi: error:`, exit 2."""
    r = cli()
    assert r.exit_code == 0 and r.stderr == ""
    assert r.stdout.startswith("Usage: ") and " [OPTIONS] COMMAND [ARGS]...\n" in r.stdout  # (in-process: "cli")
    assert "\nCommands:\n" in r.stdout and "  draft " in r.stdout
    r = cli("config")
    assert r.exit_code == 0 and " config [OPTIONS] COMMAND [ARGS]...\n" in r.stdout.split("\n\n")[0] + "\n"
