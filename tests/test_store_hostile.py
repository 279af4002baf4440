"""Hand-edited and hostile stores (issue 14, items 1, 2 and 12): the reader
refuses each with one line naming the file, `foi doctor` flags exactly the
same problem as an error, and nothing is ever written over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

import foi.store as st
from foi.errors import StoreError
from foi.store import backup_path, open_store, read_store_file
from foi.store import schema as sc

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


def _request(**over) -> dict:
    rec = {
        "authority_id": "oxford-health",
        "authority_name": "Oxford Health NHS Foundation Trust",
        "authority_kind": "mental_health_trust",
        "nation": "england",
        "regime": "foia",
        "subject": "Staffing",
        "campaign": "hiu",
        "template": "foi",
        "to_email": "foi@oxfordhealth.nhs.uk",
        "email_verified": True,
        "wdtk_url_name": "",
        "created": "2026-10-01",
        "vars": {},
        "findings": {"beds": "12"},
        "events": [
            {"type": "drafted", "date": "2026-10-01", "kind": "request", "template": "foi", "letter": "Dear..."},
            {"type": "sent", "date": "2026-10-02", "via": "email"},
        ],
    }
    rec.update(over)
    return rec


@pytest.fixture
def two(cli, store_path) -> Path:
    """A canonical store with config and two requests, written twice (so it has a .bak)."""
    with open_store(store_path, write=True) as s:
        s.set_config({"name": "Alex Jones", "email": "alex@example.org"})
    with open_store(store_path, write=True) as s:
        s.add_requests([_request(), _request(subject="Waiting times")])
    return store_path


def _one_line_error(r) -> str:
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    err = r.stderr.strip()
    assert err.startswith("foi: error: "), err
    assert "\n" not in err and "internal error" not in err, err
    return err


def _refused_everywhere(cli, path: Path, says: str) -> None:
    """Read commands and a write refuse it; doctor flags it; nothing is written."""
    before = path.read_bytes()
    for args in (
        ("list",),
        ("list", "--json"),
        ("show", "1"),
        ("overdue",),
        ("stats",),
        ("config", "set", "organisation", "X"),
    ):
        r = cli(*args, ok=False)
        assert r.exit_code == 1, (args, r.output)
        err = _one_line_error(r)
        assert says in err and str(path) in err, (args, err)
        assert path.read_bytes() == before
    r = cli("doctor", "--json", ok=False)
    assert r.exit_code == 1, r.output
    found = [p["message"] for p in json.loads(r.stdout)["problems"] if p["level"] == "error"]
    assert any(says in m for m in found), found


# -- 14.1: an entry or a key written twice, in any layout ----------------------


def test_a_one_line_table_cannot_hide_a_request_written_twice(cli, two):
    """The old check counted entry lines: a table on one line made room for a
    second request 2 in the canonical layout below it."""
    data = json.loads(two.read_text())
    text = st.dumps(data)
    meta = json.dumps(data["meta"]).encode()
    text = text.replace(st.dumps(data["meta"])[:-1].replace("\n", "\n  "), meta.decode())
    second = '    "2": {\n      "events": [],\n      "id": 2,\n      "regime": "foia"\n    },\n    "2": {'
    text = text.replace('    "2": {', second, 1)
    two.write_text(text)
    assert text.count('"2": {') == 2 and '"meta": {"1": ' in text
    _refused_everywhere(cli, two, "the key '2' twice")


def test_a_key_written_twice_inside_a_request_is_refused(cli, two):
    """A hand-merge that kept both sides' findings."""
    text = two.read_text()
    text = text.replace('"findings": {', '"findings": {\n        "beds": "9"\n      },\n      "findings": {', 1)
    two.write_text(text)
    _refused_everywhere(cli, two, "the key 'findings' twice")


_json = hs.recursive(
    hs.none() | hs.booleans() | hs.integers(-(2**70), 2**70) | hs.text(max_size=6),
    lambda c: hs.lists(c, max_size=3) | hs.dictionaries(hs.sampled_from("abcd"), c, max_size=3),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(_json, hs.integers(0, 10_000), hs.booleans())
def test_the_fast_parse_agrees_with_the_exact_one(value, where, one_line):
    """Property: whatever the bytes (canonical or not, a key doubled or not),
    the fast path accepts exactly what json with a duplicate-refusing hook
    accepts, and gives the same data."""
    doc = {"requests": {"1": {"id": 1, "x": value}}}
    raw = st.dump_bytes(doc) if not one_line else json.dumps(doc).encode()
    # double one key somewhere, if any (a hand-merge)
    keys = [
        i for i in range(len(raw)) if raw[i : i + 2] in (b'"a', b'"b', b'"c', b'"d') and raw[i + 2 : i + 4] == b'":'
    ]
    if keys and where % 2:
        i = keys[where % len(keys)]
        raw = raw[:i] + raw[i : i + 3] + b" 0, " + raw[i:]
    try:
        exact = json.loads(raw, object_pairs_hook=st.codec.no_duplicate_keys)
    except ValueError:
        exact = "refused"
    try:
        fast = st.parse_store_bytes(raw)
    except ValueError:
        fast = "refused"
    assert fast == exact


# -- 14.2: integers beyond 64 bits stay exact -----------------------------------


def test_integers_beyond_64_bits_stay_exact_across_an_unrelated_write(cli, two):
    big = 2**64 + 1
    data = json.loads(two.read_text())
    data["requests"]["1"]["findings"]["count"] = big
    data["requests"]["2"]["findings"]["debt"] = -(2**70)
    two.write_bytes(st.dump_bytes(data))
    cli("config", "set", "organisation", "Someone Else")
    after = json.loads(two.read_text())
    assert after["requests"]["1"]["findings"]["count"] == big
    assert after["requests"]["2"]["findings"]["debt"] == -(2**70)
    assert "18446744073709551617" in cli("show", "1", "--json").stdout


def test_a_huge_id_counter_still_gives_a_readable_store(me, two):
    data = json.loads(two.read_text())
    data["meta"]["1"]["next_id"] = 2**64
    two.write_bytes(st.dump_bytes(data))
    me(
        "draft",
        "-t",
        "foi",
        "--to",
        "Oxford Health",
        "--subject",
        "Beds",
        "--var",
        "questions=How many?",
        "--allow-duplicate",
    )
    ids = [r["id"] for r in me.json("list")]
    assert ids == [1, 2, 2**64]
    assert read_store_file(two)["meta"]["1"]["next_id"] == 2**64 + 1


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_not_a_number_is_refused(cli, two, constant):
    two.write_text(two.read_text().replace('"next_id": 3', f'"next_id": {constant}'))
    _refused_everywhere(cli, two, "is not valid JSON")


# -- 14.12: every field's type, one schema for the reader and doctor --------------


def _set(path: Path, fn) -> None:
    data = json.loads(path.read_text())
    fn(data)
    path.write_text(json.dumps(data, indent=1))


BAD = {
    "missing regime": (lambda d: d["requests"]["1"].pop("regime"), "request 1 has no regime"),
    "unknown regime": (lambda d: d["requests"]["1"].update(regime="FOIA"), "request 1: regime 'FOIA' is not one of"),
    "findings not an object": (
        lambda d: d["requests"]["1"].update(findings="beds=12"),
        "request 1: findings is a string, not an object",
    ),
    "nation a list": (lambda d: d["requests"]["1"].update(nation=["england"]), "request 1: nation is an array"),
    "events missing": (lambda d: d["requests"]["2"].pop("events"), "request 2 has no events"),
    "event type missing": (lambda d: d["requests"]["1"]["events"][1].pop("type"), "request 1: event 2 has no type"),
    "event type a list": (
        lambda d: d["requests"]["1"]["events"][1].update(type=["sent"]),
        "request 1: event 2: type is an array, not a string",
    ),
    "event date bad": (
        lambda d: d["requests"]["1"]["events"][1].update(date="31/12/2026"),
        "request 1: event 2 (sent) has no valid date ('31/12/2026')",
    ),
    "events out of order": (
        lambda d: d["requests"]["1"]["events"][1].update(date="2026-08-01"),
        "request 1: events out of date order",
    ),
    "exemptions not a list": (
        lambda d: d["requests"]["1"]["events"].append(
            {"type": "response", "date": "2026-10-20", "outcome": "refused", "exemptions": 40}
        ),
        "request 1: event 3: exemptions is a number, not an array of strings",
    ),
    "letter a number": (
        lambda d: d["requests"]["1"]["events"][0].update(letter=5),
        "request 1: event 1: letter is a number, not a string",
    ),
    "attachments a string": (
        lambda d: d["requests"]["1"]["events"].append(
            {"type": "response", "date": "2026-10-20", "outcome": "granted", "attachments": "a.pdf"}
        ),
        "request 1: event 3: attachments is a string",
    ),
    "next_id a string": (lambda d: d["meta"]["1"].update(next_id="3"), "next_id is a string, not a number"),
    "next_id null": (lambda d: d["meta"]["1"].update(next_id=None), "next_id is null, not a number"),
    "config name not a string": (lambda d: d["config"]["1"].update(name=["Alex"]), "config: name is an array"),
    "holidays not a list": (lambda d: d["config"]["1"].update(holidays=None), "config: holidays is null"),
    "campaign declaration": (
        lambda d: d.setdefault("campaigns", {}).update({"1": {"name": "hiu", "findings": "scheme"}}),
        "the declaration of campaign 'hiu' is broken: its findings are not a list",
    ),
    "authority tags": (
        lambda d: d.setdefault("authorities", {}).update(
            {"1": {"id": "my-council", "name": "My Council", "tags": "council"}}
        ),
        "authority 1: tags is a string, not an array of strings",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_hand_edited_store_is_refused_in_one_line_and_flagged_by_doctor(cli, two, case):
    damage, says = BAD[case]
    _set(two, damage)
    _refused_everywhere(cli, two, says)


def test_a_lone_surrogate_escape_is_refused(cli, two):
    two.write_text(two.read_text().replace('"subject": "Staffing"', '"subject": "Staff\\ud800ing"', 1))
    _refused_everywhere(cli, two, "a lone surrogate")


def test_doctor_lists_every_problem_not_just_the_first(cli, two):
    def damage(d):
        d["requests"]["1"].pop("regime")
        d["requests"]["2"].update(findings=[])

    _set(two, damage)
    r = cli("doctor", "--json", ok=False)
    messages = [p["message"] for p in json.loads(r.stdout)["problems"] if p["level"] == "error"]
    assert any("request 1 has no regime" in m for m in messages), messages
    assert any("request 2: findings is an array" in m for m in messages), messages


def test_doctor_and_the_reader_agree_on_every_case():
    """The reader refuses a store exactly when doctor's schema check has an error."""
    base = json.loads((FIXTURES / "v1.json").read_text())
    assert list(sc.problems(base, fields=True)) == []
    for damage, says in BAD.values():
        data = json.loads(json.dumps(base))
        data["requests"]["1"].setdefault("findings", {})
        data["requests"]["2"].setdefault("events", [])
        damage(data)
        found = list(sc.problems(data, fields=True))
        assert found and any(says.rsplit(": ", 1)[-1] in msg for _, msg in found), (says, found)
        assert sc.first_problem(data, fields=True) == found[0][1]


def test_every_shipped_fixture_and_a_fresh_store_pass_the_schema(cli, me, store_path):
    me("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--var", "questions=How many?")
    me("send", "1")
    me("respond", "1", "--outcome", "refused", "--exemption", "s40(2)")
    assert list(sc.problems(read_store_file(store_path))) == []


def test_a_store_refused_on_read_keeps_its_backup_untouched(cli, two):
    bak = backup_path(two).read_bytes()
    _set(two, BAD["missing regime"][0])
    cli("config", "set", "organisation", "X", ok=False)
    assert backup_path(two).read_bytes() == bak
    with pytest.raises(StoreError, match="request 1 has no regime"):
        read_store_file(two)


# -- 14.12: hostile input on the command line -------------------------------------------------------


def test_a_body_file_that_is_not_utf8_is_one_line(me, store_path, tmp_path):
    body = tmp_path / "body.txt"
    body.write_bytes(b"caf\xe9 questions\n")
    r = me("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--body-file", body, ok=False)
    assert r.exit_code == 2
    assert "not UTF-8 text (byte 0xe9 at position 3)" in _one_line_error(r)
    assert not store_path.exists() or read_store_file(store_path).get("requests", {}) == {}


def test_an_ics_title_with_a_line_break_is_one_line(me):
    r = me("export", "--format", "ics", "--title", "a\nb", ok=False)
    assert r.exit_code == 2 and "--title must be one line" in _one_line_error(r)


# -- a writer never writes what a reader would refuse -----------------------------------------------


def test_a_commit_refuses_a_changed_request_the_reader_would_refuse(two):
    before = two.read_bytes()
    with pytest.raises(StoreError, match="foi would have saved a damaged store .*regime 'FOIA'"):
        with open_store(two, write=True) as s:
            req = s.get_request(1)
            s.update_requests([{**req, "regime": "FOIA"}])
    assert two.read_bytes() == before


def test_a_commit_refuses_a_uid_copied_from_another_request(two):
    before = two.read_bytes()
    with pytest.raises(StoreError, match="shares a uid"):
        with open_store(two, write=True) as s:
            one, other = s.get_request(1), s.get_request(2)
            s.update_requests([{**other, "uid": one["uid"]}])
    assert two.read_bytes() == before


def test_a_merge_result_is_checked_but_for_the_requests_it_kept_as_read(two):
    """replace_tables (a merge) checks every request but those that are the very
    objects the store read (checked then): a damaged new copy of one is refused,
    and so is a store whose kept requests now share a uid with a new one."""
    before = two.read_bytes()
    with pytest.raises(StoreError, match="foi would have saved a damaged store .*regime 'FOIA'"):
        with open_store(two, write=True) as s:
            data = s.tables()
            reqs = data["requests"]
            s.replace_tables({**data, "requests": {"1": reqs["1"], "2": {**reqs["2"], "regime": "FOIA"}}})
    with pytest.raises(StoreError, match="shares a uid"):
        with open_store(two, write=True) as s:
            data = s.tables()
            reqs = data["requests"]
            s.replace_tables({**data, "requests": {"1": reqs["1"], "2": {**reqs["2"], "uid": reqs["1"]["uid"]}}})
    assert two.read_bytes() == before
