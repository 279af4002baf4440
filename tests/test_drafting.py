"""Drafting letters: what is checked before the store is touched, where the
store's lock is held while letters are written (issue 14.5), and --var
values no template uses (issue 13, bug 4)."""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import contextmanager

import pytest

from foi import letters
from foi.letters import limits
from foi.store import lock_path
from foi.store.lock import Lock

OXFORD = "oxford-health-nhs-foundation-trust"
HIU = ("draft", "-t", "hiu-scheme", "--to", OXFORD)


def _bytes(path):
    return path.read_bytes() if path.exists() else None


@contextmanager
def _lock_held_elsewhere(store_path):
    """The store's lock, held as another foi would hold it."""
    lock = Lock(lock_path(store_path), 0)
    lock.acquire()
    try:
        yield
    finally:
        lock.release()


def _lock_is_free(store_path) -> bool:
    fd = os.open(lock_path(store_path), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)  # (closing drops the flock if it was taken)
    return True


def test_a_var_no_template_uses_is_refused_naming_its_variables(me, store_path):
    before = _bytes(store_path)
    r = me(*HIU, "--var", "since_yaer=2015", ok=False)
    assert r.exit_code == 2
    assert r.stderr == (
        "foi: error: --var since_yaer is not used by template 'hiu-scheme': did you mean since_year? "
        "(its variables: adjustments, questions, request_text, since_year)\n"
    )
    assert _bytes(store_path) == before
    r = me(*HIU, "--var", "colour=blue", ok=False)
    assert "--var colour is not used by template 'hiu-scheme' (its variables:" in r.stderr
    # the ones it uses are taken, --var subject too
    drafted = me.json(*HIU, "--var", "since_year=2015", "--var", "subject=Street triage")
    assert "2015" in drafted[0]["letter"] and drafted[0]["subject"] == "Street triage"


def test_a_template_reading_vars_as_a_whole_takes_any_var(me, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "listing.txt.j2").write_text(
        "{# description: every var | kind: request | regime: auto #}\nSubject: x - y\n"
        "{% for k, v in vars|dictsort %}{{ k }}={{ v }}\n{% endfor %}{{ requester.name }}\n"
    )
    [out] = me.json("--templates", folder, "draft", "-t", "listing", "--to", OXFORD, "--var", "anything=1")
    assert "anything=1" in out["letter"]


@pytest.mark.parametrize(
    "args, says",
    [
        (("draft", "-t", "no-such-template", "--to", OXFORD, "-s", "x"), "unknown template 'no-such-template'"),
        (("draft", "-t", "chaser", "--to", OXFORD, "-s", "x"), "is a chaser letter, not a request"),
        ((*HIU, "--var", "since_yaer=2015"), "--var since_yaer is not used"),
    ],
)
def test_a_bad_template_or_var_is_refused_without_waiting_for_the_lock(me, store_path, monkeypatch, args, says):
    me("config", "set", "organisation", "x")  # the store exists
    monkeypatch.setenv("FOI_LOCK_TIMEOUT", "0")
    with _lock_held_elsewhere(store_path):
        r = me(*args, ok=False)
    assert says in r.stderr and "in use" not in r.stderr


def test_your_own_templates_are_rendered_before_the_store_is_locked(me, store_path, tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "mine.txt.j2").write_text("{# description: mine | kind: request | regime: auto #}\nSubject: x - y\nHi\n")
    me("config", "set", "organisation", "x")
    render = letters.render
    seen = []

    def watching(*args, **kwargs):
        seen.append(_lock_is_free(store_path))
        return render(*args, **kwargs)

    monkeypatch.setattr(letters, "render", watching)
    me("--templates", folder, "draft", "-t", "mine", "--to", OXFORD)
    me("--templates", folder, "chase", "1", ok=False)  # not overdue: refused, but rendered nothing
    assert seen and all(seen), "a user template was rendered while holding the store's lock"
    seen.clear()
    me(*HIU, "--json")  # shipped templates only: one locked read, render included
    assert seen and not any(seen)


def test_a_template_that_runs_too_long_is_stopped_naming_it(me, store_path, tmp_path, monkeypatch):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "slow.txt.j2").write_text(
        "{# description: slow | kind: request | regime: auto #}\nSubject: x - y\n"
        "{% for i in range(10000) %}{% for j in range(9) %}{{ i % 2 }}{% endfor %}{% endfor %}\n"
    )
    me("config", "set", "organisation", "x")
    before = _bytes(store_path)
    monkeypatch.setattr(limits, "MAX_CPU_SECONDS", 0.0)  # any work is too long: no clock in the test
    r = me("--templates", folder, "draft", "-t", "slow", "--to", OXFORD, ok=False)
    assert r.exit_code == 1
    assert r.stderr.startswith("foi: error: template 'slow' tried to do too much work and was stopped")
    assert "seconds of processing" in r.stderr and r.stderr.count("\n") == 1
    assert _bytes(store_path) == before


def test_a_follow_up_whose_request_changed_while_it_was_edited_is_not_kept(me, store_path, monkeypatch):
    me(*HIU)
    me("send", "1", "--on", "1/9/2026")
    from foi.cli import followups

    def editor(text, what="letter"):
        me("log", "1", "note", "--note", "phoned them")  # another foi, while the letter is open
        return text

    monkeypatch.setattr(followups, "edit_text", editor)
    before = json.loads(me("show", "1", "--json").stdout)["request"]["events"]
    r = me("chase", "1", "--edit", ok=False)
    assert r.exit_code == 1 and "request 1 changed while its letter was being written" in r.stderr
    after = json.loads(me("show", "1", "--json").stdout)["request"]["events"]
    assert len(after) == len(before) + 1 and after[-1]["type"] == "note"  # the note, not a chaser
