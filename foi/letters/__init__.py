"""Letter templates: the catalogue, the regime a letter is under, and safe rendering.

:mod:`.catalog` (which templates exist; no jinja2), :mod:`.regime` (which law
a letter cites), :mod:`.sandbox` and :mod:`.limits` (the sandbox templates
run in, and the work they may do), :mod:`.rendering` (one letter, or one
line saying what went wrong).  Rendering imports jinja2, so :func:`render` is
loaded on first use: listing templates or checking a name stays cheap.
"""

from __future__ import annotations

from typing import Any

from .catalog import SUFFIX, TemplateInfo, get_template_info, list_templates, template_source
from .regime import regime_for

__all__ = [
    "SUFFIX",
    "TemplateInfo",
    "get_template_info",
    "list_templates",
    "regime_for",
    "render",
    "template_source",
    "ukdate",
]


def __getattr__(name: str) -> Any:
    if name == "render":
        from .rendering import render

        globals()["render"] = render  # once
        return render
    if name == "ukdate":
        from .sandbox import ukdate

        return ukdate
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
