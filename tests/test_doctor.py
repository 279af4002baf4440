"""`foi doctor`: finds what is wrong with a store; restores its backup."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from foi.app import timeline
from foi.ids import new_uid
from foi.store import SCHEMA_VERSION, attachments_dir, backup_path, open_store, read_store_file

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


def _request(**over):
    rec = {
        "authority_id": "oxford-health",
        "authority_name": "Oxford Health NHS Foundation Trust",
        "authority_kind": "mental_health_trust",
        "nation": "england",
        "regime": "foia",
        "subject": "Staffing",
        "campaign": None,
        "template": "foi",
        "to_email": "foi@oxfordhealth.nhs.uk",
        "email_verified": True,
        "wdtk_url_name": "",
        "created": "2026-10-01",
        "vars": {},
        "findings": {},
        "events": [
            {
                "type": "drafted",
                "date": "2026-10-01",
                "kind": "request",
                "template": "foi",
                "letter": "Dear...",
                "sent_on": "2026-10-02",
            },
            {"type": "sent", "date": "2026-10-02", "via": "email"},
        ],
    }
    rec.update(over)
    return rec


@pytest.fixture
def healthy(store_path, tmp_path):
    """A store with two requests, one with an attached response."""
    answer = tmp_path / "answer.pdf"
    answer.write_bytes(b"%PDF-1.4 the figures you asked for")
    atts = timeline.store_attachments(store_path, [answer])
    with open_store(store_path, write=True) as s:
        s.set_config({"name": "Alex Jones", "email": "alex@example.org"})
    with open_store(store_path, write=True) as s:
        first = _request()
        first["events"] = first["events"] + [
            {"type": "response", "date": "2026-10-20", "outcome": "granted", "attachments": atts}
        ]
        s.add_requests([first, _request(subject="Waiting times")])
    return store_path


def _doctor(cli, *args, input=None):
    r = cli("doctor", *args, ok=False, input=input)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    assert "Traceback" not in r.output
    return r


def _problems(cli, *args):
    r = _doctor(cli, "--json", *args)
    return r.exit_code, json.loads(r.stdout)


def _edit(store_path, fn):
    data = json.loads(store_path.read_text(encoding="utf-8"))
    fn(data)
    store_path.write_text(json.dumps(data), encoding="utf-8")


def test_a_healthy_store(cli, healthy):
    r = _doctor(cli)
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "(2 requests): no problems found" in r.stderr
    code, out = _problems(cli)
    assert code == 0
    assert out["ok"] is True and out["requests"] == 2 and out["problems"] == []


def test_no_store_yet(cli, store_path):
    r = _doctor(cli)
    assert r.exit_code == 0 and "no store" in r.stderr
    assert not store_path.exists()


@pytest.mark.parametrize(
    "damage,says",
    [
        (lambda p: p.write_bytes(p.read_bytes()[:100]), "is truncated"),
        (lambda p: p.write_text("[1, 2]"), "the top level is a JSON array"),
        (
            lambda p: p.write_text('{"requests": {"1": {"id": 1, "events": []}, "1": {"id": 1, "events": []}}}'),
            "the key '1' twice",
        ),
        (lambda p: p.write_text('{"requests": {"1": {"id": 2, "events": []}}}'), "request '1' has the id 2"),
    ],
)
def test_a_broken_store_is_an_error_that_points_at_the_backup(cli, healthy, damage, says):
    damage(healthy)
    before = healthy.read_bytes()
    r = _doctor(cli)
    assert r.exit_code == 1
    errors = [line for line in r.stdout.splitlines() if line.startswith("error: ")]
    assert errors and says in errors[0], r.stdout
    assert "foi doctor --restore-backup" in r.output
    assert healthy.read_bytes() == before


def test_a_store_from_a_newer_foi(cli, healthy):
    _edit(healthy, lambda d: d["meta"]["1"].update(schema_version=7))
    r = _doctor(cli)
    assert r.exit_code == 1
    assert r.stdout.startswith(
        f"error: the store was written by a newer foi (schema 7; this foi understands up to {SCHEMA_VERSION}): upgrade foi"
    )


def test_events_out_of_date_order(cli, healthy):
    def swap(d):
        ev = d["requests"]["2"]["events"]
        ev.append({"type": "acknowledged", "date": "2026-09-30", "uid": new_uid()})

    _edit(healthy, swap)
    code, out = _problems(cli)
    assert code == 1
    [p] = out["problems"]
    assert p["level"] == "error" and p["check"] == "events"
    assert "request 2: events out of date order: acknowledged on 2026-09-30" in p["message"]


def test_an_event_without_a_valid_date(cli, healthy):
    _edit(
        healthy, lambda d: d["requests"]["1"]["events"].append({"type": "note", "date": "31/12/2026", "uid": new_uid()})
    )
    code, out = _problems(cli)
    assert code == 1 and "no valid date" in out["problems"][0]["message"]


def test_a_missing_attachment(cli, healthy):
    for f in attachments_dir(healthy).iterdir():
        f.unlink()
    r = _doctor(cli)
    assert r.exit_code == 1
    assert "error: request 1: attachment answer.pdf is missing" in r.stdout


def test_a_changed_attachment(cli, healthy):
    [f] = list(attachments_dir(healthy).iterdir())
    f.write_bytes(b"%PDF-1.4 figures someone edited")
    r = _doctor(cli)
    assert r.exit_code == 1
    assert "attachment answer.pdf has changed since it was stored (its sha256 does not match)" in r.stdout


def test_an_attachment_record_pointing_outside_the_folder(cli, healthy):
    def evil(d):
        d["requests"]["1"]["events"][-1]["attachments"][0]["file"] = "../../etc/passwd"

    _edit(healthy, evil)
    r = _doctor(cli)
    assert r.exit_code == 1 and "points outside the attachments folder" in r.stdout


def test_unverified_email_on_an_unsent_request_is_a_warning(cli, healthy):
    with open_store(healthy, write=True) as s:
        s.add_requests(
            [
                _request(
                    email_verified=False,
                    to_email="foi@guess.example",
                    events=[{"type": "drafted", "date": "2026-11-01", "kind": "request"}],
                ),
                _request(email_verified=False, to_email="foi@sent.example"),
            ]
        )
    code, out = _problems(cli)
    assert code == 0  # a warning, not an error
    [p] = out["problems"]
    assert p["check"] == "emails" and p["level"] == "warning"
    assert p["message"].startswith("request 3 (Oxford Health NHS Foundation Trust) is not sent yet")
    assert "foi@guess.example is unverified" in p["message"]


def test_holiday_calendar_not_covering_the_coming_year(cli, healthy):
    r = cli("--today", "2045-06-01", "doctor", ok=False)
    assert r.exit_code == 0
    assert "warning: the bank holiday table covers 2000-2045, not the coming year" in r.stdout
    assert "calendar" not in cli("--today", "2044-01-01", "doctor").stdout


def test_stray_temp_files_are_reported_then_cleaned_by_the_next_write(cli, healthy):
    stray = healthy.with_name(".foi-tmp-foi.json-abc123.tmp")
    stray.write_bytes(b"{half a store")
    r = _doctor(cli)
    assert r.exit_code == 0
    assert "warning: an interrupted write left .foi-tmp-foi.json-abc123.tmp" in r.stdout
    cli("config", "set", "organisation", "Alex Jones")
    assert not stray.exists()
    assert _doctor(cli).stdout == ""


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_files_readable_by_others(cli, healthy):
    os.chmod(healthy, 0o644)
    os.chmod(healthy.parent, 0o755)
    r = _doctor(cli)
    assert r.exit_code == 0
    assert f"warning: the file {healthy} can be read by other users (mode 0644): chmod 600" in r.stdout
    assert f"warning: the store folder {healthy.parent} can be read by other users (mode 0755)" in r.stdout


def test_an_old_schema_is_a_warning(cli, store_path):
    store_path.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / "v0.json", store_path)
    os.chmod(store_path, 0o600)
    code, out = _problems(cli)
    assert code == 0
    assert [p["check"] for p in out["problems"]] == ["schema"] + ["emails"]
    assert "older schema 0" in out["problems"][0]["message"]
    assert out["requests"] == 2


def test_a_broken_backup_is_a_warning(cli, healthy):
    backup_path(healthy).write_text("{")
    r = _doctor(cli)
    assert r.exit_code == 0 and "warning: the backup is not usable" in r.stdout


# -- --restore-backup ---------------------------------------------------------


def test_restore_backup_after_confirmation(cli, healthy):
    good_bak = backup_path(healthy).read_bytes()
    healthy.write_bytes(healthy.read_bytes()[:50])
    broken = healthy.read_bytes()
    r = _doctor(cli, "--restore-backup", input="n\n")
    assert r.exit_code == 1 and "aborted; nothing was changed" in r.stderr
    assert healthy.read_bytes() == broken
    r = _doctor(cli, "--restore-backup", input="y\n")
    assert r.exit_code == 0, r.output
    assert "will be replaced by its backup" in r.stderr and "restored" in r.stderr
    assert healthy.read_bytes() == good_bak
    assert healthy.with_name("foi.json.before-restore").read_bytes() == broken
    assert _doctor(cli).exit_code == 0


def test_restore_backup_yes_skips_the_question(cli, healthy):
    healthy.write_text("nonsense")
    r = _doctor(cli, "--restore-backup", "--yes")
    assert r.exit_code == 0 and "restore the backup?" not in r.output
    assert read_store_file(healthy)["config"]["1"]["name"] == "Alex Jones"


def test_restore_refuses_a_broken_backup(cli, healthy):
    backup_path(healthy).write_text('{"requests": 5}')
    before = healthy.read_bytes()
    r = _doctor(cli, "--restore-backup", "--yes")
    assert r.exit_code == 1
    assert r.stderr.startswith("foi: error: the backup cannot be restored") and r.stderr.count("\n") == 1
    assert healthy.read_bytes() == before


def test_restore_without_a_backup(cli, store_path):
    r = _doctor(cli, "--restore-backup", "--yes")
    assert r.exit_code == 1 and "there is no backup" in r.stderr


# -- permanent ids ------------------------------------------------------------


def test_uids_missing_malformed_or_shared(cli, healthy):
    def damage(d):
        d["requests"]["1"]["events"][0]["uid"] = "01abc"
        d["requests"]["2"]["uid"] = d["requests"]["1"]["uid"]
        del d["requests"]["2"]["events"][0]["uid"]

    _edit(healthy, damage)
    code, out = _problems(cli)
    assert code == 1
    found = {(p["level"], p["message"].split(" has ")[1].split(" ")[0]) for p in out["problems"] if p["check"] == "ids"}
    assert found == {("error", "a"), ("error", "the"), ("warning", "no")}


def test_a_healthy_store_has_well_formed_unique_uids(cli, healthy):
    from foi.ids import is_uid

    data = read_store_file(healthy)
    uids = [r["uid"] for r in data["requests"].values()]
    uids += [e["uid"] for r in data["requests"].values() for e in r["events"]]
    assert all(is_uid(u) for u in uids) and len(set(uids)) == len(uids)
    assert _problems(cli)[0] == 0
