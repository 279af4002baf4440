"""Issue 13, "Bulk work": every timeline command (send, respond, log,
finding, chase, review, complain) takes the same selection as `send` (ids,
ranges, lists, or --campaign C [--status S] [--authority-kind K]), writes
once, all or nothing, and previews with --dry-run."""

from __future__ import annotations

import pytest

TRUSTS = "mental_health_trust"


@pytest.fixture
def five(me):
    """Five requests to mental health trusts and two to police forces, campaign 'hiu', drafted 2 Nov 2026."""
    me("--today", "2026-11-02", "draft", "-t", "hiu-scheme", "--to", "oxford-health-nhs-foundation-trust",
       "--to", "avon-and-wiltshire-mental-health-partnership-nhs-trust", "--to", "berkshire-healthcare-nhs-foundation-trust",
       "--to", "birmingham-and-solihull-mental-health-nhs-foundation-trust", "--to", "bradford-district-care-nhs-foundation-trust",
       "--to", "thames-valley-police", "--to", "kent-police", "-c", "hiu")  # fmt: skip
    return me


def _events(me, rid):
    return [e["type"] for e in me.json("show", rid)["request"]["events"]]


def test_send_skips_what_was_already_sent_and_says_so(five, store_path):
    five("send", "3", "--on", "2026-11-02")
    r = five("send", "1-5", "--on", "2026-11-03")
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ["1", "2", "4", "5"]
    assert "3 skipped: request 3 was already sent on Mon 2 Nov 2026" in r.stderr
    before = store_path.read_bytes()
    r = five("send", "1-5", ok=False)  # nothing left to do: an error, nothing written
    assert r.exit_code == 1 and "nothing to do: all 5 requests (1-5)" in r.stderr
    assert store_path.read_bytes() == before


def test_respond_refuses_the_whole_command_naming_the_answered(five, store_path):
    five("send", "1-5", "--on", "2026-11-02")
    five("respond", "3", "--outcome", "granted", "--on", "2026-11-20")
    before = store_path.read_bytes()
    r = five("respond", "1-5", "--outcome", "not-held", ok=False)
    assert r.exit_code == 1
    assert r.stderr == (
        "foi: error: request 3 was already answered; nothing was changed "
        "(--replace replaces its response; or leave it out)\n"
    )
    assert store_path.read_bytes() == before
    r = five("respond", "1,2,4,5", "--outcome", "not-held")
    assert len(r.stdout.splitlines()) == 4 and "not-held on Mon 23 Nov 2026, on time" in r.stdout
    five("respond", "1-5", "--outcome", "refused", "--exemption", "s12", "--replace")
    for rid in range(1, 6):
        assert _events(five, rid).count("response") == 1
    assert {v["outcome"] for v in five.json("list")[:5]} == {"refused"}


def test_one_unfit_request_refuses_all_and_names_it(five, store_path):
    five("send", "1,2,4,5")
    before = store_path.read_bytes()
    r = five("log", "1-5", "acknowledged", ok=False)
    assert r.exit_code == 1
    assert "cannot record acknowledged on request 3: it has no sent event yet" in r.stderr
    assert store_path.read_bytes() == before
    r = five("log", "1-3", "5", "acknowledged", "--on", "2026-11-23", ok=False)
    assert "2 of the 4 requests" not in r.stderr and "1 of the 4 requests cannot take this" in r.stderr


def test_dry_run_changes_nothing(five, store_path):
    before = store_path.read_bytes()
    r = five("send", "--campaign", "hiu", "--status", "draft", "--dry-run")
    assert len(r.stdout.splitlines()) == 7 and "dry run: 7 requests would change; nothing was changed" in r.stderr
    five("send", "1-7")
    before = store_path.read_bytes()
    for args in (
        ("respond", "1-7", "--outcome", "granted", "--dry-run"),
        ("log", "1-7", "acknowledged", "--dry-run"),
        ("finding", "1-7", "scheme=none", "--dry-run"),
        ("undo", "1", "--dry-run"),
    ):
        five(*args)
        assert store_path.read_bytes() == before, args


def test_selection_by_campaign_status_and_kind(five, store_path):
    five("send", "1-7", "--on", "2026-11-02")
    five("respond", "1", "--outcome", "granted")
    r = five(
        "log", "--campaign", "hiu", "--status", "awaiting-response", "--authority-kind", "police_force", "acknowledged"
    )
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ["6", "7"]
    r = five("finding", "--campaign", "hiu", "--authority-kind", TRUSTS, "scheme=none")
    assert len(r.stdout.splitlines()) == 5
    # a filter that matches nothing, or ids with filters, write nothing
    before = store_path.read_bytes()
    r = five("log", "--campaign", "hiu", "--status", "withdrawn", "note", "--note", "x", ok=False)
    assert r.exit_code == 1 and "no requests match --campaign hiu --status withdrawn" in r.stderr
    r = five("log", "1", "--campaign", "hiu", "note", "--note", "x", ok=False)
    assert r.exit_code == 2 and "give request ids or --campaign hiu, not both" in r.stderr
    r = five("log", "--campaign", "hi", "note", "--note", "x", ok=False)
    assert "did you mean --campaign hiu?" in r.stderr
    r = five("log", "note", "--note", "x", ok=False)
    assert r.exit_code == 2 and "which requests?" in r.stderr
    assert store_path.read_bytes() == before


def test_findings_on_many(five):
    r = five("finding", "1-3", "scheme=rebranded", "police_in_team=yes")
    assert r.stdout.count("police_in_team=yes, scheme=rebranded") == 3
    r = five("finding", "scheme=x", "2", ok=False)
    assert r.exit_code == 2 and "ids first" in r.stderr


def test_chase_review_and_complain_take_the_selection(five):
    five("send", "1-7", "--on", "2026-10-01")
    five("respond", "6", "7", "--outcome", "refused", "--exemption", "s31", "--on", "2026-10-20")
    r = five("chase", "--campaign", "hiu", "--status", "overdue", "--json")
    assert [x["id"] for x in __import__("json").loads(r.stdout)] == [1, 2, 3, 4, 5]
    r = five("chase", "1-5", ok=False)  # already drafted: nothing left to do
    assert r.exit_code == 2 and "nothing to do: all 5 requests (1-5)" in r.stderr and "--again" in r.stderr
    r = five("chase", "1-6", ok=False)  # 6 was answered: not chaseable, so nothing is drafted
    assert r.exit_code == 1 and "request 6 is answered: nothing is owed by the authority to chase" in r.stderr
    r = five("review", "6", "7", "--grounds", "The figures are not personal data.")
    assert "drafted 2 review letters" in r.stderr
    assert _events(five, 7)[-1] == "drafted"
    r = five("review", "5-7", "--grounds", "x", ok=False)  # 5 was never answered, nor overdue for review
    r = five("complain", "6-7", "--grounds", "x", ok=False)
    assert "none of the 2 requests can take this" in r.stderr and "the ICO expects a review first" in r.stderr
    five("send", "6-7", "--on", "2026-10-21")  # the review letters went
    r = five("--today", "2026-12-18", "complain", "6-7", "--grounds", "x", "--dry-run")
    assert r.stdout.count("Subject: Complaint") == 2 and "dry run: 2 requests would change" in r.stderr
