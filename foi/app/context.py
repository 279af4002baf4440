"""The application's context: how foi was invoked (store, today, templates)
and the store, read or under its lock, with the settings that go with it.

The CLI makes one :class:`App` per command (:meth:`App.from_options`) and the
application services take it; from Python, make one directly.  Here, and
only here, "today" comes from the clock (or ``--today`` / ``FOI_TODAY``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

#: Set by the console script (:func:`foi.cli.main`): the process ends with the
#: command, so the store read at its start may be moved out of the garbage
#: collector's sight (``gc.freeze``).  Left off in-process (tests, CliRunner).
FREEZE_STORE = False

#: What a console run keeps until the process ends: the store it read (and so
#: every object parsed from it).  Freeing several hundred thousand objects one
#: at a time when the command returns would only delay the exit; the
#: interpreter's shutdown leaves what a module still refers to.
_KEPT: list = []


def _keep(made: Any) -> Any:
    """Keep what a command made for every request until the process ends
    (in a console run: see :data:`_KEPT`)."""
    if FREEZE_STORE:
        _KEPT.append(made)
    return made


@contextmanager
def gc_paused() -> Iterator[Callable[[Any], Any]]:
    """Pause the cyclic garbage collector while the store is parsed, or while a
    command makes its objects for every request (views, records, items);
    gives :func:`_keep`, for what was made.

    Parsing allocates about 100 containers per request and none of them is
    garbage: every collection triggered on the way walks all the objects made
    so far, for nothing (so would it walk the records made per request, which
    live as long as the command).  Afterwards, in a console run, ``gc.freeze``
    keeps later collections from walking them again."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield _keep
    finally:
        if FREEZE_STORE:
            gc.freeze()
        if was_enabled:
            gc.enable()


class App:
    """Everything a command needs to know about how foi was invoked."""

    def __init__(
        self,
        store_path: Path | str,
        today: date,
        templates_dir: Path | str | None,
        debug: bool = False,
        notify: Callable[[str], None] | None = None,
    ):
        self._store_file, self._templates = store_path, templates_dir  # (text from the CLI: see store_path)
        self.today = today
        self.debug = debug
        #: Tells the person something on the way (the CLI prints it on stderr).
        self.notify: Callable[[str], None] = notify or (lambda message: None)
        self._cache: dict = {}

    @property
    def store_path(self) -> Path:
        """The store's path.  The CLI gives it as text, made a ``Path`` on first
        use: a read command opens the store without importing pathlib."""
        from ..store.files import as_path

        self._store_file = as_path(self._store_file)
        return self._store_file

    @property
    def templates_dir(self) -> Path | None:
        """Your templates folder, if any (a ``Path``, as :attr:`store_path`)."""
        if self._templates is not None:
            from ..store.files import as_path

            self._templates = as_path(self._templates)
        return self._templates

    def __repr__(self) -> str:
        return (
            f"App(store_path={self.store_path!r}, today={self.today!r}, "
            f"templates_dir={self.templates_dir!r}, debug={self.debug!r})"
        )

    @classmethod
    def from_options(
        cls,
        store: str | None,
        today: str | None,
        templates: str | None,
        debug: bool,
        notify: Callable[[str], None] | None = None,
    ) -> App:
        """From the top-level options; what they leave out comes from the
        environment or the defaults (:mod:`foi.settings`)."""
        from .. import settings
        from ..dates import parse_date

        real_today = date.today()
        today = today or settings.env_value("today")
        return cls(
            store_path=settings.store_path(store),
            today=parse_date(today, real_today) if today else real_today,
            templates_dir=settings.templates_dir(templates),
            debug=debug,
            notify=notify,
        )

    # -- the store ----------------------------------------------------------
    def read(self):
        """The store, read-only (an empty one if it does not exist yet)."""
        if "store" not in self._cache:
            from ..store import open_store

            with gc_paused(), open_store(self._store_file) as store:
                self._cache["store"] = store
            _keep(store)
        return self._cache["store"]

    @contextmanager
    def write(self) -> Iterator[Any]:
        """The store under its lock, committed once when the block succeeds."""
        from ..store import open_store

        opened = open_store(self.store_path, write=True)
        with gc_paused():
            store = opened.__enter__()
        _keep(store)
        try:
            self._cache["store"] = store
            self._drop_legacy_settings(store)
            yield store
        except BaseException:
            if not opened.__exit__(*sys.exc_info()):
                raise
        else:
            opened.__exit__(None, None, None)

    # -- settings ---------------------------------------------------------------
    def person(self, store=None) -> dict:
        """The person's own settings (their config file in the app folder).

        A store written by an older foi may still hold the person's details:
        those the person has not set yet are copied to their file (once), and
        the store loses them at its next change (:meth:`_drop_legacy_settings`)."""
        if "person" not in self._cache:
            from .. import settings

            person = settings.load_person()
            store = store if store is not None else self.read()
            copied, _ = settings.claim_legacy(store.config(), person)
            if copied:
                person = settings.update_person(copied)
                self.notify(
                    f"moved your {', '.join(copied)} from the store to your own settings "
                    f"({settings.person_config_path()}): every store uses them now"
                )
            self._cache["person"] = person
        return self._cache["person"]

    def settings(self, store=None) -> dict:
        """Every setting with a value: the person's and the store's."""
        from .. import settings

        store = store if store is not None else self.read()
        return settings.effective(self.person(store), store.config())

    def _drop_legacy_settings(self, store) -> None:
        """A person's settings do not belong in a store: on its first change
        by this foi, they leave it (after :meth:`person` has copied them)."""
        from .. import settings

        config = store.config()
        legacy = settings.legacy_person_settings(config)
        if not legacy:
            return
        person = self.person(store)
        for key, value in legacy.items():
            if value != person.get(key):
                self.notify(f"removed {key} {value!r} from the store: yours ({person.get(key)!r}) is used")
            del config[key]
        store.set_config(config)

    # -- derived views --------------------------------------------------------
    def calendars(self, store=None):
        from ..domain.calendars import Calendars

        store = store if store is not None else self.read()
        overrides = tuple(store.config().get("holidays", ()))
        return Calendars(overrides)

    def authorities(self, store=None) -> dict:
        from ..directory import merge, shipped_authorities

        store = store if store is not None else self.read()
        return merge(shipped_authorities(), store.user_authorities())
