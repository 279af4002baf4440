"""Golden files: every shipped letter, for every regime it is written under
and every kind of authority, compared word for word with tests/golden/letters/.

A wording change must be reviewed on purpose: it shows up as a diff of the
golden files.  After changing a template, regenerate them and read the diff::

    FOI_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/test_letters_golden.py
    git diff tests/golden/letters/

Each file is ``TEMPLATE.REGIME.txt`` and holds the letter for each kind of
authority (and, for follow-ups, each situation), under a ``=====`` header.
The letters are made the way the commands make them: requests through
:func:`foi.app.drafting.prepare_requests`, follow-ups from the request's
events through the deadline engine and :func:`foi.domain.followups.letter_facts`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from foi import letters
from foi.app.drafting import DraftOrder, authority_context, prepare_requests
from foi.app.views import assess
from foi.domain.followups import letter_facts
from foi.domain.law import law_for
from foi.errors import TemplateError

GOLDEN = Path(__file__).parent / "golden" / "letters"
TODAY = date(2026, 11, 23)
CONFIG = {"name": "Sam Example", "email": "sam@example.org", "address": "1 High Street\nLeeds LS1 1AA"}
REQUESTER = {"name": "Sam Example", "email": "sam@example.org", "address": "1 High Street\nLeeds LS1 1AA"}
BODY = "Please send me your current policy on sharing care plans with the police."
SUBJECT = "Sharing care plans with the police"

#: One authority of each kind and nation the shipped list holds.
AUTHORITIES = [
    ("police_force", "england", "foia", "Example Constabulary"),
    ("police_force", "wales", "foia", "Example Police (Wales)"),
    ("police_force", "northern_ireland", "foia", "Example Police Service (NI)"),
    ("police_force", "scotland", "foisa", "Example Police (Scotland)"),
    ("mental_health_trust", "england", "foia", "Example Mental Health NHS Foundation Trust"),
    ("health_board", "wales", "foia", "Example University Health Board"),
    ("health_board", "scotland", "foisa", "NHS Example (Scotland)"),
    ("hsc_trust", "northern_ireland", "foia", "Example Health and Social Care Trust"),
]

#: The request template each regime's follow-ups start from.
REQUEST_TEMPLATE = {"foia": "foi", "foisa": "foi", "eir": "eir", "eisr": "eir", "sar": "sar"}


def authority(kind: str, nation: str, regime: str, name: str) -> dict:
    return {
        "id": f"{kind}-{nation}",
        "name": name,
        "kind": kind,
        "nation": nation,
        "regime": regime,
        "foi_email": "foi@example.org",
        "email_verified": "yes",
    }


def ev(type_: str, on: str, **fields) -> dict:
    return {"type": type_, "date": on, **fields}


def situations(template: str, regime: str) -> dict[str, list[dict]]:
    """The events before each follow-up letter, by situation."""
    sent = [ev("sent", "2026-08-03", via="email"), ev("acknowledged", "2026-08-04", ref="FOI-2026-123")]
    refused = ev("response", "2026-08-27", outcome="refused", exemptions=["s40(2)", "S.31 (1)(a)"])
    if regime in ("eir", "eisr"):
        refused["exemptions"] = ["reg12(5)(b)", "reg 13"]
    if regime == "sar":
        refused = ev("response", "2026-08-27", outcome="partial", exemptions=["Sch.2 para.2"])
    review = ev("review-requested", "2026-09-01")
    if template == "chaser":
        return {"no response": sent + [ev("chased", "2026-10-05", note="by email")]}
    if template == "review":
        return {"response refused": sent + [refused], "no response": sent}
    if template == "review-chaser":
        return {"review not answered": sent + [refused, review]}
    scottish = regime in ("foisa", "eisr")
    silence = sent + [ev("chased", "2026-10-05")] + ([ev("review-requested", "2026-10-12")] if scottish else [])
    return {
        "never answered": silence,
        "after the review": sent + [refused, review, ev("review-response", "2026-09-25", outcome="upheld")],
    }


def request_letter(template: str, auth: dict) -> str:
    [record] = prepare_requests([], CONFIG, [auth], DraftOrder(template, subject=SUBJECT, body=BODY), TODAY)
    return record["events"][0]["letter"]


def followup_letter(template: str, regime: str, auth: dict, events: list[dict]) -> str:
    req = {"id": 7, "regime": regime, "nation": auth["nation"], "subject": SUBJECT, "events": events}
    a = assess(req, TODAY)
    context = {
        "requester": REQUESTER,
        "authority": authority_context(auth),
        "regime": regime,
        "law": law_for(regime),
        "today": TODAY,
        "subject": SUBJECT,
        "campaign": "",
        "body": "",
        "vars": {},
        "grounds": "The figures I asked for are totals: no one can be identified from them."
        if template in ("review", "complaint") and a.answered
        else "",
        "request": letter_facts(req, a, ""),
    }
    return letters.render(template, context)


def cases() -> dict[str, str]:
    """Golden file name -> its expected text, for every shipped letter."""
    files: dict[str, list[str]] = {}
    for info in letters.list_templates():
        for kind, nation, foi_regime, name in AUTHORITIES:
            auth = authority(kind, nation, foi_regime, name)
            if info.kind == "request":
                try:
                    regime = letters.regime_for(info, foi_regime)
                except TemplateError:
                    continue  # e.g. the foia template for a Scottish body: refused, tested elsewhere
                parts = [(f"{kind}, {nation}", request_letter(info.name, auth))]
            else:
                parts = []
                for regime in ("foia", "eir", "sar") if foi_regime == "foia" else ("foisa", "eisr", "sar"):
                    for situation, events in situations(info.name, regime).items():
                        auth_r = dict(auth, regime=foi_regime)
                        text = followup_letter(info.name, regime, auth_r, events)
                        files.setdefault(f"{info.name}.{regime}.txt", []).append(
                            f"===== {kind}, {nation}: {situation} =====\n{text}"
                        )
                continue
            for header, text in parts:
                files.setdefault(f"{info.name}.{regime}.txt", []).append(f"===== {header} =====\n{text}")
    return {name: "\n".join(texts) for name, texts in files.items()}


CASES = cases()


def test_every_shipped_template_and_regime_has_a_golden_file():
    shipped = {i.name for i in letters.list_templates()}
    assert {name.split(".")[0] for name in CASES} == shipped
    regimes = {name.split(".")[1] for name in CASES}
    assert regimes == {"foia", "foisa", "eir", "eisr", "sar"}
    if os.environ.get("FOI_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for stale in {p.name for p in GOLDEN.glob("*.txt")} - set(CASES):
            (GOLDEN / stale).unlink()
        for name, text in CASES.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    on_disk = {p.name for p in GOLDEN.glob("*.txt")}
    assert on_disk == set(CASES), "golden files out of date: run with FOI_UPDATE_GOLDEN=1 and review the diff"


@pytest.mark.parametrize("name", sorted(CASES))
def test_letter_matches_golden_file(name):
    path = GOLDEN / name
    assert path.exists(), f"no golden file {path.name}: run with FOI_UPDATE_GOLDEN=1 and review it"
    assert CASES[name] == path.read_text(encoding="utf-8"), (
        f"{name} differs from its golden file: if the new wording is meant, "
        "regenerate with FOI_UPDATE_GOLDEN=1 and review `git diff tests/golden/letters/`"
    )


# ---------------------------------------------------------------- issue 13, "Letter text"


def letter_for(name: str, header: str) -> str:
    """The letter under ``===== header =====`` in golden case ``name``."""
    text = CASES[name]
    start = text.index(f"===== {header} =====\n") + len(header) + 13
    end = text.find("\n===== ", start)
    return text[start : end if end != -1 else None]


def test_hiu_scheme_names_only_sim_and_describes_the_model():
    for name in ("hiu-scheme.foia.txt", "hiu-scheme.foisa.txt"):
        text = CASES[name]
        assert "High Intensity Network" not in text and "StreetTriage" not in text
        assert "Serenity Integrated Mentoring (SIM)" in text
        assert "police officer works alongside a mental health professional" in text


def test_hiu_scheme_question_7_only_for_english_nhs_trusts():
    assert "NHS England" in letter_for("hiu-scheme.foia.txt", "mental_health_trust, england")
    for header in ("police_force, england", "health_board, wales", "hsc_trust, northern_ireland"):
        letter = letter_for("hiu-scheme.foia.txt", header)
        assert "NHS England" not in letter and "\n7. " not in letter and "\n6. " in letter
    for header in ("police_force, scotland", "health_board, scotland"):
        assert "NHS England" not in letter_for("hiu-scheme.foisa.txt", header)


def test_complaint_encloses_only_what_exists_and_opens_politely():
    for regime in ("foia", "foisa", "eir", "eisr", "sar"):
        text = CASES[f"complaint.{regime}.txt"]
        assert "Dear Information Commissioner" not in text and "Dear Scottish" not in text
        assert text.count("Dear Sir or Madam,") == text.count("=====") // 2
        assert "(if any)" not in text
    never = letter_for("complaint.foia.txt", "police_force, england: never answered")
    assert "I enclose a copy of my request." in never
    assert "internal review" not in never and "review decision" not in never
    after = letter_for("complaint.foia.txt", "police_force, england: after the review")
    assert (
        "copies of my request, the authority's response, my request for an internal review and the authority's review decision"
        in after
    )


def test_review_and_complaint_letters_say_section_not_s31():
    review = letter_for("review.foia.txt", "police_force, england: response refused")
    assert "You cited the following exemptions: section 40(2), section 31(1)(a)." in review
    assert "s31" not in review and "s40" not in review and "S.31" not in review
    assert "regulation 12(5)(b), regulation 13" in CASES["review.eir.txt"]


def test_exemption_words():
    from foi.domain.exemptions import in_words

    assert in_words("s31(1)(a)") == "section 31(1)(a)"
    assert in_words("S.40 (2)") == "section 40(2)"
    assert in_words("section 38") == "section 38"
    assert in_words("Reg. 12(5)(b)") == "regulation 12(5)(b)"
    assert in_words("personal  data") == "personal data"
