"""Settings: one table of every key foi reads, and where each one lives.

:data:`SPEC` is the only place a setting is described: its key, type,
default, help, environment variable and scope.  ``foi config`` (set, get,
list, its ``--help``), the top-level ``--help`` and the README's settings
table are all made from it (a test checks the README).  Adding a setting is
one :class:`Setting` row.

Scopes:

``person``
    Yours, whatever store you use: your name and addresses for correspondence
    (FOIA s.8(1)(b), FOISA s.8(1)(b)).  Kept in your own config file in the
    app folder (:func:`person_config_path`, 0600), never in a store, so a
    store shared by a coalition puts each member's own name on their letters.
``store``
    The campaign's or organisation's, kept in the store and shared with it.

A setting with ``env`` is read from that environment variable (which wins
over a file); one that is not ``writable`` is only an environment variable or
a command-line option (the store's path, the lock timeout...).  Passwords are
never settings: they come from the environment or a ``*.password_command``.

Environment variables are read here and nowhere else (:func:`env_value`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from .errors import FoiError, StoreError, UsageError
from .mail.settings_rows import mail_rows as _mail_settings_rows

if TYPE_CHECKING:
    from pathlib import Path

PERSON = "person"
STORE = "store"

#: The file in the app folder that holds the person's settings.
PERSON_CONFIG_FILENAME = "config.json"


class Setting:
    """One row of :data:`SPEC`."""

    __slots__ = ("key", "help", "scope", "type", "default", "env", "writable", "choices", "check")

    def __init__(
        self,
        key: str,
        help: str,
        scope: str,
        type: str = "text",
        default: str | None = None,
        env: str | None = None,
        writable: bool = True,
        choices: tuple[str, ...] | None = None,
        check: Callable[[str, str], str] | None = None,
    ):
        """``type`` names a check in :data:`_TYPES`; ``choices`` limits the
        values; ``check(key, value)`` (returning the value to keep, or raising
        :class:`UsageError`) runs after both, for rules of one setting alone."""
        assert scope in (PERSON, STORE) and type in _TYPES, (key, scope, type)
        self.key, self.help, self.scope, self.type = key, help, scope, type
        self.default, self.env, self.writable = default, env, writable
        self.choices, self.check = choices, check

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, scope={self.scope!r}, type={self.type!r})"


# -- types: each checks a value as typed and returns it as kept -------------------


def _text(key: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise UsageError(f"{key} cannot be empty", f"use `foi config unset {key}` to remove it")
    from .domain.safe_text import has_control

    if has_control(value):  # escape sequences, CR, NUL... (issue 14.7)
        raise UsageError(f"{key} contains control characters", "type it again without them")
    return value


def _email(key: str, value: str) -> str:
    value = _text(key, value)
    if "@" not in value or any(c.isspace() for c in value):
        # it goes into every letter as the address for correspondence (FOIA s.8(1)(b))
        raise UsageError(
            f"{value!r} does not look like an email address",
            "give the address authorities should reply to, e.g. alex@example.org; "
            "a postal address goes in `foi config set address`",
        )
    return value


def _seconds(key: str, value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if number != number or number < 0:  # NaN or negative
        raise UsageError(f"{key}={value!r} is not a number of seconds", "for example 10, or 0.5")
    return value.strip()


def _integer(key: str, value: str) -> str:
    if not value.strip().isdigit():
        raise UsageError(f"{key}={value!r} is not a whole number", "for example 587")
    return str(int(value))


def _boolean(key: str, value: str) -> str:
    low = value.strip().lower()
    if low in ("yes", "true", "on", "1"):
        return "yes"
    if low in ("no", "false", "off", "0"):
        return "no"
    raise UsageError(f"{key}={value!r} is not yes or no", "use yes or no")


def _port(key: str, value: str) -> str:
    value = value.strip()
    if not (value.isdigit() and 0 < int(value) < 65536):
        raise UsageError(f"{key} must be a port number (1-65535), not {value!r}", f"e.g. foi config set {key} 587")
    return str(int(value))


def _path(key: str, value: str) -> str:
    """Kept absolute: a relative path would mean another file in another folder."""
    path = os.path.expanduser(_text(key, value))
    return path if os.path.isabs(path) else os.path.join(os.getcwd(), path)


def _date(key: str, value: str) -> str:
    from datetime import date

    from .dates import parse_date

    return parse_date(value, date.today()).isoformat()  # the real today: this is what sets the replayed one


_TYPES: dict[str, Callable[[str, str], str]] = {
    "text": _text,
    "email": _email,
    "seconds": _seconds,
    "integer": _integer,
    "boolean": _boolean,
    "port": _port,
    "path": _path,
    "date": _date,
}

# -- the table ----------------------------------------------------------------------

SPEC: tuple[Setting, ...] = (
    Setting("name", "your real name (FOIA s.8 / FOISA s.8 require it)", PERSON),
    Setting("email", "address for correspondence by email", PERSON, type="email"),
    Setting("address", "postal address for correspondence", PERSON),
    Setting("organisation", "the campaign or group's name", STORE),
    Setting(
        "store",
        "the store file (`foi git setup` sets it to the coalition's clone)",
        PERSON,
        type="path",
        default="foi.json in your app folder",
        env="FOI_STORE",
    ),
    Setting(
        "templates",
        "your own letter templates folder",
        PERSON,
        type="path",
        default="templates/ in your app folder, if it exists",
        env="FOI_TEMPLATES",
        writable=False,
    ),
    Setting(
        "today",
        "pretend today is this date, to replay a timeline",
        PERSON,
        type="date",
        default="the real date",
        env="FOI_TODAY",
        writable=False,
    ),
    Setting(
        "lock_timeout",
        "seconds to wait while another foi writes the store",
        PERSON,
        type="seconds",
        default="10",
        env="FOI_LOCK_TIMEOUT",
        writable=False,
    ),
)


# `foi mail` (issue 17): rows kept beside the mail code, joined to the one table here
SPEC = SPEC + _mail_settings_rows(Setting, PERSON)

BY_KEY: dict[str, Setting] = {s.key: s for s in SPEC}
#: Keys ``foi config set`` takes.
WRITABLE = tuple(s.key for s in SPEC if s.writable)
PERSON_KEYS = tuple(s.key for s in SPEC if s.scope == PERSON and s.writable)
STORE_KEYS = tuple(s.key for s in SPEC if s.scope == STORE and s.writable)


def setting(key: str) -> Setting:
    spec = BY_KEY.get(key)
    if spec is None:
        import difflib

        close = difflib.get_close_matches(key, WRITABLE, n=1)
        hint = (f"did you mean {close[0]}? " if close else "") + "settings: " + ", ".join(WRITABLE)
        raise UsageError(f"no setting called {key!r}", hint)
    return spec


def check(key: str, value: str) -> str:
    """``value`` as kept for ``key``, or a :class:`UsageError` saying what is wrong."""
    spec = setting(key)
    value = _TYPES[spec.type](key, value)
    if spec.choices is not None and value not in spec.choices:
        raise UsageError(f"{key} must be one of {', '.join(spec.choices)}, not {value!r}")
    return spec.check(key, value) if spec.check is not None else value


def env_value(key: str) -> str | None:
    """The environment's value for ``key`` (checked), or None if unset or empty."""
    spec = BY_KEY[key]
    raw = os.environ.get(spec.env or "")
    if not raw:
        return None
    try:
        return _TYPES[spec.type](spec.env, raw)
    except UsageError as exc:
        if spec.env in exc.message:
            raise
        raise UsageError(f"{spec.env}: {exc.message}", exc.hint) from None


def secret(key: str) -> str | None:
    """A secret (``smtp.password``) from its environment variable, as given, or
    None: read when needed, never kept (not cached, not written anywhere)."""
    return os.environ.get(BY_KEY[key].env or "") or None


def colour_choice() -> bool | None:
    """``NO_COLOR`` (no colour), ``FORCE_COLOR`` (colour even off a terminal),
    else None: colour only on a terminal.  Standard variables, not settings."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return None


def lock_timeout() -> float:
    """Seconds to wait for the store's lock (``FOI_LOCK_TIMEOUT``)."""
    try:
        return float(env_value("lock_timeout") or BY_KEY["lock_timeout"].default)
    except UsageError as exc:  # a store problem (exit 1), as it always was
        raise StoreError(exc.message, exc.hint) from None


def option_help(key: str, text: str | None = None) -> str:
    """The help of the command-line option that sets ``key``: its help, env var and default."""
    spec = BY_KEY[key]
    where = "; ".join(x for x in (spec.env and f"env {spec.env}", spec.default and f"default: {spec.default}") if x)
    return f"{(text or spec.help)[0].upper()}{(text or spec.help)[1:]}" + (f" [{where}]." if where else ".")


# -- the app folder and the person's config file ----------------------------------------


def app_dir() -> Path:
    """foi's folder for this user (``~/.config/foi`` on Linux)."""
    from pathlib import Path

    return Path(app_folder())


def app_folder() -> str:
    """:func:`app_dir` as text."""
    from click import get_app_dir  # click is always installed with foi

    return get_app_dir("foi")


def store_path(option: str | None = None) -> str:
    """The store's path (as text: a read command need not import pathlib):
    ``--store``, else ``FOI_STORE``, else your ``store`` setting, else the app folder's."""
    chosen = option or env_value("store") or load_person().get("store")
    if chosen:
        path = os.path.expanduser(chosen).rstrip("/") or "/"
        if os.path.isdir(path):  # (click checks --store itself)
            raise UsageError(f"FOI_STORE {path} is a directory", f"give the store's file, e.g. {path}/foi.json")
        return path
    from .store import STORE_FILENAME

    return os.path.join(app_folder(), STORE_FILENAME)


def templates_dir(option: str | None = None) -> str | None:
    """Your templates folder: ``--templates``, else ``FOI_TEMPLATES``, else the app folder's (if it exists)."""
    chosen = option or env_value("templates")
    if chosen:
        return os.path.expanduser(chosen)
    folder = os.path.join(app_folder(), "templates")
    return folder if os.path.isdir(folder) else None


def person_config_path() -> Path:
    return app_dir() / PERSON_CONFIG_FILENAME


def load_person(path: Path | None = None) -> dict[str, str]:
    """The person's settings (``{}`` if the file does not exist yet)."""
    import json

    path = path or os.path.join(app_folder(), PERSON_CONFIG_FILENAME)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise FoiError(f"cannot read your settings {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise FoiError(
            f"your settings file {path} is not valid JSON ({exc})",
            "fix it in an editor, or remove it and set your details again with `foi config set`",
        ) from None
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        raise FoiError(
            f"your settings file {path} is not an object of text values",
            "fix it in an editor, or remove it and set your details again with `foi config set`",
        )
    return data


def update_person(changes: Mapping[str, str | None], path: Path | None = None) -> dict[str, str]:
    """Set (or, for None, remove) person settings; the file is rewritten
    atomically (0600 in a 0700 folder) under a lock.  Returns the new settings."""
    import json

    from .store import atomic_write_bytes, lock_path
    from .store.lock import Lock

    path = path or person_config_path()
    lock = Lock(lock_path(path), lock_timeout())
    lock.acquire()
    try:
        values = load_person(path)
        for key, value in changes.items():
            if value is None:
                values.pop(key, None)
            else:
                values[key] = value
        payload = (json.dumps(values, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
        atomic_write_bytes(path, payload, keep_backup=False)
    finally:
        lock.release()
    return values


# -- what a command sees ----------------------------------------------------------------


def effective(person: Mapping[str, Any], store: Mapping[str, Any]) -> dict[str, str]:
    """Every writable setting that has a value: the person's from their file,
    the store's from the store (person settings left in a store by an older
    foi are ignored: see :func:`legacy_person_settings`)."""
    out: dict[str, str] = {}
    for spec in SPEC:
        if not spec.writable:
            continue
        value = (person if spec.scope == PERSON else store).get(spec.key)
        if isinstance(value, str) and value:
            out[spec.key] = value
    return out


def source_of(key: str, person: Mapping[str, Any], store: Mapping[str, Any]) -> str:
    """Where ``key``'s value comes from: env, person, store or default."""
    spec = BY_KEY[key]
    if spec.env and os.environ.get(spec.env):
        return "env"
    if spec.writable and (person if spec.scope == PERSON else store).get(key):
        return spec.scope
    return "default"


def legacy_person_settings(store: Mapping[str, Any]) -> dict[str, Any]:
    """Person settings an older foi kept in the store (they move to the
    person's own file: :func:`claim_legacy`)."""
    return {k: store[k] for k in PERSON_KEYS if k in store}


def claim_legacy(store: Mapping[str, Any], person: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """What moving a store's person settings to the person's file does:
    ``(copied, kept)``.  ``copied`` are the store's values for keys the
    person has not set (they become the person's); ``kept`` are the store's
    values that differ from what the person set (theirs wins; the store's are
    named to them, and stay in the store's backup)."""
    copied: dict[str, str] = {}
    kept: dict[str, str] = {}
    for key, value in legacy_person_settings(store).items():
        if not isinstance(value, str) or not value.strip():
            continue
        if not person.get(key):
            copied[key] = value
        elif person[key] != value:
            kept[key] = value
    return copied, kept


# -- documentation -----------------------------------------------------------------------


def help_rows(keys: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """(key, help with scope/env) rows for ``foi config --help``."""
    rows = []
    for spec in SPEC if keys is None else (BY_KEY[k] for k in keys):
        where = "yours, for every store" if spec.scope == PERSON else "the store's"
        rows.append((spec.key, f"{spec.help} ({where})" if spec.writable else spec.help))
    return rows


def markdown_table() -> str:
    """The README's settings table."""
    lines = [
        "| setting | what | where it is kept | environment | default |",
        "|---|---|---|---|---|",
    ]
    for s in SPEC:
        where = "your config file" if s.scope == PERSON else "the store"
        if not s.writable:
            where = "environment or option only"
        env = f"`{s.env}`" if s.env else ""
        lines.append(f"| `{s.key}` | {s.help} | {where} | {env} | {s.default or ''} |")
    return "\n".join(lines) + "\n"
