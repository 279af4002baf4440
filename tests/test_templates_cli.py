"""`foi templates`."""

from __future__ import annotations

import json


def test_list_shipped(cli):
    names = {t["name"] for t in json.loads(cli("templates", "list", "--json").stdout)}
    assert {
        "foi",
        "foia",
        "foisa",
        "eir",
        "sar",
        "hiu-scheme",
        "chaser",
        "review",
        "complaint",
        "review-chaser",
    } <= names
    assert not any(n.startswith("_") for n in names)


def test_user_folder_overrides(cli, tmp_path):
    tdir = tmp_path / "tpl"
    tdir.mkdir()
    (tdir / "foi.txt.j2").write_text("{# description: my foi | kind: request | regime: auto #}\nMine\n")
    infos = {t["name"]: t for t in json.loads(cli("--templates", tdir, "templates", "list", "--json").stdout)}
    assert infos["foi"]["source"] == "yours"
    assert cli("--templates", tdir, "templates", "show", "foi").stdout.endswith("Mine\n")


def test_show_unknown(cli):
    r = cli("templates", "show", "nope", ok=False)
    assert r.exit_code == 1 and "unknown template" in r.stderr


def test_misspelt_template_suggests_the_close_one(cli):
    r = cli("templates", "show", "chser", ok=False)
    assert r.exit_code == 1 and "did you mean chaser?" in r.stderr
