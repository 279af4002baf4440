"""The findings tally as text: the lines of ``foi findings --tally`` and
``foi stats``, and the table of a ``--by`` breakdown (pure)."""

from __future__ import annotations

from collections.abc import Mapping

from ..domain.findings import sentence


def group_label(group: str, by: str) -> str:
    if by == "kind":
        from ..vocab import label

        return label("authority_kind", group)
    return group


def tally_lines(result: Mapping) -> list[str]:
    """A heading, then one sentence per finding: ``scheme: stopped 6, kept 14, ...``."""
    n = result["authorities"]
    name = result.get("campaign")
    head = (f"Campaign {name}" if name else "Findings") + (f": {result['title']}" if result.get("title") else "")
    out = [f"{head} ({n} authorit{'y' if n == 1 else 'ies'})"]
    if not result["keys"]:
        out.append("no findings declared or recorded yet; record some with `foi finding ID key=value`")
    out += [sentence(entry) for entry in result["keys"]]
    return out


def tally_table(entry: Mapping, by: str) -> tuple[list[str], list[list[str]]]:
    """One row per group of ``by``, one column per value of ``entry``'s key."""
    values = [c["value"] for c in entry["counts"]]
    for g in entry.get("groups", ()):
        for c in g["counts"]:
            if c["value"] not in values:
                values.append(c["value"])
    header = [("authority kind" if by == "kind" else by)] + values + ["total"]
    rows = []
    for g in entry.get("groups", ()):
        counts = {c["value"]: c["count"] for c in g["counts"]}
        rows.append(
            [group_label(g["group"], by)] + [str(counts.get(v, 0)) for v in values] + [str(sum(counts.values()))]
        )
    totals = {c["value"]: c["count"] for c in entry["counts"]}
    rows.append(["all"] + [str(totals.get(v, 0)) for v in values] + [str(sum(totals.values()))])
    return header, rows
