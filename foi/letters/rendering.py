"""Rendering a letter: plain data in, one letter out, or one line saying
what went wrong in which template."""

from __future__ import annotations

import dataclasses
import enum
import traceback
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import jinja2.utils
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError

from ..domain.law import LAW, law_for
from ..errors import TemplateError
from .catalog import SUFFIX, clean_name, get_template_info
from .limits import MAX_OUTPUT, Fail, Limit, budgeted
from .sandbox import Missing, environment


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
        origin = clean_name(exc.name or "") or name
        at = f"line {exc.lineno}" if origin == name else f"{origin}, line {exc.lineno}"
        return TemplateError(f"template '{name}' has a syntax error ({at}): {_one_line(exc.message)}")
    if isinstance(exc, Missing):
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
    if isinstance(exc, Limit):
        return TemplateError(f"template '{name}' tried to do too much work and was stopped{where}: {exc}")
    if isinstance(exc, Fail):
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
    env = environment(folder)
    ctx = _build_context(context)
    try:
        with budgeted():
            template = env.get_template(info.name + SUFFIX)
            chunks: list[str] = []
            total = 0
            for chunk in template.generate(ctx):
                total += len(chunk)
                if total > MAX_OUTPUT:
                    raise Limit(f"a letter longer than {MAX_OUTPUT:,} characters")
                chunks.append(chunk)
            return "".join(chunks)
    except TemplateError:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes one TemplateError line
        raise _convert(exc, info.name, ctx) from exc


def variables_of(name: str, user_dir: Path | None = None) -> frozenset[str] | None:
    """Every name template *name* reads (with the templates it includes): its
    free variables and the ``vars.X`` / ``vars["X"]`` / ``vars.get("X")`` it
    looks up.  ``None`` when that cannot be known from the text (an include
    whose name is computed, ``vars`` used as a whole, a syntax error: render
    reports that one)."""
    from jinja2 import meta, nodes

    info = get_template_info(name, user_dir)
    env = environment(str(Path(user_dir).expanduser().resolve()) if user_dir is not None else None)
    found: set[str] = set()
    todo, seen = [info.name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            tree = env.parse(env.loader.get_source(env, current + SUFFIX)[0])
        except (TemplateNotFound, TemplateSyntaxError):
            return None
        looked_up = _vars_lookups(tree, nodes)
        if looked_up is None:
            return None
        found |= looked_up | set(meta.find_undeclared_variables(tree))
        for ref in meta.find_referenced_templates(tree):
            if ref is None or clean_name(ref) is None:
                return None
            todo.append(clean_name(ref))
    return frozenset(found - set(env.globals))


def _vars_lookups(tree: Any, nodes: Any) -> set[str] | None:
    """The keys read from ``vars`` in one template; None if ``vars`` is used
    in a way that could read any key."""
    keys: set[str] = set()
    handled: set[int] = set()
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if not (isinstance(node.node, nodes.Name) and node.node.name == "vars"):
            continue
        if isinstance(node, nodes.Getattr) and node.attr != "get":
            keys.add(node.attr)
        elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            keys.add(node.arg.value)
        else:
            continue  # vars.get: counted with its call below
        handled.add(id(node.node))
    for call in tree.find_all(nodes.Call):
        target = call.node
        if (
            isinstance(target, nodes.Getattr)
            and target.attr == "get"
            and isinstance(target.node, nodes.Name)
            and target.node.name == "vars"
            and call.args
            and isinstance(call.args[0], nodes.Const)
        ):
            keys.add(str(call.args[0].value))
            handled.add(id(target.node))
    uses = [n for n in tree.find_all(nodes.Name) if n.name == "vars"]
    return keys if all(id(n) in handled for n in uses) else None
