"""`foi sync`: commit the store, merge the other members' work, push.

1. Refuse unless git knows how to merge the store (`foi git setup`), no merge
   is half done, and the work tree has no changes foi did not make.
2. Under the store's lock (no foi writes meanwhile): commit the store's
   files with a message saying what changed ("Sam Smith: drafted 3, sent 2,
   1 response"); fetch; merge the upstream branch, git calling `foi merge` for
   the store; push.  If someone pushed in between, fetch and merge again.
3. Files git created readable by all are made private again.

Every git failure is one line: the step, why, and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GitError
from .git import Repo

PUSH_TRIES = 3


@dataclass
class SyncReport:
    committed: str | None = None
    merged: bool = False
    pushed: bool = False
    notes: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    remote: str | None = None


def store_paths(repo: Repo, store: Path) -> list[str]:
    """The paths, relative to the work tree, that belong to the store."""
    from ..store import content_folders

    folder = store.parent
    paths = [store, *content_folders(store), folder / ".gitattributes", folder / ".gitignore"]
    return [repo.rel(p) for p in paths]


def _owned(path: str, owned: list[str]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in owned)


def check_ready(repo: Repo, store: Path, owned: list[str]) -> None:
    rel = repo.rel(store)
    attr = repo.run("check-attr", "merge", "--", rel, step="check-attr").stdout
    if not repo.config("merge.foi.driver") or not attr.strip().endswith(": foi"):
        raise GitError(
            f"git does not know how to merge {rel} yet (a text merge could damage it)",
            f"run `foi git setup {repo.folder}` once in this clone",
        )
    if repo.has("MERGE_HEAD"):
        raise GitError(
            f"a git merge is half done in {repo.top()}",
            "finish it (`git status`) or undo it with `git merge --abort`, then run `foi sync` again",
        )
    status = repo.run("status", "--porcelain=v1", "-z", "--untracked-files=all", step="status").stdout
    others = []
    entries = iter(status.split("\0"))
    for entry in entries:
        if not entry:
            continue
        if entry[0] in "RC":  # a rename: the old name follows
            next(entries, None)
        path = entry[3:]
        if not _owned(path, owned):
            others.append(path)
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        raise GitError(
            f"the repository has changes foi did not make ({shown})",
            "commit or stash them first (`git status`), then run `foi sync` again",
        )


def _tables_at(repo: Repo, ref: str, rel: str) -> dict:
    from ..store import tables_from_bytes

    if not repo.has(f"{ref}:{rel}"):
        return {}
    import subprocess

    raw = subprocess.run(
        [repo.git_path, "-C", str(repo.folder), "show", f"{ref}:{rel}"], capture_output=True, stdin=subprocess.DEVNULL
    )
    if raw.returncode != 0:
        return {}
    return tables_from_bytes(raw.stdout, f"{rel} at {ref}")


def commit(repo: Repo, store: Path, owned: list[str], who: str) -> str | None:
    """Commit the store's files; the message (``None`` if nothing changed)."""
    from ..domain.changes import commit_message
    from ..store import open_store

    present = [p for p in owned if (repo.top() / p).exists()]
    if present:
        repo.run("add", "-A", "--", *present, step="add")
    if repo.run("diff", "--cached", "--quiet", step="diff", ok=(0, 1)).returncode == 0:
        return None
    before = _tables_at(repo, "HEAD", repo.rel(store))
    after = {}
    if store.exists():
        with open_store(store) as opened:
            after = opened.tables()
    message = commit_message(who, before, after)
    repo.run("commit", "-q", "-m", message, step="commit")
    return message


def _upstream(repo: Repo) -> str | None:
    done = repo.run("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", step="rev-parse", ok=(0, 128))
    return done.stdout.strip() if done.returncode == 0 else None


def _merge_upstream(repo: Repo, store: Path, upstream: str, report: SyncReport) -> None:
    repo.run("fetch", "--quiet", step="fetch")
    if not repo.has(upstream) or (
        repo.has("HEAD")
        and repo.run("merge-base", "--is-ancestor", upstream, "HEAD", step="merge-base", ok=(0, 1)).returncode == 0
    ):
        return  # nothing new upstream
    # members who each committed to a clone of the empty repository share no
    # history yet: their stores merge with no base (everything is kept)
    args = ("merge", "--no-edit", "--ff", "--allow-unrelated-histories", upstream)
    done = repo.run(*args, step="merge", ok=(0, 1, 2, 128))
    report.notes.extend(
        ln.split(": ", 1)[1] for ln in done.stderr.splitlines() if ln.startswith("foi merge (") and ": " in ln
    )
    if done.returncode != 0:
        raise _merge_failure(repo, store, done.stdout + done.stderr)
    report.merged = True


def _merge_failure(repo: Repo, store: Path, said: str) -> GitError:
    stuck = repo.run("diff", "--name-only", "--diff-filter=U", step="diff", ok=(0, 1)).stdout.split()
    rel = repo.rel(store)
    why = next((ln.strip() for ln in said.splitlines() if ln.startswith("foi: error:")), "")
    if rel in stuck:
        return GitError(
            f"git could not merge {rel}: {why.removeprefix('foi: error: ') or 'foi merge failed'}; both versions are kept",
            "see `git status`; `git merge --abort` puts your copy back as it was",
        )
    if stuck:
        return GitError(
            f"git could not merge {', '.join(stuck)} (not foi's files)",
            "settle them by hand (`git status`), commit, then run `foi sync` again; or `git merge --abort`",
        )
    return _explain_merge(said)


def _explain_merge(said: str) -> GitError:
    from .git import explain

    return explain("merge", said)


def _push(repo: Repo, upstream: str | None) -> bool:
    """Push; False if someone pushed first (fetch and merge again)."""
    if upstream:
        args = ["push", "--quiet"]
    else:
        remote = (repo.out("remote", step="remote").split() or ["origin"])[0]
        args = ["push", "--quiet", "-u", remote, "HEAD"]
    done = repo.run(*args, step="push", ok=(0, 1))
    if done.returncode == 0:
        return True
    low = done.stderr.lower()
    if "fetch first" in low or "non-fast-forward" in low or "rejected" in low:
        return False
    from .git import explain

    raise explain("push", done.stderr)


def sync(store: Path, who: str) -> SyncReport:
    from ..store import locked, make_private, open_store

    store = Path(store).absolute()
    repo = Repo(store.parent)
    owned = store_paths(repo, store)
    check_ready(repo, store, owned)
    report = SyncReport()
    with locked(store):
        report.committed = commit(repo, store, owned, who)
        remotes = repo.out("remote", step="remote").split()
        if not remotes:
            report.notes.append("the repository has no remote: committed only (git remote add origin URL)")
            return report
        report.remote = remotes[0]
        for _ in range(PUSH_TRIES):
            upstream = _upstream(repo) or _remote_branch(repo, remotes[0])
            if upstream:
                _merge_upstream(repo, store, upstream, report)
            if not repo.has("HEAD") or _pushed_already(repo, upstream):
                break
            if _push(repo, _upstream(repo)):
                report.pushed = True
                break
        else:
            raise GitError("git push failed: others kept pushing meanwhile", "run `foi sync` again")
        make_private(store, folder=True)
    if store.exists():
        from ..domain.conflicts import summaries

        with open_store(store) as opened:
            report.conflicts = summaries(opened.tables())
    return report


def _remote_branch(repo: Repo, remote: str) -> str | None:
    """``remote/branch`` for the current branch if the remote has it (a clone
    of an empty repository has no upstream until the first push)."""
    branch = repo.run("symbolic-ref", "--short", "-q", "HEAD", step="symbolic-ref", ok=(0, 1)).stdout.strip()
    if not branch:
        return None
    repo.run("fetch", "--quiet", remote, step="fetch")
    ref = f"{remote}/{branch}"
    return ref if repo.has(f"refs/remotes/{ref}") else None


def _pushed_already(repo: Repo, upstream: str | None) -> bool:
    return (
        bool(upstream)
        and repo.has(upstream)
        and repo.out("rev-parse", "HEAD", step="rev-parse") == repo.out("rev-parse", upstream, step="rev-parse")
    )
