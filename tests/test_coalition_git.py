"""A coalition sharing a store through real git: a bare repository in a
temporary folder is the remote, and each member has a clone, their own
settings and their own git identity.  foi runs in-process; git runs the
merge driver (`python -m foi merge --driver`) as a real subprocess."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from foi.store import read_store_file

GIT = shutil.which("git")


def git(*args, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


class Member:
    def __init__(self, name: str, root: Path, cli, monkeypatch):
        self.name, self.cli, self.mp = name, cli, monkeypatch
        self.short = name.split()[0].lower()
        self.clone = root / self.short
        self.config = root / f"{self.short}-config"
        (self.config / "foi").mkdir(parents=True, mode=0o700)
        settings = {"name": name, "email": f"{self.short}@example.org"}
        (self.config / "foi" / "config.json").write_text(json.dumps(settings))

    def env(self) -> None:
        self.mp.delenv("FOI_STORE", raising=False)
        self.mp.setenv("XDG_CONFIG_HOME", str(self.config))
        for who in ("AUTHOR", "COMMITTER"):
            self.mp.setenv(f"GIT_{who}_NAME", self.name)
            self.mp.setenv(f"GIT_{who}_EMAIL", f"{self.short}@example.org")

    def foi(self, *args, ok=True):
        self.env()
        return self.cli(*args, ok=ok)

    @property
    def store(self) -> Path:
        return self.clone / "foi.json"

    def data(self) -> dict:
        return read_store_file(self.store)


@pytest.fixture
def coalition(tmp_path, cli, monkeypatch):
    if GIT is None:
        pytest.fail("git is not installed: apt-get install -y git")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))  # no user's settings
    (tmp_path / "gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    members = [Member(n, tmp_path, cli, monkeypatch) for n in ("Alex Jones", "Sam Smith", "Kim Lee")]
    for m in members:
        git("clone", "-q", str(remote), str(m.clone), cwd=tmp_path)
    return remote, members


DRAFT = ("draft", "-t", "hiu-scheme", "-s", "Crisis team staffing", "-c", "hiu", "--to")


def test_setup_registers_the_driver_and_makes_the_clone_the_store(coalition):
    remote, (alex, *_) = coalition
    r = alex.foi("git", "setup", alex.clone)
    assert "merge.foi.driver" in r.stderr and f"your store is now {alex.store}" in r.stderr
    driver = git("config", "merge.foi.driver", cwd=alex.clone)
    assert " -m foi merge --driver --name %P %O %A %B" in driver and driver.startswith("/")
    assert (alex.clone / ".gitattributes").read_text().splitlines()[-1] == "foi.json merge=foi"
    assert "*.lock" in (alex.clone / ".gitignore").read_text()
    assert json.loads(alex.foi("config", "list", "--json").stdout)["store"] == str(alex.store)
    again = alex.foi("git", "setup", alex.clone)
    assert "nothing to do" in again.stderr


def test_three_members_offline_then_sync_in_turns_end_with_one_store(coalition):
    remote, (alex, sam, kim) = coalition
    for m in (alex, sam, kim):
        m.foi("git", "setup", m.clone)
    alex.foi(*DRAFT, "Oxford Health")
    assert alex.foi("sync").stderr.startswith("committed: Alex Jones: drafted 1")
    for m in (sam, kim):
        m.foi("sync")
        assert [r["authority_id"] for r in m.data()["requests"].values()] == ["oxford-health-nhs-foundation-trust"]

    # offline: each works on their own copy
    alex.foi("send", "1", "--on", "2/11/2026")
    alex.foi(*DRAFT, "Police Scotland")  # request 2
    sam.foi(*DRAFT, "british-transport-police")  # also request 2
    sam.foi("finding", "1", "scheme=kept")
    kim.foi(*DRAFT, "Police Scotland")  # the same letter as Alex's: a conflict
    kim.foi("finding", "1", "scheme=rebranded")
    events = {e["uid"] for m in (alex, sam, kim) for r in m.data()["requests"].values() for e in r["events"]}
    requests = {r["uid"] for m in (alex, sam, kim) for r in m.data()["requests"].values()}

    first = alex.foi("sync")
    assert "committed: Alex Jones: drafted 1, sent 1" in first.stderr and "pushed" in first.stderr
    second = sam.foi("sync")
    assert "request 2 from Sam Smith is now 3" in second.stderr
    third = kim.foi("sync")
    assert "request 2 from Kim Lee is now 4" in third.stderr
    assert "conflict: request 1: the finding scheme" in third.stderr
    for m in (alex, sam, kim):
        m.foi("sync")

    final = [m.data() for m in (alex, sam, kim)]
    assert final[0]["requests"] == final[1]["requests"] == final[2]["requests"]
    reqs = final[0]["requests"]
    assert sorted(int(k) for k in reqs) == [1, 2, 3, 4]
    assert {r["uid"] for r in reqs.values()} == requests
    got = [e["uid"] for r in reqs.values() for e in r["events"]]
    assert sorted(got) == sorted(events)  # every event exactly once
    assert [r["created_by"] for _, r in sorted(reqs.items())] == ["Alex Jones", "Alex Jones", "Sam Smith", "Kim Lee"]
    doctor = kim.foi("doctor", "--json")
    assert doctor.exit_code == 0
    problems = [p for p in json.loads(doctor.stdout)["problems"] if p["check"] != "emails"]
    assert {p["check"] for p in problems} == {"conflicts"}
    said = " ".join(p["message"] for p in problems)
    assert "the finding scheme" in said and "drafted apart to the same authority" in said
    listing = kim.foi("list").stdout
    assert "1!" in listing and "2!" in listing and "4!" in listing
    # files attached by one member reach the others, private
    pdf = sam.clone.parent / "answer.pdf"
    pdf.write_bytes(b"%PDF-1.4 the answer")
    sam.foi("respond", "1", "--outcome", "granted", "--on", "20/11/2026", "--file", pdf)
    assert "Sam Smith: 1 response" in sam.foi("sync").stderr
    alex.foi("sync")
    [attached] = (alex.clone / "attachments").iterdir()
    assert attached.read_bytes() == pdf.read_bytes() and attached.stat().st_mode & 0o077 == 0
    assert alex.clone.stat().st_mode & 0o077 == 0
    problems = [p for p in json.loads(alex.foi("doctor", "--json").stdout)["problems"] if p["check"] != "emails"]
    assert {p["check"] for p in problems} == {"conflicts"}
    # a fourth letter to Police Scotland is refused, whoever drafts it
    refused = sam.foi(*DRAFT, "Police Scotland", ok=False)
    assert refused.exit_code == 2 and "already has a request" in refused.stderr
    # settling the conflicts and syncing leaves a clean store everywhere
    kim.foi("resolve", "1", "2")  # rebranded
    kim.foi("resolve", "2", "2")  # keep 2 (Alex's), drop 4
    kim.foi("sync")
    alex.foi("sync")
    data = alex.data()
    assert sorted(data["requests"]) == ["1", "2", "3"]
    assert data["requests"]["1"]["findings"] == {"scheme": "rebranded"}
    assert not any(r.get("conflicts") for r in data["requests"].values())
    log = git("log", "--format=%s", cwd=alex.clone)
    assert "Kim Lee: findings on 1, settled 2 conflict(s), deleted 1 request(s)" in log


def test_sync_refuses_unrelated_changes_and_explains_git_failures(coalition, tmp_path):
    remote, (alex, sam, _) = coalition
    r = alex.foi("sync", ok=False)
    assert r.exit_code == 1 and "foi git setup" in r.stderr
    alex.foi("git", "setup", alex.clone)
    alex.foi(*DRAFT, "Oxford Health")
    (alex.clone / "notes.txt").write_text("my own notes")
    r = alex.foi("sync", ok=False)
    assert r.exit_code == 1 and "changes foi did not make (notes.txt)" in r.stderr
    (alex.clone / "notes.txt").unlink()
    git("remote", "set-url", "origin", str(tmp_path / "gone.git"), cwd=alex.clone)
    r = alex.foi("sync", ok=False)
    assert r.exit_code == 1
    [line] = r.stderr.strip().splitlines()
    assert line.startswith("foi: error: git fetch failed: the remote is not a git repository")


def test_a_side_the_driver_cannot_read_is_a_git_conflict_and_nothing_is_lost(coalition):
    remote, (alex, sam, _) = coalition
    for m in (alex, sam):
        m.foi("git", "setup", m.clone)
    alex.foi(*DRAFT, "Oxford Health")
    alex.foi("sync")
    sam.foi("sync")
    sam.foi("send", "1", "--on", "2/11/2026")
    sam.foi("sync")
    alex.foi("finding", "1", "scheme=kept")
    mine = alex.store.read_bytes()
    # someone pushed a damaged store (a hand edit gone wrong)
    git("pull", "-q", "--no-rebase", cwd=sam.clone)
    sam.store.write_text('{"requests": {')
    git("commit", "-qam", "oops", cwd=sam.clone)
    git("push", "-q", cwd=sam.clone)
    r = alex.foi("sync", ok=False)
    assert r.exit_code == 1 and "git could not merge foi.json" in r.stderr and "git merge --abort" in r.stderr
    git("merge", "--abort", cwd=alex.clone)
    assert alex.store.read_bytes() == mine


def test_setup_makes_the_stores_files_private_but_not_the_clones_other_files(coalition):
    remote, (alex, sam, _) = coalition
    alex.foi("git", "setup", alex.clone)
    alex.foi(*DRAFT, "Oxford Health")
    alex.foi("sync")
    git("pull", "-q", cwd=sam.clone)  # a plain clone: files as git makes them (0644)
    readme = sam.clone / "README.md"
    readme.write_text("our coalition\n")
    readme.chmod(0o644)
    assert sam.store.stat().st_mode & 0o077
    sam.foi("git", "setup", sam.clone)
    assert sam.store.stat().st_mode & 0o777 == 0o600
    for sub in ("letters",):
        assert (sam.clone / sub).stat().st_mode & 0o777 == 0o700
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in (sam.clone / sub).iterdir())
    assert readme.stat().st_mode & 0o777 == 0o644
