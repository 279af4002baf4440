"""A campaign ready to email: authorities with verified addresses, drafted letters, SMTP settings."""

from __future__ import annotations


def authorities(cli, tmp_path, n: int, tag: str = "mailtest") -> None:
    """n authorities with addresses the campaigner checked (as `foi authorities
    edit ID --verified` leaves them), put in the store in one write."""
    import os
    from pathlib import Path

    from foi.store import open_store

    records = [
        {
            "id": f"trust-{i:02d}",
            "name": f"Test Trust {i:02d}",
            "kind": "mental_health_trust",
            "nation": "england",
            "regime": "foia",
            "foi_email": f"foi@trust{i:02d}.nhs.example",
            "email_verified": "yes",
            "email_checked": "2026-11-23",
            "tags": [tag],
        }
        for i in range(1, n + 1)
    ]
    with open_store(Path(os.environ["FOI_STORE"]), write=True) as store:
        store.put_authorities(records)


def campaign(cli, tmp_path, n: int) -> list[int]:
    """n drafted requests in campaign 'hiu' (ids returned)."""
    authorities(cli, tmp_path, n)
    cli(
        "draft",
        "-t",
        "foi",
        "--tag",
        "mailtest",
        "--campaign",
        "hiu",
        "--subject",
        "Crisis team staffing",
        "--var",
        "questions=How many staff are in each crisis team? Please give the figures for 2024 and 2025 by grade.",
    )
    return [r["id"] for r in cli.json("list") if r.get("campaign") == "hiu"]


def smtp_settings(cli, srv, pace: str = "0") -> None:
    cli("config", "set", "smtp.host", srv.host)
    cli("config", "set", "smtp.port", str(srv.port))
    if srv.cafile:
        cli("config", "set", "smtp.security", "starttls")
        cli("config", "set", "smtp.cafile", str(srv.cafile))
    else:
        cli("config", "set", "smtp.security", "none")
    if srv.user:
        cli("config", "set", "smtp.user", srv.user)
    cli("config", "set", "smtp.pace", pace)
