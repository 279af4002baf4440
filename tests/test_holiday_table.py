"""The shipped bank holiday table (foi/domain/holiday_table.py, GENERATED)
is what the installed `holidays` package gives: a new holidays release with a
newly proclaimed day shows up here, and `python data/build_holiday_table.py`
brings the table up to date."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from foi.domain import holiday_table

ROOT = Path(__file__).resolve().parents[1]


def _builder():
    spec = importlib.util.spec_from_file_location("build_holiday_table", ROOT / "data" / "build_holiday_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_table_is_what_the_installed_holidays_package_gives():
    build = _builder()
    assert (build.FIRST_YEAR, build.LAST_YEAR) == (holiday_table.FIRST_YEAR, holiday_table.LAST_YEAR)
    assert build.build() == holiday_table.HOLIDAYS, "run python data/build_holiday_table.py"


def test_the_builder_checks_without_writing():
    before = (ROOT / "foi" / "domain" / "holiday_table.py").read_bytes()
    r = subprocess.run([sys.executable, str(ROOT / "data" / "build_holiday_table.py"), "--check"], capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    assert (ROOT / "foi" / "domain" / "holiday_table.py").read_bytes() == before
