"""The findings tally in HTML: a sentence and a bar chart drawn as inline SVG
per finding (no script, no asset from elsewhere).

Each bar is labelled with its value and its count in text, so the chart
never relies on colour; the SVG has ``role="img"`` and a ``<title>`` that
says the same as the sentence above it.  Bars are drawn to the scale of all
the campaign's authorities, so their lengths compare across findings.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..domain.findings import NOT_RECORDED
from .html import e

BAR = "#1f4e99"  # 8.3:1 on white
MUTED_BAR = "#767676"  # 4.5:1 on white: "not recorded"
ROW_H = 26
LABEL_W = 170
BAR_W = 360
WIDTH = LABEL_W + BAR_W + 60


def key_label(key: str) -> str:
    """``police_in_team`` -> "Police in team"."""
    text = key.replace("_", " ")
    return text[:1].upper() + text[1:]


def _sentence(entry: Mapping, total: int) -> str:
    shown = [c for c in entry["counts"] if c["value"] != NOT_RECORDED]
    parts = ", ".join(f"{c['value']} {c['count']}" for c in shown)
    text = f"Recorded for {entry['recorded']} of {total} authorities: {parts or 'none yet'}"
    if entry["not_recorded"]:
        text += f"; not recorded {entry['not_recorded']}"
    return text + "."


def svg_bars(entry: Mapping, total: int, ident: str) -> str:
    counts = entry["counts"]
    height = ROW_H * len(counts) + 4
    scale = BAR_W / max(total, 1)
    title = key_label(entry["key"]) + ": " + ", ".join(f"{c['value']} {c['count']}" for c in counts)
    out = [
        f'<svg class="bars" role="img" aria-labelledby="{ident}-t" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}">',
        f'<title id="{ident}-t">{e(title)}</title>',
    ]
    for i, c in enumerate(counts):
        y = i * ROW_H + 2
        w = round(c["count"] * scale, 1)
        fill = MUTED_BAR if c["value"] == NOT_RECORDED else BAR
        out.append(
            f'<text x="{LABEL_W - 8}" y="{y + 17}" text-anchor="end">{e(c["value"])}</text>'
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{w}" height="{ROW_H - 8}" fill="{fill}"></rect>'
            f'<text x="{LABEL_W + w + 6}" y="{y + 17}">{c["count"]}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def tally_html(tally: Mapping) -> str:
    """The "Findings" section: per finding, a heading, a sentence and the bars."""
    total = tally["authorities"]
    out = ['<section class="tally" aria-labelledby="tally-h">', '<h2 id="tally-h">Findings</h2>']
    for i, entry in enumerate(tally["keys"]):
        ident = f"tally-{i}"
        out.append(
            f'<figure class="finding" id="{ident}"><figcaption><h3>{e(key_label(entry["key"]))}</h3>'
            f'<p class="sentence">{e(_sentence(entry, total))}</p></figcaption>'
            f"{svg_bars(entry, total, ident)}</figure>"
        )
    out.append("</section>")
    return "\n".join(out)
