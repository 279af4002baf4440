"""Git for a coalition: the user's own `git` command, run in the store's folder.

:class:`Repo` runs git and turns each failure into one line saying which
step failed, why, and what to do (:func:`explain`).  :func:`setup` registers
`foi merge` as git's merge driver for the store (`foi git setup`).  No forge
API: whatever remote the members' git can reach (any host, a shared folder).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GitError

#: Lines of the store folder's .gitignore: each laptop's own lock, temporary
#: and backup files never go to the other members.
IGNORED = ("*.lock", ".foi-tmp-*", "*.bak", "*.bak.*", "*.before-restore*")

DRIVER_NAME = "foi store merge (foi git setup)"

# (what git said, why in words, what to do): the first that matches, so the
# precise ones come before the general ones
_REASONS = (
    ("could not resolve host", "the remote cannot be reached (offline, or a wrong address)", "check `git remote -v`"),
    ("permission denied", "the remote refused your login", "check your SSH key or token with `git fetch` by hand"),
    ("authentication failed", "the remote refused your login", "check your token or password with `git fetch` by hand"),
    ("could not read username", "the remote wants a login git cannot ask for here", "run `git fetch` by hand once"),
    ("repository not found", "the remote repository does not exist (or you may not see it)", "check `git remote -v`"),
    ("does not appear to be a git repository", "the remote is not a git repository", "check `git remote -v`"),
    (
        "please tell me who you are",
        "git does not know your name and email for commits",
        'git config --global user.name "Your Name"; git config --global user.email you@example.org',
    ),
    (
        "empty ident",
        "git does not know your name and email for commits",
        'git config --global user.name "Your Name"; git config --global user.email you@example.org',
    ),
    ("no space left", "the disk is full", "free some space and run `foi sync` again"),
    ("fetch first", "someone pushed meanwhile", "run `foi sync` again"),
    ("non-fast-forward", "someone pushed meanwhile", "run `foi sync` again"),
    (
        "not a git repository",
        "the store's folder is not in a git repository",
        "clone the coalition's repository (git clone URL FOLDER) and run `foi git setup FOLDER`",
    ),
)


def explain(step: str, stderr: str) -> GitError:
    """One line for a failed git step, from what git printed."""
    low = stderr.lower()
    for needle, why, fix in _REASONS:
        if needle in low:
            return GitError(f"git {step} failed: {why}", fix)
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip() and not ln.lower().startswith("hint:")]
    said = lines[-1] if lines else "no message"
    return GitError(f"git {step} failed: {said}", "see `git status`")


def git_command() -> str:
    found = shutil.which("git")
    if not found:
        raise GitError(
            "git is not installed", "install it (Debian/Ubuntu: apt install git; macOS: xcode-select --install)"
        )
    return found


class Repo:
    """A git work tree that holds a store."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.git_path = git_command()
        if not self.folder.is_dir():
            raise GitError(
                f"no such folder: {self.folder}", "clone the coalition's repository first: git clone URL FOLDER"
            )

    def run(
        self, *args: str, step: str, ok: tuple[int, ...] = (0,), env: dict | None = None
    ) -> subprocess.CompletedProcess:
        environ = {**os.environ, "LC_ALL": "C", "GIT_MERGE_AUTOEDIT": "no", **(env or {})}
        done = subprocess.run(
            [self.git_path, "-C", str(self.folder), *args],
            capture_output=True,
            text=True,
            errors="replace",
            env=environ,
            stdin=subprocess.DEVNULL,
        )
        if done.returncode not in ok:
            raise explain(step, done.stderr or done.stdout)
        return done

    def out(self, *args: str, step: str) -> str:
        return self.run(*args, step=step).stdout.strip()

    def top(self) -> Path:
        return Path(self.out("rev-parse", "--show-toplevel", step="rev-parse"))

    def rel(self, path: Path) -> str:
        """``path`` relative to the top of the work tree, as git names it."""
        return Path(os.path.relpath(Path(path).resolve(), self.top().resolve())).as_posix()

    def config(self, key: str) -> str | None:
        done = self.run("config", "--get", key, step="config", ok=(0, 1))
        return done.stdout.strip() or None

    def has(self, ref: str) -> bool:
        return self.run("rev-parse", "-q", "--verify", ref, step="rev-parse", ok=(0, 1)).returncode == 0


def running_foi() -> str:
    """A shell command that runs this very foi (git runs the driver through
    the shell): the ``foi`` script that was started, by absolute path, else
    this Python with ``-m foi``; so it works from a virtual environment that
    is not on PATH."""
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name in ("foi", "foi.exe") and script.is_file():
        return shlex.quote(os.path.abspath(script))
    return f"{shlex.quote(os.path.abspath(sys.executable))} -m foi"


@dataclass
class SetupReport:
    folder: Path
    store: Path
    done: list[str] = field(default_factory=list)


def setup(folder: Path, store_name: str) -> SetupReport:
    """Register `foi merge` as the merge driver of ``folder/store_name``;
    each step only if it is not done yet (running it again changes nothing)."""
    from ..store import make_private

    repo = Repo(folder)
    repo.top()  # a git work tree, or a one-line error
    report = SetupReport(repo.folder, repo.folder / store_name)
    driver = f"{running_foi()} merge --driver --name %P %O %A %B"
    if repo.config("merge.foi.driver") != driver:
        repo.run("config", "merge.foi.name", DRIVER_NAME, step="config")
        repo.run("config", "merge.foi.driver", driver, step="config")
        report.done.append(f"git config merge.foi.driver: {driver}")
    rule = f"{store_name} merge=foi"
    if _add_lines(repo.folder / ".gitattributes", [rule], "# foi: merge the store with `foi merge`"):
        report.done.append(f".gitattributes: {rule}")
    if _add_lines(
        repo.folder / ".gitignore", list(IGNORED), "# foi: each laptop's own lock, temporary and backup files"
    ):
        report.done.append(".gitignore: " + " ".join(IGNORED))
    changed = make_private(report.store, folder=True)
    if changed:
        report.done.append(f"made {len(changed)} file(s) readable by you only (git creates them readable by all)")
    return report


def _add_lines(path: Path, lines: list[str], heading: str) -> bool:
    """Append the ``lines`` missing from the text file ``path`` (atomically,
    keeping what is there); whether anything was added."""
    from ..store import write_shared

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise GitError(f"cannot read {path}: {exc}", "fix or remove it, then run `foi git setup` again") from None
    have = {ln.strip() for ln in text.splitlines()}
    missing = [ln for ln in lines if ln not in have]
    if not missing:
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    text += "\n".join([heading, *missing]) + "\n"
    write_shared(path, text.encode("utf-8"), mode=0o644)  # shared with the other members through git
    return True
