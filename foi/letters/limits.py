"""The work a letter template may do, and the checks that hold it to that.

One render may loop at most :data:`MAX_ITERATIONS` times, write at most
:data:`MAX_EMITTED` characters into any buffer, build no value longer than
:data:`MAX_STRING`, and use at most :data:`MAX_CPU_SECONDS` of processor time
(checked at every loop step, output, operator and call: :func:`budget`).
Operators, string methods and filters that can build a huge value from a
small one are checked before they run.  Every refusal is a :class:`Limit`.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import string
import time
from collections.abc import Iterator
from typing import Any

import jinja2

MAX_OUTPUT = 200_000  # characters in a finished letter
MAX_EMITTED = 1_000_000  # characters written by one render, into any buffer
MAX_RANGE = 10_000  # items in one range()
MAX_ITERATIONS = 100_000  # for-loop iterations in one render
MAX_STRING = MAX_OUTPUT  # any string/list a template builds
MAX_WIDTH = 10_000  # width / count arguments of padding filters and methods
MAX_INT_BITS = 4_096  # integers a template computes with ** or *
MAX_CPU_SECONDS = 3.0  # processor time of one render (shipped letters take milliseconds)


class Limit(Exception):
    """A template tried to do too much work.  Deliberately not a TypeError/ValueError,
    which some jinja filters swallow."""


class Fail(Exception):
    """Raised by the ``fail()`` global: the template itself reports a problem."""


class _Budget:
    """What one render has used so far."""

    __slots__ = ("iterations", "emitted", "deadline")

    def __init__(self) -> None:
        self.iterations = 0
        self.emitted = 0
        self.deadline = time.process_time() + MAX_CPU_SECONDS

    def tick(self) -> None:
        """Stop a render that has used up its processor time."""
        if time.process_time() > self.deadline:
            raise Limit(f"more than {MAX_CPU_SECONDS:g} seconds of processing")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("foi_letter_budget", default=None)


def budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # only render() runs templates; be safe if someone else does
        raise Limit("templates must be rendered with foi.letters.render()")
    budget.tick()
    return budget


@contextlib.contextmanager
def budgeted() -> Iterator[None]:
    """A fresh budget for the render inside the block."""
    token = _BUDGET.set(_Budget())
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _size(value: Any) -> int:
    try:
        return len(value)
    except Exception:
        return 0


def check_size(value: Any, what: str = "a value") -> Any:
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) and len(value) > MAX_STRING:
        raise Limit(f"{what} of {len(value):,} items (limit {MAX_STRING:,})")
    return value


def check_int_arg(value: Any, what: str, limit: int = MAX_WIDTH) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
        raise Limit(f"{what} of {value:,} (limit {limit:,})")


def safe_range(*args: Any) -> range:
    for a in args:
        check_int_arg(a, "range() bound", 10**15)
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise Limit(f"range() of {len(rng):,} items (limit {MAX_RANGE:,})")
    return rng


_PCT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_format_string(fmt: Any) -> None:
    """Refuse format strings that ask for huge padding (``%0999999d``, ``{:>999999}``)."""
    if not isinstance(fmt, str):
        return
    for m in _PCT_SPEC.finditer(fmt):
        for g in m.groups():
            if g == "*" or (g and (len(g) > 6 or int(g) > MAX_WIDTH)):
                raise Limit("a format string with a huge or computed width")
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # not a {}-style format string
    for _literal, _field, spec, _conversion in fields:
        if spec and ("{" in spec or any(len(n) > 6 or int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
            raise Limit("a format string with a huge or computed width")


def _estimate_join(sep: str, items: list) -> int:
    return len(sep) * max(len(items) - 1, 0) + sum(_size(str(i)) if not isinstance(i, str) else len(i) for i in items)


def check_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Estimate the result of a str method before running it; returns (maybe new) args."""
    s = obj.__self__
    name = obj.__name__
    if name in ("center", "ljust", "rjust", "zfill"):
        for a in list(args) + list(kwargs.values()):
            check_int_arg(a, f"{name}() width")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        check_int_arg(size, "expandtabs() size", 100)
        if isinstance(size, int) and len(s) + s.count("\t") * max(size, 0) > MAX_STRING:
            raise Limit("expandtabs() result too long")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        n = (len(s) + 1) if old == "" else s.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            n = min(n, args[2])
        if len(s) + n * (len(new) - len(old)) > MAX_STRING:
            raise Limit("replace() result too long")
    elif name == "join" and args:
        items = list(args[0])
        if _estimate_join(s, items) > MAX_STRING:
            raise Limit("join() result too long")
        args = (items,) + tuple(args[1:])
    elif name in ("translate", "maketrans"):
        raise Limit(f"str.{name}() is not available in letter templates")
    return args


_BASE = jinja2.filters.FILTERS  # jinja's own filters, wrapped below


def _center(value, width=80):
    check_int_arg(width, "center width")
    return _BASE["center"](value, width)


def _indent(s, width=4, first=False, blank=False):
    n = width if isinstance(width, int) else len(str(width))
    check_int_arg(n, "indent width", 1000)
    if len(str(s)) + (str(s).count("\n") + 1) * n > MAX_STRING:
        raise Limit("indent() result too long")
    return _BASE["indent"](s, width, first, blank)


@jinja2.pass_environment
def _wordwrap(env, s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
    check_int_arg(width, "wordwrap width")
    if wrapstring is not None and len(str(wrapstring)) > 10:
        raise Limit("wordwrap() wrapstring too long")
    if isinstance(width, int) and width < 1:
        raise Limit("wordwrap() width must be at least 1")
    return _BASE["wordwrap"](env, s, width, break_long_words, wrapstring, break_on_hyphens)


def _format(value, *args, **kwargs):
    check_format_string(value)
    return check_size(_BASE["format"](value, *args, **kwargs), "format() result")


@jinja2.pass_eval_context
def _replace(eval_ctx, s, old, new, count=None):
    text, o, n = str(s), str(old), str(new)
    k = (len(text) + 1) if o == "" else text.count(o)
    if count is not None and isinstance(count, int) and count >= 0:
        k = min(k, count)
    if len(text) + k * (len(n) - len(o)) > MAX_STRING:
        raise Limit("replace() result too long")
    return _BASE["replace"](eval_ctx, s, old, new, count)


@jinja2.pass_eval_context
def _join(eval_ctx, value, d="", attribute=None):
    items = list(value)
    if _estimate_join(str(d), items) > MAX_STRING:
        raise Limit("join() result too long")
    return _BASE["join"](eval_ctx, items, d, attribute)


def _batch(value, linecount, fill_with=None):
    check_int_arg(linecount, "batch size")
    return _BASE["batch"](value, linecount, fill_with)


def _slice(value, slices, fill_with=None):
    check_int_arg(slices, "number of slices", 1000)
    return _BASE["slice"](value, slices, fill_with)


@jinja2.pass_environment
def _truncate(env, s, length=255, killwords=False, end="...", leeway=None):
    return _BASE["truncate"](env, s, length, killwords, str(end)[:100], leeway)


@jinja2.pass_environment
def _sum(env, iterable, attribute=None, start=0):
    items = list(iterable)
    if not isinstance(start, (int, float)) or any(not isinstance(i, (int, float)) for i in items):
        total = _size(start) + sum(_size(i) for i in items)
        if total > MAX_STRING:
            raise Limit("sum() result too long")
    return _BASE["sum"](env, items, attribute, start)


#: jinja's filters that can blow a small input up into a huge output, checked first.
SAFE_FILTERS = {
    "center": _center,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "format": _format,
    "replace": _replace,
    "join": _join,
    "batch": _batch,
    "slice": _slice,
    "truncate": _truncate,
    "sum": _sum,
}
