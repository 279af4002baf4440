"""`foi merge` and `foi resolve` on real store files."""

from __future__ import annotations

import json
import shutil

import pytest

from foi.store import read_store_file


@pytest.fixture
def three(me, store_path, tmp_path):
    """A shared store with one sent request, and two members' copies of it."""
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "Crisis team staffing", "-c", "hiu")
    me("send", "1", "--on", "2/11/2026")
    copies = {}
    for who in ("alex", "sam"):
        folder = tmp_path / who
        folder.mkdir(mode=0o700)
        shutil.copyfile(store_path, folder / "foi.json")
        (folder / "foi.json").chmod(0o600)
        shutil.copytree(store_path.with_name("letters"), folder / "letters")  # (a store is its folder's files)
        copies[who] = folder / "foi.json"
    base = tmp_path / "base.json"
    shutil.copyfile(store_path, base)
    return base, copies["alex"], copies["sam"]


@pytest.fixture
def on(cli, monkeypatch, tmp_path):
    """Run foi on a member's store with that member's own settings (their
    name on their letters): ``sam/foi.json`` with Sam's app folder."""
    for who, name in (("alex", "Alex Jones"), ("sam", "Sam Smith")):
        folder = tmp_path / f"{who}-config" / "foi"
        folder.mkdir(parents=True, mode=0o700)
        (folder / "config.json").write_text(json.dumps({"name": name, "email": f"{who}@example.org"}))

    def run(path, *args, ok=True):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / f"{path.parent.name}-config"))
        return cli("--store", path, *args, ok=ok)

    return run


def test_merging_keeps_both_sides_renumbers_and_records_the_conflict(cli, on, three):
    base, alex, sam = three
    draft = ("draft", "-t", "hiu-scheme", "-s", "Crisis team staffing", "-c", "hiu", "--to")
    on(alex, *draft, "Police Scotland")
    on(sam, *draft, "british-transport-police")
    on(alex, "finding", "1", "scheme=kept")
    on(sam, "finding", "1", "scheme=rebranded")
    on(sam, "log", "1", "acknowledged", "--on", "3/11/2026")
    r = cli("merge", base, alex, sam)
    assert "request 2 from Sam Smith is now 3" in r.stderr
    assert "1 conflict(s) recorded" in r.stderr
    data = read_store_file(alex)
    assert sorted(data["requests"]) == ["1", "2", "3"]
    assert [e["type"] for e in data["requests"]["1"]["events"]] == ["sent", "acknowledged", "drafted"]  # date order
    assert data["meta"]["1"]["next_id"] == 4
    listing = on(alex, "list")
    assert "1!" in listing.stdout and "foi resolve 1" in listing.stderr
    doc = on(alex, "doctor", "--json")
    assert doc.exit_code == 0
    problems = [p for p in json.loads(doc.stdout)["problems"] if p["check"] != "emails"]  # (unverified addresses)
    assert [p["check"] for p in problems] == ["conflicts"] and "finding scheme" in problems[0]["message"]
    shown = on(alex, "resolve", "1").stdout
    assert "1. kept" in shown and "2. rebranded" in shown
    on(alex, "resolve", "1", "2")
    assert read_store_file(alex)["requests"]["1"]["findings"] == {"scheme": "rebranded"}
    problems = json.loads(on(alex, "doctor", "--json").stdout)["problems"]
    assert [p for p in problems if p["check"] != "emails"] == []
    assert alex.with_name("foi.json.bak").exists()


def test_a_side_that_cannot_be_read_changes_nothing(cli, on, three):
    base, alex, sam = three
    sam.write_text('{"requests": {"1": {"id": 1, "events": []}}')  # cut short
    before = alex.read_bytes()
    r = cli("merge", base, alex, sam, ok=False)
    assert r.exit_code == 1 and "foi: error:" in r.stderr and str(sam) in r.stderr
    assert alex.read_bytes() == before


def test_two_members_drafting_to_one_authority_is_a_conflict_settled_by_dropping_one(cli, on, three):
    base, alex, sam = three
    args = ("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "Crisis team staffing", "-c", "hiu")
    on(alex, *args)
    on(sam, *args)
    cli("merge", base, alex, sam)
    shown = on(alex, "resolve", "2").stdout
    assert "drafted apart to the same authority" in shown and "keep them all" in shown
    on(alex, "resolve", "2", "2")  # keep request 2, drop 3
    data = read_store_file(alex)
    assert sorted(data["requests"]) == ["1", "2"] and "conflicts" not in data["requests"]["2"]
    # the guard still refuses a third letter to the same authority
    r = on(alex, *args, ok=False)
    assert r.exit_code == 2 and "already has a request" in r.stderr


def test_a_sent_request_is_never_dropped(cli, on, three):
    base, alex, sam = three
    args = ("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "Crisis team staffing", "-c", "hiu")
    on(alex, *args)
    on(sam, *args)
    on(sam, "send", "2", "--on", "3/11/2026")
    cli("merge", base, alex, sam)
    sent = next(r["id"] for r in read_store_file(alex)["requests"].values() if len(r["events"]) == 2 and r["id"] != 1)
    keep_other = 2 if sent == 3 else 3  # the choice that drops the sent one
    r = on(alex, "resolve", "2", str(keep_other), ok=False)
    assert r.exit_code == 1 and "cannot be dropped" in r.stderr


def test_attached_files_come_across(cli, on, three, tmp_path):
    base, alex, sam = three
    pdf = tmp_path / "answer.pdf"
    pdf.write_bytes(b"%PDF-1.4 the answer")
    on(sam, "respond", "1", "--outcome", "granted", "--on", "20/11/2026", "--file", pdf)
    r = cli("merge", base, alex, sam)
    assert "copied 1 attached file" in r.stderr
    [name] = [p.name for p in (alex.parent / "attachments").iterdir()]
    assert (alex.parent / "attachments" / name).read_bytes() == pdf.read_bytes()
    assert json.loads(on(alex, "doctor", "--json").stdout)["problems"] == []


def test_settings_conflict_is_settled_with_resolve_settings(cli, on, three):
    base, alex, sam = three
    on(alex, "config", "set", "organisation", "HIU Watch")
    on(sam, "config", "set", "organisation", "StopSIM")
    cli("merge", base, alex, sam)
    doc = json.loads(on(alex, "doctor", "--json").stdout)["problems"]
    assert [p["message"].split(":")[0] for p in doc] == ["settings"]
    on(alex, "resolve", "settings", "--value", "StopSIM coalition")
    assert on(alex, "config", "get", "organisation").stdout.strip() == "StopSIM coalition"


def test_bringing_an_existing_store_into_a_new_shared_one(cli, on, three, tmp_path):
    base, alex, sam = three
    shared = tmp_path / "hiu" / "foi.json"
    r = cli("merge", "/dev/null", shared, alex)
    assert f"merged: 1 requests in {shared}" in r.stderr
    assert read_store_file(shared)["requests"] == read_store_file(alex)["requests"]
    assert oct(shared.stat().st_mode & 0o777) == "0o600"


def test_a_conflicts_field_of_the_wrong_type_is_refused_like_any_other(cli, on, three):
    base, alex, sam = three
    data = json.loads(alex.read_text())
    data["requests"]["1"]["conflicts"] = ["not a record"]
    alex.write_text(json.dumps(data))
    r = on(alex, "finding", "1", "a=b", ok=False)
    assert r.exit_code == 1 and "conflicts" in r.stderr


def test_a_response_recorded_by_two_members_differently_is_settled_by_keeping_one(cli, on, three):
    base, alex, sam = three
    on(alex, "respond", "1", "--outcome", "granted", "--on", "20/11/2026")
    on(sam, "respond", "1", "--outcome", "refused", "--exemption", "s12", "--on", "21/11/2026")
    cli("merge", base, alex, sam)
    shown = on(alex, "show", "1").stdout
    assert "Conflict:  2 response events were recorded apart" in shown
    described = json.loads(on(alex, "resolve", "1", "--json").stdout)
    assert described["choices"] == [
        "keep only the response of 2026-11-20 (granted)",
        "keep only the response of 2026-11-21 (refused)",
        "keep them all",
    ]
    r = on(alex, "resolve", "1", "2", "--value", "x", ok=False)
    assert r.exit_code == 2 and "--value only settles a field" in r.stderr
    on(alex, "resolve", "1", "2")
    events = read_store_file(alex)["requests"]["1"]["events"]
    assert [(e["type"], e.get("outcome")) for e in events if e["type"] == "response"] == [("response", "refused")]
    r = on(alex, "resolve", "1", ok=False)
    assert r.exit_code == 2 and "has no conflicts" in r.stderr


def test_a_member_still_on_an_older_foi_merges_without_doubling_anything(cli, on, tmp_path):
    """The shared store was written by a foi before permanent ids; one member
    upgraded (and drafted), the other's copy is still the old layout (with a
    note added by hand): the old requests are matched, not doubled."""
    from pathlib import Path

    old = Path(__file__).parent / "fixtures" / "stores" / "v1.json"
    paths = {}
    for who in ("base", "alex", "sam"):
        paths[who] = tmp_path / who / "foi.json"
        paths[who].parent.mkdir(mode=0o700)
        shutil.copyfile(old, paths[who])
        paths[who].chmod(0o600)
    on(paths["alex"], *("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-s", "Crisis team staffing"))
    assert read_store_file(paths["alex"])["meta"]["1"]["schema_version"] > 1
    data = json.loads(paths["sam"].read_text())
    data["requests"]["1"]["events"].append({"type": "note", "date": "2026-09-30", "note": "phoned them"})
    paths["sam"].write_text(json.dumps(data))
    cli("merge", paths["base"], paths["alex"], paths["sam"])
    merged = read_store_file(paths["alex"])
    assert sorted(merged["requests"]) == ["1", "2", "5"]
    assert [e["type"] for e in merged["requests"]["1"]["events"]] == ["drafted", "sent", "response", "note"]
    assert not any(r.get("conflicts") for r in merged["requests"].values())
