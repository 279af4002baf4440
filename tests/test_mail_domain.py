"""The pure mail decisions: token, classification, matching (foi.domain.mail)."""

from __future__ import annotations

from datetime import datetime, timezone

import mail_samples as samples

from foi.domain.mail import classify as c
from foi.domain.mail.match import REFERENCE, THREAD, TOKEN, build_index, match
from foi.domain.mail.model import Incoming
from foi.domain.mail.token import normalise, token_for, tokens_in, with_marker
from foi.mail.parse import parse

UID_A = "01JDQ7X8K4M2N3P5Q6R7S8T9VW"
UID_B = "01JDQ7X8K4M2N3P5Q6R7S8T9VX"


def test_token_is_stable_short_and_differs_per_request():
    a, b = token_for(UID_A), token_for(UID_B)
    assert a == token_for(UID_A.lower()) and len(a) == 8 and a != b
    assert a == "mv2ns3dh"  # pinned: a token must never change (replies carry it for years)


def test_token_read_back_through_typing_slips():
    t = token_for(UID_A)
    assert normalise(t.upper()) == t
    assert tokens_in(f"Re: x [FOI {t.upper()}]", ()) == [t]
    assert tokens_in("x", [f"alex+foi-{t}@example.org"]) == [t]
    assert with_marker(with_marker("Crisis", t), t) == f"Crisis [foi {t}]"


def _req(rid, uid, **extra):
    return {"id": rid, "uid": uid, "subject": "Crisis team staffing", "to_email": samples.AUTH, "events": [], **extra}


def _parsed(raw):
    return parse(raw).incoming


def test_classification_order_bounce_first():
    assert c.classify(_parsed(samples.bounce("<x@y>"))).kind == c.BOUNCE
    ack = c.classify(_parsed(samples.acknowledgement("abcdefgh")))
    assert (ack.kind, ack.auto_kind) == (c.AUTO_REPLY, c.ACKNOWLEDGEMENT)
    assert c.classify(_parsed(samples.threaded("<x@y>"))).kind == c.REPLY


def test_an_automatic_message_that_carries_the_answer_is_a_reply():
    raw = samples.acknowledgement("abcdefgh", body="Please find attached our response. Section 40(2) applies.\n")
    assert c.classify(_parsed(raw)).kind == c.REPLY


def test_out_of_office():
    m = Incoming(subject="Out of Office: FOI", headers={"auto-submitted": "auto-replied"})
    assert c.classify(m).auto_kind == c.OUT_OF_OFFICE


def test_a_delay_warning_is_not_a_failure():
    m = Incoming(content_type="multipart/report", report_type="delivery-status", dsn_actions=("delayed",))
    v = c.classify(m)
    assert v.kind == c.BOUNCE and not v.permanent


def test_reference_found_but_not_our_own_token():
    assert c.find_reference("Automatic reply [foi 3k9m2a7q]", "Our reference is FOI-881.") == "FOI-881"
    assert c.find_reference("Acknowledgement", "Your case number: 2026/00123 has been logged") == "2026/00123"
    assert c.find_reference("Hello [foi 3k9m2a7q]", "Thanks") is None


def test_matching_order_thread_token_reference():
    t_a, t_b = token_for(UID_A), token_for(UID_B)
    reqs = [
        _req(1, UID_A, events=[{"type": "sent", "message_id": "<ours-1@example.org>"}]),
        _req(2, UID_B, events=[{"type": "acknowledged", "ref": "FOI-881"}]),
    ]
    index = build_index(reqs)
    got = match(_parsed(samples.threaded("<ours-1@example.org>")), index)
    assert (got.uids, got.how) == ((UID_A,), THREAD)
    assert match(_parsed(samples.plus_addressed(t_b)), index).uids == (UID_B,)
    got = match(_parsed(samples.subject_marker(t_a)), index)
    assert (got.uids, got.how) == ((UID_A,), TOKEN)
    by_ref = samples._base("FOI-881 response").as_bytes()
    got = match(_parsed(by_ref), index)
    assert (got.uids, got.how) == ((UID_B,), REFERENCE)
    bounce = match(_parsed(samples.bounce("<ours-1@example.org>")), index)
    assert bounce.uids == (UID_A,)


def test_unmatched_gets_a_suggestion_never_a_match():
    index = build_index([_req(1, UID_A), _req(2, UID_B, subject="Bed numbers")])
    got = match(_parsed(samples._base("Re: crisis team staffing figures").as_bytes()), index)
    assert got.uids == () and got.guess == UID_A
    got = match(_parsed(samples.unmatched()), index)
    assert got.uids == () and got.guess is None
    slip = token_for(UID_A)[:-1] + ("0" if token_for(UID_A)[-1] != "0" else "1")
    got = match(_parsed(samples.subject_marker(slip)), index)
    assert got.uids == () and got.guess == UID_A


def test_one_answer_to_several_requests_belongs_to_each():
    index = build_index([_req(1, UID_A), _req(2, UID_B)])
    raw = samples._base(f"Answers [foi {token_for(UID_A)}] [foi {token_for(UID_B)}]").as_bytes()
    assert set(match(_parsed(raw), index).uids) == {UID_A, UID_B}


def test_bcc_reply_found_in_received_header():
    t = token_for(UID_A)
    raw = samples._base("Your request", to="undisclosed-recipients:;").as_bytes()
    raw = (
        f"Received: from mx by mail.example.org for <alex+foi-{t}@example.org>; Tue, 24 Nov 2026 10:00:00 +0000\n".encode()
        + raw
    )
    assert match(_parsed(raw), build_index([_req(1, UID_A)])).uids == (UID_A,)


def test_date_is_aware():
    assert _parsed(samples.threaded("<x@y>")).date == datetime(2026, 11, 24, 10, 0, tzinfo=timezone.utc)
