"""`foi authorities`."""

from __future__ import annotations

import json


def test_list_by_kind_and_search(cli):
    police = json.loads(cli("authorities", "list", "--kind", "police_force", "--json").stdout)
    assert len(police) == 48
    boards = json.loads(cli("authorities", "list", "--kind", "health_board", "--json").stdout)
    assert len(boards) == 21
    assert all(b["regime"] == ("foisa" if b["nation"] == "scotland" else "foia") for b in boards)
    found = json.loads(cli("authorities", "list", "--search", "oxford", "--json").stdout)
    assert [a["id"] for a in found] == ["oxford-health-nhs-foundation-trust"]


def test_show_warns_unverified_email(cli):
    r = cli("authorities", "show", "Devon and Cornwall")
    assert "devon-and-cornwall-police" in r.stdout
    assert "unverified" in r.stderr


def test_import_then_reimport_updates(cli, tmp_path):
    csv_file = tmp_path / "all-authorities.csv"
    csv_file.write_text(
        "Name,Short name,URL name,Tags,Home page\n"
        "Leeds City Council,,leeds_city_council,council local_council,https://leeds.gov.uk\n"
        "Barsetshire Council,,barsetshire,council,\n",
        encoding="utf-8",
    )
    out = json.loads(cli("authorities", "import", csv_file, "--json").stdout)
    assert (out["added"], out["updated"], out["ids"]) == (2, 0, ["leeds-city-council", "barsetshire-council"])
    out = json.loads(cli("authorities", "import", csv_file, "--json").stdout)
    assert (out["added"], out["updated"], out["unchanged"]) == (0, 0, 2)
    assert len(json.loads(cli("authorities", "list", "--tag", "council", "--json").stdout)) == 2


def test_broken_csv_leaves_store_untouched(cli, tmp_path, store_path):
    cli("config", "set", "organisation", "A")
    before = store_path.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe\x00junk")
    r = cli("authorities", "import", bad, ok=False)
    assert r.exit_code == 1 and r.stderr.startswith("foi: error:") and r.stderr.count("\n") == 1
    assert store_path.read_bytes() == before
