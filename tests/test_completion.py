"""Shell completion of request ids and authority ids (click's built-in completion)."""

from __future__ import annotations

from click.testing import CliRunner

from foi.cli import cli as foi_cli


def complete(words: str, cword: int) -> list[str]:
    r = CliRunner().invoke(
        foi_cli,
        [],
        prog_name="foi",
        env={"_FOI_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(cword)},
    )
    return [line.split(",", 1)[1] for line in r.stdout.splitlines() if "," in line]


def test_request_ids_complete(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "a")
    me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "b")
    assert complete("foi show ", 2) == ["1", "2"]
    assert complete("foi send 2", 2) == ["2"]


def test_authority_ids_complete(cli):
    assert complete("foi draft --to oxf", 3) == ["oxford-health-nhs-foundation-trust"]
    assert "police-scotland" in complete("foi authorities show police-s", 3)


def test_subcommands_complete(cli):
    assert "overdue" in complete("foi ov", 1)
