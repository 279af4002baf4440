"""What `foi overdue` imports on a quiet day (issue 15's start-up target:
at most 1.15x `python -c "import click"`, measured by bench/bench.py): no
deadline engine, no tinydb, no orjson, no template engine.  A test of which
modules load, not of time (speed is measured by bench/ only)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

HEAVY = (
    "tinydb",  # only a command that changes the store
    "orjson",  # only a store over 200 KB
    "hashlib",
    "shutil",
    "tempfile",
    "dataclasses",
    "foi.domain.clock",  # the deadline engine: only when there is a request to assess
    "foi.domain.attention",
    "foi.domain.calendars",
    "foi.store.schema",  # the full checks: only for a store without the writer's receipt
    "jinja2",
    "rich",
    "holidays",
    "dateutil",
    "pathlib",  # (and urllib.parse, ipaddress): the store's path is text until a command needs a Path
)

PROBE = """
import io, json, sys, contextlib
from foi.cli import main
sys.argv = ["foi", "overdue"]
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("store", ["missing", "empty"])
def test_overdue_on_a_quiet_day_imports_nothing_heavy(cli, store_path, store):
    if store == "empty":  # a store with settings and authorities but no request, written by foi
        cli("config", "set", "organisation", "Gwynedd Action")
        cli("authorities", "add", "--name", "Some Council")
        assert store_path.exists()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, env=env, timeout=60)
    assert r.returncode == 0, r.stderr.decode()
    loaded = set(json.loads(r.stdout.decode().splitlines()[-1]))
    heavy = [m for m in HEAVY if m in loaded]
    assert heavy == [], f"foi overdue on a {store} store imported {heavy}"


def test_a_console_run_keeps_what_it_read_until_the_process_ends(cli, store_path, monkeypatch):
    """The console script (FREEZE_STORE) keeps the store and the per-request
    objects a command made until exit, rather than freeing them one by one
    as the command returns; in-process (tests, CliRunner) nothing is kept."""
    from foi.app import context

    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    cli("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    context._KEPT.clear()
    cli("list", "--json")
    assert context._KEPT == []
    monkeypatch.setattr(context, "FREEZE_STORE", True)
    cli("list", "--json")
    kinds = [type(x).__name__ for x in context._KEPT]
    context._KEPT.clear()
    assert kinds == ["Store", "list"]
