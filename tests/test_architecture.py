"""The engine, the library, the command line and the judge work without the user interface.

Importing them must not pull in ``textual``: the scoring package stays pure functions, and
``regie run``/``check``/``list`` work on a machine without a terminal UI. Checked in a fresh
interpreter, so that nothing this test session imported earlier can hide or fake it.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from tests.sourcekit import parsed

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


# --- no private name crosses a module ------------------------------------------------------
# Private names of the standard library that Regie has to use (no public name exists).
FOREIGN_PRIVATE = {"os._exit", "argparse._SubParsersAction"}


@cache
def defined_names(tree: ast.AST) -> frozenset[str]:
    """The names a module defines or assigns: functions, classes, variables, attributes
    (worked out once per tree: ``parsed`` gives each file's tree once)."""
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            own.add(node.attr)
    return frozenset(own)


def private_crossings(path: Path, ours: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Where a module reaches a private name (``_name``) that another module defines: imported
    (``from simulator.x import _y``), read from something (``thing._y``) while this module
    neither defines nor assigns ``_y``, or inherited (``self._y``) from another of Regie's
    modules (``ours``: the private names Regie defines anywhere). A private name of a
    library's base class (Textual, textual-serve) is the pinned library's business."""
    tree = parsed(path)
    own = defined_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in OURS:
            found += [
                f"{path}:{node.lineno}: from {node.module} import {a.name}"
                for a in node.names
                if a.name.startswith("_") and not a.name.startswith("__")
            ]
        elif (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and node.attr not in own
            and ast.unparse(node) not in FOREIGN_PRIVATE
        ):
            inherited = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            if not inherited or node.attr in ours:
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


OURS = ("simulator", "scoring")


def test_no_private_name_is_used_across_modules() -> None:
    paths = [path for package in OURS for path in sorted((ROOT / package).rglob("*.py"))]
    ours = {name for path in paths for name in defined_names(parsed(path)) if name.startswith("_")}
    assert [line for path in paths for line in private_crossings(path, ours)] == []


def test_the_private_check_would_notice(tmp_path: Path) -> None:
    """A control: a module reaching into another's private names is caught, both ways."""
    module = tmp_path / "m.py"
    module.write_text(
        "from simulator.language.conditions import OPERATORS\n"
        "from simulator.language.reader import _hidden\n"
        "def f(store):\n"
        "    store._write()\n"
        "    self._mine = 1\n"
        "    return self._mine, os._exit, self._offered, self._textual_own\n",
        encoding="utf-8",
    )
    found = private_crossings(module, {"_offered", "_write"})
    assert [line.split(": ", 1)[1] for line in found] == [
        "from simulator.language.reader import _hidden",
        "store._write",
        "self._offered",
    ]
