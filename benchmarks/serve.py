"""``regie serve`` with many sessions at once: the figures of ``benchmarks.serve_load``.

Runs ``python -m benchmarks.serve_load --json`` in a subprocess (30 sessions; 3 with
``--quick``) and turns its figures into lines here, with the issue's targets: at most 60 MB
per session (the largest proportional set size of one session's process) and key to screen
p95 at most 150 ms.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from benchmarks.common import ROOT, Figure, child_env

TARGETS = {"serve_session_pss_max": 60.0, "serve_key_to_screen_p95": 150.0}
SHOWN = (
    "serve_sessions_finished",
    "serve_session_pss_median",
    "serve_session_pss_max",
    "serve_key_to_screen_median",
    "serve_key_to_screen_p95",
)


def available() -> bool:
    return importlib.util.find_spec("benchmarks.serve_load") is not None


def run(quick: bool) -> list[Figure]:
    sessions = 3 if quick else 30
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.serve_load", "--sessions", str(sessions), "--json"],
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
            f"serve_load gaf geen JSON (code {done.returncode}): {done.stderr.strip()[-800:]}"
        ) from None
    figures = outcome["figures"]
    problems = "; ".join(outcome.get("problems", []))[:200]
    out = []
    for name in SHOWN:
        value, unit = figures[name]["value"], figures[name]["unit"]
        note = f"{sessions} sessies" + (f"; {problems}" if problems and name == SHOWN[0] else "")
        out.append(Figure(name, float(value), unit, TARGETS.get(name), note=note))
    return out
