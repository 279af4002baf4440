"""`foi authorities import-emails` and `foi authorities check` (issue 18)."""

from __future__ import annotations

import json


def show(cli, aid):
    return cli.json("authorities", "show", aid)


def _no_address(cli, kind="hsc_trust"):
    return [a["id"] for a in cli.json("authorities", "list", "--kind", kind) if not a["foi_email"]]


def test_import_emails_fills_empty_addresses_and_never_verifies(cli, tmp_path):
    empty = _no_address(cli, "hsc_trust") + _no_address(cli, "health_board")
    kent = show(cli, "kent-police")["foi_email"]
    f = tmp_path / "found.csv"
    f.write_text(
        "id,name,email,source,checked\n"
        f"{empty[0]},,foi@one.example,https://one.example/foi,2026-11-02\n"
        f",{show(cli, empty[1])['name']},foi@two.example,https://two.example/foi,\n"
        f"kent-police,,{kent.upper()},https://www.kent.police.uk/foi,\n",
        encoding="utf-8",
    )
    out = json.loads(cli("authorities", "import-emails", f, "--json").stdout)
    # Kent's address is the one foi has: only its source and date are updated
    assert (out["added"], out["updated"], out["unchanged"], out["skipped"]) == (0, 3, 0, [])
    one, two = show(cli, empty[0]), show(cli, empty[1])
    assert (one["foi_email"], one["email_verified"], one["email_source"], one["email_checked"]) == (
        "foi@one.example",
        "no",
        "https://one.example/foi",
        "2026-11-02",
    )
    assert (two["foi_email"], two["email_checked"]) == ("foi@two.example", "2026-11-23")  # default: today
    assert (two["kind"], two["nation"], two["regime"]) == (
        show(cli, empty[1])["kind"],
        show(cli, empty[1])["nation"],
        show(cli, empty[1])["regime"],
    )
    a = show(cli, "kent-police")
    assert (a["foi_email"], a["email_source"]) == (kent, "https://www.kent.police.uk/foi")


def test_import_emails_replaces_only_with_replace_showing_old_and_new(cli, tmp_path):
    cli("authorities", "edit", "kent-police", "--verified")
    old = show(cli, "kent-police")["foi_email"]
    f = tmp_path / "found.csv"
    f.write_text("name,email,source\nKent Police,foi@kent.example,https://kent.example/foi\n", encoding="utf-8")
    r = cli("authorities", "import-emails", f)
    assert f"not changed: Kent Police (kent-police): foi_email {old} -> foi@kent.example" in r.stderr
    assert "--replace" in r.stderr
    assert show(cli, "kent-police")["foi_email"] == old
    r = cli("authorities", "import-emails", f, "--replace", "--dry-run")
    assert "would replace Kent Police" in r.stderr and show(cli, "kent-police")["foi_email"] == old
    cli("authorities", "import-emails", f, "--replace")
    a = show(cli, "kent-police")
    assert (a["foi_email"], a["email_verified"], a["email_source"]) == (
        "foi@kent.example",
        "no",
        "https://kent.example/foi",
    )


def test_import_emails_bad_rows_name_the_line_and_write_nothing(cli, tmp_path, store_path):
    cases = [
        ("id,email,source\nno-such-body,a@b.example,https://x.example\n", "found.csv: line 2: unknown authority"),
        ("id,email,source\nkent-police,not-an-email,https://x.example\n", "line 2: 'not-an-email' does not look"),
        ("id,email\nkent-police,a@b.example\n", "line 2: no source for a@b.example"),
        (
            "id,email,source\nkent-police,a@b.example,https://x\nKent Police,c@d.example,https://y\n",
            "line 3: a second address for Kent Police",
        ),
        ('id,email,source\n"kent-police,a@b.example,https://x\n', "line 2: unterminated quote"),
    ]
    for text, message in cases:
        f = tmp_path / "found.csv"
        f.write_text(text, encoding="utf-8")
        r = cli("authorities", "import-emails", f, ok=False)
        assert r.exit_code in (1, 2) and message in r.stderr, (text, r.stderr)
    assert not store_path.exists()


def test_check_a_campaign_says_which_letters_cannot_go_by_email(me):
    target = _no_address(me, "hsc_trust")[0]
    me(
        "draft",
        "-t",
        "hiu-scheme",
        "--to",
        "kent-police",
        "--to",
        "essex-police",
        "--to",
        target,
        "-c",
        "hiu",
        "-s",
        "x",
    )
    me("authorities", "edit", "essex-police", "--verified")
    found = {f["id"]: f for f in me.json("authorities", "check", "--campaign", "hiu")}
    assert set(found) == {"kent-police", "essex-police", target}
    assert found[target]["problems"] == ["no-address"]
    assert found["kent-police"]["problems"] == ["unverified"]
    assert found["kent-police"]["email_source"].startswith("https://")
    assert found["essex-police"]["problems"] == []
    r = me("authorities", "check", "--campaign", "hiu")
    assert "kent-police" in r.stdout and "essex-police" not in r.stdout
    assert "3 authorities: 1 ready to email; 1 no address, 1 unverified" in r.stderr
    r = me("authorities", "check", "--campaign", "hiv", ok=False)
    assert "did you mean --campaign hiu" in r.stderr


def test_check_reports_bounces_and_changed_addresses(me, tmp_path):
    me("draft", "-t", "hiu-scheme", "--to", "kent-police", "-c", "hiu", "-s", "x")
    drafted = show(me, "kent-police")["foi_email"]
    me("authorities", "edit", "kent-police", "--email", "new@kent.example", "--source", "https://kent.example")
    # the mail helper marks a bounce on the authority (email_status = "bouncing")
    from foi.app.authorities import mark_bouncing
    from foi.store import open_store

    with open_store(tmp_path / "store" / "foi.json", write=True) as store:
        mark_bouncing(store, "kent-police")
        mark_bouncing(store, "essex-police")
    [finding] = me.json("authorities", "check", "--campaign", "hiu")
    assert finding["problems"] == ["unverified", "bouncing", "changed"]
    assert f"request 1 was drafted to {drafted}; the address is now new@kent.example" in finding["notes"]
    me("authorities", "edit", "kent-police", "--verified")
    [finding] = me.json("authorities", "check", "--campaign", "hiu")
    assert finding["problems"] == ["changed"]
    essex = me.json("authorities", "check", "--kind", "police_force")
    assert [f["problems"] for f in essex if f["id"] == "essex-police"] == [["unverified", "bouncing"]]
    assert show(me, "essex-police")["nation"] == "england"


def test_warnings_about_an_unverified_address_name_its_source(me):
    kent = show(me, "kent-police")
    r = me("authorities", "show", "kent-police")
    assert f"read on {kent['email_source']} on {kent['email_checked']}" in r.stderr
    r = me("draft", "-t", "hiu-scheme", "--to", "kent-police", "-s", "x")
    assert f"is unverified (read on {kent['email_source']}" in r.stderr
    assert f"(unverified (read on {kent['email_source']}" in me("show", "1").stdout


def test_check_explains_a_missing_address_with_the_shipped_note(me):
    """A body whose FOI page offers only an online form: `check` says so, and where to look."""
    me(
        "draft",
        "-t",
        "hiu-scheme",
        "--to",
        "midlands-partnership-university-nhs-foundation-trust",
        "-c",
        "hiu",
        "-s",
        "x",
    )
    [finding] = me.json("authorities", "check", "--campaign", "hiu")
    assert finding["problems"] == ["no-address"]
    assert finding["foi_email"] == finding["email_source"] == ""
    assert "online access-request portal" in finding["email_note"]
    assert "(see https://mpft.ams-sar.com/, read 2026-11-30)" in finding["email_note"]
    r = me("authorities", "check", "--campaign", "hiu")
    assert "midlands-partnership-university-nhs-foundation-trust: It takes FOI requests through" in r.stderr
    assert "1 authorities: 0 ready to email; 1 no address" in r.stderr


def test_a_new_address_replaces_the_shipped_note(me):
    """The note belongs to the shipped address (or its absence): your own address drops it."""
    aid = "midlands-partnership-university-nhs-foundation-trust"
    assert show(me, aid)["email_note"]
    me("authorities", "edit", aid, "--email", "foi@mpft.example", "--source", "https://mpft.example/foi")
    after = show(me, aid)
    assert (after["foi_email"], after["email_source"], after["email_note"]) == (
        "foi@mpft.example",
        "https://mpft.example/foi",
        "",
    )
    kent = show(me, "kent-police")
    assert "2023 third-party list" in kent["email_note"]
    me("authorities", "edit", "kent-police", "--verified")
    assert show(me, "kent-police")["email_note"] == kent["email_note"]  # same address: the note stays
