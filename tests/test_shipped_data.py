"""The shipped directory (data/authorities.csv) and its build from data/sources/."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from foi import directory as d

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "data" / "build_authorities.py"


@pytest.fixture(scope="module")
def shipped() -> dict[str, dict]:
    return d.shipped_authorities()


def _build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True)


def test_shipped_file_has_the_documented_columns():
    with (ROOT / "data" / "authorities.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert tuple(header) == d.FIELDS


def test_the_build_reproduces_the_shipped_file_exactly(tmp_path):
    out = tmp_path / "authorities.csv"
    r = _build("--output", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == (ROOT / "data" / "authorities.csv").read_bytes()
    assert _build("--check").returncode == 0


def test_the_build_refuses_an_address_without_its_source(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "authorities.csv").write_bytes((ROOT / "data" / "sources" / "authorities.csv").read_bytes())
    (sources / "foi_emails.csv").write_text(
        "id,foi_email,email_source,email_checked,email_note,note\n"
        "kent-police,foi@example.org,,2026-11-30,,\n"
        "no-such-body,foi@example.org,https://example.org/foi,30/11/2026,,\n"
        "essex-police,,https://example.org/foi,2026-11-30,,\n"
        "nhs-fife,,,2026-11-30,Only an online form,\n",
        encoding="utf-8",
    )
    r = _build("--sources", str(sources), "--output", str(tmp_path / "out.csv"))
    assert r.returncode != 0 and not (tmp_path / "out.csv").exists()
    assert "line 2: the source must be the page" in r.stderr
    assert "line 3: no body with id 'no-such-body'" in r.stderr
    assert "'30/11/2026' is not a YYYY-MM-DD date" in r.stderr
    assert "line 4: no address and no email_note saying why" in r.stderr
    assert "line 5: the source must be the page" in r.stderr


def test_a_body_without_an_address_can_have_a_note_naming_its_page(shipped):
    """No address: the note says why and names the page and day; source and date stay empty."""
    noted = [r for r in shipped.values() if not r["foi_email"] and r["email_note"]]
    assert len(noted) >= 30
    for rec in noted:
        assert re.search(r"\(see https?://\S+, read 20\d\d-\d\d-\d\d\)$", rec["email_note"]), rec["id"]
    assert "online request form" in shipped["east-london-nhs-foundation-trust"]["email_note"]
    for rec in shipped.values():
        if rec["foi_email"] and "pnn.police.uk" in rec["foi_email"].lower():
            assert "retired pnn.police.uk domain" in rec["email_note"], rec["id"]


def test_counts_by_kind(shipped):
    assert len(shipped) == 121
    assert Counter(r["kind"] for r in shipped.values()) == {
        "police_force": 48,
        "mental_health_trust": 47,
        "health_board": 21,
        "hsc_trust": 5,
    }
    boards = Counter(r["nation"] for r in shipped.values() if r["kind"] == "health_board")
    assert boards == {"scotland": 14, "wales": 7}


def test_ids_unique_and_slugs_of_names(shipped):
    for aid, rec in shipped.items():
        assert aid == rec["id"] == d.slugify(rec["name"])


def test_records_are_well_formed(shipped):
    for rec in shipped.values():
        assert set(rec) == set(d.RECORD_FIELDS) | {"source"}
        assert rec["source"] == "shipped"
        assert rec["kind"] in d.KINDS and rec["nation"] in d.NATIONS and rec["regime"] in d.REGIMES
        assert rec["email_verified"] == ("no" if rec["foi_email"] else "")
        # the record is already normalised
        assert d.normalise_record(rec) == {k: v for k, v in rec.items() if k != "source"}


def test_every_address_has_its_source_page_and_date(shipped):
    for rec in shipped.values():
        if rec["foi_email"]:
            assert rec["email_source"].startswith(("https://", "http://")), rec["id"]
            assert re.fullmatch(r"20\d\d-\d\d-\d\d", rec["email_checked"]), rec["id"]
        else:
            assert not rec["email_source"] and not rec["email_checked"], rec["id"]


def test_regimes_and_nations(shipped):
    foisa = {aid for aid, r in shipped.items() if r["regime"] == "foisa"}
    assert foisa == {"police-scotland"} | {
        aid for aid, r in shipped.items() if r["kind"] == "health_board" and r["nation"] == "scotland"
    }
    assert len(foisa) == 15
    for rec in shipped.values():
        if rec["kind"] == "health_board" and rec["nation"] == "scotland":
            assert rec["gss_code"].startswith("S08")
        if rec["kind"] == "health_board" and rec["nation"] == "wales":
            assert rec["gss_code"].startswith("W11") and re.fullmatch(r"7A[1-7]", rec["ods_code"])
            assert rec["wdtk_url_name"]
        if rec["kind"] == "hsc_trust":
            assert (rec["nation"], rec["regime"]) == ("northern_ireland", "foia")
            assert rec["wdtk_url_name"].endswith("_northern_ireland")
    for aid in ("british-transport-police", "ministry-of-defence-police", "civil-nuclear-constabulary"):
        assert (shipped[aid]["regime"], shipped[aid]["nation"]) == ("foia", "uk")
    assert shipped["police-service-of-northern-ireland"]["nation"] == "northern_ireland"


def _tagged(shipped, tag):
    return [r for r in shipped.values() if tag in r["tags"]]


def test_tags_split_the_police_and_gather_the_mental_health_bodies(shipped):
    territorial = _tagged(shipped, "territorial")
    special = _tagged(shipped, "special")
    assert len(territorial) == 45 and all(r["kind"] == "police_force" for r in territorial)
    assert {r["id"] for r in special} == {
        "british-transport-police",
        "ministry-of-defence-police",
        "civil-nuclear-constabulary",
    }
    mental_health = _tagged(shipped, "mental_health")
    assert Counter(r["nation"] for r in mental_health) == {
        "england": 47,
        "scotland": 14,
        "wales": 7,
        "northern_ireland": 5,
    }
    assert not any(r["kind"] == "police_force" for r in mental_health)
    assert shipped["kent-police"]["tags"] == ["police", "territorial", "england"]
    assert shipped["nhs-fife"]["tags"] == ["nhs", "health_board", "mental_health", "scotland"]


def test_one_tag_selects_every_mental_health_body_across_kinds(shipped):
    found = d.filter_authorities(shipped, tag="mental-health")
    assert len(found) == 73 and len({r["kind"] for r in found}) == 3
    assert d.filter_authorities(shipped, tag="MENTAL_HEALTH") == found


def test_readme_states_the_coverage():
    r = _build("--check", "--coverage")
    assert r.returncode == 0, r.stderr
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert r.stdout.strip() in readme
