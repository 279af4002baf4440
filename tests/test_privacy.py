"""Privacy: the store and its attachments are private files in a private
folder, and nothing in the suite (so no command) opens a network connection."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from foi.app import timeline
from foi.store import attachments_dir, backup_path, lock_path, open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: modes must not depend on the user's."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def test_store_files_are_0600_in_a_0700_folder(cli, store_path, open_umask):
    cli("config", "set", "organisation", "Alex Jones")
    cli("config", "holiday", "add", "2027-06-14")
    assert _mode(store_path.parent) == 0o700
    for p in (store_path, backup_path(store_path), lock_path(store_path)):
        assert _mode(p) == 0o600, p


def test_every_folder_foi_creates_is_private(tmp_path, open_umask):
    deep = tmp_path / "new" / "nested" / "foi.json"
    with open_store(deep, write=True) as s:
        s.set_config({"name": "x"})
    assert _mode(tmp_path / "new") == 0o700
    assert _mode(tmp_path / "new" / "nested") == 0o700


def test_attachments_are_0600_in_a_0700_folder(store_path, tmp_path, open_umask):
    evidence = tmp_path / "refusal.PDF"
    evidence.write_bytes(b"%PDF sensitive")
    os.chmod(evidence, 0o644)
    [rec] = timeline.store_attachments(store_path, [evidence])  # before the store exists
    folder = attachments_dir(store_path)
    assert _mode(store_path.parent) == 0o700
    assert _mode(folder) == 0o700
    assert _mode(folder / rec["file"]) == 0o600
    assert rec["file"] == rec["sha256"] + ".pdf"


def test_pre_migration_copy_and_restored_files_are_private(cli, store_path, open_umask):
    store_path.parent.mkdir(mode=0o700)
    store_path.write_text('{"_default": {"1": {"id": 1, "regime": "foia", "events": []}}}')
    os.chmod(store_path, 0o644)
    cli("config", "set", "organisation", "Alex Jones")
    assert _mode(store_path) == 0o600
    assert _mode(store_path.with_name("foi.json.v0.bak")) == 0o600
    store_path.write_text("broken")
    cli("doctor", "--restore-backup", "--yes")
    assert _mode(store_path) == 0o600
    assert _mode(store_path.with_name("foi.json.before-restore")) == 0o600


def test_the_network_guard_blocks_connections():
    """conftest's autouse ``no_network`` fixture: any attempt fails the test."""
    with pytest.raises(AssertionError, match="network connection"):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(AssertionError, match="network connection"):
            s.connect(("127.0.0.1", 9))
        with pytest.raises(AssertionError, match="network connection"):
            s.connect_ex(("127.0.0.1", 9))
    finally:
        s.close()


def test_commands_make_no_network_connection(cli, monkeypatch):
    """Runs a handful of commands with a recording guard (on top of the
    blocking one) so that even a caught AssertionError would be noticed."""
    attempts = []

    def record(*a, **k):
        attempts.append(a)
        raise AssertionError("a test tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", record)
    monkeypatch.setattr(socket, "create_connection", record)
    cli("config", "set", "name", "Alex Jones")
    cli("config", "set", "email", "alex@example.org")
    cli("authorities", "list", "--kind", "police_force")
    cli("deadline", "--regime", "foia", "--received", "2026-11-02")
    cli(
        "draft",
        "-t",
        "foi",
        "--to",
        "oxford-health-nhs-foundation-trust",
        "-s",
        "Staffing",
        "--var",
        "questions=How many?",
    )
    cli("send", "1", "--on", "2026-11-02")
    cli("list")
    cli("doctor")
    assert attempts == []


def test_attachment_temp_files_are_private_and_cleaned(me, store_path, tmp_path):
    """An attachment copy is 0600 from its first byte, and a temp file left by
    a crashed copy is removed by the next write."""
    from foi.store import attachments_dir, tmp_prefix

    me("draft", "-t", "hiu-scheme", "--to", "Oxford Health", "-s", "x")
    me("send", "1", "--on", "2/11/2026")
    folder = attachments_dir(store_path)
    folder.mkdir(mode=0o700)
    stray = folder / (tmp_prefix(store_path, "attachment-") + "crashed")
    stray.write_bytes(b"half a file")
    f = tmp_path / "reply.pdf"
    f.write_bytes(b"%PDF reply")
    me("respond", "1", "--outcome", "granted", "--file", f)
    assert not stray.exists()
    [copied] = [p for p in folder.iterdir()]
    assert copied.read_bytes() == b"%PDF reply" and (copied.stat().st_mode & 0o777) == 0o600
