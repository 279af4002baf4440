"""`foi stats` and foi.domain.stats: figures checked against hand-computed values."""

from __future__ import annotations

import json

import pytest

from foi.domain import stats as st

# Sent Tue 1 Sep 2026 (day 0).  England and Scotland have no bank holiday in
# September 2026, so working day N is simply the N-th weekday after 1 Sep:
#   Tue 8 Sep = 5,  Tue 15 Sep = 10,  Tue 29 Sep = 20 (the FOIA due date),
#   Tue 6 Oct = 25, i.e. 5 working days after the due date (30 Sep, 1, 2, 5, 6 Oct).
HAND = [
    # (authority, answered on, outcome, exemptions)
    ("Avon and Wiltshire", "2026-09-08", "granted", []),  # A: 5 wd
    ("Berkshire Healthcare", "2026-09-15", "partial", ["s40(2)"]),  # B: 10 wd
    ("Birmingham and Solihull", "2026-09-29", "refused", ["s40(2)", "s31"]),  # C: 20 wd, on the due date
    ("Kent Police", "2026-10-06", "refused", ["S.40 (2)"]),  # D: 25 wd, 5 late
    ("Police Scotland", "2026-09-15", "not-held", []),  # E: FOISA, 10 wd
    ("Devon and Cornwall Police", None, None, []),  # F: sent, never answered
    ("Black Country Healthcare", False, None, []),  # G: a draft, never sent
]


@pytest.fixture
def hand(me, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("1. Do you run a police-led scheme?\n", encoding="utf-8")
    for i, (who, answered, outcome, exemptions) in enumerate(HAND, start=1):
        me(
            "--today",
            "2026-09-01",
            "draft",
            "-t",
            "foi",
            "--to",
            who,
            "-s",
            "Police in care planning",
            "--campaign",
            "hand",
            "--body-file",
            body,
        )
        if answered is False:
            continue
        me("send", i, "--on", "2026-09-01")
        if answered:
            args = ["respond", i, "--outcome", outcome, "--on", answered]
            for ex in exemptions:
                args += ["--exemption", ex]
            me(*args)
    return me


def test_pure_median_and_nearest_rank_percentile():
    assert st.median([]) is None
    assert st.median([7]) == 7
    assert st.median([3, 1, 2]) == 2
    assert st.median([1, 2, 3, 4]) == 2.5
    assert st.median([10, 20]) == 15 and isinstance(st.median([10, 20]), int)
    assert st.percentile_nearest_rank([], 90) is None
    assert st.percentile_nearest_rank([7], 90) == 7
    assert st.percentile_nearest_rank(list(range(1, 11)), 90) == 9  # rank ceil(9.0) = 9
    assert st.percentile_nearest_rank(list(range(1, 21)), 90) == 18  # rank 18
    assert st.percentile_nearest_rank([5, 10, 20, 25], 90) == 25  # rank ceil(3.6) = 4
    assert st.percentile_nearest_rank([5, 10, 20, 25], 50) == 10  # nearest rank: lower middle
    with pytest.raises(ValueError):
        st.percentile_nearest_rank([1], 0)


@pytest.mark.parametrize(
    "raw, norm",
    [
        ("s40(2)", "s40(2)"),
        ("S.40 (2)", "s40(2)"),
        ("section 40(2)", "s40(2)"),
        ("s 40(2)", "s40(2)"),
        ("Reg. 12(5)(b)", "reg12(5)(b)"),
        ("regulation 13", "reg13"),
        ("  S31 ", "s31"),
    ],
)
def test_normalise_exemption(raw, norm):
    assert st.normalise_exemption(raw) == norm


def test_stats_json_matches_hand_computed_figures(hand):
    data = hand.json("stats", "--campaign", "hand")
    f = data["figures"]
    assert data["generated"] == "2026-11-23" and data["campaign"] == "hand"
    assert f["requests"]["value"] == 7
    assert f["by_stage"]["value"] == {"answered": 5, "awaiting-response": 1, "draft": 1}
    assert f["by_outcome"]["value"] == {"granted": 1, "not-held": 1, "partial": 1, "refused": 2}
    # A, B, C, E on time (C on the due date itself), D late: 4 of 5
    assert f["answered_within_limit"] | {"method": None} == {"value": 0.8, "count": 4, "of": 5, "method": None}
    # working days [5, 10, 10, 20, 25]: median 10; p90 rank ceil(4.5) = 5 -> 25
    assert f["working_days_median"]["value"] == 10 and f["working_days_median"]["of"] == 5
    assert f["working_days_p90"]["value"] == 25
    # F is the only request waiting past its due date; 6 were sent
    assert (f["overdue_now"]["count"], f["overdue_now"]["of"]) == (1, 6)
    assert f["overdue_now"]["value"] == pytest.approx(1 / 6, abs=1e-4)
    # s40(2) in B, C and D (written 'S.40 (2)'); s31 in C; all on FOIA requests
    assert f["exemptions"]["value"] == [
        {"exemption": "FOIA s.40", "requests": 3},
        {"exemption": "FOIA s.31", "requests": 1},
    ]
    for name, fig in f.items():
        assert fig["method"], name

    kinds = data["by_authority_kind"]
    assert set(kinds) == {"mental_health_trust", "police_force"}
    mht, pol = kinds["mental_health_trust"], kinds["police_force"]
    assert mht["requests"]["value"] == 4
    assert (mht["answered_within_limit"]["value"], mht["answered_within_limit"]["of"]) == (1.0, 3)
    assert mht["working_days_median"]["value"] == 10  # [5, 10, 20]
    assert mht["working_days_p90"]["value"] == 20  # rank ceil(2.7) = 3
    assert mht["overdue_now"]["value"] == 0
    assert pol["requests"]["value"] == 3
    assert pol["answered_within_limit"]["value"] == 0.5  # E on time, D late
    assert pol["working_days_median"]["value"] == 17.5  # [10, 25]
    assert pol["working_days_p90"]["value"] == 25
    assert pol["overdue_now"]["value"] == pytest.approx(1 / 3, abs=1e-4)
    assert pol["exemptions"]["value"] == [{"exemption": "FOIA s.40", "requests": 1}]

    regimes = data["by_regime"]
    assert set(regimes) == {"foia", "foisa"}
    foia, foisa = regimes["foia"], regimes["foisa"]
    assert foia["requests"]["value"] == 6
    assert foia["answered_within_limit"]["value"] == 0.75  # A, B, C of A-D
    assert foia["working_days_median"]["value"] == 15  # [5, 10, 20, 25]
    assert foia["working_days_p90"]["value"] == 25
    assert foia["overdue_now"]["value"] == 0.2  # F of 5 sent
    assert foisa["requests"]["value"] == 1
    assert foisa["working_days_median"]["value"] == 10
    assert foisa["overdue_now"]["value"] == 0


def test_stats_counts_what_the_export_table_counts(hand, store_path):
    """`foi stats` builds only the row columns the figures read: its figures are those of
    the full records the export (and its HTML summary) builds."""
    from datetime import date

    from foi.domain.calendars import Calendars
    from foi.export import build_records
    from foi.store import open_store

    with open_store(store_path) as store:
        reqs = store.requests()
    today = date(2026, 11, 23)
    full = build_records(reqs, today, Calendars(()))
    lean = build_records(reqs, today, Calendars(()), full=False)
    assert st.compute(lean, today, "hand") == st.compute(full, today, "hand")
    shown = hand.json("stats", "--campaign", "hand")
    shown.pop("findings")  # (the campaign's findings tally, beside the figures)
    assert shown == json.loads(json.dumps(st.compute(full, today, "hand")))


def test_stats_text_has_figures_and_a_footnote_per_figure(hand):
    out = hand("stats", "--campaign", "hand").stdout
    assert "Answered within the statutory limit [4]" in out and "80% (4 of 5 answered)" in out
    assert "Median working days to answer [5]" in out
    assert "90th percentile working days to answer [6]" in out and "25 (of 5)" in out
    assert "16.7% (1 of 6 sent)" in out
    assert "FOIA s.40 (3), FOIA s.31 (1)" in out
    assert "By authority kind:" in out and "police_force" in out and "By regime:" in out and "foisa" in out
    assert "How each figure was computed:" in out
    assert "nearest-rank" in out and "[8] " in out


def test_stats_empty_and_unknown_campaign(me):
    r = me("stats", "--campaign", "nope", ok=False)
    assert r.exit_code == 1 and r.stdout == "" and "no requests in campaign 'nope'" in r.stderr
    r = me("stats")
    assert r.stdout == "" and "no requests yet" in r.stderr
    data = me.json("stats")
    assert data["figures"]["requests"]["value"] == 0
    assert data["figures"]["answered_within_limit"]["value"] is None
    assert data["figures"]["working_days_median"]["value"] is None


def test_stats_is_stable_json(hand):
    a = hand("stats", "--campaign", "hand", "--json").stdout
    b = hand("stats", "--campaign", "hand", "--json").stdout
    assert a == b
    assert json.loads(a)["definitions"]["percentile_method"] == "nearest-rank"
