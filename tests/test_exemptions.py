"""Exemptions counted by law and section (issue 13, bug 11)."""

from __future__ import annotations

import json

import pytest

from foi.domain.exemptions import cited, summary_key


@pytest.mark.parametrize(
    "text, regime, key",
    [
        ("s40(2)", "foia", "FOIA s.40"),
        ("S.40 (2)", "foia", "FOIA s.40"),
        ("section 40", "foia", "FOIA s.40"),
        ("s38", "foia", "FOIA s.38"),  # health and safety
        ("s38", "foisa", "FOISA s.38"),  # personal information: not the same exemption
        ("s.38(1)(b)", "foisa", "FOISA s.38"),
        ("reg 12(5)(b)", "eir", "EIR reg.12(5)(b)"),  # an EIR exception is its paragraph
        ("Reg. 12(4)(a)", "foia", "EIR reg.12(4)(a)"),  # a FOIA request answered under the EIR
        ("reg 10(5)(b)", "eisr", "EISR reg.10(5)(b)"),
        ("s39", "eir", "FOIA s.39"),  # a section cited on an EIR request is FOIA's
        ("personal data", "foia", "FOIA personal data"),
        ("Sch.2 para.5", "sar", "DPA 2018 sch.2 para.5"),
    ],
)
def test_summary_key(text, regime, key):
    assert summary_key(text, regime) == key


def test_cited_keeps_the_subsection():
    assert cited("s40(2)", "foia") == "FOIA s.40(2)"
    assert cited("section 38 (1)(b)", "foisa") == "FOISA s.38(1)(b)"
    assert cited("Reg. 12(5)(b)", "eir") == "EIR reg.12(5)(b)"


def test_stats_count_by_act_and_section_and_rows_keep_what_was_cited(me):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "x")
    me("draft", "-t", "hiu-scheme", "--to", "Police Scotland", "-c", "x")
    me("draft", "-t", "hiu-scheme", "--to", "Kent Police", "-c", "x")
    me("send", "1-3", "--on", "2026-10-01")
    me("respond", 1, "--outcome", "refused", "--exemption", "s38", "--exemption", "s40", "--on", "2026-10-10")
    me("respond", 2, "--outcome", "refused", "--exemption", "s38", "--on", "2026-10-10")
    me("respond", 3, "--outcome", "refused", "--exemption", "s40(2)", "--exemption", "s40(1)", "--on", "2026-10-10")
    ex = me.json("stats", "--campaign", "x")["figures"]["exemptions"]["value"]
    assert ex == [
        {"exemption": "FOIA s.40", "requests": 2},  # s40 on 1; s40(1) and s40(2) on 3 count once
        {"exemption": "FOIA s.38", "requests": 1},
        {"exemption": "FOISA s.38", "requests": 1},
    ]
    out = me("export", "--format", "json", "--campaign", "x").stdout
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[3]["exemptions"] == ["s40(2)", "s40(1)"]
