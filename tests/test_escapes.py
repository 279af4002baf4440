"""Issue 14, item 7: terminal escape injection.  ESC/OSC sequences (window
title, OSC-8 hyperlinks, clear screen), CR and NUL in imported names,
subjects and findings reached the terminal raw from `list`, `show`,
`authorities show` and `findings`.  Now they are removed on input and shown
escaped (``\\x1b``) on output."""

from __future__ import annotations

import json

from foi.domain.safe_text import clean_line, clean_text, for_terminal, has_control

TITLE = "\x1b]0;pwned\x07"  # OSC 0: sets the terminal window's title
LINK = "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\"  # OSC 8 hyperlink
CLEAR = "\x1b[2J\x1b[H"  # clear the screen
RAW = ("\x1b", "\x07", "\x00", "\r", "\x9b")


def _no_raw_control(text: str) -> None:
    for c in RAW:
        assert c not in text, f"{c!r} reached the terminal"


def test_clean_line_and_text():
    assert clean_line(f"Leeds{TITLE} Council\r\nline\x00two\ttab") == "Leeds Council linetwo tab"
    assert clean_line(f"{LINK} here") == "click here"
    assert clean_line(f"a{CLEAR}b\x9b31mc\u202eevil") == "abcevil"
    assert clean_text("one\r\ntwo\rthree\tfour\x1b[31m") == "one\ntwo\nthree\tfour"
    assert not has_control("name\twith tab\nand line") and has_control("a\x1bb") and has_control("a\rb")


def test_for_terminal_shows_escapes():
    assert for_terminal(f"x{TITLE}y") == "x\\x1b]0;pwned\\x07y"
    assert for_terminal("a\nb\tc") == "a b c"
    assert for_terminal("a\nb\tc\r", multiline=True) == "a\nb\tc\\x0d"
    assert for_terminal("\u202egnp.exe") == "\\u202egnp.exe"


def test_imported_names_are_cleaned(cli, tmp_path, store_path):
    csv_file = tmp_path / "bodies.csv"
    csv_file.write_text(
        f"Name,Short name,URL name,Tags,Home page\nLeeds{TITLE} City Council,,leeds,council,\n", encoding="utf-8"
    )
    cli("authorities", "import", csv_file)
    assert "\\u001b" not in store_path.read_text() and "pwned" not in store_path.read_text().split("Leeds")[1][:20]
    r = cli("authorities", "show", "leeds-city-council")
    _no_raw_control(r.stdout + r.stderr)
    assert "Leeds City Council" in r.stdout
    cli("authorities", "edit", "leeds-city-council", "--name", f"Leeds{CLEAR} Council\r")
    r = cli("authorities", "show", "leeds-city-council")
    _no_raw_control(r.stdout + r.stderr)
    assert "name           Leeds Council" in r.stdout


def test_subjects_notes_and_findings_are_cleaned(me, store_path):
    rid = me.json(
        "draft", "-t", "hiu-scheme", "--to", "oxford-health-nhs-foundation-trust", "-s", f"SIM{CLEAR} scheme{TITLE}"
    )[0]["id"]
    me("send", rid)
    me("log", rid, "note", "--note", f"phoned{LINK}\rok")
    me("finding", rid, f"scheme=rebranded{TITLE}")
    stored = store_path.read_text()
    assert "\\u001b" not in stored and "\\r" not in stored and "\\u0007" not in stored
    req = me.json("show", rid)["request"]
    assert req["subject"] == "SIM scheme" and req["findings"] == {"scheme": "rebranded"}
    assert [e["note"] for e in req["events"] if e["type"] == "note"] == ["phonedclick\nok"]


def test_output_escapes_what_a_hand_edited_store_holds(me, store_path):
    rid = me.json("draft", "-t", "hiu-scheme", "--to", "oxford-health-nhs-foundation-trust", "-c", "hiu")[0]["id"]
    me("send", rid)
    data = json.loads(store_path.read_text())
    req = data["requests"][str(rid)]
    req["subject"] = f"SIM{TITLE}"
    req["authority_name"] = f"Oxford{CLEAR}\r\x00Health"
    req["findings"] = {"scheme": f"yes{LINK}"}
    req["events"][-1]["note"] = f"sent{TITLE}"
    store_path.write_text(json.dumps(data))
    for args in (("list",), ("show", rid), ("findings", "--campaign", "hiu"), ("overdue", "--within", "100")):
        r = me(*args)
        _no_raw_control(r.stdout + r.stderr)
    shown = me("show", rid).stdout
    assert "SIM\\x1b]0;pwned\\x07" in shown and "Oxford\\x1b[2J\\x1b[H\\x0d\\x00Health" in shown
    assert "\\x1b]0;pwned" in me("list").stdout
