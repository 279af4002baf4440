"""A published campaign to check reports against: 47 mental health trusts,
findings recorded on 25 of them, counted by hand.

Sent Mon 5 Jan 2026 (FOIA: due Mon 2 Feb 2026).  By request id:

* findings ``scheme``: stopped on 3, 8, 15, 22, 31, 40 (6); rebranded on 5,
  12, 19, 27, 44 (5); kept on 1, 2, 4, 6, 7, 9, 10, 11, 13, 14, 16, 17, 18,
  20 (14); nothing on the other 22.  ``police_in_team``: yes on 1-10, no on
  11-20 (20 recorded).
* responses: 1-20 granted on Tue 20 Jan 2026; 21-25 refused (s.31) on Fri
  20 Feb 2026 (14 working days late); 26 not held, 27 neither confirm nor
  deny, both on Wed 28 Jan 2026; 28-47 never answer (overdue on 23 Nov 2026).
* the requester's name, email and address are set; request 3 has a private
  note ("PRIVATE-NOTE-3") and request 1's response a file attached
  ("secret-attachment.pdf").
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STOPPED = (3, 8, 15, 22, 31, 40)
REBRANDED = (5, 12, 19, 27, 44)
KEPT = (1, 2, 4, 6, 7, 9, 10, 11, 13, 14, 16, 17, 18, 20)
EMAIL = "alex.private@example.org"
NAME = "Alex Requester-Jones"
ADDRESS = "1 Secret Street, Leeds LS1 1AA"
TITLE = "High Intensity Users: what the trusts did"
DESCRIPTION = "We asked every mental health trust in England whether it still runs the HIU scheme."


def build(cli, folder: Path) -> None:
    """Run the campaign through ``cli`` (a tests.conftest.Cli with env set)."""
    cli("config", "set", "name", NAME)
    cli("config", "set", "email", EMAIL)
    cli("config", "set", "address", ADDRESS)
    cli(
        "campaign",
        "set",
        "hiu",
        "--title",
        TITLE,
        "--description",
        DESCRIPTION,
        "--finding",
        "scheme=stopped,kept,rebranded",
        "--finding",
        "police_in_team=yes,no",
    )
    cli("--today", "2026-01-05", "draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "--campaign", "hiu")
    cli("send", "1-47", "--on", "2026-01-05")
    for i in range(1, 21):
        cli("respond", i, "--outcome", "granted", "--on", "2026-01-20")
    for i in range(21, 26):
        cli("respond", i, "--outcome", "refused", "--on", "2026-02-20", "--exemption", "s.31(1)(a)")
    cli("respond", 26, "--outcome", "not-held", "--on", "2026-01-28")
    cli("respond", 27, "--outcome", "ncnd", "--on", "2026-01-28", "--exemption", "s 31(3)")
    for ids, value in ((STOPPED, "stopped"), (REBRANDED, "rebranded"), (KEPT, "kept")):
        for i in ids:
            cli("finding", i, f"scheme={value}")
    for i in range(1, 21):
        cli("finding", i, "police_in_team=" + ("yes" if i <= 10 else "no"))
    cli("log", 3, "note", "--note", "PRIVATE-NOTE-3")
    secret = folder / "secret-attachment.pdf"
    secret.write_bytes(b"%PDF-1.4 secret")
    cli("log", 1, "note", "--note", "with a file", "--file", secret)


def copy_into(built: Path, target: Path) -> None:
    """Copy a built campaign (home and store folders) into a test's tmp_path."""
    for name in ("home", "store"):
        src = built / name
        if src.exists():
            dst = target / name
            if dst.exists():
                shutil.rmtree(dst)
            shutil.copytree(src, dst)
            os.chmod(dst, 0o700)


def main(argv: list[str]) -> None:
    """``python tests/hiu_campaign.py FOLDER``: build the campaign in FOLDER
    (its own store and app folder) and export hiu.html, hiu.xlsx and hiu.csv
    there, to look at (the README's development section)."""
    from click.testing import CliRunner

    from foi.cli import cli as foi

    folder = Path(argv[0] if argv else "hiu-report").resolve()
    (folder / "home").mkdir(parents=True, exist_ok=True)
    runner = CliRunner(
        env={
            "HOME": str(folder / "home"),
            "XDG_CONFIG_HOME": str(folder / "home" / ".config"),
            "FOI_STORE": str(folder / "store" / "foi.json"),
            "FOI_TODAY": "2026-11-23",
        }
    )

    def run(*args):
        result = runner.invoke(foi, [str(a) for a in args])
        if result.exit_code != 0:
            raise SystemExit(f"foi {' '.join(map(str, args))}: {result.output}")

    if not (folder / "store" / "foi.json").exists():
        build(run, folder)
    for name in ("hiu.html", "hiu.xlsx", "hiu.csv"):
        run("export", "--campaign", "hiu", "-o", folder / name)
    print(folder / "hiu.html")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
