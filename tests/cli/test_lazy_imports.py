"""A command imports what it needs and nothing more: ``regie check`` of files it has checked
before reads the cache, without the checks, the engine or the scoring; no command that
needs none of them imports the store, the reports or the server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import contextlib, io, json, sys
from simulator.cli import main
before = set(sys.modules)
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "at_import": sorted(before), "after": sorted(sys.modules)}))
"""

NEVER_FOR_CHECKING = ("simulator.store", "simulator.reports", "simulator.serve", "sqlite3")
CHECKS = (
    "simulator.engine.attempt",  # the engine itself (its package holds a leaf of limits)
    "simulator.engine.bots",
    "scoring",
    "simulator.authoring.intent",
    "simulator.authoring.explore",
    "yaml",
    "transitions",
)


def modules_of(cache: Path, *argv: str) -> dict[str, object]:
    env = dict(os.environ, REGIE_CACHE=str(cache))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def loaded(modules: object, prefixes: tuple[str, ...]) -> list[str]:
    assert isinstance(modules, list)
    return [m for m in modules if m in prefixes or m.startswith(tuple(p + "." for p in prefixes))]


def test_the_command_line_imports_no_store_reports_or_server(tmp_path: Path) -> None:
    result = modules_of(tmp_path, "list")
    assert loaded(result["at_import"], (*NEVER_FOR_CHECKING, "simulator.authoring")) == []
    assert loaded(result["after"], NEVER_FOR_CHECKING) == []  # 'regie list' needs none


def test_a_warm_check_imports_neither_the_checks_nor_the_engine(tmp_path: Path) -> None:
    # one bundled scenario (with the catalogue and its profile): the cold check of the two
    # dossiers alone takes three seconds, and what is imported does not depend on the file
    scenario = str(ROOT / "scenarios" / "bibliotheek" / "bev-wachtruimte-verstoring.yaml")
    cold = modules_of(tmp_path, "check", scenario)
    assert cold["code"] == 0
    assert loaded(cold["after"], CHECKS)  # the first time, everything is checked
    assert loaded(cold["after"], NEVER_FOR_CHECKING) == []
    warm = modules_of(tmp_path, "check", scenario)
    assert warm["code"] == 0
    assert loaded(warm["after"], CHECKS) == []
    assert loaded(warm["after"], NEVER_FOR_CHECKING) == []
