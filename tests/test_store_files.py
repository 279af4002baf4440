"""The store's files under attack (issue 14, items 3, 4, 10, 11, 13 and the
"Also" list): a lock file removed under a writer, symlinked and read-only
stores, pipes and devices given as the store, a full disk, Ctrl-C and a
failing stdout after the save, two stores in one folder, private letters."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import foi.store as st
from foi.errors import StoreError
from foi.store import attachments_dir, lock_path, open_store, read_store_file
from foi.store import files as store_files
from foi.store import lock as store_lock
from foi.store import mapped as store_mapped

ROOT = Path(__file__).resolve().parents[1]
REQUEST = {"regime": "foia", "authority_id": "x", "authority_name": "X", "subject": "S", "events": []}


def _env(**extra) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


def _foi(*args, timeout=30, **kw) -> subprocess.CompletedProcess:
    """foi as a separate process (for what would hang or kill a test)."""
    return subprocess.run(
        [sys.executable, "-c", "from foi.cli import main; main()", *args],
        capture_output=True,
        timeout=timeout,
        env=_env(),
        **kw,
    )


def _one_line(err: str) -> str:
    err = err.strip()
    assert err.startswith("foi: error: "), err
    assert "\n" not in err and "internal error" not in err and "Traceback" not in err, err
    return err


@pytest.fixture
def written(cli, store_path) -> Path:
    """A store written twice (a store-scope setting, a holiday)."""
    cli("config", "set", "organisation", "Alex Jones")
    cli("config", "holiday", "add", "2027-06-14")
    return store_path


# -- 14.3: a lock file removed under a running writer ---------------------------------------------


def test_a_lock_file_removed_under_a_writer_loses_no_saved_change(written):
    """`rm *.lock` (or `git clean -X`) while a writer holds the lock lets a
    second writer in; the first must then refuse to commit rather than
    overwrite the second's saved change."""
    with pytest.raises(StoreError, match="removed or replaced while this command ran"):
        with open_store(written, write=True) as s:
            s.add_requests([dict(REQUEST, subject="first writer")])
            os.unlink(lock_path(written))
            second = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from pathlib import Path; from foi.store import open_store\n"
                    "with open_store(Path(sys.argv[1]), write=True, lock_timeout=5) as s:\n"
                    "    s.add_requests([{'regime': 'foia', 'subject': 'second writer', 'events': []}])\n",
                    str(written),
                ],
                capture_output=True,
                env=_env(),
                timeout=30,
            )
            assert second.returncode == 0, second.stderr.decode()
    subjects = [r["subject"] for r in read_store_file(written)["requests"].values()]
    assert subjects == ["second writer"], "the second writer's saved change was overwritten"


def test_a_lock_file_replaced_between_open_and_lock_is_taken_again(store_path, monkeypatch):
    store_path.parent.mkdir(mode=0o700)
    import fcntl

    real = fcntl.flock
    calls = []

    def flock(fd, op):
        calls.append(op)
        if len(calls) == 1:  # another process removes and re-creates the file meanwhile
            os.unlink(lock_path(store_path))
            lock_path(store_path).write_text("")
        return real(fd, op)

    monkeypatch.setattr(fcntl, "flock", flock)
    lock = store_lock.Lock(lock_path(store_path), 2)
    lock.acquire()
    try:
        assert len(calls) == 2
        assert os.fstat(lock._fd).st_ino == os.stat(lock_path(store_path)).st_ino
        lock.check_held()
    finally:
        lock.release()


# -- 14.4: symlinked and read-only stores --------------------------------------------------------------


def test_a_symlinked_store_is_written_through_to_its_target(cli, store_path, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    target = repo / "foi.json"
    store_path.parent.mkdir(mode=0o700)
    os.symlink(target, store_path)
    cli("config", "set", "organisation", "Alex Jones")
    cli("config", "set", "organisation", "Sam Smith")
    assert store_path.is_symlink() and os.readlink(store_path) == str(target)
    assert json.loads(target.read_text())["config"]["1"]["organisation"] == "Sam Smith"
    bak = repo / "foi.json.bak"
    assert bak.is_file() and not bak.is_symlink()
    assert json.loads(bak.read_text())["config"]["1"]["organisation"] == "Alex Jones"
    assert not (store_path.parent / "foi.json.bak").exists()
    assert cli("config", "get", "organisation").stdout.strip() == "Sam Smith"
    # the lock is the target's, whichever path a command was given
    assert lock_path(store_path) == repo / "foi.json.lock"


def test_a_read_only_store_is_refused_not_replaced(written, cli):
    os.chmod(written, 0o444)
    before = written.read_bytes()
    r = cli("config", "set", "organisation", "Someone Else", ok=False)
    assert r.exit_code == 1
    err = _one_line(r.stderr)
    assert "is read-only" in err and "nothing was changed" in err and "chmod 600" in err
    assert written.read_bytes() == before
    assert stat.S_IMODE(written.stat().st_mode) == 0o444
    assert cli("config", "get", "organisation").stdout.strip() == "Alex Jones"  # reading still works


# -- "Also": a pipe or a device as the store ------------------------------------------------------------


@pytest.mark.parametrize("args", [("list",), ("config", "set", "organisation", "X"), ("doctor",)])
def test_a_fifo_as_the_store_is_refused_without_hanging(store_path, args):
    store_path.parent.mkdir(mode=0o700)
    os.mkfifo(store_path)
    r = _foi("--store", str(store_path), *args, timeout=20)
    assert r.returncode == 1, r.stderr.decode()
    assert "not a regular file" in r.stderr.decode() + r.stdout.decode()
    assert stat.S_ISFIFO(os.lstat(store_path).st_mode)


@pytest.mark.parametrize("args", [("list",), ("config", "set", "organisation", "X")])
def test_dev_zero_as_the_store_is_refused_at_once(args):
    lock_existed = os.path.exists("/dev/zero.lock")
    r = _foi("--store", "/dev/zero", *args, timeout=20)
    assert r.returncode == 1
    assert "not a regular file" in _one_line(r.stderr.decode())
    assert os.path.exists("/dev/zero.lock") == lock_existed


# -- 14.11: a full disk, a store path that is not UTF-8 -----------------------------------------------------


def test_a_full_disk_is_one_line_and_changes_nothing(written, cli, monkeypatch):
    before = written.read_bytes()

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        for name in ("write", "pwrite", "ftruncate"):
            real = getattr(os, name)

            def fake(fd, *a, _real=real, **k):
                return _real(fd, *a, **k) if fd in (0, 1, 2) else full()

            m.setattr(store_files.os, name, fake)
        r = cli("config", "set", "organisation", "Someone Else", ok=False)
    assert r.exit_code == 1
    err = _one_line(r.stderr)
    assert "the disk is full" in err and "nothing was changed" in err
    assert written.read_bytes() == before


def test_a_store_path_that_is_not_utf8(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir(mode=0o700)
    raw = os.fsencode(folder) + b"/caf\xe9.json"
    r = subprocess.run(
        [sys.executable.encode(), b"-c", b"from foi.cli import main; main()", b"--store", raw]
        + [b"config", b"set", b"organisation", b"Alex Jones"],
        capture_output=True,
        env=_env(),
        timeout=30,
    )
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    assert os.path.exists(raw)


# -- 14.10 and 14.12: Ctrl-C and a failing stdout after the save ----------------------------------------------


def _two_drafts(cli) -> None:
    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    for subject in ("Beds", "Staff"):
        cli("draft", "-t", "foi", "--to", "Oxford Health", "--subject", subject, "--var", "questions=How many?")


def test_ctrl_c_after_the_save_says_what_was_saved(cli, store_path, monkeypatch):
    _two_drafts(cli)
    import click

    real = click.echo

    def interrupted(message=None, *a, **k):
        if isinstance(message, str) and "\t" in message:  # the lines `send` prints after saving
            raise KeyboardInterrupt
        return real(message, *a, **k)

    monkeypatch.setattr(click, "echo", interrupted)
    r = cli("send", "1-2", ok=False)
    assert r.exit_code == 130
    err = r.stderr.strip()
    assert "interrupted" in err and "saved" in err and "nothing was changed" not in err, err
    assert "requests 1-2" in err, err
    events = [[e["type"] for e in req["events"]] for req in read_store_file(store_path)["requests"].values()]
    assert events == [["drafted", "sent"], ["drafted", "sent"]]


def test_ctrl_c_before_any_save_says_nothing_was_changed(cli, store_path, monkeypatch):
    _two_drafts(cli)
    before = store_path.read_bytes()

    def interrupted(self, *a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(st.Store, "update_requests", interrupted)
    r = cli("send", "1-2", ok=False)
    assert r.exit_code == 130 and "nothing was changed" in r.stderr
    assert store_path.read_bytes() == before


def test_stdout_failing_after_the_save_reports_the_save(cli, store_path):
    _two_drafts(cli)
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-c", "from foi.cli import main; main()", "send", "1"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=_env(),
            timeout=30,
        )
    err = _one_line(r.stderr.decode())
    assert r.returncode == 1 and "saved" in err and "request 1" in err, err
    assert [e["type"] for e in read_store_file(store_path)["requests"]["1"]["events"]] == ["drafted", "sent"]


# -- 14.13: two stores in one folder --------------------------------------------------------------------------


def test_two_stores_in_one_folder_keep_their_attachment_copies_apart(tmp_path):
    a, b = tmp_path / "d" / "a.json", tmp_path / "d" / "b.json"
    for s in (a, b):
        with open_store(s, write=True) as store:
            store.add_requests([dict(REQUEST)])
    att = attachments_dir(a)
    assert att == attachments_dir(b)
    att.mkdir(mode=0o700)
    b_copy = att / (store_files.tmp_prefix(b, "attachment-") + "inflight.tmp")
    a_copy = att / (store_files.tmp_prefix(a, "attachment-") + "crashed.tmp")
    b_copy.write_bytes(b"b is copying this right now")
    a_copy.write_bytes(b"a crashed while copying this")
    with open_store(a, write=True) as store:
        store.add_requests([dict(REQUEST)])
    assert b_copy.exists(), "a writer of a.json removed b.json's attachment copy in progress"
    assert not a_copy.exists()


def test_attachment_copies_are_named_after_their_store(cli, store_path, tmp_path, monkeypatch):
    seen = []
    real = tempfile.mkstemp

    def spy(*a, **k):
        seen.append(k.get("prefix"))
        return real(*a, **k)

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    _two_drafts(cli)
    cli("send", "1")
    f = tmp_path / "answer.pdf"
    f.write_bytes(b"%PDF the answer")
    cli("respond", "1", "--outcome", "granted", "--file", f)
    copies = [p for p in seen if "attachment" in p]
    assert copies and all(p == ".foi-tmp-foi.json-attachment-" for p in copies), seen


# -- "Also": what a killed command leaves; private letters ------------------------------------------------------


def test_doctor_lists_attachments_no_request_refers_to(cli, store_path, tmp_path):
    _two_drafts(cli)
    att = attachments_dir(store_path)
    att.mkdir(mode=0o700)
    orphan = att / ("0" * 64 + ".pdf")
    orphan.write_bytes(b"copied, then the command was killed")
    r = cli("doctor", "--json", ok=False)
    found = [p for p in json.loads(r.stdout)["problems"] if p["check"] == "attachments"]
    assert found and found[0]["level"] == "warning" and orphan.name in found[0]["message"], found


def test_letters_written_with_out_are_private(cli, store_path, tmp_path):
    old = os.umask(0o022)
    try:
        cli("config", "set", "name", "Alex Jones")
        cli("config", "set", "email", "alex@example.org")
        out = tmp_path / "letters" / "hiu"
        cli(
            "draft",
            "-t",
            "foi",
            "--to",
            "Oxford Health",
            "--subject",
            "Beds",
            "--var",
            "questions=How many?",
            "--out",
            out,
        )
        cli("chase", "1", "--out", out, ok=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    letters = sorted(out.iterdir())
    assert letters and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in letters), letters


# -- the writer's receipt ------------------------------------------------------------------------------------------


def test_a_hand_edit_is_checked_in_full_despite_the_receipt(written, cli):
    """The receipt names the exact bytes: an edit of the same length after a
    foi write is still checked (and refused)."""
    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    cli("draft", "-t", "foi", "--to", "Oxford Health", "--subject", "Beds", "--var", "questions=How many?")
    assert lock_path(written).read_text().startswith("verified ")
    text = written.read_text()
    edited = text.replace('"regime": "foia"', '"regime": "FOIA"')
    assert len(edited) == len(text) and edited != text
    written.write_text(edited)
    r = cli("list", ok=False)
    assert r.exit_code == 1 and "regime 'FOIA' is not one of" in _one_line(r.stderr)


def test_a_store_foi_wrote_is_read_without_checking_it_again(written, monkeypatch):
    from foi.store import schema

    def boom(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(schema, "_problem_list", boom)
    assert read_store_file(written)["config"]["1"]["organisation"] == "Alex Jones"
    os.unlink(lock_path(written))  # no receipt: checked in full
    with pytest.raises(AssertionError, match="checked again"):
        read_store_file(written)


def test_a_read_that_checked_in_full_leaves_a_receipt(written, monkeypatch):
    """After a newer foi (or rm *.lock, a restore, a valid hand edit) only
    the first read pays for the full checks."""
    from foi.store import schema

    os.unlink(lock_path(written))
    read_store_file(written)  # checked in full, and leaves a receipt
    assert lock_path(written).read_text().startswith("verified ")

    def boom(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(schema, "_problem_list", boom)
    assert read_store_file(written) is not None


def test_a_command_that_writes_nothing_keeps_the_receipt(written, cli, monkeypatch):
    """A write command that changes nothing (or fails) leaves the last
    writer's receipt: later reads stay fast."""
    from foi.store import schema

    receipt_before = lock_path(written).read_text()
    assert receipt_before.startswith("verified ")
    r = cli("finding", "999", "x=1", ok=False)  # opens the store to write, changes nothing
    assert r.exit_code != 0
    assert lock_path(written).read_text() == receipt_before

    def boom(*a, **k):
        raise AssertionError("checked again")

    monkeypatch.setattr(schema, "_problem_list", boom)
    assert read_store_file(written) is not None


def test_a_writer_trusts_the_receipt_it_found_under_the_lock(written, monkeypatch):
    """Taking the lock puts the writer's pid in the lock file in place of the
    receipt: the writer still reads the bytes the receipt names unchecked (a
    merge, a send), and bytes changed since are still checked in full."""
    from foi.store import schema

    def boom(*a, **k):
        raise AssertionError("checked again")

    with monkeypatch.context() as m:
        m.setattr(schema, "_problem_list", boom)
        with open_store(written, write=True) as s:
            assert s.tables()["config"]["1"]["organisation"] == "Alex Jones"
    text = written.read_text()
    written.write_text(text.replace('"Alex Jones"', '"Alex Jonas"'))  # same length, other bytes
    monkeypatch.setattr(schema, "_problem_list", boom)
    with pytest.raises(AssertionError, match="checked again"):
        with open_store(written, write=True):
            pass


def test_no_receipt_for_bytes_orjson_would_not_read_back(written):
    """An integer beyond 64 bits is written by the json module; orjson would
    read it as a float, so such a store gets no receipt."""
    with open_store(written, write=True) as s:
        s.set_config({"name": "Alex", "n": 2**70})
    assert not lock_path(written).read_text().startswith("verified")
    assert read_store_file(written)["config"]["1"]["n"] == 2**70


def test_sigint_to_a_real_process_after_the_save(cli, store_path):
    """The same as a real Ctrl-C: SIGINT while the result is being printed."""
    _two_drafts(cli)
    code = (
        "import os, signal, click\n"
        "from foi.cli import main\n"
        "real = click.echo\n"
        "def echo(message=None, *a, **k):\n"
        "    if isinstance(message, str) and '\\t' in message:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    return real(message, *a, **k)\n"
        "click.echo = echo\n"
        "main()\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, "send", "1-2"], capture_output=True, env=_env(), timeout=30, start_new_session=True
    )
    assert r.returncode == 130, r.stderr.decode()
    assert "saved" in r.stderr.decode() and "nothing was changed" not in r.stderr.decode()


# -- a large store is mapped, not copied ------------------------------------------------------------


def _boom(*a, **k):
    raise AssertionError("read with a copy")


def test_a_large_store_with_a_receipt_is_mapped_and_reads_the_same(written, monkeypatch):
    """Above codec.SMALL a store carrying foi's receipt is parsed straight from
    a read-only mapping of the file (no copy into a fresh buffer): the data is
    the same as the file's JSON."""
    from foi.store import codec, recovery

    monkeypatch.setattr(codec, "SMALL", 16)  # (the test store is small: map it all the same)
    monkeypatch.setattr(recovery, "read_regular_file", _boom)
    assert read_store_file(written) == json.loads(written.read_bytes())


def test_a_mapped_store_changed_in_place_while_parsed_is_read_again(written, monkeypatch):
    """Another program writing into the store in place (foi itself always
    replaces it) while it is parsed from the mapping: what was parsed is not
    used, the file is read again and checked in full."""
    from foi.store import codec, recovery

    monkeypatch.setattr(codec, "SMALL", 16)
    copies = []
    monkeypatch.setattr(recovery, "read_regular_file", lambda p: copies.append(p) or written.read_bytes())
    parse = codec.loads_trusted

    def parse_while_an_editor_writes(raw):
        data = parse(raw)
        text = written.read_text()
        with open(written, "r+") as fh:  # in place: same inode, same bytes but one
            fh.write(text.replace('"Alex Jones"', '"Alex Jonas"'))
        return data

    monkeypatch.setattr(codec, "loads_trusted", parse_while_an_editor_writes)
    assert read_store_file(written)["config"]["1"]["organisation"] == "Alex Jonas"
    assert copies == [written]


def test_a_large_store_without_a_receipt_is_checked_in_full_from_the_mapping(written, monkeypatch):
    """No receipt (a hand edit, rm *.lock): the mapped bytes are checked in
    full, not read a second time."""
    from foi.store import codec, recovery, schema

    monkeypatch.setattr(codec, "SMALL", 16)
    os.unlink(lock_path(written))
    monkeypatch.setattr(recovery, "read_regular_file", _boom)
    checked = []
    full_check = schema._problem_list
    monkeypatch.setattr(schema, "_problem_list", lambda *a, **k: checked.append(1) or full_check(*a, **k))
    assert read_store_file(written) == json.loads(written.read_bytes())
    assert checked


@pytest.mark.parametrize("what", ["small", "missing", "folder", "fifo"])
def test_only_a_large_regular_file_is_mapped(tmp_path, what):
    path = tmp_path / "foi.json"
    if what == "small":
        path.write_bytes(b"{}")
    elif what == "folder":
        path.mkdir()
    elif what == "fifo":
        os.mkfifo(path)
    assert store_mapped.map_large_file(path, 16) is None
    path2 = tmp_path / "big.json"
    path2.write_bytes(b"{" + b" " * 100 + b"}")
    mapped = store_mapped.map_large_file(path2, 16)
    assert bytes(mapped.view) == path2.read_bytes() and mapped.unchanged()
    mapped.close()
