"""Letter templates: list them, pick the regime, render them safely.

Templates are plain-text jinja2 files ``NAME.txt.j2`` in the shipped
``letter_templates/`` folder (:func:`foi.resources.templates_dir`) and,
optionally, a user's own folder, which takes priority: a user file with a
shipped name overrides it, other names add templates.  Names starting with
``_`` are partials (included by other templates, never listed).  The first
line of a template is a jinja comment with its metadata::

    {# description: FOI request under FOIA 2000 | kind: request | regime: foia #}

Templates are *code written by someone else* (campaign groups share them), so
they run in jinja2's immutable sandbox with extra limits:

* no access to internals (``__class__``, ``__globals__``, ...) -> "unsafe";
* the loader only serves ``NAME.txt.j2`` files directly inside the template
  folders: no paths, no ``..``, no symlinks out of the folder, no other files;
* ``range()`` is capped at :data:`MAX_RANGE` items, all ``for`` loops of one
  render together at :data:`MAX_ITERATIONS` iterations, everything a render
  writes (also into ``{% set %}`` blocks, filters and macros) at
  :data:`MAX_EMITTED` characters, and the letter itself at :data:`MAX_OUTPUT`;
* operators and string methods/filters that can build a huge value from a
  small one (``*``, ``**``, ``%``, ``+``, ``~``, ``center``, ``replace``,
  ``join``, ``indent``, ``format``, ...) are checked before they run.

Every failure of :func:`render` is a one-line :class:`foi.errors.TemplateError`.

This module imports jinja2 at import time; the CLI imports this module lazily.
"""

from __future__ import annotations

import contextvars
import dataclasses
import enum
import functools
import re
import string
import traceback
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.exceptions import (
    SecurityError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from . import resources
from .dates import human_long
from .domain.law import LAW, law_for
from .errors import NotFound, TemplateError
from .vocab import LetterKind, Regime

SUFFIX = ".txt.j2"


MAX_OUTPUT = 200_000  # characters in a finished letter
MAX_EMITTED = 1_000_000  # characters written by one render, into any buffer
MAX_RANGE = 10_000  # items in one range()
MAX_ITERATIONS = 100_000  # for-loop iterations in one render
MAX_STRING = MAX_OUTPUT  # any string/list a template builds
MAX_WIDTH = 10_000  # width / count arguments of padding filters and methods
MAX_INT_BITS = 4_096  # integers a template computes with ** or *

_NAME_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


# --------------------------------------------------------------------- metadata


@dataclasses.dataclass(frozen=True)
class TemplateInfo:
    name: str
    description: str
    kind: str
    regime: str
    source: str  # "shipped" | "yours"
    path: Path


def _clean_name(name: str) -> str | None:
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


def _find(folder: Path, name: str) -> Path | None:
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
            name = _clean_name(entry.name)
            if name is None or name in found or _find(folder, name) is None:
                continue
            found[name] = _info(name, entry, source)
    return found


def list_templates(user_dir: Path | None = None) -> list[TemplateInfo]:
    """All templates a user can choose, sorted by name (partials left out)."""
    return [info for name, info in sorted(_all_templates(user_dir).items()) if not name.startswith("_")]


def get_template_info(name: str, user_dir: Path | None = None) -> TemplateInfo:
    """The template called *name* (``foi`` or ``foi.txt.j2``); partials can be asked for too."""
    clean = _clean_name(name)
    if clean is not None:
        for folder, source in _dirs(user_dir):
            path = _find(folder, clean)
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


# ----------------------------------------------------------------------- regime

_FOI_REGIME = {"foia": "foia", "eir": "foia", "foisa": "foisa", "eisr": "foisa"}


def regime_for(info: TemplateInfo, authority_regime: str) -> str:
    """The regime a letter from template *info* is written under.

    *authority_regime* is the authority's FOI regime (``foia`` or ``foisa``);
    for follow-up templates (``regime: any``) pass the request's own regime
    (any of foia, foisa, eir, eisr, sar), which is returned unchanged.

    ``auto`` -> the authority's FOI regime; ``environmental`` -> ``eir``, or
    ``eisr`` for a Scottish body; ``sar`` -> ``sar``; an explicit foia/eir
    template for a Scottish body (or foisa/eisr for a body outside Scotland)
    is refused with a :class:`TemplateError` that says which template to use.
    """
    given = str(authority_regime or "").strip().lower()
    wanted = (info.regime or "auto").strip().lower()
    if wanted not in Regime.TEMPLATE:
        raise TemplateError(
            f"template '{info.name}' has an unknown regime '{info.regime}'",
            hint="its first line should say regime: foia, foisa, eir, eisr, sar, auto, environmental or any",
        )
    if given not in LAW:
        raise TemplateError(
            f"cannot tell which law applies: unknown regime '{authority_regime}'",
            hint="the authority's regime must be foia or foisa",
        )
    if wanted == "any":
        return given
    if wanted == "sar":
        return "sar"
    if given == "sar":
        raise TemplateError(
            f"template '{info.name}' is for Freedom of Information or environmental "
            "requests, but this is a subject access request",
            hint="use the `sar` template or a follow-up template",
        )
    scottish = _FOI_REGIME[given] == "foisa"
    if wanted == "auto":
        return "foisa" if scottish else "foia"
    if wanted == "environmental":
        return "eisr" if scottish else "eir"
    if LAW[wanted]["scottish"] == scottish:
        return wanted
    right = LAW["foisa" if scottish else "foia"]
    wrong = LAW[wanted]
    where = "a Scottish public authority" if scottish else "not a Scottish public authority"
    better = "`foi` (it picks the right Act) or `" + ("foisa" if scottish else "foia") + "`"
    if wrong["environmental"]:
        right = LAW["eisr" if scottish else "eir"]
        better = "`eir` (it picks the right Regulations)"
    raise TemplateError(
        f"template '{info.name}' cites the {wrong['act']}, but this authority is {where}, "
        f"covered by the {right['act']}",
        hint=f"use the {better} template",
    )


# ------------------------------------------------------------------ safe limits


class _Limit(Exception):
    """A template tried to do too much work.  Deliberately not a TypeError/ValueError,
    which some jinja filters swallow."""


class _Fail(Exception):
    """Raised by the ``fail()`` global: the template itself reports a problem."""


class _Budget:
    __slots__ = ("iterations", "emitted")

    def __init__(self) -> None:
        self.iterations = 0
        self.emitted = 0


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("foi_letter_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    if budget is None:  # only render() runs templates; be safe if someone else does
        raise _Limit("templates must be rendered with foi.letters.render()")
    return budget


def _size(value: Any) -> int:
    try:
        return len(value)
    except Exception:
        return 0


def _check_size(value: Any, what: str = "a value") -> Any:
    if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) and len(value) > MAX_STRING:
        raise _Limit(f"{what} of {len(value):,} items (limit {MAX_STRING:,})")
    return value


def _check_int_arg(value: Any, what: str, limit: int = MAX_WIDTH) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limit:
        raise _Limit(f"{what} of {value:,} (limit {limit:,})")


def _safe_range(*args: Any) -> range:
    for a in args:
        _check_int_arg(a, "range() bound", 10**15)
    rng = range(*args)
    if len(rng) > MAX_RANGE:
        raise _Limit(f"range() of {len(rng):,} items (limit {MAX_RANGE:,})")
    return rng


_PCT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format_string(fmt: Any) -> None:
    """Refuse format strings that ask for huge padding (``%0999999d``, ``{:>999999}``)."""
    if not isinstance(fmt, str):
        return
    for m in _PCT_SPEC.finditer(fmt):
        for g in m.groups():
            if g == "*" or (g and (len(g) > 6 or int(g) > MAX_WIDTH)):
                raise _Limit("a format string with a huge or computed width")
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # not a {}-style format string
    for _literal, _field, spec, _conversion in fields:
        if spec and ("{" in spec or any(len(n) > 6 or int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
            raise _Limit("a format string with a huge or computed width")


def _estimate_join(sep: str, items: list) -> int:
    return len(sep) * max(len(items) - 1, 0) + sum(_size(str(i)) if not isinstance(i, str) else len(i) for i in items)


def _check_str_method(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Estimate the result of a str method before running it; returns (maybe new) args."""
    s = obj.__self__
    name = obj.__name__
    if name in ("center", "ljust", "rjust", "zfill"):
        for a in list(args) + list(kwargs.values()):
            _check_int_arg(a, f"{name}() width")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        _check_int_arg(size, "expandtabs() size", 100)
        if isinstance(size, int) and len(s) + s.count("\t") * max(size, 0) > MAX_STRING:
            raise _Limit("expandtabs() result too long")
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        old, new = args[0], args[1]
        n = (len(s) + 1) if old == "" else s.count(old)
        if len(args) > 2 and isinstance(args[2], int) and args[2] >= 0:
            n = min(n, args[2])
        if len(s) + n * (len(new) - len(old)) > MAX_STRING:
            raise _Limit("replace() result too long")
    elif name == "join" and args:
        items = list(args[0])
        if _estimate_join(s, items) > MAX_STRING:
            raise _Limit("join() result too long")
        args = (items,) + tuple(args[1:])
    elif name in ("translate", "maketrans"):
        raise _Limit(f"str.{name}() is not available in letter templates")
    return args


def _safe_filters(base: dict[str, Callable]) -> dict[str, Callable]:
    """Wrap jinja's filters that can blow a small input up into a huge output."""
    f = dict(base)

    def center(value, width=80):
        _check_int_arg(width, "center width")
        return base["center"](value, width)

    def indent(s, width=4, first=False, blank=False):
        n = width if isinstance(width, int) else len(str(width))
        _check_int_arg(n, "indent width", 1000)
        if len(str(s)) + (str(s).count("\n") + 1) * n > MAX_STRING:
            raise _Limit("indent() result too long")
        return base["indent"](s, width, first, blank)

    @jinja2.pass_environment
    def wordwrap(env, s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
        _check_int_arg(width, "wordwrap width")
        if wrapstring is not None and len(str(wrapstring)) > 10:
            raise _Limit("wordwrap() wrapstring too long")
        if isinstance(width, int) and width < 1:
            raise _Limit("wordwrap() width must be at least 1")
        return base["wordwrap"](env, s, width, break_long_words, wrapstring, break_on_hyphens)

    def format_(value, *args, **kwargs):
        _check_format_string(value)
        return _check_size(base["format"](value, *args, **kwargs), "format() result")

    @jinja2.pass_eval_context
    def replace(eval_ctx, s, old, new, count=None):
        text, o, n = str(s), str(old), str(new)
        k = (len(text) + 1) if o == "" else text.count(o)
        if count is not None and isinstance(count, int) and count >= 0:
            k = min(k, count)
        if len(text) + k * (len(n) - len(o)) > MAX_STRING:
            raise _Limit("replace() result too long")
        return base["replace"](eval_ctx, s, old, new, count)

    @jinja2.pass_eval_context
    def join(eval_ctx, value, d="", attribute=None):
        items = list(value)
        if _estimate_join(str(d), items) > MAX_STRING:
            raise _Limit("join() result too long")
        return base["join"](eval_ctx, items, d, attribute)

    def batch(value, linecount, fill_with=None):
        _check_int_arg(linecount, "batch size")
        return base["batch"](value, linecount, fill_with)

    def slice_(value, slices, fill_with=None):
        _check_int_arg(slices, "number of slices", 1000)
        return base["slice"](value, slices, fill_with)

    @jinja2.pass_environment
    def truncate(env, s, length=255, killwords=False, end="...", leeway=None):
        return base["truncate"](env, s, length, killwords, str(end)[:100], leeway)

    @jinja2.pass_environment
    def sum_(env, iterable, attribute=None, start=0):
        items = list(iterable)
        if not isinstance(start, (int, float)) or any(not isinstance(i, (int, float)) for i in items):
            total = _size(start) + sum(_size(i) for i in items)
            if total > MAX_STRING:
                raise _Limit("sum() result too long")
        return base["sum"](env, items, attribute, start)

    f.update(
        center=center,
        indent=indent,
        wordwrap=wordwrap,
        format=format_,
        replace=replace,
        join=join,
        batch=batch,
        slice=slice_,
        truncate=truncate,
        sum=sum_,
    )
    return f


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
            raise _Fail(f"ukdate needs a date like 2026-11-23, not {text[:40]!r}") from None
    return human_long(value)


_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def oneline(value: Any) -> str:
    """The value on one line (for Subject lines): line breaks become spaces."""
    return _LINE_BREAKS.sub(" ", str(value))


def _fail(message: Any = "cannot be used with this request") -> None:
    raise _Fail(str(message)[:300])


@jinja2.pass_context
def _guard_iter(context: Any, iterable: Any):
    """Wrapped around every ``for`` loop's iterable: counts iterations per render."""
    budget = _budget()
    if isinstance(iterable, jinja2.Undefined):
        iter(iterable)  # StrictUndefined: raises with the variable's name
    for item in iterable:
        budget.iterations += 1
        if budget.iterations > MAX_ITERATIONS:
            raise _Limit(f"more than {MAX_ITERATIONS:,} loop iterations")
        yield item


@jinja2.pass_context
def _guard_emit(context: Any, value: Any) -> Any:
    """Wrapped around everything a template writes: counts characters per render."""
    budget = _budget()
    if isinstance(value, str):
        n = len(value)
    elif isinstance(value, jinja2.Undefined):
        return value  # jinja reports it when it is written
    else:
        n = len(str(value))
    budget.emitted += n
    if budget.emitted > MAX_EMITTED:
        raise _Limit(f"more than {MAX_EMITTED:,} characters written")
    return value


@jinja2.pass_context
def _guard_concat(context: Any, value: Any) -> Any:
    return _check_size(value, "a string")


class _Missing(UndefinedError):
    """A StrictUndefined value was used; remembers which name was missing."""

    def __init__(self, message: str | None = None, *, name: Any = None, obj: Any = None):
        super().__init__(message)
        self.missing_name = name
        self.missing_obj = obj


class _StrictUndefined(jinja2.StrictUndefined):
    __slots__ = ()

    def __init__(self, hint=None, obj=jinja2.utils.missing, name=None, exc=UndefinedError):
        if exc is UndefinedError:
            exc = functools.partial(_Missing, name=name, obj=obj)
        super().__init__(hint=hint, obj=obj, name=name, exc=exc)


class _LetterLoader(jinja2.BaseLoader):
    """Serves ``NAME.txt.j2`` files directly inside one folder, nothing else."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def get_source(self, environment, template):
        name = _clean_name(template)
        path = _find(self.folder, name) if name is not None else None
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
            and _clean_name(e.name) is not None
            and _find(self.folder, _clean_name(e.name)) is not None
        ]


class _LetterEnvironment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset(["*", "**", "+", "%"])

    def _parse(self, source, name, filename):
        tree = _Guard().visit(super()._parse(source, name, filename))
        tree.set_environment(self)
        return tree

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int):
                if right < 0 or abs(left) < 2:
                    pass
                elif right > MAX_INT_BITS or abs(left).bit_length() * right > MAX_INT_BITS:
                    raise _Limit("a number too large to compute")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    if len(seq) * n > MAX_STRING:
                        raise _Limit(f"a value of {len(seq) * n:,} items (limit {MAX_STRING:,})")
            if isinstance(left, int) and isinstance(right, int):
                if abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                    raise _Limit("a number too large to compute")
        elif operator == "%" and isinstance(left, str):
            _check_format_string(left)
        result = super().call_binop(context, operator, left, right)
        return _check_size(result)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (jinja's convention)
        if getattr(__obj, "__self__", None) is not None and isinstance(__obj.__self__, str) and callable(__obj):
            args = _check_str_method(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        return _check_size(result)

    def wrap_str_format(self, value):
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        def checked(*args, **kwargs):
            _check_format_string(fmt)
            return _check_size(wrapper(*args, **kwargs), "format() result")

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
def _environment(user_dir: str | None) -> _LetterEnvironment:
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
    env.filters = _safe_filters(env.filters)
    env.filters.update(
        ukdate=ukdate, oneline=oneline, _foi_iter=_guard_iter, _foi_emit=_guard_emit, _foi_concat=_guard_concat
    )
    env.globals.pop("lipsum", None)
    env.globals.update(range=_safe_range, fail=_fail)
    return env


# ----------------------------------------------------------------------- render


def _plain(value: Any, depth: int = 0) -> Any:
    """Plain data only in the context: templates must not reach objects with methods."""
    if depth > 20:
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str, date)):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value, depth + 1)
    if isinstance(value, Path):
        return str(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v, depth + 1) for v in value]
    return str(value)


def _build_context(context: Mapping[str, Any] | None) -> dict[str, Any]:
    ctx = _plain(dict(context or {}))
    variables = ctx.get("vars") or {}
    if not isinstance(variables, dict):
        raise TemplateError("the letter's --var values must be NAME=VALUE pairs")
    ctx["vars"] = variables
    for key, value in variables.items():
        if key.isidentifier():
            ctx.setdefault(key, value)  # the letter's own data wins over a --var
    ctx.setdefault("today", date.today())
    ctx.setdefault("body", "")
    if "law" not in ctx and str(ctx.get("regime", "")).lower() in LAW:
        ctx["law"] = law_for(ctx["regime"])
    return ctx


def _where(exc: BaseException, top: str) -> str:
    """`` (line 12)`` or `` (in _foia, line 12)`` from jinja's rewritten traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename and frame.filename.endswith(SUFFIX):
            name = Path(frame.filename).name[: -len(SUFFIX)]
            return f" (line {frame.lineno})" if name == top else f" (in {name}, line {frame.lineno})"
    return ""


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _convert(exc: BaseException, name: str, ctx: dict[str, Any]) -> TemplateError:
    where = _where(exc, name)
    if isinstance(exc, TemplateSyntaxError):
        origin = _clean_name(exc.name or "") or name
        at = f"line {exc.lineno}" if origin == name else f"{origin}, line {exc.lineno}"
        return TemplateError(f"template '{name}' has a syntax error ({at}): {_one_line(exc.message)}")
    if isinstance(exc, _Missing):
        var = exc.missing_name
        obj = exc.missing_obj
        if obj is jinja2.utils.missing or obj is ctx.get("vars"):
            return TemplateError(f"template '{name}' needs a value for '{var}': add --var {var}=VALUE")
        return TemplateError(
            f"template '{name}' uses '{var}'{where}, which this letter's data does not have",
            hint="check the spelling; letter_templates/README.md lists the data templates get",
        )
    if isinstance(exc, SecurityError):
        return TemplateError(f"template '{name}' tried something unsafe and was stopped{where}: {_one_line(exc)}")
    if isinstance(exc, TemplateNotFound):
        return TemplateError(
            f"template '{name}'{where} includes '{exc.name}', which is not a template in the template folders"
        )
    if isinstance(exc, _Limit):
        return TemplateError(f"template '{name}' tried to do too much work and was stopped{where}: {exc}")
    if isinstance(exc, _Fail):
        return TemplateError(f"template '{name}'{where}: {_one_line(exc)}")
    if isinstance(exc, RecursionError):
        return TemplateError(f"template '{name}' calls itself without end{where} (a macro, include or extends loop?)")
    if isinstance(exc, MemoryError):
        return TemplateError(f"template '{name}' ran out of memory{where}")
    return TemplateError(f"template '{name}' failed{where}: {type(exc).__name__}: {_one_line(exc)[:300]}")


def render(name: str, context: Mapping[str, Any], user_dir: Path | None = None) -> str:
    """Render template *name* with *context* (see letter_templates/README.md).

    Raises :class:`foi.errors.NotFound` for an unknown template and
    :class:`foi.errors.TemplateError` (one line) for everything that goes
    wrong while rendering.
    """
    info = get_template_info(name, user_dir)
    folder = None
    if user_dir is not None:
        folder = str(Path(user_dir).expanduser().resolve())
    env = _environment(folder)
    ctx = _build_context(context)
    token = _BUDGET.set(_Budget())
    try:
        template = env.get_template(info.name + SUFFIX)
        chunks: list[str] = []
        total = 0
        for chunk in template.generate(ctx):
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise _Limit(f"a letter longer than {MAX_OUTPUT:,} characters")
            chunks.append(chunk)
        return "".join(chunks)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes one TemplateError line
        raise _convert(exc, info.name, ctx) from exc
    finally:
        _BUDGET.reset(token)
