"""Findings tallied: `foi findings --tally` and campaign declarations (issue 10)."""

from __future__ import annotations

import json

import hiu_campaign as H


def test_tally_counts_match_the_hand_count(hiu):
    out = hiu("findings", "--campaign", "hiu", "--tally").stdout
    assert f"Campaign hiu: {H.TITLE} (47 authorities)" in out
    assert "scheme: stopped 6, kept 14, rebranded 5, not recorded 22" in out
    assert "police_in_team: yes 10, no 10, not recorded 27" in out


def test_tally_json(hiu):
    data = hiu.json("findings", "--campaign", "hiu", "--tally")
    assert data["authorities"] == 47 and data["title"] == H.TITLE
    scheme = data["keys"][0]
    assert scheme["key"] == "scheme" and scheme["declared"] == ["stopped", "kept", "rebranded"]
    assert [(c["value"], c["count"]) for c in scheme["counts"]] == [
        ("stopped", len(H.STOPPED)),
        ("kept", len(H.KEPT)),
        ("rebranded", len(H.REBRANDED)),
        ("not recorded", 47 - 25),
    ]
    assert (scheme["recorded"], scheme["not_recorded"]) == (25, 22)


def test_tally_by_another_finding_and_by_kind(hiu):
    data = hiu.json("findings", "--campaign", "hiu", "--tally", "--by", "police_in_team")
    assert [k["key"] for k in data["keys"]] == ["scheme"]
    groups = {g["group"]: {c["value"]: c["count"] for c in g["counts"]} for g in data["keys"][0]["groups"]}
    # police_in_team yes on 1-10: stopped 3, 8; rebranded 5; kept 1, 2, 4, 6, 7, 9, 10
    assert groups["yes"] == {"stopped": 2, "kept": 7, "rebranded": 1}
    # no on 11-20: stopped 15; rebranded 12, 19; kept 11, 13, 14, 16, 17, 18, 20
    assert groups["no"] == {"stopped": 1, "kept": 7, "rebranded": 2}
    assert groups["not recorded"] == {"stopped": 3, "kept": 0, "rebranded": 2, "not recorded": 22}
    out = hiu("findings", "--campaign", "hiu", "--tally", "--by", "kind").stdout
    assert "Mental health trust\t6\t14\t5\t22\t47" in out


def test_tally_by_a_misspelt_key_suggests(hiu):
    r = hiu("findings", "--campaign", "hiu", "--tally", "--by", "shceme", ok=False)
    assert r.exit_code == 2 and "did you mean scheme?" in r.stderr


def test_tally_needs_a_campaign(hiu):
    r = hiu("findings", "--tally", ok=False)
    assert r.exit_code == 2 and "--tally needs --campaign" in r.stderr


def test_declared_values_refuse_a_typo_with_a_suggestion(hiu, store_path):
    before = store_path.read_bytes()
    r = hiu("finding", "30", "scheme=rebrnaded", ok=False)
    assert r.exit_code == 2
    assert "scheme=rebrnaded is not a value campaign 'hiu' declares; did you mean rebranded?" in r.stderr
    assert "stopped, kept, rebranded" in r.stderr
    assert store_path.read_bytes() == before
    r = hiu("finding", "30", "shceme=kept", ok=False)
    assert r.exit_code == 2 and "did you mean scheme?" in r.stderr
    # case is forgiven and the declared spelling stored
    hiu("finding", "30", "scheme=Kept")
    assert hiu.json("findings", "--campaign", "hiu")[29]["findings"]["scheme"] == "kept"


def test_campaign_set_show_list(hiu):
    shown = hiu.json("campaign", "show", "hiu")
    assert shown["title"] == H.TITLE
    assert shown["findings"] == [
        {"key": "scheme", "values": ["stopped", "kept", "rebranded"]},
        {"key": "police_in_team", "values": ["yes", "no"]},
    ]
    hiu("campaign", "set", "hiu", "--finding", "note")  # free text, added last
    hiu("finding", "4", "note=anything at all")
    listed = hiu.json("campaign", "list")
    assert listed == [{"name": "hiu", "title": H.TITLE, "requests": 47, "declared": True}]
    out = hiu("campaign", "show", "hiu").stdout
    assert "finding note: free text" in out


def test_a_declaration_that_recorded_findings_break_is_refused(hiu, store_path):
    before = store_path.read_bytes()
    r = hiu("campaign", "set", "hiu", "--finding", "scheme=stopped,kept", ok=False)
    assert r.exit_code == 2 and "5 scheme=rebranded" in r.stderr and "44 scheme=rebranded" in r.stderr
    r = hiu("campaign", "set", "hiu", "--finding", "scheme=yes,not recorded", ok=False)
    assert r.exit_code == 2 and "a word the tally uses itself" in r.stderr
    assert store_path.read_bytes() == before


def test_campaign_name_in_the_wrong_case_is_refused(hiu):
    r = hiu("campaign", "set", "HIU", "--title", "x", ok=False)
    assert r.exit_code == 2 and "did you mean hiu?" in r.stderr


def test_an_authority_with_two_requests_counts_once(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "c")
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "c", "--allow-duplicate")
    me("draft", "-t", "hiu-scheme", "--to", "Berkshire Healthcare", "-c", "c")
    me("finding", "1", "scheme=kept")
    me("finding", "2", "scheme=kept", "size=big")
    me("finding", "3", "size=small")
    data = me.json("findings", "--campaign", "c", "--tally")
    assert data["authorities"] == 2
    counts = {k["key"]: {c["value"]: c["count"] for c in k["counts"]} for k in data["keys"]}
    assert counts == {"scheme": {"kept": 1, "not recorded": 1}, "size": {"big": 1, "small": 1}}
    me("finding", "1", "scheme=stopped")
    data = me.json("findings", "--campaign", "c", "--tally")
    assert {c["value"]: c["count"] for c in data["keys"][0]["counts"]} == {"conflicting": 1, "not recorded": 1}
    json.dumps(data)


def test_stats_carries_the_tally(hiu):
    out = hiu("stats", "--campaign", "hiu").stdout
    assert "scheme: stopped 6, kept 14, rebranded 5, not recorded 22" in out
    data = hiu.json("stats", "--campaign", "hiu")
    assert data["findings"]["keys"][0]["counts"][0] == {"value": "stopped", "count": 6}
    # exemptions counted by Act and section: s.31(1)(a) on 21-25 and s 31(3) on 27 are all FOIA s.31
    assert data["figures"]["exemptions"]["value"] == [{"exemption": "FOIA s.31", "requests": 6}]


def test_a_store_with_declarations_is_healthy(hiu):
    r = hiu("doctor", ok=False)
    assert r.exit_code == 0, r.stdout + r.stderr


def test_a_hand_broken_declaration_is_one_clear_error(hiu, store_path):
    import json as _json

    data = _json.loads(store_path.read_text("utf-8"))
    doc = next(iter(data["campaigns"].values()))
    doc["findings"] = "scheme"
    store_path.write_text(_json.dumps(data), "utf-8")
    r = hiu("findings", "--campaign", "hiu", "--tally", ok=False)
    assert r.exit_code == 1 and "declaration of campaign 'hiu' is broken: its findings are not a list" in r.stderr
    assert "internal error" not in r.stderr


def test_grid_shows_findings_in_declared_order(hiu):
    out = hiu("findings", "--campaign", "hiu").stdout.splitlines()
    assert out[0] == "id\tauthority\tscheme\tpolice_in_team"
    assert len(out) == 48
