"""Letter templates: listing, regime rules, rendering (the sandbox: test_letters_sandbox.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from letter_context import context, regimes_of, write

from foi import letters
from foi.domain.law import LAW, law_for
from foi.errors import NotFound, TemplateError, UsageError

SHIPPED = ["chaser", "complaint", "eir", "foi", "foia", "foisa", "hiu-scheme", "review", "review-chaser", "sar"]

ACT = {r: LAW[r]["act"] for r in LAW}
FOIA_ACT = "Freedom of Information Act 2000"
FOISA_ACT = "Freedom of Information (Scotland) Act 2002"

# ---------------------------------------------------------------------- law


def test_law_has_every_regime_and_the_right_wording():
    assert set(LAW) == {"foia", "foisa", "eir", "eisr", "sar"}
    assert law_for("foia")["act"] == FOIA_ACT
    assert law_for("foisa")["act"] == FOISA_ACT
    assert law_for("eir")["act"] == "Environmental Information Regulations 2004"
    assert law_for("eisr")["act"] == "Environmental Information (Scotland) Regulations 2004"
    assert law_for("sar")["act"] == "UK GDPR Article 15 and the Data Protection Act 2018"
    assert law_for("foia")["time_limit"] == (
        "promptly and in any event not later than the twentieth working day following the date of receipt"
    )
    assert law_for("sar")["time_limit"] == (
        "without undue delay and in any event within one month of receipt of the request"
    )
    assert law_for("foisa")["regulator_section"] == "section 47(1)"
    assert law_for("foia")["regulator"] == "Information Commissioner's Office"
    assert law_for("eisr")["regulator"] == "Scottish Information Commissioner"
    assert "regulation 18" in law_for("eir")["regulator_section"]
    assert "165" in law_for("sar")["regulator_cite"]


def test_law_for_returns_a_copy_and_rejects_unknown():
    law_for("foia")["act"] = "changed"
    assert LAW["foia"]["act"] == FOIA_ACT
    with pytest.raises(UsageError):
        law_for("gdpr")


# ------------------------------------------------------------------ listing


def test_list_templates_shipped_sorted_without_partials():
    infos = letters.list_templates()
    names = [i.name for i in infos]
    assert names == sorted(names)
    assert names == SHIPPED
    assert all(not n.startswith("_") for n in names)
    assert all(i.source == "shipped" and i.path.is_file() for i in infos)
    kinds = {i.name: (i.kind, i.regime) for i in infos}
    assert kinds["foi"] == ("request", "auto")
    assert kinds["foia"] == ("request", "foia")
    assert kinds["foisa"] == ("request", "foisa")
    assert kinds["eir"] == ("request", "environmental")
    assert kinds["sar"] == ("request", "sar")
    assert kinds["hiu-scheme"] == ("request", "auto")
    assert kinds["chaser"] == ("chaser", "any")
    assert kinds["review"] == ("review", "any")
    assert kinds["complaint"] == ("complaint", "any")
    assert kinds["review-chaser"] == ("review-chaser", "any")
    assert all(i.description and i.description != "(no description)" for i in infos)


def test_unknown_template_is_not_found():
    for bad in ("nope", "../foi", "/etc/passwd", "", "foi/../foi"):
        with pytest.raises(NotFound) as e:
            letters.get_template_info(bad)
        assert "see `foi templates list`" in str(e.value)
    with pytest.raises(NotFound):
        letters.render("nope", context())
    with pytest.raises(NotFound):
        letters.template_source("nope")


def test_template_source_and_suffix():
    assert letters.template_source("foi").startswith("{# description:")
    assert letters.get_template_info("foi.txt.j2").name == "foi"
    # partials are not listed, but can be shown (to copy and change them)
    assert letters.get_template_info("_foia").kind == "partial"


def test_user_dir_overrides_and_adds(tmp_path):
    write(tmp_path, "foi", "{# description: my foi | kind: request | regime: auto #}\nMINE {{ subject }}\n")
    write(tmp_path, "extra", "{# description: extra | kind: chaser | regime: any #}\nEXTRA\n")
    write(tmp_path, "_mine", "partial\n")
    (tmp_path / "notes.txt").write_text("not a template")
    infos = {i.name: i for i in letters.list_templates(tmp_path)}
    assert set(infos) == set(SHIPPED) | {"extra"}
    assert infos["foi"].source == "yours" and infos["foi"].description == "my foi"
    assert infos["extra"].source == "yours" and infos["extra"].kind == "chaser"
    assert infos["foia"].source == "shipped"
    assert letters.render("foi", context(), user_dir=tmp_path) == "MINE Police involvement in care plans\n"
    assert letters.render("extra", context(), user_dir=tmp_path) == "EXTRA\n"
    # a user template can include shipped partials
    write(tmp_path, "wrap", "{% include '_signoff' %}")
    assert "Siân Llŷr" in letters.render("wrap", context(), user_dir=tmp_path)
    # a user folder that does not exist is simply empty
    assert [i.name for i in letters.list_templates(tmp_path / "missing")] == SHIPPED


def test_metadata_defaults_for_a_template_without_a_header(tmp_path):
    write(tmp_path, "bare", "Hello\n")
    info = letters.get_template_info("bare", tmp_path)
    assert (info.kind, info.regime, info.source) == ("request", "auto", "yours")


# ------------------------------------------------------------------ regimes


def info(regime: str, name: str = "t") -> letters.TemplateInfo:
    return letters.TemplateInfo(name, "", "request", regime, "shipped", Path("x"))


def test_regime_for_rules():
    assert letters.regime_for(info("auto"), "foia") == "foia"
    assert letters.regime_for(info("auto"), "foisa") == "foisa"
    assert letters.regime_for(info("environmental"), "foia") == "eir"
    assert letters.regime_for(info("environmental"), "foisa") == "eisr"
    assert letters.regime_for(info("foia"), "foia") == "foia"
    assert letters.regime_for(info("foisa"), "foisa") == "foisa"
    assert letters.regime_for(info("sar"), "foisa") == "sar"
    for r in LAW:
        assert letters.regime_for(info("any"), r) == r


def test_regime_for_refuses_the_wrong_act():
    with pytest.raises(TemplateError) as e:
        letters.regime_for(info("foia", "foia"), "foisa")
    msg = str(e.value)
    assert FOISA_ACT in msg and "`foi`" in msg and "\n" not in msg
    with pytest.raises(TemplateError) as e:
        letters.regime_for(info("foisa", "foisa"), "foia")
    assert "`foi`" in str(e.value)
    with pytest.raises(TemplateError) as e:
        letters.regime_for(info("eir"), "foisa")
    assert "`eir`" in str(e.value)
    with pytest.raises(TemplateError):
        letters.regime_for(info("bogus"), "foia")
    with pytest.raises(TemplateError):
        letters.regime_for(info("auto"), "nowhere")


# ---------------------------------------------------------------- rendering


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_template_renders_with_the_right_statute(name):
    for regime in regimes_of(name):
        out = letters.render(name, context(regime))
        assert out.startswith("Subject: "), (name, regime)
        assert "Siân Llŷr" in out and "sian@example.org" in out
        assert "Aberystwyth SY23 1AA" in out
        assert "{{" not in out and "{%" not in out and "{#" not in out
        assert "\n\n\n" not in out, (name, regime)
        if regime == "foisa":
            assert FOISA_ACT in out and FOIA_ACT not in out, (name, regime)
        elif regime == "foia":
            assert FOIA_ACT in out and "Scotland" not in out, (name, regime)
        elif regime == "eir":
            assert "Environmental Information Regulations 2004" in out or name == "chaser" and ACT["eir"] in out, (
                name,
                regime,
            )
            assert "Scotland" not in out
        elif regime == "eisr":
            assert "Environmental Information (Scotland) Regulations 2004" in out
            assert FOIA_ACT not in out
        elif regime == "sar":
            assert "UK GDPR" in out
            assert "Freedom of Information" not in out


def test_request_letters_cite_their_sections():
    foia = letters.render("foia", context("foia"))
    low = foia.lower()
    for s in (
        "section 1(1)",
        "section 10(1)",
        "section 11(1)(a)",
        "section 16",
        "section 17",
        "twentieth working day following the date of receipt",
    ):
        assert s in low
    assert "Please send me your policy on care plans." in foia
    foisa = letters.render("foisa", context("foisa"))
    for s in ("section 1(1)", "section 10(1)", "section 11(1)", "section 15", "section 16"):
        assert s in foisa.lower()
    assert "section 17" not in foisa and "section 11(1)(a)" not in foisa
    assert letters.render("foi", context("foia")) == foia
    assert letters.render("foi", context("foisa")) == foisa
    eir = letters.render("eir", context("eir"))
    assert "regulation 5(1)" in eir and "regulation 5(2)" in eir and "regulation 9" in eir
    assert "exception" in eir
    eisr = letters.render("eir", context("eisr"))
    assert "regulation 13" in eisr and "regulation 10(2)(b)" in eisr


def test_sar_letter():
    out = letters.render("sar", context("sar"))
    for s in (
        "Article 15",
        "Article 15(1)(a)",
        "Article 15(1)(c)",
        "Article 15(1)(d)",
        "Article 15(1)(g)",
        "Articles 12(3) and 12A",
        "one month",
        "identity",
        "section 45 of the Data Protection Act 2018",
    ):
        assert s in out
    trust = context("sar", authority={"name": "Example NHS Foundation Trust", "kind": "nhs_trust"})
    out = letters.render("sar", trust)
    assert "section 45" not in out and "police" in out


def test_hiu_scheme_letter():
    out = letters.render("hiu-scheme", context("foia", body=""))
    for s in (
        "Serenity Integrated Mentoring",
        "police officers take part in the care planning",
        "2018",
        "acceptable behaviour",
        "data-sharing",
        "equality impact assessments",
        "separately",
    ):
        assert s in out
    assert "High Intensity Network" not in out and "StreetTriage" not in out  # issue 13: SIM only, no invented names
    assert "NHS England" not in out  # question 7 is for English NHS trusts only
    assert "your force" in out  # addressed to a police force
    out = letters.render("hiu-scheme", context("foisa", subject=""))
    assert FOISA_ACT in out and FOIA_ACT not in out and "any police force" in out
    assert "Subject: Freedom of Information request - Police involvement" in out
    out = letters.render("hiu-scheme", context("foia", vars={"since_year": "2016"}))
    assert "Since 1 January 2016" in out


def test_follow_up_letters_per_regime():
    out = letters.render("chaser", context("foia"))
    assert "section 10(1)" in out and "17 working days late" in out and "FOI-123" in out
    assert "1 October 2026" in out and "29 October 2026" in out
    assert "regulation 5(2)" in letters.render("chaser", context("eir"))
    assert "Articles 12(3) and 12A" in letters.render("chaser", context("sar"))
    one_day = context("foisa")
    one_day["request"] = dict(one_day["request"], days_late=1)
    assert "1 working day late" in letters.render("chaser", one_day)

    review = {r: letters.render("review", context(r)) for r in LAW}
    assert "Code of Practice issued under section 45" in review["foia"]
    assert "section 20(1)" in review["foisa"] and "section 21(1)" in review["foisa"].replace("Section", "section")
    assert "regulation 11(1)" in review["eir"] and "40 working days" in review["eir"]
    assert "regulation 16(1)" in review["eisr"]
    assert "Data Protection Officer" in review["sar"]
    assert "You cited the following exemptions: section 40(2), section 31(1)(a)." in review["foia"]
    assert "You cited the following exceptions: section 40(2), section 31(1)(a)." in review["eir"]
    assert "aggregate numbers" in review["foia"]

    complaint = {r: letters.render("complaint", context(r)) for r in LAW}
    assert "section 50" in complaint["foia"] and "Information Commissioner" in complaint["foia"]
    assert "regulation 18" in complaint["eir"]
    assert "section 47(1)" in complaint["foisa"] and "Scottish Information Commissioner" in complaint["foisa"]
    assert "regulation 17" in complaint["eisr"]
    assert "Article 77" in complaint["sar"]
    assert "2 November 2026: The authority responded - refused under s40" in complaint["foia"]

    chase = {r: letters.render("review-chaser", context(r)) for r in LAW}
    assert "20 working days" in chase["foia"]
    assert "section 21(1)" in chase["foisa"].replace("Section", "section")
    assert "Regulation 11(4)" in chase["eir"] and "40 working days" in chase["eir"]
    assert "Regulation 16(4)" in chase["eisr"]


def test_scottish_complaint_needs_a_review_first():
    ctx = context("foisa")
    ctx["request"] = dict(ctx["request"], review_requested=None)
    with pytest.raises(TemplateError) as e:
        letters.render("complaint", ctx)
    assert "review" in str(e.value) and "\n" not in str(e.value)


def test_request_without_text_says_how_to_give_it():
    with pytest.raises(TemplateError) as e:
        letters.render("foi", context(body=""))
    assert "--body-file" in str(e.value)
    out = letters.render("foi", context(body="", vars={"questions": "How many?"}))
    assert "How many?" in out


def test_reasonable_adjustments_are_optional():
    out = letters.render("foi", context(vars={"adjustments": "please write in plain English"}))
    assert "Equality Act 2010" in out and "please write in plain English" in out
    assert "Equality Act" not in letters.render("foi", context())


def test_ukdate_filter():
    assert letters.ukdate(date(2026, 11, 23)) == "23 November 2026"
    assert letters.ukdate("2026-11-03") == "3 November 2026"
    assert letters.ukdate(None) == ""


def test_missing_variable_names_it_and_says_how_to_supply_it(tmp_path):
    write(tmp_path, "hiu-scheme", "{# description: x | kind: request | regime: auto #}\nSince {{ since_year }}\n")
    with pytest.raises(TemplateError) as e:
        letters.render("hiu-scheme", context(), user_dir=tmp_path)
    assert str(e.value) == ("template 'hiu-scheme' needs a value for 'since_year': add --var since_year=VALUE")
    assert letters.render("hiu-scheme", context(vars={"since_year": "2019"}), user_dir=tmp_path) == "Since 2019\n"
    write(tmp_path, "attr", "{{ requester.phone }}")
    with pytest.raises(TemplateError) as e:
        letters.render("attr", context(), user_dir=tmp_path)
    assert "'phone'" in str(e.value)


def test_syntax_error_names_template_and_line(tmp_path):
    write(tmp_path, "broken", "line one\nline two\n{% if %}\n")
    with pytest.raises(TemplateError) as e:
        letters.render("broken", context(), user_dir=tmp_path)
    msg = str(e.value)
    assert "'broken'" in msg and "line 3" in msg and "\n" not in msg


def test_non_ascii_names_render_intact():
    for name in ("Siân Llŷr", "Mòrag NicDhòmhnaill", "Zoë Brontë-Ðoe", "Ffion ap Dafydd", "Seán Ó Briain"):
        ctx = context(
            requester={"name": name, "email": "x@example.org", "address": ""},
            subject="Gwasanaethau iechyd meddwl – ‘cynlluniau’ Dùn Èideann",
        )
        out = letters.render("foi", ctx)
        assert name in out
        assert "Gwasanaethau iechyd meddwl – ‘cynlluniau’ Dùn Èideann" in out


# --------------------------------------------------------------- hypothesis

PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=PRINTABLE, name=PRINTABLE, regime=st.sampled_from(["foia", "foisa"]))
def test_foi_renders_any_printable_subject_and_name(subject, name, regime):
    ctx = context(regime, subject=subject, requester={"name": name, "email": "a@example.org", "address": ""})
    out = letters.render("foi", ctx)
    assert subject in out
    assert name in out
