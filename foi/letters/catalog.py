"""The catalogue of letter templates: which exist, what their first line
says about them, where they are, and their text.

Templates are plain-text jinja2 files ``NAME.txt.j2`` in the shipped
``letter_templates/`` folder (:func:`foi.resources.templates_dir`) and,
optionally, a user's own folder, which takes priority: a user file with a
shipped name overrides it, other names add templates.  Names starting with
``_`` are partials (included by other templates, never listed).  The first
line of a template is a jinja comment with its metadata::

    {# description: FOI request under FOIA 2000 | kind: request | regime: foia #}

No jinja2 here: listing templates and checking a name cost nothing.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .. import resources
from ..errors import NotFound, TemplateError
from ..vocab import LetterKind

SUFFIX = ".txt.j2"

_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclasses.dataclass(frozen=True)
class TemplateInfo:
    name: str
    description: str
    kind: str
    regime: str
    source: str  # "shipped" | "yours"
    path: Path


def clean_name(name: str) -> str | None:
    """The bare template name (``foi``) for ``foi`` or ``foi.txt.j2``; None if not a name."""
    name = str(name).strip()
    if name.endswith(SUFFIX):
        name = name[: -len(SUFFIX)]
    if not name or not _NAME_RE.match(name) or ".." in name:
        return None
    return name


def _parse_metadata(path: Path) -> dict[str, str]:
    """Read ``key: value | key: value`` from the template's first-line comment."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace") as fh:
            first = fh.readline(4096).strip()
    except OSError:
        return {}
    m = re.match(r"^\{#-?\s*(.*?)\s*-?#\}$", first)
    if not m:
        return {}
    meta: dict[str, str] = {}
    for part in m.group(1).split("|"):
        key, sep, value = part.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    return meta


def _info(name: str, path: Path, source: str) -> TemplateInfo:
    meta = _parse_metadata(path)
    kind = meta.get("kind", "").lower() or (LetterKind.PARTIAL if name.startswith("_") else LetterKind.REQUEST)
    regime = meta.get("regime", "").lower() or "auto"
    return TemplateInfo(
        name=name,
        description=meta.get("description", "") or "(no description)",
        kind=kind,
        regime=regime,
        source=source,
        path=path,
    )


def _dirs(user_dir: Path | None) -> list[tuple[Path, str]]:
    dirs: list[tuple[Path, str]] = []
    if user_dir is not None:
        dirs.append((Path(user_dir).expanduser(), "yours"))
    dirs.append((resources.templates_dir(), "shipped"))
    return dirs


def find(folder: Path, name: str) -> Path | None:
    """``folder/name.txt.j2`` if it is a regular file that really lives in *folder*."""
    path = folder / (name + SUFFIX)
    try:
        if not path.is_file():
            return None
        if path.resolve().parent != folder.resolve():
            return None  # a symlink pointing out of the folder
    except OSError:
        return None
    return path


def _all_templates(user_dir: Path | None) -> dict[str, TemplateInfo]:
    found: dict[str, TemplateInfo] = {}
    for folder, source in _dirs(user_dir):
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue  # a user folder that does not exist (yet) is fine
        for entry in entries:
            if not entry.name.endswith(SUFFIX):
                continue
            name = clean_name(entry.name)
            if name is None or name in found or find(folder, name) is None:
                continue
            found[name] = _info(name, entry, source)
    return found


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """All templates a user can choose, sorted by name (partials left out)."""
    return [info for name, info in sorted(_all_templates(user_dir).items()) if not name.startswith("_")]


def get_template_info(name: str, user_dir: Path | None = None) -> TemplateInfo:
    """The template called *name* (``foi`` or ``foi.txt.j2``); partials can be asked for too."""
    clean = clean_name(name)
    if clean is not None:
        for folder, source in _dirs(user_dir):
            path = find(folder, clean)
            if path is not None:
                return _info(clean, path, source)
    import difflib

    names = [i.name for i in list_templates(user_dir)]
    close = difflib.get_close_matches(str(name), names, n=1, cutoff=0.6)
    hint = (f"did you mean {close[0]}? " if close else "") + "see `foi templates list`"
    raise NotFound(f"unknown template '{name}'", hint=hint)


def template_source(name: str, user_dir: Path | None = None) -> str:
    """The text of template *name*, e.g. to copy it into your own folder and edit it."""
    info = get_template_info(name, user_dir)
    try:
        return info.path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(f"template '{info.name}' is not UTF-8 text ({info.path})") from None
    except OSError as e:
        raise TemplateError(f"cannot read template '{info.name}': {e.strerror or e}") from None
