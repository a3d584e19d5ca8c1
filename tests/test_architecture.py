"""The engine, the library, the command line and the judge work without the user interface.

Importing them must not pull in ``textual``: the scoring package stays pure functions, and
``regie run``/``check``/``list`` work on a machine without a terminal UI. Checked in a fresh
interpreter, so that nothing this test session imported earlier can hide or fake it.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HEADLESS = [
    "simulator.engine.attempt",
    "simulator.language.library",
    "simulator.cli",
    "simulator.reports.transcript",  # imported by 'regie run'
]

CHECK = r"""
import importlib, json, pkgutil, sys
from pathlib import Path

for name in HEADLESS:
    importlib.import_module(name)

import scoring

found = {"scoring"}
# packages and modules that pkgutil can see ...
for info in pkgutil.walk_packages(scoring.__path__, "scoring."):
    found.add(info.name)
# ... and every .py file, also in folders without __init__.py (namespace packages)
for base in scoring.__path__:
    base = Path(base)
    for path in base.rglob("*.py"):
        parts = ("scoring", *path.relative_to(base).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if all(p.isidentifier() for p in parts):
            found.add(".".join(parts))
for name in sorted(found):
    importlib.import_module(name)

json.dump(
    {
        "scoring": sorted(found),
        "loaded": sorted(m for m in sys.modules if m == "textual" or m.startswith("textual.")),
        "imported": sorted(m for m in [*HEADLESS, *found] if m in sys.modules),
    },
    sys.stdout,
)
"""


def test_headless_modules_do_not_import_textual() -> None:
    code = f"HEADLESS = {HEADLESS!r}\n{CHECK}"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert "scoring" in result["scoring"]
    assert set(result["imported"]) == {*HEADLESS, *result["scoring"]}
    assert result["loaded"] == [], f"textual imported by: {result['loaded']}"


def test_the_check_would_notice_textual() -> None:
    """A control: the same probe does see textual when something imports it."""
    if importlib.util.find_spec("textual") is None:  # pragma: no cover
        pytest.skip("textual is not installed")
    code = f"HEADLESS = ['textual']\n{CHECK}"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "textual" in json.loads(proc.stdout)["loaded"]
