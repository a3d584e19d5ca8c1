"""Klassikaal with thirty trainees: the figures of ``benchmarks.class_load``.

Runs ``python -m benchmarks.class_load --json`` in a subprocess (30 trainees; 3 with
``--quick``) and turns its figures into lines here, with the issue's target: from the
trainer's "verder" to the next fase on every trainee's screen, p95 at most 300 ms.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from benchmarks.common import ROOT, Figure, child_env

TARGETS = {"class_continue_p95": 300.0}
SHOWN = (
    "class_samples",
    "class_continue_median",
    "class_continue_p95",
    "class_continue_max",
    "class_continue_cpu_median",
)


def available() -> bool:
    return importlib.util.find_spec("benchmarks.class_load") is not None


def run(quick: bool) -> list[Figure]:
    sessions = 3 if quick else 30
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.class_load", "--sessions", str(sessions), "--json"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=1800,
        check=False,
    )
    try:
        outcome = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"class_load gaf geen JSON (code {done.returncode}): {done.stderr.strip()[-800:]}"
        ) from None
    figures = outcome["figures"]
    problems = "; ".join(outcome.get("problems", []))[:200]
    out = []
    for name in SHOWN:
        value, unit = figures[name]["value"], figures[name]["unit"]
        note = f"{sessions} trainees" + (f"; {problems}" if problems and name == SHOWN[0] else "")
        out.append(Figure(name, float(value), unit, TARGETS.get(name), note=note))
    return out
