"""`foi authorities add / edit / import / import-emails / check` (issues 13.1, 14.6, 14.9, 18)."""

from __future__ import annotations

import json

import pytest


def show(cli, aid):
    return cli.json("authorities", "show", aid)


# -- issue 13, bug 1: correcting a shipped authority ------------------------


def test_add_refuses_an_existing_id_and_changes_nothing(cli, store_path):
    # the exact command the old --help suggested, which turned Police Scotland English
    r = cli(
        "authorities",
        "add",
        "--id",
        "police-scotland",
        "--name",
        "Police Scotland",
        "--email",
        "foi@scotland.police.uk",
        "--verified",
        ok=False,
    )
    assert r.exit_code == 2
    assert "already an authority with the id police-scotland" in r.stderr
    assert "foi authorities edit police-scotland" in r.stderr
    a = show(cli, "police-scotland")
    assert (a["kind"], a["nation"], a["regime"], a["source"]) == ("police_force", "scotland", "foisa", "shipped")


def test_edit_changes_only_what_is_given(cli):
    before = show(cli, "police-scotland")
    r = cli(
        "authorities",
        "edit",
        "police-scotland",
        "--email",
        "foi@scotland.police.uk",
        "--source",
        "https://www.scotland.police.uk/foi",
        "--verified",
    )
    assert "foi_email:" in r.stderr
    a = show(cli, "police-scotland")
    assert (a["kind"], a["nation"], a["regime"]) == ("police_force", "scotland", "foisa")
    assert (a["foi_email"], a["email_verified"], a["source"]) == ("foi@scotland.police.uk", "yes", "edited")
    assert a["email_source"] == "https://www.scotland.police.uk/foi"
    assert a["email_checked"] == "2026-11-23"  # the suite's today: the day the user confirmed it
    for field in ("name", "police_api_id", "wdtk_url_name", "home_page", "tags"):
        assert a[field] == before[field]
    police = cli.json("authorities", "list", "--kind", "police_force")
    assert "police-scotland" in [p["id"] for p in police]


def test_me_draft_to_an_edited_scottish_force_stays_foisa(me):
    me("authorities", "edit", "police-scotland", "--email", "foi@scotland.police.uk", "--verified")
    [draft] = me.json("draft", "-t", "hiu-scheme", "--to", "police-scotland", "-s", "x")
    assert draft["regime"] == "foisa" and draft["email_verified"] is True


def test_edit_verified_alone_confirms_the_shipped_address(cli):
    address = show(cli, "kent-police")["foi_email"]
    cli("authorities", "edit", "kent-police", "--verified")
    a = show(cli, "kent-police")
    assert (a["foi_email"], a["email_verified"]) == (address, "yes")
    cli("authorities", "edit", "kent-police", "--unverified")
    assert show(cli, "kent-police")["email_verified"] == "no"


def test_a_new_address_starts_unverified_and_without_the_old_source(cli):
    cli("authorities", "edit", "kent-police", "--verified")
    cli("authorities", "edit", "kent-police", "--email", "new@kent.police.example")
    a = show(cli, "kent-police")
    assert (a["foi_email"], a["email_verified"], a["email_source"]) == ("new@kent.police.example", "no", "")


def test_edit_refuses_nothing_to_do_and_bad_values(cli):
    r = cli("authorities", "edit", "kent-police", ok=False)
    assert r.exit_code == 2 and "nothing to change" in r.stderr
    r = cli("authorities", "edit", "kent-police", "--email", "not-an-address", ok=False)
    assert r.exit_code == 2 and "does not look like an email address" in r.stderr
    empty = next(a["id"] for a in cli.json("authorities", "list") if not a["foi_email"])
    r = cli("authorities", "edit", empty, "--verified", ok=False)
    assert r.exit_code == 2 and "no address to verify" in r.stderr
    r = cli("authorities", "edit", "kent-police", "--checked", "30/11/2026", "--email", "a@b.example", ok=False)
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr


def test_edit_your_own_authority(cli):
    cli("authorities", "add", "--name", "Leeds City Council", "--kind", "council", "--email", "foi@leeds.example")
    cli("authorities", "edit", "Leeds City Council", "--nation", "england", "--tag", "yorkshire")
    a = show(cli, "leeds-city-council")
    assert (a["kind"], a["foi_email"], a["tags"], a["source"]) == (
        "council",
        "foi@leeds.example",
        ["yorkshire"],
        "yours",
    )
    assert a["email_checked"] == "2026-11-23"


# -- issue 14.6: an imported file never takes over a shipped authority -------


def test_import_cannot_take_over_a_shipped_authority(cli, tmp_path):
    before = show(cli, "kent-police")
    attack = tmp_path / "attack.csv"
    attack.write_text(
        "id,name,foi_email,email_verified\n"
        "kent-police,Kent Police,foi@attacker.example,yes\n"
        "new-body,New Body,foi@new.example,yes\n",
        encoding="utf-8",
    )
    r = cli("authorities", "import", attack)
    assert "not changed: Kent Police (kent-police): foi_email " in r.stderr
    assert f"{before['foi_email']} -> foi@attacker.example" in r.stderr
    assert "--replace" in r.stderr
    assert show(cli, "kent-police") == before
    assert show(cli, "new-body")["email_verified"] == "no"  # never trusted from a file

    r = cli("authorities", "import", attack, "--replace")
    assert "replaced Kent Police (kent-police)" in r.stderr
    a = show(cli, "kent-police")
    assert (a["foi_email"], a["email_verified"], a["nation"]) == ("foi@attacker.example", "no", "england")


def test_import_dry_run_writes_nothing(cli, tmp_path, store_path):
    f = tmp_path / "a.csv"
    f.write_text("Name,Tags\nBarsetshire Council,council\n", encoding="utf-8")
    out = json.loads(cli("authorities", "import", f, "--dry-run", "--json").stdout)
    assert out["dry_run"] is True and out["added"] == 1
    assert not store_path.exists() or "barsetshire" not in store_path.read_text()


# -- issue 14.9: strict CSV ---------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ('Name,Tags\n"Leeds Council,council\nBradford,council\nWakefield,council\n', "line 2: unterminated quote"),
        ('Name,Tags\n"Leeds"junk,council\n', "line 2: text after the closing quote"),
        ('Name,Tags\nLe"eds,council\n', "line 2: a quote inside an unquoted field"),
    ],
)
def test_import_reads_strictly(cli, tmp_path, store_path, text, message):
    f = tmp_path / "bad.csv"
    f.write_text(text, encoding="utf-8")
    r = cli("authorities", "import", f, ok=False)
    assert r.exit_code == 1 and message in r.stderr and r.stderr.startswith("foi: error: bad.csv: ")
    assert not store_path.exists()


def test_quoted_fields_with_commas_quotes_and_line_breaks_are_fine(cli, tmp_path):
    f = tmp_path / "ok.csv"
    f.write_text('Name,Tags\r\n"Leeds, City ""Council""",council\r\n"Bradford\nCouncil",council\r\n', encoding="utf-8")
    out = json.loads(cli("authorities", "import", f, "--json").stdout)
    assert out["ids"] == ["leeds-city-council", "bradford-council"]
