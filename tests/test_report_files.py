"""Exports a campaigner opens or publishes: the workbook, CSV for Excel,
Markdown that stays text, and nothing private unless asked (issues 10, 14.8)."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

import hiu_campaign as H
import pytest

PRIVATE = (H.EMAIL, H.NAME, H.ADDRESS, "PRIVATE-NOTE-3", "secret-attachment", "alex.private")
EVERY_EXPORT = [
    ("hiu.csv", ()),
    ("hiu.csv", ("--excel",)),
    ("hiu.md", ()),
    ("hiu.json", ()),
    ("hiu.html", ()),
    ("hiu.html", ("--columns", "all")),
    ("hiu.ics", ()),
    ("hiu.xlsx", ()),
]


def _text_of(path) -> str:
    data = path.read_bytes()
    if path.suffix == ".xlsx":  # every part of the zip, as text
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data.decode("utf-8-sig")


@pytest.mark.parametrize("name, options", EVERY_EXPORT)
def test_no_export_contains_anything_private(hiu, tmp_path, name, options):
    out = tmp_path / name
    hiu("export", "--campaign", "hiu", "-o", out, *options)
    text = _text_of(out)
    for secret in PRIVATE:
        assert secret not in text, (name, options, secret)


def test_private_columns_only_when_asked(hiu, tmp_path, store_path):
    r = hiu("export", "--campaign", "hiu", "--format", "csv", "--columns", "id,requester_email", ok=False)
    assert r.exit_code == 2 and "requester_email is private" in r.stderr and "--include-private" in r.stderr
    out = tmp_path / "private.csv"
    hiu("export", "--campaign", "hiu", "-o", out, "--include-private")
    rows = {int(r["id"]): r for r in csv.DictReader(out.open(encoding="utf-8", newline=""))}
    assert rows[1]["requester_email"] == H.EMAIL and rows[1]["requester_address"] == H.ADDRESS
    assert "PRIVATE-NOTE-3" in rows[3]["notes"] and "secret-attachment.pdf" in rows[1]["attachments"]


def test_workbook_has_date_cells_frozen_header_filter_widths_and_the_tally(hiu, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "hiu.xlsx"
    hiu("export", "--campaign", "hiu", "-o", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["Requests", "Findings"]
    ws = wb["Requests"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["ID", "Authority", "Authority kind"] and "scheme" in header
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}48"
    col = {h: i + 1 for i, h in enumerate(header)}
    sent = ws.cell(2, col["Date sent"])
    assert isinstance(sent.value, datetime) and sent.value.date().isoformat() == "2026-01-05"
    assert sent.number_format == "d mmm yyyy" and sent.is_date
    assert ws.cell(2, col["Authority kind"]).value == "Mental health trust"
    assert ws.cell(2, col["Regime"]).value == "FOI Act 2000"
    assert ws.cell(22, col["Working days late"]).value == 14  # request 21, a number
    assert ws.column_dimensions["B"].width > 30  # authority names fit
    scheme = [ws.cell(i, col["scheme"]).value for i in range(2, 49)]
    assert (scheme.count("stopped"), scheme.count("kept"), scheme.count("rebranded")) == (6, 14, 5)
    tally = wb["Findings"]
    cells = [[c.value for c in row] for row in tally.iter_rows()]
    assert cells[0][0] == H.TITLE
    block = cells[cells.index(["Scheme", "Authorities", "Share"]) + 1 :][:4]
    assert [r[:2] for r in block] == [["stopped", 6], ["kept", 14], ["rebranded", 5], ["not recorded", 22]]
    assert block[0][2] == pytest.approx(6 / 25)


def test_workbook_cells_are_never_formulas(me, tmp_path):
    from openpyxl import load_workbook

    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "x")
    me("finding", "1", 'note==HYPERLINK("http://evil","x")')
    out = tmp_path / "x.xlsx"
    me("export", "-c", "x", "-o", out)
    ws = load_workbook(out)["Requests"]
    cell = next(c for c in ws[2] if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_csv_for_excel_starts_with_a_byte_order_mark(me, tmp_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "x")
    me("finding", "1", "note=“Serenity” — rebranded")
    plain, excel = tmp_path / "a.csv", tmp_path / "b.csv"
    me("export", "-c", "x", "-o", plain)
    me("export", "-c", "x", "-o", excel, "--excel")
    assert not plain.read_bytes().startswith(b"\xef\xbb\xbf")
    data = excel.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data[3:] == plain.read_bytes()
    assert "“Serenity” — rebranded" in data.decode("utf-8-sig")
    r = me("export", "-c", "x", "--format", "json", "--excel", ok=False)
    assert r.exit_code == 2 and "--excel is for CSV" in r.stderr


def test_markdown_cells_carry_no_link_image_or_emphasis(me, tmp_path):
    from markdown_it import MarkdownIt

    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "x")
    me(
        "finding",
        "1",
        "a=![t](http://tracker.example/p.png)",
        "b=[x](javascript:alert(1))",
        "c=*bold* _it_ `code` ~~gone~~",
        "d=<img src=x onerror=alert(1)>",
    )
    out = tmp_path / "x.md"
    me("export", "-c", "x", "-o", out, "--columns", "id,a,b,c,d")
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out.read_text("utf-8"))
    assert "<table>" in rendered
    for active in ("<img", "<a ", "<em>", "<strong>", "<code>", "<s>", 'javascript:alert(1)"'):
        assert active not in rendered, active
    assert "![t](http://tracker.example/p.png)" in rendered  # shown as the text it is


def test_report_links_a_request_public_on_whatdotheyknow(me, tmp_path):
    url = "https://www.whatdotheyknow.com/request/hiu_scheme_oxford"
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "x")
    me("draft", "-t", "hiu-scheme", "--to", "Berkshire Healthcare", "-c", "x")
    r = me("send", "1", "2", "--url", url, ok=False)
    assert r.exit_code == 2 and "give one id" in r.stderr
    r = me("send", "1", "--url", "https://evil.example/request/x", ok=False)
    assert r.exit_code == 2 and "is not a WhatDoTheyKnow request page" in r.stderr
    r = me("send", "1", "--via", "email", "--url", url, ok=False)
    assert r.exit_code == 2 and "--url is for a request made on WhatDoTheyKnow" in r.stderr
    me("send", "1", "--url", url, "--on", "2026-11-02")
    me("send", "2", "--on", "2026-11-02")
    rows = {r["id"]: r for r in me.json("list")}
    assert rows[1]["stage"] == "awaiting-response"
    out = tmp_path / "x.html"
    me("export", "-c", "x", "-o", out)
    page = out.read_text("utf-8")
    assert page.count(f'<a href="{url}">') == 1 and "On WhatDoTheyKnow" in page
    assert "data-sort" in page and "<link" not in page and " src=" not in page
