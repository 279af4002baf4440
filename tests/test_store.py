"""The store: atomic writes that fail safely (disk full, read-only), corrupt
stores that are never overwritten, schema migrations that keep the old file."""

from __future__ import annotations

import errno
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import foi.store as st
from foi.errors import NotFound, StoreError
from foi.settings import load_person
from foi.store import (
    MIGRATIONS,
    SCHEMA_VERSION,
    backup_path,
    dumps,
    files,
    open_store,
    read_store_file,
    restore_backup,
)

FIXTURES = Path(__file__).parent / "fixtures" / "stores"


def _one_line_error(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    err = result.stderr.strip()
    assert err.startswith("foi: error: "), err
    assert "\n" not in err, err
    assert "Traceback" not in result.output
    return err


def _stray(folder: Path) -> list[Path]:
    return sorted(folder.glob(".foi-tmp-*"))


@pytest.fixture
def two_commits(cli, store_path):
    """A store written twice, so that it has a .bak."""
    cli("config", "set", "organisation", "Alex Jones")
    cli("config", "holiday", "add", "2027-06-14")
    assert backup_path(store_path).exists()
    return store_path


# -- the basics -------------------------------------------------------------


def test_a_missing_store_reads_as_empty_and_is_not_created(store_path):
    with open_store(store_path) as s:
        assert s.requests() == [] and s.config() == {}
    assert not store_path.exists()


def test_writes_are_canonical_json_with_a_backup_of_the_previous_version(two_commits):
    raw = two_commits.read_bytes()
    data = json.loads(raw)
    assert raw.decode("utf-8") == dumps(data)
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert read_store_file(backup_path(two_commits))["config"]["1"] == {"organisation": "Alex Jones"}


def test_ids_are_never_reused(store_path):
    with open_store(store_path, write=True) as s:
        assert s.add_requests(
            [{"regime": "foia", "events": []}, {"regime": "foia", "events": []}, {"regime": "foia", "events": []}]
        ) == [1, 2, 3]
    with open_store(store_path, write=True) as s:
        s.delete_request(3)
    with open_store(store_path, write=True) as s:
        assert s.add_requests([{"regime": "foia", "events": []}]) == [4]


def test_nothing_is_written_when_the_command_fails(store_path):
    with open_store(store_path, write=True) as s:
        s.add_requests([{"regime": "foia", "events": []}])
    before = store_path.read_bytes()
    with pytest.raises(ZeroDivisionError):
        with open_store(store_path, write=True) as s:
            s.add_requests([{"regime": "foia", "events": []}])
            1 / 0
    assert store_path.read_bytes() == before


def test_update_of_an_unknown_request_is_not_found(store_path):
    with open_store(store_path, write=True) as s:
        s.add_requests([{"regime": "foia", "events": []}])
    with pytest.raises(NotFound):
        with open_store(store_path, write=True) as s:
            s.update_requests([{"id": 9, "regime": "foia", "events": []}])


def test_two_stores_in_one_folder_keep_their_temp_files_apart(tmp_path):
    a, b = tmp_path / "d" / "a.json", tmp_path / "d" / "b.json"
    with open_store(b, write=True) as s:
        s.add_requests([{"regime": "foia", "events": []}])
    b_tmp = b.with_name(files.tmp_prefix(b) + "inflight.tmp")
    b_tmp.write_bytes(b"b is writing this right now")
    with open_store(a, write=True) as s:
        s.add_requests([{"regime": "foia", "events": []}])
    assert b_tmp.exists(), "a writer of a.json removed b.json's temporary file"
    with open_store(b, write=True) as s:
        s.add_requests([{"regime": "foia", "events": []}])
    assert not b_tmp.exists()


def test_backup_by_copy_where_hard_links_are_not_supported(store_path, monkeypatch):
    with open_store(store_path, write=True) as s:
        s.set_config({"name": "one"})
    first = store_path.read_bytes()

    def no_links(*a, **k):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "link", no_links)
    with open_store(store_path, write=True) as s:
        s.set_config({"name": "two"})
    assert backup_path(store_path).read_bytes() == first
    assert oct(backup_path(store_path).stat().st_mode & 0o777) == "0o600"
    assert _stray(store_path.parent) == []


# -- disk full, read-only ---------------------------------------------------


def _enospc(*a, **k):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _eacces(*a, **k):
    raise OSError(errno.EACCES, os.strerror(errno.EACCES))


def _failing(name, exc, store_path):
    """A replacement for ``name`` that fails only for the store's own files."""
    real = getattr(os, name) if name != "mkstemp" else tempfile.mkstemp

    def fake(*a, **k):
        if name == "write" and a[0] in (0, 1, 2):
            return real(*a, **k)
        if name == "replace" and Path(a[1]).parent != store_path.parent:
            return real(*a, **k)
        exc()

    return fake


FAILURES = [
    ("mkstemp", _enospc, "the disk is full"),
    ("write", _enospc, "the disk is full"),
    ("fsync", _enospc, "the disk is full"),
    ("link", _enospc, "the disk is full"),
    ("replace", _enospc, "the disk is full"),
    ("mkstemp", _eacces, "permission denied"),
    ("replace", _eacces, "permission denied"),
]


@pytest.mark.parametrize("name,exc,says", FAILURES, ids=[f"{n}-{e.__name__[1:]}" for n, e, _ in FAILURES])
def test_a_failed_write_leaves_the_store_byte_for_byte_intact(two_commits, cli, monkeypatch, name, exc, says):
    store_path = two_commits
    before = store_path.read_bytes()
    bak_before = backup_path(store_path).read_bytes()
    with monkeypatch.context() as m:  # (undo only this, not the isolated store)
        if name == "mkstemp":
            m.setattr(tempfile, "mkstemp", _failing(name, exc, store_path))
        else:
            m.setattr(files.os, name, _failing(name, exc, store_path))
        r = cli("config", "set", "organisation", "Someone Else", ok=False)
    assert r.exit_code == 1
    err = _one_line_error(r)
    assert says in err and str(store_path) in err and "nothing was changed" in err
    assert store_path.read_bytes() == before
    # the .bak is either untouched or, if the failure came after it was
    # refreshed, a copy of the (unchanged) store
    assert backup_path(store_path).read_bytes() in (bak_before, before)
    assert _stray(store_path.parent) == [], "a failed write left its temporary file"
    cli("config", "set", "organisation", "Someone Else")  # and the next write works
    assert read_store_file(store_path)["config"]["1"]["organisation"] == "Someone Else"


def test_short_writes_are_completed(store_path, monkeypatch):
    real = os.write
    with monkeypatch.context() as m:
        m.setattr(files.os, "write", lambda fd, data: real(fd, bytes(data[:7])))
        with open_store(store_path, write=True) as s:
            s.set_config({"name": "x" * 1000})
    assert read_store_file(store_path)["config"]["1"]["name"] == "x" * 1000


def test_read_only_folder(two_commits, cli, monkeypatch):
    store_path = two_commits
    before = store_path.read_bytes()
    if os.geteuid() == 0:
        print(
            "running as root: chmod 0500 does not stop root writing, so the "
            "read-only folder is simulated (mkstemp raises EACCES)"
        )
        monkeypatch.setattr(tempfile, "mkstemp", _eacces)  # undone at teardown
    else:
        os.chmod(store_path.parent, 0o500)
    try:
        r = cli("config", "set", "organisation", "Someone Else", ok=False)
        # reading still works
        assert cli("config", "get", "organisation").stdout.strip() == "Alex Jones"
    finally:
        os.chmod(store_path.parent, 0o700)
    assert r.exit_code == 1
    err = _one_line_error(r)
    assert "permission denied" in err and str(store_path) in err
    assert store_path.read_bytes() == before


# -- corruption ---------------------------------------------------------------


def _valid(store_path) -> bytes:
    return store_path.read_bytes()


CORRUPTIONS = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "is truncated"),
    "empty": (lambda raw: b"", "is empty"),
    "invalid-json": (lambda raw: raw.replace(b'"config"', b"config", 1), "is not valid JSON"),
    "not-utf8": (lambda raw: raw.replace(b"Alex", b"\xff\xfeAlex", 1), "is not UTF-8"),
    "top-level-array": (lambda raw: b"[]\n", "the top level is a JSON array"),
    "null": (lambda raw: b"null\n", "the top level is a JSON null"),
    "table-not-object": (lambda raw: b'{"requests": [1, 2]}\n', "table 'requests' is a JSON array"),
    "entry-not-object": (lambda raw: b'{"requests": {"1": "hello"}}\n', "is a JSON string"),
    "key-not-number": (lambda raw: b'{"requests": {"one": {"id": 1}}}\n', "not a number"),
    "id-mismatch": (lambda raw: b'{"requests": {"1": {"id": 2, "events": []}}}\n', "has the id 2"),
    "duplicate-key": (lambda raw: b'{"requests": {"1": {"id": 1}, "1": {"id": 1, "x": 2}}}\n', "twice"),
    "newer-schema": (
        lambda raw: raw.replace(b'"schema_version": %d' % SCHEMA_VERSION, b'"schema_version": 99'),
        "written by a newer foi (schema 99",
    ),
    "broken-schema": (
        lambda raw: raw.replace(b'"schema_version": %d' % SCHEMA_VERSION, b'"schema_version": "one"'),
        "broken schema_version",
    ),
}


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_a_corrupt_store_is_reported_and_never_overwritten(two_commits, cli, kind):
    store_path = two_commits
    damage, says = CORRUPTIONS[kind]
    store_path.write_bytes(damage(store_path.read_bytes()))
    before = store_path.read_bytes()
    bak_before = backup_path(store_path).read_bytes()
    for args in (
        ("config", "set", "organisation", "Overwriter"),
        ("config", "list"),
        ("authorities", "add", "--name", "Some Council"),
    ):
        r = cli(*args, ok=False)
        assert r.exit_code == 1, (args, r.output)
        err = _one_line_error(r)
        assert says in err, err
        assert str(store_path) in err and str(backup_path(store_path)) in err, err
        assert store_path.read_bytes() == before
        assert backup_path(store_path).read_bytes() == bak_before
        assert _stray(store_path.parent) == []


def test_a_corrupt_store_without_backup_says_so(store_path, cli):
    store_path.parent.mkdir()
    store_path.write_bytes(b'{"requests": ')
    r = cli("config", "set", "organisation", "X", ok=False)
    assert r.exit_code == 1
    assert "there is no backup (foi.json.bak)" in _one_line_error(r)
    assert store_path.read_bytes() == b'{"requests": '


def test_a_store_that_is_a_folder(store_path, cli):
    store_path.mkdir(parents=True)
    r = cli("config", "set", "organisation", "X", ok=False)
    assert r.exit_code == 2 and "is a directory" in _one_line_error(r)  # click checks --store
    with pytest.raises(StoreError, match="is a folder"):
        read_store_file(store_path)


def test_a_byte_order_mark_is_accepted(two_commits):
    two_commits.write_bytes(b"\xef\xbb\xbf" + two_commits.read_bytes())
    assert read_store_file(two_commits)["config"]["1"]["organisation"] == "Alex Jones"


# -- migrations -------------------------------------------------------------


def test_every_earlier_schema_has_a_fixture():
    for version in range(SCHEMA_VERSION + 1):
        assert (FIXTURES / f"v{version}.json").exists(), f"add tests/fixtures/stores/v{version}.json"
        assert version == SCHEMA_VERSION or version in MIGRATIONS


def _install(fixture: str, store_path: Path) -> bytes:
    store_path.parent.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(FIXTURES / fixture, store_path)
    if fixture == f"v{SCHEMA_VERSION}.json":  # its letters are files beside it
        shutil.copytree(FIXTURES / "letters", store_path.with_name("letters"), dirs_exist_ok=True)
    return store_path.read_bytes()


def _inline(s, requests) -> dict:
    """Requests by id with each letter's text in its event (as older stores had it)."""
    out = {}
    for r in requests:
        r = s.with_letters(r)
        r["events"] = [{k: v for k, v in e.items() if k != "letter_sha256"} for e in r["events"]]
        out[r["id"]] = r
    return out


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_an_old_store_is_read_then_upgraded_on_the_next_write_keeping_the_old_file(store_path, cli, version):
    old = _install(f"v{version}.json", store_path)
    # reading does not write the store (the person's details move to their own settings)
    assert cli("config", "get", "name").stdout.strip() == "Siân Ní Bhriain"
    with open_store(store_path) as s:
        before = {r["id"]: r for r in s.requests()}
    assert store_path.read_bytes() == old
    keep = store_path.with_name(f"foi.json.v{version}.bak")
    assert not keep.exists()
    # the next write upgrades it and keeps the old file byte for byte
    cli("config", "set", "organisation", "Gwynedd Action")
    assert keep.read_bytes() == old
    assert oct(keep.stat().st_mode & 0o777) == "0o600"
    data = read_store_file(store_path)
    assert data["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    with open_store(store_path) as s:
        assert _inline(s, s.requests()) == before
        assert "name" not in s.config() and load_person()["name"] == "Siân Ní Bhriain"
        assert s.user_authorities()[0]["name"] == "Cyngor Gwynedd"
    # new ids come after the old ones
    with open_store(store_path, write=True) as s:
        [rid] = s.add_requests([{"regime": "foia", "events": []}])
    assert rid > max(before)
    # a second write does not touch the kept copy
    cli("config", "set", "organisation", "Gwynedd Action 2")
    assert keep.read_bytes() == old


def test_v0_ids_are_kept(store_path):
    _install("v0.json", store_path)
    with open_store(store_path, write=True) as s:
        assert [r["id"] for r in s.requests()] == [3, 7]
        assert s.get_request(7)["subject"] == "Amseroedd aros — Llŷn"
        assert s.add_requests([{"regime": "foia", "events": []}]) == [8]


def test_the_current_schema_fixture_reads_unchanged(store_path, cli):
    old = _install(f"v{SCHEMA_VERSION}.json", store_path)
    with open_store(store_path, write=True) as s:
        assert [r["id"] for r in s.requests()] == [1, 2]
        assert s.add_requests([{"regime": "foia", "events": []}]) == [5]  # 3 and 4 were used once
    assert not list(store_path.parent.glob("foi.json.v*.bak"))
    assert backup_path(store_path).read_bytes() == old


def test_a_v0_store_that_cannot_be_upgraded_is_left_alone(store_path, cli):
    store_path.parent.mkdir()
    store_path.write_text('{"_default": {"1": {"id": "twelve"}}}')
    before = store_path.read_bytes()
    r = cli("config", "set", "organisation", "X", ok=False)
    assert r.exit_code == 1
    err = _one_line_error(r)
    assert "cannot be upgraded" in err and str(store_path) in err
    assert store_path.read_bytes() == before


# -- restore ----------------------------------------------------------------


def test_restore_backup_keeps_the_replaced_store(two_commits):
    store_path = two_commits
    store_path.write_bytes(b"garbage")
    kept = restore_backup(store_path)
    assert kept == store_path.with_name("foi.json.before-restore")
    assert kept.read_bytes() == b"garbage"
    assert read_store_file(store_path)["config"]["1"] == {"organisation": "Alex Jones"}
    # a second restore does not overwrite the first kept copy
    store_path.write_bytes(b"more garbage")
    assert restore_backup(store_path).name == "foi.json.before-restore.1"
    assert kept.read_bytes() == b"garbage"


def test_restore_refuses_a_broken_backup(two_commits):
    store_path = two_commits
    backup_path(store_path).write_bytes(b"{broken")
    before = store_path.read_bytes()
    with pytest.raises(StoreError, match="cannot be restored"):
        restore_backup(store_path)
    assert store_path.read_bytes() == before


def test_restore_without_backup(store_path):
    with pytest.raises(StoreError, match="no backup"):
        restore_backup(store_path)


# -- the fast (orjson) paths must agree exactly with the json module -----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as hs  # noqa: E402

_json_values = hs.recursive(
    hs.none() | hs.booleans() | hs.integers(-(2**63), 2**63 - 1) | hs.text(),
    lambda children: hs.lists(children, max_size=4) | hs.dictionaries(hs.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200)
@given(_json_values)
def test_fast_serialisation_is_byte_identical_to_json(value):
    assert st.dump_bytes({"requests": {"1": {"id": 1, "x": value}}}) == dumps(
        {"requests": {"1": {"id": 1, "x": value}}}
    ).encode("utf-8")


@settings(max_examples=100)
@given(
    hs.dictionaries(
        hs.sampled_from(["requests", "authorities", "config"]),
        hs.dictionaries(
            hs.integers(1, 50).map(str), hs.dictionaries(hs.text(max_size=5), _json_values, max_size=3), max_size=4
        ),
        max_size=3,
    )
)
def test_fast_parse_round_trips(data):
    raw = st.dump_bytes(data)
    assert st.parse_store_bytes(raw) == data
    assert st.parse_store_bytes(b"\xef\xbb\xbf" + raw) == data


def test_entry_written_twice_in_the_canonical_layout_is_refused(tmp_path):
    """A hand-resolved git conflict that keeps request 2 twice: json would
    silently keep one; the store refuses the file."""
    good = st.dump_bytes({"requests": {"1": {"id": 1}, "2": {"id": 2, "subject": "a"}}}).decode()
    dup = good.replace(
        '    "2": {\n      "id": 2,\n      "subject": "a"\n    }',
        '    "2": {\n      "id": 2,\n      "subject": "a"\n    },\n'
        '    "2": {\n      "id": 2,\n      "subject": "b"\n    }',
    )
    assert dup != good
    path = tmp_path / "foi.json"
    path.write_text(dup, encoding="utf-8")
    with pytest.raises(StoreError, match="twice"):
        read_store_file(path)
