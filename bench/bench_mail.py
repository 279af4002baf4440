"""Benchmarks of `foi mail` (issue 17), each beside its baseline, measured in
the same run on the same machine; writes bench/RESULTS_mail.md.

    .venv/bin/python bench/bench_mail.py            # both, 3 runs each (~2 minutes)
    .venv/bin/python bench/bench_mail.py --only send --runs 5

fetch
    `foi mail fetch --from mbox:PATH` of an mbox of 10,000 messages (a third
    are replies to the store's requests, each with a PDF attached; the rest
    match nothing and go to the inbox), as a whole process on a fresh copy of
    a store of 100 sent requests, against a plain stdlib parse of the same
    file (``mailbox.mbox`` + ``email.message_from_bytes(raw,
    policy=email.policy.default)`` for every message), also a whole process.
    Target: at most 2x.
send
    `foi mail send --campaign bench --yes` of 47 letters from a store of 100
    requests to a local aiosmtpd server (smtp.pace 0), against the same 47
    messages sent with plain smtplib over one connection (the SMTP round
    trip).  Per message beyond the round trip = (send - dry run - smtplib) /
    47, where the dry run (`--dry-run`, same process start, store read and
    planning) takes out the fixed costs.  Target: under 20 ms.

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FOI = [sys.executable, "-m", "foi.cli"] if not (ROOT / ".venv/bin/foi").exists() else [str(ROOT / ".venv/bin/foi")]
TODAY = "2026-11-23"
N_MESSAGES = 10_000
N_REQUESTS = 100
N_LETTERS = 47

_BASELINE = """
import email, email.policy, mailbox, sys
box = mailbox.mbox(sys.argv[1], create=False)
n = 0
for key in box.iterkeys():
    email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
    n += 1
print(n)
"""


def _requests(sent: bool, campaign_drafts: int = 0) -> list[dict]:
    from foi.domain.mail.token import token_for  # noqa: F401  (the store gives uids)

    letter = "Subject: Freedom of Information request - Crisis team staffing\n\n" + (
        "Dear Freedom of Information team,\n\n" + "Please tell me how many staff work in each crisis team. " * 40
    )
    out = []
    for i in range(1, N_REQUESTS + 1):
        events = [{"type": "drafted", "date": TODAY, "kind": "request", "template": "foi", "letter": letter}]
        unsent = i > N_REQUESTS - campaign_drafts
        if sent and not unsent:
            events[0]["sent_on"] = TODAY
            mid = f"<bench.{i}@example.org>"
            events.append({"type": "sent", "date": TODAY, "via": "email", "message_id": mid, "to": _to(i)})
        out.append(
            {
                "authority_id": f"bench-{i}",
                "authority_name": f"Bench Authority {i}",
                "authority_kind": "other",
                "nation": "england",
                "regime": "foia",
                "subject": "Crisis team staffing",
                "campaign": "bench" if unsent else "older",
                "template": "foi",
                "to_email": _to(i),
                "email_verified": True,
                "created": TODAY,
                "vars": {},
                "findings": {},
                "events": events,
            }
        )
    return out


def _to(i: int) -> str:
    return f"foi@authority{i}.example"


def make_store(path: Path, records: list[dict]) -> None:
    from foi.store import open_store

    with open_store(path, write=True) as store:
        store.add_requests(records)


def _env(home: Path, store: Path, extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOI_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), FOI_STORE=str(store), FOI_TODAY=TODAY)
    env.update(extra or {})
    return env


def _person(home: Path, values: dict) -> None:
    import json

    folder = home / ".config" / "foi"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.json").write_text(json.dumps(values))


def _timed(cmd: list[str], env: dict | None = None) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode(errors='replace')}")
    return elapsed


# -- fetch ---------------------------------------------------------------------


def make_mbox(path: Path, store: Path) -> None:
    import mailbox
    from datetime import datetime, timedelta, timezone
    from email.message import EmailMessage
    from email.utils import format_datetime

    from foi.domain.mail.token import token_for
    from foi.store import open_store

    with open_store(store) as s:
        reqs = s.requests()
    pdf = b"%PDF-1.4\n" + os.urandom(30_000)
    start = datetime(2026, 11, 1, 9, 0, tzinfo=timezone.utc)
    box = mailbox.mbox(str(path))
    box.lock()
    for n in range(N_MESSAGES):
        m = EmailMessage()
        m["Date"] = format_datetime(start + timedelta(minutes=n))
        m["Message-ID"] = f"<m{n}@sender.example>"
        if n % 3 == 0:  # a reply to one of our letters, with a document
            req = reqs[n % len(reqs)]
            m["From"] = req["to_email"]
            m["To"] = "alex@example.org"
            if n % 2:
                m["In-Reply-To"] = f"<bench.{req['id']}@example.org>"
                m["Subject"] = "Re: Freedom of Information request - Crisis team staffing"
            else:
                m["Subject"] = f"Your request [foi {token_for(req['uid'])}]"
            m.set_content("Dear Alex,\n\nPlease find attached our response to your request.\n\nFOI team\n")
            m.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"response-{n}.pdf")
        else:
            m["From"] = f"news{n % 50}@lists.example"
            m["To"] = "alex@example.org"
            m["Subject"] = f"Newsletter number {n}"
            m.set_content("Hello,\n\n" + "All the news that fits. " * 30 + "\n")
        box.add(m.as_bytes())
    box.flush()
    box.unlock()
    box.close()


def bench_fetch(work: Path, runs: int) -> dict:
    store = work / "fetch" / "foi.json"
    make_store(store, _requests(sent=True))
    mbox = work / "replies.mbox"
    make_mbox(mbox, store)
    home = work / "home-fetch"
    _person(home, {"name": "Alex Jones", "email": "alex@example.org"})
    base, foi = [], []
    for _ in range(runs):
        base.append(_timed([sys.executable, "-c", _BASELINE, str(mbox)]))
        run_store = work / "fetch-run" / "foi.json"
        shutil.rmtree(run_store.parent, ignore_errors=True)
        shutil.copytree(store.parent, run_store.parent)  # the store and the files beside it
        foi.append(_timed([*FOI, "mail", "fetch", "--from", f"mbox:{mbox}"], _env(home, run_store)))
    b, f = statistics.median(base), statistics.median(foi)
    return {
        "baseline_s": b,
        "foi_s": f,
        "ratio": f / b,
        "ok": f <= 2 * b,
        "mbox_mb": mbox.stat().st_size / 1e6,
    }


# -- send ------------------------------------------------------------------------


def bench_send(work: Path, runs: int) -> dict:
    from servers.smtp import start_smtp

    server = start_smtp(work)
    try:
        return _send_runs(work, server, runs)
    finally:
        server.stop()


def _send_runs(work: Path, server, runs: int) -> dict:
    import smtplib

    store = work / "send" / "foi.json"
    make_store(store, _requests(sent=True, campaign_drafts=N_LETTERS))
    home = work / "home-send"
    _person(
        home,
        {
            "name": "Alex Jones",
            "email": "alex@example.org",
            "smtp.host": server.host,
            "smtp.port": str(server.port),
            "smtp.security": "none",
            "smtp.pace": "0",
        },
    )
    send, dry, plain = [], [], []
    for _ in range(runs):
        run_store = work / "send-run" / "foi.json"
        shutil.rmtree(run_store.parent, ignore_errors=True)
        shutil.copytree(store.parent, run_store.parent)  # the store and the files beside it
        dry.append(_timed([*FOI, "mail", "send", "--campaign", "bench", "--dry-run"], _env(home, run_store)))
        before = len(server.accepted)
        send.append(_timed([*FOI, "mail", "send", "--campaign", "bench", "--yes"], _env(home, run_store)))
        assert len(server.accepted) - before == N_LETTERS, "not every letter arrived"
        sample = [r.data for r in server.accepted[-N_LETTERS:]]
        t0 = time.perf_counter()
        with smtplib.SMTP(server.host, server.port) as s:
            for data in sample:
                s.sendmail("alex@example.org", ["foi@authority.example"], data)
        plain.append(time.perf_counter() - t0)
    s_, d, p = statistics.median(send), statistics.median(dry), statistics.median(plain)
    per = (s_ - d - p) / N_LETTERS
    return {"send_s": s_, "dry_run_s": d, "smtplib_s": p, "per_message_ms": per * 1000, "ok": per < 0.020}


def write_results(results: dict) -> None:
    lines = ["# `foi mail` benchmark results (bench/bench_mail.py)", ""]
    f = results.get("fetch")
    if f:
        lines += [
            f"## fetch: mbox of {N_MESSAGES:,} messages ({f['mbox_mb']:.0f} MB), a third replies with a PDF",
            "",
            "| stdlib mailbox + email parse | foi mail fetch | ratio | target | met |",
            "|---|---|---|---|---|",
            f"| {f['baseline_s']:.2f} s | {f['foi_s']:.2f} s | {f['ratio']:.2f}x | at most 2x | {'yes' if f['ok'] else 'NO'} |",
            "",
        ]
    s = results.get("send")
    if s:
        lines += [
            f"## send: {N_LETTERS} letters from a store of {N_REQUESTS} requests, local aiosmtpd, pace 0",
            "",
            "| foi mail send | --dry-run | smtplib alone | per message beyond the round trip | target | met |",
            "|---|---|---|---|---|---|",
            f"| {s['send_s']:.2f} s | {s['dry_run_s']:.2f} s | {s['smtplib_s']:.3f} s | "
            f"{s['per_message_ms']:.1f} ms | under 20 ms | {'yes' if s['ok'] else 'NO'} |",
            "",
        ]
    lines.append(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end of the run.")
    (HERE / "RESULTS_mail.md").write_text("\n".join(lines) + "\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=("fetch", "send"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="foi-bench-mail-") as tmp:
        work = Path(tmp)
        if args.only in (None, "send"):
            results["send"] = bench_send(work, args.runs)
            print("send", results["send"])
        if args.only in (None, "fetch"):
            results["fetch"] = bench_fetch(work, args.runs)
            print("fetch", results["fetch"])
    write_results(results)
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
