"""`foi git setup`: which folder, which store, and making it the person's store."""

from __future__ import annotations

from pathlib import Path

from .git import Repo, SetupReport, setup


def _in_work_tree(folder: Path) -> bool:
    if not folder.is_dir():
        return False
    done = Repo(folder).run("rev-parse", "--is-inside-work-tree", step="rev-parse", ok=(0, 128))
    return done.stdout.strip() == "true"


def setup_store(current: Path, folder: Path | None, explicit: bool) -> tuple[SetupReport, bool]:
    """Set up ``folder`` (default: the store's folder if it is in a git work
    tree, else the current folder).  If the store there is not the one foi
    uses now, it becomes the person's ``store`` setting: (report, switched).
    ``explicit``: the store in use was named by --store or FOI_STORE."""
    from .. import settings
    from ..store import STORE_FILENAME

    current = Path(current).absolute()
    if folder is None:
        folder = current.parent if _in_work_tree(current.parent) else Path.cwd()
    folder = Path(folder).absolute()
    same_folder = folder.resolve() == current.parent.resolve()
    report = setup(folder, current.name if same_folder else STORE_FILENAME)
    if same_folder:
        return report, False
    settings.update_person({"store": str(report.store)})
    if explicit:
        report.done.append(f"note: --store or FOI_STORE still names {current}, and wins over your setting")
    return report, True
