"""Issue 13, bugs 3, 6 and 8, each reproduced as the campaign met it."""

from __future__ import annotations

from foi.directory import shipped_authorities

OXFORD = "oxford-health-nhs-foundation-trust"


def _count(kind: str) -> int:
    return sum(1 for a in shipped_authorities().values() if a.get("kind") == kind)


def test_bug3_repeated_kind_tag_and_to_add_up(me, store_path):
    trusts, forces = _count("mental_health_trust"), _count("police_force")
    drafted = me.json("draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "--kind", "police_force")
    assert len(drafted) == trusts + forces  # was: the forces only, silently
    kinds = {d.get("authority_kind") for d in me.json("list")}
    assert kinds == {"mental_health_trust", "police_force"}
    # a kind that matches nothing is an error, not a smaller batch
    before = store_path.read_bytes()
    r = me("draft", "-t", "hiu-scheme", "-s", "x", "--kind", "police_force", "--kind", "polce_force", ok=False)
    assert r.exit_code == 2 and "no authorities of kind 'polce_force'" in r.stderr
    assert store_path.read_bytes() == before
    # --to given twice: both
    two = me.json("draft", "-t", "hiu-scheme", "-s", "Two", "--to", OXFORD, "--to", "kent-police")
    assert [d["authority_id"] for d in two] == [OXFORD, "kent-police"]


def test_bug6_every_letter_can_be_read_again(me):
    rid = me.json("--today", "2026-10-01", "draft", "-t", "hiu-scheme", "--to", OXFORD)[0]["id"]
    me("send", rid, "--on", "2026-10-01")
    me("--today", "2026-11-23", "chase", rid)
    shown = me("show", rid)
    assert "letter 1: request letter drafted" in shown.stdout and "letter 2: chaser letter drafted" in shown.stdout
    assert "2 letters: `foi show 1 --letters`" in shown.stderr
    chaser = me("show", rid, "--letter", "2").stdout
    assert chaser.startswith("Subject: Freedom of Information request - ") and "response overdue" in chaser
    assert "section 10(1)" in chaser
    request = me("show", rid, "--letter", "1").stdout
    assert "Serenity Integrated Mentoring" in request
    both = me("show", rid, "--letters").stdout
    assert "letter 1: request" in both and "letter 2: chaser" in both and "Serenity" in both and "overdue" in both
    r = me("show", rid, "--letter", "3", ok=False)
    assert r.exit_code == 2 and "request 1 has 2 letters: there is no letter 3" in r.stderr


def test_bug8_complaint_does_not_warn_about_the_authoritys_address(me):
    # a shipped police force whose address is not verified (the case in the campaign)
    rid = me.json("--today", "2026-09-01", "draft", "-t", "hiu-scheme", "--to", "kent-police")[0]["id"]
    sent = me("send", rid, "--on", "2026-09-01")
    unverified = "unverified address" in sent.stderr
    me("--today", "2026-09-20", "respond", rid, "--outcome", "refused", "--exemption", "s31")
    me("--today", "2026-09-21", "review", rid, "--grounds", "The public interest favours release.")
    me("--today", "2026-09-21", "send", rid)
    me("--today", "2026-11-23", "complain", rid, "--grounds", "No review decision.")
    r = me("--today", "2026-11-23", "send", rid)
    assert "complaint sent" in r.stdout
    assert "unverified" not in r.stderr  # the complaint went to the ICO, not to the force
    assert unverified  # the request itself did go to the unverified address: that warning was right
