"""Writing letters: the one flow behind `foi draft`, `foi chase`, `foi review`
and `foi complain`.

1. **Prepare**: render each letter from a read of the store.
2. **Edit** (``--edit``): open each in ``$EDITOR``.
3. **Keep**: under the store's lock, check again whatever the letters depend
   on (duplicates, the request's stage) and store them.

Steps 1 and 2 run *outside* the store's lock whenever a person or somebody
else's code is involved (an editor open, or a templates folder of your own,
whose templates may take a while even within their limits): other writers do
not wait on them.  With only the shipped templates and no editor, all three
steps run under one lock (one read of the store, nothing to check again).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import UsageError

T = TypeVar("T")


@dataclass
class Prepared:
    """One letter rendered from a read of the store, and what keeping it needs."""

    text: str
    item: Any  # a request record (draft) or (request, letter kind) (follow-ups)


def prepare_then_keep(
    app,
    prepare: Callable[[Any], list[Prepared]],
    keep: Callable[[Any, list[Prepared], bool], T],
    editor: Callable[[str], str] | None = None,
) -> T:
    """Run the flow; ``keep(store, prepared, recheck)`` stores the letters,
    checking again first when ``recheck`` (they were prepared from an earlier
    read of the store, outside its lock)."""
    outside = editor is not None or app.templates_dir is not None
    if not outside:
        with app.write() as store:
            return keep(store, prepare(store), False)
    prepared = prepare(app.read())
    if editor is not None:
        for p in prepared:
            p.text = editor(p.text)
    with app.write() as store:
        return keep(store, prepared, True)


def letters_folder(out: str | None) -> Path | None:
    """The ``--out`` folder, made (0700: letters hold names, addresses, health
    details) before anything is stored."""
    if not out:
        return None
    from ..store.files import make_private_dirs

    folder = Path(out)
    try:
        make_private_dirs(folder)
    except OSError as exc:
        raise UsageError(
            f"cannot make the folder {out} for the letters: {exc.strerror or exc}",
            "give --out a folder you can write to; nothing was changed",
        ) from None
    return folder


def write_letters(folder: Path, letters: Sequence[tuple[str, str]]) -> None:
    """Write ``(file name, text)`` letters into ``folder``, each 0600."""
    from ..store import write_private

    for name, text in letters:
        write_private(folder / name, text.encode("utf-8"))
