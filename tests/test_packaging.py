"""The wheel carries the package's non-Python files (the HTML report's CSS and JS)."""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_includes_the_report_assets(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"foi/export/report.css", "foi/export/sort.js"} <= names


def test_assets_are_read_from_the_package():
    from foi.export.html import asset

    assert "@media print" in asset("report.css")
    assert "aria-sort" in asset("sort.js")
