"""The synthetic requests of the benchmark stores: campaigns, scenarios
(what happened to each request), rendered letters, user authorities
(used by bench/make_store.py)."""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from foi.app import drafting  # noqa: E402
from foi.directory import shipped_authorities  # noqa: E402

TODAY = date(2026, 11, 23)
FIRST_DAY = date(2022, 1, 4)
SIZES = (1000, 10000, 50000)

CAMPAIGNS = [
    ("hiu", "Police involvement in care planning (high intensity user schemes)"),
    ("stop-search", "Stop and search: use of force and body-worn video"),
    ("s136", "Section 136 detentions and places of safety"),
    ("restraint", "Prone restraint and use of force on inpatient wards"),
    ("oos-placements", "Out-of-area mental health placements"),
    ("crisis-lines", "Crisis line staffing and call abandonment"),
    ("facial-recognition", "Live facial recognition deployments"),
    ("spit-hoods", "Use of spit and bite guards"),
    ("taser", "Taser discharges in mental health settings"),
    ("waiting-times", "Waiting times for community mental health teams"),
    ("seclusion", "Seclusion and long-term segregation"),
    ("custody-deaths", "Deaths in or following police custody"),
    ("gang-matrix", "Gang databases and risk matrices"),
    ("data-sharing", "Data sharing agreements with the Home Office"),
    ("air-quality", "Air quality monitoring near hospital sites"),
    ("estates", "Hospital estate maintenance backlog"),
    ("agency-staff", "Agency and bank staff spending"),
    ("complaints", "Complaints handling and outcomes"),
    ("drones", "Police drone flights and retention of footage"),
    ("my-records", "My personal data"),
]

BODY = """1. For each of the financial years 2019/20 to 2025/26, please state the number of
   people referred to, assessed by, or managed under any scheme, protocol or
   multi-agency arrangement in which police officers or police staff take part in
   the planning, review or delivery of the care of people who use services
   frequently, including any scheme known as Serenity Integrated Mentoring (SIM),
   High Intensity Network (HIN), "high intensity user" (HIU) or similar.

2. Please provide a copy of every policy, standard operating procedure, protocol,
   information sharing agreement, data protection impact assessment and equality
   impact assessment that governs any such scheme, in force at any time since
   1 April 2019, together with the date each came into force and, where replaced,
   the date it was withdrawn.

3. For each year, please state how many people under any such scheme were subject
   to (a) a community protection warning or notice, (b) a criminal behaviour order,
   (c) a prosecution for an offence connected with contacting emergency services,
   and (d) a restriction on the services they could use, and how many of them had
   a care plan that mentioned police involvement.

4. Please provide the minutes of any meeting of a board, committee or group that
   decided to begin, continue, review, rename or end any such scheme, and any
   evaluation, audit or review of its effects on patients, including any that
   considered the views of people who had been under the scheme.

5. Please state the total amount paid since 1 April 2019 to any organisation for
   training, licensing or delivering any such scheme, year by year.

If any part of this request would exceed the cost limit, please tell me which
parts can be answered within it and advise me how to narrow the rest, as the
section 16 duty to provide advice and assistance requires.
"""

OUTCOMES = ("granted", "partial", "refused", "not-held", "ncnd")
EXEMPTIONS = ("s40(2)", "s31(1)(a)", "s12", "s43(2)", "s38", "s36(2)(c)", "s30", "s41", "s21", "s22")
SCOT_EXEMPTIONS = ("s38(1)(b)", "s35(1)(a)", "s12", "s33(1)(b)", "s30(c)", "s17")
EIR_EXCEPTIONS = ("reg 12(4)(b)", "reg 12(5)(a)", "reg 13", "reg 12(4)(e)")
FINDING_KEYS = ("scheme", "police_in_team", "patients", "policy_held", "eia_done", "ended")
FINDING_VALUES = {
    "scheme": ("yes", "no", "rebranded", "unclear"),
    "police_in_team": ("yes", "no", "partly"),
    "patients": None,
    "policy_held": ("yes", "no", "not-held"),
    "eia_done": ("yes", "no"),
    "ended": ("2021", "2022", "2023", "no", ""),
}

# (scenario, weight)
SCENARIOS = (
    ("awaiting", 10),
    ("overdue-chased", 8),
    ("granted", 22),
    ("answered", 14),
    ("refused-review", 14),
    ("complaint", 7),
    ("clarification", 6),
    ("fee", 3),
    ("extended", 6),
    ("withdrawn", 2),
    ("draft", 4),
    ("review-pending", 4),
)


#: The requester of every benchmark letter.
_REQUESTER = {"name": "Alex Jones", "email": "alex.jones@example.org", "address": ""}


def _template_for(regime: str) -> str:
    return {"foia": "foi", "foisa": "foi", "eir": "eir", "eisr": "eir", "sar": "sar"}[regime]


class Letters:
    """Rendered letters, one per (template, authority), through drafting.prepare_requests."""

    def __init__(self):
        self._cache: dict[tuple[str, str], dict] = {}

    def record(self, template: str, auth: dict, subject: str, campaign: str | None, on: date) -> dict:
        key = (template, auth["id"])
        rec = self._cache.get(key)
        if rec is None:
            order = drafting.DraftOrder(
                template,
                subject="SUBJECT-PLACEHOLDER",
                campaign="CAMPAIGN-PLACEHOLDER",
                body=BODY,
                allow_duplicate=True,
            )
            [rec] = drafting.prepare_requests([], _REQUESTER, [auth], order, TODAY)
            self._cache[key] = rec
        out = {k: v for k, v in rec.items() if k != "events"}
        ev0 = dict(rec["events"][0])
        letter = ev0["letter"].replace("SUBJECT-PLACEHOLDER", subject)
        letter = letter.replace(f"{TODAY.day} November 2026", f"{on.day} {on:%B %Y}")
        ev0["letter"] = letter
        ev0["date"] = on.isoformat()
        out.update(subject=subject, campaign=campaign, created=on.isoformat())
        return out, ev0


def _bench_authorities(n: int = 250) -> list[dict]:
    out = []
    for i in range(1, n + 1):
        scot = i % 9 == 0
        out.append(
            {
                "id": f"bench-council-{i:03d}",
                "name": f"Bench Borough Council {i:03d}",
                "kind": "council",
                "nation": "scotland" if scot else "england",
                "regime": "foisa" if scot else "foia",
                "ods_code": "",
                "gss_code": "",
                "police_api_id": "",
                "wdtk_url_name": f"bench_borough_council_{i:03d}",
                "home_page": f"https://council{i:03d}.example.gov.uk",
                "foi_email": f"foi@council{i:03d}.example.gov.uk",
                "email_verified": "no",
                "tags": ["bench", "council"],
                "source": "yours",
            }
        )
    return out


class Gen:
    def __init__(self, seed: int):
        self.rnd = random.Random(seed)
        self.auths = list(shipped_authorities().values())
        self.letters = Letters()

    def _day(self, lo: date, hi: date) -> date:
        span = (hi - lo).days
        return lo + timedelta(days=self.rnd.randint(0, max(span, 0)))

    def _after(self, d: date, lo: int, hi: int) -> date:
        return d + timedelta(days=self.rnd.randint(lo, hi))

    def _exemptions(self, regime: str) -> list[str]:
        pool = EIR_EXCEPTIONS if regime in ("eir", "eisr") else SCOT_EXEMPTIONS if regime == "foisa" else EXEMPTIONS
        return self.rnd.sample(pool, self.rnd.randint(1, 3))

    def request(self, force_draft: bool = False) -> dict:
        rnd = self.rnd
        auth = rnd.choice(self.auths)
        camp_i = rnd.randrange(len(CAMPAIGNS) + 4)
        campaign, subject = CAMPAIGNS[camp_i] if camp_i < len(CAMPAIGNS) else (None, "Request for information")
        scot = auth.get("nation") == "scotland"
        if campaign == "my-records" or rnd.random() < 0.06:
            regime = "sar"
        elif campaign == "air-quality" or rnd.random() < 0.08:
            regime = "eisr" if scot else "eir"
        else:
            regime = auth.get("regime") or ("foisa" if scot else "foia")
        template = _template_for(regime)
        if campaign == "hiu" and regime in ("foia", "foisa"):
            template = "hiu-scheme"
        scenario = "draft" if force_draft else rnd.choices([s for s, _ in SCENARIOS], [w for _, w in SCENARIOS])[0]
        # in-flight requests were sent recently; settled ones at any time
        if scenario in ("awaiting", "review-pending", "extended") and rnd.random() < 0.7:
            sent = self._day(TODAY - timedelta(days=70), TODAY - timedelta(days=1))
        elif scenario == "draft":
            sent = self._day(TODAY - timedelta(days=20), TODAY)
        else:
            sent = self._day(FIRST_DAY, TODAY - timedelta(days=60))
        drafted = sent - timedelta(days=rnd.randint(0, 3))
        rec, draft_ev = self.letters.record(template, auth, subject, campaign, drafted)
        rec = dict(rec)
        rec["regime"] = regime
        events = [draft_ev]
        if scenario == "draft":
            rec["events"] = events
            rec["findings"] = {}
            return rec
        via = rnd.choice(("email", "email", "email", "whatdotheyknow", "post", "web"))
        draft_ev["sent_on"] = sent.isoformat()
        events.append({"type": "sent", "date": sent.isoformat(), "via": via})
        ref = f"{'FOI' if regime != 'sar' else 'SAR'}-{sent.year}-{rnd.randint(100, 99999):05d}"
        if rnd.random() < 0.85:
            events.append({"type": "acknowledged", "date": self._after(sent, 0, 4).isoformat(), "ref": ref})
        last = date.fromisoformat(events[-1]["date"])

        def respond(after: date, outcome: str | None = None) -> date:
            outcome = outcome or rnd.choices(OUTCOMES, (35, 25, 25, 12, 3))[0]
            on = self._after(after, 8, 45)
            e = {"type": "response", "date": on.isoformat(), "outcome": outcome, "ref": ref}
            if outcome in ("partial", "refused", "ncnd"):
                e["exemptions"] = self._exemptions(regime)
            if rnd.random() < 0.4:
                e["attachments"] = [
                    {
                        "name": f"{ref}-response.pdf",
                        "sha256": "%064x" % rnd.getrandbits(256),
                        "size": rnd.randint(40_000, 2_000_000),
                        "file": "x.pdf",
                    }
                ]
            events.append(e)
            return on

        if scenario == "awaiting":
            pass
        elif scenario == "overdue-chased":
            chase_on = self._after(sent, 32, 45)
            events.append(
                {
                    "type": "drafted",
                    "date": chase_on.isoformat(),
                    "kind": "chaser",
                    "template": "chaser",
                    "letter": "Dear FOI team,\n\nMy request of "
                    + sent.isoformat()
                    + " is now overdue. Please respond promptly.\n\nAlex Jones\n" * 3,
                    "sent_on": chase_on.isoformat(),
                }
            )
            events.append({"type": "chased", "date": chase_on.isoformat(), "via": "email", "letter_kind": "chaser"})
        elif scenario in ("granted", "answered"):
            respond(last, "granted" if scenario == "granted" else None)
        elif scenario in ("refused-review", "complaint", "review-pending"):
            on = respond(last, rnd.choice(("refused", "partial")))
            rreq = self._after(on, 3, 30)
            if scenario == "review-pending":
                rreq = min(rreq, TODAY - timedelta(days=rnd.randint(1, 40)))
                rreq = max(rreq, on)
            events.append({"type": "review-requested", "date": rreq.isoformat(), "via": "email"})
            if scenario != "review-pending":
                rresp = self._after(rreq, 10, 50)
                events.append(
                    {
                        "type": "review-response",
                        "date": rresp.isoformat(),
                        "outcome": rnd.choice(("upheld", "upheld", "overturned", "partly-overturned")),
                        "ref": ref,
                    }
                )
                if scenario == "complaint":
                    comp = self._after(rresp, 5, 40)
                    events.append(
                        {
                            "type": "complaint",
                            "date": comp.isoformat(),
                            "ref": f"IC-{rnd.randint(100000, 999999)}-{rnd.choice('ABCDEFGH')}{rnd.randint(1, 9)}",
                        }
                    )
                    if rnd.random() < 0.6:
                        dec = self._after(comp, 60, 250)
                        events.append(
                            {
                                "type": "decision",
                                "date": dec.isoformat(),
                                "outcome": rnd.choice(("upheld", "not upheld", "partly upheld")),
                            }
                        )
                        if rnd.random() < 0.2:
                            events.append({"type": "appeal", "date": self._after(dec, 5, 27).isoformat()})
        elif scenario == "clarification":
            ask = self._after(last, 2, 12)
            events.append(
                {
                    "type": "clarification-requested",
                    "date": ask.isoformat(),
                    "note": "asked which years are meant in question 3",
                }
            )
            if rnd.random() < 0.8:
                cl = self._after(ask, 1, 10)
                events.append({"type": "clarified", "date": cl.isoformat()})
                respond(cl)
        elif scenario == "fee":
            fn = self._after(last, 5, 15)
            events.append({"type": "fee-notice", "date": fn.isoformat(), "amount": f"£{rnd.randint(5, 80)}.00"})
            if rnd.random() < 0.7:
                paid = self._after(fn, 1, 20)
                events.append({"type": "fee-paid", "date": paid.isoformat()})
                respond(paid)
        elif scenario == "extended":
            ext = self._after(sent, 15, 27)
            e = {"type": "extended", "date": ext.isoformat(), "note": "public interest test"}
            if regime == "foia" and rnd.random() < 0.7:
                e["until"] = self._after(ext, 10, 25).isoformat()
            events.append(e)
            if rnd.random() < 0.5:
                respond(ext)
        elif scenario == "withdrawn":
            events.append({"type": "withdrawn", "date": self._after(last, 1, 20).isoformat()})
        if rnd.random() < 0.45:
            events.append(
                {
                    "type": "note",
                    "date": self._after(sent, 0, 30).isoformat(),
                    "note": "phoned the FOI team; they promised a reply soon",
                }
            )
        # nothing may be dated after today; keep events in date order (stable)
        events = [e for e in events if date.fromisoformat(e["date"]) <= TODAY]
        events.sort(key=lambda e: e["date"])
        rec["events"] = events
        findings = {}
        if campaign and any(e["type"] == "response" for e in events) and rnd.random() < 0.6:
            for k in rnd.sample(FINDING_KEYS, rnd.randint(2, len(FINDING_KEYS))):
                vals = FINDING_VALUES[k]
                findings[k] = str(rnd.randint(0, 400)) if vals is None else rnd.choice(vals)
        rec["findings"] = findings
        return rec
