"""The benchmark's cases and their targets (issues 7 and 15), and the
results table."""

from __future__ import annotations

from dataclasses import dataclass

from runner import MB, QUESTIONS, TODAY


@dataclass
class Case:
    key: str  # for --only
    label: str  # shown in the table
    argv: list  # after `foi --store S --today T`
    baseline: str  # start-up | click | read | write
    sizes: tuple  # store names: "none", "empty", "1000", ...
    writes: bool = False
    ratio_target: float | None = None  # max ratio to the baseline...
    ratio_on: tuple = ()  # ...on these sizes
    read_cmd: bool = False  # memory target applies (on 10000); 50k at most 5x 10k
    extra_target: str | None = None  # "draft250": wall - start-up < 1 s (on empty)


SIZED = ("1000", "10000", "50000")


def cases(send_ids: dict[str, int]) -> list[Case]:
    return [
        Case("help", "foi --help", ["--help"], "start-up", ("none",), ratio_target=6, ratio_on=("none",)),
        Case(
            "overdue-empty",
            "foi overdue (empty store)",
            ["overdue"],
            "click",
            ("empty",),
            ratio_target=1.15,
            ratio_on=("empty",),
        ),
        Case(
            "overdue", "foi overdue", ["overdue"], "read", SIZED, ratio_target=1.2, ratio_on=("10000",), read_cmd=True
        ),
        Case(
            "list",
            "foi list --json",
            ["list", "--json"],
            "read",
            SIZED,
            ratio_target=1.2,
            ratio_on=("10000",),
            read_cmd=True,
        ),
        Case(
            "export",
            "foi export --format csv",
            ["export", "--format", "csv"],
            "read",
            SIZED,
            ratio_target=1.2,
            ratio_on=("10000",),
            read_cmd=True,
        ),
        Case("stats", "foi stats", ["stats"], "read", SIZED, ratio_target=1.2, ratio_on=("10000",), read_cmd=True),
        Case(
            "send",
            "foi send ID",
            ["send", "{send_id}", "--on", TODAY],
            "write",
            SIZED,
            writes=True,
            ratio_target=2,
            ratio_on=("10000",),
        ),
        Case(
            "draft47",
            "foi draft -t hiu-scheme --kind mental_health_trust (47)",
            ["draft", "-t", "hiu-scheme", "--kind", "mental_health_trust", "--campaign", "bench", "--allow-duplicate"],
            "write",
            ("empty",) + SIZED,
            writes=True,
        ),
        Case(
            "draft250",
            "foi draft -t foi --tag bench (250)",
            [
                "draft",
                "-t",
                "foi",
                "--tag",
                "bench",
                "-s",
                "Bench batch",
                "--campaign",
                "bench250",
                "--var",
                "questions=" + QUESTIONS,
                "--allow-duplicate",
            ],
            "write",
            ("empty",) + SIZED,
            writes=True,
            extra_target="draft250",
        ),
    ]


def apply_targets(row: dict, case: Case) -> None:
    """Set row["target"] and row["checks"] ({what: passed}) from the case's targets."""
    size = row["size"]
    checks = {}
    targets = []
    if case.ratio_target and size in case.ratio_on:
        targets.append(f"≤ {case.ratio_target:g}x {row['baseline_kind']}")
        checks["time"] = row["ratio"] <= case.ratio_target
    if case.extra_target == "draft250" and size == "empty":
        beyond = row["fastest"] - row["startup"]
        targets.append(f"< 1 s beyond start-up ({beyond:.2f} s)")
        checks["time"] = beyond < 1.0
    if case.read_cmd and size == "10000":
        limit = 2 * row["v1_bytes"] + 40 * MB
        row["rss_limit"] = limit
        targets.append("RSS ≤ 2x v1 file + 40 MB")
        checks["RSS"] = row["rss"] <= limit
    row["target"] = "; ".join(targets)
    row["checks"] = checks
    row["pass"] = all(checks.values()) if checks else None


def growth(rows: list[dict]) -> None:
    """50k at most 5x 10k for the read commands (issue 15), 5.5x for the others (issue 7)."""
    by = {(r["key"], r["size"]): r for r in rows}
    read_cmds = {c.key for c in cases({}) if c.read_cmd}
    for r in rows:
        if r["size"] == "50000" and (r["key"], "10000") in by:
            g = r["fastest"] / by[(r["key"], "10000")]["fastest"]
            limit = 5 if r["key"] in read_cmds else 5.5
            r["growth"] = g
            r["target"] = (r["target"] + "; " if r["target"] else "") + f"≤ {limit:g}x 10k ({g:.2f}x)"
            r["checks"]["growth"] = g <= limit
            r["pass"] = all(r["checks"].values())


def verdict(row: dict) -> str:
    checks = row.get("checks") or {}
    if not checks:
        return ""
    if len(checks) == 1:
        return "PASS" if row["pass"] else "**FAIL**"
    return ", ".join(f"{k} {'PASS' if ok else '**FAIL**'}" for k, ok in checks.items())


def rerender(rows: list[dict]) -> list[dict]:
    """Targets recomputed for rows saved with --json (by an older bench.py too)."""
    by_key = {c.key: c for c in cases({})}
    for r in rows:
        r.setdefault("startup", r.get("baseline") if r["baseline_kind"] == "start-up" else 0.0)
        r.setdefault("fastest", r["median"])
        r.setdefault("v1_bytes", r["store_bytes"])
        apply_targets(r, by_key[r["key"]])
    growth(rows)
    return rows


def table(rows: list[dict]) -> str:
    out = [
        "| command | store (v1 file) | fastest s | median s | baseline | baseline s | ratio | target | pass "
        "| peak RSS MB | RSS limit MB |",
        "|---|---|---:|---:|---|---:|---:|---|---|---:|---:|",
    ]
    for r in rows:
        size = {"none": "-", "empty": "empty"}.get(r["size"]) or f"{int(r['size']):,}"
        if r["store_bytes"] > 1e6:
            size += f" ({r['store_bytes'] / 1e6:.0f} MB; v1 {r['v1_bytes'] / 1e6:.0f} MB)"
        ok = verdict(r)
        lim = f"{r['rss_limit'] / MB:.0f}" if r["rss_limit"] else ""
        out.append(
            f"| `{r['command']}` | {size} | {r['fastest']:.3f} | {r['median']:.3f} | {r['baseline_kind']} | "
            f"{r['baseline']:.3f} | {r['ratio']:.2f} | {r['target']} | {ok} | {r['rss'] / MB:.0f} | {lim} |"
        )
    return "\n".join(out)
