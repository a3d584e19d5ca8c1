"""Klassikaal with thirty trainees: the figures of ``benchmarks.class_load``.

Runs ``python -m benchmarks.class_load --json`` in a subprocess (30 trainees; 3 with
``--quick``) and turns its figures into lines here, with the issue's target: from the
trainer's "verder" to the next fase on every trainee's screen, p95 at most 300 ms.
"""

from __future__ import annotations

import importlib.util

from benchmarks.common import Figure, report_figures, run_module

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
    outcome = run_module("class_load", "--sessions", str(sessions))
    return report_figures(outcome, SHOWN, TARGETS, f"{sessions} trainees")
