"""The letter context the letter tests render with."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from foi import letters
from foi.domain.law import law_for


def context(regime: str = "foia", **overrides) -> dict:
    scottish = regime in ("foisa", "eisr")
    ctx = {
        "requester": {
            "name": "Siân Llŷr",
            "email": "sian@example.org",
            "address": "1 Stryd Fawr\nAberystwyth SY23 1AA",
        },
        "authority": {
            "id": "nhs-lothian" if scottish else "dyfed-powys-police",
            "name": "NHS Lothian" if scottish else "Dyfed-Powys Police",
            "foi_email": "foi@example.org",
            "email_verified": True,
            "wdtk_url_name": "x",
            "kind": "health_board" if scottish else "police",
            "nation": "scotland" if scottish else "wales",
            "regime": "foisa" if scottish else "foia",
        },
        "regime": regime,
        "law": law_for(regime),
        "today": date(2026, 11, 23),
        "subject": "Police involvement in care plans",
        "body": "Please send me your policy on care plans.",
        "campaign": "",
        "vars": {},
        "grounds": "The figures are aggregate numbers, not personal data.",
        "request": {
            "id": 7,
            "subject": "Police involvement in care plans",
            "sent": date(2026, 10, 1),
            "response_due": "2026-10-29",
            "days_late": 17,
            "ref": "FOI-123",
            "answered": date(2026, 11, 2),
            "outcome": "refused",
            "exemptions": ["s40(2)", "s31(1)(a)"],
            "review_requested": date(2026, 11, 3),
            "review_due": date(2026, 12, 1),
            "review_answered": None,
            "review_outcome": None,
            "timeline": [
                {"date": "2026-10-01", "type": "sent", "note": ""},
                {"date": "2026-11-02", "type": "response", "note": "refused under s40"},
                {"date": "2026-11-03", "type": "review-requested", "note": ""},
            ],
        },
    }
    ctx.update(overrides)
    return ctx


def regimes_of(name: str) -> list[str]:
    info = letters.get_template_info(name)
    return {
        "auto": ["foia", "foisa"],
        "environmental": ["eir", "eisr"],
        "sar": ["sar"],
        "any": ["foia", "foisa", "eir", "eisr", "sar"],
    }.get(info.regime, [info.regime])


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt.j2").write_text(text, encoding="utf-8")
