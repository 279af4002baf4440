"""`foi export`: a campaign to every English mental health trust, in each format."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foi import export as ex
from foi.export.html import asset

TODAY = date(2026, 11, 23)
NASTY_SUBJECT = '<script>alert(1)</script> | "quoted" & more'


@pytest.fixture
def campaign(me, tmp_path):
    """47 trusts (ids 1-47) plus Kent Police (48) with a hostile subject, all
    drafted on 1 Sep 2026 and sent that day, with mixed outcomes and findings."""
    body = tmp_path / "body.txt"
    body.write_text("1. Do police officers take part in care planning?\n", encoding="utf-8")
    me(
        "--today",
        "2026-09-01",
        "draft",
        "-t",
        "foi",
        "--kind",
        "mental_health_trust",
        "--campaign",
        "hiu",
        "-s",
        "Police in care planning",
        "--body-file",
        body,
    )
    me(
        "--today",
        "2026-09-01",
        "draft",
        "-t",
        "foi",
        "--to",
        "Kent Police",
        "--campaign",
        "hiu",
        "-s",
        NASTY_SUBJECT,
        "--body-file",
        body,
    )
    me("send", *range(1, 49), "--on", "2026-09-01")
    me("respond", 1, "--outcome", "granted", "--on", "2026-09-20", "--ref", "=cmd|' /C calc'!A0")
    me("respond", 2, "--outcome", "refused", "--on", "2026-10-20", "--exemption", "s40(2)", "--exemption", "s31")
    me("log", 2, "review-requested", "--on", "2026-10-25")  # review overdue by 23 Nov
    me(
        "respond", 3, "--outcome", "partial", "--on", "2026-10-20", "--ref", "@SUM(A1)", "--exemption", "section 40(2)"
    )  # review window still open
    me("respond", 4, "--outcome", "refused", "--on", "2026-09-10", "--exemption", "s43")
    me("log", 4, "review-requested", "--on", "2026-09-15")
    me("log", 4, "review-response", "--on", "2026-11-02", "--outcome", "upheld")  # complaint window open
    me("log", 5, "withdrawn", "--on", "2026-10-01")
    me("log", 6, "complaint", "--on", "2026-11-02")
    me("log", 7, "clarification-requested", "--on", "2026-09-10")
    me("log", 7, "clarified", "--on", "2026-11-16")  # fresh 20 working days
    me("respond", 8, "--outcome", "not-held", "--on", "2026-09-29", "--ref", "FOI-8")
    me("finding", 1, "scheme=rebranded", "police_in_team=yes", "patients=143")
    me("finding", 2, "scheme=yes", "note==1+2")
    me("finding", 3, "note=line one\nline two | pipe")
    me("finding", 4, "patients=-5")
    me("finding", 8, "note=Café – “quoted”")
    me("finding", 48, "note=+44 20 7946 0000")
    return me


def views(cli):
    return {v["id"]: v for v in cli.json("list", "--campaign", "hiu")}


FINDING_KEYS = ["note", "patients", "police_in_team", "scheme"]
ALL_KEYS = [c.key for c in ex.BASE_COLUMNS] + FINDING_KEYS


# -- CSV -----------------------------------------------------------------------------


def test_csv_parses_back_with_formulas_neutralised(campaign, tmp_path):
    out = tmp_path / "pub" / "hiu.csv"
    out.parent.mkdir()
    r = campaign("export", "--campaign", "hiu", "-o", out)
    assert r.stdout == "" and f"wrote 48 requests to {out} (csv)" in r.stderr
    raw = out.read_bytes()
    # RFC 4180: CRLF after the header and each of the 48 records; the one bare LF is inside a quoted field
    assert raw.endswith(b"\r\n") and raw.count(b"\r\n") == 49 and raw.count(b"\n") == 50
    assert "Café – “quoted”".encode() in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == ALL_KEYS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == 48 and all(len(r) == len(ALL_KEYS) for r in rows)
    by_id = {int(r["id"]): r for r in body}
    assert by_id[1]["authority_ref"] == "'=cmd|' /C calc'!A0"
    assert by_id[2]["note"] == "'=1+2"
    assert by_id[3]["authority_ref"] == "'@SUM(A1)"
    assert by_id[3]["note"] == "line one\nline two | pipe"  # quoted field, newline kept
    assert by_id[4]["patients"] == "-5"  # a plain number is left alone
    assert by_id[48]["note"] == "'+44 20 7946 0000"
    assert by_id[48]["subject"] == NASTY_SUBJECT
    assert by_id[1]["patients"] == "143" and by_id[1]["scheme"] == "rebranded"
    assert by_id[2]["exemptions"] == "s40(2); s31"
    assert by_id[1]["overdue"] == "no" and by_id[9]["overdue"] == "yes"
    for r in rows:
        for cell in r:
            assert cell[:1] not in ("=", "+", "@", "\t", "\r") and not (
                cell.startswith("-") and not re.fullmatch(r"-\d+(\.\d+)?", cell)
            ), cell
    # nothing left behind by the atomic write
    assert sorted(p.name for p in out.parent.iterdir()) == ["hiu.csv"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("-3.5", "-3.5"),
        ("-3e5", "'-3e5"),
        ("-", "'-"),
        ("", ""),
        ("a=b", "a=b"),
        ("143", "143"),
    ],
)
def test_neutralise(text, expected):
    assert ex.neutralise(text) == expected


_CELLS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-50, 50),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    st.text(alphabet="ab=+-@,\"\t\r\n\x00 1.'é", max_size=6),
    st.floats(allow_nan=False, width=16),
    st.lists(st.text(alphabet="s40()=,", max_size=4), max_size=2),
)


@settings(max_examples=300, deadline=None)
@given(width=st.integers(1, 3), cells=st.lists(_CELLS, max_size=18))
def test_csv_is_the_csv_module_cell_by_cell(width, cells):
    """render_csv works column by column (one type check, one formula check and one
    quoting check per column) and joins the lines itself; the text is the csv module's
    writing each row's neutralised cell texts."""
    columns = [ex.Column(f"c{i}", f"C{i}") for i in range(width)]
    rows = [{f"c{i}": v for i, v in enumerate(cells[j : j + width])} for j in range(0, len(cells), width)]
    buf = io.StringIO(newline="")
    w = csv.writer(buf, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow([c.key for c in columns])
    for row in rows:
        w.writerow([ex.neutralise(ex.cell_text(row.get(c.key))) for c in columns])
    assert ex.render_csv(rows, columns) == buf.getvalue()


# -- Markdown --------------------------------------------------------------------------


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line.replace("\\\\", "")))


def test_markdown_is_a_valid_table_with_escapes(campaign, tmp_path):
    out = tmp_path / "hiu.md"
    campaign("export", "-c", "hiu", "-o", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    n = len(ALL_KEYS)
    assert len(lines) == 2 + 48
    assert lines[0].startswith("| ID | Authority |")
    assert re.fullmatch(r"\|(---:?\|)+", lines[1].replace("---:", "---")) and lines[1].count("|") == n + 1
    for line in lines:
        assert _unescaped_pipes(line) == n + 1, line
    text = "\n".join(lines)
    assert "line one<br>line two \\| pipe" in text
    assert '&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| "quoted" &amp; more' in text
    assert "<script>" not in text


def test_md_escape():
    assert ex.md_escape("a|b") == "a\\|b"
    assert ex.md_escape("a\\|b") == "a\\\\\\|b"
    assert ex.md_escape("x\r\ny\nz") == "x<br>y<br>z"
    assert ex.md_escape("") == " "


# -- HTML --------------------------------------------------------------------------------


class _Checker(HTMLParser):
    """Checks that tags nest properly and collects the rows of table#requests."""

    VOID = {"meta", "br", "link", "img", "input", "hr"}

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.scripts = [], [], 0
        self.in_requests = False
        self.rows: list[tuple[bool, str]] = []
        self._row = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.scripts += tag == "script"
        if tag == "table" and attrs.get("id") == "requests":
            self.in_requests = True
        if tag == "tr" and self.in_requests and self.stack[-1:] == ["tbody"]:
            self._row = [attrs.get("class") == "overdue", ""]
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack[-1:] != [tag]:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag == "tr" and self._row is not None:
            self.rows.append(tuple(self._row))
            self._row = None
        if tag == "table":
            self.in_requests = False

    def handle_data(self, data):
        if self._row is not None:
            self._row[1] += data


def test_html_is_self_contained_escaped_sortable_and_marks_overdue(campaign, tmp_path):
    out = tmp_path / "hiu.html"
    campaign("export", "-c", "hiu", "-o", out, "--title", "Police in care planning: trust by trust", "--columns", "all")
    page = out.read_text(encoding="utf-8")
    # offline: no external asset of any kind
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<link|\bsrc\s*=|@import|url\(", page, re.I)
    # escaped: the hostile subject shows as text, never as a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt; | &quot;quoted&quot; &amp; more" in page
    assert page.count("<script>") == 1 and "alert(1)</script>" not in page
    # sortable by clicking headers, title, generation date, print styles
    assert 'addEventListener("click"' in page and "aria-sort" in page and "<button" in page
    assert "<title>Police in care planning: trust by trust</title>" in page
    assert '<time datetime="2026-11-23">23 November 2026</time>' in page
    assert "@media print" in page and "@page" in page
    # statistics summary above the table, with how each figure was computed
    assert page.index('class="summary"') < page.index('id="requests"')
    assert "Answered within the legal time limit" in page and "nearest-rank" in page
    # well-formed, one row per request, overdue rows marked by class and by word
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []
    assert checker.scripts == 1 and len(checker.rows) == 48
    for marked, text in checker.rows:  # the word, not colour alone
        assert ("overdue" in text) == marked
    rows = re.findall(r"<tr( class=\"overdue\")?><td class=\"num\">(\d+)</td>(.*?)</tr>", page)
    assert len(rows) == 48
    overdue_ids = {vid for vid, v in views(campaign).items() if v["overdue"]}
    assert overdue_ids and {int(i) for mark, i, _ in rows if mark} == overdue_ids
    for mark, _, cells in rows:
        assert ('<span class="flag">overdue</span>' in cells) == bool(mark)


# -- JSON ---------------------------------------------------------------------------------


def test_json_round_trips_and_agrees_with_list(campaign, tmp_path):
    out = tmp_path / "hiu.json"
    campaign("export", "-c", "hiu", "-o", out)
    text = out.read_text(encoding="utf-8")
    rows = json.loads(text)
    assert json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text  # stable, sorted keys
    assert len(rows) == 48
    assert all(sorted(r) == sorted(ALL_KEYS) for r in rows)
    vs = views(campaign)
    for r in rows:
        v = vs[r["id"]]
        assert r["status"].split(" ")[0] == v["stage"]
        assert r["overdue"] is v["overdue"] and (("(overdue)" in r["status"]) == v["overdue"])
        assert r["due_date"] == v["response_due"] and r["date_sent"] == v["sent"]
        assert r["date_answered"] == v["answered"] and r["outcome"] == v["outcome"]
        assert r["working_days_late"] == v["working_days_late"]
        for k in ("date_sent", "due_date", "date_answered"):
            assert r[k] is None or date.fromisoformat(r[k])
    by_id = {r["id"]: r for r in rows}
    assert by_id[2]["exemptions"] == ["s40(2)", "s31"] and by_id[2]["review_status"] == "awaiting (overdue)"
    assert by_id[4]["review_status"] == "answered" and by_id[4]["review_outcome"] == "upheld"
    # never answered: lodging a complaint answers nothing, so it stays overdue (issue 13, bug 10)
    assert by_id[6]["complaint_status"] == "lodged" and by_id[6]["status"] == "complaint-lodged (overdue)"
    assert by_id[5]["status"] == "withdrawn" and by_id[5]["working_days_late"] == 0
    assert by_id[8]["authority_ref"] == "FOI-8" and by_id[8]["working_days_late"] == 0
    assert by_id[1]["patients"] == "143" and by_id[9]["patients"] is None
    assert by_id[48]["authority_kind"] == "police_force" and by_id[48]["subject"] == NASTY_SUBJECT


def test_json_to_stdout_with_format(campaign):
    r = campaign("export", "-c", "hiu", "--format", "json", "--columns", "id,status")
    rows = json.loads(r.stdout)
    assert rows[0] == {"id": 1, "status": "answered"} and len(rows) == 48


# -- ICS -----------------------------------------------------------------------------------


def test_ics_imports_one_event_per_upcoming_deadline(campaign, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "hiu.ics"
    campaign("export", "-c", "hiu", "-o", out)
    cal = Calendar.from_ical(out.read_bytes())
    assert str(cal["version"]) == "2.0" and "foi" in str(cal["prodid"])
    events = cal.walk("VEVENT")
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids)) and events
    assert all(re.fullmatch(r"foi-\d+-[a-z-]+@foi\.local", u) for u in uids)
    starts = {}
    for e in events:
        d = e.decoded("dtstart")
        assert type(d) is date and d >= TODAY  # all-day, upcoming
        assert e.decoded("dtend") == date.fromordinal(d.toordinal() + 1)
        assert "dtstamp" in e
        starts[str(e["uid"])] = (d, str(e["summary"]))
    vs = views(campaign)
    # 7 was clarified on 16 Nov: its fresh response deadline is ahead
    d7, s7 = starts["foi-7-response-due@foi.local"]
    assert d7.isoformat() == vs[7]["due"] and vs[7]["authority"] in s7 and "response due" in s7
    # 3 (partial): the internal review window; 4 (review upheld): the ICO complaint window
    assert "foi-3-review-window@foi.local" in starts and "review" in starts["foi-3-review-window@foi.local"][1]
    assert "foi-4-complaint-window@foi.local" in starts
    # nothing for withdrawn or already complained-about requests
    assert not any(u.startswith(("foi-5-", "foi-6-")) for u in uids)
    # an ICO complaint about silence has no time limit: no "last day" event for the unanswered ones
    assert vs[9]["overdue"] and not any(u.startswith("foi-9-") for u in uids)
    # the UIDs are stable from one export to the next (calendars update, not duplicate)
    campaign("export", "-c", "hiu", "-o", tmp_path / "again.ics")
    again = Calendar.from_ical((tmp_path / "again.ics").read_bytes())
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(uids)


# -- options ---------------------------------------------------------------------------------


def test_columns_pick_and_order(campaign, tmp_path):
    out = tmp_path / "x.csv"
    campaign("export", "-c", "hiu", "-o", out, "--columns", "id, scheme,Authority,id")
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert rows[0] == ["id", "scheme", "authority"]
    assert rows[1] == ["1", "rebranded", "Avon and Wiltshire Mental Health Partnership NHS Trust"]
    r = campaign("export", "-c", "hiu", "-o", out, "--columns", "id,bogus,nope", ok=False)
    assert r.exit_code == 2
    assert "unknown columns 'bogus', 'nope'" in r.stderr
    assert "valid columns: id, authority, authority_kind" in r.stderr and "scheme" in r.stderr
    assert r.stderr.count("\n") == 1


def test_format_from_extension_and_errors(campaign, tmp_path):
    r = campaign("export", "-c", "hiu", "-o", tmp_path / "table.txt", ok=False)
    assert r.exit_code == 2 and "cannot tell the format" in r.stderr
    assert not (tmp_path / "table.txt").exists()
    campaign("export", "-c", "hiu", "-o", tmp_path / "table.txt", "--format", "md")
    assert (tmp_path / "table.txt").read_text(encoding="utf-8").startswith("| ID |")
    r = campaign("export", "-c", "hiu", "-o", tmp_path / "missing" / "x.csv", ok=False)
    assert r.exit_code == 1 and "does not exist" in r.stderr
    r = campaign("export", "-c", "hiu", "-f", "csv", "-o", "-")
    assert r.stdout.startswith("id,authority,")


def test_export_refuses_to_overwrite_the_store(campaign, store_path):
    before = store_path.read_bytes()
    for target in (store_path, store_path.with_name(store_path.name + ".bak")):
        r = campaign("export", "-c", "hiu", "-f", "json", "-o", target, ok=False)
        assert r.exit_code == 2 and "foi's own store file" in r.stderr
    assert store_path.read_bytes() == before


def test_status_filter_and_terminal_table(campaign):
    vs = views(campaign)
    overdue = json.loads(campaign("export", "-c", "hiu", "-f", "json", "--status", "overdue").stdout)
    assert {r["id"] for r in overdue} == {i for i, v in vs.items() if v["overdue"]}
    answered = json.loads(campaign("export", "-c", "hiu", "-f", "json", "--status", "answered").stdout)
    assert {r["id"] for r in answered} == {i for i, v in vs.items() if v["stage"] == "answered"}
    # no -o, no --format: the table on the terminal (tab-separated when piped)
    lines = campaign("export", "-c", "hiu").stdout.splitlines()
    assert lines[0].split("\t") == ALL_KEYS and len(lines) == 49
    r = campaign("export", "-c", "hiu", "--status", "appealed")
    assert r.stdout == "" and "no requests match" in r.stderr
    r = campaign("export", "-c", "nope", ok=False)
    assert r.exit_code == 1 and r.stdout == "" and "no requests in campaign 'nope'" in r.stderr


def test_output_replaces_atomically_and_keeps_mode(campaign, tmp_path, monkeypatch):
    out = tmp_path / "hiu.csv"
    out.write_text("old\n")
    os.chmod(out, 0o644)
    campaign("export", "-c", "hiu", "-o", out)
    assert out.read_text(encoding="utf-8").startswith("id,") and (out.stat().st_mode & 0o777) == 0o644
    # a failed write leaves the old file and no temporary file
    import foi.store.files as files

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    before = out.read_bytes()
    r = campaign("export", "-c", "hiu", "-o", out, ok=False)
    assert r.exit_code == 1 and "nothing was written" in r.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".hiu")) == []


# -- scale ---------------------------------------------------------------------------------


def _synthetic(n: int) -> list[dict]:
    kinds = ("mental_health_trust", "police_force", "health_board")
    reqs = []
    for i in range(1, n + 1):
        evs = [{"type": "drafted", "date": "2026-06-01", "kind": "request"}, {"type": "sent", "date": "2026-06-01"}]
        if i % 3 == 0:
            evs.append(
                {
                    "type": "response",
                    "date": f"2026-07-{1 + i % 28:02d}",
                    "outcome": ("granted", "refused", "partial")[i % 4 % 3],
                    "exemptions": ["s40(2)"] if i % 2 else [],
                }
            )
        if i % 7 == 0 and i % 3 == 0:
            evs.append({"type": "review-requested", "date": "2026-08-03"})
        reqs.append(
            {
                "id": i,
                "authority_id": f"a{i}",
                "authority_name": f"Authority {i}",
                "authority_kind": kinds[i % 3],
                "nation": "scotland" if i % 3 == 2 else "england",
                "regime": "foisa" if i % 3 == 2 else "foia",
                "subject": f"=Subject {i} | <b>",
                "campaign": "big",
                "events": evs,
                "findings": {"k": str(i), f"f{i % 5}": "x"},
            }
        )
    return reqs


def test_a_thousand_requests_in_every_format():
    """(Speed lives in bench/: 10,000 requests there, not a clock in a unit test.)"""
    from foi.domain import stats as st
    from foi.domain.calendars import Calendars

    reqs = _synthetic(1_000)
    ticks = []
    records = ex.build_records(reqs, TODAY, Calendars(()), tick=lambda: ticks.append(1))
    cols = ex.columns_for(records)
    result = st.compute(records, TODAY, "big")
    sizes = {fmt: len(ex.render(fmt, records, cols, TODAY, "Big", stats=result)) for fmt in ex.FORMATS}
    assert len(records) == 1_000 and len(ticks) == 1_000
    assert [c.key for c in cols][-6:] == ["f0", "f1", "f2", "f3", "f4", "k"]
    assert result["figures"]["requests"]["value"] == 1_000
    assert all(sizes.values())


def test_big_export_through_the_cli_has_no_progress_when_piped(me, store_path, tmp_path):
    from foi.store import open_store

    with open_store(store_path, write=True) as store:
        store.add_requests({k: v for k, v in r.items() if k != "id"} for r in _synthetic(800))
    r = me("export", "-c", "big", "-o", tmp_path / "big.csv")
    assert r.stderr == f"wrote 800 requests to {tmp_path / 'big.csv'} (csv)\n"
    assert len(list(csv.reader((tmp_path / "big.csv").open(encoding="utf-8", newline="")))) == 801
    stats = me.json("stats", "-c", "big")
    assert stats["figures"]["requests"]["value"] == 800


def test_progress_only_on_a_terminal_and_for_big_jobs(monkeypatch):
    import foi.cli.export as cli_export

    with cli_export._progress(10_000, "x") as tick:
        assert tick is None  # stderr is not a terminal under pytest
    monkeypatch.setattr(cli_export, "is_terminal", lambda stream=None: True)
    with cli_export._progress(500, "x") as tick:
        assert tick is None  # small jobs: no bar
    with cli_export._progress(501, "x") as tick:
        assert callable(tick)
        tick()


# -- the sorting script, run under node with a minimal DOM stand-in ----------------------------

_HARNESS = r"""
const data = JSON.parse(require("fs").readFileSync(0, "utf8"));
function cell(text, sort) {
  const attrs = {}; if (sort !== null) attrs["data-sort"] = sort;
  return { textContent: text, getAttribute: k => (k in attrs ? attrs[k] : null),
           setAttribute: (k, v) => { attrs[k] = v; }, removeAttribute: k => { delete attrs[k]; } };
}
const heads = data.kinds.map(k => {
  const c = cell("", null); c.setAttribute("data-kind", k); const fs = [];
  c.button = { addEventListener: (e, f) => fs.push(f), click: () => fs.forEach(f => f()) };
  c.querySelector = () => c.button; return c;
});
const body = { rows: data.rows.map((r, i) => ({ id: i, cells: r.map(v => cell(v[0], v[1])) })) };
body.appendChild = frag => { body.rows = frag.children.slice(); };
const table = { tHead: { rows: [{ cells: heads }] }, tBodies: [body] };
global.document = { getElementById: () => table, createDocumentFragment: () => {
  const f = { children: [] }; f.appendChild = x => f.children.push(x); return f; } };
eval(data.script);
const out = [];
for (const col of data.clicks) {
  heads[col].button.click();
  out.push({ order: body.rows.map(r => r.id), sort: heads.map(h => h.getAttribute("aria-sort")) });
}
process.stdout.write(JSON.stringify(out));
"""


def test_html_sort_script_sorts_numbers_text_and_dates(tmp_path):
    import shutil
    import subprocess

    assert shutil.which("node"), "this test runs the report's sort script in Node.js: apt-get install nodejs"

    harness = tmp_path / "harness.js"
    harness.write_text(_HARNESS, encoding="utf-8")
    rows = [  # (text, data-sort) per cell: id, authority, date sent, overdue (bool sorts by data-sort)
        [["10", None], ["b", None], ["2026-10-01", None], ["yes", "1"]],
        [["9", None], ["a", None], ["", None], ["no", "0"]],
        [["100", None], ["C", None], ["2026-09-01", None], ["no", "0"]],
    ]
    data = {
        "kinds": ["int", "text", "date", "bool"],
        "rows": rows,
        "script": asset("sort.js"),
        "clicks": [0, 0, 1, 2, 2, 3],
    }
    done = subprocess.run(["node", str(harness)], input=json.dumps(data), capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    steps = json.loads(done.stdout)
    assert steps[0] == {"order": [1, 0, 2], "sort": ["ascending", None, None, None]}  # 9 < 10 < 100
    assert steps[1]["order"] == [2, 0, 1] and steps[1]["sort"][0] == "descending"
    assert steps[2]["order"] == [1, 0, 2]  # a, b, C
    assert steps[3]["order"] == [2, 0, 1]  # blank date last
    assert steps[4]["order"] == [0, 2, 1]  # ... either way
    assert steps[5]["order"] == [2, 1, 0]  # no, no, yes: ties keep the order shown


@pytest.mark.parametrize("args", [("export", "--format", "csv"), ("stats",)])
def test_unknown_campaign_is_an_error_not_an_empty_table(me, args, tmp_path):
    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-c", "hiu")
    r = me(*args, "--campaign", "HIU", ok=False)
    assert r.exit_code == 1 and "no requests in campaign 'HIU'" in r.stderr and "hiu" in r.stderr


def test_csv_columns_straight_from_the_records_equal_the_rows():
    """The CSV takes each column straight from the records (no row per request): every
    value equals the row's, for every column, and so does the text."""
    from foi.domain.calendars import Calendars
    from foi.export.column_values import column_values

    reqs = _synthetic(300)
    more = [
        {"type": "sent", "date": "2026-06-02", "url": "https://www.whatdotheyknow.com/request/x"},
        {"type": "acknowledged", "date": "2026-06-03", "ref": "FOI-1"},
        {"type": "response", "date": "2026-06-20", "outcome": "refused", "exemptions": ["s40(2)", "s31"]},
        {"type": "review-requested", "date": "2026-06-21"},
        {"type": "review-response", "date": "2026-07-01", "outcome": "upheld", "ref": "R-2"},
        {"type": "complaint", "date": "2026-07-02"},
        {"type": "decision", "date": "2026-09-01", "outcome": "upheld"},
    ]
    for i, req in enumerate(reqs[:40]):
        req["events"] = req["events"][:1] + more[: 1 + i % len(more)]
    reqs[1]["findings"] = {"id": "clash", "finding_id": "last wins", "k": "v"}
    reqs[2]["findings"] = {"finding_id": "first", "id": "clash wins"}
    reqs[3].update(authority_name=None, subject=0, campaign="", uid=None)
    today = date(2026, 10, 1)
    records = ex.build_records(reqs, today, Calendars(()))
    keys = [c.key for c in ex.columns_for(records)]
    assert "finding_id" in keys and "review_outcome" in keys
    columns = column_values(ex.build_records(reqs, today, Calendars(())), keys)
    assert columns == [[r.row.get(k) for r in records] for k in keys]
    fresh = ex.build_records(reqs, today, Calendars(()))
    cols = ex.columns_for(fresh)
    assert ex.render("csv", fresh, cols, today, "t") == ex.render_csv([r.row for r in records], cols).encode()
