"""Where the shipped data files and letter templates are.

In a source checkout (or an editable install) they are the top-level
``data/`` and ``letter_templates/`` folders; in a wheel they are copied to
``foi/_shipped/`` (see ``[tool.hatch.build.targets.wheel.force-include]``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@cache
def _find(name: str) -> Path:
    for candidate in (_PKG / "_shipped" / name, _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"foi is installed without its {name}/ folder")


def data_dir() -> Path:
    return _find("data")


def templates_dir() -> Path:
    return _find("letter_templates")
