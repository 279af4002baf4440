"""Settings belong to the person, not the store (issue 13); one settings table
(issue 11.3) behind `foi config`, `--help` and the README."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from foi import settings
from foi.store import backup_path, read_store_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "stores"
DRAFT = ("draft", "-t", "foi", "--to", "oxford-health-nhs-foundation-trust", "-s", "Staffing", "--var", "questions=?")


def _mode(p: Path) -> int:
    return os.stat(p).st_mode & 0o777


def _letter(cli, *store, extra=()) -> str:
    return json.loads(cli(*store, *DRAFT, "--json", *extra).stdout)[0]["letter"]


def test_your_details_go_to_your_own_config_file_not_the_store(cli, store_path):
    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    person = settings.person_config_path()
    assert json.loads(person.read_text()) == {"email": "alex@example.org", "name": "Alex Jones"}
    assert _mode(person) == 0o600 and _mode(person.parent) == 0o700
    assert not store_path.exists()
    assert cli("config", "get", "name").stdout == "Alex Jones\n"
    cli("config", "unset", "email")
    assert json.loads(person.read_text()) == {"name": "Alex Jones"}


def test_a_new_store_drafts_with_your_details_at_once(me, tmp_path):
    """Today a new FOI_STORE refused to draft until name and email were set again."""
    for n in (1, 2):
        letter = _letter(me, "--store", tmp_path / f"campaign{n}" / "foi.json")
        assert "Alex Jones" in letter and "alex@example.org" in letter


def test_a_shared_store_signs_each_members_letters_with_their_own_name(cli, tmp_path, monkeypatch):
    shared = tmp_path / "coalition" / "foi.json"
    for who in ("Alex Jones", "Sam Smith"):
        home = tmp_path / who.split()[0]
        monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
        cli("config", "set", "name", who)
        cli("config", "set", "email", f"{who.split()[0].lower()}@example.org")
        cli("--store", shared, "config", "set", "organisation", "Leeds Mental Health Action")
        letter = _letter(cli, "--store", shared, extra=("--allow-duplicate",))
        assert who in letter and ("Sam" in letter) == (who == "Sam Smith")
    config = read_store_file(shared)["config"]["1"]
    assert config == {"organisation": "Leeds Mental Health Action"}


def test_campaign_settings_stay_with_their_store(me, store_path, tmp_path):
    me("config", "set", "organisation", "Leeds Mental Health Action")
    assert read_store_file(store_path)["config"]["1"] == {"organisation": "Leeds Mental Health Action"}
    other = tmp_path / "other" / "foi.json"
    assert me("--store", other, "config", "get", "organisation", ok=False).exit_code == 1


def _old_store(store_path: Path, **config) -> bytes:
    """A store written by a foi that kept the person's details in the store."""
    store_path.parent.mkdir(mode=0o700)
    data = json.loads((FIXTURES / "v1.json").read_text())
    data["config"] = {"1": config}
    store_path.write_text(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return store_path.read_bytes()


def test_an_old_stores_details_move_to_your_config_without_loss(cli, store_path):
    old = _old_store(store_path, name="Siân Ní Bhriain", email="sian@example.cymru", organisation="Gwynedd Action")
    r = cli(*DRAFT)  # reads the details, then stores the request
    assert "moved your name, email from the store to your own settings" in r.stderr
    assert settings.load_person() == {"name": "Siân Ní Bhriain", "email": "sian@example.cymru"}
    letter = json.loads(cli("show", "5", "--json").stdout)["request"]["events"][0]["letter"]
    assert "Siân Ní Bhriain" in letter
    # the store keeps only the campaign's setting; the version before is its backup
    assert read_store_file(store_path)["config"]["1"] == {"organisation": "Gwynedd Action"}
    assert backup_path(store_path).read_bytes() == old
    cli("config", "set", "organisation", "Gwynedd Action 2")
    assert "name" not in read_store_file(store_path)["config"]["1"]


def test_reading_an_old_store_does_not_change_it(cli, store_path):
    old = _old_store(store_path, name="Siân Ní Bhriain", email="sian@example.cymru")
    assert cli("config", "get", "email").stdout == "sian@example.cymru\n"
    assert store_path.read_bytes() == old


def test_your_own_details_win_over_an_old_stores(me, store_path):
    _old_store(store_path, name="Someone Else", email="else@example.org")
    r = me("config", "set", "organisation", "Leeds")
    assert "removed name 'Someone Else' from the store: yours ('Alex Jones') is used" in r.stderr
    assert settings.load_person() == {"name": "Alex Jones", "email": "alex@example.org"}
    assert read_store_file(store_path)["config"]["1"] == {"organisation": "Leeds"}


def test_a_broken_config_file_is_one_clear_line(cli, store_path):
    path = settings.person_config_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    r = cli(*DRAFT, ok=False)
    assert r.exit_code == 1 and str(path) in r.stderr and "not valid JSON" in r.stderr
    assert r.stderr.count("\n") == 1 and not store_path.exists()
    path.write_text('{"name": ["A"]}')
    assert "not an object of text values" in cli("config", "list", ok=False).stderr


def test_settings_are_checked_by_the_table(cli):
    r = cli("config", "set", "email", "alex at example", ok=False)
    assert r.exit_code == 2 and "does not look like an email address" in r.stderr
    r = cli("config", "set", "name", "  ", ok=False)
    assert r.exit_code == 2 and "name cannot be empty" in r.stderr
    r = cli("config", "set", "lock_timeout", "5", ok=False)  # the environment's only
    assert r.exit_code == 2
    assert not settings.person_config_path().exists()


def test_environment_settings_are_read_through_the_table(cli, store_path, monkeypatch):
    monkeypatch.setenv("FOI_STORE", str(store_path.parent))
    store_path.parent.mkdir()
    r = cli("list", ok=False)
    assert r.exit_code == 2 and "FOI_STORE" in r.stderr and "is a directory" in r.stderr
    monkeypatch.setenv("FOI_STORE", str(store_path))
    monkeypatch.setenv("FOI_TODAY", "31/02/2026")
    r = cli("list", ok=False)
    assert r.exit_code == 2 and "FOI_TODAY" in r.stderr and "no such day" in r.stderr


def test_config_list_says_where_each_file_is(me, store_path):
    out = me("config", "list").stdout
    assert f"store\t{store_path}\n" in out and f"settings\t{settings.person_config_path()}\n" in out
    assert "name\tAlex Jones\n" in out
    listed = me.json("config", "list")
    assert set(listed) == {"store", "holidays", *settings.WRITABLE}


def test_help_lists_every_setting_from_the_table(cli):
    text = cli("config", "--help").stdout
    for spec in settings.SPEC:
        assert (spec.key if spec.writable else spec.env) in text
    top = cli("--help").stdout
    for key in ("store", "templates", "today"):
        assert settings.BY_KEY[key].env in top


def test_the_readme_settings_table_is_the_spec():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- settings-table[^\n]*-->\n(.*?)<!-- /settings-table -->", readme, re.S)
    assert found, "README.md has lost its settings table markers"
    assert found.group(1) == settings.markdown_table(), (
        "regenerate it: python -c 'from foi.settings import *; print(markdown_table())'"
    )


def test_adding_a_setting_is_one_row(monkeypatch):
    row = settings.Setting("smtp.port", "the mail server's port", settings.PERSON, type="integer", default="587")
    monkeypatch.setattr(settings, "SPEC", (*settings.SPEC, row))
    monkeypatch.setitem(settings.BY_KEY, row.key, row)
    assert settings.check("smtp.port", " 0465 ") == "465"
    with pytest.raises(settings.UsageError, match="not a whole number"):
        settings.check("smtp.port", "ssl")
    assert "`smtp.port`" in settings.markdown_table()
    row = settings.Setting("smtp.security", "how to connect", settings.PERSON, choices=("starttls", "ssl"))
    monkeypatch.setitem(settings.BY_KEY, row.key, row)
    with pytest.raises(settings.UsageError, match="must be one of starttls, ssl"):
        settings.check("smtp.security", "tls")
