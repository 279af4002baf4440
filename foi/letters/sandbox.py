"""The sandbox letter templates run in.

Templates are *code written by someone else* (campaign groups share them), so
they run in jinja2's immutable sandbox with extra limits:

* no access to internals (``__class__``, ``__globals__``, ...) -> "unsafe";
* the loader only serves ``NAME.txt.j2`` files directly inside the template
  folders: no paths, no ``..``, no symlinks out of the folder, no other files;
* the work of one render is bounded (:mod:`.limits`: loop iterations,
  characters written, size of any value, processor time): every loop's
  iterable, everything written and every ``~`` is wrapped in a guard filter
  (:class:`_Guard`), and operators and calls are checked before they run.

Every refusal raises :class:`~.limits.Limit` or :class:`Fail`; :mod:`.render`
turns it into one line naming the template.  This module imports jinja2.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import TemplateNotFound, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from .. import resources
from ..dates import human_long
from .catalog import SUFFIX, clean_name, find
from .limits import (
    MAX_EMITTED,
    MAX_INT_BITS,
    MAX_ITERATIONS,
    MAX_STRING,
    SAFE_FILTERS,
    Fail,
    Limit,
    budget,
    check_format_string,
    check_size,
    check_str_method,
    safe_range,
)

# ------------------------------------------------------------ template helpers


def ukdate(value: Any) -> str:
    """``23 November 2026`` for a date, datetime or ISO string; "" for None or ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        text = str(value).strip()
        try:
            value = date.fromisoformat(text[:10])
        except ValueError:
            raise Fail(f"ukdate needs a date like 2026-11-23, not {text[:40]!r}") from None
    return human_long(value)


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def exemption_words(value: Any) -> str:
    """A cited exemption as a letter names it: ``s31`` -> ``section 31``."""
    from ..domain.exemptions import in_words

    return in_words(oneline(value))


def oneline(value: Any) -> str:
    """The value on one line (for Subject lines): line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", str(value))


def _fail(message: Any = "cannot be used with this request") -> None:
    raise Fail(str(message)[:300])


@jinja2.pass_context
def _guard_iter(context: Any, iterable: Any):
    """Wrapped around every ``for`` loop's iterable: counts iterations per render."""
    used = budget()
    if isinstance(iterable, jinja2.Undefined):
        iter(iterable)  # StrictUndefined: raises with the variable's name
    for item in iterable:
        used.iterations += 1
        if used.iterations > MAX_ITERATIONS:
            raise Limit(f"more than {MAX_ITERATIONS:,} loop iterations")
        yield item


@jinja2.pass_context
def _guard_emit(context: Any, value: Any) -> Any:
    """Wrapped around everything a template writes: counts characters per render."""
    used = budget()
    if isinstance(value, str):
        n = len(value)
    elif isinstance(value, jinja2.Undefined):
        return value  # jinja reports it when it is written
    else:
        n = len(str(value))
    used.emitted += n
    if used.emitted > MAX_EMITTED:
        raise Limit(f"more than {MAX_EMITTED:,} characters written")
    return value


@jinja2.pass_context
def _guard_concat(context: Any, value: Any) -> Any:
    return check_size(value, "a string")


class Missing(UndefinedError):
    """A StrictUndefined value was used; remembers which name was missing."""

    def __init__(self, message: str | None = None, *, name: Any = None, obj: Any = None):
        super().__init__(message)
        self.missing_name = name
        self.missing_obj = obj


class _StrictUndefined(jinja2.StrictUndefined):
    __slots__ = ()

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=UndefinedError):
        if exc is UndefinedError:
            exc = functools.partial(Missing, name=name, obj=obj)
        super().__init__(hint=hint, obj=obj, name=name, exc=exc)


class _LetterLoader(jinja2.BaseLoader):
    """Serves ``NAME.txt.j2`` files directly inside one folder, nothing else."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get_source(self, environment, template):
        name = clean_name(template)
        path = find(self.folder, name) if name is not None else None
        if path is None:
            raise TemplateNotFound(template)
        try:
            source = path.read_text(encoding="utf-8-sig")
            mtime = path.stat().st_mtime
        except (OSError, UnicodeDecodeError):
            raise TemplateNotFound(template) from None

        def uptodate() -> bool:
            try:
                return path.stat().st_mtime == mtime
            except OSError:
                return False

        return source, str(path), uptodate

    def list_templates(self):
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return []
        return [
            e.name
            for e in entries
            if e.name.endswith(SUFFIX)
            and clean_name(e.name) is not None
            and find(self.folder, clean_name(e.name)) is not None
        ]


class _LetterEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def _parse(self, source, name, filename):
        tree = _Guard().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree

    def call_binop(self, context, operator, left, right):
        budget()
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int):
                if right < 0 or abs(left) < 2:
                    pass
                elif right > MAX_INT_BITS or abs(left).bit_length() * right > MAX_INT_BITS:
                    raise Limit("a number too large to compute")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    if len(seq) * n > MAX_STRING:
                        raise Limit(f"a value of {len(seq) * n:,} items (limit {MAX_STRING:,})")
            if isinstance(left, int) and isinstance(right, int):
                if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                    raise Limit("a number too large to compute")
        elif operator == "%" and isinstance(left, str):
            check_format_string(left)
        result = super().call_binop(context, operator, left, right)
        return check_size(result)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's convention)
        budget()
        if getattr(__obj, "__self__", None) is not None and isinstance(__obj.__self__, str) and callable(__obj):
            args = check_str_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return check_size(result)

    def wrap_str_format(self, value):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        def checked(*args, **kwargs):
            check_format_string(fmt)
            return check_size(wrapper(*args, **kwargs), "format() result")

        return checked


def _filter(node: nodes.Expr, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _Guard(NodeTransformer):
    """Wrap loop iterables, everything written and ``~`` concatenations in guard filters."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = _filter(node.iter, "_foi_iter")
        return node

    def visit_Output(self, node: nodes.Output) -> nodes.Output:
        node = self.generic_visit(node)
        node.nodes = [_filter(child, "_foi_emit") for child in node.nodes]
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        return _filter(self.generic_visit(node), "_foi_concat")


@functools.lru_cache(maxsize=8)
def environment(user_dir: str | None) -> _LetterEnvironment:
    loaders = []
    if user_dir is not None:
        loaders.append(_LetterLoader(Path(user_dir)))
    loaders.append(_LetterLoader(resources.templates_dir()))
    env = _LetterEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=_StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters.update(SAFE_FILTERS)
    env.filters.update(
        ukdate=ukdate,
        oneline=oneline,
        exemption_words=exemption_words,
        _foi_iter=_guard_iter,
        _foi_emit=_guard_emit,
        _foi_concat=_guard_concat,
    )
    env.globals.pop("lipsum", None)
    env.globals.update(range=safe_range, fail=_fail)
    return env
