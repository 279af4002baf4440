"""Shared fixtures: every test gets its own store, a fixed today, no network."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """A temporary store and app folder, today = 23 Nov 2026, colour off."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("FOI_STORE", str(tmp_path / "store" / "foi.json"))
    monkeypatch.setenv("FOI_TODAY", TODAY)
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "2")
    monkeypatch.delenv("FOI_TEMPLATES", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("EDITOR", "true")
    return tmp_path


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that opens a network connection: nothing leaves the machine."""

    def guard(*args, **kwargs):
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket.socket, "connect_ex", guard)
    monkeypatch.setattr(socket, "create_connection", guard)


@pytest.fixture
def store_path(isolated) -> Path:
    return isolated / "store" / "foi.json"


class Cli:
    """Runs `foi` in-process through click's CliRunner."""

    def __init__(self):
        self.runner = CliRunner()

    def __call__(self, *args, input=None, ok=True):
        from foi.cli import cli

        result = self.runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
        if ok is True and result.exit_code != 0:
            raise AssertionError(
                f"foi {' '.join(map(str, args))} exited {result.exit_code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}"
            )
        return result

    def json(self, *args):
        return json.loads(self(*args, "--json").stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def me(cli):
    """A requester with a name and an email set."""
    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    return cli


# Real SMTP and IMAP servers on 127.0.0.1 (tests/servers/): the fixtures
# loopback, smtp_server, dovecot_server and imap_account.
from servers.fixtures import _cert_folder, dovecot_server, imap_account, loopback, smtp_server  # noqa: E402, F401


# A 47-trust campaign with findings on 25 (tests/hiu_campaign.py), built once
# per session and copied into each test that asks for it.
@pytest.fixture(scope="session")
def _hiu_built(tmp_path_factory):
    import hiu_campaign

    folder = tmp_path_factory.mktemp("hiu")
    (folder / "home").mkdir()
    env = {
        "HOME": str(folder / "home"),
        "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
        "FOI_STORE": str(folder / "store" / "foi.json"),
        "FOI_TODAY": TODAY,
    }
    cli = Cli()
    cli.runner = CliRunner(env=env)
    hiu_campaign.build(cli, folder)
    return folder


@pytest.fixture
def hiu(_hiu_built, isolated, cli):
    """The built campaign, in this test's own store; returns the Cli."""
    import hiu_campaign

    hiu_campaign.copy_into(_hiu_built, isolated)
    return cli
