"""Campaign statistics (pure: no click, no rich, no I/O).

Input: the :class:`foi.export.Record` list that ``foi export`` builds (each
request with its :class:`~foi.domain.clock.Assessment`, worked out once),
so ``foi stats`` and the HTML summary give the same numbers as the table.

Every figure carries a ``method``: one sentence saying what was counted and
how, so that a published number can be checked.  The definitions:

* **answered**: the request has a ``response`` event (whatever came after it:
  a review, a complaint).  A request that is withdrawn, or never answered,
  is not answered.
* **answered within the statutory limit**: answered, and the engine's
  ``working_days_late`` is 0, i.e. the response arrived on or before the due
  date in force (20 working days from receipt, restarted by a clarification,
  paused by an unpaid fee, moved by a lawful extension: see ``foi explain``).
* **working days to answer**: the engine's ``working_days_taken``: working
  days of the regime's calendar from receipt (or clarification) to the
  response, fee pauses left out.  SAR requests are counted on the same
  working-day basis (their limit is a calendar month, but the figure stays
  comparable).
* **median**: the middle value; with an even count, the mean of the two middle
  values (so it can end in .5).
* **90th percentile**: nearest-rank method: sort the n values and take the
  one at rank ceil(0.9 x n) (1-based).  It is always a value that occurred:
  "90% of answered requests took at most this many working days".
* **overdue now**: the authority has to act (a response or an internal
  review) and its due date has passed on the day of the report; the share is
  out of the requests that have been sent.
* **exemptions**: each exemption is counted once per request (cited in the
  response or the review response) under its law and section
  (:func:`foi.domain.exemptions.summary_key`: ``S.40 (2)`` and ``section 40``
  on a FOIA request are both ``FOIA s.40``; FOISA s.38 is not FOIA s.38).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import chain
from operator import itemgetter
from typing import Any

METHODS: dict[str, str] = {
    "requests": "Requests selected (drafts included).",
    "by_stage": "Requests by their stage on the report date, worked out from each timeline.",
    "by_outcome": (
        "Answered requests by the outcome of their first response "
        "(a request counts as answered once a response is logged)."
    ),
    "answered_within_limit": (
        "Answered requests whose response came on or before the due date in force "
        "(working_days_late = 0), out of all answered requests."
    ),
    "working_days_median": (
        "Median working days from receipt (or clarification) to the response, fee "
        "pauses excluded, over answered requests; with an even count, the mean of "
        "the two middle values."
    ),
    "working_days_p90": (
        "90th percentile of the same working days, nearest-rank method: the value at "
        "rank ceil(0.9 x n) of the sorted values."
    ),
    "overdue_now": (
        "Requests waiting for the authority (response or internal review) past their due "
        "date on the report date, out of requests sent."
    ),
    "exemptions": (
        "Exemptions cited in responses and review responses, counted by law and section "
        "(FOIA s.38 and FOISA s.38 apart; s.40(2) counted as FOIA s.40; EIR exceptions by "
        "paragraph, e.g. EIR reg.12(5)(b)), each once per request; most cited first, at most 10."
    ),
}

FIGURE_ORDER = (
    "requests",
    "by_stage",
    "by_outcome",
    "answered_within_limit",
    "working_days_median",
    "working_days_p90",
    "overdue_now",
    "exemptions",
)

TOP_EXEMPTIONS = 10


# -- small pure helpers (tested directly) ---------------------------------------


def median(values: Sequence[float]) -> float | None:
    """The middle value; mean of the two middle values for an even count."""
    if not values:
        return None
    s = sorted(values)
    n = len(s)
    mid = n // 2
    if n % 2:
        return s[mid]
    m = (s[mid - 1] + s[mid]) / 2
    return int(m) if m == int(m) else m


def percentile_nearest_rank(values: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile by the nearest-rank method (value at rank ceil(p/100 * n))."""
    if not values:
        return None
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    s = sorted(values)
    rank = math.ceil(p / 100 * len(s))
    return s[max(rank, 1) - 1]


def normalise_exemption(text: str) -> str:
    """``S.40 (2)``, ``section 40(2)``, ``s 40(2)`` -> ``s40(2)``; ``Reg. 12(5)(b)`` -> ``reg12(5)(b)``."""
    from .exemptions import normalise

    return normalise(text)


def share(count: int, total: int) -> float | None:
    return round(count / total, 4) if total else None


# -- the figures ------------------------------------------------------------------


def _facts(r: Any) -> tuple:
    """What the figures read of one record, read once (the figures are counted three times:
    overall, by authority kind, by regime)."""
    a = r.assessment
    answered = a.answered is not None
    return (
        a.stage,
        a.sent is not None,
        bool(a.overdue),
        answered,
        (r.row.get("outcome") or "unknown") if answered else None,
        not a.working_days_late,
        a.working_days_taken,
        r.exemption_keys,
    )


def _figures(facts: Sequence[tuple]) -> dict[str, dict]:
    n = len(facts)
    stages = Counter(map(itemgetter(0), facts))
    sent_facts = [f for f in facts if f[1]]
    sent, overdue = len(sent_facts), sum(map(itemgetter(2), sent_facts))
    answered_facts = [f for f in facts if f[3]]
    answered = len(answered_facts)
    outcomes = Counter(map(itemgetter(4), answered_facts))
    on_time = sum(map(itemgetter(5), answered_facts))
    taken = [t for t in map(itemgetter(6), answered_facts) if t is not None]
    cited = [f[7] for f in facts if f[7]]
    exemptions = Counter(chain.from_iterable(cited))
    top = sorted(exemptions.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_EXEMPTIONS]
    return {
        "requests": {"value": n},
        "by_stage": {"value": dict(sorted(stages.items()))},
        "by_outcome": {"value": dict(sorted(outcomes.items())), "of": answered},
        "answered_within_limit": {"value": share(on_time, answered), "count": on_time, "of": answered},
        "working_days_median": {"value": median(taken), "of": len(taken)},
        "working_days_p90": {"value": percentile_nearest_rank(taken, 90), "of": len(taken)},
        "overdue_now": {"value": share(overdue, sent), "count": overdue, "of": sent},
        "exemptions": {"value": [{"exemption": k, "requests": v} for k, v in top], "of": len(cited)},
    }


def _with_methods(figs: dict[str, dict]) -> dict[str, dict]:
    return {k: {**figs[k], "method": METHODS[k]} for k in FIGURE_ORDER}


def compute(records: Iterable[Any], today: date, campaign: str | None = None) -> dict:
    """All the statistics for ``records``, as a JSON-ready dict.

    ``figures`` for the whole selection, then the same figures for each
    authority kind and each regime (``by_authority_kind``, ``by_regime``).
    Every figure is ``{"value": ..., "method": "...", ...}``; shares are
    fractions (0.25 for 25%), ``null`` when there is nothing to divide by."""
    records = list(records)
    facts = [_facts(r) for r in records]
    by_kind: dict[str, list] = {}
    by_regime: dict[str, list] = {}
    for r, f in zip(records, facts):
        row = r.row
        by_kind.setdefault(row.get("authority_kind") or "unknown", []).append(f)
        by_regime.setdefault(row.get("regime") or "unknown", []).append(f)
    return {
        "generated": today.isoformat(),
        "campaign": campaign,
        "figures": _with_methods(_figures(facts)),
        "by_authority_kind": {k: _with_methods(_figures(v)) for k, v in sorted(by_kind.items())},
        "by_regime": {k: _with_methods(_figures(v)) for k, v in sorted(by_regime.items())},
        "definitions": {
            "answered": "a response is logged (`foi respond`), whatever happened after it",
            "within_limit": "working_days_late is 0: answered on or before the due date in force",
            "percentile_method": "nearest-rank",
            "median_method": "middle value; mean of the two middle values for an even count",
        },
    }


# -- text ---------------------------------------------------------------------------


def pct(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value * 100:.1f}%".replace(".0%", "%")


def num(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:g}"


def summary_lines(stats: dict) -> list[tuple[str, str, int]]:
    """(label, value text, footnote number) for the headline figures: the
    text report and the HTML summary both use these."""
    f = stats["figures"]
    notes = {k: i + 1 for i, k in enumerate(FIGURE_ORDER)}
    out = [("Requests", str(f["requests"]["value"]), notes["requests"])]
    out.append(
        ("By stage", ", ".join(f"{k} {v}" for k, v in f["by_stage"]["value"].items()) or "none", notes["by_stage"])
    )
    out.append(
        (
            "Outcomes",
            ", ".join(f"{k} {v}" for k, v in f["by_outcome"]["value"].items()) or "none yet",
            notes["by_outcome"],
        )
    )
    w = f["answered_within_limit"]
    out.append(
        (
            "Answered within the statutory limit",
            f"{pct(w['value'])} ({w['count']} of {w['of']} answered)",
            notes["answered_within_limit"],
        )
    )
    out.append(
        (
            "Median working days to answer",
            f"{num(f['working_days_median']['value'])} (of {f['working_days_median']['of']})",
            notes["working_days_median"],
        )
    )
    out.append(
        (
            "90th percentile working days to answer",
            f"{num(f['working_days_p90']['value'])} (of {f['working_days_p90']['of']})",
            notes["working_days_p90"],
        )
    )
    o = f["overdue_now"]
    out.append(("Overdue now", f"{pct(o['value'])} ({o['count']} of {o['of']} sent)", notes["overdue_now"]))
    ex = f["exemptions"]["value"]
    out.append(
        (
            "Exemptions cited most",
            ", ".join(f"{e['exemption']} ({e['requests']})" for e in ex) or "none",
            notes["exemptions"],
        )
    )
    return out


BREAKDOWN_COLUMNS = ("requests", "answered", "within limit", "median wd", "p90 wd", "overdue now", "top exemption")


def breakdown_rows(groups: dict[str, dict]) -> list[list[str]]:
    rows = []
    for name, f in groups.items():
        ex = f["exemptions"]["value"]
        rows.append(
            [
                name,
                str(f["requests"]["value"]),
                str(f["answered_within_limit"]["of"]),
                pct(f["answered_within_limit"]["value"]),
                num(f["working_days_median"]["value"]),
                num(f["working_days_p90"]["value"]),
                pct(f["overdue_now"]["value"]),
                f"{ex[0]['exemption']} ({ex[0]['requests']})" if ex else "",
            ]
        )
    return rows


def _text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows)]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]


def to_text(stats: dict) -> str:
    """The report as plain text, with a footnote per figure saying how it was computed."""
    title = (
        "Statistics"
        + (f" for campaign {stats['campaign']}" if stats.get("campaign") else "")
        + f" on {stats['generated']}"
    )
    out = [title, ""]
    lines = summary_lines(stats)
    width = max(len(label) for label, _, _ in lines) + 5
    for label, value, note in lines:
        out.append(f"{(label + f' [{note}]'):<{width}} {value}")
    for name, key in (("authority kind", "by_authority_kind"), ("regime", "by_regime")):
        groups = stats[key]
        if not groups:
            continue
        out += ["", f"By {name}:"]
        out += ["  " + s for s in _text_table((name,) + BREAKDOWN_COLUMNS, breakdown_rows(groups))]
    out += ["", "How each figure was computed:"]
    for i, k in enumerate(FIGURE_ORDER):
        out.append(f"[{i + 1}] {METHODS[k]}")
    out.append("Shares per group use the same definitions; 'wd' = working days.")
    return "\n".join(out) + "\n"
