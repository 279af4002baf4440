"""`foi config`: setting a value where its scope keeps it (your own config
file, or the store), and the store's bank holiday changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import settings


def write_setting(app, key: str, value: str | None) -> Path:
    """Set ``key`` to ``value`` (already checked), or remove it with None,
    where its scope keeps it; returns that file."""
    if settings.BY_KEY[key].scope == settings.PERSON:
        settings.update_person({key: value})
        return settings.person_config_path()
    with app.write() as store:
        cfg = store.config()
        if value is None:
            cfg.pop(key, None)
        else:
            cfg[key] = value
        store.set_config(cfg)
    return app.store_path


def change_holiday(app, day: date, nation: str, name: str, action: str) -> None:
    """Add (``action`` "add") or remove ("remove") a bank holiday for every due date.

    Rows apply in the order they were made, the latest last (it wins).  A new
    row replaces the earlier ones it covers: those for the same date and
    nation, or for every nation when it is for "all"."""
    with app.write() as store:
        cfg = store.config()
        iso = day.isoformat()
        rows = [
            h for h in cfg.get("holidays", []) if not (h["date"] == iso and (h["nation"] == nation or nation == "all"))
        ]
        rows.append({"date": iso, "nation": nation, "action": action, "name": name or ""})
        cfg["holidays"] = rows
        store.set_config(cfg)
