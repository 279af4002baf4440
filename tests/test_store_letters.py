"""Letters out of the JSON (issue 15): each letter's text is a file beside
the store named by its SHA-256, written (0600, atomically, durably) before
the store refers to it; read only by the commands that print or send it;
checked by doctor; moved out of an older store byte for byte."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from foi.ids import new_uid
from foi.store import SCHEMA_VERSION, open_store, read_store_file
from foi.store import blobs as store_blobs

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "stores"

# Letters whose bytes a careless conversion would change: accents, Welsh,
# CRLF line ends, a trailing space, no final newline, a BOM-like character.
ODD_LETTERS = [
    "Annwyl Gyfaill,\r\n\r\nSiân Ní Bhriain \r\n",
    "\ufeffDear Sir or Madam,\n\n\tItem\u00a0one — “quoted”\n",
    "No newline at the end",
    "",
]


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _letters(store_path: Path) -> Path:
    return store_path.with_name("letters")


@pytest.fixture
def drafted(me, store_path) -> Path:
    me("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--var", "questions=How many beds?")
    return store_path


def test_a_drafted_letter_is_a_private_file_and_the_store_refers_to_it(drafted):
    data = read_store_file(drafted)
    [event] = data["requests"]["1"]["events"]
    assert "letter" not in event and store_blobs.is_sha256(event["letter_sha256"])
    path = _letters(drafted) / (event["letter_sha256"] + ".txt")
    text = path.read_bytes()
    assert text.decode().splitlines()[2] not in drafted.read_text()  # (the letter's own lines are not in the store)
    assert hashlib.sha256(text).hexdigest() == event["letter_sha256"]
    assert b"How many beds?" in text
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_show_prints_the_letter_from_its_file(me, drafted):
    out = me("show", "1").stdout
    assert "How many beds?" in out
    shown = me.json("show", "1")["request"]["events"][0]
    assert "How many beds?" in shown["letter"]


def test_read_commands_do_not_read_the_letters(me, drafted):
    """Listing, reminding, counting and the CSV export need no letter: they
    work with the letters folder gone."""
    shutil.rmtree(_letters(drafted))
    for args in (("list",), ("list", "--json"), ("overdue",), ("stats",), ("export", "--format", "csv")):
        me(*args)


def test_a_missing_or_changed_letter_is_one_line_and_doctor_says_which(me, drafted):
    [path] = list(_letters(drafted).iterdir())
    path.write_text("someone edited this letter")
    r = me("show", "1", ok=False)
    assert r.exit_code == 1 and "has changed since it was stored" in r.stderr and "\n" not in r.stderr.strip()
    problems = json.loads(me("doctor", "--json", ok=False).stdout)["problems"]
    assert any(p["level"] == "error" and p["check"] == "letters" and "has changed" in p["message"] for p in problems)
    path.unlink()
    r = me("show", "1", ok=False)
    assert r.exit_code == 1 and "is missing" in r.stderr
    problems = json.loads(me("doctor", "--json", ok=False).stdout)["problems"]
    assert any(p["level"] == "error" and "is missing" in p["message"] for p in problems)


def test_doctor_lists_a_letter_file_nothing_refers_to(me, drafted):
    orphan = _letters(drafted) / (hashlib.sha256(b"orphan").hexdigest() + ".txt")
    orphan.write_bytes(b"orphan")
    r = me("doctor", "--json")
    found = [p for p in json.loads(r.stdout)["problems"] if p["check"] == "letters"]
    assert found and found[0]["level"] == "warning" and orphan.name in found[0]["message"]


def test_the_same_letter_twice_is_one_file(me, drafted):
    me(
        "draft",
        "-t",
        "foi",
        "--to",
        "Oxford Health",
        "--subject",
        "Beds",
        "--var",
        "questions=How many beds?",
        "--allow-duplicate",
    )
    assert len(list(_letters(drafted).iterdir())) == 1


# -- the migration: every letter byte for byte --------------------------------------------------


def _v2_store_with(store_path: Path, letters: list[str]) -> bytes:
    data = json.loads((FIXTURES / "v2.json").read_text())
    req = data["requests"]["1"]
    req["events"][0]["letter"] = letters[0]
    for i, text in enumerate(letters[1:], 10):
        extra = json.loads(json.dumps(req))
        extra["id"] = i
        extra["uid"] = new_uid()
        for e in extra["events"]:
            e["uid"] = new_uid()
        extra["events"][0]["letter"] = text
        data["requests"][str(i)] = extra
    data["meta"]["1"]["next_id"] = 10 + len(letters)
    store_path.parent.mkdir(mode=0o700, exist_ok=True)
    raw = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False).encode() + b"\n"
    store_path.write_bytes(raw)
    return raw


def test_an_older_store_moves_every_letter_out_byte_for_byte(cli, store_path):
    old = _v2_store_with(store_path, ODD_LETTERS)
    before = {k: r["events"][0]["letter"] for k, r in json.loads(old)["requests"].items()}
    assert cli("list").exit_code == 0 and store_path.read_bytes() == old  # a read writes nothing
    cli("config", "set", "organisation", "Gwynedd Action")  # the first write upgrades
    assert store_path.with_name("foi.json.v2.bak").read_bytes() == old
    data = read_store_file(store_path)
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    for key, text in before.items():
        event = data["requests"][key]["events"][0]
        assert "letter" not in event
        path = _letters(store_path) / (event["letter_sha256"] + ".txt")
        assert path.read_bytes() == text.encode("utf-8"), key
    with open_store(store_path) as s:
        assert {str(r["id"]): s.letter_text(r["events"][0]) for r in s.requests()} == before
    assert json.loads(cli("doctor", "--json").stdout)["errors"] == 0


def test_the_v2_fixture_upgrades_to_the_v3_fixture(cli, store_path):
    store_path.parent.mkdir(mode=0o700)
    shutil.copyfile(FIXTURES / "v2.json", store_path)
    with open_store(store_path, write=True) as s:
        s._storage.dirty = True  # (any write)
    assert store_path.read_bytes() == (FIXTURES / "v3.json").read_bytes()
    for f in (FIXTURES / "letters").iterdir():
        assert (_letters(store_path) / f.name).read_bytes() == f.read_bytes()


# -- crashes and concurrency ------------------------------------------------------------------------

# Drafts a letter and dies at one step: a letter file written but not yet in
# place, or every letter durable and the store not yet replaced.
CRASH = r"""
import os, signal, sys
from pathlib import Path
from foi.store import files, open_store
path, step, where = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
def hook(name, target):
    if name == step and target.parent.name == where:
        os.kill(os.getpid(), signal.SIGKILL)
files.hook = hook
with open_store(path, write=True) as s:
    s.add_requests([{"regime": "foia", "subject": "doomed", "events": [
        {"type": "drafted", "date": "2026-11-23", "letter": "a letter that never made it " + sys.argv[4]}]}])
"""


@pytest.mark.parametrize(
    "step,where",
    [("written", "letters"), ("replace", "letters"), ("replaced", "letters"), ("replace", "store")],
)
def test_a_kill_while_saving_a_letter_leaves_at_most_an_unreferenced_file(cli, drafted, step, where, tmp_path):
    before = drafted.read_bytes()
    proc = subprocess.run(
        [sys.executable, "-c", CRASH, str(drafted), step, where, step],
        capture_output=True,
        env=_env(),
        timeout=30,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    assert drafted.read_bytes() == before, "the store changed although the command never finished"
    problems = json.loads(cli("doctor", "--json").stdout)["problems"]
    assert not [p for p in problems if p["level"] == "error"], problems
    orphans = [p for p in problems if p["check"] == "letters"]
    if (step, where) in (("replaced", "letters"), ("replace", "store")):
        assert len(orphans) == 1 and "not referenced" in orphans[0]["message"]  # complete, durable, unused
    else:
        assert orphans == []
    # the next write cleans the temporary files and everything still reads
    cli("config", "set", "organisation", "After the crash")
    assert not [p for p in _letters(drafted).iterdir() if p.name.startswith(".")]
    assert "How many beds?" in cli("show", "1").stdout


WRITER = r"""
import sys
from pathlib import Path
from foi.store import open_store
path, tag = Path(sys.argv[1]), sys.argv[2]
for n in range(int(sys.argv[3])):
    with open_store(path, write=True, lock_timeout=60) as s:
        s.add_requests([{"regime": "foia", "subject": f"{tag}-{n}", "events": [
            {"type": "drafted", "date": "2026-11-23", "letter": f"Dear authority,\n\nletter {n % 3}\n"}]}])
"""


def test_concurrent_writers_of_letters_lose_nothing(cli, store_path):
    """Four writers, some writing the same letter at the same moment: every
    request is there and every letter file whole."""
    store_path.parent.mkdir(mode=0o700)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(store_path), f"w{i}", "6"], env=_env(), stderr=subprocess.PIPE
        )
        for i in range(4)
    ]
    for p in procs:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    data = read_store_file(store_path)
    assert len(data["requests"]) == 24
    assert len(list(_letters(store_path).iterdir())) == 3
    report = json.loads(cli("doctor", "--json").stdout)
    assert report["errors"] == 0 and not [p for p in report["problems"] if p["check"] == "letters"]
