"""`foi finding` and `foi findings`: campaign-specific answers per request."""

from __future__ import annotations

import json

import pytest

from foi.errors import UsageError
from foi.export import apply_findings


@pytest.fixture
def three(me, tmp_path):
    """Three requests in campaign hiu, one elsewhere."""
    body = tmp_path / "body.txt"
    body.write_text("Questions.\n", encoding="utf-8")
    for who in ("Avon and Wiltshire", "Berkshire Healthcare", "Birmingham and Solihull"):
        me("draft", "-t", "foi", "--to", who, "-s", "Police in care planning", "-c", "hiu", "--body-file", body)
    me("draft", "-t", "foi", "--to", "Kent Police", "-s", "Other", "-c", "other", "--body-file", body)
    return me


def test_apply_findings_pure():
    assert apply_findings({}, ["Scheme=rebranded", "patients=143"]) == {"scheme": "rebranded", "patients": "143"}
    assert apply_findings({"scheme": "yes", "x": "1"}, ["scheme="]) == {"x": "1"}
    assert apply_findings({}, ["note=a=b"]) == {"note": "a=b"}  # only the first = splits
    assert apply_findings({}, ["gone="]) == {}  # removing a missing key is fine
    for bad in (["novalue"], ["=x"], ["1st=x"], ["has space=x"], ["café=x"], ["status=x"], ["id=3"]):
        with pytest.raises(UsageError):
            apply_findings({}, bad)
    with pytest.raises(UsageError):
        apply_findings({}, [])


def test_finding_sets_lowercases_and_removes(three):
    r = three("finding", "1", "Scheme=rebranded", "police_in_team=yes", "patients=143")
    assert (
        r.stdout.strip() == "1\tAvon and Wiltshire Mental Health Partnership NHS Trust\t"
        "patients=143, police_in_team=yes, scheme=rebranded"
    )
    [data] = three.json("finding", "1", "patients=")
    assert data == {
        "id": 1,
        "authority": "Avon and Wiltshire Mental Health Partnership NHS Trust",
        "findings": {"police_in_team": "yes", "scheme": "rebranded"},
    }
    shown = three.json("show", "1")
    assert shown["request"]["findings"] == {"police_in_team": "yes", "scheme": "rebranded"}


def test_finding_errors_leave_the_store_unchanged(three, store_path):
    three("finding", "1", "scheme=yes")
    before = store_path.read_bytes()
    r = three("finding", "1", "scheme=no", "status=open", ok=False)
    assert r.exit_code == 2 and "'status' is a fixed column" in r.stderr
    r = three("finding", "1", "bad key=1", ok=False)
    assert r.exit_code == 2 and "not valid" in r.stderr
    r = three("finding", "99", "scheme=no", ok=False)
    assert r.exit_code == 1 and "no request with id 99" in r.stderr
    r = three("finding", "1", ok=False)
    assert r.exit_code == 2
    assert store_path.read_bytes() == before


def test_findings_grid(three):
    three("finding", "1", "scheme=rebranded", "police_in_team=yes")
    three("finding", "3", "scheme=no", "patients=12")
    three("finding", "4", "unrelated=1")
    out = three("findings", "--campaign", "hiu").stdout.splitlines()
    assert out[0] == "id\tauthority\tpatients\tpolice_in_team\tscheme"
    assert len(out) == 4  # every request of the campaign
    assert out[1].split("\t") == ["1", "Avon and Wiltshire Mental Health Partnership NHS Trust", "", "yes", "rebranded"]
    assert out[2].split("\t")[2:] == ["", "", ""]
    assert out[3].split("\t")[2:] == ["12", "", "no"]
    grid = three.json("findings", "--campaign", "hiu")
    assert [g["id"] for g in grid] == [1, 2, 3]
    assert grid[1]["findings"] == {"patients": None, "police_in_team": None, "scheme": None}
    assert grid[0]["campaign"] == "hiu"
    # without a campaign: every request that has findings, whatever its campaign
    everything = three.json("findings")
    assert [g["id"] for g in everything] == [1, 3, 4]
    assert set(everything[0]["findings"]) == {"patients", "police_in_team", "scheme", "unrelated"}


def test_findings_empty(three):
    r = three("findings", "--campaign", "nope")
    assert r.stdout == "" and "no requests in campaign 'nope'" in r.stderr
    assert json.loads(three("findings", "--campaign", "nope", "--json").stdout) == []
