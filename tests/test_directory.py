"""Tests for foi.directory: the shipped list, lookup, merging and CSV import."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foi import directory as d
from foi.errors import (
    AmbiguousAuthority,
    FoiError,
    ImportFormatError,
    NotFound,
    StoreError,
    UsageError,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = Path(__file__).resolve().parent / "fixtures" / "all-authorities-sample.csv"


@pytest.fixture(scope="module")
def shipped() -> dict[str, dict]:
    return d.shipped_authorities()


@pytest.fixture
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# the shipped list


def test_shipped_is_cached(shipped):
    assert d.shipped_authorities() is shipped


# --------------------------------------------------------------------------
# slugify / normalise_record


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Kent Police", "kent-police"),
        ("Lancashire & South Cumbria NHS Foundation Trust", "lancashire-and-south-cumbria-nhs-foundation-trust"),
        (
            "South West London and St George's Mental Health NHS Trust",
            "south-west-london-and-st-georges-mental-health-nhs-trust",
        ),
        ("St George\u2019s", "st-georges"),
        (
            "Cumbria, Northumberland, Tyne and Wear NHS Foundation Trust",
            "cumbria-northumberland-tyne-and-wear-nhs-foundation-trust",
        ),
        ("  Ynys Môn -- Council ", "ynys-mon-council"),
        ("!!!", ""),
    ],
)
def test_slugify(name, slug):
    assert d.slugify(name) == slug


def test_normalise_fills_in():
    rec = d.normalise_record({"name": "  Glasgow   City Council ", "nation": "Scotland", "tags": "council; local"})
    assert rec["id"] == "glasgow-city-council"
    assert rec["name"] == "Glasgow City Council"
    assert rec["regime"] == "foisa"
    assert rec["kind"] == "council"
    assert rec["tags"] == ["council", "local"]
    assert set(rec) == set(d.RECORD_FIELDS)

    rec = d.normalise_record(
        {
            "name": "Cardiff Council",
            "nation": "wales",
            "regime": "FOIA",
            "foi_email": "foi@cardiff.example",
            "kind": "other",
        }
    )
    assert (rec["regime"], rec["kind"], rec["email_verified"]) == ("foia", "other", "no")
    assert d.normalise_record({"name": "X", "nation": "Northern Ireland"})["nation"] == "northern_ireland"
    assert d.normalise_record({"name": "X", "nation": "NI"})["nation"] == "northern_ireland"
    assert (
        d.normalise_record({"name": "X", "foi_email": "a@b.example", "email_verified": "yes"})["email_verified"]
        == "yes"
    )


@pytest.mark.parametrize(
    "rec, words",
    [
        ({"name": ""}, "needs a name"),
        ({"name": "   "}, "needs a name"),
        ({"name": "X", "nation": "france"}, "unknown nation 'france'"),
        ({"name": "X", "regime": "gdpr"}, "unknown regime 'gdpr'"),
        ({"name": "X", "kind": "spaceship"}, "unknown kind 'spaceship'"),
        ({"name": "X", "id": "Not A Slug"}, "bad authority id"),
        ({"name": "X", "foi_email": "not-an-email"}, "does not look like an email"),
        ({"name": "X", "foi_email": "a@b.example", "email_verified": "maybe"}, "email_verified"),
        ({"name": "???"}, "cannot make an id"),
    ],
)
def test_normalise_rejects(rec, words):
    with pytest.raises(UsageError) as info:
        d.normalise_record(rec)
    assert words in str(info.value)


# --------------------------------------------------------------------------
# resolve


def test_resolve_by_id(shipped):
    assert d.resolve("kent-police", shipped)["name"] == "Kent Police"


def test_resolve_by_exact_name_any_case(shipped):
    assert d.resolve("KENT POLICE", shipped)["id"] == "kent-police"
    assert d.resolve("nhs fife", shipped)["id"] == "nhs-fife"


def test_resolve_by_unique_part(shipped):
    assert d.resolve("Oxleas", shipped)["id"] == "oxleas-nhs-foundation-trust"
    assert d.resolve("transport police", shipped)["id"] == "british-transport-police"
    # & / and and punctuation are ignored
    assert d.resolve("lancashire and south cumbria", shipped)["id"] == (
        "lancashire-and-south-cumbria-nhs-foundation-trust"
    )
    assert d.resolve("Lancashire South Cumbria", shipped)["id"] == ("lancashire-and-south-cumbria-nhs-foundation-trust")
    assert d.resolve("st georges", shipped)["id"] == "south-west-london-and-st-georges-mental-health-nhs-trust"
    assert d.resolve("Tees Esk & Wear", shipped)["id"] == "tees-esk-and-wear-valleys-nhs-foundation-trust"
    assert d.resolve("dyfed powys", shipped)["id"] == "dyfed-powys-police"


def test_resolve_by_codes(shipped):
    assert d.resolve("RXV", shipped)["id"] == "greater-manchester-mental-health-nhs-foundation-trust"
    assert d.resolve("the_met", shipped)["id"] == "metropolitan-police-service"


def test_resolve_ambiguous(shipped):
    with pytest.raises(AmbiguousAuthority) as info:
        d.resolve("Police", shipped)
    err = info.value
    assert isinstance(err, UsageError) and err.exit_code == 2
    text = str(err)
    assert "\n" not in text
    assert err.message.startswith("'Police' matches 35 authorities: ")
    shown = [aid for aid in shipped if f"{aid} (" in err.message]
    assert len(shown) == 8
    assert "and 27 more" in err.message
    assert "use the id" in text
    with pytest.raises(AmbiguousAuthority) as info:
        d.resolve("kent", shipped)
    assert "kent-police" in str(info.value)
    assert "kent-and-medway-mental-health-nhs-trust" in str(info.value)


def test_resolve_unknown(shipped):
    with pytest.raises(NotFound) as info:
        d.resolve("Gotham City Police", shipped)
    assert info.value.message == "unknown authority 'Gotham City Police'"
    assert info.value.hint == "see `foi authorities list --search 'Gotham City Police'`"
    with pytest.raises(NotFound) as info:
        d.resolve("zzz", shipped)
    assert info.value.hint == "see `foi authorities list --search zzz`"
    for junk in ("", "   ", "!!!"):
        with pytest.raises(NotFound):
            d.resolve(junk, shipped)


# --------------------------------------------------------------------------
# merge / filter


def test_merge_user_overrides_by_id(shipped):
    before = dict(shipped["kent-police"])
    user = [
        {
            "id": "kent-police",
            "name": "Kent Police",
            "foi_email": "foi@kent.police.example",
            "email_verified": "yes",
            "tags": ["police", "england", "mine"],
        },
        {"name": "Borsetshire County Council", "tags": "council"},
    ]
    auths = d.merge(shipped, user)
    assert len(auths) == 122
    kent = auths["kent-police"]
    assert kent["source"] == "edited"
    assert (kent["foi_email"], kent["email_verified"]) == ("foi@kent.police.example", "yes")
    assert kent["police_api_id"] == "kent"  # empty user fields keep the shipped value
    assert auths["borsetshire-county-council"]["source"] == "yours"
    assert auths["essex-police"]["source"] == "shipped"
    # the cached shipped list is untouched
    assert shipped["kent-police"] == before
    assert d.shipped_authorities()["kent-police"]["source"] == "shipped"


def test_merge_keeps_shipped_email_when_user_has_none(shipped):
    auths = d.merge(shipped, [{"name": "Kent Police", "tags": "police"}])
    assert auths["kent-police"]["foi_email"] == shipped["kent-police"]["foi_email"]
    assert auths["kent-police"]["email_verified"] == "no"


def test_merge_bad_stored_record_is_store_error(shipped):
    with pytest.raises(StoreError):
        d.merge(shipped, [{"name": "X", "nation": "atlantis"}])
    with pytest.raises(StoreError):
        d.merge(shipped, ["not a dict"])


def test_filter(shipped):
    police = d.filter_authorities(shipped, kind="police_force")
    assert len(police) == 48
    assert [r["name"] for r in police] == sorted((r["name"] for r in police), key=str.casefold)
    assert len(d.filter_authorities(shipped, tag="Scotland")) == 15
    assert len(d.filter_authorities(shipped, tag="mental-health")) == 73
    assert [r["id"] for r in d.filter_authorities(shipped, search="rxv")] == [
        "greater-manchester-mental-health-nhs-foundation-trust"
    ]
    assert [r["id"] for r in d.filter_authorities(shipped, search="OXLEAS")] == ["oxleas-nhs-foundation-trust"]
    assert d.filter_authorities(shipped, kind="health_board", search="police") == []
    assert len(d.filter_authorities(shipped)) == 121


# --------------------------------------------------------------------------
# import


def _by_id(records):
    return {r["id"]: r for r in records}


def test_import_wdtk_sample(sample_text):
    recs = _by_id(d.parse_import_csv(sample_text))
    assert len(recs) == 6
    b = recs["borsetshire-constabulary"]
    assert b["wdtk_url_name"] == "borsetshire_police"
    assert b["tags"] == ["police", "england_police"]
    assert (b["kind"], b["nation"], b["regime"]) == ("police_force", "england", "foia")
    assert b["home_page"] == "https://www.borsetshire.police.example"
    assert b["foi_email"] == "" and b["email_verified"] == ""

    t = recs["ambridge-and-felpersham-mental-health-nhs-foundation-trust"]
    assert t["kind"] == "mental_health_trust"
    g = recs["nhs-glenbogle"]
    assert (g["kind"], g["nation"], g["regime"]) == ("health_board", "scotland", "foisa")
    ll = recs["llareggub-county-council"]
    assert (ll["kind"], ll["nation"]) == ("council", "wales")
    ni = recs["ballykissangel-water-board-northern-ireland"]
    assert (ni["nation"], ni["regime"], ni["kind"]) == ("northern_ireland", "foia", "other")
    assert recs["office-of-the-made-up-regulator"]["kind"] == "other"
    for rec in recs.values():
        assert set(rec) == set(d.RECORD_FIELDS)


def test_import_url_name_spellings(sample_text):
    header, rest = sample_text.split("\n", 1)
    for spelling in ("url-name", "URL_NAME", " url name ", "Url Name"):
        text = header.replace("URL name", spelling) + "\n" + rest
        recs = _by_id(d.parse_import_csv(text))
        assert recs["borsetshire-constabulary"]["wdtk_url_name"] == "borsetshire_police", spelling
    # mySociety-style lowercase hyphenated headers throughout
    text = "name,short-name,url-name,tags,home-page\nSome Body,,some_body,foo bar,https://x.example\n"
    (rec,) = d.parse_import_csv(text)
    assert (rec["id"], rec["wdtk_url_name"], rec["tags"], rec["home_page"]) == (
        "some-body",
        "some_body",
        ["foo", "bar"],
        "https://x.example",
    )


def test_import_tag_filter(sample_text):
    recs = d.parse_import_csv(sample_text, tag="police")
    assert [r["id"] for r in recs] == ["borsetshire-constabulary"]
    assert [r["id"] for r in d.parse_import_csv(sample_text, tag="MENTAL_HEALTH_TRUST")] == [
        "ambridge-and-felpersham-mental-health-nhs-foundation-trust"
    ]
    assert d.parse_import_csv(sample_text, tag="nonexistent") == []


def test_import_bom(sample_text):
    plain = d.parse_import_csv(sample_text)
    assert d.parse_import_csv("\ufeff" + sample_text) == plain
    assert d.parse_import_csv(b"\xef\xbb\xbf" + sample_text.encode()) == plain
    assert d.parse_import_csv(sample_text.encode()) == plain


def test_import_again_gives_same_ids(shipped, sample_text):
    first = d.parse_import_csv(sample_text)
    second = d.parse_import_csv(sample_text)
    assert first == second
    # simulate a store keyed by id: a second import updates, never duplicates
    store = {r["id"]: r for r in first}
    store.update({r["id"]: r for r in second})
    assert len(d.merge(shipped, store.values())) == 121 + 6


def test_import_duplicate_rows_collapse():
    text = "Name,Tags\nKent Police,police\nkent police,police mine\n"
    (rec,) = d.parse_import_csv(text)
    assert rec["tags"] == ["police", "mine"]


def test_import_plain_csv(shipped):
    text = (ROOT / "data" / "authorities.csv").read_text(encoding="utf-8")
    recs = _by_id(d.parse_import_csv(text))
    assert list(recs) == list(shipped)
    for aid, rec in recs.items():
        assert rec == {k: v for k, v in shipped[aid].items() if k != "source"}
    text = (
        "id,name,kind,nation,regime,foi_email,email_verified,tags\n"
        "my-council,Edinburgh Council,council,scotland,,foi@edinburgh.example,yes,council;scotland\n"
    )
    (rec,) = d.parse_import_csv(text)
    # a file never vouches for an address (issue 14.6): "yes" is read as unverified
    assert (rec["id"], rec["regime"], rec["email_verified"], rec["tags"]) == (
        "my-council",
        "foisa",
        "no",
        ["council", "scotland"],
    )


def test_load_import_file(tmp_path, sample_text):
    assert len(d.load_import_file(SAMPLE)) == 6
    with pytest.raises(ImportFormatError, match="cannot read"):
        d.load_import_file(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_bytes("Name\nCaf\xe9 Council\n".encode("latin-1"))
    with pytest.raises(ImportFormatError, match=r"bad\.csv: line 2"):
        d.load_import_file(bad)


@pytest.mark.parametrize(
    "data, line, words",
    [
        ("Title,URL name\nKent Police,kent_police\n", 1, "no 'Name' column"),
        ("", 1, "empty"),
        ("\n\n", 1, "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "not UTF-8"),
        (b"Name\nfine\n\x00\x01\x02junk", 3, "binary"),
        ("Name,Tags\nA,x\nB\x00,y\n", 3, "binary"),
        ("Name,Tags\nKent Police,police\nCaf\xe9 Council,council\n".encode("latin-1"), 3, "not UTF-8"),
        ("Name,Tags\nCaf\udce9 Council,council\n", 2, "not UTF-8"),
        ("Name,Tags\nCaf\ufffd Council,council\n", 2, "not UTF-8"),
        ("Name,Tags\nKent Police,police\n,police\n", 3, "name is empty"),
        ("Name,Tags\nKent Police,police\n   ,police\n", 3, "name is empty"),
        ('Name,Notes\n"Multi\nline",x\nGood,y\n,z\n', 5, "name is empty"),
        ("Name,Nation\nKent Police,atlantis\n", 2, "unknown nation 'atlantis'"),
        ("Name,Regime\nKent Police,gdpr\n", 2, "unknown regime"),
        ("Id,Name\nBad Id!,Kent Police\n", 2, "bad authority id"),
        ("Name\n" + "x" * 200_000 + "\n", 2, "longer than"),
        ('Name,Tags\n"Leeds Council,council\nBradford,council\n', 2, "unterminated quote"),
        ('Name,Tags\n"Leeds Council,council\nBradford,council\n"Wakefield",council\n', 2, "unterminated quote"),
        ('Name,Tags\n"Leeds"junk,council\n', 2, "text after the closing quote"),
        ('Name,Tags\nKent,police\nLe"eds,council\n', 3, "a quote inside an unquoted field"),
    ],
)
def test_import_broken(data, line, words):
    with pytest.raises(ImportFormatError) as info:
        d.parse_import_csv(data)
    text = str(info.value)
    assert text.startswith(f"line {line}:"), text
    assert words in text
    assert info.value.hint


def test_import_skips_blank_rows_and_ragged_rows():
    text = "Name,Tags,URL name\n\nKent Police\n,,\nEssex Police,police,essex_police,extra,cells\n"
    recs = _by_id(d.parse_import_csv(text))
    assert set(recs) == {"kent-police", "essex-police"}
    assert recs["essex-police"]["wdtk_url_name"] == "essex_police"
    assert d.parse_import_csv("Name,Tags\n") == []


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.sampled_from(list("Name,Tags\"\n\r ;&'abcXYZ\x00\ufeff-_é")), max_size=200),
        st.binary(max_size=200),
        st.builds(lambda rows: "Name,URL name,Tags,Nation,Regime,Id,Kind\n" + rows, st.text(max_size=300)),
    )
)
def test_parse_import_never_crashes(data):
    try:
        recs = d.parse_import_csv(data)
    except ImportFormatError:
        return
    for rec in recs:
        assert set(rec) == set(d.RECORD_FIELDS)
        assert rec["id"] and rec["id"] == d.slugify(rec["id"])
        assert rec["name"]
        assert isinstance(rec["tags"], list)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_resolve_only_raises_foi_errors(query):
    try:
        rec = d.resolve(query, d.shipped_authorities())
    except (NotFound, AmbiguousAuthority):
        return
    assert rec["id"] in d.shipped_authorities()


def test_errors_are_foi_errors():
    assert issubclass(ImportFormatError, FoiError)


def test_import_of_a_shipped_body_keeps_its_nation_kind_and_regime():
    """WhatDoTheyKnow tags cannot say BTP is a UK-wide body: the shipped facts win."""
    recs = d.parse_import_csv("Name,URL name,Tags\nBritish Transport Police,btp,police\n")
    [btp] = recs
    assert btp["id"] == "british-transport-police"
    assert (btp["nation"], btp["kind"], btp["regime"]) == ("uk", "police_force", "foia")
