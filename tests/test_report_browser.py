"""The published report in a real browser: Debian's Chromium, headless,
driven by Playwright (issue 10).

The 47-trust campaign (tests/hiu_campaign.py) is exported with
`foi export --campaign hiu -o hiu.html` and opened from the file, offline.
A missing browser or Playwright fails these tests, naming what to install.
"""

from __future__ import annotations

import io
import os
import re

import hiu_campaign as H
import pytest

CHROMIUM = "/usr/bin/chromium"
INTERNAL = re.compile(
    r"mental_health_trust|police_force|\bfoia\b|\bfoisa\b|\bncnd\b|not-held|awaiting-response|\b\d{4}-\d{2}-\d{2}\b"
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright is missing: pip install -e '.[test]' (the playwright package)")
    with sync_playwright() as p:
        home = tmp_path_factory.mktemp("chromium-home")  # (its crash reports and caches go here, not in ~)
        env = {
            **os.environ,
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
        }
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], env=env)
        yield b
        b.close()


@pytest.fixture
def report(hiu, tmp_path, browser):
    """The exported report open in a page; ``page.errors`` collects console errors."""
    out = tmp_path / "hiu.html"
    hiu("export", "--campaign", "hiu", "-o", out)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    page.goto(out.as_uri())
    yield page
    page.close()


def visible_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#requests tbody tr:not([hidden])", "rows => rows.map(r => Array.from(r.cells, c => c.innerText.trim()))"
    )


def column(page, name: str) -> int:
    heads = page.eval_on_selector_all("#requests thead th", "hs => hs.map(h => h.innerText.trim())")
    return heads.index(name)


def test_loads_offline_with_title_tally_and_readable_table(report):
    page = report
    assert page.errors == []
    assert page.title() == H.TITLE and page.inner_text("h1") == H.TITLE
    assert H.DESCRIPTION in page.inner_text("header")
    tally = page.inner_text("section.tally")
    assert "Recorded for 25 of 47 authorities: stopped 6, kept 14, rebranded 5; not recorded 22." in tally
    assert page.get_attribute("section.tally svg", "role") == "img"
    assert page.text_content("section.tally svg title") == "Scheme: stopped 6, kept 14, rebranded 5, not recorded 22"
    # the chart draws what the data says: bar lengths in the ratio of the hand counts
    widths = page.eval_on_selector_all("#tally-0 rect", "rs => rs.map(r => r.getBBox().width)")
    assert [round(w / widths[0] * 6) for w in widths] == [6, 14, 5, 22]
    rows = visible_rows(page)
    assert len(rows) == 47
    body = page.inner_text("body")
    assert not INTERNAL.search(body), INTERNAL.search(body).group(0)
    by_name = {r[0]: r for r in rows}
    refused = [r for r in rows if r[column(page, "Outcome")].startswith("Refused")]
    assert len(refused) == 5 and all(r[column(page, "Outcome")] == "Refused (FOIA s.31(1)(a))" for r in refused)
    assert all(r[column(page, "Working days late")] == "14" for r in refused)
    assert "5 Jan 2026" in rows[0][column(page, "Sent")]
    assert (
        sum(1 for r in rows if "No response: OVERDUE" in r[column(page, "Outcome")].replace("overdue", "OVERDUE")) == 20
    )
    assert any(r[column(page, "Outcome")] == "Neither confirm nor deny (FOIA s.31(3))" for r in by_name.values())


def test_clicking_a_heading_sorts(report):
    page = report
    names = [r[0] for r in visible_rows(page)]
    page.click("#requests thead th:nth-child(1) button")
    assert [r[0] for r in visible_rows(page)] == sorted(names, key=str.casefold)
    assert page.get_attribute("#requests thead th:nth-child(1)", "aria-sort") == "ascending"
    page.click("#requests thead th:nth-child(1) button")
    assert [r[0] for r in visible_rows(page)] == sorted(names, key=str.casefold, reverse=True)
    late = column(page, "Working days late")
    page.click(f"#requests thead th:nth-child({late + 1}) button")
    page.click(f"#requests thead th:nth-child({late + 1}) button")  # descending: the latest first
    values = [int(r[late] or 0) for r in visible_rows(page)]
    assert values == sorted(values, reverse=True) and values[0] > 14  # the never-answered are later still
    assert page.errors == []


def test_sorting_works_from_the_keyboard(report):
    page = report
    scheme = column(page, "Scheme")
    page.focus(f"#requests thead th:nth-child({scheme + 1}) button")
    page.keyboard.press("Enter")
    values = [r[scheme] for r in visible_rows(page)]
    recorded = [v for v in values if v != "not recorded"]
    assert recorded == sorted(recorded) and values[-22:] == ["not recorded"] * 22  # blanks last


def test_filter_by_a_finding(report):
    page = report
    scheme = column(page, "Scheme")
    page.select_option("select[data-filter=f0]", "stopped")
    rows = visible_rows(page)
    assert len(rows) == len(H.STOPPED) and {r[scheme] for r in rows} == {"stopped"}
    assert page.inner_text("#shown") == "Showing 6 of 47 authorities"
    page.select_option("select[data-filter=f1]", "yes")  # and police in team: 3 and 8
    assert len(visible_rows(page)) == 2
    page.select_option("select[data-filter=f0]", label="Not recorded")
    page.select_option("select[data-filter=f1]", "")
    assert len(visible_rows(page)) == 22
    page.select_option("select[data-filter=f0]", "")
    assert len(visible_rows(page)) == 47 and page.inner_text("#shown") == "Showing all 47 authorities"
    assert page.errors == []


def test_accessibility_basics(report):
    page = report
    assert page.inner_text("#requests caption")
    assert page.eval_on_selector_all("#requests thead th", "hs => hs.every(h => h.scope === 'col')")
    assert page.eval_on_selector_all("#requests tbody th", "hs => hs.length === 47 && hs.every(h => h.scope === 'row')")
    assert page.eval_on_selector_all("select", "ss => ss.every(s => s.labels.length === 1)")
    # every text on the page has a contrast of at least 4.5:1 with what is behind it
    worst = page.evaluate(
        """() => {
      const rgb = s => s.match(/[\\d.]+/g).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
        : Math.pow((v + 0.055) / 1.055, 2.4); }).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
      const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
      let worst = 21, where = "";
      for (const el of document.querySelectorAll("body *")) {
        if (!Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        if (!el.getClientRects().length) continue;
        const fg = rgb(getComputedStyle(el).color), a = lum(fg), b = lum(bg(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < worst) { worst = ratio; where = el.tagName + " " + el.textContent.trim().slice(0, 30); }
      }
      return [worst, where];
    }"""
    )
    assert worst[0] >= 4.5, worst
    # overdue is said in words, not by colour alone
    overdue = page.eval_on_selector_all("#requests tr.overdue", "rs => rs.map(r => r.innerText)")
    assert len(overdue) == 20 and all("overdue" in t.lower() for t in overdue)


def test_print_has_no_controls_and_repeats_the_header_row(report):
    from pypdf import PdfReader

    page = report
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    texts = [" ".join(p.extract_text().split()) for p in pdf.pages]
    whole = "\n".join(texts)
    assert len(pdf.pages) >= 2
    assert H.TITLE in texts[0] and "stopped 6, kept 14, rebranded 5" in whole
    for control in ("Show only", "Showing all", "click a column heading", "How these figures"):
        assert control not in whole, control
    table_pages = [t for t in texts if "Trust" in t and ("Granted" in t or "No response" in t)]
    assert len(table_pages) >= 2
    for t in table_pages:  # the header row is printed again on every page of the table
        assert "Working days late" in t and "Outcome" in t
    assert page.errors == []
