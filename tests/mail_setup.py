"""A campaign ready to email: authorities with verified addresses, drafted letters, SMTP settings."""

from __future__ import annotations

import csv


def authorities(cli, tmp_path, n: int, tag: str = "mailtest") -> None:
    path = tmp_path / f"auth-{tag}.csv"
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "name", "kind", "nation", "regime", "foi_email", "email_verified", "tags"])
        for i in range(1, n + 1):
            w.writerow(
                [
                    f"trust-{i:02d}",
                    f"Test Trust {i:02d}",
                    "mental_health_trust",
                    "england",
                    "foia",
                    f"foi@trust{i:02d}.nhs.example",
                    "yes",
                    tag,
                ]
            )
    cli("authorities", "import", path)
    for i in range(1, n + 1):  # a file's addresses are never trusted: the campaigner checks each
        cli("authorities", "edit", f"trust-{i:02d}", "--verified")


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
